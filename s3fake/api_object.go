package s3fake

// Object calls: GetObject, HeadObject, PutObject, DeleteObject and
// CopyObject, served over internal/objstore. Reads are in object_read.go,
// writes and deletes in object_write.go, copies in object_copy.go, the
// headers they answer with in object_headers.go.

func (s *Server) getObject(req *request) (response, error) { return s.readObject(req, true) }

func (s *Server) headObject(req *request) (response, error) { return s.readObject(req, false) }
