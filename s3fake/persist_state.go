package s3fake

import (
	"fmt"
	"time"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/xmlcodec"
)

// stateChange is one change of s3fake's own state in the log (or one
// piece of it in a snapshot). Each kind sets its entity to the value
// given, so that a snapshot is a list of them too.
type stateChange struct {
	Kind   string `json:"k"`
	Bucket string `json:"bucket,omitempty"`
	ID     string `json:"id,omitempty"`
	// Doc is a bucket policy as sent, or an inventory configuration as
	// GET returns it (XML); nil deletes it.
	Doc   *string   `json:"doc,omitempty"`
	PutAt time.Time `json:"putAt,omitzero"`
	// Runs is a configuration's history; Run, with N its position, one
	// new run.
	Runs []inventory.Run `json:"runs,omitempty"`
	Run  *inventory.Run  `json:"run,omitempty"`
	N    int             `json:"n,omitempty"`
	// Names is the state of the report file-name source after the run.
	Names []byte `json:"names,omitempty"`
	// The clock: a fixed clock's time, a wall clock's offset, and the time
	// up to which schedules have been handled.
	Fixed   time.Time     `json:"fixed,omitzero"`
	Offset  time.Duration `json:"offset,omitempty"`
	Through time.Time     `json:"through,omitzero"`
	// Account (and User, with Policy) added at run time.
	Account string `json:"account,omitempty"`
	User    string `json:"user,omitempty"`
	Policy  string `json:"policy,omitempty"`
	// Seed is WithSeed's seed, from which version and upload ids are made.
	Seed *uint64 `json:"seed,omitempty"`
}

// The kinds of stateChange.
const (
	chPolicy  = "policy"  // Bucket, Doc
	chConfig  = "config"  // Bucket, ID, Doc, PutAt
	chRun     = "run"     // Bucket, ID, N, Run, Names
	chRuns    = "runs"    // Bucket, ID, Runs (snapshots)
	chClock   = "clock"   // Fixed, Offset, Through, Names
	chForget  = "forget"  // Bucket: deleted, with its policy, configurations and runs
	chAccount = "account" // Account
	chUser    = "user"    // Account, User, Policy
	chSeed    = "seed"    // Seed: the directory's first start's
)

// replayState applies a change read back from the data directory.
func (s *Server) replayState(p *persister, ch stateChange) error {
	switch ch.Kind {
	case chPolicy:
		if ch.Doc == nil {
			s.policies.drop(ch.Bucket)
			return nil
		}
		parsed, err := access.ParseBucketPolicy([]byte(*ch.Doc), ch.Bucket, nil)
		if err != nil {
			return fmt.Errorf("policy of %s: %w", ch.Bucket, err)
		}
		s.policies.put(ch.Bucket, storedPolicy{raw: []byte(*ch.Doc), parsed: parsed})
	case chConfig:
		key := configKey{ch.Bucket, ch.ID}
		if ch.Doc == nil {
			// A delete that failed then fails again: the same state.
			_ = s.configs.Delete(ch.Bucket, ch.ID)
			delete(s.runs.putAt, key)
			delete(s.runs.history, key)
			return nil
		}
		cfg, err := xmlcodec.DecodeInventoryConfiguration([]byte(*ch.Doc))
		if err != nil {
			return fmt.Errorf("configuration %s of %s: %w", ch.ID, ch.Bucket, err)
		}
		// A put that was refused (the 1,000 limit) is refused again.
		if _, err := s.configs.Put(ch.Bucket, cfg); err == nil {
			s.runs.putAt[key] = ch.PutAt
		}
	case chRun:
		key := configKey{ch.Bucket, ch.ID}
		if ch.Run == nil {
			return fmt.Errorf("run of %s/%s without the run", ch.Bucket, ch.ID)
		}
		// Run N comes after the N before it; one whose record failed
		// (journalRunLocked logs it and goes on) is missing, and the
		// history closes up.
		h := s.runs.history[key]
		s.runs.history[key] = append(h[:min(ch.N, len(h))], *ch.Run)
		return s.restoreNames(ch.Names)
	case chRuns:
		s.runs.history[configKey{ch.Bucket, ch.ID}] = ch.Runs
	case chClock:
		s.clock.mu.Lock()
		if s.clock.fixed.IsZero() {
			s.clock.offset = ch.Offset
		} else if !ch.Fixed.IsZero() {
			s.clock.fixed = ch.Fixed
		}
		s.clock.mu.Unlock()
		s.runs.through = ch.Through
		return s.restoreNames(ch.Names)
	case chForget:
		s.configs.DropBucket(ch.Bucket)
		s.policies.drop(ch.Bucket)
		s.bucketForgottenLocked(ch.Bucket)
	case chAccount:
		key, secret := accountKeys("root:" + ch.Account)
		// An account refused at run time (a bad id) was logged first and
		// is refused again; one an option creates at every start is known.
		if _, err := s.registry.CreateAccount(ch.Account, key, secret); err == nil || s.accountKnown(ch.Account) {
			p.accounts = append(p.accounts, ch)
		}
	case chSeed:
		if ch.Seed == nil {
			return fmt.Errorf("seed record without the seed")
		}
		p.seed = ch.Seed
	case chUser:
		key, secret := accountKeys("user:" + ch.Account + ":" + ch.User)
		var doc []byte
		if ch.Policy != "" {
			doc = []byte(ch.Policy)
		}
		// Like CreateUser's, a refused user was journaled and is refused again.
		if _, err := s.registry.CreateUser(ch.Account, ch.User, key, secret, doc); err == nil {
			p.accounts = append(p.accounts, ch)
		}
	default:
		return fmt.Errorf("unknown state change %q", ch.Kind)
	}
	return nil
}

// accountKnown reports whether the registry already has account id (from
// WithAccount, on every start).
func (s *Server) accountKnown(id string) bool {
	_, ok := s.registry.Account(id)
	return ok
}

// restoreNames sets the report file-name source to a saved state.
func (s *Server) restoreNames(state []byte) error {
	if state == nil {
		return nil
	}
	return s.runs.names.UnmarshalBinary(state)
}

// checkSeed makes sure the directory's ids were made with the seed the
// server runs with: version and upload ids derive from it, so another seed
// would rename every version a client knows. A new directory records it.
func (s *Server) checkSeed(p *persister) error {
	if p.seed == nil {
		seed := s.cfg.seed
		if err := p.journalState(stateChange{Kind: chSeed, Seed: &seed}); err != nil {
			return err
		}
		p.seed = &seed
		return nil
	}
	if *p.seed != s.cfg.seed {
		return fmt.Errorf("the data was written with seed %d (-seed, WithSeed), not %d: version ids would change", *p.seed, s.cfg.seed)
	}
	return nil
}

// forgetMissingBuckets drops what s3fake keeps for buckets the store no
// longer has: a bucket deleted while a snapshot was being captured.
func (s *Server) forgetMissingBuckets() {
	gone := map[string]bool{}
	for key := range s.runs.putAt {
		gone[key.bucket] = true
	}
	for key := range s.runs.history {
		gone[key.bucket] = true
	}
	s.policies.mu.RLock()
	for b := range s.policies.m {
		gone[b] = true
	}
	s.policies.mu.RUnlock()
	for b := range gone {
		if !s.BucketExists(b) {
			s.configs.DropBucket(b)
			s.policies.drop(b)
			s.bucketForgottenLocked(b)
		}
	}
}

// captureStateLocked lists s3fake's state as changes. The caller holds
// runs.mu and p.mu.
func (s *Server) captureStateLocked(p *persister) []stateChange {
	out := []stateChange{{Kind: chSeed, Seed: p.seed}}
	out = append(out, p.accounts...)
	s.policies.mu.RLock()
	for b, sp := range s.policies.m {
		doc := string(sp.raw)
		out = append(out, stateChange{Kind: chPolicy, Bucket: b, Doc: &doc})
	}
	s.policies.mu.RUnlock()
	for key, at := range s.runs.putAt {
		cfg, err := s.configs.Get(key.bucket, key.id)
		if err != nil {
			continue
		}
		doc := string(xmlcodec.EncodeInventoryConfiguration(cfg))
		out = append(out, stateChange{Kind: chConfig, Bucket: key.bucket, ID: key.id, Doc: &doc, PutAt: at})
	}
	for key, runs := range s.runs.history {
		out = append(out, stateChange{Kind: chRuns, Bucket: key.bucket, ID: key.id, Runs: runs})
	}
	return append(out, s.clockChangeLocked())
}

// clockChangeLocked is the clock's state and the file-name source's. The
// caller holds runs.mu.
func (s *Server) clockChangeLocked() stateChange {
	s.clock.mu.Lock()
	ch := stateChange{Kind: chClock, Fixed: s.clock.fixed, Offset: s.clock.offset, Through: s.runs.through}
	s.clock.mu.Unlock()
	ch.Names, _ = s.runs.names.MarshalBinary()
	return ch
}

// The writes of s3fake's own state. Each logs its change (when there is a
// data directory) before applying it, holding the lock that orders it
// with checkpoints; a failed log write refuses the change.

// putConfig stores an inventory configuration of bucket, which the
// caller has checked, and records when it was put (runs.go).
func (s *Server) putConfig(bucket string, cfg inventory.Configuration) error {
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	now := s.clock.Now()
	if p := s.persist; p != nil {
		doc := string(xmlcodec.EncodeInventoryConfiguration(cfg))
		if err := p.journalState(stateChange{Kind: chConfig, Bucket: bucket, ID: cfg.ID, Doc: &doc, PutAt: now}); err != nil {
			return err
		}
	}
	if _, err := s.configs.Put(bucket, cfg); err != nil {
		return err
	}
	s.runs.putAt[configKey{bucket, cfg.ID}] = now
	return nil
}

// deleteConfig deletes configuration id of bucket with its schedule and
// history.
func (s *Server) deleteConfig(bucket, id string) error {
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	if _, err := s.configs.Get(bucket, id); err != nil {
		return err
	}
	if p := s.persist; p != nil {
		if err := p.journalState(stateChange{Kind: chConfig, Bucket: bucket, ID: id}); err != nil {
			return err
		}
	}
	if err := s.configs.Delete(bucket, id); err != nil {
		return err
	}
	delete(s.runs.putAt, configKey{bucket, id})
	delete(s.runs.history, configKey{bucket, id})
	return nil
}

// setPolicy sets (doc not nil) or deletes bucket's policy.
func (s *Server) setPolicy(bucket string, sp *storedPolicy) error {
	if p := s.persist; p != nil {
		p.mu.Lock()
		defer p.mu.Unlock()
		ch := stateChange{Kind: chPolicy, Bucket: bucket}
		if sp != nil {
			doc := string(sp.raw)
			ch.Doc = &doc
		}
		if err := p.journalState(ch); err != nil {
			return err
		}
	}
	if sp == nil {
		s.policies.drop(bucket)
	} else {
		s.policies.put(bucket, *sp)
	}
	return nil
}

// journalRunLocked logs run, about to become the next of its
// configuration's history. The caller holds runs.mu. The run has
// happened (its report is written), so a failure is logged, not undone:
// the history then lacks it after a restart.
func (s *Server) journalRunLocked(run inventory.Run) {
	p := s.persist
	if p == nil {
		return
	}
	key := configKey{run.Bucket, run.ConfigID}
	names, _ := s.runs.names.MarshalBinary()
	err := p.journalState(stateChange{Kind: chRun, Bucket: run.Bucket, ID: run.ConfigID,
		N: len(s.runs.history[key]), Run: &run, Names: names})
	if err != nil {
		s.cfg.logger.Error("s3fake: the run is not persisted", "bucket", run.Bucket, "id", run.ConfigID, "err", err)
	}
}

// journalClockLocked logs the clock after SetTime or Advance. The caller
// holds runs.mu. The clock has moved (and runs may have happened), so a
// failure is logged, not undone.
func (s *Server) journalClockLocked() {
	if p := s.persist; p != nil {
		if err := p.journalState(s.clockChangeLocked()); err != nil {
			s.cfg.logger.Error("s3fake: the clock is not persisted", "err", err)
		}
	}
}

// forgetBucket drops what s3fake keeps for a deleted bucket: its policy,
// configurations, schedules and runs.
func (s *Server) forgetBucket(bucket string) {
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	if p := s.persist; p != nil {
		p.mu.Lock()
		defer p.mu.Unlock()
		if err := p.journalState(stateChange{Kind: chForget, Bucket: bucket}); err != nil {
			// The bucket is gone from the store: recovery forgets what it
			// kept anyway (forgetMissingBuckets).
			s.cfg.logger.Error("s3fake: forgetting a deleted bucket is not persisted", "bucket", bucket, "err", err)
		}
	}
	s.configs.DropBucket(bucket)
	s.policies.drop(bucket)
	s.bucketForgottenLocked(bucket)
}

// journalAccount logs an account or user about to be added at run time.
func (s *Server) journalAccount(ch stateChange, add func() error) error {
	p := s.persist
	if p == nil {
		return add()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.journalState(ch); err != nil {
		return err
	}
	if err := add(); err != nil {
		return err
	}
	p.accounts = append(p.accounts, ch)
	return nil
}
