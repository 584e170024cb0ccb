package objstore

import (
	"encoding/binary"
	"hash"
)

// CRC-64/NVME by slicing-by-8 with its tables built once. hash/crc64
// rebuilds its 8-table helper on every write of 2 KiB or more for any
// polynomial but ISO and ECMA, and goes byte by byte below that; every
// PutObject without a checksum computes this one (S3's default), so it is
// on the hot path of every write.

var crc64NVMESlicing = func() *[8][256]uint64 {
	var t [8][256]uint64
	for i := range 256 {
		crc := crc64NVMETable[i]
		t[0][i] = crc
		for j := 1; j < 8; j++ {
			crc = crc64NVMETable[crc&0xff] ^ crc>>8
			t[j][i] = crc
		}
	}
	return &t
}()

func crc64NVMEUpdate(crc uint64, p []byte) uint64 {
	t := crc64NVMESlicing
	crc = ^crc
	for len(p) >= 8 {
		crc ^= binary.LittleEndian.Uint64(p)
		crc = t[7][crc&0xff] ^ t[6][crc>>8&0xff] ^ t[5][crc>>16&0xff] ^ t[4][crc>>24&0xff] ^
			t[3][crc>>32&0xff] ^ t[2][crc>>40&0xff] ^ t[1][crc>>48&0xff] ^ t[0][crc>>56]
		p = p[8:]
	}
	for _, b := range p {
		crc = t[0][byte(crc)^b] ^ crc>>8
	}
	return ^crc
}

// crc64NVME is a hash.Hash64 of CRC-64/NVME.
type crc64NVME struct{ crc uint64 }

var _ hash.Hash64 = (*crc64NVME)(nil)

func (d *crc64NVME) Write(p []byte) (int, error) {
	d.crc = crc64NVMEUpdate(d.crc, p)
	return len(p), nil
}
func (d *crc64NVME) Sum64() uint64        { return d.crc }
func (d *crc64NVME) Reset()               { d.crc = 0 }
func (d *crc64NVME) Size() int            { return 8 }
func (d *crc64NVME) BlockSize() int       { return 1 }
func (d *crc64NVME) Sum(in []byte) []byte { return binary.BigEndian.AppendUint64(in, d.crc) }
