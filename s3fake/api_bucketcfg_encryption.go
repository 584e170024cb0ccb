package s3fake

// Default encryption: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html
// and its Get and Delete siblings. Every bucket has one (SSE-S3, SSE-C
// blocked for buckets created today), so there is no "none yet" answer:
// DeleteBucketEncryption resets it to SSE-S3, as S3 does since 2023.

import "github.com/s3fake/s3fake/xmlcodec"

// putBucketEncryption replaces the default encryption rule. A document
// without BlockedEncryptionTypes keeps the bucket's blocked types (S3
// documents them as a setting that PutBucketEncryption changes only when
// named).
func (s *Server) putBucketEncryption(req *request) (response, error) {
	data, err := s.configDocument(req, digestOptional)
	if err != nil {
		return response{}, err
	}
	e, err := xmlcodec.DecodeEncryption(data)
	if err != nil {
		return response{}, err
	}
	if err := e.Validate(); err != nil {
		return response{}, configError(err)
	}
	if e.BlockedTypes == nil {
		cur, err := s.objects.BucketEncryption(req.bucket)
		if err != nil {
			return response{}, err
		}
		e.BlockedTypes = cur.BlockedTypes
	}
	if err := s.objects.PutBucketEncryption(req.bucket, e); err != nil {
		return response{}, err
	}
	return cfgOK, nil
}

func (s *Server) getBucketEncryption(req *request) (response, error) {
	e, err := s.objects.BucketEncryption(req.bucket)
	if err != nil {
		return response{}, err
	}
	return cfgXML(xmlcodec.EncodeEncryption(e)), nil
}

func (s *Server) deleteBucketEncryption(req *request) (response, error) {
	if err := s.objects.ResetBucketEncryption(req.bucket); err != nil {
		return response{}, err
	}
	return cfgNoContent, nil
}
