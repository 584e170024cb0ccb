package durable

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
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
	// snapSize is the length of the newest snapshot (0: none).
	snapSize int64
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

// create starts log gen: written with its magic, fsynced, and the
// directory fsynced, before any record goes in.
func (l *Log) create(gen uint64) (err error) {
	path := filepath.Join(l.dir, logName(gen))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("durable: %w", err)
	}
	defer func() {
		if err != nil {
			// Leave no half-made log behind: appends go on into the
			// current one, and a stray newer log would make that log's
			// torn tail after a crash look like corruption in the middle.
			f.Close()
			os.Remove(path)
			syncDir(l.dir) // best effort: the error that matters is err
		}
	}()
	if _, err := f.Write(logMagic[:]); err != nil {
		return fmt.Errorf("durable: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("durable: %w", err)
	}
	if err := syncDir(l.dir); err != nil {
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
