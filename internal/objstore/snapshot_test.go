package objstore

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSnapshotIsFrozen(t *testing.T) {
	s, _ := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	for i := range 2000 {
		_, err := s.SeedObject("b", fmt.Sprintf("k%04d", i), Body{Data: []byte("v1")}, Facts{}, time.Time{})
		require.NoError(t, err)
	}
	sn, err := s.Snapshot("b", "")
	require.NoError(t, err)
	before := sn.Versions()
	require.Len(t, before, 2000)

	// Change everything: new versions, deletes, permanent deletes, new keys.
	for i := range 2000 {
		key := fmt.Sprintf("k%04d", i)
		switch i % 4 {
		case 0:
			_, err = s.SeedObject("b", key, Body{Data: []byte("v2")}, Facts{StorageClass: "GLACIER"}, time.Time{})
		case 1:
			_, err = s.RemoveObject("b", key, "")
		case 2:
			err = s.DeleteVersion("b", key, before[i].VersionID)
		case 3:
			_, err = s.SeedObject("b", key+"-new", Body{}, Facts{}, time.Time{})
		}
		require.NoError(t, err)
	}
	require.NoError(t, s.SetVersioning("b", VersioningSuspended))

	assert.Equal(t, before, sn.Versions(), "a snapshot never changes")
	assert.Equal(t, VersioningEnabled, sn.Versioning())
	assert.Equal(t, "b", sn.Bucket())
	assert.Equal(t, "acct", sn.Owner())
	after, err := s.Versions("b", "")
	require.NoError(t, err)
	assert.Len(t, after, 500*2+500*2+0+500*2)
}

func TestSnapshotPrefix(t *testing.T) {
	s, _ := newTestStore(t)
	mkBucket(t, s, "b")
	for _, k := range []string{"a", "logs/1", "logs/2", "logs0", "logz", "z"} {
		_, err := s.SeedObject("b", k, Body{}, Facts{}, time.Time{})
		require.NoError(t, err)
	}
	sn, err := s.Snapshot("b", "logs/")
	require.NoError(t, err)
	var keys []string
	for vi := range sn.All() {
		keys = append(keys, vi.Key)
	}
	assert.Equal(t, []string{"logs/1", "logs/2"}, keys)
	assert.Equal(t, "logs/", sn.Prefix())

	// Stopping early is allowed.
	n := 0
	for range sn.All() {
		n++
		break
	}
	assert.Equal(t, 1, n)

	_, err = s.Snapshot("nob", "")
	requireCode(t, err, "NoSuchBucket")
}

func TestSnapshotDeleteMarkerRow(t *testing.T) {
	s, clk := newTestStore(t)
	require.NoError(t, s.SeedBucket("b", "acct", VersioningEnabled))
	_, err := s.SeedObject("b", "k", Body{Data: []byte("x")}, Facts{}, time.Time{})
	require.NoError(t, err)
	clk.Advance(time.Minute)
	_, err = s.RemoveObject("b", "k", "")
	require.NoError(t, err)
	vs, err := s.Versions("b", "")
	require.NoError(t, err)
	require.Len(t, vs, 2)
	dm := vs[0]
	assert.True(t, dm.IsDeleteMarker)
	assert.True(t, dm.IsLatest)
	assert.Zero(t, dm.Size)
	assert.Empty(t, dm.ETag)
	assert.Equal(t, "acct", dm.OwnerAccount)
	assert.Empty(t, dm.StorageClass)
	assert.True(t, dm.LastModified.Equal(clk.Now()))
	assert.False(t, vs[1].IsLatest)
}
