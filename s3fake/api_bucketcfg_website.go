package s3fake

// Website configuration: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketWebsite.html
// and its Get and Delete siblings. s3fake has no website endpoint: the
// configuration is stored and answered.

import "github.com/s3fake/s3fake/xmlcodec"

func (s *Server) putBucketWebsite(req *request) (response, error) {
	data, err := s.configDocument(req, digestOptional)
	if err != nil {
		return response{}, err
	}
	w, err := xmlcodec.DecodeWebsite(data)
	if err != nil {
		return response{}, err
	}
	if err := w.Validate(); err != nil {
		return response{}, configError(err)
	}
	if err := s.objects.PutBucketWebsite(req.bucket, w); err != nil {
		return response{}, err
	}
	return cfgOK, nil
}

// getBucketWebsite answers the configuration, or NoSuchWebsiteConfiguration.
func (s *Server) getBucketWebsite(req *request) (response, error) {
	w, ok, err := s.objects.BucketWebsite(req.bucket)
	if err != nil {
		return response{}, err
	}
	if !ok {
		return response{}, configNotFound(xmlcodec.NoSuchWebsiteConfiguration, req.bucket)
	}
	return cfgXML(xmlcodec.EncodeWebsite(w)), nil
}

func (s *Server) deleteBucketWebsite(req *request) (response, error) {
	if err := s.objects.DeleteBucketWebsite(req.bucket); err != nil {
		return response{}, err
	}
	return cfgNoContent, nil
}
