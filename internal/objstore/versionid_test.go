package objstore

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIDCodecRoundTrip(t *testing.T) {
	c := idCodec{seed: 42, domain: 1}
	shape := regexp.MustCompile(`^[A-Za-z0-9._]{32}$`)
	seen := map[string]bool{}
	for _, seq := range []uint64{0, 1, 2, 3, 1000, 1 << 40, ^uint64(0)} {
		id := c.encode(seq)
		assert.Regexp(t, shape, id)
		assert.False(t, seen[id], "ids are unique")
		seen[id] = true
		got, ok := c.decode(id)
		assert.True(t, ok)
		assert.Equal(t, seq, got)
	}
	assert.Equal(t, c.encode(7), c.encode(7), "ids are deterministic")
	assert.NotEqual(t, c.encode(7), idCodec{seed: 43, domain: 1}.encode(7), "the seed changes ids")
}

func TestIDCodecRejectsForeignIDs(t *testing.T) {
	c := idCodec{seed: 1, domain: 1}
	id := c.encode(5)
	for _, bad := range []string{
		"", "null", "s3fake-null-version", id[:31], id + "A",
		idCodec{seed: 2, domain: 1}.encode(5), // another seed
		idCodec{seed: 1, domain: 2}.encode(5), // another kind of id
		"3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrH",    // a real-looking S3 id
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!",
	} {
		_, ok := c.decode(bad)
		assert.False(t, ok, "%q", bad)
	}
	// Changing any one character breaks the tag.
	for i := range id {
		b := []byte(id)
		b[i] = 'A' + (b[i]-'A'+1)%26
		if string(b) == id {
			continue
		}
		_, ok := c.decode(string(b))
		assert.False(t, ok, "flipped char %d", i)
	}
}

func TestOddMulInverse(t *testing.T) {
	a, b := uint64(oddMul), uint64(oddMulInverse) // variables: constants would not wrap
	assert.Equal(t, uint64(1), a*b)
}
