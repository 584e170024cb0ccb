package objstore

import (
	"slices"
)

// keyIndex is a bytewise (UTF-8 binary) sorted set of object keys. Go string
// comparison is bytewise, so the natural string order is the S3 order.
type keyIndex struct {
	keys []string
}

// insert adds key if it is not present yet.
func (x *keyIndex) insert(key string) {
	i, found := slices.BinarySearch(x.keys, key)
	if !found {
		x.keys = slices.Insert(x.keys, i, key)
	}
}

// remove deletes key if it is present.
func (x *keyIndex) remove(key string) {
	if i, found := slices.BinarySearch(x.keys, key); found {
		x.keys = slices.Delete(x.keys, i, i+1)
	}
}

// seek returns the index of the first key that is >= key.
func (x *keyIndex) seek(key string) int {
	i, _ := slices.BinarySearch(x.keys, key)
	return i
}

// seekAfter returns the index of the first key that is > key.
func (x *keyIndex) seekAfter(key string) int {
	i, found := slices.BinarySearch(x.keys, key)
	if found {
		i++
	}
	return i
}

// len returns the number of keys.
func (x *keyIndex) len() int { return len(x.keys) }
