package objstore

import (
	"crypto/md5"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSumBodyAndContentSums: the digests computed in parallel (a body past
// ParallelSumSize), from a caller's BodySums or inline are the plain ones.
func TestSumBodyAndContentSums(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1000, ParallelSumSize - 1, ParallelSumSize, 3*ParallelSumSize + 5} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(r.Uint32())
		}
		wantMD5 := md5.Sum(data)
		for _, alg := range []string{ChecksumCRC64NVME, ChecksumCRC32, ChecksumSHA256} {
			gotMD5, got := contentSums(alg, data, nil)
			require.Equal(t, wantMD5, gotMD5, "%d bytes %s", n, alg)
			require.Equal(t, fullChecksum(alg, data, 0), got, "%d bytes %s", n, alg)
		}

		ran := false
		sums, err := SumBody(data, true, func() error { ran = true; return nil })
		require.NoError(t, err)
		require.True(t, ran)
		require.Equal(t, wantMD5, sums.MD5)
		require.Equal(t, fullChecksum(ChecksumCRC64NVME, data, 0), sums.CRC64NVME)
		// A caller's sums are taken for CRC64NVME; another algorithm is
		// computed.
		gotMD5, got := contentSums(ChecksumCRC64NVME, data, sums)
		require.Equal(t, wantMD5, gotMD5)
		require.Equal(t, sums.CRC64NVME, got)
		_, got = contentSums(ChecksumCRC32C, data, sums)
		require.Equal(t, fullChecksum(ChecksumCRC32C, data, 0), got)

		// Without the CRC, or when alongside fails, only MD5 is there, and
		// contentSums computes the checksum.
		for _, fail := range []error{nil, errors.New("bad signature")} {
			sums, err := SumBody(data, false, func() error { return fail })
			require.Equal(t, fail, err)
			require.Equal(t, wantMD5, sums.MD5)
			require.Empty(t, sums.CRC64NVME)
			_, got := contentSums(ChecksumCRC64NVME, data, sums)
			require.Equal(t, fullChecksum(ChecksumCRC64NVME, data, 0), got)
		}
		sums, err = SumBody(data, true, func() error { return errors.New("bad") })
		require.Error(t, err)
		require.Empty(t, sums.CRC64NVME)

		// BodySummer, in uneven chunks, with and without the CRC.
		for _, withCRC := range []bool{true, false} {
			bs := NewBodySummer(withCRC)
			for rest, k := data, 1; len(rest) > 0; k = k*3 + 1 {
				c := min(k, len(rest))
				bs.Write(rest[:c])
				rest = rest[c:]
			}
			sums := bs.Sum()
			require.Equal(t, wantMD5, sums.MD5, "%d bytes", n)
			if withCRC {
				require.Equal(t, fullChecksum(ChecksumCRC64NVME, data, 0), sums.CRC64NVME, "%d bytes", n)
			} else {
				require.Empty(t, sums.CRC64NVME)
			}
		}
	}
}
