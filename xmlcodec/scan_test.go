package xmlcodec

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// treeString renders a tree for failure messages: name"text"[children].
func treeString(n *node) string {
	if n == nil {
		return "<nil>"
	}
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		b.WriteString(n.name)
		b.WriteString(strconv.Quote(n.text))
		if len(n.children) > 0 {
			b.WriteByte('[')
			for i, c := range n.children {
				if i > 0 {
					b.WriteByte(' ')
				}
				walk(c)
			}
			b.WriteByte(']')
		}
	}
	walk(n)
	return b.String()
}

func equalTree(a, b *node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.name != b.name || a.text != b.text || len(a.children) != len(b.children) {
		return false
	}
	for i := range a.children {
		if !equalTree(a.children[i], b.children[i]) {
			return false
		}
	}
	return true
}

// fixtureDocuments returns every document under ../fixtures/xml. The
// fixtures package cannot be imported here: it imports xmlcodec.
func fixtureDocuments(tb testing.TB) map[string][]byte {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "fixtures", "xml", "*", "*.xml"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(paths) == 0 {
		tb.Fatal("no fixture documents found")
	}
	docs := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		docs[p] = data
	}
	return docs
}

// hostileSeeds are documents aimed at the corners of the grammar, for the
// fuzzer to start from.
var hostileSeeds = []string{
	"",
	" \n\t\r ",
	"<a/>",
	"<a></a>",
	"<a>x</a>",
	"\xef\xbb\xbf<a/>",
	"\xef\xbb\xbf\xef\xbb\xbf<a/>",
	"<a>\xef\xbb\xbf</a>",
	strings.Repeat("<a>", maxDepth) + strings.Repeat("</a>", maxDepth),
	strings.Repeat("<a>", maxDepth+1) + strings.Repeat("</a>", maxDepth+1),
	strings.Repeat("<a>", maxDepth-1) + "<b/>" + strings.Repeat("</a>", maxDepth-1),
	strings.Repeat("<a>", maxDepth) + "<b/>" + strings.Repeat("</a>", maxDepth),
	`<?xml version="1.0" encoding="UTF-8"?><a/>`,
	`<?xml version='1.0' encoding='utf-8' standalone='yes'?>` + "\n<a/>",
	`<?xml version = "1.0" ?><a/>`,
	`<?xml version="1.1"?><a/>`,
	`<?xml version="1.0" encoding="ISO-8859-1"?><a/>`,
	`<?xml version="1.0" encoding = "latin1"?><a/>`,
	`<?xml version="1.0"encoding="UTF-8"?><a/>`,
	`<?xml?><a/>`,
	` <?xml version="1.0"?><a/>`,
	`<!-- c --><?xml version="1.0"?><a/>`,
	`<?xml version="1.0"?><?xml version="1.0"?><a/>`,
	`<?xml-stylesheet href="x"?><a/>`,
	`<a/><?pi?>`,
	`<a><?pi x?></a>`,
	`<!DOCTYPE a><a/>`,
	`<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`,
	`<a><!DOCTYPE a></a>`,
	`<!ELEMENT a ANY><a/>`,
	`<a>&lt;&gt;&amp;&quot;&apos;</a>`,
	`<a>&#65;&#x42;&#x10FFFF;&#0000067;</a>`,
	`<a>&#0;</a>`,
	`<a>&#xD800;</a>`,
	`<a>&#xFFFE;</a>`,
	`<a>&#x110000;</a>`,
	`<a>&#X41;</a>`,
	`<a>&#;</a>`,
	`<a>&#x;</a>`,
	`<a>&lt</a>`,
	`<a>&e;</a>`,
	`<a>& b</a>`,
	`<a>]]></a>`,
	`<a>]]&gt;</a>`,
	`<a>]&#93;></a>`,
	`<a><![CDATA[<b>&amp;]]]></a>`,
	`<a>x<![CDATA[]]>y<!-- c -->z</a>`,
	"<a><![CDATA[\r\n\r]]></a>",
	"<a>\r\n\r&#13;\n</a>",
	`<![CDATA[ ]]><a/>`,
	`<a/><![CDATA[]]>`,
	`&#32;<a/>`,
	`<a/>&#10;`,
	"<a/>\u00a0",
	"\u00a0<a/>",
	"<a><b/>\u00a0</a>",
	"<a><b/>&#xA0;</a>",
	"<a>\n  <b>x</b>\n  <c/>\n</a>",
	`<a>t<b/></a>`,
	`<a><b/>t</a>`,
	`<a><!-- - --></a>`,
	`<a><!-- -- --></a>`,
	`<a><!-- ---></a>`,
	`<a><!----></a>`,
	"<a><!-- \xff --></a>",
	"<a><!-- \x01 --></a>",
	"<a>\xff</a>",
	"<a>\xed\xa0\x80</a>",
	"<a>\xef\xbf\xbe</a>",
	"<a>\x01</a>",
	"<\xc3\xa9/>",
	"<a\xc2\xb7/>",
	"<\xc2\xb7/>",
	"<a\xc2\xa0/>",
	"<a\xff/>",
	`<a xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><b/></a>`,
	`<a xmlns="http://example.com/"/>`,
	`<a xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><b xmlns="http://example.com/"/></a>`,
	`<a xmlns="http://example.com/"><b xmlns=""/></a>`,
	`<p:a xmlns:p="http://s3.amazonaws.com/doc/2006-03-01/"><p:b/></p:a>`,
	`<p:a xmlns:p="http://s3.amazonaws.com/doc/2006-03-01/"></q:a>`,
	`<p:a xmlns:p="http://example.com/"/>`,
	`<p:a/>`,
	`<p:a xmlns:p=""/>`,
	`<xml:a/>`,
	`<xmlns:a/>`,
	`<xmlns xmlns="http://example.com/"/>`,
	`<:a/>`,
	`<a:/>`,
	`<a:b:c/>`,
	`<a xmlns:p="http://s3.amazonaws.com/doc/2006-03-01&#47;"><p:b/></a>`,
	`<a xmlns="http://s3.amazonaws.com/doc/2006-03-01/" xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`,
	`<a xmlns:p="x"xmlns:q="y"/>`,
	`<a xmlns:p="xmlns" p:foo="bar"/>`,
	`<a foo="bar"/>`,
	`<a xml:lang="en"/>`,
	`<a xmlns:="x"/>`,
	`<a xmlns='x' />`,
	`<a xmlns=x/>`,
	`<a xmlns/>`,
	`<a xmlns="<"/>`,
	`<a xmlns="]]>"/>`,
	"<a xmlns=\"\r\n\"/>",
	`<a></b>`,
	`<a></a >`,
	`<a></ a>`,
	`</a>`,
	`<a>`,
	`<a/><b/>`,
	`<a/>x`,
	`x<a/>`,
	`< a/>`,
	`<1a/>`,
	`<a/ >`,
	`<a><b></a></b>`,
	`<xmlns:/>`,
	`<a` + manyDecls(maxScan) + ` xmlns:q="http://s3.amazonaws.com/doc/2006-03-01/"><q:b xmlns:p1=""><p1:c/></q:b><b xmlns:q="http://example.com/"><q:c/></b><q:d/></a>`,
	`<a` + manyDecls(maxScan+1) + ` xmlns:p3=""/>`,
	`<p:xmlns xmlns:p="http://s3.amazonaws.com/doc/2006-03-01/"/>`,
	`<a xmlns:xmlns="x"/>`,
	`<xmlns:b xmlns:xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`,
	`<a><b/>&#32;</a>`,
	`<a>&#13;<b/></a>`,
	`<a xmlns="&#x68;ttp://s3.amazonaws.com/doc/2006-03-01/"/>`,
	`<a xmlns:p="http://example.com/"><b xmlns:p="http://s3.amazonaws.com/doc/2006-03-01/"><p:c/></b></a>`,
	`<a xmlns:p="http://example.com/"><b xmlns:p="http://s3.amazonaws.com/doc/2006-03-01/"><p:c/></b><p:d/></a>`,
	`<a xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><b xmlns="http://example.com/" xmlns:p="http://s3.amazonaws.com/doc/2006-03-01/"><p:c/></b></a>`,
	`<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>report1</Id></InventoryConfiguration>`,
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InventoryConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\r\n  <Id>a&amp;b</Id>\r\n  <!-- note -->\r\n  <IsEnabled><![CDATA[true]]></IsEnabled>\r\n</InventoryConfiguration>\r\n",
}

// The scanner and the encoding/xml oracle agree on every input: both refuse
// it with a *MalformedError, or both accept it and build the same tree.
func FuzzParseTree(f *testing.F) {
	for _, data := range fixtureDocuments(f) {
		f.Add(data)
	}
	for _, s := range hostileSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := string(data)
		got, gotErr := parseTree(data)
		if string(data) != in {
			t.Fatal("parseTree modified its input")
		}
		want, wantErr := parseTreeOracle(data)
		var m *MalformedError
		if gotErr != nil && !errors.As(gotErr, &m) {
			t.Fatalf("parseTree error %T %v is not a *MalformedError", gotErr, gotErr)
		}
		switch {
		case gotErr != nil && wantErr == nil:
			t.Fatalf("parseTree refuses what the oracle accepts: %v\ninput %q\noracle %s", gotErr, data, treeString(want))
		case gotErr == nil && wantErr != nil:
			t.Fatalf("parseTree accepts what the oracle refuses: %v\ninput %q\ntree %s", wantErr, data, treeString(got))
		case gotErr == nil && !equalTree(got, want):
			t.Fatalf("trees differ for %q\nscanner %s\noracle  %s", data, treeString(got), treeString(want))
		}
	})
}

// manyDecls declares n foreign prefixes p0 ... p(n-1), more than the
// scanner searches linearly.
func manyDecls(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(" xmlns:p" + strconv.Itoa(i) + `="http://example.com/` + strconv.Itoa(i) + `"`)
	}
	return b.String()
}

// Each class of malformed document is refused by the scanner, and by the
// oracle too.
func TestParseTreeRejects(t *testing.T) {
	cases := map[string]string{
		"empty":                          "",
		"whitespace only":                " \r\n\t",
		"bom only":                       "\xef\xbb\xbf",
		"no root, comment only":          "<!-- c -->",
		"doctype":                        `<!DOCTYPE a><a/>`,
		"doctype with entity":            `<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`,
		"entity declaration":             `<!ENTITY e "x"><a/>`,
		"directive inside":               `<a><!ELEMENT a ANY></a>`,
		"undefined entity":               `<a>&e;</a>`,
		"entity without semicolon":       `<a>&amp</a>`,
		"bare ampersand":                 `<a>a & b</a>`,
		"char ref to NUL":                `<a>&#0;</a>`,
		"char ref to surrogate":          `<a>&#xDFFF;</a>`,
		"char ref to FFFE":               `<a>&#xFFFE;</a>`,
		"char ref beyond unicode":        `<a>&#1114112;</a>`,
		"char ref huge":                  `<a>&#99999999999999999999999;</a>`,
		"char ref uppercase X":           `<a>&#X41;</a>`,
		"char ref empty":                 `<a>&#;</a>`,
		"char ref in attribute":          `<a xmlns="&#xD800;"/>`,
		"processing instruction":         `<?php echo 1 ?><a/>`,
		"processing instruction inside":  `<a><?pi?></a>`,
		"processing instruction after":   `<a/><?pi?>`,
		"xml declaration not first":      ` <?xml version="1.0"?><a/>`,
		"xml declaration after comment":  `<!-- c --><?xml version="1.0"?><a/>`,
		"xml declaration twice":          `<?xml version="1.0"?><?xml version="1.0"?><a/>`,
		"xml declaration inside":         `<a><?xml version="1.0"?></a>`,
		"xml declaration no version":     `<?xml encoding="UTF-8"?><a/>`,
		"xml declaration empty":          `<?xml?><a/>`,
		"xml declaration version 1.1":    `<?xml version="1.1"?><a/>`,
		"xml declaration latin1":         `<?xml version="1.0" encoding="ISO-8859-1"?><a/>`,
		"xml declaration spaced latin1":  `<?xml version="1.0" encoding = "latin1"?><a/>`,
		"xml declaration no space":       `<?xml version="1.0"encoding="UTF-8"?><a/>`,
		"xml declaration wrong order":    `<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>`,
		"xml declaration standalone bad": `<?xml version="1.0" standalone="maybe"?><a/>`,
		"xml declaration unknown":        `<?xml version="1.0" foo="bar"?><a/>`,
		"xml declaration uppercase":      `<?XML version="1.0"?><a/>`,
		"foreign default namespace":      `<a xmlns="http://example.com/"/>`,
		"foreign child namespace":        `<a><b xmlns="http://example.com/"/></a>`,
		"foreign prefix":                 `<p:a xmlns:p="http://example.com/"/>`,
		"undeclared prefix":              `<p:a/>`,
		"prefix out of scope":            `<a><b xmlns:p="http://s3.amazonaws.com/doc/2006-03-01/"/><p:c/></a>`,
		"rebound prefix out of scope":    `<a xmlns:p="http://example.com/"><b xmlns:p="http://s3.amazonaws.com/doc/2006-03-01/"/><p:c/></a>`,
		"xml prefix":                     `<xml:a/>`,
		"xmlns prefix":                   `<xmlns:a/>`,
		"two colons":                     `<a:b:c/>`,
		"ordinary attribute":             `<a foo="bar"/>`,
		"xml:lang attribute":             `<a xml:lang="en"/>`,
		"prefixed attribute":             `<a xmlns:p="http://s3.amazonaws.com/doc/2006-03-01/" p:foo="bar"/>`,
		"attribute via xmlns binding":    `<a xmlns:p="xmlns" p:foo="bar"/>`,
		"empty xmlns prefix":             `<a xmlns:="x"/>`,
		"duplicate attribute":            `<a xmlns="" xmlns=""/>`,
		"duplicate prefix":               `<a xmlns:p="" xmlns:p=""/>`,
		"no space between attributes":    `<a xmlns:p=""xmlns:q=""/>`,
		"unquoted attribute":             `<a xmlns=x/>`,
		"attribute without value":        `<a xmlns/>`,
		"lt in attribute":                `<a xmlns="<"/>`,
		"unterminated attribute":         `<a xmlns="`,
		"mixed content before":           `<a>t<b/></a>`,
		"mixed content after":            `<a><b/>t</a>`,
		"mixed content nbsp":             "<a><b/>\u00a0</a>",
		"mixed content nbsp reference":   `<a><b/>&#xA0;</a>`,
		"mixed content cdata":            `<a><b/><![CDATA[t]]></a>`,
		"two roots":                      `<a/><b/>`,
		"text before root":               `x<a/>`,
		"text after root":                `<a/>x`,
		"nbsp after root":                "<a/>\u00a0",
		"reference before root":          `&#32;<a/>`,
		"reference after root":           `<a/>&#10;`,
		"cdata before root":              `<![CDATA[ ]]><a/>`,
		"cdata after root":               `<a/><![CDATA[]]>`,
		"second bom":                     "\xef\xbb\xbf\xef\xbb\xbf<a/>",
		"cdata end in text":              `<a>]]></a>`,
		"unterminated cdata":             `<a><![CDATA[x</a>`,
		"lowercase cdata":                `<a><![cdata[x]]></a>`,
		"double hyphen in comment":       `<a><!-- -- --></a>`,
		"comment ending in hyphen":       `<a><!-- ---></a>`,
		"unterminated comment":           `<a/><!-- x`,
		"bad comment opener":             `<a><!-x--></a>`,
		"invalid utf8 in text":           "<a>\xff</a>",
		"invalid utf8 in comment":        "<a/><!-- \xff -->",
		"invalid utf8 in name":           "<a\xff/>",
		"invalid utf8 in attribute":      "<a xmlns=\"\xff\"/>",
		"utf8 surrogate":                 "<a>\xed\xa0\x80</a>",
		"overlong utf8":                  "<a>\xc0\xaf</a>",
		"control char in text":           "<a>\x01</a>",
		"control char in comment":        "<a/><!-- \x0b -->",
		"NUL in cdata":                   "<a><![CDATA[\x00]]></a>",
		"FFFF in text":                   "<a>\xef\xbf\xbf</a>",
		"name starting with digit":       `<1a/>`,
		"name starting with hyphen":      `<-a/>`,
		"name starting with middle dot":  "<\xc2\xb7/>",
		"nbsp in name":                   "<a\xc2\xa0/>",
		"space after lt":                 `< a/>`,
		"space after end lt":             `<a></ a>`,
		"space before slash-gt":          `<a/ >`,
		"mismatched end tag":             `<a></b>`,
		"mismatched end prefix":          `<p:a xmlns:p="" xmlns:q=""></q:a>`,
		"crossed end tags":               `<a><b></a></b>`,
		"end tag only":                   `</a>`,
		"unclosed":                       `<a>`,
		"unclosed child":                 `<a><b></a>`,
		"truncated start tag":            `<a`,
		"lone lt":                        `<`,
		"many declarations, duplicate":   `<a` + manyDecls(40) + ` xmlns:p7=""/>`,
		"many declarations, foreign":     `<a` + manyDecls(40) + `><p3:b/></a>`,
		"many declarations, restored":    `<a` + manyDecls(40) + ` xmlns:q="http://example.com/"><b xmlns:q="http://s3.amazonaws.com/doc/2006-03-01/"><q:c/></b><q:d/></a>`,
		"deep nesting":                   strings.Repeat("<a>", maxDepth+1) + strings.Repeat("</a>", maxDepth+1),
		"deep empty element":             strings.Repeat("<a>", maxDepth) + "<b/>" + strings.Repeat("</a>", maxDepth),
		"very deep nesting":              strings.Repeat("<a>", 10000) + strings.Repeat("</a>", 10000),
		"too many elements":              "<r>" + strings.Repeat("<a/>", maxElements) + "</r>",
	}
	for name, doc := range cases {
		t.Run(name, func(t *testing.T) {
			n, err := parseTree([]byte(doc))
			var m *MalformedError
			if !errors.As(err, &m) {
				t.Fatalf("parseTree(%q) = %s, %v; want a *MalformedError", doc, treeString(n), err)
			}
			if n, err := parseTreeOracle([]byte(doc)); err == nil {
				t.Fatalf("oracle accepts %q: %s", doc, treeString(n))
			}
		})
	}
}

// Documents in the subset are accepted, and the tree is what the oracle
// builds.
func TestParseTreeAccepts(t *testing.T) {
	cases := map[string]struct{ doc, tree string }{
		"empty element":                    {`<a/>`, `a""`},
		"text":                             {`<a>x y</a>`, `a"x y"`},
		"bom":                              {"\xef\xbb\xbf<a/>", `a""`},
		"xml declaration":                  {`<?xml version="1.0" encoding="UTF-8"?>` + "\n<a/>", `a""`},
		"xml declaration loose":            {`<?xml version = '1.0'  encoding='utf-8' standalone="no" ?><a/>`, `a""`},
		"comments around":                  {"<!-- a -->\n<a/>\n<!-- b -->\n", `a""`},
		"comment inside":                   {`<a>x<!-- c -->y</a>`, `a"xy"`},
		"empty comment":                    {`<a><!----></a>`, `a""`},
		"entities":                         {`<a>&lt;&gt;&amp;&quot;&apos;</a>`, `a"<>&\"'"`},
		"char refs":                        {`<a>&#65;&#x42;&#x10FFFF;&#0000067;&#13;</a>`, `a"AB\U0010ffffC\r"`},
		"cdata":                            {`<a>x<![CDATA[<b>&amp;]]]>y</a>`, `a"x<b>&amp;]y"`},
		"cr normalization":                 {"<a>1\r\n2\r3\n<![CDATA[\r\n\r]]></a>", `a"1\n2\n3\n\n\n"`},
		"gt in text":                       {`<a>a>b ]] ]>]</a>`, `a"a>b ]] ]>]"`},
		"children":                         {"<a>\n <b>1</b>\n <c/>\n</a>", `a"\n \n \n"[b"1" c""]`},
		"end tag space":                    {"<a></a \n>", `a""`},
		"start tag space":                  {"<a\n/>", `a""`},
		"s3 default namespace":             {`<a xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><b/></a>`, `a""[b""]`},
		"s3 prefix":                        {`<p:a xmlns:p="http://s3.amazonaws.com/doc/2006-03-01/"><p:b/><c/></p:a>`, `a""[b"" c""]`},
		"empty default namespace":          {`<a xmlns=""/>`, `a""`},
		"escaped namespace":                {`<a xmlns="http://s3.amazonaws.com/doc/2006-03-01&#47;"/>`, `a""`},
		"empty prefix binding":             {`<p:a xmlns:p=""/>`, `a""`},
		"leading colon":                    {`<:a/>`, `:a""`},
		"trailing colon":                   {`<a:/>`, `a:""`},
		"element named xmlns":              {`<xmlns xmlns="http://example.com/"/>`, `xmlns""`},
		"non-ascii names":                  {"<\xc3\xa9t\xc3\xa9\xc2\xb7/>", "\xc3\xa9t\xc3\xa9\xc2\xb7\"\""},
		"max depth":                        {strings.Repeat("<a>", maxDepth) + strings.Repeat("</a>", maxDepth), ""},
		"max elements":                     {"<r>" + strings.Repeat("<a/>", maxElements-1) + "</r>", ""},
		"attribute value with gt":          {`<a xmlns:p="]]>"/>`, `a""`},
		"many declarations":                {`<a` + manyDecls(40) + ` xmlns:q="http://s3.amazonaws.com/doc/2006-03-01/"><q:b xmlns:p1="http://s3.amazonaws.com/doc/2006-03-01/"><p1:c/></q:b><b xmlns:q="http://example.com/"><c/></b><q:d/></a>`, `a""[b""[c""] b""[c""] d""]`},
		"many declarations, many elements": {`<a` + manyDecls(20000) + `>` + strings.Repeat(`<b/>`, maxElements-1) + `</a>`, ""},
		"prefix rebound in scope":          {`<a xmlns:p="http://example.com/"><b xmlns:p="http://s3.amazonaws.com/doc/2006-03-01/"><p:c/></b></a>`, `a""[b""[c""]]`},
		"local name xmlns":                 {`<p:xmlns xmlns:p="http://s3.amazonaws.com/doc/2006-03-01/"/>`, `xmlns""`},
		"whitespace references":            {`<a>&#13;<b/>&#32;</a>`, `a"\r "[b""]`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := parseTree([]byte(c.doc))
			if err != nil {
				t.Fatalf("parseTree(%q): %v", c.doc, err)
			}
			want, err := parseTreeOracle([]byte(c.doc))
			if err != nil {
				t.Fatalf("oracle(%q): %v", c.doc, err)
			}
			if !equalTree(got, want) {
				t.Fatalf("scanner %s, oracle %s", treeString(got), treeString(want))
			}
			if c.tree != "" && treeString(got) != c.tree {
				t.Fatalf("tree %s, want %s", treeString(got), c.tree)
			}
		})
	}
}

// The tree does not share memory with the input.
func TestParseTreeCopiesInput(t *testing.T) {
	data := []byte(`<a><b>xyz</b></a>`)
	n, err := parseTree(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range data {
		data[i] = 'Q'
	}
	if got := treeString(n); got != `a""[b"xyz"]` {
		t.Fatalf("tree changed with the input: %s", got)
	}
}

// decodesName reports whether encoding/xml accepts doc as one element.
func decodesName(doc string) bool {
	dec := xml.NewDecoder(strings.NewReader(doc))
	dec.Strict = true
	sawElement := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return sawElement
		}
		if err != nil {
			return false
		}
		if _, ok := tok.(xml.StartElement); ok {
			sawElement = true
		}
	}
}

// The generated name tables (and the ASCII classes) agree with encoding/xml
// on every character, both as the first character of a name and after it.
func TestNameTablesMatchEncodingXML(t *testing.T) {
	step := rune(1)
	if testing.Short() {
		step = 97
	}
	for r := rune(0); r <= unicode.MaxRune; r += step {
		if !utf8.ValidRune(r) {
			continue
		}
		// Probes with a letter after r, so that an ASCII r that cannot be
		// part of a name ends it and the document does not parse.
		if got, want := validName(string(r)+"a"), decodesName("<"+string(r)+"a/>"); got != want {
			t.Errorf("%U as first character: scanner %v, encoding/xml %v", r, got, want)
		}
		if got, want := validName("a"+string(r)+"b"), decodesName("<a"+string(r)+"b/>"); got != want {
			t.Errorf("%U after the first character: scanner %v, encoding/xml %v", r, got, want)
		}
	}
}

func BenchmarkParseTree(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "fixtures", "xml", "valid", "every-field.xml"))
	if err != nil {
		b.Fatal(err)
	}
	for _, impl := range []struct {
		name  string
		parse func([]byte) (*node, error)
	}{{"scanner", parseTree}, {"encoding-xml", parseTreeOracle}} {
		b.Run(impl.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := impl.parse(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecodeInventoryConfiguration(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "fixtures", "xml", "valid", "every-field.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeInventoryConfiguration(data); err != nil {
			b.Fatal(err)
		}
	}
}
