package s3fake

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/s3fake/s3fake/xmlcodec"
)

// recoverPanic turns a panic in any handler into a logged InternalError, so
// that no panic reaches a client as a dropped connection. A panic is a bug:
// the log has the stack.
func (s *Server) recoverPanic(w http.ResponseWriter, r *http.Request, requestID string) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	s.cfg.logger.Error("s3fake panic", slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.String("panic", fmt.Sprint(v)), slog.String("stack", string(debug.Stack())))
	s.writeError(w, r, requestID, xmlcodec.NewError(xmlcodec.InternalError, ""))
}
