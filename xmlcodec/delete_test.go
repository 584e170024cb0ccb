package xmlcodec_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/golden"
	"github.com/s3fake/s3fake/xmlcodec"
)

func TestDecodeDelete(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Object><Key> spaced key </Key></Object>
  <Object><Key>a&amp;b</Key><VersionId>v1</VersionId><ETag>"abc"</ETag></Object>
  <Object><Key>k</Key><LastModifiedTime>2026-01-01T00:00:00Z</LastModifiedTime><Size>3</Size></Object>
  <Quiet>TRUE</Quiet>
</Delete>`
	req, err := xmlcodec.DecodeDelete([]byte(doc))
	require.NoError(t, err)
	assert.True(t, req.Quiet)
	assert.Equal(t, []xmlcodec.DeleteRequestObject{
		{Key: " spaced key "}, {Key: "a&b", VersionID: "v1", ETag: `"abc"`}, {Key: "k"},
	}, req.Objects)

	req, err = xmlcodec.DecodeDelete([]byte(`<Delete><Object><Key>k</Key></Object></Delete>`))
	require.NoError(t, err, "no namespace, no Quiet")
	assert.False(t, req.Quiet)
}

func TestDecodeDeleteMalformed(t *testing.T) {
	objects := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "<Object><Key>k%d</Key></Object>", i)
		}
		return b.String()
	}
	for name, doc := range map[string]string{
		"empty body":       ``,
		"garbage":          `this is not xml`,
		"other root":       `<Remove><Object><Key>k</Key></Object></Remove>`,
		"no object":        `<Delete><Quiet>true</Quiet></Delete>`,
		"1,001 objects":    `<Delete>` + objects(1001) + `</Delete>`,
		"unknown element":  `<Delete><Object><Key>k</Key><Colour>red</Colour></Object></Delete>`,
		"unknown in root":  `<Delete><Object><Key>k</Key></Object><Bypass>true</Bypass></Delete>`,
		"no key":           `<Delete><Object><VersionId>v</VersionId></Object></Delete>`,
		"empty key":        `<Delete><Object><Key></Key></Object></Delete>`,
		"two keys":         `<Delete><Object><Key>a</Key><Key>b</Key></Object></Delete>`,
		"two quiets":       `<Delete><Object><Key>a</Key></Object><Quiet>true</Quiet><Quiet>true</Quiet></Delete>`,
		"quiet not a bool": `<Delete><Object><Key>a</Key></Object><Quiet>yes</Quiet></Delete>`,
		"key with child":   `<Delete><Object><Key><b>k</b></Key></Object></Delete>`,
		"other namespace":  `<Delete xmlns="urn:x"><Object><Key>a</Key></Object></Delete>`,
		"truncated":        `<Delete><Object><Key>a</Key></Object>`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := xmlcodec.DecodeDelete([]byte(doc))
			var m *xmlcodec.MalformedError
			require.True(t, errors.As(err, &m), "got %v", err)
		})
	}
	_, err := xmlcodec.DecodeDelete([]byte(`<Delete>` + objects(1000) + `</Delete>`))
	require.NoError(t, err, "1,000 objects are allowed")
}

func TestEncodeDeleteResult(t *testing.T) {
	entries := []xmlcodec.DeleteResultEntry{
		{Key: "plain"},
		{Key: "marker-created", DeleteMarker: true, DeleteMarkerVersionID: "dm1"},
		{Key: "version", VersionID: "v1"},
		{Key: "marker-removed", VersionID: "dm2", DeleteMarker: true, DeleteMarkerVersionID: "dm2"},
		{Key: "denied", Code: xmlcodec.AccessDenied, Message: "Access Denied"},
		{Key: "bad<version>", VersionID: "x&y", Code: xmlcodec.InvalidArgument, Message: "Invalid version id specified"},
	}
	golden.Compare(t, "delete-result.xml", xmlcodec.EncodeDeleteResult(entries, false))
	golden.Compare(t, "delete-result-quiet.xml", xmlcodec.EncodeDeleteResult(entries, true))
}

func TestEncodePostResponse(t *testing.T) {
	golden.Compare(t, "post-response.xml", xmlcodec.EncodePostResponse(
		"http://127.0.0.1:4566/bkt/pr%C3%A9sident%2Fa.jpg", "bkt", "président/a.jpg", `"14dd4667441ada2b3914e5c1b72573b3"`))
}
