package xmlcodec_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/golden"
	"github.com/s3fake/s3fake/xmlcodec"
)

var listTime = time.Date(2026, 3, 11, 9, 41, 30, 0, time.UTC)

func listEntries() []xmlcodec.ListEntry {
	return []xmlcodec.ListEntry{
		{Key: "a&b<c>", LastModified: listTime, ETag: "544b1fdb9ceba67d9abe1eafbd699ae1", Size: 37,
			ChecksumAlgorithm: "CRC32", ChecksumType: "FULL_OBJECT", OwnerID: "owner", StorageClass: "STANDARD", IsLatest: true},
		{Key: "ctl\x01\x1b\r\tkey", LastModified: listTime, ETag: "d41d8cd98f00b204e9800998ecf8427e", OwnerID: "owner", StorageClass: "GLACIER"},
	}
}

// The three listing documents byte for byte, in S3's element order.
func TestListDocumentsGolden(t *testing.T) {
	common := xmlcodec.ListCommon{Bucket: "bkt", Prefix: "p/", Delimiter: "/", MaxKeys: 2, IsTruncated: true,
		Contents: listEntries(), CommonPrefixes: []string{"p/sub dir/"}}
	golden.Compare(t, "listing/v1.xml", xmlcodec.EncodeListObjects(xmlcodec.ListObjectsResult{
		ListCommon: common, Marker: "m", NextMarker: "p/sub dir/"}))

	v2 := common
	v2.URLEncoded = true
	v2.Contents = listEntries()
	v2.Contents[0].OwnerID = ""
	golden.Compare(t, "listing/v2-url.xml", xmlcodec.EncodeListObjectsV2(xmlcodec.ListObjectsV2Result{
		ListCommon: v2, StartAfter: "a b", NextContinuationToken: "tok"}))

	entries := listEntries()
	entries = append(entries, xmlcodec.ListEntry{Key: "gone", VersionID: "v2", DeleteMarker: true, IsLatest: true,
		LastModified: listTime, OwnerID: "owner"})
	golden.Compare(t, "listing/versions.xml", xmlcodec.EncodeListVersions(xmlcodec.ListVersionsResult{
		Bucket: "bkt", KeyMarker: "k", VersionIDMarker: "null", NextKeyMarker: "gone", NextVersionIDMarker: "v2",
		MaxKeys: 2147483647, HasDelimiter: true, IsTruncated: true, Entries: entries, CommonPrefixes: []string{"d/"}}))
	golden.Compare(t, "listing/versions-empty.xml", xmlcodec.EncodeListVersions(xmlcodec.ListVersionsResult{
		Bucket: "bkt", URLEncoded: true}))
}

func TestBucketDocumentsGolden(t *testing.T) {
	golden.Compare(t, "listing/buckets-paged.xml", xmlcodec.EncodeListBucketsResult(xmlcodec.ListBucketsResult{
		OwnerID: "canon", OwnerName: "111111111111", ContinuationToken: "tok", Prefix: "a",
		Buckets: []xmlcodec.BucketEntry{{Name: "a1", Created: listTime, Region: "eu-west-1"}}}))
	golden.Compare(t, "listing/location-us-east-1.xml", xmlcodec.EncodeLocationConstraint(""))
	golden.Compare(t, "listing/location-eu.xml", xmlcodec.EncodeLocationConstraint("EU"))
	golden.Compare(t, "listing/versioning-never.xml", xmlcodec.EncodeVersioning(xmlcodec.Versioning{}))
	golden.Compare(t, "listing/versioning-mfa.xml", xmlcodec.EncodeVersioning(xmlcodec.Versioning{Status: "Suspended", MFADelete: "Disabled"}))
}

// A never-versioned bucket has no Status element at all.
func TestEncodeVersioningNeverVersioned(t *testing.T) {
	body := string(xmlcodec.EncodeVersioning(xmlcodec.Versioning{}))
	assert.Contains(t, body, `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`)
	assert.NotContains(t, body, "Status")
}

// Control characters are written as S3 writes them, character references,
// and never as U+FFFD, which would lose the key.
func TestListKeyControlCharacters(t *testing.T) {
	body := string(xmlcodec.EncodeListObjects(xmlcodec.ListObjectsResult{ListCommon: xmlcodec.ListCommon{
		Bucket: "b", MaxKeys: 1000, Contents: []xmlcodec.ListEntry{{Key: "a\x01b\x1bc\rd\ne\tf\uffff"}}}}))
	assert.Contains(t, body, "<Key>a&#x1;b&#x1b;c&#xd;d\ne\tf&#xffff;</Key>")
	assert.NotContains(t, body, "\uFFFD")
}

// encoding-type=url as S3 does it: s3-tests' test_bucket_listv2_encoding_basic.
func TestURLEncodeKey(t *testing.T) {
	for in, want := range map[string]string{
		"foo+1/":           "foo%2B1/",
		"foo/":             "foo/",
		"quux ab/":         "quux%20ab/",
		"asdf+b":           "asdf%2Bb",
		"test_file(3).png": "test_file%283%29.png",
		"100%.csv":         "100%25.csv",
		"한글/x.txt":         "%ED%95%9C%EA%B8%80/x.txt",
		"a\x01b":           "a%01b",
		"-._~AZaz09":       "-._~AZaz09",
		"<![CDATA[...]]>&": "%3C%21%5BCDATA%5B...%5D%5D%3E%26",
	} {
		got := xmlcodec.URLEncodeKey(in)
		assert.Equal(t, want, got, in)
		back, err := url.PathUnescape(got)
		require.NoError(t, err)
		assert.Equal(t, in, back, "round trip")
	}
}

func TestDecodeVersioning(t *testing.T) {
	ns := ` xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`
	for doc, want := range map[string]xmlcodec.Versioning{
		`<VersioningConfiguration` + ns + `><Status>Enabled</Status></VersioningConfiguration>`:                        {Status: "Enabled"},
		`<VersioningConfiguration><Status>Suspended</Status><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>`: {Status: "Suspended", MFADelete: "Disabled"},
		`<VersioningConfiguration/>`: {},
	} {
		got, err := xmlcodec.DecodeVersioning([]byte(doc))
		require.NoError(t, err, doc)
		assert.Equal(t, want, got, doc)
	}
	for _, doc := range []string{
		``,
		`  `,
		`<VersioningConfiguration><Status>enabled</Status></VersioningConfiguration>`,
		`<VersioningConfiguration><Status>Disabled</Status></VersioningConfiguration>`,
		`<VersioningConfiguration><Status></Status></VersioningConfiguration>`,
		`<VersioningConfiguration><Status>Enabled</Status><Status>Enabled</Status></VersioningConfiguration>`,
		`<VersioningConfiguration><MfaDelete>On</MfaDelete></VersioningConfiguration>`,
		`<VersioningConfiguration><MFADelete>Enabled</MFADelete></VersioningConfiguration>`,
		`<VersioningConfiguration><Status>Enabled</Status>`,
		`<Versioning><Status>Enabled</Status></Versioning>`,
		`<VersioningConfiguration><Status><X/></Status></VersioningConfiguration>`,
	} {
		_, err := xmlcodec.DecodeVersioning([]byte(doc))
		var m *xmlcodec.MalformedError
		assert.True(t, errors.As(err, &m), "%q: %v", doc, err)
	}
}

// An empty marker, prefix and version-id-marker are echoed as empty
// elements; Delimiter only when the request had one.
func TestListVersionsEchoes(t *testing.T) {
	body := string(xmlcodec.EncodeListVersions(xmlcodec.ListVersionsResult{Bucket: "b", MaxKeys: 0}))
	for _, el := range []string{"<Prefix></Prefix>", "<KeyMarker></KeyMarker>", "<VersionIdMarker></VersionIdMarker>", "<MaxKeys>0</MaxKeys>", "<IsTruncated>false</IsTruncated>"} {
		assert.Contains(t, body, el)
	}
	assert.False(t, strings.Contains(body, "Delimiter") || strings.Contains(body, "NextKeyMarker"), body)
}
