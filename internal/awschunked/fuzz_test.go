package awschunked

import (
	"bytes"
	"errors"
	"testing"
)

var fuzzModes = []string{UnsignedTrailer, Signed, SignedTrailer, ECDSA, ECDSATrailer}

// FuzzDecode feeds arbitrary bodies to Decode: it must never panic, must
// return an *Error on failure, and what it accepts must survive a
// re-encoding.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(sdkUnsignedBody), uint8(0))
	f.Add(encode([]byte("hello world"), 4, UnsignedTrailer, [2]string{"x-amz-checksum-crc32", "AAAAAA=="}), uint8(0))
	f.Add(encode(bytes.Repeat([]byte("z"), MinSignedChunkSize+3), MinSignedChunkSize, Signed), uint8(1))
	f.Add(encode([]byte("abc"), 8, SignedTrailer, [2]string{"a", "b"}), uint8(2))
	f.Add([]byte("0;chunk-signature=abcd\r\n\r\n"), uint8(3))
	f.Fuzz(func(t *testing.T, body []byte, m uint8) {
		mode := fuzzModes[int(m)%len(fuzzModes)]
		data, trailers, err := Decode(bytes.NewReader(body), mode)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error is not an *Error: %v", err)
			}
			if data != nil || trailers != nil {
				t.Fatal("failure returned data")
			}
			return
		}
		if len(data) > len(body) {
			t.Fatalf("decoded %d bytes from a %d-byte body", len(data), len(body))
		}
		// Re-encode the unsigned way and decode again.
		var tr [][2]string
		for k, v := range trailers {
			tr = append(tr, [2]string{k, v})
		}
		again, trailers2, err := Decode(bytes.NewReader(encode(data, 7, UnsignedTrailer, tr...)), UnsignedTrailer)
		if err != nil {
			t.Fatalf("re-encoded body fails: %v", err)
		}
		if !bytes.Equal(again, data) || len(trailers2) != len(trailers) {
			t.Fatal("re-encoded body decodes differently")
		}
	})
}

// FuzzRoundTrip encodes arbitrary payloads in every framing and chunk size
// and requires Decode (with signature verification) to give them back.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("hello"), uint16(1), uint8(0), "NhCmhg==")
	f.Add(bytes.Repeat([]byte{0}, 20000), uint16(9000), uint8(1), "")
	f.Fuzz(func(t *testing.T, payload []byte, chunk uint16, m uint8, trailerValue string) {
		mode := fuzzModes[int(m)%len(fuzzModes)]
		size := int(chunk)%(64<<10) + 1
		if modes[mode].signed {
			size = max(size, MinSignedChunkSize)
		}
		var tr [][2]string
		if modes[mode].trailer && validTrailerValue(trailerValue) {
			tr = append(tr, [2]string{"x-amz-checksum-crc32", trailerValue})
		}
		body := encode(payload, size, mode, tr...)
		data, trailers, err := Options{Verifier: fakeSigner{}, SeedSignature: seedSig}.Decode(bytes.NewReader(body), mode)
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		if !bytes.Equal(data, payload) {
			t.Fatal("payload differs")
		}
		if len(tr) == 1 && trailers["x-amz-checksum-crc32"] != trimTrailer(trailerValue) {
			t.Fatalf("trailer %q, want %q", trailers["x-amz-checksum-crc32"], trailerValue)
		}
	})
}

// validTrailerValue reports whether v can travel in a trailer line.
func validTrailerValue(v string) bool {
	return !bytes.ContainsAny([]byte(v), "\r\n") && len(v) < 1000
}

func trimTrailer(v string) string { return string(bytes.Trim([]byte(v), " \t")) }
