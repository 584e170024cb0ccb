package durable

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRecovery damages a log (cut short, one byte changed, bytes
// appended) and opens it: recovery must not panic; it either refuses with
// a *CorruptError or recovers records of which those before the damage
// are the originals; and a second recovery reads the same records, with
// nothing more to cut.
func FuzzRecovery(f *testing.F) {
	f.Add(uint16(0), uint16(0), byte(0), []byte(nil))
	f.Add(uint16(3), uint16(0), byte(0), []byte(nil))
	f.Add(uint16(0), uint16(30), byte(1), []byte(nil))
	f.Add(uint16(0), uint16(0), byte(0), []byte{9, 0, 0, 0, 0, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, cut, flipAt uint16, flip byte, garbage []byte) {
		dir := t.TempDir()
		quiet := slog.New(slog.DiscardHandler)
		l, err := Open(dir, quiet, func(byte, []byte) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		var want []rec
		for i := range 5 {
			p := []byte{byte(i), 'r', 'e', 'c', byte(i)}
			if err := l.Append(1, p); err != nil {
				t.Fatal(err)
			}
			want = append(want, rec{1, string(p)})
		}
		l.Close()
		path := filepath.Join(dir, logName(0))
		b, _ := os.ReadFile(path)
		damage := len(b) // where the first change is
		if c := int(cut) % (len(b) + 1); cut != 0 && c < len(b) {
			b, damage = b[:c], c
		}
		if flip != 0 && len(b) > 0 {
			at := int(flipAt) % len(b)
			b[at] ^= flip
			damage = min(damage, at)
		}
		b = append(b, garbage...)
		os.WriteFile(path, b, 0o644)

		var got []rec
		collect := func(typ byte, p []byte) error { got = append(got, rec{typ, string(p)}); return nil }
		l, err = Open(dir, quiet, collect)
		if err != nil {
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("Open = %v, want nil or a *CorruptError", err)
			}
			return
		}
		l.Close()
		// Records that end before the damage are the originals.
		end := fileHeaderSize
		for i, r := range want {
			end += headerSize + 1 + len(r.payload)
			if end > damage {
				break
			}
			if i >= len(got) || got[i] != r {
				t.Fatalf("record %d = %v, want %v (damage at %d)", i, got, r, damage)
			}
		}
		first := got
		got = nil
		l, err = Open(dir, quiet, collect)
		if err != nil {
			t.Fatalf("second Open: %v", err)
		}
		l.Close()
		if len(got) != len(first) {
			t.Fatalf("second recovery read %d records, the first %d", len(got), len(first))
		}
	})
}
