package awschunked

import (
	"bufio"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
)

const (
	// MinSignedChunkSize is the smallest size S3 accepts for a signed chunk
	// that is neither the last data chunk nor the final empty one.
	MinSignedChunkSize = 8 << 10
	// DefaultMaxSize is the payload limit when Options.MaxSize is 0: the
	// largest object a single PUT may create.
	DefaultMaxSize = 5 << 30

	// maxLine bounds chunk header and trailer lines, so that a body without
	// line breaks cannot make the decoder buffer without limit.
	maxLine = 4096
	// readStep bounds each allocation while reading chunk data, so that a
	// lying size line cannot make the decoder allocate memory the body
	// never fills.
	readStep = 1 << 20
)

// Options are the request facts that Decode checks the body against. The
// string fields take raw header values; "" means the header was absent.
type Options struct {
	// DecodedLength is the x-amz-decoded-content-length header: when set,
	// the payload must have exactly this length.
	DecodedLength string
	// Trailer is the x-amz-trailer header: when set, the body must carry
	// exactly the trailing headers it names (comma-separated).
	Trailer string
	// Verifier, when not nil, checks chunk and trailer signatures of signed
	// framings. When nil, signatures are checked for shape only.
	Verifier ChunkVerifier
	// SeedSignature is the signature of the request's Authorization header,
	// which the first chunk signature chains from.
	SeedSignature string
	// MaxSize limits the payload; 0 means DefaultMaxSize.
	MaxSize int64
}

// Decode decodes an aws-chunked body framed as contentSHA256 (the
// x-amz-content-sha256 header) says, checking framing but not signatures.
// It returns the payload and the trailing headers (names in lower case;
// nil when there are none). Every error is an *Error.
func Decode(body io.Reader, contentSHA256 string) (data []byte, trailers map[string]string, err error) {
	return Options{}.Decode(body, contentSHA256)
}

// Decode decodes body like the package-level Decode and also checks it
// against o.
func (o Options) Decode(body io.Reader, contentSHA256 string) (data []byte, trailers map[string]string, err error) {
	m, ok := modes[contentSHA256]
	if !ok {
		return nil, nil, &Error{Kind: ErrUnsupportedPayload, Detail: strconv.Quote(contentSHA256)}
	}
	d := &decoder{
		r:       bufio.NewReaderSize(body, maxLine),
		mode:    m,
		opts:    o,
		want:    -1,
		max:     o.MaxSize,
		prevSig: o.SeedSignature,
	}
	if d.max <= 0 {
		d.max = DefaultMaxSize
	}
	if o.DecodedLength != "" {
		n, perr := strconv.ParseInt(o.DecodedLength, 10, 64)
		if perr != nil || n < 0 {
			return nil, nil, &Error{Kind: ErrLengthMismatch, Detail: "x-amz-decoded-content-length " + strconv.Quote(o.DecodedLength) + " is not a length"}
		}
		if n > d.max {
			return nil, nil, &Error{Kind: ErrTooLarge, Detail: "x-amz-decoded-content-length " + o.DecodedLength}
		}
		d.want = n
		d.out = make([]byte, 0, min(n, readStep))
	}
	if err := d.chunks(); err != nil {
		return nil, nil, err
	}
	trailers, err = d.trailers()
	if err != nil {
		return nil, nil, err
	}
	if err := d.end(); err != nil {
		return nil, nil, err
	}
	return d.out, trailers, nil
}

// decoder holds the state of one Decode call.
type decoder struct {
	r       *bufio.Reader
	off     int64 // bytes consumed from the encoded body
	mode    mode
	opts    Options
	want    int64 // required payload length, -1 when not given
	max     int64
	out     []byte
	prevSig string // the signature the next chunk or trailer chains from
}

func (d *decoder) fail(kind error, at int64, detail string, cause error) *Error {
	return &Error{Kind: kind, Offset: at, Detail: detail, Cause: cause}
}

// chunks reads every chunk up to and including the final empty one.
func (d *decoder) chunks() error {
	prevSize := int64(-1) // size of the previous data chunk, -1 before the first
	for {
		at := d.off
		line, err := d.readLine()
		if err != nil {
			return err
		}
		size, sig, err := d.parseHeader(line, at)
		if err != nil {
			return err
		}
		// Only the last data chunk may be small: a small chunk followed by
		// another data chunk is found when the second one's header arrives.
		if d.mode.signed && size > 0 && prevSize >= 0 && prevSize < MinSignedChunkSize {
			return d.fail(ErrChunkTooSmall, at, "a chunk of "+strconv.FormatInt(prevSize, 10)+" bytes is followed by another", nil)
		}
		total := int64(len(d.out))
		if size > d.max-total {
			return d.fail(ErrTooLarge, at, "", nil)
		}
		if d.want >= 0 && total+size > d.want {
			return d.fail(ErrLengthMismatch, at, "chunks exceed "+strconv.FormatInt(d.want, 10)+" bytes", nil)
		}
		dataAt := d.off
		if err := d.readData(size); err != nil {
			return err
		}
		if d.mode.signed {
			if err := d.verifyChunk(d.out[total:], sig, at); err != nil {
				return err
			}
		}
		if size == 0 {
			if d.want >= 0 && int64(len(d.out)) != d.want {
				return d.fail(ErrLengthMismatch, at, "chunks hold "+strconv.Itoa(len(d.out))+" bytes, not "+strconv.FormatInt(d.want, 10), nil)
			}
			return nil
		}
		if err := d.expectCRLF(dataAt + size); err != nil {
			return err
		}
		prevSize = size
	}
}

// parseHeader splits a chunk header line into its size and signature,
// enforcing the framing's rules for the chunk-signature extension.
func (d *decoder) parseHeader(line string, at int64) (size int64, sig string, err error) {
	hexSize, ext, hasExt := strings.Cut(line, ";")
	if len(hexSize) == 0 || len(hexSize) > 16 {
		return 0, "", d.fail(ErrMalformed, at, "bad chunk size "+strconv.Quote(hexSize), nil)
	}
	// With an explicit base, ParseUint accepts no sign, prefix or
	// underscore, so together with the length check this admits exactly
	// 1*16HEXDIG.
	u, perr := strconv.ParseUint(hexSize, 16, 64)
	if perr != nil || u > 1<<62 {
		return 0, "", d.fail(ErrMalformed, at, "bad chunk size "+strconv.Quote(hexSize), nil)
	}
	if !d.mode.signed {
		if hasExt {
			return 0, "", d.fail(ErrMalformed, at, "chunk extension in an unsigned body", nil)
		}
		return int64(u), "", nil
	}
	sig, ok := strings.CutPrefix(ext, "chunk-signature=")
	if !hasExt || !ok || !d.mode.validSignature(sig) {
		return 0, "", d.fail(ErrMalformed, at, "missing or malformed chunk-signature", nil)
	}
	return int64(u), sig, nil
}

// readData appends size bytes of chunk data to d.out, growing it step by
// step so that allocation follows the bytes actually received.
func (d *decoder) readData(size int64) error {
	for size > 0 {
		step := int(min(size, readStep))
		start := len(d.out)
		d.out = slices.Grow(d.out, step)[:start+step]
		n, err := io.ReadFull(d.r, d.out[start:])
		d.off += int64(n)
		if err != nil {
			d.out = d.out[:start+n]
			return d.readError(err)
		}
		size -= int64(step)
	}
	return nil
}

// verifyChunk checks one chunk signature and chains to it.
func (d *decoder) verifyChunk(data []byte, sig string, at int64) error {
	if d.opts.Verifier == nil {
		d.prevSig = sig
		return nil
	}
	next, err := d.opts.Verifier.VerifyChunk(d.prevSig, data, sig)
	if err != nil {
		return d.fail(ErrSignature, at, "chunk signature", err)
	}
	d.prevSig = next
	return nil
}

// trailers reads the trailing headers and the blank line that ends the
// body.
func (d *decoder) trailers() (map[string]string, error) {
	var (
		out    map[string]string
		signed strings.Builder // the canonical trailer block, as signed
		sawSig bool
	)
	for {
		at := d.off
		line, err := d.readLine()
		if err != nil {
			return nil, err
		}
		if line == "" {
			break
		}
		if !d.mode.trailer {
			return nil, d.fail(ErrMalformed, at, "data after the final chunk", nil)
		}
		if sawSig {
			return nil, d.fail(ErrTrailer, at, "x-amz-trailer-signature must be the last trailer", nil)
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || !validToken(name) {
			return nil, d.fail(ErrTrailer, at, "bad trailer line "+strconv.Quote(line), nil)
		}
		name = strings.ToLower(name)
		value = strings.Trim(value, " \t")
		if name == "x-amz-trailer-signature" {
			if !d.mode.signed || !d.mode.validSignature(value) {
				return nil, d.fail(ErrTrailer, at, "unexpected or malformed x-amz-trailer-signature", nil)
			}
			if d.opts.Verifier != nil {
				if err := d.opts.Verifier.VerifyTrailer(d.prevSig, []byte(signed.String()), value); err != nil {
					return nil, d.fail(ErrSignature, at, "trailer signature", err)
				}
			}
			sawSig = true
			continue
		}
		if _, dup := out[name]; dup {
			return nil, d.fail(ErrTrailer, at, "repeated trailer "+name, nil)
		}
		if out == nil {
			out = make(map[string]string)
		}
		out[name] = value
		signed.WriteString(name + ":" + value + "\n")
	}
	if d.mode.signed && d.mode.trailer && !sawSig {
		return nil, d.fail(ErrTrailer, d.off, "missing x-amz-trailer-signature", nil)
	}
	if err := d.checkDeclared(out); err != nil {
		return nil, err
	}
	return out, nil
}

// checkDeclared compares the trailers received with those x-amz-trailer
// announced.
func (d *decoder) checkDeclared(got map[string]string) error {
	if d.opts.Trailer == "" {
		return nil
	}
	declared := map[string]bool{}
	for name := range strings.SplitSeq(d.opts.Trailer, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "" {
			declared[name] = true
		}
	}
	for name := range got {
		if !declared[name] {
			return d.fail(ErrTrailer, d.off, "trailer "+name+" not declared in x-amz-trailer", nil)
		}
	}
	for name := range declared {
		if _, ok := got[name]; !ok {
			return d.fail(ErrTrailer, d.off, "declared trailer "+name+" missing", nil)
		}
	}
	return nil
}

// end requires the body to stop after the closing blank line.
func (d *decoder) end() error {
	if _, err := d.r.ReadByte(); err != io.EOF {
		if err == nil {
			return d.fail(ErrMalformed, d.off, "data after the end of the body", nil)
		}
		return d.readError(err)
	}
	return nil
}

// readLine reads one CRLF-terminated line and returns it without the CRLF.
func (d *decoder) readLine() (string, error) {
	line, err := d.r.ReadSlice('\n')
	at := d.off
	d.off += int64(len(line))
	switch {
	case errors.Is(err, bufio.ErrBufferFull):
		return "", d.fail(ErrMalformed, at, "line longer than "+strconv.Itoa(maxLine)+" bytes", nil)
	case err != nil:
		return "", d.readError(err)
	case len(line) < 2 || line[len(line)-2] != '\r':
		return "", d.fail(ErrMalformed, at, "line not terminated by CRLF", nil)
	}
	s := string(line[:len(line)-2])
	if strings.ContainsAny(s, "\r\n") {
		return "", d.fail(ErrMalformed, at, "stray CR in line", nil)
	}
	return s, nil
}

// expectCRLF reads the CRLF that ends a chunk's data.
func (d *decoder) expectCRLF(at int64) error {
	var b [2]byte
	n, err := io.ReadFull(d.r, b[:])
	d.off += int64(n)
	if err != nil {
		return d.readError(err)
	}
	if b != [2]byte{'\r', '\n'} {
		return d.fail(ErrMalformed, at, "chunk data not followed by CRLF", nil)
	}
	return nil
}

// readError classifies a read failure: a body that ends early is
// malformed; anything else is passed on as the cause.
func (d *decoder) readError(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return d.fail(ErrMalformed, d.off, "body ends early", nil)
	}
	return d.fail(ErrMalformed, d.off, "reading the body", err)
}

// validToken reports whether s is a non-empty HTTP header name.
func validToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}
