package s3fake

// Object Ownership: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketOwnershipControls.html
// and its Get and Delete siblings. A bucket created today has
// BucketOwnerEnforced; after a Delete it has none.

import "github.com/s3fake/s3fake/xmlcodec"

func (s *Server) putBucketOwnershipControls(req *request) (response, error) {
	data, err := s.configDocument(req, digestOptional)
	if err != nil {
		return response{}, err
	}
	o, err := xmlcodec.DecodeOwnershipControls(data)
	if err != nil {
		return response{}, err
	}
	if err := o.Validate(); err != nil {
		return response{}, configError(err)
	}
	if err := s.objects.PutBucketOwnershipControls(req.bucket, o); err != nil {
		return response{}, err
	}
	return cfgOK, nil
}

// getBucketOwnershipControls answers the setting, or
// OwnershipControlsNotFoundError after a Delete.
func (s *Server) getBucketOwnershipControls(req *request) (response, error) {
	o, ok, err := s.objects.BucketOwnershipControls(req.bucket)
	if err != nil {
		return response{}, err
	}
	if !ok {
		return response{}, configNotFound(xmlcodec.OwnershipControlsNotFoundError, req.bucket)
	}
	return cfgXML(xmlcodec.EncodeOwnershipControls(o)), nil
}

func (s *Server) deleteBucketOwnershipControls(req *request) (response, error) {
	if err := s.objects.DeleteBucketOwnershipControls(req.bucket); err != nil {
		return response{}, err
	}
	return cfgNoContent, nil
}
