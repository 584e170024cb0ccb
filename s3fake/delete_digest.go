package s3fake

// The integrity header DeleteObjects requires: S3 refuses a Delete
// document without Content-MD5 or an x-amz-checksum-* header ("Content-MD5
// ... is required for all Multi-Object Delete requests", API_DeleteObjects;
// the SDKs send a CRC32 instead since 2025), and checks the one sent.

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"net/http"
	"strings"

	"github.com/s3fake/s3fake/xmlcodec"
)

// deleteChecksums are the x-amz-checksum-* algorithms, by header suffix.
var deleteChecksums = []struct {
	name string // as S3 names it in messages
	hash func() hash.Hash
}{
	{"CRC32", func() hash.Hash { return crc32.NewIEEE() }},
	{"CRC32C", func() hash.Hash { return crc32.New(crc32c) }},
	{"CRC64NVME", func() hash.Hash { return crc64.New(crc64NVME) }},
	{"SHA1", sha1.New},
	{"SHA256", sha256.New},
}

var (
	crc32c = crc32.MakeTable(crc32.Castagnoli)
	// crc64NVME is CRC-64/NVME, reversed as hash/crc64 expects.
	crc64NVME = crc64.MakeTable(0x9a6c9329ac4bc9b5)
)

// checkDeleteDigest verifies the Content-MD5 and the x-amz-checksum-*
// header of a Delete document, and requires one of them.
func checkDeleteDigest(h http.Header, body []byte) error {
	var found []string
	for _, c := range deleteChecksums {
		if _, ok := h[http.CanonicalHeaderKey("X-Amz-Checksum-"+c.name)]; ok {
			found = append(found, c.name)
		}
	}
	md5Values, hasMD5 := h["Content-Md5"]
	switch {
	case !hasMD5 && len(found) == 0:
		return xmlcodec.NewError(xmlcodec.InvalidRequest, "Missing required header for this request: Content-MD5")
	case len(found) > 1:
		return xmlcodec.NewError(xmlcodec.InvalidRequest, "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
	}
	if hasMD5 {
		if err := checkContentMD5(md5Values[0], body); err != nil {
			return err
		}
	}
	for _, c := range deleteChecksums {
		if len(found) == 0 || found[0] != c.name {
			continue
		}
		lower := strings.ToLower(c.name)
		hh := c.hash()
		want, err := base64.StdEncoding.DecodeString(h.Get("X-Amz-Checksum-" + c.name))
		if err != nil || len(want) != hh.Size() {
			return xmlcodec.NewError(xmlcodec.InvalidRequest, "Value for x-amz-checksum-"+lower+" header is invalid.")
		}
		hh.Write(body)
		if !bytes.Equal(hh.Sum(nil), want) {
			return xmlcodec.NewError(xmlcodec.BadDigest, "The "+c.name+" you specified did not match the calculated checksum.")
		}
	}
	return nil
}

// checkContentMD5 answers InvalidDigest for a value that is not the
// base64 of 16 bytes and BadDigest, with the digest expected (in hex, as
// S3 reflects it) and the one calculated (base64), for a mismatch.
func checkContentMD5(value string, body []byte) error {
	want, err := base64.StdEncoding.DecodeString(value)
	if err != nil || len(want) != md5.Size {
		return xmlcodec.NewError(xmlcodec.InvalidDigest, "")
	}
	got := md5.Sum(body)
	if bytes.Equal(got[:], want) {
		return nil
	}
	e := xmlcodec.NewError(xmlcodec.BadDigest, "")
	e.Extra = []xmlcodec.ExtraField{
		{Name: "ExpectedDigest", Value: hex.EncodeToString(want)},
		{Name: "CalculatedDigest", Value: base64.StdEncoding.EncodeToString(got[:])},
	}
	return e
}
