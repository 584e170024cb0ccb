package s3fake

// Bucket tagging: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html
// and its Get and Delete siblings.

import "github.com/s3fake/s3fake/xmlcodec"

// putBucketTagging replaces the bucket's tags (204, as S3 answers). S3
// requires Content-MD5 or a checksum; the tag rules are bucketcfg's
// (InvalidTag). An empty TagSet leaves the bucket without tags.
func (s *Server) putBucketTagging(req *request) (response, error) {
	data, err := s.configDocument(req, digestMandatory)
	if err != nil {
		return response{}, err
	}
	t, err := xmlcodec.DecodeTagging(data)
	if err != nil {
		return response{}, err
	}
	if err := t.ValidateBucket(); err != nil {
		return response{}, configError(err)
	}
	if err := s.objects.PutBucketTagging(req.bucket, t); err != nil {
		return response{}, err
	}
	return cfgNoContent, nil
}

// getBucketTagging answers the tags, or NoSuchTagSet.
func (s *Server) getBucketTagging(req *request) (response, error) {
	t, ok, err := s.objects.BucketTagging(req.bucket)
	if err != nil {
		return response{}, err
	}
	if !ok {
		return response{}, configNotFound(xmlcodec.NoSuchTagSet, req.bucket)
	}
	return cfgXML(xmlcodec.EncodeTagging(t)), nil
}

func (s *Server) deleteBucketTagging(req *request) (response, error) {
	if err := s.objects.DeleteBucketTagging(req.bucket); err != nil {
		return response{}, err
	}
	return cfgNoContent, nil
}
