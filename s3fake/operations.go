package s3fake

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/s3fake/s3fake/internal/access"
)

// operation is what a request asks for, in S3's and IAM's terms.
type operation struct {
	// name is the S3 API operation, e.g. "PutBucketInventoryConfiguration".
	name string
	// action is the IAM action authorized, e.g. "s3:PutInventoryConfiguration".
	action string
	// resource is the ARN the action is on.
	resource string
	// needsBucket is true for every call on an existing bucket (all but
	// ListBuckets and CreateBucket): the bucket's existence, owner and
	// policy are checked before it runs.
	needsBucket bool
}

// classify names the operation of a request with the given bucket, key and
// query. It covers every call s3fake serves; unserved subresources are
// refused before authorization.
func classify(r *http.Request, bucket, key string, q url.Values) operation {
	m := r.Method
	if bucket == "" {
		return operation{name: "ListBuckets", action: "s3:ListAllMyBuckets", resource: "arn:aws:s3:::*"}
	}
	b := func(name, action string) operation {
		return operation{name: name, action: action, resource: access.BucketARN(bucket), needsBucket: true}
	}
	o := func(name, action string) operation {
		return operation{name: name, action: action, resource: access.ObjectARN(bucket, key), needsBucket: true}
	}
	if key == "" {
		switch {
		case q.Has("inventory"):
			switch {
			case m == http.MethodPut:
				return b("PutBucketInventoryConfiguration", "s3:PutInventoryConfiguration")
			case m == http.MethodDelete:
				return b("DeleteBucketInventoryConfiguration", "s3:PutInventoryConfiguration")
			case q.Has("id"):
				return b("GetBucketInventoryConfiguration", "s3:GetInventoryConfiguration")
			}
			return b("ListBucketInventoryConfigurations", "s3:GetInventoryConfiguration")
		case q.Has("policy"):
			switch m {
			case http.MethodPut:
				return b("PutBucketPolicy", "s3:PutBucketPolicy")
			case http.MethodDelete:
				return b("DeleteBucketPolicy", "s3:DeleteBucketPolicy")
			}
			return b("GetBucketPolicy", "s3:GetBucketPolicy")
		case q.Has("versioning"):
			if m == http.MethodPut {
				return b("PutBucketVersioning", "s3:PutBucketVersioning")
			}
			return b("GetBucketVersioning", "s3:GetBucketVersioning")
		case q.Has("versions"):
			return b("ListObjectVersions", "s3:ListBucketVersions")
		case q.Has("uploads"):
			return b("ListMultipartUploads", "s3:ListBucketMultipartUploads")
		case q.Has("location"):
			return b("GetBucketLocation", "s3:GetBucketLocation")
		case m == http.MethodPost && q.Has("delete"):
			// Per-key authorization would need the body; S3 evaluates
			// each key, s3fake evaluates the bucket's objects as a whole.
			return operation{name: "DeleteObjects", action: "s3:DeleteObject", resource: access.ObjectARN(bucket, "*"), needsBucket: true}
		case m == http.MethodPost:
			return operation{name: "PostObject", action: "s3:PutObject", resource: access.ObjectARN(bucket, "*"), needsBucket: true}
		case m == http.MethodPut:
			return operation{name: "CreateBucket", action: "s3:CreateBucket", resource: access.BucketARN(bucket)}
		case m == http.MethodDelete:
			return b("DeleteBucket", "s3:DeleteBucket")
		case m == http.MethodHead:
			return b("HeadBucket", "s3:ListBucket")
		}
		return b("ListObjects", "s3:ListBucket")
	}
	versioned := q.Get("versionId") != ""
	switch {
	case q.Has("uploadId"):
		switch m {
		case http.MethodPut:
			return o("UploadPart", "s3:PutObject")
		case http.MethodPost:
			return o("CompleteMultipartUpload", "s3:PutObject")
		case http.MethodDelete:
			return o("AbortMultipartUpload", "s3:AbortMultipartUpload")
		}
		return o("ListParts", "s3:ListMultipartUploadParts")
	case q.Has("uploads"):
		return o("CreateMultipartUpload", "s3:PutObject")
	case m == http.MethodPut && r.Header.Get("X-Amz-Copy-Source") != "":
		return o("CopyObject", "s3:PutObject")
	case m == http.MethodPut:
		return o("PutObject", "s3:PutObject")
	case m == http.MethodDelete && versioned:
		return o("DeleteObject", "s3:DeleteObjectVersion")
	case m == http.MethodDelete:
		return o("DeleteObject", "s3:DeleteObject")
	case m == http.MethodHead && versioned:
		return o("HeadObject", "s3:GetObjectVersion")
	case m == http.MethodHead:
		return o("HeadObject", "s3:GetObject")
	case versioned:
		return o("GetObject", "s3:GetObjectVersion")
	}
	return o("GetObject", "s3:GetObject")
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
