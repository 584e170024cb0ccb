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
	// headerSize is a record's length, the length's complement and the
	// checksum. The complement lets a record's start be recognized
	// without reading its payload: looking for valid records after a bad
	// one then costs a few comparisons per byte, not a CRC over whatever
	// length garbage claims.
	headerSize = 12
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
// length, its complement, CRC-32C, and the type byte.
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
	binary.LittleEndian.PutUint32(h[4:8], ^uint32(n))
	binary.LittleEndian.PutUint32(h[8:12], crc)
	h[12] = typ
	return h, nil
}

// maxRecord bounds a record's type and payload (a uint32 length).
const maxRecord = 1<<32 - 1

// headerLength returns the length a record header at the start of b
// declares, and false when b is too short to hold a header or the
// header does not check (length and complement disagree, or a length of
// zero).
func headerLength(b []byte) (int64, bool) {
	if len(b) < headerSize {
		return 0, false
	}
	n := binary.LittleEndian.Uint32(b[0:4])
	if n == 0 || n != ^binary.LittleEndian.Uint32(b[4:8]) {
		return 0, false
	}
	return int64(n), true
}

// parse checks the record at the start of b: it returns its type, payload
// and total size, or ok false when b does not start with a whole, valid
// record.
func parse(b []byte) (typ byte, payload []byte, size int, ok bool) {
	n, hok := headerLength(b)
	if !hok || n > int64(len(b)-headerSize) {
		return 0, nil, 0, false
	}
	body := b[headerSize : headerSize+int(n)]
	if body[0] == 0 || crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(b[8:12]) {
		return 0, nil, 0, false
	}
	return body[0], body[1:], headerSize + int(n), true
}

// validRecordIn returns the offset of the first valid record starting
// anywhere in b, and false when there is none.
func validRecordIn(b []byte) (int, bool) {
	for off := 0; off+headerSize+1 <= len(b); off++ {
		if _, ok := headerLength(b[off:]); !ok {
			continue // the common case: a comparison, no CRC
		}
		if _, _, _, ok := parse(b[off:]); ok {
			return off, true
		}
	}
	return 0, false
}

// tornTail decides whether rest, which starts with a record that does not
// check, is what a crash during the last append leaves (true), or
// corruption with acknowledged records after it (false, and the offset in
// rest of the first valid record found after it).
//
// A record whose header checks and whose length runs past the end of the
// file is the record being written: nothing can follow it (and the bytes
// of its payload, an object's body, may look like anything, records
// included). One whose header checks and that fits is corrupt: a record
// after it would start right at its end. One whose header does not check
// has no known end: a valid record anywhere after its first byte means
// corruption.
func tornTail(rest []byte) (bool, int) {
	if n, ok := headerLength(rest); ok {
		end := int64(headerSize) + n
		if end > int64(len(rest)) {
			return true, 0
		}
		if off, found := validRecordIn(rest[end:]); found {
			return false, int(end) + off
		}
		return true, 0
	}
	if off, found := validRecordIn(rest[min(1, len(rest)):]); found {
		return false, 1 + off
	}
	return true, 0
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
