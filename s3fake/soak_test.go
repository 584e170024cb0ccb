package s3fake_test

// Soak test (issue 7, item 4): 64 goroutines share one server for a
// bounded time and a bounded number of operations, mixing the four
// inventory calls and object writes through the SDK with inventory runs
// (srv.RunInventory and srv.Advance). Bucket soak-full starts with 990
// disabled configurations so that the 1,000 limit is reached, and
// soak-open starts empty; both deliver to soak-dst, whose policy lets S3
// write their reports. Invariants, checked during and after:
//
//   - no bucket ever holds more than 1,000 configurations (a monitor
//     samples the store, every LIST page is checked);
//   - every LIST is sorted and duplicate-free across its pages, and holds
//     every configuration the listing goroutine owns;
//   - every goroutine's completed PUTs are visible to its later GETs, and
//     exactly as sent, until its own DELETE (Ids are per goroutine);
//     a PUT refused with TooManyConfigurations leaves the Id absent;
//   - every delivered report's manifest matches its data files (sizes and
//     MD5s through report.ManifestFile.VerifyFile, manifest.checksum
//     through report.VerifyChecksum), all fetched through the SDK;
//   - no response anywhere is a 5xx;
//   - at the end the buckets hold exactly the seeds plus what the
//     goroutines believe they own.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/internal/invstore"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
	"github.com/s3fake/s3fake/s3fake"
)

const (
	soakWorkers     = 64
	soakDuration    = 2 * time.Second // wall-clock bound
	soakMaxOps      = 150             // per-goroutine bound
	soakIDsPerOwner = 6
	soakSeeds       = 990
	soakFull        = "soak-full" // starts with soakSeeds configurations
	soakOpen        = "soak-open" // starts with none
	soakDst         = "soak-dst"
)

var soakSources = []string{soakFull, soakOpen}

// soakRecorder is the SDK client's transport: it records every 5xx.
type soakRecorder struct {
	base     http.RoundTripper
	mu       sync.Mutex
	fivexx   []string
	requests atomic.Int64
}

func (r *soakRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.base.RoundTrip(req)
	r.requests.Add(1)
	if err == nil && resp.StatusCode >= 500 {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		r.mu.Lock()
		r.fivexx = append(r.fivexx, fmt.Sprintf("%s %s: %d %s", req.Method, req.URL, resp.StatusCode, body))
		r.mu.Unlock()
	}
	return resp, err
}

// soakWorld is the shared server and what the goroutines share.
type soakWorld struct {
	srv      *s3fake.Server
	client   *s3.Client
	rec      *soakRecorder
	reportMu sync.Mutex // serialises runs with the reading of their reports (see soakRun)
	tooMany  atomic.Int64
	puts     atomic.Int64
	lists    atomic.Int64
	runs     atomic.Int64
	verified atomic.Int64
	deadline time.Time
}

// soakCode is the S3 error code of err, "" for none.
func soakCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// soakStatus is the HTTP status of err, 0 when it has none.
func soakStatus(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// soakConfig is a random configuration of id to soak-dst.
func soakConfig(r *rand.Rand, id string) inventory.Configuration {
	cfg := fixtures.Minimal(id, soakDst)
	cfg.IsEnabled = r.IntN(6) == 0 // few enabled, so that Advance stays cheap
	if r.IntN(2) == 0 {
		cfg.IncludedObjectVersions = inventory.CurrentVersions
	}
	if r.IntN(4) == 0 {
		cfg.Frequency = inventory.Weekly
	}
	if r.IntN(3) == 0 {
		cfg.Destination.Format = inventory.FormatParquet
	}
	if r.IntN(2) == 0 {
		p := "reports-" + id
		cfg.Destination.Prefix = &p
	}
	if r.IntN(2) == 0 {
		cfg.Filter = &inventory.Filter{Prefix: "obj/"}
	}
	if r.IntN(2) == 0 {
		all := inventory.DialectAWS.OptionalFields()
		for range 1 + r.IntN(5) {
			cfg.OptionalFields = append(cfg.OptionalFields, all[r.IntN(len(all))])
		}
	}
	return cfg
}

// soakGetObject reads bucket/key through the SDK.
func (w *soakWorld) getObject(ctx context.Context, bucket, key string) ([]byte, error) {
	out, err := w.client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return nil, err
	}
	defer out.Body.Close()
	return io.ReadAll(out.Body)
}

// verifyReport reads a delivered run's report back through the SDK and
// checks manifest.checksum and every data file against the manifest.
// The caller holds reportMu.
func (w *soakWorld) verifyReport(t *testing.T, ctx context.Context, run inventory.Run) {
	t.Helper()
	if !assert.True(t, run.Delivered) || !assert.NotEmpty(t, run.Keys) {
		return
	}
	manifest, err := w.getObject(ctx, run.DestinationBucket, run.ManifestKey)
	if !assert.NoError(t, err, "manifest %s", run.ManifestKey) {
		return
	}
	checksumKey := strings.TrimSuffix(run.ManifestKey, "manifest.json") + "manifest.checksum"
	assert.Equal(t, checksumKey, run.Keys[len(run.Keys)-1], "manifest.checksum is written last")
	checksum, err := w.getObject(ctx, run.DestinationBucket, checksumKey)
	if assert.NoError(t, err, "checksum %s", checksumKey) {
		assert.NoError(t, report.VerifyChecksum(manifest, checksum), run.ManifestKey)
	}
	m, err := report.ParseManifest(bytes.NewReader(manifest))
	if !assert.NoError(t, err, "%s", manifest) {
		return
	}
	assert.Equal(t, run.Bucket, m.SourceBucket)
	assert.NotEmpty(t, m.Files)
	for _, f := range m.Files {
		assert.Contains(t, run.Keys, f.Key, "a data file of the manifest was written by the run")
		data, err := w.getObject(ctx, run.DestinationBucket, f.Key)
		if assert.NoError(t, err, "data file %s", f.Key) {
			assert.NoError(t, f.VerifyFile(data))
		}
	}
	w.verified.Add(1)
}

// soakRun runs an inventory (RunInventory of id, or Advance when id is "")
// and verifies what it delivered. Runs and the reading of their reports
// hold reportMu together: two runs of one configuration at the same clock
// time write the same manifest key, and a report read while a later run
// rewrites its manifest would mix two runs. Everything else stays
// concurrent with runs.
func (w *soakWorld) soakRun(t *testing.T, ctx context.Context, r *rand.Rand, bucket, id string) {
	w.reportMu.Lock()
	defer w.reportMu.Unlock()
	if id == "" {
		runs := w.srv.Advance(6 * time.Hour)
		w.runs.Add(int64(len(runs)))
		// Verify a sample: every run would make Advance dominate the soak.
		r.Shuffle(len(runs), func(i, j int) { runs[i], runs[j] = runs[j], runs[i] })
		checked := 0
		for _, run := range runs {
			if run.Delivered && checked < 3 {
				w.verifyReport(t, ctx, run)
				checked++
			}
		}
		return
	}
	run, err := w.srv.RunInventory(bucket, id)
	if err != nil {
		return // the configuration is gone (the owner deleted it)
	}
	w.runs.Add(1)
	if run.Delivered {
		w.verifyReport(t, ctx, run)
	} else {
		assert.NotEmpty(t, run.Reason)
	}
}

// listAll lists every page of bucket and checks the listing invariants. It
// returns the Ids listed.
func (w *soakWorld) listAll(t *testing.T, ctx context.Context, bucket string) []string {
	t.Helper()
	var all []string
	var token *string
	for page := 0; ; page++ {
		out, err := w.client.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{
			Bucket: aws.String(bucket), ContinuationToken: token,
		})
		if !assert.NoError(t, err, "LIST %s page %d", bucket, page) {
			return all
		}
		got := ids(out.InventoryConfigurationList)
		assert.LessOrEqual(t, len(got), invstore.PageSize, "page size")
		for i, id := range got {
			if i > 0 {
				assert.Less(t, got[i-1], id, "LIST page %d of %s not sorted or has a duplicate", page, bucket)
			} else if len(all) > 0 {
				assert.Less(t, all[len(all)-1], id, "LIST pages %d and %d of %s overlap or go backwards", page-1, page, bucket)
			}
		}
		all = append(all, got...)
		if !aws.ToBool(out.IsTruncated) {
			return all
		}
		if !assert.NotNil(t, out.NextContinuationToken) || !assert.Less(t, page, 2*invstore.MaxConfigurations/invstore.PageSize) {
			return all
		}
		token = out.NextContinuationToken
	}
}

// worker is one goroutine: it owns the Ids gNN-0 ... in both sources and
// keeps a model of them.
func (w *soakWorld) worker(t *testing.T, n int) map[string]map[string]inventory.Configuration {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	ctx := context.Background()
	model := map[string]map[string]inventory.Configuration{soakFull: {}, soakOpen: {}}
	owned := func(bucket string) []string {
		var out []string
		for id := range model[bucket] {
			out = append(out, id)
		}
		sort.Strings(out)
		return out
	}
	check := func(bucket, id string, when string) {
		got, err := w.client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
			Bucket: aws.String(bucket), Id: aws.String(id),
		})
		want, ok := model[bucket][id]
		if !ok {
			assert.Equal(t, "NoSuchConfiguration", soakCode(err), "worker %d: GET %s/%s %s: want NoSuchConfiguration", n, bucket, id, when)
			return
		}
		if assert.NoError(t, err, "worker %d: GET %s/%s %s: a completed PUT is not visible", n, bucket, id, when) {
			assert.Equal(t, sdkConfig(want), got.InventoryConfiguration, "worker %d: GET %s/%s %s", n, bucket, id, when)
		}
	}
	for op := 0; op < soakMaxOps && time.Now().Before(w.deadline); op++ {
		bucket := soakSources[r.IntN(len(soakSources))]
		id := fmt.Sprintf("g%02d-%d", n, r.IntN(soakIDsPerOwner))
		k := r.IntN(100)
		// However few operations a loaded machine lets each goroutine do,
		// the first ones make the interesting cases happen: 64 PUTs of new
		// Ids race for soak-full's last ten places, some goroutines run an
		// enabled seed (which delivers), goroutine 0 advances the clock.
		switch {
		case op == 0:
			bucket, k = soakFull, 0
		case op == 1 && n%4 == 0:
			w.soakRun(t, ctx, r, soakFull, fmt.Sprintf("seed-%04d", 100*r.IntN(soakSeeds/100)))
			continue
		case op == 2 && n == 0:
			w.soakRun(t, ctx, r, "", "")
			continue
		}
		switch {
		case k < 30: // PUT (new or replacing), then GET it back
			cfg := soakConfig(r, id)
			_, err := w.client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
				Bucket: aws.String(bucket), Id: aws.String(id), InventoryConfiguration: sdkConfig(cfg),
			})
			w.puts.Add(1)
			_, existed := model[bucket][id]
			switch {
			case err == nil:
				model[bucket][id] = cfg
			case soakCode(err) == "TooManyConfigurations":
				w.tooMany.Add(1)
				assert.False(t, existed, "worker %d: replacing %s/%s counted against the limit", n, bucket, id)
				assert.Equal(t, http.StatusBadRequest, soakStatus(err))
			default:
				assert.NoError(t, err, "worker %d: PUT %s/%s", n, bucket, id)
			}
			check(bucket, id, "after PUT")
		case k < 45: // GET
			check(bucket, id, "")
		case k < 55: // DELETE, then GET
			_, err := w.client.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{
				Bucket: aws.String(bucket), Id: aws.String(id),
			})
			if _, ok := model[bucket][id]; ok {
				assert.NoError(t, err, "worker %d: DELETE %s/%s", n, bucket, id)
				delete(model[bucket], id)
			} else {
				assert.Equal(t, "NoSuchConfiguration", soakCode(err), "worker %d: DELETE %s/%s never put", n, bucket, id)
			}
			check(bucket, id, "after DELETE")
		case k < 65: // LIST every page
			w.lists.Add(1)
			mine := owned(bucket)
			listed := w.listAll(t, ctx, bucket)
			assert.LessOrEqual(t, len(listed), 2*invstore.MaxConfigurations)
			set := map[string]bool{}
			for _, id := range listed {
				set[id] = true
			}
			for _, id := range mine {
				assert.True(t, set[id], "worker %d: LIST of %s lacks its own %s", n, bucket, id)
			}
		case k < 80: // object writes in the sources
			key := fmt.Sprintf("obj/g%02d/%d", n, r.IntN(8))
			if r.IntN(3) == 0 {
				_, err := w.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
				assert.NoError(t, err, "DeleteObject %s/%s", bucket, key)
			} else {
				body := bytes.Repeat([]byte{byte('a' + n%26)}, 1+r.IntN(2048))
				_, err := w.client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body)})
				assert.NoError(t, err, "PutObject %s/%s", bucket, key)
			}
		case k < 93: // run one of its own configurations, or a seed
			if ids := owned(bucket); len(ids) > 0 && r.IntN(3) > 0 {
				w.soakRun(t, ctx, r, bucket, ids[r.IntN(len(ids))])
			} else {
				w.soakRun(t, ctx, r, soakFull, fmt.Sprintf("seed-%04d", r.IntN(soakSeeds)))
			}
		default: // let the clock run: scheduled runs of every enabled configuration
			if n%8 == 0 {
				w.soakRun(t, ctx, r, "", "")
			} else {
				check(bucket, id, "")
			}
		}
	}
	return model
}

func TestSoak(t *testing.T) {
	start := time.Now()
	srv := s3fake.Start(t)
	for _, b := range soakSources {
		srv.CreateBucket(b)
		for i := range 40 {
			srv.PutObject(b, fmt.Sprintf("seeded/%02d", i), []byte(strings.Repeat("s", i)))
			srv.PutObject(b, fmt.Sprintf("obj/seeded-%02d", i), []byte("x"))
		}
	}
	srv.CreateBucket(soakDst)
	srv.PutBucketPolicy(soakDst, fixtures.Combine(
		fixtures.DeliveryPolicy(soakDst, soakFull, s3fake.DefaultAccountID),
		fixtures.DeliveryPolicy(soakDst, soakOpen, s3fake.DefaultAccountID)))
	seeds := map[string]bool{}
	for i := range soakSeeds {
		cfg := fixtures.Minimal(fmt.Sprintf("seed-%04d", i), soakDst)
		cfg.IsEnabled = i%100 == 0 // ten of them deliver when run
		srv.PutInventoryConfiguration(soakFull, cfg)
		seeds[cfg.ID] = true
	}

	transport := srv.HTTPClient().Transport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = soakWorkers
	t.Cleanup(transport.CloseIdleConnections)
	rec := &soakRecorder{base: transport}
	w := &soakWorld{
		srv: srv, rec: rec, deadline: time.Now().Add(soakDuration),
		client: srv.Client(func(o *s3.Options) {
			o.HTTPClient = &http.Client{Transport: rec, Timeout: 30 * time.Second}
			o.Retryer = aws.NopRetryer{}
		}),
	}

	// The monitor samples the store: never more than 1,000 per bucket.
	stop := make(chan struct{})
	var monitor sync.WaitGroup
	var samples, maxSeen atomic.Int64
	monitor.Go(func() {
		for {
			for _, b := range soakSources {
				n := len(srv.InventoryConfigurations(b))
				samples.Add(1)
				if int64(n) > maxSeen.Load() {
					maxSeen.Store(int64(n))
				}
				assert.LessOrEqual(t, n, invstore.MaxConfigurations, "bucket %s holds too many configurations", b)
			}
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	})

	models := make([]map[string]map[string]inventory.Configuration, soakWorkers)
	var wg sync.WaitGroup
	for n := range soakWorkers {
		wg.Go(func() { models[n] = w.worker(t, n) })
	}
	wg.Wait()
	close(stop)
	monitor.Wait()
	soakTime := time.Since(start)

	// After: every bucket holds exactly the seeds and what the workers own,
	// each exactly as its owner last put it.
	ctx := context.Background()
	for _, b := range soakSources {
		want := map[string]inventory.Configuration{}
		for _, m := range models {
			for id, cfg := range m[b] {
				want[id] = cfg
			}
		}
		stored := srv.InventoryConfigurations(b)
		assert.LessOrEqual(t, len(stored), invstore.MaxConfigurations)
		for _, cfg := range stored {
			if b == soakFull && seeds[cfg.ID] {
				continue
			}
			if assert.Contains(t, want, cfg.ID, "bucket %s holds %s, which no worker owns", b, cfg.ID) {
				assert.Equal(t, want[cfg.ID], cfg)
			}
			delete(want, cfg.ID)
		}
		assert.Empty(t, want, "configurations the workers own are missing from %s", b)
		listed := w.listAll(t, ctx, b)
		assert.Equal(t, storedIDs(stored), listed, "a quiet LIST of %s", b)
	}
	assert.Positive(t, w.tooMany.Load(), "TooManyConfigurations never happened")

	// Every delivered report of a configuration that still exists, once per
	// manifest key (a later run at the same time rewrites the manifest), in
	// a bounded sample.
	w.reportMu.Lock()
	var delivered []inventory.Run
	seen := map[string]bool{}
	for _, b := range soakSources {
		for _, cfg := range srv.InventoryConfigurations(b) {
			for _, run := range srv.Runs(b, cfg.ID) {
				if run.Delivered && !seen[run.ManifestKey] {
					seen[run.ManifestKey] = true
					delivered = append(delivered, run)
				}
			}
		}
	}
	for i, run := range delivered {
		if i >= 40 {
			break
		}
		// The manifest at this key is the last run's that wrote it: find it.
		last := run
		for _, other := range srv.Runs(run.Bucket, run.ConfigID) {
			if other.Delivered && other.ManifestKey == run.ManifestKey {
				last = other
			}
		}
		w.verifyReport(t, ctx, last)
	}
	w.reportMu.Unlock()

	rec.mu.Lock()
	assert.Empty(t, rec.fivexx, "5xx responses")
	rec.mu.Unlock()
	t.Logf("%d goroutines, %v of load (%v in all): %d requests, %d PUTs (%d TooManyConfigurations), %d full LISTs, %d runs, %d reports verified, %d store samples (max %d configurations)",
		soakWorkers, soakTime.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), rec.requests.Load(), w.puts.Load(), w.tooMany.Load(),
		w.lists.Load(), w.runs.Load(), w.verified.Load(), samples.Load(), maxSeen.Load())
}
