package compat

import (
	"slices"
	"testing"
)

// TestShapeComparison checks the comparison TestMotoXMLShapes relies on:
// namespace declarations, prefixes and whitespace do not count; names,
// namespaces, nesting, order and text do; and a moto deviation fix leaves
// every other difference visible.
func TestShapeComparison(t *testing.T) {
	base := `<R xmlns="urn:a" xmlns:x="urn:b"><A>1</A><B><C>2</C></B></R>`
	same := []string{
		"<R xmlns:x=\"urn:b\" xmlns=\"urn:a\">\n  <A>1</A>\n  <B>\n    <C>2</C>\n  </B>\n</R>\n",
		`<?xml version="1.0" encoding="UTF-8"?><p:R xmlns:p="urn:a"><p:A> 1 </p:A><p:B><p:C>2</p:C></p:B></p:R>`,
	}
	different := []string{
		`<R xmlns="urn:other"><A>1</A><B><C>2</C></B></R>`, // namespace
		`<R xmlns="urn:a"><A>1</A><B><D>2</D></B></R>`,     // element name
		`<R xmlns="urn:a"><B><C>2</C></B><A>1</A></R>`,     // order
		`<R xmlns="urn:a"><A>1</A><C>2</C></R>`,            // nesting
		`<R xmlns="urn:a"><A>9</A><B><C>2</C></B></R>`,     // text
		`<R xmlns="urn:a"><A>1</A><B><C>2</C></B><E/></R>`, // an extra empty element
	}
	want := parseXML(t, []byte(base)).lines()
	for _, doc := range same {
		if got := parseXML(t, []byte(doc)).lines(); !slices.Equal(got, want) {
			t.Errorf("%s\nshould compare equal to %s\n%s", doc, base, diffLines(got, want))
		}
	}
	for _, doc := range different {
		if got := parseXML(t, []byte(doc)).lines(); slices.Equal(got, want) {
			t.Errorf("%s\nshould differ from %s", doc, base)
		}
	}

	// Undoing moto's hard-coded All must not hide a wrong Format.
	const ns = `xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`
	fake := parseXML(t, []byte(`<InventoryConfiguration `+ns+`><Destination><S3BucketDestination><Format>CSV</Format></S3BucketDestination></Destination><IncludedObjectVersions>Current</IncludedObjectVersions></InventoryConfiguration>`))
	moto := parseXML(t, []byte(`<InventoryConfiguration `+ns+`><Destination><S3BucketDestination><Format>ORC</Format></S3BucketDestination></Destination><IncludedObjectVersions>All</IncludedObjectVersions></InventoryConfiguration>`))
	var fired []string
	for _, d := range motoDeviations {
		if d.fix(fake, moto) {
			fired = append(fired, d.name)
		}
	}
	if !slices.Equal(fired, []string{"included-versions-all"}) {
		t.Errorf("fixes that fired: %v, want [included-versions-all]", fired)
	}
	if slices.Equal(fake.lines(), moto.lines()) {
		t.Error("the Format difference was hidden by the deviation fixes")
	}
}
