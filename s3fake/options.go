package s3fake

import (
	"log/slog"
	"time"

	"github.com/s3fake/s3fake/inventory"
)

// Dialect selects whose behaviour the server reproduces.
type Dialect = inventory.Dialect

const (
	// DialectAWS reproduces Amazon S3. It is the default.
	DialectAWS = inventory.DialectAWS
	// DialectCOS reproduces IBM Cloud Object Storage as its SDK documents the
	// inventory calls: Format CSV only, ten optional fields, no Encryption
	// (each refused with InvalidArgument), x-amz-expected-bucket-owner ignored.
	DialectCOS = inventory.DialectCOS
)

// Default identity and placement, the same as LocalStack's so that existing
// setups work unchanged.
const (
	// DefaultAccountID is the account that owns buckets created by default credentials.
	DefaultAccountID = "000000000000"
	// DefaultAccessKeyID is the access key id of DefaultAccountID.
	DefaultAccessKeyID = "test"
	// DefaultSecretAccessKey is the secret of DefaultAccessKeyID.
	DefaultSecretAccessKey = "test"
	// DefaultRegion is the region the server reports and the Client uses.
	DefaultRegion = "us-east-1"
)

// DefaultStartTime is the clock's start under Start: 2026-01-01T00:00:00Z.
var DefaultStartTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Option configures a Server at construction.
type Option func(*config)

type config struct {
	region         string
	dialect        Dialect
	startTime      time.Time // zero: follow wall time
	startTimeSet   bool      // an option chose the clock; Start keeps it
	logger         *slog.Logger
	addr           string
	seed           uint64
	maxRowsPerFile int
	accounts       []Account
	users          []userSeed
	anyCredentials bool
	strictSigV4    bool
	tls            bool
	conn           ConnLimits
	adminToken     string
	console        bool
	dataDir        string // "": nothing touches the disk (persist.go)
	compactAt      int64  // log size that triggers compaction; 0: defaultCompactAt
}

// defaultConfig is the configuration of New; Start changes the clock.
func defaultConfig() config {
	return config{
		region:  DefaultRegion,
		dialect: DialectAWS,
		logger:  slog.New(slog.DiscardHandler),
		addr:    "127.0.0.1:0",
		seed:    1,
	}
}

// WithRegion sets the region the server reports and Client signs for.
// Default "us-east-1".
func WithRegion(region string) Option {
	return func(c *config) { c.region = region }
}

// WithDialect selects AWS (default) or IBM COS behaviour.
func WithDialect(d Dialect) Option {
	return func(c *config) { c.dialect = d }
}

// WithStartTime fixes the server clock at t; it then moves only by SetTime
// and Advance. Default: DefaultStartTime under Start, wall time under New.
func WithStartTime(t time.Time) Option {
	return func(c *config) { c.startTime, c.startTimeSet = t.UTC(), true }
}

// WithWallClock makes the clock follow wall time, also under Start.
// SetTime and Advance then shift it by an offset and it keeps moving.
func WithWallClock() Option {
	return func(c *config) { c.startTime, c.startTimeSet = time.Time{}, true }
}

// WithLogger receives one record per request (method, bucket, key,
// operation, status, duration, request id) at level Info, except health
// polls (/_s3fake/health) at Debug; one record per inventory run at Info;
// refused authorizations at Debug; and server faults at Error. Default:
// discard.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

// WithDataDir keeps the server's state in directory dir (created if
// needed) and recovers it from there at start: objects and their versions
// and facts, buckets and their configurations and policies, multipart
// uploads, inventory configurations and runs, accounts added at run time,
// and the clock. Every write is on disk (fsynced) before its response, so
// the state survives a crash or kill -9. New fails if dir holds data that
// does not check (docs/persistence.md). Default "": nothing touches the
// disk. Start does not persist unless given this option.
func WithDataDir(dir string) Option {
	return func(c *config) { c.dataDir = dir }
}

// WithAddr sets the listen address. Default "127.0.0.1:0" (a free loopback
// port); the binary uses "127.0.0.1:4566".
func WithAddr(addr string) Option {
	return func(c *config) { c.addr = addr }
}

// WithSeed seeds the random source of report data file names (UUIDs), so
// that two servers with the same seed and the same history write the same
// keys. Default 1.
func WithSeed(seed uint64) Option {
	return func(c *config) { c.seed = seed }
}

// WithMaxRowsPerFile makes inventory runs split their rows into data files
// of at most n rows. Default report.DefaultMaxRowsPerFile (1,000,000).
func WithMaxRowsPerFile(n int) Option {
	return func(c *config) { c.maxRowsPerFile = n }
}

// WithAccount adds account id (12 digits) whose root signs with accessKeyID
// and secret, next to the default account. Repeatable.
func WithAccount(id, accessKeyID, secret string) Option {
	return func(c *config) {
		c.accounts = append(c.accounts, Account{ID: id, AccessKeyID: accessKeyID, SecretAccessKey: secret})
	}
}

// WithUser adds IAM user name to account accountID (the default account or
// one added by WithAccount), signing with accessKeyID and secret, with
// identity policy policyJSON ("" for none). Repeatable.
func WithUser(accountID, name, accessKeyID, secret, policyJSON string) Option {
	return func(c *config) {
		c.users = append(c.users, userSeed{Account{ID: accountID, UserName: name, AccessKeyID: accessKeyID, SecretAccessKey: secret}, policyJSON})
	}
}

type userSeed struct {
	Account
	policy string
}

// WithAnyCredentials makes every access key act as the default account's
// root without checking signatures: handy for quick local use with clients
// whose credentials you cannot set. Off by default; request times,
// payload hashes and anonymous requests are still checked as usual.
func WithAnyCredentials() Option {
	return func(c *config) { c.anyCredentials = true }
}

// WithStrictSigV4 refuses Signature Version 2, in the Authorization
// header, in presigned URLs and in browser-form POSTs, with 400
// InvalidRequest "The authorization mechanism you have provided is not
// supported. Please use AWS4-HMAC-SHA256.", as S3 does for a bucket
// created today. Default: SigV2 is accepted and verified with the same
// keys as SigV4, as S3 still does for older buckets in us-east-1 (and as
// boto3 needs: its presigned URLs and POSTs use SigV2 there).
func WithStrictSigV4() Option {
	return func(c *config) { c.strictSigV4 = true }
}

// WithTLS serves HTTPS with a self-signed certificate (URL starts with
// https://) instead of plain HTTP. Client and HTTPClient trust it. Useful to
// test what clients do differently over TLS, such as the AWS SDKs sending
// aws-chunked bodies with trailing checksums. Default: plain HTTP.
func WithTLS() Option {
	return func(c *config) { c.tls = true }
}

// WithConnLimits bounds connections: header and idle timeouts, the time a
// request has for its body and answer, and the header size. Zero fields
// keep their default (DefaultConnLimits).
func WithConnLimits(l ConnLimits) Option {
	return func(c *config) { c.conn = l }
}

// WithAdminToken requires "Authorization: Bearer token" on every admin
// endpoint but /_s3fake/health. Default "": none, since the server listens
// on loopback; set it when the server listens on another address.
func WithAdminToken(token string) Option {
	return func(c *config) { c.adminToken = token }
}

// WithConsole serves the web console at /_s3fake/ (docs/console.md): a
// read-mostly view of buckets, objects, inventory configurations, runs and
// report rows, whose actions go through the admin endpoints. Default off;
// the binary turns it on when it listens on a loopback address, or with
// -console.
func WithConsole() Option {
	return func(c *config) { c.console = true }
}
