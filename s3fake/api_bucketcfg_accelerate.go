package s3fake

// Transfer Acceleration: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAccelerateConfiguration.html
// and https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketAccelerateConfiguration.html

import (
	"github.com/s3fake/s3fake/internal/bucketcfg"
	"github.com/s3fake/s3fake/xmlcodec"
)

// putBucketAccelerate enables or suspends acceleration; a bucket name
// with dots cannot have it (InvalidRequest).
func (s *Server) putBucketAccelerate(req *request) (response, error) {
	data, err := s.configDocument(req, digestOptional)
	if err != nil {
		return response{}, err
	}
	a, err := xmlcodec.DecodeAccelerate(data)
	if err != nil {
		return response{}, err
	}
	if err := bucketcfg.ValidateAccelerate(req.bucket); err != nil {
		return response{}, configError(err)
	}
	if err := s.objects.PutBucketAccelerate(req.bucket, a); err != nil {
		return response{}, err
	}
	return cfgOK, nil
}

// getBucketAccelerate answers the status, or an empty
// AccelerateConfiguration for a bucket that never set one.
func (s *Server) getBucketAccelerate(req *request) (response, error) {
	a, err := s.objects.BucketAccelerate(req.bucket)
	if err != nil {
		return response{}, err
	}
	return cfgXML(xmlcodec.EncodeAccelerate(a)), nil
}
