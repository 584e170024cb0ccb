package s3fake_test

// ListObjectVersions: the scenarios of internal/objstore/wire_versions_test.go
// through the whole server, and S3's checks of its parameters.

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// versionsWorld is a server with bucket "bkt" in the given versioning
// state, and a client whose last response can be read.
type versionsWorld struct {
	srv *s3fake.Server
	c   *s3.Client
	tap *wireTap
}

func newVersionsWorld(t *testing.T, status types.BucketVersioningStatus) *versionsWorld {
	t.Helper()
	srv := s3fake.Start(t)
	c, tap := tappedClient(srv, srv.DefaultAccount())
	_, err := c.CreateBucket(listCtx, &s3.CreateBucketInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	w := &versionsWorld{srv: srv, c: c, tap: tap}
	if status != "" {
		w.versioning(t, status)
	}
	return w
}

func (w *versionsWorld) tick() { w.srv.SetTime(w.srv.Now().Add(time.Second)) }

func (w *versionsWorld) versioning(t *testing.T, status types.BucketVersioningStatus) {
	t.Helper()
	_, err := w.c.PutBucketVersioning(listCtx, &s3.PutBucketVersioningInput{Bucket: aws.String("bkt"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: status}})
	require.NoError(t, err)
}

func (w *versionsWorld) put(t *testing.T, key, body string) string {
	t.Helper()
	return aws.ToString(listPut(t, w.c, "bkt", key, body).VersionId)
}

func (w *versionsWorld) del(t *testing.T, key, id string) *s3.DeleteObjectOutput {
	t.Helper()
	in := &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key)}
	if id != "" {
		in.VersionId = aws.String(id)
	}
	out, err := w.c.DeleteObject(listCtx, in)
	require.NoError(t, err)
	return out
}

// all pages through every version with the SDK paginator, size at a time,
// and returns the entries in the order sent and the number of pages.
func (w *versionsWorld) all(t *testing.T, size int32, edit ...func(*s3.ListObjectVersionsInput)) ([]fidRow, int) {
	t.Helper()
	in := &s3.ListObjectVersionsInput{Bucket: aws.String("bkt"), MaxKeys: aws.Int32(size)}
	for _, e := range edit {
		e(in)
	}
	var rows []fidRow
	pages := 0
	for p := s3.NewListObjectVersionsPaginator(w.c, in); p.HasMorePages(); pages++ {
		require.Less(t, pages, 100, "ListObjectVersions paging does not end (P4)")
		_, err := p.NextPage(listCtx)
		require.NoError(t, err)
		rows = append(rows, parseVersionRows(t, w.tap.response(t).body)...)
	}
	return shortRows(rows), pages
}

// Ported from TestWireListObjectVersionsPaginator: more versions than fit
// on a page, with and without a delimiter; the paginator ends and sees
// every version once, in S3's order (P4).
func TestListVersionsPaginator(t *testing.T) {
	w := newVersionsWorld(t, types.BucketVersioningStatusEnabled)
	var want []fidRow
	for i := range 12 {
		key := fmt.Sprintf("dir%d/key%02d", i%3, i)
		var ids []string
		for j := range 1 + i%4 {
			w.tick()
			ids = append(ids, w.put(t, key, fmt.Sprint(j)))
		}
		var rows []fidRow
		if i%5 == 0 {
			w.tick()
			rows = append(rows, fidRow{Key: key, VersionID: aws.ToString(w.del(t, key, "").VersionId), Latest: true, DM: true})
		}
		for j := len(ids) - 1; j >= 0; j-- {
			rows = append(rows, fidRow{Key: key, VersionID: ids[j], Latest: len(rows) == 0})
		}
		want = append(want, rows...)
	}
	// Keys ascending, each key's versions newest first (a stable sort).
	for i := 1; i < len(want); i++ {
		for j := i; j > 0 && want[j].Key < want[j-1].Key; j-- {
			want[j], want[j-1] = want[j-1], want[j]
		}
	}
	for _, size := range []int32{1, 2, 7, 1000} {
		got, pages := w.all(t, size)
		assert.Equal(t, want, got, "page size %d", size)
		assert.Equal(t, (len(want)+int(size)-1)/int(size), pages, "page size %d: no empty last page", size)
	}

	var prefixes []string
	p := s3.NewListObjectVersionsPaginator(w.c, &s3.ListObjectVersionsInput{Bucket: aws.String("bkt"),
		Delimiter: aws.String("/"), MaxKeys: aws.Int32(1)})
	for i := 0; p.HasMorePages(); i++ {
		require.Less(t, i, 10)
		out, err := p.NextPage(listCtx)
		require.NoError(t, err)
		for _, cp := range out.CommonPrefixes {
			prefixes = append(prefixes, aws.ToString(cp.Prefix))
		}
	}
	assert.Equal(t, []string{"dir0/", "dir1/", "dir2/"}, prefixes, "each common prefix once")

	got, _ := w.all(t, 3, func(in *s3.ListObjectVersionsInput) { in.Prefix = aws.String("dir1/") })
	require.NotEmpty(t, got)
	for _, r := range got {
		assert.Regexp(t, `^dir1/`, r.Key)
	}
}

// Ported from TestWireDeleteMissingKeyMakesDeleteMarker: a delete of a
// key that never existed makes a delete marker (P6), which keeps the
// bucket from being deleted.
func TestListVersionsDeleteMissingKeyMakesDeleteMarker(t *testing.T) {
	w := newVersionsWorld(t, types.BucketVersioningStatusEnabled)
	del := w.del(t, "ghost", "")
	assert.True(t, aws.ToBool(del.DeleteMarker))
	require.Len(t, aws.ToString(del.VersionId), 32)
	rows, _ := w.all(t, 1000)
	assert.Equal(t, []fidRow{{Key: "ghost", VersionID: aws.ToString(del.VersionId), Latest: true, DM: true}}, rows)
	_, err := w.c.DeleteBucket(listCtx, &s3.DeleteBucketInput{Bucket: aws.String("bkt")})
	requireSDKError(t, err, wantS3Error{status: http.StatusConflict, code: "BucketNotEmpty"})
}

// Ported from TestWireVersioningTransitions: the listing after each
// versioning state; "null" is the id of what was written unversioned or
// suspended, and a never-versioned bucket has no Status.
func TestListVersionsAcrossVersioningStates(t *testing.T) {
	w := newVersionsWorld(t, "")
	w.put(t, "k", "n0")
	rows, _ := w.all(t, 1000)
	assert.Equal(t, []fidRow{{Key: "k", VersionID: "null", Latest: true}}, rows)
	cfg, err := w.c.GetBucketVersioning(listCtx, &s3.GetBucketVersioningInput{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	assert.Empty(t, cfg.Status)

	w.versioning(t, types.BucketVersioningStatusEnabled)
	w.tick()
	v1 := w.put(t, "k", "v1")
	w.tick()
	v2 := w.put(t, "k", "v2!")
	rows, _ = w.all(t, 1000)
	assert.Equal(t, []fidRow{{Key: "k", VersionID: v2, Latest: true}, {Key: "k", VersionID: v1}, {Key: "k", VersionID: "null"}}, rows)

	w.versioning(t, types.BucketVersioningStatusSuspended)
	w.tick()
	assert.Equal(t, "null", w.put(t, "k", "s1"))
	rows, _ = w.all(t, 1000)
	assert.Equal(t, []fidRow{{Key: "k", VersionID: "null", Latest: true}, {Key: "k", VersionID: v2}, {Key: "k", VersionID: v1}}, rows)
	w.tick()
	assert.Equal(t, "null", aws.ToString(w.del(t, "k", "").VersionId))
	list, err := w.c.ListObjectsV2(listCtx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	assert.Empty(t, list.Contents, "a key whose current version is a delete marker is not listed")

	w.versioning(t, types.BucketVersioningStatusEnabled)
	w.tick()
	dm := aws.ToString(w.del(t, "k", "").VersionId)
	rows, _ = w.all(t, 1000)
	assert.Equal(t, []fidRow{{Key: "k", VersionID: dm, Latest: true, DM: true}, {Key: "k", VersionID: "null", DM: true},
		{Key: "k", VersionID: v2}, {Key: "k", VersionID: v1}}, rows)

	w.del(t, "k", dm)
	w.del(t, "k", "null")
	w.del(t, "k", v2)
	rows, _ = w.all(t, 1000)
	assert.Equal(t, []fidRow{{Key: "k", VersionID: v1, Latest: true}}, rows)
	list, err = w.c.ListObjectsV2(listCtx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt")})
	require.NoError(t, err)
	require.Len(t, list.Contents, 1)
	assert.Equal(t, int64(2), aws.ToInt64(list.Contents[0].Size))
}

// S3's checks of ListObjectVersions' parameters, in S3's order (as
// recorded from S3): max-keys, then version-id-marker (needs a
// key-marker, not empty, an id), then encoding-type.
func TestListVersionsParameterChecks(t *testing.T) {
	w := newVersionsWorld(t, types.BucketVersioningStatusEnabled)
	id := w.put(t, "k", "x")
	vid := func(message, value string) wantS3Error {
		return wantS3Error{status: http.StatusBadRequest, code: "InvalidArgument", message: message,
			values: map[string]string{"ArgumentName": "version-id-marker", "ArgumentValue": value}}
	}
	noKey := "A version-id marker cannot be specified without a key marker."
	for target, want := range map[string]wantS3Error{
		"/bkt?versions&version-id-marker=" + id:                                           vid(noKey, id),
		"/bkt?versions&version-id-marker=&encoding-type=bad":                              vid(noKey, ""),
		"/bkt?versions&key-marker=k&version-id-marker=":                                   vid("A version-id marker cannot be empty.", ""),
		"/bkt?versions&key-marker=k&version-id-marker=bad-vid":                            vid("Invalid version id specified", "bad-vid"),
		"/bkt?versions&key-marker=&version-id-marker=bad&encoding-type=x":                 vid("Invalid version id specified", "bad"),
		"/bkt?versions&key-marker=zzz&version-id-marker=Eyn7lxdGE1WU1SU6QTbW1X6cbSIIRY0R": vid("Invalid version id specified", "Eyn7lxdGE1WU1SU6QTbW1X6cbSIIRY0R"),
		"/bkt?versions&encoding-type=invalid": {status: http.StatusBadRequest, code: "InvalidArgument",
			message: "Invalid Encoding Method specified in Request",
			values:  map[string]string{"ArgumentName": "encoding-type", "ArgumentValue": "invalid"}},
	} {
		requireS3Error(t, listGet(t, w.srv, target), want)
	}

	// version-id-marker=null is valid; an empty key-marker lists from the start.
	d := parseListDoc(t, listGet(t, w.srv, "/bkt?versions&key-marker=a&version-id-marker=null").body)
	assert.Len(t, d.Versions, 1)
	d = parseListDoc(t, listGet(t, w.srv, "/bkt?versions&key-marker=&version-id-marker="+id).body)
	assert.Len(t, d.Versions, 1)
}

// MaxKeys is echoed as sent (S3 echoes 2147483647) while a page holds at
// most 1000; max-keys=0 lists nothing and is not truncated; an empty
// delimiter is echoed, an absent one is not.
func TestListVersionsMaxKeysAndEchoes(t *testing.T) {
	w := newVersionsWorld(t, types.BucketVersioningStatusEnabled)
	for i := range 3 {
		w.put(t, fmt.Sprintf("k%d", i), "x")
	}
	body := listGet(t, w.srv, "/bkt?versions&max-keys=2147483647").body
	d := parseListDoc(t, body)
	assert.Equal(t, 2147483647, *d.MaxKeys)
	assert.Len(t, d.Versions, 3)
	assert.False(t, hasElement(body, "Delimiter"))
	for _, el := range []string{"Prefix", "KeyMarker", "VersionIdMarker"} {
		assert.True(t, hasElement(body, el), "%s is always sent", el)
	}

	body = listGet(t, w.srv, "/bkt?versions&max-keys=0&delimiter=").body
	d = parseListDoc(t, body)
	assert.Equal(t, 0, *d.MaxKeys)
	assert.Empty(t, d.Versions)
	assert.False(t, d.IsTruncated)
	assert.True(t, hasElement(body, "Delimiter"), "an empty delimiter is echoed")

	out, err := w.c.ListObjectVersions(listCtx, &s3.ListObjectVersionsInput{Bucket: aws.String("bkt"), MaxKeys: aws.Int32(2)})
	require.NoError(t, err)
	assert.True(t, aws.ToBool(out.IsTruncated))
	assert.Equal(t, "k1", aws.ToString(out.NextKeyMarker))
	assert.NotEmpty(t, aws.ToString(out.NextVersionIdMarker))
	assert.Equal(t, "", aws.ToString(out.KeyMarker))
}

// Issue 10 (access hole): with a policy that lets anyone GetObject under
// public/, an anonymous GET public/a.txt?versions must not list the
// bucket's versions; ListObjectVersions on the bucket is authorized as
// s3:ListBucketVersions and denied.
func TestListVersionsAnonymousOnPublicKey(t *testing.T) {
	w := newVersionsWorld(t, types.BucketVersioningStatusEnabled)
	w.put(t, "public/a.txt", "pub")
	w.put(t, "private/secret", "no")
	_, err := w.c.PutBucketPolicy(listCtx, &s3.PutBucketPolicyInput{Bucket: aws.String("bkt"), Policy: aws.String(
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/public/*"}]}`)})
	require.NoError(t, err)
	for _, target := range []string{"/bkt/public/a.txt?versions", "/bkt?versions", "/bkt?list-type=2", "/bkt"} {
		resp := sendRaw(t, newRawRequest(t, w.srv, http.MethodGet, target, nil)) // unsigned: anonymous
		assert.GreaterOrEqual(t, resp.status, 400, "%s: body %s", target, resp.body)
		assert.NotContains(t, string(resp.body), "private/secret", target)
	}
	resp := sendRaw(t, newRawRequest(t, w.srv, http.MethodGet, "/bkt/public/a.txt", nil))
	assert.Equal(t, http.StatusOK, resp.status, "the policy does allow the object itself")
}
