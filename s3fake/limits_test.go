package s3fake_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// patternReader produces n bytes without holding them.
type patternReader struct{ n int64 }

func (p *patternReader) Read(b []byte) (int, error) {
	if p.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(b)) > p.n {
		b = b[:p.n]
	}
	for i := range b {
		b[i] = 'a' + byte(i%26)
	}
	p.n -= int64(len(b))
	return len(b), nil
}

// TestOversizedBodiesAreNotBuffered sends 100 MB documents, signed (the
// payload hash in the header), unsigned and chunked, to calls with a body
// limit, and checks S3's error and that the server allocated far less than
// the body: nothing is read past the limit.
func TestOversizedBodiesAreNotBuffered(t *testing.T) {
	const size = 100 << 20
	h := sha256.New()
	_, err := io.Copy(h, &patternReader{n: size})
	require.NoError(t, err)
	signedHash := hex.EncodeToString(h.Sum(nil))

	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("src"))
	for _, tc := range []struct {
		name, target, code string
		hash               string
		chunked            bool
	}{
		{"inventory signed", "/src?inventory=&id=a", "MaxMessageLengthExceeded", signedHash, false},
		{"inventory signed chunked", "/src?inventory=&id=a", "MaxMessageLengthExceeded", signedHash, true},
		{"inventory unsigned", "/src?inventory=&id=a", "MaxMessageLengthExceeded", "UNSIGNED-PAYLOAD", false},
		{"policy signed", "/src?policy=", "PolicyTooLarge", signedHash, false},
		{"create bucket signed chunked", "/newbucket", "MaxMessageLengthExceeded", signedHash, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPut, srv.URL()+tc.target, nil)
			require.NoError(t, err)
			require.NoError(t, srv.SignRequestHash(req, tc.hash))
			req.Body = io.NopCloser(&patternReader{n: size})
			req.ContentLength = size
			if tc.chunked {
				req.ContentLength = -1
			}

			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			resp, err := srv.HTTPClient().Do(req)
			require.NoError(t, err)
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.NoError(t, err)
			runtime.ReadMemStats(&after)

			assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "%s", body)
			assert.Contains(t, string(body), "<Code>"+tc.code+"</Code>")
			allocated := after.TotalAlloc - before.TotalAlloc
			t.Logf("allocated %.1f MiB for a %d MiB body", float64(allocated)/(1<<20), size>>20)
			assert.Less(t, allocated, uint64(5<<20), "the body was buffered")
		})
	}
	assert.False(t, srv.BucketExists("newbucket"))
	assert.Empty(t, srv.InventoryConfigurations("src"))
	_, hasPolicy := srv.BucketPolicy("src")
	assert.False(t, hasPolicy)
}
