package s3fake

// Listings: ListObjects, ListObjectsV2 and ListObjectVersions.
// Transitional stubs: they hand the request to gofakes3 until served here.

func (s *Server) listObjects(req *request) (response, error) { return response{}, errPassThrough }

func (s *Server) listObjectsV2(req *request) (response, error) { return response{}, errPassThrough }

func (s *Server) listObjectVersions(req *request) (response, error) {
	return response{}, errPassThrough
}
