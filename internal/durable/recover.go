package durable

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// recoverDir is Open once the directory is locked.
func recoverDir(dir string, logger *slog.Logger, apply Apply) (*Log, error) {
	snaps, logs, err := listDir(dir)
	if err != nil {
		return nil, err
	}
	var base uint64 // the newest snapshot's generation; 0 for none
	if len(snaps) > 0 {
		base = snaps[len(snaps)-1]
		if err := readSnapshot(filepath.Join(dir, snapshotName(base)), apply); err != nil {
			return nil, err
		}
	}
	logs = slices.DeleteFunc(logs, func(g uint64) bool { return g < base })
	l := &Log{dir: dir, logger: logger, gen: base}
	if len(snaps) > 0 {
		if st, err := os.Stat(filepath.Join(dir, snapshotName(base))); err == nil {
			l.snapSize = st.Size()
		}
	}
	logs = l.dropEmptyNewerLogs(logs)
	for i, g := range logs {
		last := i == len(logs)-1
		size, err := l.replay(filepath.Join(dir, logName(g)), last, apply)
		if err != nil {
			return nil, err
		}
		l.gen, l.size = g, size
	}
	if len(logs) == 0 {
		if err := l.create(base); err != nil {
			return nil, err
		}
	} else if l.f, err = os.OpenFile(filepath.Join(dir, logName(l.gen)), os.O_WRONLY, 0); err != nil {
		return nil, fmt.Errorf("durable: %w", err)
	}
	l.removeBefore(base)
	return l, nil
}

// dropEmptyNewerLogs removes the newest logs that hold no record while an
// older log is left: a rotation whose file survived a failed creation
// (or a crash before the snapshot it started) holds nothing, and the log
// before it, not it, is where appends went on. Left in place, it would
// make a torn tail of that log look like corruption in the middle.
func (l *Log) dropEmptyNewerLogs(logs []uint64) []uint64 {
	for len(logs) > 1 {
		path := filepath.Join(l.dir, logName(logs[len(logs)-1]))
		b, err := os.ReadFile(path)
		if err != nil || len(b) > fileHeaderSize || !bytes.Equal(b, logMagic[:len(b)]) {
			break
		}
		l.logger.Warn("durable: removing an empty log that a failed or interrupted rotation left", "file", path)
		if err := os.Remove(path); err != nil {
			break
		}
		logs = logs[:len(logs)-1]
	}
	return logs
}

// listDir returns the generations of the snapshots and logs in dir, in
// ascending order, and removes the temporary files an interrupted
// compaction left.
func listDir(dir string) (snaps, logs []uint64, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("durable: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasSuffix(name, tmpSuffix):
			os.Remove(filepath.Join(dir, name))
		case strings.HasPrefix(name, "snapshot-") && strings.HasSuffix(name, ".s3fs"):
			if g, ok := parseGen(name, "snapshot-", ".s3fs"); ok {
				snaps = append(snaps, g)
			}
		case strings.HasPrefix(name, "log-") && strings.HasSuffix(name, ".s3fl"):
			if g, ok := parseGen(name, "log-", ".s3fl"); ok {
				logs = append(logs, g)
			}
		}
	}
	slices.Sort(snaps)
	slices.Sort(logs)
	return snaps, logs, nil
}

const (
	tmpSuffix = ".tmp"
	lockName  = "LOCK"
)

func snapshotName(gen uint64) string { return fmt.Sprintf("snapshot-%016x.s3fs", gen) }
func logName(gen uint64) string      { return fmt.Sprintf("log-%016x.s3fl", gen) }

func parseGen(name, prefix, suffix string) (uint64, bool) {
	g, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(name, prefix), suffix), 16, 64)
	return g, err == nil
}

// recordReader reads records one at a time, each payload in its own
// allocation (the caller keeps them: object bodies point into them).
type recordReader struct {
	r    *bufio.Reader
	off  int64
	size int64 // the file's length: no length read from it may pass its end
}

// next reads the next record. At a clean end of file it returns io.EOF;
// at anything that is not a whole, valid record, errBad.
func (rr *recordReader) next() (byte, []byte, error) {
	var h [headerSize]byte
	n, err := io.ReadFull(rr.r, h[:])
	if err == io.EOF {
		return 0, nil, io.EOF
	}
	if err != nil {
		return 0, nil, errBad
	}
	length, ok := headerLength(h[:])
	if !ok || rr.off+headerSize+length > rr.size {
		return 0, nil, errBad // never allocate what a garbage length asks for
	}
	buf := make([]byte, headerSize+int(length))
	copy(buf, h[:])
	if _, err := io.ReadFull(rr.r, buf[headerSize:]); err != nil {
		return 0, nil, errBad
	}
	typ, payload, _, ok := parse(buf)
	if !ok {
		return 0, nil, errBad
	}
	rr.off += int64(n) + length
	return typ, payload, nil
}

var errBad = errors.New("bad record")

// openRecords opens path and checks its magic string.
func openRecords(path string, magic [fileHeaderSize]byte) (*os.File, *recordReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("durable: %w", err)
	}
	var m [fileHeaderSize]byte
	if _, err := io.ReadFull(f, m[:]); err != nil || m != magic {
		f.Close()
		return nil, nil, &CorruptError{File: path, Offset: 0, Reason: "not an s3fake data file of this version (bad magic)"}
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("durable: %w", err)
	}
	return f, &recordReader{r: bufio.NewReaderSize(f, 1<<20), off: fileHeaderSize, size: st.Size()}, nil
}

// readSnapshot applies every record of a snapshot, which must check from
// its magic to its end record: it was renamed into place only once whole.
func readSnapshot(path string, apply Apply) error {
	f, rr, err := openRecords(path, snapshotMagic)
	if err != nil {
		return err
	}
	defer f.Close()
	for {
		at := rr.off
		typ, payload, err := rr.next()
		switch {
		case err == io.EOF:
			return &CorruptError{File: path, Offset: at, Reason: "the snapshot ends without its end record"}
		case err != nil:
			return &CorruptError{File: path, Offset: at, Reason: "bad record (length or CRC-32C)"}
		case typ == TypeEnd:
			if _, err := rr.r.Peek(1); err != io.EOF {
				return &CorruptError{File: path, Offset: rr.off, Reason: "data after the end record"}
			}
			return nil
		}
		if err := apply(typ, payload); err != nil {
			return &CorruptError{File: path, Offset: at, Reason: err.Error()}
		}
	}
}

// replay applies every record of a log and returns the length of its
// valid part. A bad record that no valid record follows is a torn tail:
// in the newest log (last) it is truncated away with a warning; anywhere
// else it is corruption.
func (l *Log) replay(path string, last bool, apply Apply) (int64, error) {
	f, rr, err := openRecords(path, logMagic)
	if err != nil {
		var ce *CorruptError
		if last && errors.As(err, &ce) {
			// A log is created with its magic and fsynced before it is
			// used, so a short header is only a crash during creation.
			if st, serr := os.Stat(path); serr == nil && st.Size() < fileHeaderSize {
				l.logger.Warn("durable: a log cut short during its creation is started over", "file", path)
				return fileHeaderSize, rewriteHeader(path)
			}
		}
		return 0, err
	}
	defer f.Close()
	for {
		at := rr.off
		typ, payload, err := rr.next()
		if err == io.EOF {
			return at, nil
		}
		if err == nil && typ == TypeEnd {
			err = errBad // never appended
		}
		if err != nil {
			return l.badRecord(f, path, at, last)
		}
		if err := apply(typ, payload); err != nil {
			return 0, &CorruptError{File: path, Offset: at, Reason: err.Error()}
		}
	}
}

// badRecord decides what a bad record at offset at of log f means.
func (l *Log) badRecord(f *os.File, path string, at int64, last bool) (int64, error) {
	st, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("durable: %w", err)
	}
	rest := make([]byte, st.Size()-at)
	if _, err := f.ReadAt(rest, at); err != nil && err != io.EOF {
		return 0, fmt.Errorf("durable: %w", err)
	}
	if torn, off := tornTail(rest); !torn {
		return 0, &CorruptError{File: path, Offset: at,
			Reason: fmt.Sprintf("bad record (length or CRC-32C) followed by a valid record at offset %d", at+int64(off))}
	}
	if !last {
		return 0, &CorruptError{File: path, Offset: at, Reason: "bad record at the end of a log that a newer log follows"}
	}
	l.logger.Warn("durable: dropping a torn or corrupt record at the end of the log (a write that was never acknowledged)",
		"file", path, "offset", at, "bytes", len(rest))
	w, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return 0, fmt.Errorf("durable: %w", err)
	}
	defer w.Close()
	if err := w.Truncate(at); err != nil {
		return 0, fmt.Errorf("durable: truncate %s: %w", path, err)
	}
	if err := w.Sync(); err != nil {
		return 0, fmt.Errorf("durable: %w", err)
	}
	return at, nil
}

// rewriteHeader gives a log cut short during creation its magic string.
func rewriteHeader(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return fmt.Errorf("durable: %w", err)
	}
	defer f.Close()
	if _, err := f.Write(logMagic[:]); err != nil {
		return fmt.Errorf("durable: %w", err)
	}
	return f.Sync()
}
