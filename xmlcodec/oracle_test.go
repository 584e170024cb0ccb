package xmlcodec

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// parseTreeOracle is the encoding/xml-based parser that the hand-written
// scanner replaced, kept as the reference for FuzzParseTree and the unit
// tests.
//
// encoding/xml (Strict) is more lenient than the rules parseTree enforces in
// a few places. Where it is, the rule wins and the oracle applies it with an
// independent check on the raw bytes of the token (found with
// Decoder.InputOffset); each such check is marked "Rule:" below:
//
//  1. Invalid UTF-8 and characters outside XML's Char production are refused
//     anywhere, not only in character data: encoding/xml does not check
//     comments or processing instructions.
//  2. The only processing instruction is the XML declaration, once, at the
//     very start, with XML 1.0's grammar (version="1.0" required, then
//     optional encoding, which must be UTF-8 in any case, then optional
//     standalone="yes"|"no"). encoding/xml takes <?xml?> anywhere before the
//     root, several times, and reads its pseudo-attributes loosely (it
//     misses encoding = "latin1" with spaces around =).
//  3. Outside the root only XML whitespace (space, tab, CR, LF) and comments
//     are allowed. encoding/xml hands back references (&#32;) and CDATA
//     sections there as character data, and the old code tested it with
//     bytes.TrimSpace, which also strips Unicode spaces such as U+00A0.
//  4. Start tags need whitespace between attributes, must not repeat an
//     attribute, and an attribute is a namespace declaration only if it is
//     written xmlns or xmlns:p. encoding/xml accepts <a xmlns="x"xmlns:p="y">,
//     repeated attributes (the last wins) and, after xmlns:p="xmlns", an
//     ordinary attribute p:foo, whose translated name then looks like a
//     declaration.
//  5. A character reference must name an XML character: encoding/xml turns
//     &#xD800; (a surrogate) into U+FFFD instead of refusing it.
//  6. Mixed content is non-whitespace text in an element with children,
//     whitespace being XML's (the old code used strings.TrimSpace, so
//     <a><b/>&#xA0;</a> passed).
//
// Namespace resolution is encoding/xml's, quirks included: an undeclared
// prefix or the xml and xmlns prefixes put an element in a foreign
// namespace, xmlns:p="" makes p:x a no-namespace element, a leading or
// trailing colon is part of the local name, and an element named xmlns is in
// no namespace whatever the default.
func parseTreeOracle(data []byte) (*node, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark is an encoding signature, not content
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, malformed("empty body")
	}
	// Rule 1.
	if !oracleAllChars(data) {
		return nil, malformed("invalid UTF-8 or illegal character")
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var (
		root     *node
		stack    []*node
		texts    []*strings.Builder
		elements int
	)
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, malformed("%v", err)
		}
		raw := data[before:dec.InputOffset()]
		switch t := tok.(type) {
		case xml.ProcInst:
			if t.Target != "xml" || root != nil || elements > 0 {
				return nil, malformed("processing instruction %q", t.Target)
			}
			// Rule 2.
			if before != 0 || !oracleXMLDecl(raw) {
				return nil, malformed("XML declaration %q", raw)
			}
		case xml.Directive:
			return nil, malformed("directive not allowed")
		case xml.Comment:
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return nil, malformed("more than one root element")
			}
			if len(stack) >= maxDepth {
				return nil, malformed("nesting deeper than %d", maxDepth)
			}
			if elements++; elements > maxElements {
				return nil, malformed("more than %d elements", maxElements)
			}
			if t.Name.Space != "" && t.Name.Space != Namespace {
				return nil, malformed("element %s in namespace %q", t.Name.Local, t.Name.Space)
			}
			for _, a := range t.Attr {
				if a.Name.Space != "xmlns" && !(a.Name.Space == "" && a.Name.Local == "xmlns") && !oracleXSIType(t.Name.Local, a.Name) {
					return nil, malformed("attribute %s on %s", a.Name.Local, t.Name.Local)
				}
			}
			// Rules 4 and 5.
			if err := oracleStartTag(raw); err != nil {
				return nil, err
			}
			if oracleSurrogateRef(raw) {
				return nil, malformed("reference to a surrogate")
			}
			n := &node{name: t.Name.Local}
			if len(stack) == 0 {
				root = n
			} else {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, n)
			}
			stack = append(stack, n)
			texts = append(texts, &strings.Builder{})
		case xml.EndElement:
			n := stack[len(stack)-1]
			n.text = texts[len(texts)-1].String()
			// Rule 6.
			if len(n.children) > 0 && strings.Trim(n.text, " \t\r\n") != "" {
				return nil, malformed("mixed content in %s", n.name)
			}
			stack, texts = stack[:len(stack)-1], texts[:len(texts)-1]
		case xml.CharData:
			if len(stack) == 0 {
				// Rule 3.
				if len(bytes.Trim(raw, " \t\r\n")) != 0 {
					return nil, malformed("text outside the root element")
				}
				continue
			}
			// Rule 5.
			if !bytes.HasPrefix(raw, []byte("<![CDATA[")) && oracleSurrogateRef(raw) {
				return nil, malformed("reference to a surrogate")
			}
			texts[len(texts)-1].Write(t)
		}
	}
	if root == nil {
		return nil, malformed("no root element")
	}
	return root, nil
}

// oracleAllChars is rule 1: data is UTF-8 and every character is a Char.
func oracleAllChars(data []byte) bool {
	if !utf8.Valid(data) {
		return false
	}
	for _, r := range string(data) {
		ok := r == 0x9 || r == 0xA || r == 0xD ||
			0x20 <= r && r <= 0xD7FF ||
			0xE000 <= r && r <= 0xFFFD ||
			0x10000 <= r && r <= 0x10FFFF
		if !ok {
			return false
		}
	}
	return true
}

const oracleS = `[ \t\r\n]`

var oracleXMLDeclRE = regexp.MustCompile(`^<\?xml` +
	oracleS + `+version` + oracleS + `*=` + oracleS + `*(?:"1\.0"|'1\.0')` +
	`(?:` + oracleS + `+encoding` + oracleS + `*=` + oracleS + `*(?:"([^"]*)"|'([^']*)'))?` +
	`(?:` + oracleS + `+standalone` + oracleS + `*=` + oracleS + `*(?:"(?:yes|no)"|'(?:yes|no)'))?` +
	oracleS + `*\?>$`)

// oracleXMLDecl is rule 2's grammar.
func oracleXMLDecl(raw []byte) bool {
	m := oracleXMLDeclRE.FindSubmatch(raw)
	if m == nil {
		return false
	}
	switch {
	case m[1] != nil:
		return strings.EqualFold(string(m[1]), "UTF-8")
	case m[2] != nil:
		return strings.EqualFold(string(m[2]), "UTF-8")
	}
	return true
}

var (
	oracleAttrRE = oracleS + `+([^ \t\r\n=/>"']+)` + oracleS + `*=` + oracleS + `*(?:"[^"]*"|'[^']*')`
	oracleTagRE  = regexp.MustCompile(`^<[^ \t\r\n=/>"']+((?:` + oracleAttrRE + `)*)` + oracleS + `*/?>$`)
	oracleAttrs  = regexp.MustCompile(oracleAttrRE)
)

// oracleStartTag is rule 4, on a raw start tag.
func oracleStartTag(raw []byte) error {
	m := oracleTagRE.FindSubmatch(raw)
	if m == nil {
		return malformed("start tag %q", raw)
	}
	seen := map[string]bool{}
	types := 0 // a Grantee's one xsi:type
	tag := string(raw[1:])
	if i := strings.IndexAny(tag, " \t\r\n/>"); i >= 0 {
		tag = tag[:i]
	}
	if i := strings.IndexByte(tag, ':'); i > 0 && i < len(tag)-1 {
		tag = tag[i+1:]
	}
	for _, a := range oracleAttrs.FindAllSubmatch(m[1], -1) {
		name := string(a[1])
		if prefix, ok := strings.CutSuffix(name, ":type"); ok && types == 0 &&
			oracleXSIType(tag, xml.Name{Space: prefix, Local: "type"}) {
			types++
			continue
		}
		if name != "xmlns" && !(strings.HasPrefix(name, "xmlns:") && len(name) > len("xmlns:")) {
			return malformed("attribute %s is not a namespace declaration", name)
		}
		if seen[name] {
			return malformed("duplicate attribute %s", name)
		}
		seen[name] = true
	}
	return nil
}

// oracleXSIType reports the attribute the scanner allows besides namespace
// declarations: a prefixed type on Grantee (an ACL's xsi:type).
func oracleXSIType(element string, a xml.Name) bool {
	return element == "Grantee" && a.Local == "type" && a.Space != "" && a.Space != "xmlns"
}

var oracleCharRefRE = regexp.MustCompile(`&#(?:x([0-9a-fA-F]+)|([0-9]+));`)

// oracleSurrogateRef is rule 5: raw (character data or a start tag, never
// a CDATA section) holds a character reference to a surrogate.
func oracleSurrogateRef(raw []byte) bool {
	for _, m := range oracleCharRefRE.FindAllSubmatch(raw, -1) {
		var n uint64
		var err error
		if m[1] != nil {
			n, err = strconv.ParseUint(string(m[1]), 16, 64)
		} else {
			n, err = strconv.ParseUint(string(m[2]), 10, 64)
		}
		if err == nil && 0xD800 <= n && n <= 0xDFFF {
			return true
		}
	}
	return false
}
