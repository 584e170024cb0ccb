package s3fake

// Persistence under WithDataDir (docs/persistence.md): every acknowledged
// write is in internal/durable's log, fsynced, before its response. Two
// kinds of record share the log: the object store's changes (its journal,
// objstore.Config.Journal) and s3fake's own state (persist_state.go:
// bucket policies, inventory configurations, runs, the clock, accounts).
// Compaction writes a snapshot of both and starts a new log.
//
// Lock order, which every writer and the checkpoint follow: runs.mu, then
// persister.mu, then the object store's lock, then the log's. A change to
// s3fake's state holds runs.mu (configurations, runs, the clock) or
// persister.mu (policies, accounts) from its log record to its
// application; the checkpoint holds them all while it captures the state
// and starts the new log, so the snapshot is exactly the state at the
// start of that log.

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"

	"github.com/s3fake/s3fake/internal/durable"
)

// The record types in the log.
const (
	recObjects byte = 1 // an objstore journal record
	recState   byte = 2 // a stateChange, JSON
)

// defaultCompactAt is the log size past which the log is compacted into a
// snapshot: replaying 64 MiB takes well under a second.
const defaultCompactAt = 64 << 20

// persister is the data directory of a server.
type persister struct {
	log    *durable.Log
	logger *slog.Logger

	// mu orders writes of policies and accounts with checkpoints.
	mu       sync.Mutex
	accounts []stateChange // accounts and users added at run time, in order; guarded by mu
	seed     *uint64       // the seed the directory's ids were made with; nil before the first start

	compactAt int64
	kick      chan struct{} // a compaction is due
	stop      chan struct{}
	done      chan struct{}
}

// journalObjects is the object store's journal.
func (p *persister) journalObjects(pieces [][]byte) error {
	return p.append(recObjects, pieces...)
}

// journalState logs one change of s3fake's own state.
func (p *persister) journalState(ch stateChange) error {
	b, err := json.Marshal(ch)
	if err != nil {
		return fmt.Errorf("s3fake: persist %s: %w", ch.Kind, err)
	}
	return p.append(recState, b)
}

// append writes a record and asks for a compaction when the log has grown
// past compactAt and past the last snapshot: each compaction rewrites the
// whole state, so a large store compacts less often, and the disk holds
// at most about three times the state.
func (p *persister) append(typ byte, pieces ...[]byte) error {
	if err := p.log.Append(typ, pieces...); err != nil {
		p.logger.Error("s3fake: persisting a write failed; the write is refused", "err", err)
		return err
	}
	if size := p.log.Size(); size > p.compactAt && size > p.log.SnapshotSize() {
		select {
		case p.kick <- struct{}{}:
		default:
		}
	}
	return nil
}

// openDataDir recovers the server's state from cfg.dataDir and starts
// logging to it. s must be fully built (its object store with
// p.journalObjects as its journal) and not yet serving.
func (s *Server) openDataDir(p *persister) error {
	records := 0
	l, err := durable.Open(s.cfg.dataDir, s.cfg.logger, func(typ byte, payload []byte) error {
		records++
		switch typ {
		case recObjects:
			return s.objects.Replay(payload)
		case recState:
			var ch stateChange
			if err := json.Unmarshal(payload, &ch); err != nil {
				return err
			}
			// s3fake's state is applied as it comes, after the store's
			// records before it.
			return s.replayState(p, ch)
		}
		return fmt.Errorf("unknown record type %d", typ)
	})
	if err != nil {
		return fmt.Errorf("s3fake: data directory %s: %w", s.cfg.dataDir, err)
	}
	p.log = l
	if err := s.checkSeed(p); err != nil {
		l.Close()
		return fmt.Errorf("s3fake: data directory %s: %w", s.cfg.dataDir, err)
	}
	s.forgetMissingBuckets()
	s.cfg.logger.Info("s3fake data directory recovered", "dir", s.cfg.dataDir, "records", records,
		"buckets", s.objects.BucketCount())
	go p.compactor(s)
	return nil
}

// compactor compacts the log whenever append asks, until stop.
func (p *persister) compactor(s *Server) {
	defer close(p.done)
	for {
		select {
		case <-p.stop:
			return
		case <-p.kick:
			if err := s.compact(); err != nil {
				p.logger.Error("s3fake: compaction failed; the log goes on growing", "err", err)
			}
		}
	}
}

// compact writes a snapshot of the whole state and starts a new log: the
// state is captured (in O(buckets)) with every writer held off, then
// written while they go on.
func (s *Server) compact() error {
	p := s.persist
	s.runs.mu.Lock()
	p.mu.Lock()
	var gen uint64
	var rerr error
	img := s.objects.Checkpoint(func() { gen, rerr = p.log.Rotate() })
	state := s.captureStateLocked(p)
	p.mu.Unlock()
	s.runs.mu.Unlock()
	if rerr != nil {
		return rerr
	}
	return p.log.WriteSnapshot(gen, func(w *durable.Writer) error {
		if err := img.Records(func(pieces [][]byte) error { return w.Write(recObjects, pieces...) }); err != nil {
			return err
		}
		for _, ch := range state {
			b, err := json.Marshal(ch)
			if err != nil {
				return err
			}
			if err := w.Write(recState, b); err != nil {
				return err
			}
		}
		return nil
	})
}

// closeDataDir compacts the log (a restart then reads one snapshot) and
// closes it. The server no longer serves.
func (s *Server) closeDataDir() {
	p := s.persist
	close(p.stop)
	<-p.done
	if !p.log.Empty() {
		if err := s.compact(); err != nil {
			p.logger.Error("s3fake: compaction at close failed; the log is kept", "err", err)
		}
	}
	if err := p.log.Close(); err != nil {
		p.logger.Error("s3fake: closing the data directory", "err", err)
	}
}

// newPersister prepares the data directory of a server configured by cfg;
// openDataDir opens it.
func newPersister(cfg config) *persister {
	p := &persister{logger: cfg.logger, compactAt: cfg.compactAt,
		kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	if p.compactAt <= 0 {
		p.compactAt = defaultCompactAt
	}
	return p
}
