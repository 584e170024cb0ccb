package main

// kill -9 tests of -data-dir: a write-heavy client over loopback, the
// binary killed with SIGKILL at a random moment, restarted on the same
// directory. Every write the client saw acknowledged must be there, and
// every object must hold a body some request sent, whole.

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/require"
)

// ledger is what the client knows of the writes it made.
type ledger struct {
	mu sync.Mutex
	// sent numbers, per bucket/key, the bodies (their MD5, the ETag) its
	// writes carried, in the order sent (one writer writes a key); acked
	// holds the acknowledged ones, and last the number of the last of
	// them.
	sent    map[string]map[string]int
	acked   map[string]map[string]bool
	last    map[string]int
	buckets map[string]bool // acknowledged CreateBucket
	configs map[string]bool // acknowledged PutBucketInventoryConfiguration, by id
}

// killRounds and killMaxWrites bound the test: rounds of at most this
// many writes each, killed at a random moment.
const (
	killRounds    = 4
	killMaxWrites = 300
	killWriters   = 4
)

func TestKillDashNineLosesNoAcknowledgedWrite(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 15))
	dir := t.TempDir()
	l := &ledger{sent: map[string]map[string]int{}, acked: map[string]map[string]bool{}, last: map[string]int{},
		buckets: map[string]bool{}, configs: map[string]bool{}}
	for round := range killRounds {
		p, url := startServer(t, nil, "-data-dir", dir)
		c := sdkClient(url)
		l.check(t, c)
		bucket := fmt.Sprintf("round-%d", round)
		_, err := c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(bucket)})
		require.NoError(t, err)
		l.buckets[bucket] = true
		_, err = c.PutBucketVersioning(context.Background(), &s3.PutBucketVersioningInput{Bucket: aws.String(bucket),
			VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
		require.NoError(t, err)

		var wg sync.WaitGroup
		stop := make(chan struct{})
		budget := make(chan struct{}, killMaxWrites)
		for range killMaxWrites {
			budget <- struct{}{}
		}
		for w := range killWriters {
			wg.Add(1)
			wseed := rng.Uint64()
			go func() {
				defer wg.Done()
				l.write(c, round, w, wseed, budget, stop)
			}()
		}
		time.Sleep(time.Duration(20+rng.IntN(300)) * time.Millisecond)
		require.NoError(t, p.cmd.Process.Kill()) // SIGKILL
		p.wait(t)
		close(stop)
		wg.Wait()
		t.Logf("round %d: %d keys written so far", round, len(l.sent))
	}
	_, url := startServer(t, nil, "-data-dir", dir)
	l.check(t, sdkClient(url))
}

// write makes writes until the budget or the server runs out: new keys,
// overwrites of a hot key, one-part multipart uploads, and now and then an
// inventory configuration.
func (l *ledger) write(c *s3.Client, round, w int, seed uint64, budget, stop chan struct{}) {
	rng := rand.New(rand.NewPCG(seed, uint64(w)))
	bucket := fmt.Sprintf("round-%d", round)
	for n := 0; ; n++ {
		select {
		case <-stop:
			return
		case <-budget:
		default:
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		var err error
		if n%25 == 24 {
			id := fmt.Sprintf("r%d-w%d-%d", round, w, n)
			_, err = c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
				Bucket: aws.String(bucket), Id: aws.String(id), InventoryConfiguration: inventoryConfig(id)})
			if err == nil {
				l.mu.Lock()
				l.configs[bucket+"/"+id] = true
				l.mu.Unlock()
			}
		} else {
			key := fmt.Sprintf("w%d/%d", w, n)
			if n%3 == 0 {
				key = fmt.Sprintf("hot-%d", w) // overwritten: a new version each time
			}
			body := make([]byte, 1+rng.IntN(64<<10))
			for i := range body {
				body[i] = byte(rng.Uint32())
			}
			sum := md5.Sum(body)
			etag := hex.EncodeToString(sum[:])
			multipart := n%7 == 5
			if multipart {
				// One part, completed: the ETag is the MD5 of the part's MD5, -1.
				key = fmt.Sprintf("w%d/mp-%d", w, n)
				whole := md5.Sum(sum[:])
				etag = hex.EncodeToString(whole[:]) + "-1"
			}
			full := bucket + "/" + key
			l.mu.Lock()
			if l.sent[full] == nil {
				l.sent[full], l.acked[full] = map[string]int{}, map[string]bool{}
			}
			nth := len(l.sent[full]) + 1
			l.sent[full][etag] = nth
			l.mu.Unlock()
			if multipart {
				err = uploadOnePart(ctx, c, bucket, key, body)
			} else {
				_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body)})
			}
			if err == nil {
				l.mu.Lock()
				l.acked[full][etag] = true
				l.last[full] = nth
				l.mu.Unlock()
			}
		}
		cancel()
		if err != nil {
			return // the server is gone
		}
	}
}

// uploadOnePart writes key with a multipart upload of one part.
func uploadOnePart(ctx context.Context, c *s3.Client, bucket, key string, body []byte) error {
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return err
	}
	part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(bucket), Key: aws.String(key), UploadId: up.UploadId,
		PartNumber: aws.Int32(1), Body: bytes.NewReader(body)})
	if err != nil {
		return err
	}
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String(key),
		UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{
			{PartNumber: aws.Int32(1), ETag: part.ETag}}}})
	return err
}

// inventoryConfig is a small daily CSV configuration delivering to the
// bucket itself.
func inventoryConfig(id string) *types.InventoryConfiguration {
	return &types.InventoryConfiguration{
		Id: aws.String(id), IsEnabled: aws.Bool(true), IncludedObjectVersions: types.InventoryIncludedObjectVersionsCurrent,
		Schedule: &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
		Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
			Bucket: aws.String("arn:aws:s3:::inventory-reports"), Format: types.InventoryFormatCsv}},
	}
}

// check reads everything back: every acknowledged bucket, configuration
// and write (each a version: the buckets are versioned) is there; every
// version holds a body some write of its key sent; the current one is
// the last acknowledged write or a later one, and reads back whole.
func (l *ledger) check(t *testing.T, c *s3.Client) {
	t.Helper()
	ctx := context.Background()
	l.mu.Lock()
	defer l.mu.Unlock()
	for bucket := range l.buckets {
		_, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
		require.NoError(t, err, "acknowledged bucket %s", bucket)
		versions := map[string]map[string]bool{} // bucket/key -> ETags
		current := map[string]string{}
		pages := s3.NewListObjectVersionsPaginator(c, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket)})
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			require.NoError(t, err)
			require.Empty(t, page.DeleteMarkers)
			for _, v := range page.Versions {
				full := bucket + "/" + aws.ToString(v.Key)
				etag := strings.Trim(aws.ToString(v.ETag), `"`)
				_, known := l.sent[full][etag]
				require.True(t, known, "%s has a version (ETag %s) no write sent", full, etag)
				if versions[full] == nil {
					versions[full] = map[string]bool{}
				}
				versions[full][etag] = true
				if aws.ToBool(v.IsLatest) {
					current[full] = etag
				}
			}
		}
		for full, acked := range l.acked {
			if !strings.HasPrefix(full, bucket+"/") {
				continue
			}
			for etag := range acked {
				require.True(t, versions[full][etag], "acknowledged write %s of %s is missing", etag, full)
			}
			if len(acked) > 0 {
				require.GreaterOrEqual(t, l.sent[full][current[full]], l.last[full],
					"%s's current version is older than its last acknowledged write", full)
			}
		}
		for full, etag := range current {
			key := strings.TrimPrefix(full, bucket+"/")
			out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
			require.NoError(t, err, full)
			body, err := io.ReadAll(out.Body)
			out.Body.Close()
			require.NoError(t, err)
			sum := md5.Sum(body)
			got := hex.EncodeToString(sum[:])
			if strings.HasSuffix(etag, "-1") { // one part
				whole := md5.Sum(sum[:])
				got = hex.EncodeToString(whole[:]) + "-1"
			}
			require.Equal(t, etag, got, "%s does not read back whole", full)
		}
		inv, err := c.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String(bucket)})
		require.NoError(t, err)
		have := map[string]bool{}
		for _, cfg := range inv.InventoryConfigurationList {
			have[bucket+"/"+aws.ToString(cfg.Id)] = true
		}
		for id := range l.configs {
			if strings.HasPrefix(id, bucket+"/") {
				require.True(t, have[id], "acknowledged configuration %s is missing", id)
			}
		}
	}
}
