package durable

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
)

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
	if st, err := os.Stat(final); err == nil {
		l.mu.Lock()
		l.snapSize = st.Size()
		l.mu.Unlock()
	}
	return nil
}

// SnapshotSize is the length of the newest snapshot in bytes, 0 when there
// is none: compacting a log much smaller than it would rewrite the whole
// state for little gain.
func (l *Log) SnapshotSize() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.snapSize
}
