package s3fake

// Object calls: GetObject, HeadObject, PutObject, DeleteObject and CopyObject.
// Transitional stubs: they hand the request to gofakes3 until served here.

func (s *Server) getObject(req *request) (response, error) { return response{}, errPassThrough }

func (s *Server) headObject(req *request) (response, error) { return response{}, errPassThrough }

func (s *Server) putObject(req *request) (response, error) { return response{}, errPassThrough }

func (s *Server) deleteObject(req *request) (response, error) { return response{}, errPassThrough }

func (s *Server) copyObject(req *request) (response, error) { return response{}, errPassThrough }
