package s3fake

// Multipart uploads.
// Transitional stubs: they hand the request to gofakes3 until served here.

func (s *Server) createMultipartUpload(req *request) (response, error) {
	return response{}, errPassThrough
}

func (s *Server) uploadPart(req *request) (response, error) { return response{}, errPassThrough }

func (s *Server) uploadPartCopy(req *request) (response, error) { return response{}, errPassThrough }

func (s *Server) completeMultipartUpload(req *request) (response, error) {
	return response{}, errPassThrough
}

func (s *Server) abortMultipartUpload(req *request) (response, error) {
	return response{}, errPassThrough
}

func (s *Server) listParts(req *request) (response, error) { return response{}, errPassThrough }

func (s *Server) listMultipartUploads(req *request) (response, error) {
	return response{}, errPassThrough
}
