package xmlcodec

import (
	"encoding/xml"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeCompleteMultipartUpload(t *testing.T) {
	parts, err := DecodeCompleteMultipartUpload([]byte(`<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
		`<Part><ETag>"a"</ETag><PartNumber>1</PartNumber><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>` +
		`<Part><PartNumber> 2 </PartNumber></Part></CompleteMultipartUpload>`))
	require.NoError(t, err)
	require.Len(t, parts, 2)
	assert.Equal(t, CompletedPart{PartNumber: 1, ETag: `"a"`, Checksums: map[string]string{"CRC32": "AAAAAA=="}}, parts[0])
	assert.Equal(t, CompletedPart{PartNumber: 2}, parts[1], "a part without ETag decodes; the store finds it invalid")

	parts, err = DecodeCompleteMultipartUpload([]byte(`<CompleteMultipartUpload/>`))
	require.NoError(t, err)
	assert.Empty(t, parts, "no parts decode to none; the store answers MalformedXML")

	for name, doc := range map[string]string{
		"empty":          "",
		"other root":     `<Complete><Part><PartNumber>1</PartNumber></Part></Complete>`,
		"unknown child":  `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><Size>3</Size></Part></CompleteMultipartUpload>`,
		"no part number": `<CompleteMultipartUpload><Part><ETag>x</ETag></Part></CompleteMultipartUpload>`,
		"not a number":   `<CompleteMultipartUpload><Part><PartNumber>one</PartNumber></Part></CompleteMultipartUpload>`,
		"two etags":      `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>a</ETag><ETag>b</ETag></Part></CompleteMultipartUpload>`,
		"not XML":        `<CompleteMultipartUpload><Part>`,
	} {
		_, err := DecodeCompleteMultipartUpload([]byte(doc))
		var m *MalformedError
		assert.True(t, errors.As(err, &m), "%s: %v", name, err)
	}
}

func TestEncodeCompleteMultipartUpload(t *testing.T) {
	body := EncodeCompleteMultipartUpload(CompleteMultipartUploadResult{
		Location: "http://h/b/k", Bucket: "b", Key: "k&", ETag: `"e-2"`,
		Checksum: PartChecksum{Algorithm: "SHA256", Value: "x-2"}, ChecksumType: "COMPOSITE",
	})
	assert.Equal(t, header+`<CompleteMultipartUploadResult xmlns="`+Namespace+`"><Location>http://h/b/k</Location>`+
		`<Bucket>b</Bucket><Key>k&amp;</Key><ETag>&quot;e-2&quot;</ETag><ChecksumSHA256>x-2</ChecksumSHA256>`+
		`<ChecksumType>COMPOSITE</ChecksumType></CompleteMultipartUploadResult>`, string(body))
	var doc struct {
		ETag           string
		ChecksumSHA256 string
	}
	require.NoError(t, xml.Unmarshal(body, &doc))
	assert.Equal(t, `"e-2"`, doc.ETag)

	plain := string(EncodeCompleteMultipartUpload(CompleteMultipartUploadResult{Bucket: "b", Key: "k", ETag: `"e"`, ChecksumType: "FULL_OBJECT"}))
	assert.NotContains(t, plain, "Checksum", "no type without a checksum")
}

func TestEncodeListMultipartUploadsURLEncoded(t *testing.T) {
	at := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	body := string(EncodeListMultipartUploads(ListMultipartUploadsResult{
		Bucket: "b", KeyMarker: "a b", Prefix: "a ", Delimiter: "/", URLEncoded: true, MaxUploads: 2, IsTruncated: true,
		NextKeyMarker: "a c+", NextUploadIDMarker: "u2",
		Uploads:        []ListedUpload{{Key: "a c+", UploadID: "u2", OwnerID: "o", StorageClass: "STANDARD", Initiated: at, ChecksumAlgorithm: "CRC32", ChecksumType: "COMPOSITE"}},
		CommonPrefixes: []string{"a d/"},
	}))
	for _, want := range []string{
		"<KeyMarker>a%20b</KeyMarker>", "<NextKeyMarker>a%20c%2B</NextKeyMarker>", "<Delimiter>/</Delimiter>",
		"<Prefix>a%20</Prefix>", "<EncodingType>url</EncodingType>", "<MaxUploads>2</MaxUploads>",
		"<Key>a%20c%2B</Key>", "<Initiated>2024-05-06T07:08:09.000Z</Initiated>",
		"<Initiator><ID>o</ID></Initiator><Owner><ID>o</ID></Owner>", "<ChecksumAlgorithm>CRC32</ChecksumAlgorithm>",
		"<CommonPrefixes><Prefix>a%20d/</Prefix></CommonPrefixes>",
	} {
		assert.Contains(t, body, want)
	}
	assert.True(t, strings.Index(body, "<Upload>") < strings.Index(body, "<CommonPrefixes>"))
}

func TestEncodeListParts(t *testing.T) {
	at := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	body := string(EncodeListParts(ListPartsResult{
		Bucket: "b", Key: "k", UploadID: "u", PartNumberMarker: 1, NextPartNumberMarker: 2, MaxParts: 1, IsTruncated: true,
		Parts:   []ListedPart{{PartNumber: 2, LastModified: at, ETag: `"e"`, Size: 4, Checksum: PartChecksum{"CRC32", "AAAAAA=="}}},
		OwnerID: "o", StorageClass: "STANDARD", ChecksumAlgorithm: "CRC32", ChecksumType: "COMPOSITE",
	}))
	assert.Contains(t, body, "<PartNumberMarker>1</PartNumberMarker><NextPartNumberMarker>2</NextPartNumberMarker>"+
		"<MaxParts>1</MaxParts><IsTruncated>true</IsTruncated><Part><PartNumber>2</PartNumber>"+
		"<LastModified>2024-05-06T07:08:09.000Z</LastModified><ETag>&quot;e&quot;</ETag><Size>4</Size>"+
		"<ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>")
	assert.Contains(t, body, "<StorageClass>STANDARD</StorageClass><ChecksumAlgorithm>CRC32</ChecksumAlgorithm><ChecksumType>COMPOSITE</ChecksumType>")
}
