package s3fake

// Server access logging: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLogging.html
// and https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLogging.html
// s3fake writes no access logs: the target is stored and answered.

import (
	"github.com/s3fake/s3fake/xmlcodec"
)

// putBucketLogging sets or (with an empty BucketLoggingStatus) clears the
// logging target. The target must be a bucket of the same owner
// (InvalidTargetBucketForLogging) in the same region
// (CrossLocationLoggingProhibitted), as S3 checks.
func (s *Server) putBucketLogging(req *request) (response, error) {
	data, err := s.configDocument(req, digestOptional)
	if err != nil {
		return response{}, err
	}
	l, err := xmlcodec.DecodeLogging(data)
	if err != nil {
		return response{}, err
	}
	if l != nil {
		if err := l.Validate(); err != nil {
			return response{}, configError(err)
		}
		if err := s.checkLoggingTarget(req.bucket, l.TargetBucket); err != nil {
			return response{}, err
		}
	}
	if err := s.objects.PutBucketLogging(req.bucket, l); err != nil {
		return response{}, err
	}
	return cfgOK, nil
}

func (s *Server) checkLoggingTarget(source, target string) error {
	src, ok := s.objects.Bucket(source)
	if !ok {
		return noSuchBucket(source)
	}
	dst, ok := s.objects.Bucket(target)
	if !ok {
		return loggingTargetError("The target bucket for logging does not exist", target)
	}
	if dst.Owner != src.Owner {
		return loggingTargetError("The owner for the bucket to be logged and the target bucket must be the same.", target)
	}
	if from, to := s.bucketRegion(src), s.bucketRegion(dst); from != to {
		e := xmlcodec.NewError(xmlcodec.CrossLocationLoggingProhibitted, "")
		e.Extra = []xmlcodec.ExtraField{{Name: "SourceBucketLocation", Value: from}, {Name: "TargetBucketLocation", Value: to}}
		return e
	}
	return nil
}

// loggingTargetError is InvalidTargetBucketForLogging with the
// TargetBucket element S3 adds.
func loggingTargetError(msg, target string) error {
	e := xmlcodec.NewError(xmlcodec.InvalidTargetBucketForLogging, msg)
	e.Extra = []xmlcodec.ExtraField{{Name: "TargetBucket", Value: target}}
	return e
}

// getBucketLogging answers the target, or an empty BucketLoggingStatus.
func (s *Server) getBucketLogging(req *request) (response, error) {
	l, ok, err := s.objects.BucketLogging(req.bucket)
	if err != nil {
		return response{}, err
	}
	if !ok {
		return cfgXML(xmlcodec.EncodeLogging(nil)), nil
	}
	return cfgXML(xmlcodec.EncodeLogging(&l)), nil
}
