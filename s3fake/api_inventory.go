package s3fake

// The four bucket inventory configuration calls:
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketInventoryConfiguration.html
// and its Get, Delete and List siblings. Check order (decisions.md §3):
// identity, expected-owner syntax, bucket, authorization, expected-owner
// match, body schema, IdMismatch, destination ARN, the 1,000 limit.

import (
	"net/http"
	"regexp"

	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/xmlcodec"
)

func (s *Server) putInventory(req *request) (response, error) {
	if err := s.checkBucket(req); err != nil {
		return response{}, err
	}
	q := req.r.URL.Query()
	if !q.Has("id") {
		return response{}, missingID()
	}
	data, err := xmlcodec.ReadBody(req.r.Body)
	if err != nil {
		return response{}, err
	}
	cfg, err := xmlcodec.DecodeInventoryConfiguration(data)
	if err != nil {
		return response{}, err
	}
	if err := inventory.CheckPut(q.Get("id"), cfg, s.cfg.dialect); err != nil {
		return response{}, err
	}
	if _, err := s.configs.Put(req.bucket, cfg); err != nil {
		return response{}, err
	}
	return response{status: http.StatusNoContent}, nil
}

func (s *Server) getInventory(req *request) (response, error) {
	if err := s.checkBucket(req); err != nil {
		return response{}, err
	}
	id := req.r.URL.Query().Get("id")
	if id == "" {
		return response{}, missingID()
	}
	cfg, err := s.configs.Get(req.bucket, id)
	if err != nil {
		return response{}, err
	}
	return response{status: http.StatusOK, body: xmlcodec.EncodeInventoryConfiguration(cfg)}, nil
}

func (s *Server) deleteInventory(req *request) (response, error) {
	if err := s.checkBucket(req); err != nil {
		return response{}, err
	}
	id := req.r.URL.Query().Get("id")
	if id == "" {
		return response{}, missingID()
	}
	if err := s.configs.Delete(req.bucket, id); err != nil {
		return response{}, err
	}
	return response{status: http.StatusNoContent}, nil
}

func (s *Server) listInventory(req *request) (response, error) {
	if err := s.checkBucket(req); err != nil {
		return response{}, err
	}
	token := req.r.URL.Query().Get("continuation-token")
	page, err := s.configs.List(req.bucket, token)
	if err != nil {
		return response{}, err
	}
	return response{status: http.StatusOK, body: xmlcodec.EncodeInventoryList(page, token)}, nil
}

// accountIDPattern is what x-amz-expected-bucket-owner must look like.
var accountIDPattern = regexp.MustCompile(`^[0-9]{12}$`)

// checkBucket runs the checks every bucket call makes before looking at its
// body: expected-owner syntax, bucket existence, expected-owner match. In
// dialect COS the expected-owner header is ignored, as IBM documents.
func (s *Server) checkBucket(req *request) error {
	expected, hasExpected := "", false
	if s.cfg.dialect == DialectAWS {
		if v := req.r.Header.Values("x-amz-expected-bucket-owner"); len(v) > 0 {
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
	if hasExpected && expected != owner {
		return xmlcodec.NewError(xmlcodec.AccessDenied, "")
	}
	return nil
}

func missingID() error {
	e := xmlcodec.NewError(xmlcodec.InvalidArgument, "Missing required parameter: id")
	e.ArgumentName = "id"
	return e
}
