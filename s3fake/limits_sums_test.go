package s3fake_test

// A large PutObject with a signed payload has its MD5 and CRC64NVME
// computed beside the signature's SHA-256 (limits.go's checkPayload): the
// stored ETag and checksum are those of the body, whatever checksum the
// request names, and a bad payload hash stores nothing.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"hash/crc64"
	"io"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLargeSignedPutObjectSums(t *testing.T) {
	fx := newObjFix(t)
	fx.bucket(t, "sums", "")
	body := bytes.Repeat([]byte("abcdefghijklmnopqrstuvwxyz012345"), 300<<10/32) // 300 KiB
	crc := crc64.Checksum(body, crc64.MakeTable(0x9a6c9329ac4bc9b5))
	crcB64 := base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint64(nil, crc))
	crc32B64 := base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(body)))

	head := func(key string) *s3.HeadObjectOutput {
		out, err := fx.c.HeadObject(context.Background(), &s3.HeadObjectInput{
			Bucket: aws.String("sums"), Key: aws.String(key), ChecksumMode: types.ChecksumModeEnabled,
		})
		require.NoError(t, err)
		return out
	}

	// No checksum named: S3's default CRC64NVME.
	resp := objRaw(t, fx, http.MethodPut, "/sums/default", body, nil)
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	assert.Equal(t, md5ETag(body), resp.header.Get("ETag"))
	out := head("default")
	assert.Equal(t, md5ETag(body), aws.ToString(out.ETag))
	assert.Equal(t, crcB64, aws.ToString(out.ChecksumCRC64NVME))

	// CRC32 named and sent: it is checked and stored, not the early CRC64NVME.
	resp = objRaw(t, fx, http.MethodPut, "/sums/crc32", body, http.Header{"X-Amz-Checksum-Crc32": {crc32B64}})
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	out = head("crc32")
	assert.Equal(t, md5ETag(body), aws.ToString(out.ETag))
	assert.Equal(t, crc32B64, aws.ToString(out.ChecksumCRC32))
	assert.Nil(t, out.ChecksumCRC64NVME)

	// A wrong CRC32 is BadDigest, and stores nothing.
	resp = objRaw(t, fx, http.MethodPut, "/sums/bad", body, http.Header{"X-Amz-Checksum-Crc32": {"AAAAAA=="}})
	requireObjError(t, resp, http.StatusBadRequest, "BadDigest", nil)

	// A payload hash of other bytes is XAmzContentSHA256Mismatch, and
	// stores nothing.
	other := append(bytes.Clone(body[:len(body)-1]), '!')
	req := newRawRequest(t, fx.srv, http.MethodPut, "/sums/mismatch", nil)
	require.NoError(t, fx.srv.SignRequest(req, other))
	req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	r, err := fx.hc.Do(req)
	require.NoError(t, err)
	r.Body.Close()
	assert.Equal(t, http.StatusBadRequest, r.StatusCode)
	for _, key := range []string{"bad", "mismatch"} {
		_, err := fx.c.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("sums"), Key: aws.String(key)})
		require.Error(t, err, key)
	}
}
