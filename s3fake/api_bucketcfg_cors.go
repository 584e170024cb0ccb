package s3fake

// CORS configuration: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html
// and its Get and Delete siblings. The configuration is stored and
// answered; preflight requests (OPTIONS) are still refused before
// routing (routes.go), whatever it says.

import "github.com/s3fake/s3fake/xmlcodec"

// putBucketCors replaces the CORS configuration. S3 requires Content-MD5
// or a checksum.
func (s *Server) putBucketCors(req *request) (response, error) {
	data, err := s.configDocument(req, digestMandatory)
	if err != nil {
		return response{}, err
	}
	c, err := xmlcodec.DecodeCORS(data)
	if err != nil {
		return response{}, err
	}
	if err := c.Validate(); err != nil {
		return response{}, configError(err)
	}
	if err := s.objects.PutBucketCORS(req.bucket, c); err != nil {
		return response{}, err
	}
	return cfgOK, nil
}

// getBucketCors answers the configuration, or NoSuchCORSConfiguration.
func (s *Server) getBucketCors(req *request) (response, error) {
	c, ok, err := s.objects.BucketCORS(req.bucket)
	if err != nil {
		return response{}, err
	}
	if !ok {
		return response{}, configNotFound(xmlcodec.NoSuchCORSConfiguration, req.bucket)
	}
	return cfgXML(xmlcodec.EncodeCORS(c)), nil
}

func (s *Server) deleteBucketCors(req *request) (response, error) {
	if err := s.objects.DeleteBucketCORS(req.bucket); err != nil {
		return response{}, err
	}
	return cfgNoContent, nil
}
