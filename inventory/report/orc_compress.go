package report

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
)

// ORC's compression framing (docs/orc.md §3): with a codec,
// every stream and every tail section but the PostScript is a sequence of
// chunks, each a 3-byte little-endian header (length*2 + isOriginal) and
// that many bytes, compressed on their own (ZLIB is raw deflate, no zlib
// header) or stored as they were when compressing did not shrink them.

// orcBlockSize is the writer's compression chunk size (ORC's default).
const orcBlockSize = 256 << 10

// orcMaxChunk is the largest length a 3-byte chunk header holds.
const orcMaxChunk = 1<<23 - 1

// orcBudget bounds what a reader may allocate for one file: decompressed
// bytes and column slots, so that a small hostile file cannot claim
// gigabytes. Both start proportional to the file's size.
type orcBudget struct {
	bytes int64
	slots int64
}

// newORCBudget allows 1 MiB plus 1024 bytes and 1Mi plus 1024 slots per
// byte of file: reports (unique keys) stay far below, and a 1 KiB hostile
// file cannot allocate more than some tens of MiB.
func newORCBudget(size int) *orcBudget {
	return &orcBudget{bytes: 1<<20 + 1024*int64(size), slots: 1<<20 + 1024*int64(size)}
}

var errORCBudget = errors.New("orc: file expands beyond the reader's limit (1024 values or bytes per stored byte)")

func (b *orcBudget) takeBytes(n int) error {
	if b.bytes -= int64(n); b.bytes < 0 {
		return errORCBudget
	}
	return nil
}

func (b *orcBudget) takeSlots(n uint64) error {
	if n > uint64(b.slots) {
		b.slots = -1
		return errORCBudget
	}
	b.slots -= int64(n)
	return nil
}

// orcDecompressor undoes the framing of one file's codec.
type orcDecompressor struct {
	codec     orcCompression
	blockSize int
	budget    *orcBudget
	inflater  io.ReadCloser
	src       bytes.Reader
}

func newORCDecompressor(codec orcCompression, blockSize uint64, budget *orcBudget) (*orcDecompressor, error) {
	switch codec {
	case orcNone, orcZlib:
	default:
		return nil, fmt.Errorf("orc: %s compression is not supported (NONE and ZLIB are)", codec)
	}
	if blockSize == 0 || blockSize > orcMaxChunk {
		blockSize = orcBlockSize
	}
	return &orcDecompressor{codec: codec, blockSize: int(blockSize), budget: budget}, nil
}

// decompress returns the stream's bytes without framing. With NONE it is
// the stored slice itself.
func (d *orcDecompressor) decompress(stream []byte) ([]byte, error) {
	if d.codec == orcNone {
		return stream, d.budget.takeBytes(len(stream))
	}
	var out []byte
	for len(stream) > 0 {
		if len(stream) < 3 {
			return nil, errors.New("orc: truncated compression chunk header")
		}
		h := int(stream[0]) | int(stream[1])<<8 | int(stream[2])<<16
		n, original := h>>1, h&1 == 1
		stream = stream[3:]
		if n > len(stream) {
			return nil, fmt.Errorf("orc: compression chunk of %d bytes, %d left", n, len(stream))
		}
		chunk := stream[:n]
		stream = stream[n:]
		if original {
			if err := d.budget.takeBytes(n); err != nil {
				return nil, err
			}
			out = append(out, chunk...)
			continue
		}
		var err error
		if out, err = d.inflate(out, chunk); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// inflate appends the raw-deflate decompression of chunk to out, refusing
// a chunk that expands beyond the block size (writers guarantee it does
// not).
func (d *orcDecompressor) inflate(out, chunk []byte) ([]byte, error) {
	d.src.Reset(chunk)
	if d.inflater == nil {
		d.inflater = flate.NewReader(&d.src)
	} else if err := d.inflater.(flate.Resetter).Reset(&d.src, nil); err != nil {
		return nil, err
	}
	start := len(out)
	out = growBytes(out, d.blockSize+1)
	n, err := io.ReadFull(d.inflater, out[start:start+d.blockSize+1])
	switch {
	case err == nil:
		return nil, fmt.Errorf("orc: a compression chunk expands beyond the block size %d", d.blockSize)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
	default:
		return nil, fmt.Errorf("orc: zlib: %w", err)
	}
	if err := d.budget.takeBytes(n); err != nil {
		return nil, err
	}
	return out[:start+n], nil
}

// growBytes returns b with room for n more bytes beyond len(b) (its
// length unchanged).
func growBytes(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b
	}
	nb := make([]byte, len(b), 2*cap(b)+n)
	copy(nb, b)
	return nb
}

// orcCompressor frames and compresses a writer's streams with ZLIB, or
// writes them as they are with NONE (tests and fuzzing seeds use NONE).
type orcCompressor struct {
	codec     orcCompression
	blockSize int
	deflater  *flate.Writer
	buf       bytes.Buffer
}

// orcZlibLevel is the deflate level: the default one, which on a 1e6-row
// report costs about 10% more time than the fastest for 3% less size.
const orcZlibLevel = flate.DefaultCompression

func newORCCompressor() *orcCompressor {
	fw, _ := flate.NewWriter(nil, orcZlibLevel) // a valid level cannot fail
	return &orcCompressor{codec: orcZlib, blockSize: orcBlockSize, deflater: fw}
}

// compress appends raw, framed in chunks of blockSize bytes, to dst and
// returns it with the offset (relative to the stream's start in dst) of
// every chunk, which row index positions refer to.
func (c *orcCompressor) compress(dst, raw []byte, starts []uint64) ([]byte, []uint64) {
	base := len(dst)
	for len(raw) > 0 {
		block := raw[:min(len(raw), c.blockSize)]
		raw = raw[len(block):]
		starts = append(starts, uint64(len(dst)-base))
		dst = c.chunk(dst, block)
	}
	return dst, starts
}

// chunk appends one framed chunk of block (at most blockSize bytes):
// deflated, or stored as it is when deflating does not shrink it; with
// NONE, block itself without framing.
func (c *orcCompressor) chunk(dst, block []byte) []byte {
	if c.codec == orcNone {
		return append(dst, block...)
	}
	c.buf.Reset()
	c.deflater.Reset(&c.buf)
	// Writes to a bytes.Buffer cannot fail.
	_, _ = c.deflater.Write(block)
	_ = c.deflater.Close()
	if c.buf.Len() >= len(block) {
		dst = appendChunkHeader(dst, len(block), true)
		return append(dst, block...)
	}
	dst = appendChunkHeader(dst, c.buf.Len(), false)
	return append(dst, c.buf.Bytes()...)
}

func appendChunkHeader(dst []byte, n int, original bool) []byte {
	h := n << 1
	if original {
		h |= 1
	}
	return append(dst, byte(h), byte(h>>8), byte(h>>16))
}
