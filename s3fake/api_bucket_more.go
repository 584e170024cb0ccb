package s3fake

// Bucket calls: DeleteBucket, HeadBucket, GetBucketLocation and the
// versioning configuration, over the store's bucket API.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html

import (
	"net/http"
	"strings"

	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// deleteBucket removes an empty bucket (versions and delete markers
// count: BucketNotEmpty, with BucketName). The store's OnBucketDeleted
// hook (Server.bucketDeleted) drops its inventory configurations and
// policy with it.
func (s *Server) deleteBucket(req *request) (response, error) {
	if err := s.objects.DeleteBucket(req.bucket); err != nil {
		return response{}, err
	}
	return response{status: http.StatusNoContent}, nil
}

// headBucket answers 200 with the bucket's region; the front handler
// already answered 404 or 403 (a HEAD error has no body).
func (s *Server) headBucket(req *request) (response, error) {
	b, ok := s.objects.Bucket(req.bucket)
	if !ok {
		return response{}, noSuchBucket(req.bucket)
	}
	return response{status: http.StatusOK, header: map[string]string{
		"x-amz-bucket-region":      s.bucketRegion(b),
		"x-amz-access-point-alias": "false",
	}}, nil
}

// getBucketLocation answers the bucket's location constraint: empty for
// a bucket in us-east-1, the constraint it was created with otherwise
// ("EU" stays "EU").
func (s *Server) getBucketLocation(req *request) (response, error) {
	b, ok := s.objects.Bucket(req.bucket)
	if !ok {
		return response{}, noSuchBucket(req.bucket)
	}
	location := b.Region
	if location == "" && s.cfg.region != "us-east-1" {
		location = s.cfg.region
	}
	return response{status: http.StatusOK, body: xmlcodec.EncodeLocationConstraint(location)}, nil
}

func (s *Server) getBucketVersioning(req *request) (response, error) {
	v, err := s.objects.BucketVersioning(req.bucket)
	if err != nil {
		return response{}, err
	}
	body := xmlcodec.EncodeVersioning(xmlcodec.Versioning{Status: string(v.Status), MFADelete: v.MFADelete})
	return response{status: http.StatusOK, body: body}, nil
}

// putBucketVersioning enables or suspends versioning. The document is
// read strictly (MalformedXML); a document naming MfaDelete needs the
// x-amz-mfa header, which s3fake checks for shape only; a bucket with
// Object Lock cannot be suspended (InvalidBucketState). Nothing turns
// versioning off again.
func (s *Server) putBucketVersioning(req *request) (response, error) {
	data, err := req.readDocument()
	if err != nil {
		return response{}, err
	}
	v, err := xmlcodec.DecodeVersioning(data)
	if err != nil {
		return response{}, err
	}
	if v.Status == "" && v.MFADelete == "" {
		return response{}, xmlcodec.NewError(xmlcodec.IllegalVersioningConfig, "")
	}
	if v.MFADelete != "" {
		if err := checkMFAHeader(req.r.Header.Values("X-Amz-Mfa")); err != nil {
			return response{}, err
		}
	}
	if err := s.objects.ChangeVersioning(req.bucket, objstore.Versioning(v.Status), v.MFADelete); err != nil {
		return response{}, err
	}
	return response{status: http.StatusOK}, nil
}

// checkMFAHeader is S3's check of x-amz-mfa on a request that changes MFA
// delete: it must be there ("Mfa Authentication must be used for this
// request", 403) and read "<serial number> <token code>". s3fake has no
// MFA devices, so a well-formed header is taken as authenticated.
func checkMFAHeader(values []string) error {
	if len(values) == 0 {
		return xmlcodec.NewError(xmlcodec.AccessDenied, "Mfa Authentication must be used for this request")
	}
	serial, code, ok := strings.Cut(values[0], " ")
	if !ok || serial == "" || code == "" || strings.Contains(code, " ") {
		return listArgError("Mfa header is invalid -- the header should be formatted as {serialNumber}(space){tokenCode}",
			"x-amz-mfa", values[0])
	}
	return nil
}
