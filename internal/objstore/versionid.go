package objstore

import (
	"encoding/base64"
	"encoding/binary"
)

// NullVersionID is the version id S3 gives versions written while a bucket
// is unversioned or suspended.
const NullVersionID = "null"

// idAlphabet is the alphabet of S3 version ids: letters, digits, '.' and
// '_', all safe in URLs without escaping.
const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._"

var idEncoding = base64.NewEncoding(idAlphabet).WithPadding(base64.NoPadding)

// idCodec renders sequence numbers as opaque 32-character ids and reads
// them back. An id is 24 bytes: the scrambled sequence number and a 16-byte
// tag derived from it and the seed. Ids therefore look random and do not
// sort by age (S3's do not either), are reproducible for a given seed, and
// decode only if they were issued with that seed, so a made-up id is
// recognised as one. Decoding matters for paging: a version-id-marker
// whose version was deleted between two pages still says where the page
// ended.
type idCodec struct {
	seed uint64
	// domain separates kinds of ids (versions, uploads) so that one kind is
	// never accepted as the other.
	domain uint64
}

func (c idCodec) encode(seq uint64) string {
	var b [24]byte
	x := c.scramble(seq)
	binary.BigEndian.PutUint64(b[0:], x)
	binary.BigEndian.PutUint64(b[8:], mix64(x^c.seed^c.domain))
	binary.BigEndian.PutUint64(b[16:], mix64(x+c.seed+c.domain))
	return idEncoding.EncodeToString(b[:])
}

func (c idCodec) decode(id string) (seq uint64, ok bool) {
	if len(id) != 32 {
		return 0, false
	}
	var b [24]byte
	if n, err := idEncoding.Decode(b[:], []byte(id)); err != nil || n != 24 {
		return 0, false
	}
	x := binary.BigEndian.Uint64(b[0:])
	if binary.BigEndian.Uint64(b[8:]) != mix64(x^c.seed^c.domain) ||
		binary.BigEndian.Uint64(b[16:]) != mix64(x+c.seed+c.domain) {
		return 0, false
	}
	return c.unscramble(x), true
}

// scramble is a bijection on uint64 (xor, odd multiplier, xorshift), so
// consecutive sequence numbers give unrelated-looking ids.
func (c idCodec) scramble(seq uint64) uint64 {
	x := (seq ^ c.seed) * oddMul
	return x ^ x>>29
}

func (c idCodec) unscramble(x uint64) uint64 {
	// Undo x ^= x>>29: two rounds recover all 64 bits.
	x ^= x >> 29
	x ^= x >> 58
	return (x * oddMulInverse) ^ c.seed
}

const (
	oddMul        = 0x9e3779b97f4a7c15
	oddMulInverse = 0xf1de83e19937733d // oddMul * oddMulInverse == 1 mod 2^64
)

// mix64 is SplitMix64's finaliser: a cheap, well-spread hash of x.
func mix64(x uint64) uint64 {
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
