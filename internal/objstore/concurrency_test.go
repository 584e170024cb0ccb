package objstore

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentAccess exercises every kind of operation in parallel; run it
// with -race.
func TestConcurrentAccess(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))

	const workers, rounds = 8, 50
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				key := fmt.Sprintf("w%d/k%d", w, i%5)
				body := strings.Repeat("x", i)
				_, err := s.PutObject("b", key, map[string]string{"X-Amz-Meta-I": fmt.Sprint(i)}, strings.NewReader(body), int64(len(body)), nil)
				assert.NoError(t, err)
				obj, err := s.GetObject("b", key, nil)
				if assert.NoError(t, err) {
					obj.Metadata["X-Amz-Meta-I"] = "mutated"
					assert.NoError(t, obj.Contents.Close())
				}
				_, err = s.ListBucket("b", ptr(gofakes3.NewFolderPrefix(fmt.Sprintf("w%d/", w))), gofakes3.ListBucketPage{MaxKeys: 2})
				assert.NoError(t, err)
				_, err = s.CopyObject("b", key, "b", key+"-copy", map[string]string{})
				assert.NoError(t, err)
				if i%7 == 0 {
					_, err = s.DeleteMulti("b", key, key+"-copy")
					assert.NoError(t, err)
				}
				_, _ = s.ListBuckets()
				_ = s.BucketCount()
			}
		}()
	}
	wg.Wait()

	l, err := s.ListBucket("b", nil, gofakes3.ListBucketPage{})
	require.NoError(t, err)
	s.mu.RLock()
	defer s.mu.RUnlock()
	b := s.buckets["b"]
	assert.Len(t, l.Contents, len(b.objects))
	assert.Equal(t, len(b.objects), b.keys.len(), "key index and object map agree")
	for _, c := range l.Contents {
		assert.Contains(t, b.objects, c.Key)
	}
}
