// Command s3fake runs the s3fake server for local development: any S3
// client (AWS CLI, boto3, the JavaScript SDK, a service under development)
// can talk to it.
//
//	go run ./cmd/s3fake            # listens on 127.0.0.1:4566
//	aws --endpoint-url http://127.0.0.1:4566 s3 mb s3://src
//
// Credentials: access key "test", secret "test", region us-east-1.
//
// The clock follows wall time, and inventory configurations run when it
// passes their due time (Daily at 00:00 UTC), as on S3; -start-time fixes
// it instead. JSON endpoints under /_s3fake/ read and set the clock, run a
// configuration now, list the runs and give the destination bucket policy
// a delivery needs (docs/admin.md). On a loopback address (or with
// -console) a web console at /_s3fake/ shows buckets, configurations, runs
// and report rows (docs/console.md). -help lists the flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/s3fake/s3fake/s3fake"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0) // -help printed the usage, as asked
	case err != nil:
		fmt.Fprintln(os.Stderr, "s3fake:", err)
		os.Exit(2)
	}
}

// run parses args, starts the server, prints one startup line to stdout and
// serves until SIGINT or SIGTERM.
func run(args []string, stdout, stderr io.Writer) error {
	logs := newLogWriter(stderr) // one write per burst of log lines (logwriter.go)
	defer logs.Flush()
	opts, err := parseFlags(args, logs)
	if err != nil {
		return err
	}
	// Catch the signals before the server answers anything: a SIGTERM that
	// arrives right after the startup line must shut down gracefully too.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := s3fake.New(opts...)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "s3fake listening on %s (region %s, dialect %s; access key %q, secret %q)\n",
		srv.URL(), srv.Region(), srv.Dialect(), s3fake.DefaultAccessKeyID, s3fake.DefaultSecretAccessKey)
	done := runSchedules(ctx, srv, time.Second)
	<-ctx.Done()
	<-done      // no run starts once the server closes
	srv.Close() // waits for in-flight requests
	return nil
}

// runSchedules runs, every interval until ctx is done, the inventory
// schedules the clock has passed: on a wall clock, real midnight makes
// Daily configurations run, as on S3. On a fixed clock (-start-time)
// Advance(0) runs nothing: time moves only through the admin endpoints.
// The returned channel is closed when the loop has stopped.
func runSchedules(ctx context.Context, srv *s3fake.Server, interval time.Duration) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				srv.Advance(0)
			}
		}
	}()
	return done
}

// parseFlags maps flags (and their S3FAKE_* environment twins) to options.
func parseFlags(args []string, stderr io.Writer) ([]s3fake.Option, error) {
	fs := flag.NewFlagSet("s3fake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", envOr("S3FAKE_ADDR", "127.0.0.1:4566"), "listen address (env S3FAKE_ADDR)")
	region := fs.String("region", envOr("S3FAKE_REGION", s3fake.DefaultRegion), "region reported to clients (env S3FAKE_REGION)")
	dialect := fs.String("dialect", envOr("S3FAKE_DIALECT", "aws"), "aws or cos: whose inventory rules to follow (env S3FAKE_DIALECT)")
	anyCreds := fs.Bool("any-credentials", envOr("S3FAKE_ANY_CREDENTIALS", "") == "true",
		"accept any access key as the default account, without checking signatures (env S3FAKE_ANY_CREDENTIALS=true)")
	strictSigV4 := fs.Bool("strict-sigv4", envOr("S3FAKE_STRICT_SIGV4", "") == "true",
		"refuse Signature Version 2 (header, presigned URLs, POST forms) as S3 does for buckets created today; by default it is accepted, as boto3's presigned URLs in us-east-1 need (env S3FAKE_STRICT_SIGV4=true)")
	var accounts accountFlags
	fs.Var(&accounts, "account", "ID:KEY:SECRET, an extra account (12-digit id) and its root credentials; repeatable (env S3FAKE_ACCOUNTS, comma-separated)")
	var users userFlags
	fs.Var(&users, "user", "ACCOUNT:NAME:KEY:SECRET[:POLICY-FILE], an IAM user of an account with an optional identity policy (JSON file); repeatable")
	level := fs.String("log-level", envOr("S3FAKE_LOG_LEVEL", "info"),
		"debug, info, warn or error; info logs one line per S3 request and per inventory run, debug adds health polls and refused authorizations (env S3FAKE_LOG_LEVEL)")
	startTime := fs.String("start-time", envOr("S3FAKE_START_TIME", ""),
		"fix the clock at this RFC 3339 time; it then moves only by /_s3fake/clock/set and /_s3fake/clock/advance (default: wall time, and schedules run as it passes them) (env S3FAKE_START_TIME)")
	seed := fs.String("seed", envOr("S3FAKE_SEED", ""),
		"seed of the random report data file names, so that the same seed and history give the same report keys (default 1) (env S3FAKE_SEED)")
	adminToken := fs.String("admin-token", envOr("S3FAKE_ADMIN_TOKEN", ""),
		"require Authorization: Bearer TOKEN on the /_s3fake/ admin endpoints except health; set it when -addr is not a loopback address (env S3FAKE_ADMIN_TOKEN)")
	console := fs.Bool("console", envOr("S3FAKE_CONSOLE", "") == "true",
		"serve the web console at /_s3fake/ on a non-loopback -addr too; it is always served on a loopback address (env S3FAKE_CONSOLE=true)")
	dataDir := fs.String("data-dir", envOr("S3FAKE_DATA_DIR", ""),
		"keep all state in this directory (created if needed) and recover it at start: every acknowledged write is fsynced first, so it survives a restart or kill -9; without it nothing touches the disk (env S3FAKE_DATA_DIR)")
	d := s3fake.DefaultConnLimits
	readHeader := fs.Duration("read-header-timeout", d.ReadHeaderTimeout, "time a client has to send a request's headers")
	idle := fs.Duration("idle-timeout", d.IdleTimeout, "close a keep-alive connection idle this long")
	bodyTimeout := fs.Duration("body-timeout", d.BodyTimeout, "time every request has for its body and its answer, on top of what its size needs at -min-body-rate")
	minRate := fs.Int64("min-body-rate", d.MinBodyRate, "slowest transfer (bytes per second) a large body or answer is allowed beyond -body-timeout")
	maxHeader := fs.Int("max-header-bytes", d.MaxHeaderBytes, "largest request header block")
	if v := os.Getenv("S3FAKE_ACCOUNTS"); v != "" {
		for _, a := range strings.Split(v, ",") {
			if err := accounts.Set(a); err != nil {
				return nil, fmt.Errorf("S3FAKE_ACCOUNTS: %w", err)
			}
		}
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		return nil, fmt.Errorf("-log-level: %w", err)
	}
	dia := s3fake.Dialect(*dialect)
	if !dia.Valid() {
		return nil, fmt.Errorf("-dialect %q: want aws or cos", *dialect)
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: lvl}))
	opts := []s3fake.Option{
		s3fake.WithAddr(*addr),
		s3fake.WithRegion(*region),
		s3fake.WithDialect(dia),
		s3fake.WithLogger(logger),
		s3fake.WithConnLimits(s3fake.ConnLimits{ReadHeaderTimeout: *readHeader, IdleTimeout: *idle,
			BodyTimeout: *bodyTimeout, MinBodyRate: *minRate, MaxHeaderBytes: *maxHeader}),
	}
	for _, a := range accounts {
		opts = append(opts, s3fake.WithAccount(a.ID, a.AccessKeyID, a.SecretAccessKey))
	}
	for _, u := range users {
		opts = append(opts, s3fake.WithUser(u.account, u.name, u.key, u.secret, u.policy))
	}
	if *anyCreds {
		opts = append(opts, s3fake.WithAnyCredentials())
	}
	if *adminToken != "" {
		opts = append(opts, s3fake.WithAdminToken(*adminToken))
	}
	if *strictSigV4 {
		opts = append(opts, s3fake.WithStrictSigV4())
	}
	if *console || loopbackAddr(*addr) {
		opts = append(opts, s3fake.WithConsole())
	}
	if *startTime != "" {
		t, err := time.Parse(time.RFC3339, *startTime)
		if err != nil {
			return nil, fmt.Errorf("-start-time %q: want an RFC 3339 time such as 2026-01-01T00:00:00Z", *startTime)
		}
		opts = append(opts, s3fake.WithStartTime(t))
	}
	if *dataDir != "" {
		opts = append(opts, s3fake.WithDataDir(*dataDir))
	}
	if *seed != "" {
		n, err := strconv.ParseUint(*seed, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("-seed %q: want an unsigned integer", *seed)
		}
		opts = append(opts, s3fake.WithSeed(n))
	}
	return opts, nil
}

// accountFlags collects repeated -account ID:KEY:SECRET flags.
type accountFlags []s3fake.Account

func (a *accountFlags) String() string {
	ids := make([]string, len(*a))
	for i, acct := range *a {
		ids[i] = acct.ID
	}
	return strings.Join(ids, ",")
}

func (a *accountFlags) Set(v string) error {
	parts := strings.SplitN(v, ":", 3)
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return fmt.Errorf("account %q: want ID:KEY:SECRET", v)
	}
	*a = append(*a, s3fake.Account{ID: parts[0], AccessKeyID: parts[1], SecretAccessKey: parts[2]})
	return nil
}

// loopbackAddr reports whether addr listens on loopback only: 127.0.0.0/8,
// ::1 or localhost. An empty host (":4566") listens everywhere.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

// userFlags collects repeated -user ACCOUNT:NAME:KEY:SECRET[:POLICY-FILE].
type userFlags []struct{ account, name, key, secret, policy string }

func (u *userFlags) String() string { return fmt.Sprint(len(*u), " users") }

func (u *userFlags) Set(v string) error {
	parts := strings.SplitN(v, ":", 5)
	if len(parts) < 4 || parts[0] == "" || parts[1] == "" || parts[2] == "" || parts[3] == "" {
		return fmt.Errorf("user %q: want ACCOUNT:NAME:KEY:SECRET[:POLICY-FILE]", v)
	}
	policy := ""
	if len(parts) == 5 && parts[4] != "" {
		data, err := os.ReadFile(parts[4])
		if err != nil {
			return fmt.Errorf("user %q: %w", v, err)
		}
		policy = string(data)
	}
	*u = append(*u, struct{ account, name, key, secret, policy string }{parts[0], parts[1], parts[2], parts[3], policy})
	return nil
}
