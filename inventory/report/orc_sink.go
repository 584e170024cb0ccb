package report

// orcSink is one stream being written: bytes arrive uncompressed and are
// framed and compressed a chunk at a time as soon as a chunk is full, so
// that a stripe in progress holds its streams compressed.
type orcSink struct {
	comp    *orcCompressor
	kind    orcStreamKind
	pending []byte   // uncompressed bytes not yet in a chunk (< blockSize)
	out     []byte   // the framed chunks
	starts  []uint64 // each chunk's offset in out
	framed  int      // uncompressed bytes in out's chunks
}

func newORCSink(comp *orcCompressor, kind orcStreamKind) *orcSink {
	return &orcSink{comp: comp, kind: kind}
}

// write appends uncompressed bytes.
func (s *orcSink) write(p []byte) {
	s.pending = append(s.pending, p...)
	bs := s.comp.blockSize
	if len(s.pending) < bs {
		return
	}
	done := 0
	for ; len(s.pending)-done >= bs; done += bs {
		s.starts = append(s.starts, uint64(len(s.out)))
		s.out = s.comp.chunk(s.out, s.pending[done:done+bs])
	}
	s.framed += done
	s.pending = s.pending[:copy(s.pending, s.pending[done:])]
}

// offset is the number of uncompressed bytes written so far: the position
// of the next byte.
func (s *orcSink) offset() int { return s.framed + len(s.pending) }

// finish frames the last partial chunk.
func (s *orcSink) finish() {
	if len(s.pending) > 0 {
		s.starts = append(s.starts, uint64(len(s.out)))
		s.out = s.comp.chunk(s.out, s.pending)
		s.framed += len(s.pending)
		s.pending = s.pending[:0]
	}
}

// position is the row index position of an uncompressed offset once the
// stream is finished: the start of the chunk holding it and the offset
// within the chunk's uncompressed bytes. An offset at the stream's end (no
// value follows in this stripe) points past the last chunk. Without
// compression it is the offset alone.
func (s *orcSink) position(offset int) []uint64 {
	if s.comp.codec == orcNone {
		return []uint64{uint64(offset)} // no chunks: the byte offset alone
	}
	k := offset / s.comp.blockSize
	if k >= len(s.starts) {
		return []uint64{uint64(len(s.out)), 0}
	}
	return []uint64{s.starts[k], uint64(offset - k*s.comp.blockSize)}
}

// reset empties the sink for the next stripe, keeping its buffers.
func (s *orcSink) reset() {
	s.pending, s.out, s.starts, s.framed = s.pending[:0], s.out[:0], s.starts[:0], 0
}

// writeString appends a string's bytes.
func (s *orcSink) writeString(v string) {
	s.pending = append(s.pending, v...)
	if len(s.pending) >= s.comp.blockSize {
		s.write(nil)
	}
}
