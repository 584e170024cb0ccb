package durable

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rec is one record as recovery hands it over.
type rec struct {
	typ     byte
	payload string
}

// open opens dir and collects what recovery applies.
func open(t *testing.T, dir string, logger *slog.Logger) (*Log, []rec, error) {
	t.Helper()
	var got []rec
	l, err := Open(dir, logger, func(typ byte, p []byte) error {
		got = append(got, rec{typ, string(p)})
		return nil
	})
	if l != nil {
		t.Cleanup(func() { l.Close() })
	}
	return l, got, err
}

func mustOpen(t *testing.T, dir string) (*Log, []rec) {
	t.Helper()
	l, got, err := open(t, dir, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return l, got
}

// appendN appends records "r0".."r<n-1>" of type 1, the payload split in
// two pieces to check that pieces concatenate.
func appendN(t *testing.T, l *Log, from, n int) []rec {
	t.Helper()
	var want []rec
	for i := from; i < from+n; i++ {
		p := fmt.Sprintf("record-%d", i)
		if err := l.Append(1, []byte(p[:3]), []byte(p[3:])); err != nil {
			t.Fatalf("Append: %v", err)
		}
		want = append(want, rec{1, p})
	}
	return want
}

func equal(t *testing.T, got, want []rec) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("recovered %d records, want %d: %v", len(got), len(want), got)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("record %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// onlyLog is the path of the data directory's one log file.
func onlyLog(t *testing.T, dir string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "log-*"))
	if len(m) != 1 {
		t.Fatalf("log files: %v, want one", m)
	}
	return m[len(m)-1]
}

func TestReopenReplaysEveryRecord(t *testing.T) {
	dir := t.TempDir()
	l, got := mustOpen(t, dir)
	equal(t, got, nil)
	want := appendN(t, l, 0, 50)
	l.Close()
	_, got = mustOpen(t, dir)
	equal(t, got, want)
}

func TestTornTailIsDroppedWithAWarning(t *testing.T) {
	for _, tc := range []struct {
		name string
		tear func(b []byte) []byte
	}{
		{"cut inside the payload", func(b []byte) []byte { return b[:len(b)-3] }},
		{"cut inside the header", func(b []byte) []byte { return append(b, 7, 0, 0) }},
		{"bad CRC of the last record", func(b []byte) []byte { b[len(b)-1] ^= 0xff; return b }},
		{"zero-filled tail", func(b []byte) []byte { return append(b, make([]byte, 4096)...) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			l, _ := mustOpen(t, dir)
			want := appendN(t, l, 0, 10)
			l.Close()
			path := onlyLog(t, dir)
			b, _ := os.ReadFile(path)
			if strings.HasPrefix(tc.name, "bad CRC") || strings.HasPrefix(tc.name, "cut inside the payload") {
				want = want[:9] // the last record goes
			}
			if err := os.WriteFile(path, tc.tear(b), 0o644); err != nil {
				t.Fatal(err)
			}
			var logs bytes.Buffer
			l2, got, err := open(t, dir, slog.New(slog.NewTextHandler(&logs, nil)))
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			equal(t, got, want)
			if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "torn") {
				t.Errorf("no warning logged: %q", logs.String())
			}
			// The log goes on from the cut: a new record, then a clean reopen.
			want = append(want, appendN(t, l2, 100, 1)...)
			l2.Close()
			logs.Reset()
			_, got, err = open(t, dir, slog.New(slog.NewTextHandler(&logs, nil)))
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			equal(t, got, want)
			if logs.Len() != 0 {
				t.Errorf("a clean log logged %q", logs.String())
			}
		})
	}
}

func TestCorruptionInTheMiddleRefusesToStart(t *testing.T) {
	dir := t.TempDir()
	l, _ := mustOpen(t, dir)
	appendN(t, l, 0, 10)
	l.Close()
	path := onlyLog(t, dir)
	b, _ := os.ReadFile(path)
	// The third record starts after the magic and two records of
	// 8+1+len("record-N") bytes.
	third := int64(fileHeaderSize + 2*(headerSize+1+len("record-0")))
	b[third+headerSize+3] ^= 0x01 // a bit flip in its payload
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := open(t, dir, nil)
	var ce *CorruptError
	if !errors.As(err, &ce) {
		t.Fatalf("Open = %v, want a *CorruptError", err)
	}
	if ce.File != path || ce.Offset != third {
		t.Errorf("error names %s at %d, want %s at %d", ce.File, ce.Offset, path, third)
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), fmt.Sprint(third)) {
		t.Errorf("message %q does not name the file and offset", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(after, b) {
		t.Error("a refused recovery changed the log")
	}
}

func TestSnapshotThenLogReplay(t *testing.T) {
	dir := t.TempDir()
	l, _ := mustOpen(t, dir)
	appendN(t, l, 0, 5) // superseded by the snapshot
	gen, err := l.Rotate()
	if err != nil {
		t.Fatal(err)
	}
	after := appendN(t, l, 5, 3) // written while the snapshot is made
	err = l.WriteSnapshot(gen, func(w *Writer) error {
		return w.Write(2, []byte("state as of the rotation"))
	})
	if err != nil {
		t.Fatal(err)
	}
	more := appendN(t, l, 8, 2)
	l.Close()
	_, got := mustOpen(t, dir)
	want := append([]rec{{2, "state as of the rotation"}}, append(after, more...)...)
	equal(t, got, want)
	// Compaction left one snapshot and one log: the older ones are gone.
	files, _ := filepath.Glob(filepath.Join(dir, "*.s3f?"))
	if len(files) != 2 {
		t.Errorf("files after compaction: %v", files)
	}
}

func TestCompactionInterruptedBeforeTheRenameLosesNothing(t *testing.T) {
	dir := t.TempDir()
	l, _ := mustOpen(t, dir)
	before := appendN(t, l, 0, 4)
	if _, err := l.Rotate(); err != nil {
		t.Fatal(err)
	}
	after := appendN(t, l, 4, 2)
	l.Close()
	// A crash while the snapshot was being written leaves its temporary
	// file: recovery removes it and replays both logs.
	if err := os.WriteFile(filepath.Join(dir, snapshotName(1)+tmpSuffix), []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, got := mustOpen(t, dir)
	equal(t, got, append(before, after...))
	if m, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

func TestFailedSnapshotKeepsTheLogs(t *testing.T) {
	dir := t.TempDir()
	l, _ := mustOpen(t, dir)
	want := appendN(t, l, 0, 3)
	gen, _ := l.Rotate()
	boom := errors.New("boom")
	if err := l.WriteSnapshot(gen, func(w *Writer) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("WriteSnapshot = %v", err)
	}
	want = append(want, appendN(t, l, 3, 1)...)
	l.Close()
	_, got := mustOpen(t, dir)
	equal(t, got, want)
}

func TestBadSnapshotRefusesToStart(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(b []byte) []byte
		reason string
	}{
		{"flipped bit", func(b []byte) []byte { b[fileHeaderSize+headerSize+2] ^= 1; return b }, "bad record"},
		{"no end record", func(b []byte) []byte { return b[:len(b)-headerSize-1] }, "without its end record"},
		{"bad magic", func(b []byte) []byte { b[0] = 'X'; return b }, "bad magic"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			l, _ := mustOpen(t, dir)
			gen, _ := l.Rotate()
			if err := l.WriteSnapshot(gen, func(w *Writer) error { return w.Write(3, []byte("everything")) }); err != nil {
				t.Fatal(err)
			}
			l.Close()
			path := filepath.Join(dir, snapshotName(gen))
			b, _ := os.ReadFile(path)
			os.WriteFile(path, tc.damage(b), 0o644)
			_, got, err := open(t, dir, nil)
			var ce *CorruptError
			if !errors.As(err, &ce) || ce.File != path || !strings.Contains(ce.Reason, tc.reason) {
				t.Fatalf("Open = %v, want a *CorruptError naming %s (%s)", err, path, tc.reason)
			}
			_ = got
		})
	}
}

func TestBadRecordInAnOlderLogRefusesToStart(t *testing.T) {
	dir := t.TempDir()
	l, _ := mustOpen(t, dir)
	appendN(t, l, 0, 3)
	if _, err := l.Rotate(); err != nil {
		t.Fatal(err)
	}
	appendN(t, l, 3, 1)
	l.Close()
	older := filepath.Join(dir, logName(0))
	b, _ := os.ReadFile(older)
	os.WriteFile(older, b[:len(b)-2], 0o644)
	_, _, err := open(t, dir, nil)
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.File != older {
		t.Fatalf("Open = %v, want a *CorruptError naming %s", err, older)
	}
}

func TestReservedTypesAreRefused(t *testing.T) {
	l, _ := mustOpen(t, t.TempDir())
	for _, typ := range []byte{0, TypeEnd} {
		if err := l.Append(typ, []byte("x")); err == nil {
			t.Errorf("Append(%#x) succeeded", typ)
		}
	}
}

func TestAppendAfterCloseFails(t *testing.T) {
	l, _ := mustOpen(t, t.TempDir())
	l.Close()
	if err := l.Append(1, []byte("x")); err == nil {
		t.Error("Append after Close succeeded")
	}
}

func TestASecondOpenOfTheDirectoryFails(t *testing.T) {
	dir := t.TempDir()
	l, _ := mustOpen(t, dir)
	if _, _, err := open(t, dir, nil); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second Open = %v, want the directory in use", err)
	}
	l.Close()
	mustOpen(t, dir) // free again
}

// A record cut short whose payload holds what look like records (an
// object that is itself a log) is still a torn tail: nothing can follow a
// record that runs past the end of the file.
func TestTornRecordHoldingRecordsIsATornTail(t *testing.T) {
	dir := t.TempDir()
	l, _ := mustOpen(t, dir)
	want := appendN(t, l, 0, 2)
	var inner bytes.Buffer
	for i := range 20 {
		p := []byte(fmt.Sprintf("inner-%d", i))
		h, _ := frame(1, [][]byte{p})
		inner.Write(h[:])
		inner.Write(p)
	}
	if err := l.Append(1, inner.Bytes()); err != nil {
		t.Fatal(err)
	}
	l.Close()
	path := onlyLog(t, dir)
	b, _ := os.ReadFile(path)
	os.WriteFile(path, b[:len(b)-len(inner.Bytes())/2], 0o644) // the crash came halfway
	_, got, err := open(t, dir, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	equal(t, got, want)
}

func TestBadLengthInTheMiddleRefusesToStart(t *testing.T) {
	dir := t.TempDir()
	l, _ := mustOpen(t, dir)
	appendN(t, l, 0, 5)
	l.Close()
	path := onlyLog(t, dir)
	b, _ := os.ReadFile(path)
	second := int64(fileHeaderSize + headerSize + 1 + len("record-0"))
	b[second] ^= 0x40 // its length no longer matches its complement
	os.WriteFile(path, b, 0o644)
	_, _, err := open(t, dir, nil)
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Offset != second {
		t.Fatalf("Open = %v, want a *CorruptError at %d", err, second)
	}
}

// A newer log holding nothing (left by a rotation whose creation failed,
// or that a crash interrupted before its snapshot) does not turn the torn
// tail of the log before it, where appends went on, into corruption.
func TestEmptyNewerLogLeavesATornTailATornTail(t *testing.T) {
	dir := t.TempDir()
	l, _ := mustOpen(t, dir)
	want := appendN(t, l, 0, 3)
	l.Close()
	path := onlyLog(t, dir)
	b, _ := os.ReadFile(path)
	if err := os.WriteFile(path, b[:len(b)-5], 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, logName(1))
	if err := os.WriteFile(empty, logMagic[:], 0o644); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	l2, got, err := open(t, dir, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	equal(t, got, want[:2])
	if _, err := os.Stat(empty); !os.IsNotExist(err) {
		t.Errorf("the empty newer log is still there: %v", err)
	}
	if !strings.Contains(logs.String(), "empty log") || !strings.Contains(logs.String(), "torn") {
		t.Errorf("warnings: %q", logs.String())
	}
	want = append(want[:2], appendN(t, l2, 100, 1)...)
	l2.Close()
	_, got, err = open(t, dir, nil)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	equal(t, got, want)
}
