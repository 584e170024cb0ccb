package s3fake_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/s3fake/s3fake/s3fake"
)

// Object call benchmarks: s3fake against bare gofakes3 over s3mem, from
// one raw Go client that signs every request with SigV4 (gofakes3 ignores
// the signature, s3fake verifies it and the payload hash). Each iteration
// sends the call to both servers, alternating which goes first; signing is
// not timed. Each reports both times and ratio = s3fake / gofakes3 (goal:
// <= 1.0).
//
//	go test ./s3fake -run '^$' -bench BenchmarkObjectCalls -count 5

const (
	benchBucket  = "bench"
	benchBodyLen = 1 << 10 // 1 KiB
	benchKeys    = 1000    // ListObjectsV2: one full page
)

// objectTarget is one server under comparison.
type objectTarget struct {
	name    string
	url     string
	client  *http.Client
	elapsed time.Duration
}

// do sends req and reads the whole answer, timing both, and fails unless
// the status is want.
func (tg *objectTarget) do(b *testing.B, req *http.Request, want int) {
	t0 := time.Now()
	resp, err := tg.client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	tg.elapsed += time.Since(t0)
	if err != nil {
		b.Fatal(err)
	}
	if resp.StatusCode != want {
		b.Fatalf("%s %s %s: status %d, want %d", tg.name, req.Method, req.URL, resp.StatusCode, want)
	}
}

// newObjectTargets starts s3fake and bare gofakes3, each with the bucket
// benchBucket holding benchKeys objects of benchBodyLen bytes, and a
// keep-alive client for each.
func newObjectTargets(b *testing.B) (*s3fake.Server, []*objectTarget) {
	b.Helper()
	srv := s3fake.Start(b)
	if err := srv.CreateBucket(benchBucket); err != nil {
		b.Fatal(err)
	}
	be := s3mem.New()
	if err := be.CreateBucket(benchBucket); err != nil {
		b.Fatal(err)
	}
	bare := httptest.NewServer(gofakes3.New(be).Server())
	b.Cleanup(bare.Close)
	body := benchBody()
	for i := range benchKeys {
		key := benchKey(i)
		if _, err := srv.PutObject(benchBucket, key, body); err != nil {
			b.Fatal(err)
		}
		if _, err := be.PutObject(benchBucket, key, nil, bytes.NewReader(body), int64(len(body)), nil); err != nil {
			b.Fatal(err)
		}
	}
	client := func() *http.Client {
		tr := &http.Transport{MaxIdleConnsPerHost: 4, DisableCompression: true}
		b.Cleanup(tr.CloseIdleConnections) // no connection outlives the benchmark (goleak)
		return &http.Client{Transport: tr}
	}
	return srv, []*objectTarget{
		{name: "s3fake", url: srv.URL(), client: client()},
		{name: "gofakes3", url: bare.URL, client: client()},
	}
}

func benchBody() []byte { return bytes.Repeat([]byte("0123456789abcdef"), benchBodyLen/16) }

func benchKey(i int) string { return fmt.Sprintf("data/%04d.bin", i) }

// BenchmarkObjectCalls times PutObject, GetObject and HeadObject of 1 KiB
// objects and ListObjectsV2 of a 1,000-key page on s3fake and on bare
// gofakes3, interleaved in one run.
func BenchmarkObjectCalls(b *testing.B) {
	body := benchBody()
	calls := []struct {
		name   string
		method string
		path   string
		body   []byte
		want   int
	}{
		{"PutObject", http.MethodPut, "/" + benchBucket + "/put/object.bin", body, http.StatusOK},
		{"GetObject", http.MethodGet, "/" + benchBucket + "/" + benchKey(7), nil, http.StatusOK},
		{"HeadObject", http.MethodHead, "/" + benchBucket + "/" + benchKey(7), nil, http.StatusOK},
		{"ListObjectsV2", http.MethodGet, "/" + benchBucket + "?list-type=2", nil, http.StatusOK},
	}
	for _, c := range calls {
		b.Run(c.name, func(b *testing.B) {
			srv, targets := newObjectTargets(b)
			// Each target's request is signed once; every call sends a
			// copy with a fresh body, which the server verifies again (the
			// signing time stays within S3's 15 minutes).
			signed := make([]*http.Request, len(targets))
			for i, tg := range targets {
				req, err := http.NewRequest(c.method, tg.url+c.path, nil)
				if err != nil {
					b.Fatal(err)
				}
				if err := srv.SignRequest(req, c.body); err != nil {
					b.Fatal(err)
				}
				signed[i] = req
			}
			send := func(i int) {
				req := signed[i].Clone(context.Background())
				req.Body = http.NoBody
				if c.body != nil {
					req.Body = io.NopCloser(bytes.NewReader(c.body))
				}
				targets[i].do(b, req, c.want)
			}
			// Warm up both: connections, caches.
			for range 20 {
				for i := range targets {
					send(i)
				}
			}
			for _, tg := range targets {
				tg.elapsed = 0
			}
			n := 0
			for b.Loop() {
				for k := range targets {
					send((n + k) % len(targets))
				}
				n++
			}
			reportPair(b, targets[0].elapsed, targets[1].elapsed)
		})
	}
}

// reportPair reports both per-call times and their ratio.
func reportPair(b *testing.B, ours, bare time.Duration) {
	n := float64(b.N)
	b.ReportMetric(float64(ours.Nanoseconds())/n/1e3, "s3fake-µs/call")
	b.ReportMetric(float64(bare.Nanoseconds())/n/1e3, "gofakes3-µs/call")
	b.ReportMetric(float64(ours)/float64(bare), "ratio")
}

// BenchmarkObjectThroughput sends 1 MiB PutObject and GetObject calls
// through the front handler with no network (goal: >= 1 GB/s each; go test
// prints MB/s, and GB/s is reported too). The PUT is signed with its
// payload's SHA-256, which the server checks on every call.
func BenchmarkObjectThroughput(b *testing.B) {
	const size = 1 << 20
	body := bytes.Repeat([]byte("0123456789abcdef"), size/16)
	srv := s3fake.Start(b)
	if err := srv.CreateBucket(benchBucket); err != nil {
		b.Fatal(err)
	}
	if _, err := srv.PutObject(benchBucket, "big.bin", body); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		method string
		body   []byte
	}{
		{"PutObject", http.MethodPut, body},
		{"GetObject", http.MethodGet, nil},
	} {
		b.Run(c.name, func(b *testing.B) {
			target := "/" + benchBucket + "/big.bin"
			signed := httptest.NewRequest(c.method, target, nil)
			signed.Host = "example.com"
			if err := srv.SignRequest(signed, c.body); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			b.ReportAllocs()
			cpu0 := processCPU()
			for b.Loop() {
				w := newDiscardWriter()
				srv.ServeHTTP(w, serverRequest(signed, target, c.body))
				if w.code != http.StatusOK || (c.body == nil && w.n != size) {
					b.Fatalf("status %d, %d bytes", w.code, w.n)
				}
			}
			b.ReportMetric(float64(size)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GB/s")
			// Bytes per second of CPU time, which a busy machine does not
			// lower as it lowers the wall-time figure.
			b.ReportMetric(float64(size)*float64(b.N)/(processCPU()-cpu0).Seconds()/1e9, "cpu-GB/s")
		})
	}
}

// serverRequest is signed as net/http's server would hand it over (built
// without parsing, whose cost is the benchmark's, not the server's), with
// its own header map and body.
func serverRequest(signed *http.Request, target string, body []byte) *http.Request {
	path, query, _ := strings.Cut(target, "?")
	r := &http.Request{
		Method: signed.Method, URL: &url.URL{Path: path, RawQuery: query},
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Host: signed.Host, RequestURI: target,
		Header: signed.Header.Clone(), Body: http.NoBody,
	}
	if body != nil {
		r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
		r.Header.Set("Content-Length", strconv.Itoa(len(body))) // net/http keeps it
	}
	return r
}

// discardWriter is a ResponseWriter that counts the body and drops it, and
// supports deadlines as net/http's own does (the server sets them).
type discardWriter struct {
	h    http.Header
	code int
	n    int
}

func newDiscardWriter() *discardWriter { return &discardWriter{h: make(http.Header, 8)} }

func (w *discardWriter) Header() http.Header { return w.h }

func (w *discardWriter) WriteHeader(code int) {
	if w.code == 0 && code >= 200 {
		w.code = code
	}
}

func (w *discardWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	w.n += len(p)
	return len(p), nil
}

func (w *discardWriter) SetReadDeadline(time.Time) error  { return nil }
func (w *discardWriter) SetWriteDeadline(time.Time) error { return nil }

// BenchmarkObjectHandler serves PutObject, GetObject and HeadObject of a
// 1 KiB object through the front handler with no network, signed and
// verified like BenchmarkPutInventoryHandler: the server's own share of
// BenchmarkObjectCalls. The gofakes3 rows serve the same requests through
// bare gofakes3's handler (over s3mem), for the same share of its side.
func BenchmarkObjectHandler(b *testing.B) {
	body := benchBody()
	for _, c := range []struct {
		name   string
		method string
		body   []byte
	}{
		{"PutObject", http.MethodPut, body},
		{"GetObject", http.MethodGet, nil},
		{"HeadObject", http.MethodHead, nil},
	} {
		for _, server := range []string{"s3fake", "gofakes3"} {
			b.Run(c.name+"/"+server, func(b *testing.B) {
				srv := s3fake.Start(b)
				if err := srv.CreateBucket(benchBucket); err != nil {
					b.Fatal(err)
				}
				if _, err := srv.PutObject(benchBucket, "k", body); err != nil {
					b.Fatal(err)
				}
				var h http.Handler = srv
				if server == "gofakes3" {
					be := s3mem.New()
					if err := be.CreateBucket(benchBucket); err != nil {
						b.Fatal(err)
					}
					if _, err := be.PutObject(benchBucket, "k", nil, bytes.NewReader(body), int64(len(body)), nil); err != nil {
						b.Fatal(err)
					}
					h = gofakes3.New(be).Server()
				}
				target := "/" + benchBucket + "/k"
				signed := httptest.NewRequest(c.method, target, nil)
				signed.Host = "example.com"
				if err := srv.SignRequest(signed, c.body); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				cpu0 := processCPU()
				for b.Loop() {
					w := newDiscardWriter()
					h.ServeHTTP(w, serverRequest(signed, target, c.body))
					if w.code != http.StatusOK && w.code != 0 { // 0: nothing written, net/http sends 200
						b.Fatalf("status %d", w.code)
					}
				}
				b.ReportMetric(float64((processCPU()-cpu0).Nanoseconds())/float64(b.N)/1e3, "cpu-µs/call")
			})
		}
	}
}
