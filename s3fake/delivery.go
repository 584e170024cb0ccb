package s3fake

import (
	"fmt"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/inventory"
)

// checkDelivery applies AWS's delivery checks before a report is written:
// the destination bucket exists, is owned by the configuration's AccountId
// when it names one, and its bucket policy lets the service principal
// s3.amazonaws.com PutObject under the report prefix with the SourceArn,
// SourceAccount and x-amz-acl conditions S3 sends.
func (s *Server) checkDelivery(source string, cfg inventory.Configuration) error {
	dest := inventory.BucketFromARN(cfg.Destination.BucketARN)
	destOwner, ok := s.objects.BucketOwner(dest)
	if !ok {
		return fmt.Errorf("destination bucket %s does not exist", dest)
	}
	if id := cfg.Destination.AccountID; id != nil && *id != destOwner {
		return fmt.Errorf("destination bucket %s is owned by account %s, not by AccountId %s", dest, destOwner, *id)
	}
	sourceOwner, _ := s.objects.BucketOwner(source)
	probe := inventory.ReportKeyPrefix(cfg, source) + "/data/probe"
	d := access.Authorize(access.AuthzRequest{
		Principal:    access.ServicePrincipal("s3.amazonaws.com"),
		Action:       "s3:PutObject",
		Resource:     access.ObjectARN(dest, probe),
		BucketOwner:  destOwner,
		BucketPolicy: s.policies.parsedPolicy(dest),
		Context: access.Context{
			"aws:SourceArn":     {access.BucketARN(source)},
			"aws:SourceAccount": {sourceOwner},
			"s3:x-amz-acl":      {"bucket-owner-full-control"},
		},
	})
	if !d.Allowed {
		return fmt.Errorf("the policy of destination bucket %s does not let s3.amazonaws.com PutObject for source %s (account %s): %s",
			dest, source, sourceOwner, d.Reason)
	}
	return nil
}
