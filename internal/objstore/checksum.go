package objstore

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"strconv"
	"sync"
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

// BodySums are digests of a body that its reader computed (SumBody) while
// other work went on, so that WriteObject does not compute them again.
type BodySums struct {
	// MD5 is the body's MD5, the ETag of a single PUT.
	MD5 [md5.Size]byte
	// CRC64NVME is the base64 CRC-64/NVME (S3's default checksum), or ""
	// when it was not computed.
	CRC64NVME string
}

// ParallelSumSize is the body size from which MD5 runs in a goroutine of
// its own beside the checksum (here, and in a caller hashing a body as it
// reads it): below it, starting the goroutine costs more than the overlap
// saves (MD5 of 64 KiB takes about 80 µs).
const ParallelSumSize = 64 << 10

// SumBody computes data's MD5 in a goroutine of its own and, on the
// caller's, runs alongside (the caller's own hashing, say) and then, when
// withCRC is true and alongside returned nil, data's CRC64NVME. MD5 starts
// first because it is the longest: on two cores the whole takes about the
// time of MD5 alone. alongside's error is returned, with the sums (whose
// CRC64NVME is then "").
func SumBody(data []byte, withCRC bool, alongside func() error) (*BodySums, error) {
	s := new(BodySums)
	var wg sync.WaitGroup
	wg.Go(func() { s.MD5 = md5.Sum(data) })
	err := alongside()
	if err == nil && withCRC {
		s.CRC64NVME = fullChecksum(ChecksumCRC64NVME, data, 0)
	}
	wg.Wait()
	return s, err
}

// BodySummer computes the digests of a body as it is read, chunk by
// chunk: MD5 in a goroutine of its own, CRC64NVME (when asked) on the
// caller's, so that both overlap the reading and whatever else the caller
// does with each chunk. Sum must be called once, whatever happens, to end
// the goroutine.
type BodySummer struct {
	chunks  chan []byte
	md5     chan [md5.Size]byte
	crc     uint64
	withCRC bool
}

// NewBodySummer starts a BodySummer; withCRC asks for CRC64NVME too.
func NewBodySummer(withCRC bool) *BodySummer {
	b := &BodySummer{chunks: make(chan []byte, 64), md5: make(chan [md5.Size]byte, 1), withCRC: withCRC}
	go func() {
		h := md5.New()
		for p := range b.chunks {
			h.Write(p)
		}
		var sum [md5.Size]byte
		h.Sum(sum[:0])
		b.md5 <- sum
	}()
	return b
}

// Write adds the body's next bytes. p must not change until Sum returns.
func (b *BodySummer) Write(p []byte) {
	b.chunks <- p
	if b.withCRC {
		b.crc = crc64NVMEUpdate(b.crc, p)
	}
}

// Sum waits for the MD5 and returns the digests of everything written.
func (b *BodySummer) Sum() *BodySums {
	close(b.chunks)
	s := &BodySums{MD5: <-b.md5}
	if b.withCRC {
		var raw [8]byte
		binary.BigEndian.PutUint64(raw[:], b.crc)
		s.CRC64NVME = base64.StdEncoding.EncodeToString(raw[:])
	}
	return s
}

// contentSums returns data's MD5 and its base64 full checksum with alg,
// taking what sums already holds, and computing the rest with MD5 in a
// goroutine of its own for a large body: MD5 (about 0.8 GB/s) is the
// slowest hash on the write path, and every other digest fits beside it
// on a second core.
func contentSums(alg string, data []byte, sums *BodySums) (sum [md5.Size]byte, checksum string) {
	if sums != nil {
		if alg == ChecksumCRC64NVME && sums.CRC64NVME != "" {
			return sums.MD5, sums.CRC64NVME
		}
		return sums.MD5, fullChecksum(alg, data, 0)
	}
	if len(data) < ParallelSumSize {
		return md5.Sum(data), fullChecksum(alg, data, 0)
	}
	var wg sync.WaitGroup
	wg.Go(func() { sum = md5.Sum(data) })
	checksum = fullChecksum(alg, data, 0)
	wg.Wait()
	return sum, checksum
}
