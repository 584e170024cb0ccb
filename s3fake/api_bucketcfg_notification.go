package s3fake

// Event notifications: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html
// and https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketNotificationConfiguration.html
// s3fake publishes no events: the configuration is checked, stored and
// answered. x-amz-skip-destination-validation changes nothing, as s3fake
// only checks the shape of the destination ARNs.

import "github.com/s3fake/s3fake/xmlcodec"

// putBucketNotification replaces the configuration; an empty
// NotificationConfiguration removes every destination. S3 names the
// configurations without an Id.
func (s *Server) putBucketNotification(req *request) (response, error) {
	data, err := s.configDocument(req, digestOptional)
	if err != nil {
		return response{}, err
	}
	n, err := xmlcodec.DecodeNotification(data)
	if err != nil {
		return response{}, err
	}
	if err := n.Validate(); err != nil {
		return response{}, configError(err)
	}
	n.AssignIDs()
	if err := s.objects.PutBucketNotification(req.bucket, n); err != nil {
		return response{}, err
	}
	return cfgOK, nil
}

// getBucketNotification answers the configuration, empty until set.
func (s *Server) getBucketNotification(req *request) (response, error) {
	n, err := s.objects.BucketNotification(req.bucket)
	if err != nil {
		return response{}, err
	}
	return cfgXML(xmlcodec.EncodeNotification(n)), nil
}
