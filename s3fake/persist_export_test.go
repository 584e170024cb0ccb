package s3fake

// WithCompactAt makes the data directory compact its log past n bytes
// (default 64 MiB), so that tests see compactions.
func WithCompactAt(n int64) Option {
	return func(c *config) { c.compactAt = n }
}

// BreakDataDir closes the server's log under it, so that every later
// write fails to persist, as on a failing disk.
func BreakDataDir(s *Server) { s.persist.log.Close() }
