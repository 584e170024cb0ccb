package s3fake

// Bucket policies: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html
// and its Get and Delete siblings. The document is stored as sent (GET
// returns it byte for byte) and parsed once for evaluation.

import (
	"io"
	"net/http"
	"unicode/utf8"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/xmlcodec"
)

func (s *Server) putBucketPolicy(req *request) (response, error) {
	doc, err := io.ReadAll(req.r.Body) // bounded by limitBody: maxPolicySize
	if err != nil {
		return response{}, err
	}
	if !utf8.Valid(doc) {
		return response{}, xmlcodec.NewError(xmlcodec.MalformedPolicy, "This policy contains invalid Json")
	}
	parsed, err := access.ParseBucketPolicy(doc, req.bucket, s.registry)
	if err != nil {
		return response{}, err
	}
	if err := s.setPolicy(req.bucket, &storedPolicy{raw: doc, parsed: parsed}); err != nil {
		return response{}, err
	}
	return response{status: http.StatusNoContent}, nil
}

func (s *Server) getBucketPolicy(req *request) (response, error) {
	sp, ok := s.policies.get(req.bucket)
	if !ok {
		e := xmlcodec.NewError(xmlcodec.NoSuchBucketPolicy, "")
		e.BucketName = req.bucket
		return response{}, e
	}
	return response{status: http.StatusOK, body: sp.raw, header: map[string]string{"Content-Type": "application/json"}}, nil
}

func (s *Server) deleteBucketPolicy(req *request) (response, error) {
	if err := s.setPolicy(req.bucket, nil); err != nil {
		return response{}, err
	}
	return response{status: http.StatusNoContent}, nil
}
