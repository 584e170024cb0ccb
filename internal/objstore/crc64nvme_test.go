package objstore

import (
	"hash/crc64"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCRC64NVMEMatchesHashCRC64: the slicing implementation agrees with
// hash/crc64 for every length around the 8-byte and 2 KiB boundaries and
// for split writes.
func TestCRC64NVMEMatchesHashCRC64(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 5000)
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 100, 2047, 2048, 2049, 4999, 5000} {
		want := crc64.New(crc64NVMETable)
		want.Write(data[:n])
		var got crc64NVME
		cut := n / 3
		got.Write(data[:cut])
		got.Write(data[cut:n])
		require.Equal(t, want.Sum64(), got.Sum64(), "length %d", n)
		require.Equal(t, want.Sum(nil), got.Sum(nil), "length %d", n)
	}
	// The check value of CRC-64/NVME ("123456789").
	var d crc64NVME
	d.Write([]byte("123456789"))
	require.Equal(t, uint64(0xae8b14860a799888), d.Sum64())
}

func BenchmarkCRC64NVME(b *testing.B) {
	data := make([]byte, 1<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var d crc64NVME
		d.Write(data)
	}
}
