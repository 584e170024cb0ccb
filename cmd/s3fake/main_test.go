package main

// Tests of the real s3fake binary: built once with go build, started as a
// subprocess, driven over HTTP. They prove what issue 6 asks of the binary:
// the startup line, -help, flag errors, request logs, graceful shutdown on
// SIGTERM and SIGINT with in-flight requests completed, and a real
// aws-sdk-go-v2 client. Startup time is measured by BenchmarkBinaryStartup.

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// Generous bounds for a loaded 2-core machine. None of them is an
// assertion about speed: each only stops a test that would otherwise hang.
const (
	startTimeout = 60 * time.Second // process start to startup line
	waitTimeout  = 60 * time.Second // anything else we wait for
)

var (
	buildOnce sync.Once
	binDir    string
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	if code == 0 {
		// No test may leave goroutines behind (servers, process waiters).
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// s3fakeBinary builds this package into a temporary directory the first
// time it is called and returns the binary's path; later calls reuse it.
func s3fakeBinary(tb testing.TB) string {
	tb.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "s3fake-bin-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "s3fake")
		if runtime.GOOS == "windows" {
			binPath += ".exe"
		}
		// go test puts $GOROOT/bin first on PATH, so this is the same
		// toolchain that builds the test.
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build ./cmd/s3fake: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	return binPath
}

// childEnv is the test's environment without S3FAKE_* variables (which
// would change the binary's defaults), plus extra.
func childEnv(extra ...string) []string {
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "S3FAKE_") })
	return append(env, extra...)
}

// syncBuffer collects a process's output and wakes waiters on each write.
type syncBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{} // closed on the next write; nil when nobody waits
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	if b.changed != nil {
		close(b.changed)
		b.changed = nil
	}
	return n, err
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor calls match with the whole output each time it grows, until match
// returns true (ok), the process has exited and match still fails, or
// timeout passes. It returns the output match last saw.
func (b *syncBuffer) waitFor(match func(string) bool, exited <-chan struct{}, timeout time.Duration) (out string, ok bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		b.mu.Lock()
		out = b.buf.String()
		if match(out) {
			b.mu.Unlock()
			return out, true
		}
		if b.changed == nil {
			b.changed = make(chan struct{})
		}
		changed := b.changed
		b.mu.Unlock()
		select {
		case <-changed:
		case <-exited:
			// Wait has returned, so all output has been copied.
			out = b.String()
			return out, match(out)
		case <-deadline.C:
			return out, false
		}
	}
}

// proc is a running s3fake binary.
type proc struct {
	cmd     *exec.Cmd
	stdout  *syncBuffer
	stderr  *syncBuffer
	exited  chan struct{} // closed once Wait has returned
	waitErr error         // Wait's result, set before exited is closed
}

// startProc starts the binary with args and the environment of childEnv(env...).
// It is killed in tb's cleanup if it is still running then.
func startProc(tb testing.TB, env []string, args ...string) *proc {
	tb.Helper()
	p := &proc{stdout: &syncBuffer{}, stderr: &syncBuffer{}, exited: make(chan struct{})}
	p.cmd = exec.Command(s3fakeBinary(tb), args...)
	p.cmd.Env = childEnv(env...)
	p.cmd.Stdout = p.stdout
	p.cmd.Stderr = p.stderr
	p.cmd.WaitDelay = 10 * time.Second
	require.NoError(tb, p.cmd.Start())
	go func() {
		p.waitErr = p.cmd.Wait()
		close(p.exited)
	}()
	tb.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = p.cmd.Process.Kill()
			select {
			case <-p.exited:
			case <-time.After(waitTimeout):
				tb.Errorf("s3fake (pid %d) did not exit after kill", p.cmd.Process.Pid)
			}
		}
		if tb.Failed() {
			tb.Logf("s3fake %s\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), p.stdout, p.stderr)
		}
	})
	return p
}

// wait waits for the process to exit and returns its exit code (-1 if a
// signal killed it).
func (p *proc) wait(tb testing.TB) int {
	tb.Helper()
	select {
	case <-p.exited:
	case <-time.After(waitTimeout):
		tb.Fatalf("s3fake did not exit within %v", waitTimeout)
	}
	var exitErr *exec.ExitError
	if p.waitErr != nil && !errors.As(p.waitErr, &exitErr) {
		tb.Fatalf("waiting for s3fake: %v", p.waitErr)
	}
	return p.cmd.ProcessState.ExitCode()
}

// startupLine matches the one line the binary prints on stdout.
var startupLine = regexp.MustCompile(`^s3fake listening on (http://127\.0\.0\.1:(\d+)) \(region ([^,]+), dialect ([^;]+); access key "test", secret "test"\)\n`)

// startServer starts the binary on 127.0.0.1:0 (plus args), waits for the
// startup line and returns the process and the URL it printed.
func startServer(tb testing.TB, env []string, args ...string) (*proc, string) {
	tb.Helper()
	p := startProc(tb, env, append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	out, ok := p.stdout.waitFor(func(s string) bool { return strings.Contains(s, "\n") }, p.exited, startTimeout)
	require.True(tb, ok, "no startup line on stdout; got %q, stderr %q", out, p.stderr)
	m := startupLine.FindStringSubmatch(out)
	require.NotNil(tb, m, "startup line %q does not match %s", out, startupLine)
	return p, m[1]
}

// sdkClient is an aws-sdk-go-v2 client configured as a user would for the
// binary: the printed URL, path style, test/test, us-east-1, SDK defaults
// otherwise.
func sdkClient(endpoint string) *s3.Client {
	return s3.New(s3.Options{
		BaseEndpoint: aws.String(endpoint),
		UsePathStyle: true,
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
}

func hostPort(tb testing.TB, endpoint string) string {
	tb.Helper()
	u, err := url.Parse(endpoint)
	require.NoError(tb, err)
	return u.Host
}

// refused reports whether a TCP connection to addr is refused.
func refused(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err == nil {
		c.Close()
		return false
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}

func TestStartupLine(t *testing.T) {
	cases := []struct {
		name                    string
		args, env               []string
		wantRegion, wantDialect string
	}{
		{name: "defaults", wantRegion: "us-east-1", wantDialect: "aws"},
		{name: "flags", args: []string{"-region", "eu-west-1", "-dialect", "cos"}, wantRegion: "eu-west-1", wantDialect: "cos"},
		{name: "env", env: []string{"S3FAKE_REGION=ap-south-1", "S3FAKE_DIALECT=cos"}, wantRegion: "ap-south-1", wantDialect: "cos"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, endpoint := startServer(t, c.env, c.args...)
			out := p.stdout.String()
			m := startupLine.FindStringSubmatch(out)
			require.NotNil(t, m)
			port, err := strconv.Atoi(m[2])
			require.NoError(t, err)
			assert.NotZero(t, port, "the line shows the real port, not :0")
			assert.Equal(t, fmt.Sprintf("s3fake listening on http://127.0.0.1:%d (region %s, dialect %s; access key \"test\", secret \"test\")\n",
				port, c.wantRegion, c.wantDialect), out, "exactly one line on stdout")

			// The printed URL serves.
			resp, err := http.Get(endpoint + "/_s3fake/health")
			require.NoError(t, err)
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			assert.JSONEq(t, `{"status":"ok"}`, string(body))
		})
	}
}

// TestHelpListsEveryFlag: -help and -h describe every flag.
func TestHelpListsEveryFlag(t *testing.T) {
	for _, arg := range []string{"-help", "-h"} {
		t.Run(arg, func(t *testing.T) {
			out := runToExit(t, nil, arg)
			for _, flag := range []string{"addr", "region", "dialect", "account", "user", "any-credentials", "strict-sigv4", "log-level", "start-time", "seed",
				"read-header-timeout", "idle-timeout", "body-timeout", "min-body-rate", "max-header-bytes", "admin-token", "console", "data-dir"} {
				assert.Regexp(t, `(?m)^\s*-`+regexp.QuoteMeta(flag)+`\b`, out.combined, "-help does not list -%s", flag)
			}
			for _, env := range []string{"S3FAKE_ADDR", "S3FAKE_REGION", "S3FAKE_DIALECT", "S3FAKE_ACCOUNTS", "S3FAKE_ANY_CREDENTIALS", "S3FAKE_LOG_LEVEL"} {
				assert.Contains(t, out.combined, env)
			}
			assert.NotContains(t, out.stdout, "listening", "-help must not start the server")
		})
	}
}

// TestHelpExitsZero: asking for help is not an error.
func TestHelpExitsZero(t *testing.T) {
	for _, arg := range []string{"-help", "-h"} {
		t.Run(arg, func(t *testing.T) {
			out := runToExit(t, nil, arg)
			assert.Equal(t, 0, out.code, "exit code of s3fake %s", arg)
			assert.NotContains(t, out.stderr, "help requested", "help is not reported as an error")
		})
	}
}

// TestBadFlagsExitNonZero: invalid flags stop the binary before it listens,
// with a message on stderr.
func TestBadFlagsExitNonZero(t *testing.T) {
	cases := []struct {
		name    string
		args    []string
		env     []string
		wantErr string
	}{
		{name: "dialect", args: []string{"-dialect", "gcs"}, wantErr: `-dialect "gcs": want aws or cos`},
		{name: "dialect env", env: []string{"S3FAKE_DIALECT=gcs"}, wantErr: `-dialect "gcs": want aws or cos`},
		{name: "log level", args: []string{"-log-level", "loud"}, wantErr: "-log-level"},
		{name: "account", args: []string{"-account", "111111111111:AK1"}, wantErr: "ID:KEY:SECRET"},
		{name: "unknown flag", args: []string{"-port", "1"}, wantErr: "flag provided but not defined: -port"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// 127.0.0.1:0 so that a binary that wrongly starts cannot
			// collide with anything; runToExit kills it after waitTimeout.
			out := runToExit(t, c.env, append([]string{"-addr", "127.0.0.1:0"}, c.args...)...)
			assert.NotEqual(t, 0, out.code)
			assert.Contains(t, out.stderr, c.wantErr)
			assert.Empty(t, out.stdout, "no startup line")
		})
	}
}

type exitResult struct {
	code                     int
	stdout, stderr, combined string
}

// runToExit runs the binary with args and childEnv(env...) to completion
// (killing it after waitTimeout).
func runToExit(t *testing.T, env []string, argv ...string) exitResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, s3fakeBinary(t), argv...)
	cmd.Env = childEnv(env...)
	var stdout, stderr, combined syncBuffer
	cmd.Stdout = io.MultiWriter(&stdout, &combined)
	cmd.Stderr = io.MultiWriter(&stderr, &combined)
	err := cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("s3fake %v: %v", argv, err)
	}
	require.NoError(t, ctx.Err(), "s3fake %v did not exit by itself", argv)
	return exitResult{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String(), combined: combined.String()}
}

// TestShutdownFinishesInFlightRequest: on SIGTERM and on SIGINT the binary
// stops accepting connections, finishes the request it is serving and
// exits 0.
func TestShutdownFinishesInFlightRequest(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			p, endpoint := startServer(t, nil)
			addr := hostPort(t, endpoint)
			ctx, cancel := context.WithTimeout(context.Background(), 2*waitTimeout)
			defer cancel()
			const bucket = "shutdown"
			_, err := sdkClient(endpoint).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)})
			require.NoError(t, err)

			// A PUT whose body the test feeds by hand. It asks for 100
			// Continue: Go's server sends that only when the handler first
			// reads the body, so once the client has it the request is
			// being served (an active connection, which shutdown waits for).
			body := bytes.Repeat([]byte("in-flight-body\n"), 10000)
			half := len(body) / 2
			pr, pw := io.Pipe()
			defer pw.Close()
			continued := make(chan struct{})
			var once sync.Once
			trace := &httptrace.ClientTrace{Got100Continue: func() { once.Do(func() { close(continued) }) }}
			req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodPut, endpoint+"/"+bucket+"/slow-object", pr)
			require.NoError(t, err)
			req.ContentLength = int64(len(body))
			req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
			err = v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test"},
				req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now())
			require.NoError(t, err)
			req.Header.Set("Expect", "100-continue") // after signing: servers may drop it before verifying

			transport := &http.Transport{ExpectContinueTimeout: waitTimeout, DisableKeepAlives: true}
			defer transport.CloseIdleConnections()
			type result struct {
				status int
				etag   string
				body   string
				err    error
			}
			results := make(chan result, 1)
			go func() {
				resp, err := (&http.Client{Transport: transport}).Do(req)
				if err != nil {
					results <- result{err: err}
					return
				}
				defer resp.Body.Close()
				b, err := io.ReadAll(resp.Body)
				results <- result{status: resp.StatusCode, etag: resp.Header.Get("ETag"), body: string(b), err: err}
			}()

			select {
			case <-continued:
			case r := <-results:
				t.Fatalf("PUT answered before its body was sent: %+v", r)
			case <-time.After(waitTimeout):
				t.Fatal("no 100 Continue: the PUT never reached the handler")
			}
			_, err = pw.Write(body[:half])
			require.NoError(t, err)

			require.NoError(t, p.cmd.Process.Signal(sig))
			// Shutdown has begun once the listener is closed: new
			// connections are refused while our request is still open.
			deadline := time.Now().Add(waitTimeout)
			for !refused(addr) {
				select {
				case r := <-results:
					t.Fatalf("in-flight PUT ended before its body was complete: %+v", r)
				case <-p.exited:
					t.Fatalf("s3fake exited with a request in flight (%v)", p.waitErr)
				default:
				}
				require.True(t, time.Now().Before(deadline), "s3fake still accepts connections %v after %v", waitTimeout, sig)
				time.Sleep(5 * time.Millisecond)
			}
			// A slow client: the server is now waiting for us. (Not an
			// assertion, only a realistic pause.)
			time.Sleep(200 * time.Millisecond)
			select {
			case <-p.exited:
				t.Fatalf("s3fake exited with a request in flight (%v)", p.waitErr)
			default:
			}
			_, err = pw.Write(body[half:])
			require.NoError(t, err)
			require.NoError(t, pw.Close())

			var r result
			select {
			case r = <-results:
			case <-time.After(waitTimeout):
				t.Fatal("in-flight PUT got no response")
			}
			require.NoError(t, r.err)
			sum := md5.Sum(body)
			assert.Equal(t, http.StatusOK, r.status, "response body: %s", r.body)
			assert.Equal(t, `"`+hex.EncodeToString(sum[:])+`"`, r.etag, "the server stored the whole body")

			assert.Equal(t, 0, p.wait(t), "exit code after %v; stderr:\n%s", sig, p.stderr)
			assert.True(t, refused(addr), "port still open after exit")
		})
	}
}

// TestSignalRightAfterStartupLine: whoever has read the startup line may
// stop the server at once (docker stop, a CI script, a test harness) and
// still get a clean exit, so the signal handler must be in place before the
// line is printed. Several starts per signal, because a handler installed
// just after the line loses the race only most of the time.
func TestSignalRightAfterStartupLine(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			for i := range 10 {
				p, _ := startServer(t, nil)
				require.NoError(t, p.cmd.Process.Signal(sig))
				if code := p.wait(t); code != 0 {
					t.Fatalf("start %d: %v right after the startup line: exit code %d (%v), want 0", i, sig, code, p.waitErr)
				}
			}
		})
	}
}

// TestRequestLog: every request produces one log record on stderr with its
// method, bucket, operation, status and duration.
func TestRequestLog(t *testing.T) {
	p, endpoint := startServer(t, nil, "-log-level", "debug")
	ctx := context.Background()
	c := sdkClient(endpoint)
	const bucket = "log-bucket"
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)})
	require.NoError(t, err)
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("a.txt"), Body: strings.NewReader("hello")})
	require.NoError(t, err)
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("missing.txt")})
	var noKey *types.NoSuchKey
	require.ErrorAs(t, err, &noKey)

	want := []map[string]string{
		{"method": "PUT", "bucket": bucket, "op": "CreateBucket", "status": "200"},
		{"method": "PUT", "bucket": bucket, "op": "PutObject", "status": "200"},
		{"method": "GET", "bucket": bucket, "op": "GetObject", "status": "404"},
	}
	// The record is written after the response, so wait for it.
	out, ok := p.stderr.waitFor(func(s string) bool { return len(missingRecords(s, want)) == 0 }, p.exited, waitTimeout)
	for _, w := range missingRecords(out, want) {
		t.Errorf("no request log record with %v and a duration", w)
	}
	if !ok {
		t.Logf("stderr:\n%s", out)
	}
}

// missingRecords returns the wanted field sets no log line in out carries
// (each line must also have a parseable, non-negative duration).
func missingRecords(out string, want []map[string]string) []map[string]string {
	var missing []map[string]string
	lines := strings.Split(out, "\n")
	for _, w := range want {
		found := slices.ContainsFunc(lines, func(line string) bool {
			fields := parseLogfmt(line)
			for k, v := range w {
				if fields[k] != v {
					return false
				}
			}
			d, err := time.ParseDuration(fields["duration"])
			return err == nil && d >= 0
		})
		if !found {
			missing = append(missing, w)
		}
	}
	return missing
}

// parseLogfmt splits a slog TextHandler line into its key=value fields;
// quoted values are unquoted.
func parseLogfmt(line string) map[string]string {
	fields := map[string]string{}
	for line = strings.TrimSpace(line); line != ""; line = strings.TrimLeft(line, " ") {
		key, rest, ok := strings.Cut(line, "=")
		if !ok || strings.Contains(key, " ") {
			return fields
		}
		var val string
		if strings.HasPrefix(rest, `"`) {
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				return fields
			}
			val, _ = strconv.Unquote(q)
			rest = rest[len(q):]
		} else {
			val, rest, _ = strings.Cut(rest, " ")
		}
		fields[key] = val
		line = rest
	}
	return fields
}

func TestParseLogfmt(t *testing.T) {
	got := parseLogfmt(`time=2026-01-02T03:04:05.000Z level=INFO msg=request method=PUT bucket=b key="" op=PutObject status=200 duration=1.5ms note="a \"b\" c"`)
	assert.Equal(t, map[string]string{"time": "2026-01-02T03:04:05.000Z", "level": "INFO", "msg": "request", "method": "PUT",
		"bucket": "b", "key": "", "op": "PutObject", "status": "200", "duration": "1.5ms", "note": `a "b" c`}, got)
}

// TestSDKInventoryAgainstBinary: an aws-sdk-go-v2 client configured only
// with the printed endpoint and the printed credentials creates buckets and
// puts, gets and lists an inventory configuration.
func TestSDKInventoryAgainstBinary(t *testing.T) {
	_, endpoint := startServer(t, nil)
	ctx := context.Background()
	c := sdkClient(endpoint)
	for _, b := range []string{"inv-src", "inv-dst"} {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)})
		require.NoError(t, err)
	}
	cfg := &types.InventoryConfiguration{
		Id:                     aws.String("daily"),
		IsEnabled:              aws.Bool(true),
		IncludedObjectVersions: types.InventoryIncludedObjectVersionsCurrent,
		Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
		OptionalFields:         []types.InventoryOptionalField{types.InventoryOptionalFieldSize, types.InventoryOptionalFieldETag},
		Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
			Bucket: aws.String("arn:aws:s3:::inv-dst"),
			Format: types.InventoryFormatCsv,
			Prefix: aws.String("reports"),
		}},
	}
	_, err := c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String("inv-src"), Id: aws.String("daily"), InventoryConfiguration: cfg,
	})
	require.NoError(t, err)

	got, err := c.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("inv-src"), Id: aws.String("daily"),
	})
	require.NoError(t, err)
	g := got.InventoryConfiguration
	require.NotNil(t, g)
	assert.Equal(t, "daily", aws.ToString(g.Id))
	assert.True(t, aws.ToBool(g.IsEnabled))
	assert.Equal(t, types.InventoryIncludedObjectVersionsCurrent, g.IncludedObjectVersions)
	require.NotNil(t, g.Schedule)
	assert.Equal(t, types.InventoryFrequencyDaily, g.Schedule.Frequency)
	assert.ElementsMatch(t, cfg.OptionalFields, g.OptionalFields)
	require.NotNil(t, g.Destination)
	require.NotNil(t, g.Destination.S3BucketDestination)
	d := g.Destination.S3BucketDestination
	assert.Equal(t, "arn:aws:s3:::inv-dst", aws.ToString(d.Bucket))
	assert.Equal(t, types.InventoryFormatCsv, d.Format)
	assert.Equal(t, "reports", aws.ToString(d.Prefix))

	list, err := c.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("inv-src")})
	require.NoError(t, err)
	require.Len(t, list.InventoryConfigurationList, 1)
	assert.Equal(t, "daily", aws.ToString(list.InventoryConfigurationList[0].Id))

	_, err = c.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("inv-src"), Id: aws.String("nope"),
	})
	assert.ErrorContains(t, err, "NoSuchConfiguration")
}

// BenchmarkBinaryStartup measures, per start, the time from starting the
// process to its first successful GET /_s3fake/health (polled every
// millisecond). Issue 6 asks for under 100 ms; see the ms/start metric.
func BenchmarkBinaryStartup(b *testing.B) {
	bin := s3fakeBinary(b)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 5 * time.Second}
	var times []time.Duration
	for b.Loop() {
		b.StopTimer()
		port := freePort(b)
		health := fmt.Sprintf("http://127.0.0.1:%d/_s3fake/health", port)
		cmd := exec.Command(bin, "-addr", fmt.Sprintf("127.0.0.1:%d", port))
		cmd.Env = childEnv()
		b.StartTimer()

		start := time.Now()
		require.NoError(b, cmd.Start())
		deadline := start.Add(startTimeout)
		for {
			resp, err := client.Get(health)
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
			}
			if time.Now().After(deadline) {
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
				b.Fatalf("no healthy s3fake on port %d within %v (last error %v)", port, startTimeout, err)
			}
			time.Sleep(time.Millisecond)
		}
		elapsed := time.Since(start)

		b.StopTimer()
		times = append(times, elapsed)
		// Shutdown is not measured here (TestShutdown* covers it).
		require.NoError(b, cmd.Process.Kill())
		_ = cmd.Wait()
		b.StartTimer()
	}
	slices.Sort(times)
	var total time.Duration
	for _, d := range times {
		total += d
	}
	mean := total / time.Duration(len(times))
	b.ReportMetric(float64(mean)/float64(time.Millisecond), "ms/start")
	b.Logf("%d starts: mean %v, min %v, median %v, max %v (goal < 100ms)",
		len(times), mean, times[0], times[len(times)/2], times[len(times)-1])
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort(tb testing.TB) int {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(tb, err)
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
