package objstore

// The expiration date a bucket's lifecycle rules give a version, as the
// inventory report's LifecycleExpirationDate shows it. S3 adds a rule's
// Days to the object's creation time and rounds the result up to the next
// midnight UTC; a Date is the day itself. Expiration acts on current
// versions only (in a versioned bucket it adds a delete marker), so
// noncurrent versions and delete markers have no such date here.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html

import (
	"strings"
	"time"

	"github.com/s3fake/s3fake/internal/bucketcfg"
)

// expirationDate is the date the enabled rules of l whose filters match
// give v, the current version of key: the earliest, as "if two expiration
// policies overlap, the shorter expiration policy is honored"
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-conflicts.html);
// zero when none does.
func expirationDate(l *bucketcfg.Lifecycle, key string, v *version) time.Time {
	var first time.Time
	if l == nil || v.isDeleteMarker() {
		return first
	}
	for _, r := range l.Rules {
		e := r.Expiration
		if r.Status != bucketcfg.StatusEnabled || e == nil || !lifecycleFilterMatches(r, key, v) {
			continue
		}
		var at time.Time
		switch {
		case e.Date != nil:
			at = e.Date.UTC()
		case e.Days != nil:
			at = nextMidnight(v.lastModified().Add(time.Duration(*e.Days) * 24 * time.Hour))
		default:
			continue // ExpiredObjectDeleteMarker alone expires no version
		}
		if first.IsZero() || at.Before(first) {
			first = at
		}
	}
	return first
}

// nextMidnight rounds t up to midnight UTC.
func nextMidnight(t time.Time) time.Time {
	day := t.UTC().Truncate(24 * time.Hour)
	if day.Equal(t) {
		return day
	}
	return day.Add(24 * time.Hour)
}

func lifecycleFilterMatches(r bucketcfg.LifecycleRule, key string, v *version) bool {
	if r.Prefix != nil {
		return strings.HasPrefix(key, *r.Prefix)
	}
	f := r.Filter
	if f == nil {
		return true
	}
	if f.And != nil {
		a := f.And
		ok := sizeMatches(v.size, a.ObjectSizeGreaterThan, a.ObjectSizeLessThan) &&
			(a.Prefix == nil || strings.HasPrefix(key, *a.Prefix))
		for _, t := range a.Tags {
			ok = ok && hasTag(v.tagList(), t)
		}
		return ok
	}
	return sizeMatches(v.size, f.ObjectSizeGreaterThan, f.ObjectSizeLessThan) &&
		(f.Prefix == nil || strings.HasPrefix(key, *f.Prefix)) &&
		(f.Tag == nil || hasTag(v.tagList(), *f.Tag))
}

func sizeMatches(size int64, greater, less *int64) bool {
	return (greater == nil || size > *greater) && (less == nil || size < *less)
}
