package awschunked

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The exact body aws-sdk-go-v2 sends for PutObject("hello") over TLS with
// default checksums (measured, see docs/gofakes3.md P1).
const sdkUnsignedBody = "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n"

func TestDecodeSDKUnsignedTrailer(t *testing.T) {
	data, trailers, err := Options{DecodedLength: "5", Trailer: "x-amz-checksum-crc32"}.
		Decode(strings.NewReader(sdkUnsignedBody), UnsignedTrailer)
	require.NoError(t, err)
	assert.Equal(t, "hello", string(data))
	assert.Equal(t, map[string]string{"x-amz-checksum-crc32": "NhCmhg=="}, trailers)
}

func TestDecodeRoundTrips(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), (3*readStep)/16+7) // crosses readStep
	cases := []struct {
		name     string
		mode     string
		payload  []byte
		chunk    int
		trailers [][2]string
	}{
		{"unsigned, one chunk", UnsignedTrailer, []byte("hello"), 64 << 10, [][2]string{{"x-amz-checksum-crc32", "NhCmhg=="}}},
		{"unsigned, many chunks", UnsignedTrailer, big, 64 << 10, [][2]string{{"x-amz-checksum-crc64nvme", "AAAAAAAAAAA="}}},
		{"unsigned, empty payload", UnsignedTrailer, nil, 1, [][2]string{{"x-amz-checksum-crc32", "AAAAAA=="}}},
		{"unsigned, no trailers", UnsignedTrailer, []byte("x"), 1, nil},
		{"signed", Signed, big, MinSignedChunkSize, nil},
		{"signed, small last chunk", Signed, []byte(strings.Repeat("a", MinSignedChunkSize+1)), MinSignedChunkSize, nil},
		{"signed, empty payload", Signed, nil, MinSignedChunkSize, nil},
		{"signed trailer", SignedTrailer, big, 64 << 10, [][2]string{{"x-amz-checksum-sha256", "abc="}, {"x-amz-meta-x", "y"}}},
		{"signed trailer, no trailers", SignedTrailer, []byte("abc"), 64 << 10, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := encode(tc.payload, tc.chunk, tc.mode, tc.trailers...)
			opts := Options{Verifier: fakeSigner{}, SeedSignature: seedSig}
			// Short reads shake out buffering assumptions (one byte per
			// read is too slow for megabytes under -race).
			var r io.Reader = iotest.OneByteReader(bytes.NewReader(body))
			if len(body) > 64<<10 {
				r = iotest.HalfReader(bytes.NewReader(body))
			}
			data, trailers, err := opts.Decode(r, tc.mode)
			require.NoError(t, err)
			assert.Equal(t, len(tc.payload), len(data))
			assert.True(t, bytes.Equal(tc.payload, data), "payload differs")
			want := map[string]string(nil)
			for _, tr := range tc.trailers {
				if want == nil {
					want = map[string]string{}
				}
				want[tr[0]] = tr[1]
			}
			assert.Equal(t, want, trailers)

			// Without a verifier the same body decodes the same way.
			data, _, err = Decode(bytes.NewReader(body), tc.mode)
			require.NoError(t, err)
			assert.True(t, bytes.Equal(tc.payload, data))
		})
	}
}

func TestDecodeECDSASignatureShape(t *testing.T) {
	sig := strings.Repeat("ab", 70)
	body := "3;chunk-signature=" + sig + "\r\nabc\r\n0;chunk-signature=" + sig + "\r\n\r\n"
	data, _, err := Decode(strings.NewReader(body), ECDSA)
	require.NoError(t, err)
	assert.Equal(t, "abc", string(data))

	// An HMAC framing needs exactly 64 hex digits.
	_, _, err = Decode(strings.NewReader(body), Signed)
	assert.ErrorIs(t, err, ErrMalformed)
}

func TestDecodeSignatures(t *testing.T) {
	opts := Options{Verifier: fakeSigner{}, SeedSignature: seedSig}
	payload := bytes.Repeat([]byte("x"), MinSignedChunkSize+10)

	t.Run("tampered data", func(t *testing.T) {
		body := encode(payload, MinSignedChunkSize, Signed)
		body[bytes.Index(body, []byte("\r\n"))+100] ^= 1 // inside the first chunk's data
		_, _, err := opts.Decode(bytes.NewReader(body), Signed)
		assert.ErrorIs(t, err, ErrSignature)
		assert.ErrorIs(t, err, errBadSig, "the verifier's error is wrapped")
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, "SignatureDoesNotMatch", e.S3Code())
	})
	t.Run("wrong seed", func(t *testing.T) {
		body := encode(payload, MinSignedChunkSize, Signed)
		_, _, err := Options{Verifier: fakeSigner{}, SeedSignature: "other"}.Decode(bytes.NewReader(body), Signed)
		assert.ErrorIs(t, err, ErrSignature)
	})
	t.Run("tampered trailer", func(t *testing.T) {
		body := encode([]byte("abc"), 64<<10, SignedTrailer, [2]string{"x-amz-checksum-crc32", "AAAAAA=="})
		body = bytes.Replace(body, []byte("AAAAAA=="), []byte("BBBBBB=="), 1)
		_, _, err := opts.Decode(bytes.NewReader(body), SignedTrailer)
		assert.ErrorIs(t, err, ErrSignature)
	})
	t.Run("missing trailer signature", func(t *testing.T) {
		body := encode([]byte("abc"), 64<<10, SignedTrailer, [2]string{"x-amz-checksum-crc32", "AAAAAA=="})
		i := bytes.Index(body, []byte("x-amz-trailer-signature:"))
		body = append(body[:i:i], "\r\n"...)
		_, _, err := opts.Decode(bytes.NewReader(body), SignedTrailer)
		assert.ErrorIs(t, err, ErrTrailer)
	})
}

func TestDecodeChunkTooSmall(t *testing.T) {
	// Two small data chunks: the first is not the last, so it is too small.
	body := encode([]byte("abcdef"), 3, Signed)
	_, _, err := Decode(bytes.NewReader(body), Signed)
	assert.ErrorIs(t, err, ErrChunkTooSmall)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "InvalidChunkSizeError", e.S3Code())

	// Unsigned framing has no minimum.
	body = encode([]byte("abcdef"), 3, UnsignedTrailer)
	data, _, err := Decode(bytes.NewReader(body), UnsignedTrailer)
	require.NoError(t, err)
	assert.Equal(t, "abcdef", string(data))
}

func TestDecodeLengths(t *testing.T) {
	body := encode([]byte("hello"), 2, UnsignedTrailer)
	for _, tc := range []struct {
		decoded string
		want    error
	}{
		{"5", nil},
		{"4", ErrLengthMismatch},
		{"6", ErrLengthMismatch},
		{"0", ErrLengthMismatch},
		{"-1", ErrLengthMismatch},
		{"five", ErrLengthMismatch},
		{"99999999999999", ErrTooLarge},
	} {
		t.Run(tc.decoded, func(t *testing.T) {
			_, _, err := Options{DecodedLength: tc.decoded}.Decode(bytes.NewReader(body), UnsignedTrailer)
			if tc.want == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, tc.want)
			}
		})
	}
	_, _, err := Options{MaxSize: 4}.Decode(bytes.NewReader(body), UnsignedTrailer)
	assert.ErrorIs(t, err, ErrTooLarge)
}

func TestDecodeDeclaredTrailers(t *testing.T) {
	body := encode([]byte("a"), 1, UnsignedTrailer, [2]string{"x-amz-checksum-crc32", "AAAAAA=="})
	for _, tc := range []struct {
		declared string
		ok       bool
	}{
		{"x-amz-checksum-crc32", true},
		{"X-Amz-Checksum-CRC32", true},
		{" x-amz-checksum-crc32 ,", true},
		{"x-amz-checksum-crc32c", false},
		{"x-amz-checksum-crc32,x-amz-checksum-sha1", false},
	} {
		_, _, err := Options{Trailer: tc.declared}.Decode(bytes.NewReader(body), UnsignedTrailer)
		if tc.ok {
			assert.NoError(t, err, tc.declared)
		} else {
			assert.ErrorIs(t, err, ErrTrailer, tc.declared)
		}
	}
}

func TestDecodeMalformed(t *testing.T) {
	sig := strings.Repeat("0", 64)
	cases := []struct {
		name string
		mode string
		body string
		want error
	}{
		{"empty body", UnsignedTrailer, "", ErrMalformed},
		{"no final chunk", UnsignedTrailer, "5\r\nhello\r\n", ErrMalformed},
		{"no closing line", UnsignedTrailer, "5\r\nhello\r\n0\r\n", ErrMalformed},
		{"bare LF", UnsignedTrailer, "5\nhello\r\n0\r\n\r\n", ErrMalformed},
		{"bad hex", UnsignedTrailer, "g\r\nhello\r\n0\r\n\r\n", ErrMalformed},
		{"signed hex", UnsignedTrailer, "+5\r\nhello\r\n0\r\n\r\n", ErrMalformed},
		{"0x prefix", UnsignedTrailer, "0x5\r\nhello\r\n0\r\n\r\n", ErrMalformed},
		{"empty size", UnsignedTrailer, "\r\nhello\r\n0\r\n\r\n", ErrMalformed},
		{"huge size", UnsignedTrailer, "fffffffffffffffff\r\n", ErrMalformed},
		{"size larger than data", UnsignedTrailer, "9\r\nhello\r\n0\r\n\r\n", ErrMalformed},
		{"size smaller than data", UnsignedTrailer, "3\r\nhello\r\n0\r\n\r\n", ErrMalformed},
		{"no CRLF after data", UnsignedTrailer, "5\r\nhello0\r\n\r\n", ErrMalformed},
		{"extension when unsigned", UnsignedTrailer, "5;chunk-signature=" + sig + "\r\nhello\r\n0\r\n\r\n", ErrMalformed},
		{"data after the end", UnsignedTrailer, "5\r\nhello\r\n0\r\n\r\nextra", ErrMalformed},
		{"trailer without colon", UnsignedTrailer, "0\r\nx-amz-checksum-crc32\r\n\r\n", ErrTrailer},
		{"trailer with bad name", UnsignedTrailer, "0\r\nx amz:1\r\n\r\n", ErrTrailer},
		{"repeated trailer", UnsignedTrailer, "0\r\na:1\r\nA:2\r\n\r\n", ErrTrailer},
		{"trailer signature when unsigned", UnsignedTrailer, "0\r\nx-amz-trailer-signature:" + sig + "\r\n\r\n", ErrTrailer},
		{"stray CR", UnsignedTrailer, "0\r\na:1\r2\r\n\r\n", ErrMalformed},
		{"missing signature", Signed, "5\r\nhello\r\n0;chunk-signature=" + sig + "\r\n\r\n", ErrMalformed},
		{"short signature", Signed, "5;chunk-signature=abc\r\nhello\r\n0;chunk-signature=" + sig + "\r\n\r\n", ErrMalformed},
		{"upper-case signature", Signed, "5;chunk-signature=" + strings.Repeat("A", 64) + "\r\nhello\r\n0;chunk-signature=" + sig + "\r\n\r\n", ErrMalformed},
		{"other extension", Signed, "5;foo=" + sig + "\r\nhello\r\n0;chunk-signature=" + sig + "\r\n\r\n", ErrMalformed},
		{"trailer when not allowed", Signed, "0;chunk-signature=" + sig + "\r\na:1\r\n\r\n", ErrMalformed},
		{"header after trailer signature", SignedTrailer, "0;chunk-signature=" + sig + "\r\nx-amz-trailer-signature:" + sig + "\r\na:1\r\n\r\n", ErrTrailer},
		{"long line", UnsignedTrailer, strings.Repeat("0", 5000) + "\r\n", ErrMalformed},
		{"unsupported mode", "UNSIGNED-PAYLOAD", "0\r\n\r\n", ErrUnsupportedPayload},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data, trailers, err := Decode(strings.NewReader(tc.body), tc.mode)
			require.ErrorIs(t, err, tc.want)
			assert.Nil(t, data)
			assert.Nil(t, trailers)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.NotEmpty(t, e.S3Code())
			assert.Contains(t, e.Error(), "awschunked: ")
		})
	}
}

func TestDecodeReadError(t *testing.T) {
	boom := errors.New("connection reset")
	r := io.MultiReader(strings.NewReader("5\r\nhe"), iotest.ErrReader(boom))
	_, _, err := Decode(r, UnsignedTrailer)
	assert.ErrorIs(t, err, ErrMalformed)
	assert.ErrorIs(t, err, boom)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, int64(5), e.Offset)
}

func TestIsStreaming(t *testing.T) {
	for _, m := range []string{UnsignedTrailer, Signed, SignedTrailer, ECDSA, ECDSATrailer} {
		assert.True(t, IsStreaming(m), m)
	}
	for _, m := range []string{"", "UNSIGNED-PAYLOAD", strings.Repeat("a", 64), "streaming-unsigned-payload-trailer"} {
		assert.False(t, IsStreaming(m), m)
	}
}
