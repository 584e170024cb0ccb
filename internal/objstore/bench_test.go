package objstore_test

import (
	"fmt"
	"math/rand"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/s3fake/s3fake/internal/objstore"
)

// Seeding and snapshot benchmarks. For the figures at a million objects
// run
//
//	go test ./internal/objstore -run XXX -bench Seed -benchtime 1000000x
//	go test ./internal/objstore -run XXX -bench Snapshot -benchtime 5x
//
// BenchmarkSeed reports ns/op per object and B/object: the heap a seeded
// zero-byte object costs, keys excluded (they are the caller's strings).
// BenchmarkSeedS3mem (s3mem_bench_test.go), which -bench Seed runs too,
// is the baseline: gofakes3's s3mem storing the same objects.

// benchKeys returns n distinct keys in ascending or shuffled order.
func benchKeys(n int, shuffled bool) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("data/%04d/object-%08d.bin", i%1000, i)
	}
	if shuffled {
		rand.New(rand.NewSource(1)).Shuffle(n, func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	} else {
		slices.Sort(keys)
	}
	return keys
}

// heapInUse returns the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func BenchmarkSeed(b *testing.B) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return at }
	for _, order := range []string{"sorted", "random"} {
		b.Run("objstore/"+order, func(b *testing.B) {
			keys := benchKeys(b.N, order == "random")
			s := objstore.New(objstore.Config{Now: now})
			if err := s.SeedBucket("b", "000000000000", objstore.Unversioned); err != nil {
				b.Fatal(err)
			}
			before := heapInUse()
			b.ResetTimer()
			for _, k := range keys {
				if _, err := s.SeedObject("b", k, objstore.Body{}, objstore.Facts{}, at); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(heapInUse()-before)/float64(b.N), "B/object")
			runtime.KeepAlive(s)
			runtime.KeepAlive(keys) // else the freed slice of keys is subtracted
		})
	}
}

// snapshotStore is a store with a million zero-byte objects, built once.
var snapshotStore = sync.OnceValue(func() *objstore.Store {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := objstore.New(objstore.Config{Now: func() time.Time { return at }})
	if err := s.SeedBucket("b", "000000000000", objstore.VersioningEnabled); err != nil {
		panic(err)
	}
	for _, k := range benchKeys(1_000_000, true) {
		if _, err := s.SeedObject("b", k, objstore.Body{}, objstore.Facts{}, at); err != nil {
			panic(err)
		}
	}
	return s
})

// BenchmarkSnapshot takes a snapshot of a million objects and reads every
// version with its facts; ns/version is the cost per row of a report.
func BenchmarkSnapshot(b *testing.B) {
	s := snapshotStore()
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			sn, err := s.Snapshot("b", "")
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for vi := range sn.All() {
				if vi.Size != 0 {
					b.Fatal("unexpected size")
				}
				n++
			}
			if n != 1_000_000 {
				b.Fatalf("%d versions", n)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ns/version")
	})
	b.Run("prefix", func(b *testing.B) {
		// A narrow prefix seeks instead of scanning: 1000 of a million.
		for b.Loop() {
			sn, err := s.Snapshot("b", "data/0042/")
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for range sn.All() {
				n++
			}
			if n != 1000 {
				b.Fatalf("%d versions", n)
			}
		}
	})
	b.Run("take", func(b *testing.B) {
		// Taking a snapshot, then the first write after it, which pays for
		// the copy-on-write of one chunk and the directory.
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for b.Loop() {
			if _, err := s.Snapshot("b", ""); err != nil {
				b.Fatal(err)
			}
			if _, err := s.SeedObject("b", "data/0001/object-00000001.bin", objstore.Body{}, objstore.Facts{}, at); err != nil {
				b.Fatal(err)
			}
		}
	})
}
