package durable

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// castagnoli is the CRC-32C table: the polynomial with hardware support
// on amd64 and arm64, so checksumming a 1 MiB body costs microseconds.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

const (
	// headerSize is a record's length and checksum.
	headerSize = 8
	// fileHeaderSize is the magic string every file starts with.
	fileHeaderSize = 8
	// TypeEnd closes a snapshot; callers may not append it.
	TypeEnd byte = 0xff
)

// The magic strings of logs and snapshots (format version 1).
var (
	logMagic      = [fileHeaderSize]byte{'S', '3', 'F', 'L', 'O', 'G', '1', '\n'}
	snapshotMagic = [fileHeaderSize]byte{'S', '3', 'F', 'S', 'N', 'P', '1', '\n'}
)

// frame returns the header of a record of type typ and payload pieces:
// length, CRC-32C and the type byte.
func frame(typ byte, pieces [][]byte) ([headerSize + 1]byte, error) {
	var h [headerSize + 1]byte
	n := 1
	crc := crc32.Update(0, castagnoli, []byte{typ})
	for _, p := range pieces {
		n += len(p)
		crc = crc32.Update(crc, castagnoli, p)
	}
	if uint64(n) > maxRecord {
		return h, fmt.Errorf("durable: record of %d bytes is over the %d-byte limit", n, maxRecord)
	}
	binary.LittleEndian.PutUint32(h[0:4], uint32(n))
	binary.LittleEndian.PutUint32(h[4:8], crc)
	h[8] = typ
	return h, nil
}

// maxRecord bounds a record: a uint32 length, less one so that a length of
// all ones (a common pattern of garbage) is never taken for one.
const maxRecord = 1<<32 - 2

// parse checks the record at the start of b: it returns its type, payload
// and total size, or ok false when b does not start with a whole, valid
// record.
func parse(b []byte) (typ byte, payload []byte, size int, ok bool) {
	if len(b) < headerSize+1 {
		return 0, nil, 0, false
	}
	n := binary.LittleEndian.Uint32(b[0:4])
	if n == 0 || uint64(n) > maxRecord || uint64(n) > uint64(len(b)-headerSize) {
		return 0, nil, 0, false
	}
	body := b[headerSize : headerSize+int(n)]
	if body[0] == 0 || crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(b[4:8]) {
		return 0, nil, 0, false
	}
	return body[0], body[1:], headerSize + int(n), true
}

// validRecordIn reports whether a valid record starts anywhere in b: what
// tells a torn tail (nothing valid after the bad record) from corruption
// in the middle.
func validRecordIn(b []byte) (int, bool) {
	for off := 0; off+headerSize+1 <= len(b); off++ {
		if _, _, _, ok := parse(b[off:]); ok {
			return off, true
		}
	}
	return 0, false
}

// CorruptError is a file that does not check where it must: recovery
// refuses to go on rather than serve what is left.
type CorruptError struct {
	// File is the file's path.
	File string
	// Offset is the byte offset of the first bad record (or of the
	// missing end of a snapshot).
	Offset int64
	// Reason says what is wrong.
	Reason string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("durable: %s is corrupt at byte offset %d: %s", e.File, e.Offset, e.Reason)
}
