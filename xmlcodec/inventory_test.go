package xmlcodec_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/internal/golden"
	"github.com/s3fake/s3fake/internal/invstore"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/xmlcodec"
)

// Every valid fixture decodes, and encoding it back is canonical: a golden
// file per document, and decode(encode(x)) == x.
func TestValidDocumentsRoundTrip(t *testing.T) {
	for _, name := range fixtures.ValidDocumentNames() {
		t.Run(name, func(t *testing.T) {
			cfg, err := xmlcodec.DecodeInventoryConfiguration(fixtures.ValidDocument(name))
			require.NoError(t, err)
			out := xmlcodec.EncodeInventoryConfiguration(cfg)
			golden.Compare(t, "get-"+name+".xml", out)
			again, err := xmlcodec.DecodeInventoryConfiguration(out)
			require.NoError(t, err)
			assert.Equal(t, cfg, again)
		})
	}
}

func TestDecodeEveryFieldMatchesBuilder(t *testing.T) {
	cfg, err := xmlcodec.DecodeInventoryConfiguration(fixtures.ValidDocument("every-field"))
	require.NoError(t, err)
	assert.Equal(t, fixtures.EveryField("report1", "dst", "000000000000"), cfg)
}

// Structural faults are *MalformedError from the decoder; value faults pass
// the decoder and are caught by inventory.CheckPut. Either way each invalid
// fixture is refused.
func TestInvalidDocumentsAreRefused(t *testing.T) {
	for _, doc := range fixtures.InvalidDocuments() {
		t.Run(doc.Name, func(t *testing.T) {
			cfg, err := xmlcodec.DecodeInventoryConfiguration(doc.Body)
			if err == nil {
				err = inventory.CheckPut(doc.QueryID, cfg, inventory.DialectAWS)
			}
			require.Error(t, err)
			var malformed *xmlcodec.MalformedError
			var schema *inventory.SchemaError
			isMalformed := errors.As(err, &malformed) || errors.As(err, &schema)
			assert.Equal(t, doc.Code == xmlcodec.MalformedXML, isMalformed, "error %v", err)
		})
	}
}

func TestDecodeHostileInput(t *testing.T) {
	deep := strings.Repeat("<a>", 10000) + strings.Repeat("</a>", 10000)
	cases := map[string]string{
		"empty":             "",
		"whitespace":        "  \n ",
		"deep nesting":      deep,
		"entity":            `<!DOCTYPE x [<!ENTITY e "x">]><InventoryConfiguration><Id>&e;</Id></InventoryConfiguration>`,
		"undefined entity":  `<InventoryConfiguration><Id>&e;</Id></InventoryConfiguration>`,
		"two roots":         `<InventoryConfiguration/><InventoryConfiguration/>`,
		"attribute":         `<InventoryConfiguration foo="bar"/>`,
		"processing instr":  `<?php echo 1 ?><InventoryConfiguration/>`,
		"mixed content":     `<InventoryConfiguration>text<Id>x</Id></InventoryConfiguration>`,
		"invalid utf8":      "<InventoryConfiguration><Id>\xff</Id></InventoryConfiguration>",
		"text after root":   `<InventoryConfiguration/>trailing`,
		"leaf with element": `<InventoryConfiguration><Id><b/></Id></InventoryConfiguration>`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := xmlcodec.DecodeInventoryConfiguration([]byte(body))
			var malformed *xmlcodec.MalformedError
			require.ErrorAs(t, err, &malformed)
		})
	}
}

func TestDecodeAcceptsBOMAndComments(t *testing.T) {
	body := append([]byte("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- hi -->"), fixtures.ValidDocument("minimal")...)
	cfg, err := xmlcodec.DecodeInventoryConfiguration(body)
	require.NoError(t, err)
	assert.Equal(t, fixtures.Minimal("report1", "dst"), cfg)
}

func TestReadBodyLimit(t *testing.T) {
	_, err := xmlcodec.ReadBody(bytes.NewReader(make([]byte, xmlcodec.MaxBodySize)))
	require.NoError(t, err)
	_, err = xmlcodec.ReadBody(bytes.NewReader(make([]byte, xmlcodec.MaxBodySize+1)))
	require.ErrorIs(t, err, xmlcodec.ErrBodyTooLarge)
}

func TestEncodeListPages(t *testing.T) {
	store := invstore.NewStore()
	for _, c := range fixtures.Numbered("r", 102, "dst") {
		_, err := store.Put("src", c)
		require.NoError(t, err)
	}
	first, err := store.List("src", "")
	require.NoError(t, err)
	second, err := store.List("src", first.NextToken)
	require.NoError(t, err)
	golden.Compare(t, "list-page2.xml", xmlcodec.EncodeInventoryList(second, first.NextToken))
	golden.Compare(t, "list-empty.xml", xmlcodec.EncodeInventoryList(inventory.Page{}, ""))
	assert.Contains(t, string(xmlcodec.EncodeInventoryList(first, "")), "<IsTruncated>true</IsTruncated><NextContinuationToken>")
}
