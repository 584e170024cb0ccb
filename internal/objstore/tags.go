package objstore

// Object tags: the x-amz-tagging header of PutObject (and CopyObject with
// x-amz-tagging-directive: REPLACE), URL-query encoded, with S3's limits.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tag is one object tag.
type Tag struct{ Key, Value string }

// S3's tag limits: at most 10 tags per object, keys of 1 to 128 Unicode
// characters, values of at most 256.
const (
	maxTags        = 10
	maxTagKeyLen   = 128
	maxTagValueLen = 256
)

// ParseTagging reads an x-amz-tagging value ("k1=v1&k2=v2", URL-encoded)
// and applies S3's rules; an empty value is no tags. The errors are S3's
// InvalidTag (and InvalidArgument for a value that is not a query string).
func ParseTagging(header string) ([]Tag, error) {
	if header == "" {
		return nil, nil
	}
	var tags []Tag
	seen := map[string]bool{}
	for _, pair := range strings.Split(header, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		key, err1 := url.QueryUnescape(k)
		value, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return nil, &Error{Code: "InvalidArgument", Message: "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
				ArgumentName: "x-amz-tagging", ArgumentValue: header}
		}
		if seen[key] {
			return nil, errInvalidTag("Cannot provide multiple Tags with the same key")
		}
		seen[key] = true
		tags = append(tags, Tag{Key: key, Value: value})
	}
	return tags, ValidateTags(tags)
}

// ValidateTags applies S3's limits to a tag set.
func ValidateTags(tags []Tag) error {
	if len(tags) > maxTags {
		return errInvalidTag("Object tags cannot be greater than 10")
	}
	for _, t := range tags {
		switch {
		case utf8.RuneCountInString(t.Key) > maxTagKeyLen:
			return errInvalidTag("The TagKey you have provided is too long, max 128")
		case utf8.RuneCountInString(t.Value) > maxTagValueLen:
			return errInvalidTag("The TagValue you have provided is too long, max 256")
		case t.Key == "" || !validTagText(t.Key):
			return errInvalidTag("The TagKey you have provided is invalid")
		case !validTagText(t.Value):
			return errInvalidTag("The TagValue you have provided is invalid")
		case strings.HasPrefix(strings.ToLower(t.Key), "aws:"):
			return errInvalidTag("Your TagKey cannot be prefixed with aws:")
		}
	}
	return nil
}

// validTagText reports whether s holds only what S3 allows in tags:
// Unicode letters and digits, spaces and + - = . _ : / @.
func validTagText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || strings.ContainsRune("+-=._:/@", r) {
			continue
		}
		return false
	}
	return true
}

func errInvalidTag(msg string) error { return newError("InvalidTag", msg) }
