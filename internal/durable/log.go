package durable

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Log is an open data directory: recovered, and appending to its newest
// log file. Its methods are safe for concurrent use.
type Log struct {
	dir    string
	logger *slog.Logger

	mu     sync.Mutex
	f      *os.File // the newest log, open for appending
	gen    uint64   // its generation
	size   int64    // its length: where the next record goes
	broken error    // set when a failed append could not be undone
	closed bool
	lock   *os.File // the directory's LOCK file, locked while open
}

// Apply receives each record recovery reads, in order. An error stops
// recovery; Open returns it with the file and offset.
type Apply func(typ byte, payload []byte) error

// Open opens (creating it if needed) the data directory dir and recovers
// its state: apply gets every record of the newest snapshot, then of every
// log from the snapshot's generation on. A torn tail of the newest log is
// truncated and logged at Warn on logger (nil: slog.Default()); any other
// damage is a *CorruptError and nothing is changed on disk. The payload
// passed to apply is the caller's to keep.
func Open(dir string, logger *slog.Logger, apply Apply) (*Log, error) {
	if logger == nil {
		logger = slog.Default()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("durable: %w", err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	l, err := recoverDir(dir, logger, apply)
	if err != nil {
		lock.Close()
		return nil, err
	}
	l.lock = lock
	return l, nil
}

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

// create starts log gen: written with its magic, fsynced, and the
// directory fsynced, before any record goes in.
func (l *Log) create(gen uint64) error {
	path := filepath.Join(l.dir, logName(gen))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("durable: %w", err)
	}
	if _, err := f.Write(logMagic[:]); err != nil {
		f.Close()
		return fmt.Errorf("durable: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("durable: %w", err)
	}
	if err := syncDir(l.dir); err != nil {
		f.Close()
		return err
	}
	l.f, l.gen, l.size = f, gen, fileHeaderSize
	return nil
}

// syncDir makes the directory's entries (a created or renamed file)
// durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("durable: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("durable: sync %s: %w", dir, err)
	}
	return nil
}

// removeBefore deletes the snapshots and logs that the snapshot of
// generation gen supersedes.
func (l *Log) removeBefore(gen uint64) {
	snaps, logs, err := listDir(l.dir)
	if err != nil {
		return
	}
	for _, g := range snaps {
		if g < gen {
			os.Remove(filepath.Join(l.dir, snapshotName(g)))
		}
	}
	for _, g := range logs {
		if g < gen {
			os.Remove(filepath.Join(l.dir, logName(g)))
		}
	}
}

// Append writes a record of type typ (not 0, not TypeEnd) whose payload
// is the concatenation of pieces, and fsyncs it: when Append returns nil
// the record survives a crash. On an error the log is as before the call
// (what was written is cut off again); if even that fails, the log is
// broken and every later Append fails.
func (l *Log) Append(typ byte, pieces ...[]byte) error {
	if typ == 0 || typ == TypeEnd {
		return fmt.Errorf("durable: record type %#x is reserved", typ)
	}
	h, err := frame(typ, pieces)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case l.closed:
		return errors.New("durable: the log is closed")
	case l.broken != nil:
		return fmt.Errorf("durable: the log is unusable after an earlier failure: %w", l.broken)
	}
	err = l.write(h[:], pieces)
	if err == nil {
		err = l.f.Sync()
	}
	if err != nil {
		if terr := l.undo(); terr != nil {
			l.broken = terr
		}
		return fmt.Errorf("durable: append to %s: %w", logName(l.gen), err)
	}
	for _, p := range pieces {
		l.size += int64(len(p))
	}
	l.size += int64(len(h))
	return nil
}

// write writes the header and the pieces at the end of the log.
func (l *Log) write(h []byte, pieces [][]byte) error {
	off := l.size
	n, err := l.f.WriteAt(h, off)
	if err != nil {
		return err
	}
	off += int64(n)
	for _, p := range pieces {
		n, err := l.f.WriteAt(p, off)
		if err != nil {
			return err
		}
		off += int64(n)
	}
	return nil
}

// undo cuts a failed append off the log.
func (l *Log) undo() error {
	if err := l.f.Truncate(l.size); err != nil {
		return err
	}
	return l.f.Sync()
}

// Empty reports whether the current log holds no record: nothing has
// changed since the last snapshot.
func (l *Log) Empty() bool { return l.Size() == fileHeaderSize }

// Size is the length of the current log file in bytes: compaction is due
// when it has grown large.
func (l *Log) Size() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.size
}

// Rotate starts a new log file and returns its generation. The caller
// must hold whatever keeps every writer out, capture its state as of this
// instant, and then write it with WriteSnapshot(gen, ...): until that
// succeeds, recovery replays the older log and then the new one.
func (l *Log) Rotate() (uint64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return 0, errors.New("durable: the log is closed")
	}
	if l.broken != nil {
		return 0, fmt.Errorf("durable: the log is unusable after an earlier failure: %w", l.broken)
	}
	old := l.f
	if err := l.create(l.gen + 1); err != nil {
		return 0, err
	}
	old.Close()
	return l.gen, nil
}

// Writer writes a snapshot's records.
type Writer struct {
	w   *bufio.Writer
	err error
}

// Write adds a record of type typ (not 0, not TypeEnd).
func (w *Writer) Write(typ byte, pieces ...[]byte) error {
	if w.err != nil {
		return w.err
	}
	if typ == 0 || typ == TypeEnd {
		return fmt.Errorf("durable: record type %#x is reserved", typ)
	}
	h, err := frame(typ, pieces)
	if err != nil {
		return err
	}
	if _, w.err = w.w.Write(h[:]); w.err != nil {
		return w.err
	}
	for _, p := range pieces {
		if _, w.err = w.w.Write(p); w.err != nil {
			return w.err
		}
	}
	return nil
}

// WriteSnapshot writes the snapshot of generation gen (from Rotate): fill
// writes its records, then the end record closes it. It goes to a
// temporary file, fsynced, renamed into place, the directory fsynced; only
// then are the snapshots and logs it supersedes deleted. On an error the
// older snapshot and logs stay in charge and nothing is lost.
func (l *Log) WriteSnapshot(gen uint64, fill func(w *Writer) error) error {
	final := filepath.Join(l.dir, snapshotName(gen))
	tmp := final + tmpSuffix
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("durable: %w", err)
	}
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("durable: snapshot %s: %w", snapshotName(gen), err)
	}
	w := &Writer{w: bufio.NewWriterSize(f, 1<<20)}
	if _, err := w.w.Write(snapshotMagic[:]); err != nil {
		return fail(err)
	}
	if err := fill(w); err != nil {
		return fail(err)
	}
	h, _ := frame(TypeEnd, nil)
	if _, err := w.w.Write(h[:]); err != nil {
		return fail(err)
	}
	if err := w.w.Flush(); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("durable: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("durable: %w", err)
	}
	if err := syncDir(l.dir); err != nil {
		return err
	}
	l.removeBefore(gen)
	return nil
}

// Dir is the data directory.
func (l *Log) Dir() string { return l.dir }

// Close closes the log file. Appends after it fail.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	err := l.f.Close()
	if l.lock != nil {
		l.lock.Close() // releases the lock
	}
	return err
}
