package s3fake

// Object Lock configuration: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectLockConfiguration.html
// and https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectLockConfiguration.html

import "github.com/s3fake/s3fake/xmlcodec"

// putObjectLockConfiguration sets the default retention. S3 requires
// Content-MD5 or a checksum. On a bucket created without Object Lock it
// enables Object Lock when versioning is Enabled (S3 allows it since
// November 2023) and answers InvalidBucketState otherwise (the store's
// check).
func (s *Server) putObjectLockConfiguration(req *request) (response, error) {
	data, err := s.configDocument(req, digestMandatory)
	if err != nil {
		return response{}, err
	}
	o, err := xmlcodec.DecodeObjectLock(data)
	if err != nil {
		return response{}, err
	}
	if err := o.Validate(); err != nil {
		return response{}, configError(err)
	}
	if err := s.objects.PutBucketObjectLock(req.bucket, o); err != nil {
		return response{}, err
	}
	return cfgOK, nil
}

// getObjectLockConfiguration answers ObjectLockEnabled and the default
// retention, or ObjectLockConfigurationNotFoundError for a bucket without
// Object Lock.
func (s *Server) getObjectLockConfiguration(req *request) (response, error) {
	o, ok, err := s.objects.BucketObjectLock(req.bucket)
	if err != nil {
		return response{}, err
	}
	if !ok {
		return response{}, configNotFound(xmlcodec.ObjectLockConfigurationNotFoundError, req.bucket)
	}
	return cfgXML(xmlcodec.EncodeObjectLock(o)), nil
}
