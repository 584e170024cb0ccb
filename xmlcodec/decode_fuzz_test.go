package xmlcodec_test

import (
	"testing"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/xmlcodec"
)

// FuzzDecodeInventoryConfiguration: any body either is refused or decodes
// to a configuration whose canonical encoding decodes back to the same
// configuration, and validation never panics on it.
func FuzzDecodeInventoryConfiguration(f *testing.F) {
	for _, name := range fixtures.ValidDocumentNames() {
		f.Add(fixtures.ValidDocument(name))
	}
	for _, doc := range fixtures.InvalidDocuments() {
		f.Add(doc.Body)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		cfg, err := xmlcodec.DecodeInventoryConfiguration(body)
		if err != nil {
			return
		}
		_ = inventory.Validate(cfg, inventory.DialectAWS)
		_ = inventory.Validate(cfg, inventory.DialectCOS)
		again, err := xmlcodec.DecodeInventoryConfiguration(xmlcodec.EncodeInventoryConfiguration(cfg))
		if err != nil {
			t.Fatalf("canonical encoding does not decode: %v", err)
		}
		if !equalConfig(cfg, again) {
			t.Fatalf("round trip changed the configuration:\n%+v\n%+v", cfg, again)
		}
	})
}

func equalConfig(a, b inventory.Configuration) bool {
	ea := xmlcodec.EncodeInventoryConfiguration(a)
	eb := xmlcodec.EncodeInventoryConfiguration(b)
	return string(ea) == string(eb)
}
