package objstore

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWritesGoThroughTheJournal: a method that takes the write lock
// directly, or changes a key's versions, a bucket or an upload without
// noting it first, would change the store without the journal seeing it,
// and -data-dir would silently lose its writes. Writes take the lock with
// lockW (journal.go) and note each change just before making it; only the
// journal itself, Replay and Checkpoint (restore.go), and snapshots
// (snapshot.go, which change nothing) are exempt; so is journal_record.go,
// whose apply rebuilds a bucket on replay.
func TestWritesGoThroughTheJournal(t *testing.T) {
	changes := map[string]string{ // a change -> the note that must precede it
		"index.set(":             "noteKeyLocked(",
		"index.update(":          "noteKeyLocked(",
		"b.uploads[u.id] = ":     "noteUploadLocked(",
		"b.uploads[uploadID] = ": "noteUploadLocked(",
		"delete(b.uploads":       "noteUploadLocked(",
		"u.parts[p.number] = ":   "notePartLocked(",
		"delete(s.buckets":       "noteDeletedLocked(",
		"b.grants = ":            "noteBucketLocked(",
		"b.versioning = status":  "noteBucketLocked(",
	}
	allowed := map[string]bool{"journal.go": true, "journal_record.go": true, "restore.go": true, "snapshot.go": true}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || allowed[f] {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		for i, line := range lines {
			if strings.Contains(line, "s.mu.Lock()") {
				t.Errorf("%s:%d takes the write lock directly: use s.lockW() and defer s.unlockW(&err), and note each change (journal.go)", f, i+1)
			}
			for change, note := range changes {
				if !strings.Contains(line, change) {
					continue
				}
				noted := false
				for j := max(0, i-3); j < i; j++ {
					noted = noted || strings.Contains(lines[j], note)
				}
				if !noted {
					t.Errorf("%s:%d changes the store (%s) without %s just before it (journal.go)", f, i+1, change, note)
				}
			}
		}
	}
}
