package s3fake

// Inventory runs: the only way reports appear. A run happens when the
// test calls RunInventory or Advance, or when the admin endpoints are
// called; nothing runs behind a test's back. The binary calls Advance(0)
// every second so that its wall clock runs schedules as real S3 does.

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
)

// runState is the schedule and history of every configuration.
type runState struct {
	mu      sync.Mutex // serialises runs: one report is written at a time
	putAt   map[configKey]time.Time
	history map[configKey][]inventory.Run
	names   *rand.ChaCha8 // seeded source of data file UUIDs
	// through is the time up to which schedules have been handled: Advance
	// runs what is due after it, SetTime moves it without running.
	through time.Time
}

type configKey struct{ bucket, id string }

func newRunState(seed uint64) *runState {
	var s [32]byte
	for i := range 8 {
		s[i] = byte(seed >> (8 * i))
	}
	return &runState{
		putAt:   map[configKey]time.Time{},
		history: map[configKey][]inventory.Run{},
		names:   rand.NewChaCha8(s),
	}
}

// bucketForgottenLocked drops the schedules and run histories of every
// configuration of a deleted bucket. The caller holds runs.mu.
func (s *Server) bucketForgottenLocked(bucket string) {
	for key := range s.runs.putAt {
		if key.bucket == bucket {
			delete(s.runs.putAt, key)
		}
	}
	for key := range s.runs.history {
		if key.bucket == bucket {
			delete(s.runs.history, key)
		}
	}
}

// dueCount is how many scheduled runs Advance(d) would make.
func (s *Server) dueCount(d time.Duration) int {
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	return len(s.dueLocked(s.clock.Now().Add(d)))
}

// newFileName returns the next data file name: a random UUID from the
// seeded source, so that a test's reports are reproducible.
func (s *Server) newFileName() string {
	id, err := uuid.NewRandomFromReader(chachaReader{s.runs.names})
	if err != nil {
		panic(err) // the reader never fails
	}
	return id.String()
}

type chachaReader struct{ c *rand.ChaCha8 }

func (r chachaReader) Read(p []byte) (int, error) { return r.c.Read(p) }

// RunInventory runs configuration id of bucket now (at the server clock's
// time), as if it were due, and returns what it delivered or why it did
// not. A disabled configuration delivers nothing and says so. Two runs
// never share a report folder, whose name has minute precision: a run in
// a minute that already holds a report of the configuration is dated at
// the start of the next free minute (Run.At, the folder and the
// manifest's creationTimestamp), as if it had waited for it; the clock
// does not move (docs/inventory-runs.md). It returns an error only when
// the bucket or the configuration does not exist.
func (s *Server) RunInventory(bucket, id string) (inventory.Run, error) {
	cfg, err := s.configs.Get(bucket, id)
	if err != nil {
		if !s.BucketExists(bucket) {
			return inventory.Run{}, fmt.Errorf("s3fake: RunInventory: no bucket %q", bucket)
		}
		return inventory.Run{}, fmt.Errorf("s3fake: RunInventory: bucket %q has no configuration %q: %w", bucket, id, err)
	}
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	return s.runLocked(bucket, cfg, s.clock.Now(), false), nil
}

// Advance moves the server clock forward by d and, on the way, runs every
// enabled configuration that becomes due (Daily at 00:00 UTC, Weekly at
// Sunday 00:00 UTC, after the configuration was put) and has not run yet,
// synchronously and in due-time order, each at its due time. It returns
// those runs. Under a wall clock (New) the clock keeps moving afterwards,
// d ahead of wall time, and Advance(0) runs what wall time itself has
// made due: the binary calls it every second.
func (s *Server) Advance(d time.Duration) []inventory.Run {
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	to := s.clock.Now().Add(d)
	var out []inventory.Run
	for _, due := range s.dueLocked(to) {
		out = append(out, s.runLocked(due.bucket, due.cfg, due.at, true))
	}
	s.clock.add(d)
	s.runs.through = to
	if d != 0 || len(out) > 0 {
		s.journalClockLocked() // persist_state.go
	}
	return out
}

// due is one scheduled run.
type due struct {
	at     time.Time
	bucket string
	cfg    inventory.Configuration
}

// dueLocked lists the scheduled runs of enabled configurations due after
// runs.through (and after the configuration was put) up to to, by time,
// then bucket, then Id.
func (s *Server) dueLocked(to time.Time) []due {
	var dues []due
	for key, putAt := range s.runs.putAt {
		cfg, err := s.configs.Get(key.bucket, key.id)
		if err != nil || !cfg.IsEnabled {
			continue
		}
		start := s.runs.through
		if putAt.After(start) {
			start = putAt
		}
		for _, at := range inventory.DueRuns(cfg.Frequency, start, to) {
			dues = append(dues, due{at, key.bucket, cfg})
		}
	}
	sort.Slice(dues, func(i, j int) bool {
		a, b := dues[i], dues[j]
		if !a.at.Equal(b.at) {
			return a.at.Before(b.at)
		}
		if a.bucket != b.bucket {
			return a.bucket < b.bucket
		}
		return a.cfg.ID < b.cfg.ID
	})
	return dues
}

// Runs returns the history of configuration id of bucket, oldest first.
func (s *Server) Runs(bucket, id string) []inventory.Run {
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	return append([]inventory.Run(nil), s.runs.history[configKey{bucket, id}]...)
}

// runLocked runs cfg at time at and records the run.
func (s *Server) runLocked(bucket string, cfg inventory.Configuration, at time.Time, scheduled bool) inventory.Run {
	run := inventory.Run{
		Bucket: bucket, ConfigID: cfg.ID, At: at, Scheduled: scheduled,
		DestinationBucket: inventory.BucketFromARN(cfg.Destination.BucketARN),
	}
	if err := s.deliver(bucket, cfg, &run); err != nil {
		run.Reason = err.Error()
	}
	key := configKey{bucket, cfg.ID}
	s.journalRunLocked(run) // persist_state.go
	s.runs.history[key] = append(s.runs.history[key], run)
	s.cfg.logger.Info("s3fake inventory run", "bucket", bucket, "id", cfg.ID, "at", run.At,
		"delivered", run.Delivered, "reason", run.Reason, "rows", run.Rows)
	return run
}

// deliver checks delivery like AWS, generates the report from a snapshot
// and writes it: data files, manifest.json, symlink.txt, and
// manifest.checksum last. A refused delivery writes nothing. It may move
// run.At to the next free minute (see RunInventory).
func (s *Server) deliver(bucket string, cfg inventory.Configuration, run *inventory.Run) error {
	if !cfg.IsEnabled {
		return errors.New("the configuration is disabled (IsEnabled=false): no report is produced")
	}
	if err := s.checkDelivery(bucket, cfg); err != nil {
		return err
	}
	prefix := ""
	if cfg.Filter != nil {
		prefix = cfg.Filter.Prefix
	}
	versions, err := s.sourceVersions(bucket, prefix)
	if err != nil {
		return fmt.Errorf("snapshot of %s: %w", bucket, err)
	}
	run.At = s.freeMinute(bucket, cfg, run.DestinationBucket, run.At)
	rep, err := report.Generate(report.GenerateInput{
		SourceBucket: bucket, Config: cfg, Versions: versions, At: run.At,
		NewFileName: s.newFileName, MaxRowsPerFile: s.cfg.maxRowsPerFile,
	})
	if errors.Is(err, report.ErrFormatNotSupported) {
		return fmt.Errorf("%s output is not supported by s3fake", cfg.Destination.Format)
	}
	if err != nil {
		return err
	}
	facts := reportFacts(cfg)
	for _, f := range rep.Files() {
		body := objstore.Body{Data: f.Body, Metadata: map[string]string{"Content-Type": f.ContentType}}
		if _, err := s.objects.SeedObject(run.DestinationBucket, f.Key, body, facts, run.At); err != nil {
			return fmt.Errorf("writing %s: %w", f.Key, err)
		}
		run.Keys = append(run.Keys, f.Key)
	}
	run.Delivered = true
	run.ManifestKey = rep.ManifestJSON.Key
	run.ChecksumKey = rep.Checksum.Key
	run.Rows = rep.Rows
	return nil
}

// freeMinute returns at, or the start of the first later minute, whose
// report folder <prefix>/<source>/<id>/YYYY-MM-DDTHH-MMZ/ holds no
// manifest.json in dest: real runs are a day apart, and a second run in
// the same minute would overwrite the first one's manifest, checksum and
// symlink and orphan its data files.
func (s *Server) freeMinute(source string, cfg inventory.Configuration, dest string, at time.Time) time.Time {
	for {
		if _, err := s.objects.ReadCurrent(dest, inventory.ManifestKey(cfg, source, at)); err != nil {
			return at
		}
		at = at.Truncate(time.Minute).Add(time.Minute)
	}
}

// reportFacts are the facts every report object is stored with: the
// configured encryption (SSE-S3 otherwise, S3's default). S3 writes them
// with x-amz-acl bucket-owner-full-control, so the destination's owner
// owns them: the store's default owner.
func reportFacts(cfg inventory.Configuration) objstore.Facts {
	var f objstore.Facts
	if e := cfg.Destination.Encryption; e != nil && e.SSEKMS != nil {
		f.Encryption = objstore.EncryptionSSEKMS
		f.KMSKeyID = e.SSEKMS.KeyID
	}
	return f
}
