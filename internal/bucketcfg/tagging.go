package bucketcfg

// Bucket tagging: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html
// and S3's tag rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/CostAllocTagging.html

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tag limits S3 applies to a bucket's tag set.
const (
	// MaxBucketTags is the most tags a bucket carries.
	MaxBucketTags = 50
	// MaxTagKeyLength and MaxTagValueLength are in characters.
	MaxTagKeyLength   = 128
	MaxTagValueLength = 256
)

// Tag is one key and value.
type Tag struct{ Key, Value string }

// Tagging is a tag set, in the order it was sent.
type Tagging struct {
	Tags []Tag
}

// Clone returns a copy that shares nothing with t.
func (t Tagging) Clone() Tagging { return Tagging{Tags: cloneSlice(t.Tags)} }

// ValidateBucket applies S3's rules for a bucket's tags, tag by tag in
// order (the first bad tag is the answer), then the count, as S3 does:
// InvalidTag for a key or value of the wrong length or with a character
// outside letters, digits, spaces and + - = . _ : / @, for a key starting
// with aws:, for a key sent twice, and for more than MaxBucketTags tags.
func (t Tagging) ValidateBucket() error {
	seen := make(map[string]bool, len(t.Tags))
	for _, tag := range t.Tags {
		if err := validateTag(tag); err != nil {
			return err
		}
		if seen[tag.Key] {
			return invalidTag("Cannot provide multiple Tags with the same key")
		}
		seen[tag.Key] = true
	}
	if len(t.Tags) > MaxBucketTags {
		// S3 documents the limit of 50, not the message; this one follows
		// its object-tag message ("Object tags cannot be greater than 10").
		return invalidTag("Bucket tag count cannot be greater than 50")
	}
	return nil
}

func validateTag(tag Tag) error {
	if n := utf8.RuneCountInString(tag.Key); n == 0 || n > MaxTagKeyLength || !tagText(tag.Key) {
		return invalidTag("The TagKey you have provided is invalid")
	}
	if utf8.RuneCountInString(tag.Value) > MaxTagValueLength || !tagText(tag.Value) {
		return invalidTag("The TagValue you have provided is invalid")
	}
	if strings.HasPrefix(strings.ToLower(tag.Key), "aws:") {
		// S3 reserves the aws: prefix for the tags AWS itself sets.
		return invalidTag("Your TagKey cannot be prefixed with aws:")
	}
	return nil
}

// tagText reports whether s uses only the characters S3 allows in tags.
func tagText(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsSpace(r):
		case strings.ContainsRune("+-=._:/@", r):
		default:
			return false
		}
	}
	return true
}

// cloneSlice is slices.Clone that keeps nil as nil and an empty slice empty.
func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}
