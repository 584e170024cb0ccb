package s3fake

// Bucket calls: DeleteBucket, HeadBucket, GetBucketLocation and versioning.
// Transitional stubs: they hand the request to gofakes3 until served here.

func (s *Server) deleteBucket(req *request) (response, error) { return response{}, errPassThrough }

func (s *Server) headBucket(req *request) (response, error) { return response{}, errPassThrough }

func (s *Server) getBucketLocation(req *request) (response, error) { return response{}, errPassThrough }

func (s *Server) getBucketVersioning(req *request) (response, error) {
	return response{}, errPassThrough
}

func (s *Server) putBucketVersioning(req *request) (response, error) {
	return response{}, errPassThrough
}
