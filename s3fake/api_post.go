package s3fake

// Browser-form POST uploads (PostObject).
// Transitional stubs: they hand the request to gofakes3 until served here.

func (s *Server) postObject(req *request) (response, error) { return response{}, errPassThrough }
