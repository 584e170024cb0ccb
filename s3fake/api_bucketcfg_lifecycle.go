package s3fake

// Lifecycle configuration: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
// and its Get and Delete siblings. s3fake expires and transitions
// nothing by itself: the rules are stored and answered.

import (
	"github.com/s3fake/s3fake/internal/bucketcfg"
	"github.com/s3fake/s3fake/xmlcodec"
)

// minSizeHeader is the transition minimum object size, sent with the
// configuration and answered with it.
const minSizeHeader = "X-Amz-Transition-Default-Minimum-Object-Size"

// putBucketLifecycle replaces the lifecycle configuration. S3 requires
// Content-MD5 or a checksum, and names the rules without an ID.
func (s *Server) putBucketLifecycle(req *request) (response, error) {
	data, err := s.configDocument(req, digestMandatory)
	if err != nil {
		return response{}, err
	}
	l, err := xmlcodec.DecodeLifecycle(data)
	if err != nil {
		return response{}, err
	}
	l.MinimumObjectSize = bucketcfg.MinSizeAllStorageClasses128K
	if v := req.r.Header.Get(minSizeHeader); v != "" {
		l.MinimumObjectSize = v
	}
	if err := l.Validate(); err != nil {
		return response{}, configError(err)
	}
	l.AssignIDs()
	if err := s.objects.PutBucketLifecycle(req.bucket, l); err != nil {
		return response{}, err
	}
	return response{status: cfgOK.status, header: map[string]string{minSizeHeader: l.MinimumObjectSize}}, nil
}

// getBucketLifecycle answers the rules, or NoSuchLifecycleConfiguration.
func (s *Server) getBucketLifecycle(req *request) (response, error) {
	l, ok, err := s.objects.BucketLifecycle(req.bucket)
	if err != nil {
		return response{}, err
	}
	if !ok {
		return response{}, configNotFound(xmlcodec.NoSuchLifecycleConfiguration, req.bucket)
	}
	resp := cfgXML(xmlcodec.EncodeLifecycle(l))
	resp.header = map[string]string{minSizeHeader: l.MinimumObjectSize}
	return resp, nil
}

func (s *Server) deleteBucketLifecycle(req *request) (response, error) {
	if err := s.objects.DeleteBucketLifecycle(req.bucket); err != nil {
		return response{}, err
	}
	return cfgNoContent, nil
}
