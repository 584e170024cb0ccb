package s3fake

import (
	"log/slog"
	"net/url"
	"regexp"
	"strings"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/xmlcodec"
)

// accountIDPattern is what x-amz-expected-bucket-owner must look like.
var accountIDPattern = regexp.MustCompile(`^[0-9]{12}$`)

// authorize runs the checks every call makes before its own work, in S3's
// order: expected-owner syntax, bucket existence, authorization (the
// caller's identity policy and the bucket policy), expected-owner match.
// In dialect COS the expected-owner header is ignored, as IBM documents.
func (s *Server) authorize(req *request) error {
	op := req.op
	if !op.needsBucket() {
		return s.decide(req, op.action, op.resource, "")
	}
	expected, hasExpected := "", false
	if s.cfg.dialect == DialectAWS {
		if v := req.r.Header["X-Amz-Expected-Bucket-Owner"]; len(v) > 0 { // Values, without canonicalizing again
			expected, hasExpected = v[0], true
			if !accountIDPattern.MatchString(expected) {
				return xmlcodec.NewError(xmlcodec.InvalidBucketOwnerAWSAccountID,
					"The value of the expected bucket owner parameter must be an AWS Account ID... ["+expected+"]")
			}
		}
	}
	owner, ok := s.objects.BucketOwner(req.bucket)
	if !ok {
		return noSuchBucket(req.bucket)
	}
	if op.authz == authzRow {
		if err := s.decide(req, op.action, op.resource, owner); err != nil {
			return s.withBucketRegion(req, err)
		}
	}
	if hasExpected && expected != owner {
		return s.withBucketRegion(req, xmlcodec.NewError(xmlcodec.AccessDenied, ""))
	}
	if op.name == OpCopyObject || op.name == OpUploadPartCopy {
		return s.authorizeCopySource(req)
	}
	return nil
}

// authorizeCopySource checks s3:GetObject (s3:GetObjectVersion for a
// named version) on the copy source.
func (s *Server) authorizeCopySource(req *request) error {
	bucket, key, ok := copySource(req.r.Header.Get("X-Amz-Copy-Source"))
	if !ok {
		return xmlcodec.NewError(xmlcodec.InvalidArgument, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
	}
	owner, exists := s.objects.BucketOwner(bucket)
	if !exists {
		return noSuchBucket(bucket)
	}
	action := "s3:GetObject"
	versionID := copySourceVersion(req.r.Header.Get("X-Amz-Copy-Source"))
	if versionID != "" {
		action = "s3:GetObjectVersion" // reading a named version
	}
	return s.decideOn(req, action, access.ObjectARN(bucket, key), owner, bucket, versionID)
}

func (s *Server) decide(req *request, action, resource, owner string) error {
	return s.decideOn(req, action, resource, owner, req.bucket, req.query.Get("versionId"))
}

// decideOn evaluates action on resource of bucket (owned by owner) for the
// caller, and answers AccessDenied, or MethodNotAllowed where S3 does (a
// bucket-policy call from outside the owner's account). Where the
// bucket's ACLs are enabled, its grants or those of the object version
// versionID ("" the current one) take part (authz_acl.go).
func (s *Server) decideOn(req *request, action, resource, owner, bucket, versionID string) error {
	var policy *access.Policy
	if bucket != "" {
		policy = s.policies.parsedPolicy(bucket)
	}
	principal := req.auth.Principal()
	var ctx access.Context
	if policy != nil || principal.Policy != nil {
		// Condition keys matter only to a policy's conditions.
		ctx = access.Context{"aws:SecureTransport": {boolString(req.r.TLS != nil)}}
		if acl := req.r.Header.Get("X-Amz-Acl"); acl != "" {
			ctx["s3:x-amz-acl"] = []string{acl}
		}
	}
	areq := access.AuthzRequest{
		Principal: principal, Action: action, Resource: resource,
		BucketOwner: owner, BucketPolicy: policy, Context: ctx,
	}
	var d access.Decision
	if in, ok := s.aclInput(action, resource, bucket, versionID); ok && bucket != "" {
		d = access.AuthorizeWithACL(areq, in)
	} else {
		d = access.Authorize(areq)
	}
	if d.Allowed {
		return nil
	}
	s.cfg.logger.Debug("s3fake access denied", slog.String("principal", req.auth.Principal().String()),
		slog.String("action", action), slog.String("resource", resource), slog.String("reason", d.Reason))
	if d.NotOwnerAccount {
		return xmlcodec.NewError(xmlcodec.MethodNotAllowed, "")
	}
	return xmlcodec.NewError(xmlcodec.AccessDenied, "")
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// copySource parses x-amz-copy-source ("bucket/key" or "/bucket/key",
// URL-encoded, optionally with ?versionId=) into bucket and key.
func copySource(h string) (bucket, key string, ok bool) {
	h, _, _ = strings.Cut(h, "?")
	h, err := url.PathUnescape(h)
	if err != nil {
		return "", "", false
	}
	bucket, key, _ = strings.Cut(strings.TrimPrefix(h, "/"), "/")
	return bucket, key, bucket != "" && key != ""
}

// withBucketRegion adds x-amz-bucket-region to a refused HeadBucket: S3
// tells a caller that may not use a bucket where it is, and SDKs use the
// header to find a bucket's region.
func (s *Server) withBucketRegion(req *request, err error) error {
	e, ok := err.(*xmlcodec.ErrorBody)
	if !ok || req.op.name != OpHeadBucket {
		return err
	}
	if b, exists := s.objects.Bucket(req.bucket); exists {
		if e.Headers == nil {
			e.Headers = map[string]string{}
		}
		e.Headers["x-amz-bucket-region"] = s.bucketRegion(b)
	}
	return e
}
