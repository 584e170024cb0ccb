package s3fake

// Block Public Access: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html
// and its Get and Delete siblings. A bucket created today has all four
// settings on; after a Delete it has none.

import (
	"github.com/s3fake/s3fake/internal/bucketcfg"
	"github.com/s3fake/s3fake/xmlcodec"
)

func (s *Server) putPublicAccessBlock(req *request) (response, error) {
	data, err := s.configDocument(req, digestOptional)
	if err != nil {
		return response{}, err
	}
	p, named, err := xmlcodec.DecodePublicAccessBlock(data)
	if err != nil {
		return response{}, err
	}
	if err := bucketcfg.ValidatePublicAccessBlock(named); err != nil {
		return response{}, configError(err)
	}
	if err := s.objects.PutBucketPublicAccessBlock(req.bucket, p); err != nil {
		return response{}, err
	}
	return cfgOK, nil
}

// getPublicAccessBlock answers the four settings, or
// NoSuchPublicAccessBlockConfiguration after a Delete.
func (s *Server) getPublicAccessBlock(req *request) (response, error) {
	p, ok, err := s.objects.BucketPublicAccessBlock(req.bucket)
	if err != nil {
		return response{}, err
	}
	if !ok {
		return response{}, configNotFound(xmlcodec.NoSuchPublicAccessBlockConfiguration, req.bucket)
	}
	return cfgXML(xmlcodec.EncodePublicAccessBlock(p)), nil
}

func (s *Server) deletePublicAccessBlock(req *request) (response, error) {
	if err := s.objects.DeleteBucketPublicAccessBlock(req.bucket); err != nil {
		return response{}, err
	}
	return cfgNoContent, nil
}
