package objstore

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/bucketcfg"
)

// recorder is a journal that keeps every record, as a log would.
type recorder struct {
	records [][]byte
	fail    error // returned (and nothing kept) when set
}

func (r *recorder) journal(pieces [][]byte) error {
	if r.fail != nil {
		return r.fail
	}
	r.records = append(r.records, bytes.Join(pieces, nil))
	return nil
}

func journaled(t *testing.T, r *recorder) *Store {
	t.Helper()
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	return New(Config{Now: func() time.Time { return at }, Journal: r.journal, MinPartSize: -1})
}

// image encodes a store's whole state, as a checkpoint writes it: two
// stores with the same image hold the same buckets, versions, facts,
// bodies, configurations and uploads.
func image(t *testing.T, s *Store) []byte {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, s.Checkpoint(nil).Records(func(p [][]byte) error {
		for _, b := range p {
			out.Write(b)
		}
		out.WriteByte('\n')
		return nil
	}))
	return out.Bytes()
}

// replayed builds a store from records.
func replayed(t *testing.T, records [][]byte) *Store {
	t.Helper()
	s := New(Config{Now: time.Now})
	for i, rec := range records {
		require.NoError(t, s.Replay(rec), "record %d", i)
	}
	return s
}

// busy makes every kind of change the journal records.
func busy(t *testing.T, s *Store) {
	t.Helper()
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "src", Owner: "111122223333"}))
	require.NoError(t, s.CreateBucketWith(BucketSpec{Name: "locked", Owner: "111122223333", ObjectLock: true}))
	require.NoError(t, s.SeedBucket("gone", "111122223333", Unversioned))
	require.NoError(t, s.ChangeVersioning("src", VersioningEnabled, ""))
	require.NoError(t, s.PutBucketTagging("src", bucketcfg.Tagging{Tags: []bucketcfg.Tag{{Key: "team", Value: "data"}}}))
	require.NoError(t, s.PutBucketOwnershipControls("src", bucketcfg.OwnershipControls{ObjectOwnership: bucketcfg.OwnershipBucketOwnerPreferred}))
	require.NoError(t, s.PutBucketPublicAccessBlock("src", bucketcfg.PublicAccessBlock{IgnorePublicAcls: true}))
	require.NoError(t, s.PutBucketPublicAccessBlock("src", bucketcfg.PublicAccessBlock{}))
	require.NoError(t, s.PutBucketACL("src", ACLRequest{Canned: "public-read"}))
	for i := range 5 {
		_, err := s.WriteObject(PutInput{Bucket: "src", Key: "k" + strconv.Itoa(i%2), Data: []byte(strings.Repeat("x", i)),
			Header: map[string]string{"Content-Type": "text/plain", "x-amz-meta-n": strconv.Itoa(i), "x-amz-tagging": "a=b"}})
		require.NoError(t, err)
	}
	_, err := s.WriteObject(PutInput{Bucket: "src", Key: "empty", Data: []byte{}})
	require.NoError(t, err)
	_, err = s.SeedObject("src", "sized", Body{Size: 1 << 20}, Facts{StorageClass: "GLACIER"}, time.Time{})
	require.NoError(t, err)
	_, err = s.SetObjectTags("src", "k0", "", []Tag{{Key: "x", Value: "y"}})
	require.NoError(t, err)
	_, err = s.PutObjectACL("src", "k1", "", ACLRequest{Canned: "public-read"})
	require.NoError(t, err)
	_, err = s.RemoveObjectBypass("src", "k1", "", false) // a delete marker
	require.NoError(t, err)
	vs, err := s.Versions("src", "k0")
	require.NoError(t, err)
	_, err = s.RemoveObjectBypass("src", "k0", vs[len(vs)-1].VersionID, false) // the oldest, permanently
	require.NoError(t, err)
	_, err = s.CopyObjectVersion(CopyInput{Bucket: "src", Key: "copy", SrcBucket: "src", SrcKey: "k0"})
	require.NoError(t, err)
	_, err = s.DeleteKeys("src", []DeleteEntry{{Key: "empty"}, {Key: "never"}})
	require.NoError(t, err)

	_, err = s.WriteObject(PutInput{Bucket: "locked", Key: "held", Data: []byte("keep"),
		Header: map[string]string{"x-amz-object-lock-mode": "GOVERNANCE",
			"x-amz-object-lock-retain-until-date": "2027-01-01T00:00:00Z"}})
	require.NoError(t, err)
	_, err = s.SetObjectLegalHold("locked", "held", "", LegalHoldOn)
	require.NoError(t, err)

	up, err := s.CreateUpload("src", "big", map[string]string{"x-amz-meta-m": "1"})
	require.NoError(t, err)
	for n := 1; n <= 2; n++ {
		_, err = s.PutPart("src", "big", up.ID, PartUpload{PartNumber: strconv.Itoa(n), Body: []byte("part" + strconv.Itoa(n))})
		require.NoError(t, err)
	}
	open, err := s.CreateUpload("src", "open", nil)
	require.NoError(t, err)
	_, err = s.PutPart("src", "open", open.ID, PartUpload{PartNumber: "3", Body: []byte("pending")})
	require.NoError(t, err)
	aborted, err := s.CreateUpload("src", "aborted", nil)
	require.NoError(t, err)
	require.NoError(t, s.AbortUpload("src", "aborted", aborted.ID))
	parts, err := s.ListUploadParts("src", "big", up.ID, 0, 1000)
	require.NoError(t, err)
	var in CompleteRequest
	for _, p := range parts.Parts {
		in.Parts = append(in.Parts, UploadedPart{PartNumber: p.PartNumber, ETag: p.ETag})
	}
	_, err = s.CompleteUpload("src", "big", up.ID, in)
	require.NoError(t, err)

	require.NoError(t, s.DeleteBucket("gone"))
}

func TestJournalReplayRebuildsTheStore(t *testing.T) {
	var r recorder
	s := journaled(t, &r)
	busy(t, s)
	want := image(t, s)
	require.Equal(t, string(want), string(image(t, replayed(t, r.records))))
}

func TestCheckpointRecordsRebuildTheStore(t *testing.T) {
	var r recorder
	s := journaled(t, &r)
	busy(t, s)
	var records [][]byte
	require.NoError(t, s.Checkpoint(nil).Records(func(p [][]byte) error {
		records = append(records, bytes.Join(p, nil))
		return nil
	}))
	restored := replayed(t, records)
	require.Equal(t, string(image(t, s)), string(image(t, restored)))
	// The sequence goes on where it stopped: new ids are not reused.
	a, err := s.WriteObject(PutInput{Bucket: "src", Key: "next", Data: []byte("n")})
	require.NoError(t, err)
	b, err := restored.WriteObject(PutInput{Bucket: "src", Key: "next", Data: []byte("n")})
	require.NoError(t, err)
	require.Equal(t, a.VersionID, b.VersionID)
}

func TestFailedJournalLeavesTheStoreUnchanged(t *testing.T) {
	var r recorder
	s := journaled(t, &r)
	busy(t, s)
	require.NoError(t, s.SeedBucket("spare", "111122223333", Unversioned))
	before := image(t, s)
	boom := errors.New("disk full")
	r.fail = boom
	_, err := s.WriteObject(PutInput{Bucket: "src", Key: "k0", Data: []byte("new")})
	require.ErrorIs(t, err, boom)
	_, err = s.RemoveObjectBypass("src", "copy", "", false)
	require.ErrorIs(t, err, boom)
	_, err = s.SetObjectTags("src", "copy", "", nil)
	require.ErrorIs(t, err, boom)
	require.ErrorIs(t, s.CreateBucketWith(BucketSpec{Name: "new", Owner: "111122223333"}), boom)
	require.ErrorIs(t, s.DeleteBucket("spare"), boom)
	require.ErrorIs(t, s.PutBucketTagging("src", bucketcfg.Tagging{}), boom)
	require.ErrorIs(t, s.ChangeVersioning("src", VersioningSuspended, ""), boom)
	_, err = s.CreateUpload("src", "u", nil)
	require.ErrorIs(t, err, boom)
	require.Equal(t, string(before), string(image(t, s)))
	// A refused write journals nothing and fails as before.
	r.fail = nil
	n := len(r.records)
	require.Error(t, s.PutBucketObjectLock("spare", bucketcfg.ObjectLock{}))
	require.Len(t, r.records, n)
	// The next write gets the id the failed one would have had.
	r.fail = nil
	_, err = s.WriteObject(PutInput{Bucket: "src", Key: "k0", Data: []byte("new")})
	require.NoError(t, err)
	require.Equal(t, string(image(t, s)), string(image(t, replayed(t, r.records))))
}

func TestReplayRefusesARecordThatDoesNotFit(t *testing.T) {
	var r recorder
	s := journaled(t, &r)
	require.NoError(t, s.SeedBucket("b", "111122223333", Unversioned))
	_, err := s.SeedObject("b", "k", Body{Data: []byte("x")}, Facts{}, time.Time{})
	require.NoError(t, err)
	fresh := New(Config{Now: time.Now})
	require.Error(t, fresh.Replay(r.records[1]), "an object of a bucket that does not exist")
	require.Error(t, fresh.Replay([]byte{0x05, '{'}), "a header cut short")
}
