package s3fake

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/invstore"
	"github.com/s3fake/s3fake/internal/objstore"
)

// Server is a running fake S3 endpoint. Create it with Start in tests or New
// elsewhere; every method is safe for concurrent use.
type Server struct {
	cfg     config
	clock   *clock
	objects *objstore.Store
	configs *invstore.Store

	registry *access.Registry
	verifier *access.Verifier
	policies *policyStore
	runs     *runState
	faults   faults
	persist  *persister // nil without WithDataDir (persist.go)

	requestSeq atomic.Uint64
	conn       ConnLimits // cfg.conn with its defaults

	http      *httptest.Server
	closeOnce sync.Once

	// tb is the test that started the server (nil under New): seeding calls
	// report bad input through it.
	tb testing.TB
}

// Start starts a server on a free loopback port for the duration of test t
// and closes it in t.Cleanup. It fails the test if the server cannot start.
// Unless an option says otherwise the clock is fixed at DefaultStartTime.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if !cfg.startTimeSet {
		cfg.startTime = DefaultStartTime
	}
	s, err := newServer(cfg)
	if err != nil {
		t.Fatalf("s3fake: start: %v", err)
		return nil
	}
	s.tb = t
	t.Cleanup(s.Close)
	return s
}

// New starts a server with opts. The caller must call Close. Unless an
// option says otherwise the clock follows wall time.
func New(opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	return newServer(cfg)
}

func newServer(cfg config) (*Server, error) {
	if !cfg.dialect.Valid() {
		return nil, fmt.Errorf("s3fake: unknown dialect %q", cfg.dialect)
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return nil, fmt.Errorf("s3fake: listen on %s: %w", cfg.addr, err)
	}
	s, err := newUnstarted(cfg)
	if err != nil {
		ln.Close()
		return nil, err
	}
	hs := &http.Server{Handler: s}
	// No connection is held forever: slow headers, slow bodies and idle
	// keep-alives are all cut (conn.go).
	s.conn.apply(hs)
	s.http = &httptest.Server{Listener: ln, Config: hs}
	if cfg.tls {
		s.http.StartTLS()
	} else {
		s.http.Start()
	}
	return s, nil
}

// newUnstarted builds the whole server except the listener.
func newUnstarted(cfg config) (*Server, error) {
	s := &Server{
		cfg:      cfg,
		conn:     cfg.conn.withDefaults(),
		clock:    &clock{fixed: cfg.startTime},
		configs:  invstore.NewStore(),
		registry: access.NewRegistry(),
		policies: newPolicyStore(),
		runs:     newRunState(cfg.seed),
	}
	for _, a := range cfg.accounts {
		if _, err := s.registry.CreateAccount(a.ID, a.AccessKeyID, a.SecretAccessKey); err != nil {
			return nil, fmt.Errorf("s3fake: account %s: %w", a.ID, err)
		}
	}
	for _, u := range cfg.users {
		var doc []byte
		if u.policy != "" {
			doc = []byte(u.policy)
		}
		if _, err := s.registry.CreateUser(u.ID, u.UserName, u.AccessKeyID, u.SecretAccessKey, doc); err != nil {
			return nil, fmt.Errorf("s3fake: user %s/%s: %w", u.ID, u.UserName, err)
		}
	}
	s.registry.SetAnyCredentials(cfg.anyCredentials)
	// Signatures are checked against the wall clock, never the test clock:
	// clients sign with real time.
	s.verifier = access.NewVerifier(s.registry, cfg.region, time.Now)
	s.verifier.AcceptSigV2(!cfg.strictSigV4)
	ocfg := objstore.Config{
		Now:             s.clock.Now,
		OnBucketDeleted: s.bucketDeleted,
		Seed:            cfg.seed,
	}
	if cfg.dataDir != "" {
		s.persist = newPersister(cfg)
		ocfg.Journal = s.persist.journalObjects
	}
	s.objects = objstore.New(ocfg)
	if s.persist != nil {
		if err := s.openDataDir(s.persist); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// bucketDeleted forgets everything s3fake keeps per bucket beside the
// object store.
func (s *Server) bucketDeleted(bucket string) {
	s.forgetBucket(bucket) // persist_state.go
}

// URL is the base URL of the server, http://127.0.0.1:PORT (https:// with
// WithTLS) with no trailing slash.
func (s *Server) URL() string { return s.http.URL }

// HTTPClient returns an *http.Client for the server: it trusts the
// certificate under WithTLS, and its idle connections close with the
// server.
func (s *Server) HTTPClient() *http.Client { return s.http.Client() }

// Region is the region the server reports (default "us-east-1").
func (s *Server) Region() string { return s.cfg.region }

// Dialect is the dialect the server follows (default DialectAWS).
func (s *Server) Dialect() Dialect { return s.cfg.dialect }

// Close stops the server and waits for in-flight requests to finish. It is
// idempotent.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		if s.http != nil {
			s.http.Close()
		}
		if s.persist != nil {
			s.closeDataDir()
		}
	})
}
