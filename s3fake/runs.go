package s3fake

// Inventory runs: the only way reports appear. A run happens when the test
// calls RunInventory or Advance, or when the admin endpoints are called;
// nothing runs behind the test's back.

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/s3fake/s3fake/inventory"
)

// runState is the schedule and history of every configuration.
type runState struct {
	mu      sync.Mutex // serialises runs: one report is written at a time
	putAt   map[configKey]time.Time
	history map[configKey][]inventory.Run
	names   *rand.ChaCha8 // seeded source of data file UUIDs
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

// configPut records when a configuration was (re)put: Daily and Weekly
// runs become due at the first boundary after it.
func (s *Server) configPut(bucket, id string) {
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	s.runs.putAt[configKey{bucket, id}] = s.clock.Now()
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
// not. A disabled configuration delivers nothing and says so. It returns
// an error only when the bucket or the configuration does not exist.
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
// Sunday 00:00 UTC, after the configuration was put), synchronously and in
// due-time order, each at its due time. It returns those runs.
func (s *Server) Advance(d time.Duration) []inventory.Run {
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	from := s.clock.Now()
	to := from.Add(d)
	type due struct {
		at     time.Time
		bucket string
		cfg    inventory.Configuration
	}
	var dues []due
	for key, putAt := range s.runs.putAt {
		cfg, err := s.configs.Get(key.bucket, key.id)
		if err != nil || !cfg.IsEnabled {
			continue
		}
		start := from
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
	var out []inventory.Run
	for _, d := range dues {
		s.clock.set(d.at)
		out = append(out, s.runLocked(d.bucket, d.cfg, d.at, true))
	}
	s.clock.set(to)
	return out
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
	if err := s.deliver(bucket, cfg, at, &run); err != nil {
		run.Reason = err.Error()
	}
	key := configKey{bucket, cfg.ID}
	s.runs.history[key] = append(s.runs.history[key], run)
	s.cfg.logger.Info("s3fake inventory run", "bucket", bucket, "id", cfg.ID, "at", at,
		"delivered", run.Delivered, "reason", run.Reason, "rows", run.Rows)
	return run
}

// deliver checks delivery like AWS, generates the report from a snapshot
// and writes it: data files, manifest.json, symlink.txt, and
// manifest.checksum last. A refused delivery writes nothing.
func (s *Server) deliver(bucket string, cfg inventory.Configuration, at time.Time, run *inventory.Run) error {
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
	rep, err := inventory.Generate(inventory.GenerateInput{
		SourceBucket: bucket, Config: cfg, Versions: versions, At: at,
		NewFileName: s.newFileName, MaxRowsPerFile: s.cfg.maxRowsPerFile,
	})
	if errors.Is(err, inventory.ErrFormatNotSupported) {
		return fmt.Errorf("%s output is not supported by s3fake", cfg.Destination.Format)
	}
	if err != nil {
		return err
	}
	meta := reportMetadata(cfg)
	for _, f := range rep.Files() {
		m := cloneMeta(meta)
		m["Content-Type"] = f.ContentType
		if _, err := s.objects.PutObject(run.DestinationBucket, f.Key, m, bytes.NewReader(f.Body), int64(len(f.Body)), nil); err != nil {
			return fmt.Errorf("writing %s: %w", f.Key, err)
		}
		run.Keys = append(run.Keys, f.Key)
	}
	run.Delivered = true
	run.ManifestKey = rep.ManifestJSON.Key
	run.Rows = rep.Rows
	return nil
}

// reportMetadata is the metadata every report object is stored with: the
// ACL S3 writes them with, and the configured encryption.
func reportMetadata(cfg inventory.Configuration) map[string]string {
	m := map[string]string{"X-Amz-Acl": "bucket-owner-full-control"}
	if e := cfg.Destination.Encryption; e != nil {
		switch {
		case e.SSEKMS != nil:
			m["X-Amz-Server-Side-Encryption"] = "aws:kms"
			m["X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id"] = e.SSEKMS.KeyID
		case e.SSES3:
			m["X-Amz-Server-Side-Encryption"] = "AES256"
		}
	}
	return m
}

func cloneMeta(m map[string]string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}
