package invstore_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/internal/invstore"
	"github.com/s3fake/s3fake/inventory"
)

func TestStoreLimitAndReplace(t *testing.T) {
	s := invstore.NewStore()
	for _, c := range fixtures.Numbered("r", invstore.MaxConfigurations, "dst") {
		created, err := s.Put("b", c)
		require.NoError(t, err)
		require.True(t, created)
	}
	_, err := s.Put("b", fixtures.Minimal("new", "dst"))
	require.ErrorIs(t, err, invstore.ErrTooManyConfigurations)
	assert.Equal(t, invstore.MaxConfigurations, s.Count("b"))

	weekly := fixtures.Minimal("r-0007", "dst")
	weekly.Frequency = inventory.Weekly
	created, err := s.Put("b", weekly)
	require.NoError(t, err, "replacing does not count against the limit")
	assert.False(t, created)
	got, err := s.Get("b", "r-0007")
	require.NoError(t, err)
	assert.Equal(t, inventory.Weekly, got.Frequency)
}

func TestStoreListPaging(t *testing.T) {
	s := invstore.NewStore()
	for _, id := range []string{"test-1", "z-test", "a-test"} {
		_, err := s.Put("b", fixtures.Minimal(id, "dst"))
		require.NoError(t, err)
	}
	p, err := s.List("b", "")
	require.NoError(t, err)
	var ids []string
	for _, c := range p.Configurations {
		ids = append(ids, c.ID)
	}
	assert.Equal(t, []string{"a-test", "test-1", "z-test"}, ids)
	assert.False(t, p.IsTruncated)
	assert.Empty(t, p.NextToken)

	for _, c := range fixtures.Numbered("n", 250, "dst") {
		_, err := s.Put("c", c)
		require.NoError(t, err)
	}
	seen := map[string]bool{}
	token, pages := "", 0
	for {
		p, err := s.List("c", token)
		require.NoError(t, err)
		pages++
		require.LessOrEqual(t, len(p.Configurations), invstore.PageSize)
		for _, c := range p.Configurations {
			require.False(t, seen[c.ID], "duplicate %s", c.ID)
			seen[c.ID] = true
		}
		if !p.IsTruncated {
			break
		}
		token = p.NextToken
	}
	assert.Equal(t, 3, pages)
	assert.Len(t, seen, 250)

	for _, bad := range []string{"garbage", "!!!", "czNmYWtlLWludmVudG9yeS12MTo"} {
		_, err := s.List("c", bad)
		assert.ErrorIs(t, err, invstore.ErrInvalidContinuationToken, bad)
	}
}

func TestStoreDeleteAndDrop(t *testing.T) {
	s := invstore.NewStore()
	_, err := s.Put("b", fixtures.Minimal("r", "dst"))
	require.NoError(t, err)
	require.NoError(t, s.Delete("b", "r"))
	require.ErrorIs(t, s.Delete("b", "r"), invstore.ErrNoSuchConfiguration, "deleting twice is an error")
	_, err = s.Put("b", fixtures.Minimal("r", "dst"))
	require.NoError(t, err)
	s.DropBucket("b")
	_, err = s.Get("b", "r")
	require.ErrorIs(t, err, invstore.ErrNoSuchConfiguration)
}

// Stored configurations share no memory with callers.
func TestStoreCopies(t *testing.T) {
	s := invstore.NewStore()
	cfg := fixtures.EveryField("r", "dst", "000000000000")
	_, err := s.Put("b", cfg)
	require.NoError(t, err)
	cfg.OptionalFields[0] = "Mutated"
	*cfg.Destination.Prefix = "mutated"
	got, err := s.Get("b", "r")
	require.NoError(t, err)
	assert.Equal(t, inventory.FieldSize, got.OptionalFields[0])
	assert.Equal(t, "inv", *got.Destination.Prefix)
}

func TestStoreConcurrentLimit(t *testing.T) {
	s := invstore.NewStore()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for _, c := range fixtures.Numbered("g"+string(rune('a'+g)), 200, "dst") {
				_, _ = s.Put("b", c)
			}
		}(g)
	}
	wg.Wait()
	assert.Equal(t, invstore.MaxConfigurations, s.Count("b"))
}
