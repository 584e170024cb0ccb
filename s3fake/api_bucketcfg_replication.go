package s3fake

// Replication configuration: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketReplication.html
// and its Get and Delete siblings.

import (
	"github.com/s3fake/s3fake/internal/bucketcfg"
	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// putBucketReplication replaces the replication configuration. S3
// requires Content-MD5 or a checksum, versioning Enabled on the bucket
// (the store's check) and on every destination. A destination that is
// not a bucket of this server is taken as one elsewhere (another account
// or region) and accepted: s3fake cannot see it.
func (s *Server) putBucketReplication(req *request) (response, error) {
	data, err := s.configDocument(req, digestMandatory)
	if err != nil {
		return response{}, err
	}
	r, err := xmlcodec.DecodeReplication(data)
	if err != nil {
		return response{}, err
	}
	if err := r.Validate(); err != nil {
		return response{}, configError(err)
	}
	for _, rule := range r.Rules {
		if err := s.checkReplicationDestination(req.bucket, rule.Destination.Bucket); err != nil {
			return response{}, err
		}
	}
	r.AssignIDs()
	if err := s.objects.PutBucketReplication(req.bucket, r); err != nil {
		return response{}, err
	}
	return cfgOK, nil
}

// checkReplicationDestination applies S3's checks of a destination this
// server holds: not the source itself, versioning Enabled.
func (s *Server) checkReplicationDestination(source, arn string) error {
	name, _ := bucketcfg.DestinationBucket(arn) // Validate checked the ARN
	if name == source {
		return xmlcodec.NewError(xmlcodec.InvalidRequest, "Destination bucket cannot be the same as the source bucket.")
	}
	v, err := s.objects.BucketVersioning(name)
	if objstore.IsCode(err, "NoSuchBucket") {
		return nil
	}
	if err != nil {
		return err
	}
	if v.Status != objstore.VersioningEnabled {
		return xmlcodec.NewError(xmlcodec.InvalidRequest, "Destination bucket must have versioning enabled.")
	}
	return nil
}

// getBucketReplication answers the configuration, or
// ReplicationConfigurationNotFoundError.
func (s *Server) getBucketReplication(req *request) (response, error) {
	r, ok, err := s.objects.BucketReplication(req.bucket)
	if err != nil {
		return response{}, err
	}
	if !ok {
		return response{}, configNotFound(xmlcodec.ReplicationConfigurationNotFoundError, req.bucket)
	}
	return cfgXML(xmlcodec.EncodeReplication(r)), nil
}

func (s *Server) deleteBucketReplication(req *request) (response, error) {
	if err := s.objects.DeleteBucketReplication(req.bucket); err != nil {
		return response{}, err
	}
	return cfgNoContent, nil
}
