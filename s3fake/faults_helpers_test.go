package s3fake_test

import (
	"context"

	"github.com/aws/smithy-go/middleware"
)

type middlewareStack = middleware.Stack

// countAttempts adds a finalize step that counts every attempt the SDK
// sends, retries included.
func countAttempts(stack *middleware.Stack, n *int) error {
	return stack.Finalize.Add(middleware.FinalizeMiddlewareFunc("countAttempts",
		func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			*n++
			return next.HandleFinalize(ctx, in)
		}), middleware.After)
}
