package s3fake

// DeleteObjects.
// Transitional stubs: they hand the request to gofakes3 until served here.

func (s *Server) deleteObjects(req *request) (response, error) { return response{}, errPassThrough }
