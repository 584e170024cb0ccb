package objstore

import (
	"io"

	"github.com/johannesboyne/gofakes3"
)

// currentLocked returns the current version of key in bucketName. It returns
// gofakes3.BucketNotFound or gofakes3.KeyNotFound when either is missing.
// The caller must hold mu (read or write).
func (s *Store) currentLocked(bucketName, key string) (*version, error) {
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return nil, err
	}
	obj, ok := b.objects[key]
	if !ok {
		return nil, gofakes3.KeyNotFound(key)
	}
	return obj.current(), nil
}

// GetObject returns the object's current version with its body, or the byte
// range selected by rangeRequest when that is not nil.
func (s *Store) GetObject(bucketName, objectName string, rangeRequest *gofakes3.ObjectRangeRequest) (*gofakes3.Object, error) {
	s.mu.RLock()
	v, err := s.currentLocked(bucketName, objectName)
	s.mu.RUnlock()
	if err != nil {
		return nil, err
	}
	// v is immutable, so converting it needs no lock.
	return v.toObject(rangeRequest, true)
}

// HeadObject returns the object's current version with empty Contents.
func (s *Store) HeadObject(bucketName, objectName string) (*gofakes3.Object, error) {
	s.mu.RLock()
	v, err := s.currentLocked(bucketName, objectName)
	s.mu.RUnlock()
	if err != nil {
		return nil, err
	}
	return v.toObject(nil, false)
}

// PutObject stores size bytes read from input under key, replacing any
// existing object together with its metadata (meta is copied; nothing is
// inherited from the previous object). A non-nil conditions is checked with
// gofakes3.CheckPutConditions against the current object, atomically with
// the write. The object is owned by the bucket's owner (as with S3's default
// BucketOwnerEnforced object ownership).
func (s *Store) PutObject(bucketName, key string, meta map[string]string, input io.Reader, size int64, conditions *gofakes3.PutConditions) (gofakes3.PutObjectResult, error) {
	// Read the body before locking: a slow client must not hold the lock.
	body, err := gofakes3.ReadAll(input, size)
	if err != nil {
		return gofakes3.PutObjectResult{}, err
	}
	now := s.now()

	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return gofakes3.PutObjectResult{}, err
	}
	if conditions != nil {
		info := &gofakes3.ConditionalObjectInfo{}
		if obj, ok := b.objects[key]; ok {
			info.Exists = true
			info.Hash = obj.current().md5
		}
		if err := gofakes3.CheckPutConditions(conditions, info); err != nil {
			return gofakes3.PutObjectResult{}, err
		}
	}
	b.putLocked(newVersion(key, body, meta, b.owner, now))
	return gofakes3.PutObjectResult{}, nil
}

// CopyObject copies the current version of srcKey in srcBucket to dstKey in
// dstBucket, giving the copy exactly the metadata meta (gofakes3 has already
// merged the source's metadata into it).
func (s *Store) CopyObject(srcBucket, srcKey, dstBucket, dstKey string, meta map[string]string) (gofakes3.CopyObjectResult, error) {
	now := s.now()

	s.mu.Lock()
	defer s.mu.Unlock()
	src, err := s.currentLocked(srcBucket, srcKey)
	if err != nil {
		return gofakes3.CopyObjectResult{}, err
	}
	dst, err := s.bucketLocked(dstBucket)
	if err != nil {
		return gofakes3.CopyObjectResult{}, err
	}
	// Bodies are immutable, so the copy may share the source's slice.
	v := newVersion(dstKey, src.body, meta, dst.owner, now)
	dst.putLocked(v)
	return gofakes3.CopyObjectResult{
		ETag:         v.etag,
		LastModified: gofakes3.NewContentTime(v.lastModified),
	}, nil
}

// DeleteObject deletes the object. Deleting a missing key is not an error; a
// missing bucket is gofakes3.BucketNotFound.
func (s *Store) DeleteObject(bucketName, objectName string) (gofakes3.ObjectDeleteResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return gofakes3.ObjectDeleteResult{}, err
	}
	b.removeLocked(objectName)
	return gofakes3.ObjectDeleteResult{}, nil
}

// DeleteMulti deletes every listed key; as in S3, keys that do not exist are
// reported as deleted. A missing bucket is gofakes3.BucketNotFound.
func (s *Store) DeleteMulti(bucketName string, objects ...string) (gofakes3.MultiDeleteResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucketLocked(bucketName)
	if err != nil {
		return gofakes3.MultiDeleteResult{}, err
	}
	var result gofakes3.MultiDeleteResult
	for _, key := range objects {
		b.removeLocked(key)
		result.Deleted = append(result.Deleted, gofakes3.ObjectID{Key: key})
	}
	return result, nil
}
