package objstore

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"strconv"
)

// crc64NVMETable is CRC-64/NVME, the polynomial S3 and the AWS SDKs use,
// reversed as hash/crc64 expects.
var crc64NVMETable = crc64.MakeTable(0x9a6c9329ac4bc9b5)

var crc32cTable = crc32.MakeTable(crc32.Castagnoli)

// newChecksum returns a hash for a checksum algorithm; the algorithm must
// be valid.
func newChecksum(alg string) hash.Hash {
	switch alg {
	case ChecksumCRC32:
		return crc32.NewIEEE()
	case ChecksumCRC32C:
		return crc32.New(crc32cTable)
	case ChecksumCRC64NVME:
		return new(crc64NVME)
	case ChecksumSHA1:
		return sha1.New()
	case ChecksumSHA256:
		return sha256.New()
	}
	panic("objstore: unknown checksum algorithm " + alg)
}

// rawChecksum returns the checksum of the content: data, or size zero bytes
// when data is nil (a size-only version).
func rawChecksum(alg string, data []byte, size int64) []byte {
	h := newChecksum(alg)
	if data != nil {
		h.Write(data)
	} else {
		writeZeros(h, size)
	}
	return h.Sum(nil)
}

// fullChecksum is the base64 full-object checksum of the content.
func fullChecksum(alg string, data []byte, size int64) string {
	return base64.StdEncoding.EncodeToString(rawChecksum(alg, data, size))
}

// compositeChecksum is S3's checksum of a multipart object built from its
// parts' checksums: the checksum of their concatenation, then -N.
func compositeChecksum(alg string, partSums [][]byte) string {
	h := newChecksum(alg)
	for _, s := range partSums {
		h.Write(s)
	}
	return base64.StdEncoding.EncodeToString(h.Sum(nil)) + "-" + strconv.Itoa(len(partSums))
}

// defaultChecksumType is the type S3 gives a checksum when the request
// names none: FULL_OBJECT, except for multipart uploads with an algorithm
// that can only be combined part by part.
func defaultChecksumType(alg string, multipart bool) string {
	if multipart && alg != ChecksumCRC64NVME {
		return ChecksumComposite
	}
	return ChecksumFullObject
}

// checksumTypeAllowed reports whether S3 accepts the type for the
// algorithm: single PUTs are always FULL_OBJECT; multipart uploads may be
// COMPOSITE for CRC32, CRC32C, SHA1 and SHA256 and FULL_OBJECT for the
// CRCs only.
func checksumTypeAllowed(alg, typ string, multipart bool) bool {
	switch {
	case !multipart:
		return typ == ChecksumFullObject
	case typ == ChecksumComposite:
		return alg != ChecksumCRC64NVME
	default:
		return alg == ChecksumCRC32 || alg == ChecksumCRC32C || alg == ChecksumCRC64NVME
	}
}

// zeros is a shared block of zero bytes for hashing size-only content.
var zeros [64 << 10]byte

// writeZeros writes n zero bytes to h.
func writeZeros(h hash.Hash, n int64) {
	for n > 0 {
		k := min(n, int64(len(zeros)))
		h.Write(zeros[:k])
		n -= k
	}
}
