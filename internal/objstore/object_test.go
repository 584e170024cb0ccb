package objstore

import (
	"crypto/md5"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPutGetHead(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	meta := map[string]string{"X-Amz-Meta-A": "1", "Content-Type": "text/plain"}
	res, err := s.PutObject("b", "dir/key", meta, strings.NewReader("hello world"), 11, nil)
	require.NoError(t, err)
	assert.Empty(t, res.VersionID)

	sum := md5.Sum([]byte("hello world"))
	obj, err := s.GetObject("b", "dir/key", nil)
	require.NoError(t, err)
	assert.Equal(t, "dir/key", obj.Name)
	assert.Equal(t, int64(11), obj.Size)
	assert.Equal(t, sum[:], obj.Hash)
	assert.Nil(t, obj.Range)
	assert.Empty(t, obj.VersionID)
	assert.False(t, obj.IsDeleteMarker)
	assert.Equal(t, meta, obj.Metadata)
	assert.Equal(t, "hello world", readBody(t, obj))

	head, err := s.HeadObject("b", "dir/key")
	require.NoError(t, err)
	assert.Equal(t, int64(11), head.Size)
	assert.Equal(t, sum[:], head.Hash)
	assert.Equal(t, meta, head.Metadata)
	assert.Empty(t, readBody(t, head), "HEAD has no body")

	s.mu.RLock()
	v := s.buckets["b"].objects["dir/key"].current()
	s.mu.RUnlock()
	assert.Equal(t, gofakes3.FormatETag(sum[:]), v.etag)
	assert.True(t, v.lastModified.Equal(clk.Now()))
	assert.Equal(t, "owner-default", v.owner)
}

func TestMetadataIsCopied(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	meta := map[string]string{"X-Amz-Meta-A": "1"}
	mustPut(t, s, "b", "k", "x", meta)

	meta["X-Amz-Meta-A"] = "changed by caller"
	obj, err := s.GetObject("b", "k", nil)
	require.NoError(t, err)
	readBody(t, obj)
	assert.Equal(t, "1", obj.Metadata["X-Amz-Meta-A"])

	obj.Metadata["X-Amz-Meta-A"] = "changed by reader"
	obj.Hash[0] ^= 0xff
	head, err := s.HeadObject("b", "k")
	require.NoError(t, err)
	assert.Equal(t, "1", head.Metadata["X-Amz-Meta-A"])
	sum := md5.Sum([]byte("x"))
	assert.Equal(t, sum[:], head.Hash)
}

func TestOverwriteDropsOldMetadata(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	mustPut(t, s, "b", "k", "old", map[string]string{"X-Amz-Meta-Old": "1", "X-Amz-Meta-Both": "a"})
	clk.Advance(time.Minute)
	mustPut(t, s, "b", "k", "new!", map[string]string{"X-Amz-Meta-Both": "b"})

	obj, err := s.GetObject("b", "k", nil)
	require.NoError(t, err)
	assert.Equal(t, "new!", readBody(t, obj))
	assert.Equal(t, map[string]string{"X-Amz-Meta-Both": "b"}, obj.Metadata)

	s.mu.RLock()
	o := s.buckets["b"].objects["k"]
	keys := append([]string(nil), s.buckets["b"].keys.keys...)
	s.mu.RUnlock()
	require.Len(t, o.versions, 1, "unversioned store keeps one version")
	assert.True(t, o.current().lastModified.Equal(clk.Now()))
	assert.Equal(t, []string{"k"}, keys, "an overwrite must not duplicate the key")

	// nil metadata on overwrite leaves no metadata at all.
	mustPut(t, s, "b", "k", "x", nil)
	head, err := s.HeadObject("b", "k")
	require.NoError(t, err)
	assert.Empty(t, head.Metadata)
}

func TestObjectOwnerIsBucketOwner(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucketOwned("b", "acct-9"))
	mustPut(t, s, "b", "k", "x", nil)
	s.mu.RLock()
	defer s.mu.RUnlock()
	assert.Equal(t, "acct-9", s.buckets["b"].objects["k"].current().owner)
}

func TestGetObjectRanges(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	mustPut(t, s, "b", "k", "0123456789", nil)

	cases := []struct {
		name  string
		rng   gofakes3.ObjectRangeRequest
		want  string
		start int64
	}{
		{"closed", gofakes3.ObjectRangeRequest{Start: 2, End: 4}, "234", 2},
		{"open end", gofakes3.ObjectRangeRequest{Start: 7, End: gofakes3.RangeNoEnd}, "789", 7},
		{"suffix", gofakes3.ObjectRangeRequest{FromEnd: true, End: 3}, "789", 7},
		{"past end is clamped", gofakes3.ObjectRangeRequest{Start: 8, End: 100}, "89", 8},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rng := tc.rng
			obj, err := s.GetObject("b", "k", &rng)
			require.NoError(t, err)
			assert.Equal(t, tc.want, readBody(t, obj))
			assert.Equal(t, int64(10), obj.Size, "Size is the full object size")
			require.NotNil(t, obj.Range)
			assert.Equal(t, tc.start, obj.Range.Start)
			assert.Equal(t, int64(len(tc.want)), obj.Range.Length)
		})
	}

	_, err := s.GetObject("b", "k", &gofakes3.ObjectRangeRequest{Start: 10, End: 12})
	requireCode(t, err, gofakes3.ErrInvalidRange)
}

func TestMissingBucketAndKey(t *testing.T) {
	s, _ := newTestStore(t)
	_, err := s.GetObject("nob", "k", nil)
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	_, err = s.HeadObject("nob", "k")
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	_, err = s.PutObject("nob", "k", nil, strings.NewReader("x"), 1, nil)
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	_, err = s.DeleteObject("nob", "k")
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	_, err = s.DeleteMulti("nob", "k")
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	_, err = s.ListBucket("nob", nil, gofakes3.ListBucketPage{})
	requireCode(t, err, gofakes3.ErrNoSuchBucket)

	require.NoError(t, s.CreateBucket("b"))
	_, err = s.GetObject("b", "k", nil)
	requireCode(t, err, gofakes3.ErrNoSuchKey)
	_, err = s.HeadObject("b", "k")
	requireCode(t, err, gofakes3.ErrNoSuchKey)
	var resErr interface{ ErrorCode() gofakes3.ErrorCode }
	require.True(t, errors.As(err, &resErr))
	assert.Equal(t, gofakes3.ErrNoSuchKey, resErr.ErrorCode())
}

func TestPutObjectIncompleteBody(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	_, err := s.PutObject("b", "k", nil, strings.NewReader("short"), 10, nil)
	requireCode(t, err, gofakes3.ErrIncompleteBody)
	_, err = s.HeadObject("b", "k")
	requireCode(t, err, gofakes3.ErrNoSuchKey)
}

func TestPutObjectConditions(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	star := "*"
	put := func(body string, cond *gofakes3.PutConditions) error {
		_, err := s.PutObject("b", "k", nil, strings.NewReader(body), int64(len(body)), cond)
		return err
	}

	ifMatch := `"` + strings.Repeat("0", 32) + `"`
	requireCode(t, put("a", &gofakes3.PutConditions{IfMatch: &ifMatch}), gofakes3.ErrPreconditionFailed)
	require.NoError(t, put("first", &gofakes3.PutConditions{IfNoneMatch: &star}))
	requireCode(t, put("second", &gofakes3.PutConditions{IfNoneMatch: &star}), gofakes3.ErrPreconditionFailed)
	requireCode(t, put("second", &gofakes3.PutConditions{IfMatch: &ifMatch}), gofakes3.ErrPreconditionFailed)

	sum := md5.Sum([]byte("first"))
	etag := gofakes3.FormatETag(sum[:])
	require.NoError(t, put("third", &gofakes3.PutConditions{IfMatch: &etag}))

	obj, err := s.GetObject("b", "k", nil)
	require.NoError(t, err)
	assert.Equal(t, "third", readBody(t, obj))
}

func TestDeleteObjectAndMulti(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.CreateBucket("b"))
	for _, k := range []string{"a", "b", "c", "d"} {
		mustPut(t, s, "b", k, k, nil)
	}

	res, err := s.DeleteObject("b", "a")
	require.NoError(t, err)
	assert.Equal(t, gofakes3.ObjectDeleteResult{}, res)
	_, err = s.DeleteObject("b", "a")
	require.NoError(t, err, "deleting a missing key is not an error")
	_, err = s.HeadObject("b", "a")
	requireCode(t, err, gofakes3.ErrNoSuchKey)

	multi, err := s.DeleteMulti("b", "b", "missing", "d")
	require.NoError(t, err)
	assert.Empty(t, multi.Error)
	assert.Equal(t, []gofakes3.ObjectID{{Key: "b"}, {Key: "missing"}, {Key: "d"}}, multi.Deleted)

	list, err := s.ListBucket("b", nil, gofakes3.ListBucketPage{})
	require.NoError(t, err)
	require.Len(t, list.Contents, 1)
	assert.Equal(t, "c", list.Contents[0].Key)
	s.mu.RLock()
	assert.Equal(t, []string{"c"}, s.buckets["b"].keys.keys)
	s.mu.RUnlock()
}

func TestCopyObject(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.CreateBucket("src"))
	require.NoError(t, s.CreateBucketOwned("dst", "acct-dst"))
	mustPut(t, s, "src", "k", "payload", map[string]string{"X-Amz-Meta-Src": "1"})
	clk.Advance(time.Hour)

	_, err := s.CopyObject("src", "missing", "dst", "k", nil)
	requireCode(t, err, gofakes3.ErrNoSuchKey)
	_, err = s.CopyObject("nob", "k", "dst", "k", nil)
	requireCode(t, err, gofakes3.ErrNoSuchBucket)
	_, err = s.CopyObject("src", "k", "nob", "k", nil)
	requireCode(t, err, gofakes3.ErrNoSuchBucket)

	meta := map[string]string{"X-Amz-Meta-New": "2"}
	res, err := s.CopyObject("src", "k", "dst", "copy", meta)
	require.NoError(t, err)
	sum := md5.Sum([]byte("payload"))
	assert.Equal(t, gofakes3.FormatETag(sum[:]), res.ETag)
	assert.True(t, res.LastModified.Equal(clk.Now()))

	meta["X-Amz-Meta-New"] = "mutated"
	obj, err := s.GetObject("dst", "copy", nil)
	require.NoError(t, err)
	assert.Equal(t, "payload", readBody(t, obj))
	assert.Equal(t, map[string]string{"X-Amz-Meta-New": "2"}, obj.Metadata)

	s.mu.RLock()
	assert.Equal(t, "acct-dst", s.buckets["dst"].objects["copy"].current().owner)
	s.mu.RUnlock()

	// Copying onto itself replaces the metadata only.
	_, err = s.CopyObject("src", "k", "src", "k", map[string]string{"X-Amz-Meta-Self": "3"})
	require.NoError(t, err)
	obj, err = s.GetObject("src", "k", nil)
	require.NoError(t, err)
	assert.Equal(t, "payload", readBody(t, obj))
	assert.Equal(t, map[string]string{"X-Amz-Meta-Self": "3"}, obj.Metadata)
}
