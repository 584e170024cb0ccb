package s3fake

// The four bucket inventory configuration calls:
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketInventoryConfiguration.html
// and its Get, Delete and List siblings. Check order (docs/decisions.md §3):
// identity, expected-owner syntax, bucket, authorization, expected-owner
// match (all in authz.go), then here: the id parameter, body schema,
// IdMismatch, destination ARN, the 1,000 limit.

import (
	"net/http"

	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/xmlcodec"
)

func (s *Server) putInventory(req *request) (response, error) {
	q := req.query
	if !q.Has("id") {
		return response{}, missingID()
	}
	data, err := req.readDocument()
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
	if err := s.putConfig(req.bucket, cfg); err != nil {
		return response{}, err
	}
	return response{status: http.StatusNoContent}, nil
}

func (s *Server) getInventory(req *request) (response, error) {
	id := req.query.Get("id")
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
	id := req.query.Get("id")
	if id == "" {
		return response{}, missingID()
	}
	if err := s.deleteConfig(req.bucket, id); err != nil {
		return response{}, err
	}
	return response{status: http.StatusNoContent}, nil
}

func (s *Server) listInventory(req *request) (response, error) {
	token := req.query.Get("continuation-token")
	page, err := s.configs.List(req.bucket, token)
	if err != nil {
		return response{}, err
	}
	return response{status: http.StatusOK, body: xmlcodec.EncodeInventoryList(page, token)}, nil
}

func missingID() error {
	e := xmlcodec.NewError(xmlcodec.InvalidArgument, "Missing required parameter: id")
	e.ArgumentName = "id"
	return e
}
