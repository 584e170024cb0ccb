package s3fake

// Requester Pays: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketRequestPayment.html
// and https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketRequestPayment.html
// The setting is stored and answered; s3fake bills nobody.

import "github.com/s3fake/s3fake/xmlcodec"

func (s *Server) putBucketRequestPayment(req *request) (response, error) {
	data, err := s.configDocument(req, digestOptional)
	if err != nil {
		return response{}, err
	}
	p, err := xmlcodec.DecodeRequestPayment(data)
	if err != nil {
		return response{}, err
	}
	if err := s.objects.PutBucketRequestPayment(req.bucket, p); err != nil {
		return response{}, err
	}
	return cfgOK, nil
}

// getBucketRequestPayment answers the payer (BucketOwner until set).
func (s *Server) getBucketRequestPayment(req *request) (response, error) {
	p, err := s.objects.BucketRequestPayment(req.bucket)
	if err != nil {
		return response{}, err
	}
	return cfgXML(xmlcodec.EncodeRequestPayment(p)), nil
}
