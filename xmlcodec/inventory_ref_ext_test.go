package xmlcodec_test

import (
	"reflect"
	"testing"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/xmlcodec"
)

// FuzzDecodeInventoryMatchesReference: the decoder and the reference
// accept the same documents and decode them to equal configurations.
func FuzzDecodeInventoryMatchesReference(f *testing.F) {
	for _, name := range fixtures.ValidDocumentNames() {
		f.Add(fixtures.ValidDocument(name))
	}
	for _, doc := range fixtures.InvalidDocuments() {
		f.Add(doc.Body)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := xmlcodec.DecodeInventoryConfiguration(body)
		want, werr := xmlcodec.RefDecodeInventory(body)
		if (err == nil) != (werr == nil) {
			t.Fatalf("error %v, reference error %v", err, werr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("decoded\n%+v\nreference\n%+v", got, want)
		}
		if err == nil && !reflect.DeepEqual(got.Clone(), want) {
			t.Fatalf("clone\n%+v\nreference\n%+v", got.Clone(), want)
		}
	})
}
