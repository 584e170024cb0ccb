package xmlcodec

//go:generate go run gen_nametables.go

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// This file is a strict, allocation-light XML scanner for request documents.
// It accepts the subset of XML 1.0 that an S3 request document can use and
// builds the element tree in one pass over the body:
//
//   - an optional XML declaration at the very start (after a UTF-8 byte order
//     mark, which is dropped): <?xml version="1.0"?>, optionally with
//     encoding="UTF-8" (any case) and standalone="yes"|"no", in that order;
//   - comments and whitespace before and after the root element;
//   - one root element; elements with character data, the five predefined
//     entity references, character references to XML characters, CDATA
//     sections and comments as content;
//   - namespace declarations (xmlns, xmlns:p) as the only attributes, resolved
//     as encoding/xml resolves them; every element must end up in no
//     namespace or in Namespace.
//
// Everything else is a *MalformedError: DTDs and other <! directives,
// processing instructions, other attributes, duplicate attributes, missing
// whitespace between attributes, undefined entities, text or references
// outside the root, a second root, mixed content, "]]>" in text, invalid
// UTF-8 or a character outside XML's Char production anywhere (comments
// included), nesting deeper than maxDepth and more than maxElements
// elements. Names follow encoding/xml: XML 1.0 name characters (the
// non-ASCII ones are in nametables.go), at most one colon.
//
// The document is copied into one string; names and texts that need no
// decoding are substrings of it, nodes and children lists come from arenas.

// Byte classes.
const (
	cNameStart = 1 << iota // may start a name: ASCII letter, '_', ':'
	cName                  // may continue a name: cNameStart, digit, '.', '-'
	cSpace                 // XML's S: space, tab, CR, LF
	cPlain                 // character data byte that needs no attention
	cNameRun               // delimited as part of a name: cName or non-ASCII
)

var class = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		switch {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', b == '_', b == ':':
			t[c] |= cNameStart | cName
		case '0' <= b && b <= '9', b == '.', b == '-':
			t[c] |= cName
		}
		if t[c]&cName != 0 || b >= utf8.RuneSelf {
			t[c] |= cNameRun
		}
		switch b {
		case ' ', '\t', '\r', '\n':
			t[c] |= cSpace
		}
		// '<' and '&' start markup, ']' may start "]]>", '\r' is
		// normalized, other controls and non-ASCII bytes are checked.
		if (b >= 0x20 && b < 0x80 && b != '<' && b != '&' && b != ']') || b == '\t' || b == '\n' {
			t[c] |= cPlain
		}
	}
	return t
}()

// isChar reports whether r is in XML 1.0's Char production.
func isChar(r rune) bool {
	switch {
	case r < 0x20:
		return r == '\t' || r == '\n' || r == '\r'
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false
	case r <= 0xFFFD:
		return true
	default:
		return r >= 0x10000 && r <= unicode.MaxRune
	}
}

// validChars reports whether s is valid UTF-8 made of XML characters.
func validChars(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && class[c]&cSpace == 0 {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !isChar(r) {
			return false
		}
		i += n
	}
	return true
}

// isSpace reports whether s is made of XML whitespace only.
func isSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if class[s[i]]&cSpace == 0 {
			return false
		}
	}
	return true
}

// validName reports whether s, delimited like encoding/xml delimits names,
// is a name: a start character and then name characters.
func validName(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if i == 0 && class[c]&cNameStart == 0 || class[c]&cName == 0 {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		if i == 0 && !unicode.Is(nameStartNonASCII, r) || !unicode.Is(nameCharNonASCII, r) {
			return false
		}
		i += n
	}
	return len(s) > 0
}

// xmlDeclLen returns the length of the XML declaration s starts with, or -1
// when s does not start with a valid one.
func xmlDeclLen(s string) int {
	if !strings.HasPrefix(s, "<?xml") {
		return -1
	}
	i := len("<?xml")
	// pseudoAttr consumes S name S? = S? quoted-value at i if the value
	// passes ok.
	pseudoAttr := func(name string, ok func(string) bool) bool {
		j := skipSpace(s, i)
		if j == i || !strings.HasPrefix(s[j:], name) {
			return false
		}
		j = skipSpace(s, j+len(name))
		if j >= len(s) || s[j] != '=' {
			return false
		}
		j = skipSpace(s, j+1)
		if j >= len(s) || s[j] != '"' && s[j] != '\'' {
			return false
		}
		end := strings.IndexByte(s[j+1:], s[j])
		if end < 0 || !ok(s[j+1:j+1+end]) {
			return false
		}
		i = j + 1 + end + 1
		return true
	}
	if !pseudoAttr("version", func(v string) bool { return v == "1.0" }) {
		return -1
	}
	pseudoAttr("encoding", func(v string) bool { return strings.EqualFold(v, "UTF-8") })
	pseudoAttr("standalone", func(v string) bool { return v == "yes" || v == "no" })
	i = skipSpace(s, i)
	if !strings.HasPrefix(s[i:], "?>") {
		return -1
	}
	return i + 2
}

func skipSpace(s string, i int) int {
	for i < len(s) && class[s[i]]&cSpace != 0 {
		i++
	}
	return i
}

// nsClass is what a namespace name is to us.
type nsClass uint8

const (
	nsNone  nsClass = iota // the empty namespace name
	nsS3                   // Namespace
	nsOther                // anything else
)

func classify(uri string) nsClass {
	switch uri {
	case "":
		return nsNone
	case Namespace:
		return nsS3
	}
	return nsOther
}

// The parser's stacks hold offsets into the document and indexes into the
// node arena rather than strings and pointers: they live in a pooled heap
// object, and pointer-free writes there cost no GC write barrier.

// binding is one namespace declaration in scope: prefix s[pa:pb], "" for
// the default namespace. prev is the binding of the same prefix it hides
// (-1 for none), kept only while p.scope is in use.
type binding struct {
	pa, pb int
	prev   int
	ns     nsClass
}

// maxScan is how many bindings are searched linearly; with more in scope,
// p.scope indexes them so that hostile documents declaring thousands of
// prefixes stay linear.
const maxScan = 16

// frame is an open element.
type frame struct {
	n        int // index in nodes
	qa, qb   int // its name as written, s[qa:qb], for the end tag
	kidsMark int // len(pending) when it opened
	nsMark   int // len(bindings) before its declarations
	// Its text so far: s[ta:tb] while it is one undecoded slice of the
	// document, else bufs[depth].
	ta, tb   int
	buffered bool
}

type parser struct {
	s        string
	pos      int
	nodes    []node          // arena; see startTag
	kids     []*node         // arena of children lists
	pending  []int           // children of the open elements, in document order
	frames   [maxDepth]frame // the open elements, frames[:depth]
	depth    int
	bindings []binding
	scope    map[string]int   // innermost binding of each prefix; nil until needed
	bufs     [maxDepth][]byte // decoded text per depth
	abuf     []byte           // decoded attribute value
	// Arenas that withTree lends to one document at a time and takes
	// back, cleared; parseTree's trees outlive the parser and never use
	// them.
	spareNodes []node
	spareKids  []*node
}

// parseTree parses data into elements, refusing anything an S3 request
// document never contains: DTDs and entities, processing instructions other
// than the XML declaration, foreign namespaces, attributes other than
// namespace declarations, mixed content, several roots, deep nesting (see
// the top of this file).
func parseTree(data []byte) (*node, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark is an encoding signature, not content
	p := parsers.Get().(*parser)
	defer p.release()
	p.s = string(data)
	if isSpace(p.s) {
		return nil, malformed("empty body")
	}
	// Elements with an end tag take two '<': size the arenas for those,
	// capped against hostile input; they grow if needed.
	n := min(strings.Count(p.s, "<")/2+1, 1024)
	p.nodes = make([]node, 0, n)
	p.kids = make([]*node, 0, n)
	if err := p.document(); err != nil {
		return nil, err
	}
	return &p.nodes[0], nil
}

// withTree parses data like parseTree and calls f with the root. The tree
// lives in the pooled parser's arenas until f returns, so f must not keep
// a node (the strings it takes from them are its own): a decoder that
// builds its model inside f allocates no tree.
func withTree(data []byte, f func(root *node) error) error {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	p := parsers.Get().(*parser)
	defer p.release()
	p.s = string(data)
	if isSpace(p.s) {
		return malformed("empty body")
	}
	n := min(strings.Count(p.s, "<")/2+1, 1024)
	p.nodes, p.kids = p.spareNodes[:0], p.spareKids[:0]
	if cap(p.nodes) < n {
		p.nodes = make([]node, 0, n)
	}
	if cap(p.kids) < n {
		p.kids = make([]*node, 0, n)
	}
	defer p.keepArenas()
	if err := p.document(); err != nil {
		return err
	}
	return f(&p.nodes[0])
}

// keepArenas takes back withTree's arenas, cleared (startTag counts on
// unused nodes being zero), unless a hostile document made them large.
func (p *parser) keepArenas() {
	clear(p.nodes)
	clear(p.kids)
	p.spareNodes, p.spareKids = nil, nil
	if cap(p.nodes) <= 1024 {
		p.spareNodes = p.nodes[:0]
	}
	if cap(p.kids) <= 1024 {
		p.spareKids = p.kids[:0]
	}
}

// parsers recycles the parsers' stacks and buffers.
var parsers = sync.Pool{New: func() any { return new(parser) }}

// release returns p to the pool, keeping its stacks and buffers but no
// reference to the document or the tree.
func (p *parser) release() {
	p.s, p.pos, p.depth = "", 0, 0
	p.nodes, p.kids = nil, nil
	p.pending, p.bindings, p.scope = keepInts(p.pending), p.bindings[:0], nil
	if cap(p.bindings) > 1024 {
		p.bindings = nil
	}
	for i, b := range p.bufs {
		p.bufs[i] = keep(b)
	}
	p.abuf = keep(p.abuf)
	parsers.Put(p)
}

// keep returns b emptied, or nil when it is too large to keep in the pool.
func keep(b []byte) []byte {
	if cap(b) > 64<<10 {
		return nil
	}
	return b[:0]
}

func keepInts(b []int) []int {
	if cap(b) > 1024 {
		return nil
	}
	return b[:0]
}

// lookup returns the innermost binding of prefix, or -1.
func (p *parser) lookup(prefix string) int {
	if p.scope != nil {
		if i, ok := p.scope[prefix]; ok {
			return i
		}
		return -1
	}
	for i := len(p.bindings) - 1; i >= 0; i-- {
		if b := p.bindings[i]; p.s[b.pa:b.pb] == prefix {
			return i
		}
	}
	return -1
}

// bind pushes b, the declaration of prefix.
func (p *parser) bind(prefix string, b binding) {
	p.bindings = append(p.bindings, b)
	switch {
	case p.scope != nil:
		i := len(p.bindings) - 1
		p.bindings[i].prev = p.lookup(prefix)
		p.scope[prefix] = i
	case len(p.bindings) > maxScan:
		p.scope = make(map[string]int, len(p.bindings))
		for i := range p.bindings {
			b := &p.bindings[i]
			pre := p.s[b.pa:b.pb]
			b.prev = p.lookup(pre)
			p.scope[pre] = i
		}
	}
}

// unbind pops the bindings above mark.
func (p *parser) unbind(mark int) {
	if p.scope != nil {
		for i := len(p.bindings) - 1; i >= mark; i-- {
			b := p.bindings[i]
			if pre := p.s[b.pa:b.pb]; b.prev >= 0 {
				p.scope[pre] = b.prev
			} else {
				delete(p.scope, pre)
			}
		}
	}
	p.bindings = p.bindings[:mark]
}

func (p *parser) document() error {
	s := p.s
	if strings.HasPrefix(s, "<?") {
		n := xmlDeclLen(s)
		if n < 0 {
			return malformed("processing instruction or bad XML declaration")
		}
		p.pos = n
	}
	for {
		p.pos = skipSpace(s, p.pos)
		if p.pos >= len(s) {
			return malformed("no root element")
		}
		if s[p.pos] != '<' {
			return malformed("text outside the root element")
		}
		if !strings.HasPrefix(s[p.pos:], "<!--") {
			break
		}
		if err := p.comment(); err != nil {
			return err
		}
	}
	if p.pos+1 >= len(s) {
		return malformed("unexpected EOF")
	}
	switch s[p.pos+1] {
	case '!':
		return malformed("directive or CDATA outside the root element")
	case '?':
		return malformed("processing instruction")
	case '/':
		return malformed("end tag without start tag")
	}
	if err := p.element(); err != nil {
		return err
	}
	for {
		p.pos = skipSpace(s, p.pos)
		if p.pos >= len(s) {
			return nil
		}
		if !strings.HasPrefix(s[p.pos:], "<!--") {
			if s[p.pos] == '<' {
				return malformed("markup after the root element")
			}
			return malformed("text outside the root element")
		}
		if err := p.comment(); err != nil {
			return err
		}
	}
}

// element parses the element whose start tag is at p.pos, and its content.
func (p *parser) element() error {
	s := p.s
	if err := p.startTag(); err != nil {
		return err
	}
	for p.depth > 0 {
		if err := p.text(p.depth - 1); err != nil {
			return err
		}
		if p.pos+1 >= len(s) {
			return malformed("unexpected EOF")
		}
		var err error
		switch s[p.pos+1] {
		case '/':
			err = p.endTag()
		case '!':
			switch {
			case strings.HasPrefix(s[p.pos:], "<!--"):
				err = p.comment()
			case strings.HasPrefix(s[p.pos:], "<![CDATA["):
				err = p.cdata(p.depth - 1)
			default:
				err = malformed("directive not allowed")
			}
		case '?':
			err = malformed("processing instruction")
		default:
			err = p.startTag()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// name scans a name at p.pos, delimited as encoding/xml delimits names: by
// the first ASCII byte that cannot be part of one.
func (p *parser) name() (string, bool) {
	s := p.s
	i := p.pos
	var high byte
	for i < len(s) && class[s[i]]&cNameRun != 0 {
		high |= s[i]
		i++
	}
	nm := s[p.pos:i]
	if high < utf8.RuneSelf {
		if len(nm) == 0 || class[nm[0]]&cNameStart == 0 {
			return "", false
		}
	} else if !validName(nm) {
		return "", false
	}
	p.pos = i
	return nm, true
}

// space skips whitespace and reports whether there was any.
func (p *parser) space() bool {
	i := skipSpace(p.s, p.pos)
	skipped := i > p.pos
	p.pos = i
	return skipped
}

// startTag parses the start tag at p.pos ('<'), opening a frame unless the
// element is empty.
func (p *parser) startTag() error {
	s := p.s
	if p.depth >= maxDepth {
		return malformed("nesting deeper than %d", maxDepth)
	}
	if len(p.nodes) >= maxElements {
		return malformed("more than %d elements", maxElements)
	}
	p.pos++
	qa := p.pos
	qname, ok := p.name()
	if !ok {
		return malformed("expected element name after <")
	}
	// Split like encoding/xml: at most one colon; a leading or trailing
	// colon is part of the local name.
	prefix, local := "", qname
	if i := strings.IndexByte(qname, ':'); i >= 0 {
		if strings.IndexByte(qname[i+1:], ':') >= 0 {
			return malformed("element name %q", qname)
		}
		if i > 0 && i < len(qname)-1 {
			prefix, local = qname[:i], qname[i+1:]
		}
	}
	nsMark := len(p.bindings)
	empty := false
	typePrefix := "" // of a Grantee's xsi:type
	for {
		ws := p.space()
		if p.pos >= len(s) {
			return malformed("unexpected EOF in start tag")
		}
		c := s[p.pos]
		if c == '>' {
			p.pos++
			break
		}
		if c == '/' {
			if p.pos+1 >= len(s) || s[p.pos+1] != '>' {
				return malformed("expected /> in element")
			}
			p.pos += 2
			empty = true
			break
		}
		if !ws {
			return malformed("no whitespace before attribute in %s", qname)
		}
		aa := p.pos
		aname, ok := p.name()
		if !ok {
			return malformed("expected attribute name in %s", qname)
		}
		// The declared prefix is s[da:p.pos]: empty for xmlns.
		da := p.pos
		switch {
		case aname == "xmlns":
		case strings.HasPrefix(aname, "xmlns:") && len(aname) > len("xmlns:") && strings.IndexByte(aname[len("xmlns:"):], ':') < 0:
			da = aa + len("xmlns:")
		case local == "Grantee" && typePrefix == "" && isXSIType(aname):
			// An ACL's <Grantee xsi:type="..."> (AccessControlPolicy):
			// the one attribute S3's documents carry. Its value is
			// checked, not kept: the grantee's children say its type.
			typePrefix = aname[:len(aname)-len(":type")]
			if err := p.attribute(qname); err != nil {
				return err
			}
			continue
		default:
			return malformed("attribute %s on %s", aname, qname)
		}
		declared := s[da:p.pos]
		if p.lookup(declared) >= nsMark {
			return malformed("duplicate attribute %s on %s", aname, qname)
		}
		b := binding{pa: da, pb: p.pos}
		p.space()
		if p.pos >= len(s) || s[p.pos] != '=' {
			return malformed("attribute name without = in %s", qname)
		}
		p.pos++
		p.space()
		var err error
		if b.ns, err = p.attrValue(); err != nil {
			return err
		}
		p.bind(declared, b)
	}

	// Resolve the element's namespace as encoding/xml does.
	ns := nsNone
	switch {
	case prefix == "xmlns" || prefix == "xml":
		ns = nsOther
	case prefix == "" && local == "xmlns":
		// encoding/xml leaves an element named xmlns in no namespace.
	default:
		if i := p.lookup(prefix); i >= 0 {
			ns = p.bindings[i].ns
		} else if prefix != "" {
			ns = nsOther // an undeclared prefix
		}
	}
	if ns == nsOther {
		return malformed("element %s in a foreign namespace", qname)
	}

	// The tree points into the node arena, so growing it leaves earlier
	// nodes behind in the old array. That is fine: a pointer to a node is
	// taken only once the node is complete (when its parent closes), and a
	// complete node never changes again.
	idx := len(p.nodes)
	if idx < cap(p.nodes) {
		p.nodes = p.nodes[:idx+1] // zeroed by make
	} else {
		p.nodes = append(p.nodes, node{})
	}
	p.nodes[idx].name = local
	if p.depth > 0 {
		p.pending = append(p.pending, idx)
	}
	if empty {
		p.unbind(nsMark)
		return nil
	}
	p.frames[p.depth] = frame{n: idx, qa: qa, qb: qa + len(qname), kidsMark: len(p.pending), nsMark: nsMark}
	p.depth++
	return nil
}

// isXSIType reports whether aname is p:type with one non-xmlns prefix.
func isXSIType(aname string) bool {
	prefix, ok := strings.CutSuffix(aname, ":type")
	return ok && prefix != "" && prefix != "xmlns" && strings.IndexByte(prefix, ':') < 0
}

// attribute reads the ="value" of an attribute that is not a namespace
// declaration, checking the value like any other.
func (p *parser) attribute(qname string) error {
	p.space()
	if p.pos >= len(p.s) || p.s[p.pos] != '=' {
		return malformed("attribute name without = in %s", qname)
	}
	p.pos++
	p.space()
	_, err := p.attrValue()
	return err
}

// attrValue scans the quoted attribute value at p.pos and classifies it as
// a namespace name.
func (p *parser) attrValue() (nsClass, error) {
	s := p.s
	if p.pos >= len(s) || s[p.pos] != '"' && s[p.pos] != '\'' {
		return 0, malformed("unquoted or missing attribute value")
	}
	q := s[p.pos]
	i := p.pos + 1
	start := i
	buffered := false
	buf := p.abuf[:0]
	for {
		if i >= len(s) {
			return 0, malformed("unexpected EOF in attribute value")
		}
		c := s[i]
		switch {
		case c == q:
			p.pos = i + 1
			if !buffered {
				return classify(s[start:i]), nil
			}
			buf = append(buf, s[start:i]...)
			p.abuf = buf
			return classify(string(buf)), nil
		case c == '<':
			return 0, malformed("unescaped < inside attribute value")
		case c == '&' || c == '\r':
			buf = append(buf, s[start:i]...)
			buffered = true
			if c == '&' {
				r, n := p.reference(i)
				if n == 0 {
					return 0, malformed("invalid reference in attribute value")
				}
				buf = utf8.AppendRune(buf, r)
				i += n
			} else {
				buf = append(buf, '\n')
				i++
				if i < len(s) && s[i] == '\n' {
					i++
				}
			}
			start = i
		case c < 0x20 && c != '\t' && c != '\n':
			return 0, malformed("illegal character in attribute value")
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 || !isChar(r) {
				return 0, malformed("invalid UTF-8 or illegal character in attribute value")
			}
			i += n
		default:
			i++
		}
	}
}

// reference decodes the entity or character reference at s[i] ('&') and
// returns the character and the reference's length, or a zero length when
// it is not a predefined entity or a reference to an XML character.
func (p *parser) reference(i int) (rune, int) {
	s := p.s[i+1:]
	if strings.HasPrefix(s, "#") {
		j, base := 1, rune(10)
		if strings.HasPrefix(s, "#x") {
			j, base = 2, 16
		}
		first := j
		var v rune
		for ; j < len(s); j++ {
			c := s[j]
			var d rune
			switch {
			case '0' <= c && c <= '9':
				d = rune(c - '0')
			case base == 16 && 'a' <= c && c <= 'f':
				d = rune(c-'a') + 10
			case base == 16 && 'A' <= c && c <= 'F':
				d = rune(c-'A') + 10
			default:
				d = -1
			}
			if d < 0 {
				break
			}
			if v <= unicode.MaxRune {
				v = v*base + d
			}
		}
		if j == first || j >= len(s) || s[j] != ';' || !isChar(v) {
			return 0, 0
		}
		return v, 1 + j + 1
	}
	for _, e := range [...]struct {
		name string
		r    rune
	}{{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}} {
		if strings.HasPrefix(s, e.name) {
			return e.r, 1 + len(e.name)
		}
	}
	return 0, 0
}

// addRaw appends the undecoded document slice s[a:b] to the text of the
// element at depth d.
func (p *parser) addRaw(d, a, b int) {
	if a == b {
		return
	}
	f := &p.frames[d]
	switch {
	case f.buffered:
		p.bufs[d] = append(p.bufs[d], p.s[a:b]...)
	case f.ta == f.tb:
		f.ta, f.tb = a, b
	default:
		p.bufs[d] = append(append(p.bufs[d][:0], p.s[f.ta:f.tb]...), p.s[a:b]...)
		f.buffered = true
	}
}

// buffer switches the text of the element at depth d to bufs[d], for
// decoded characters to be appended.
func (p *parser) buffer(d int) {
	if f := &p.frames[d]; !f.buffered {
		p.bufs[d] = append(p.bufs[d][:0], p.s[f.ta:f.tb]...)
		f.buffered = true
	}
}

// text scans character data at p.pos up to the next '<' or the end, adding
// it to the text of the element at depth d.
func (p *parser) text(d int) error {
	s := p.s
	i := p.pos
	if i < len(s) && s[i] == '<' {
		return nil // no text: markup follows at once (between most tags)
	}
	start := i
	for {
		for i < len(s) && class[s[i]]&cPlain != 0 {
			i++
		}
		if i >= len(s) {
			return malformed("unexpected EOF")
		}
		switch c := s[i]; {
		case c == '<':
			p.addRaw(d, start, i)
			p.pos = i
			return nil
		case c == '&':
			p.addRaw(d, start, i)
			p.buffer(d)
			r, n := p.reference(i)
			if n == 0 {
				return malformed("invalid character entity")
			}
			p.bufs[d] = utf8.AppendRune(p.bufs[d], r)
			i += n
			start = i
		case c == '\r':
			p.addRaw(d, start, i)
			p.buffer(d)
			p.bufs[d] = append(p.bufs[d], '\n')
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
			start = i
		case c == ']':
			if strings.HasPrefix(s[i:], "]]>") {
				return malformed("unescaped ]]> not in CDATA section")
			}
			i++
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 || !isChar(r) {
				return malformed("invalid UTF-8 or illegal character")
			}
			i += n
		default:
			return malformed("illegal character code %U", rune(c))
		}
	}
}

// cdata adds the CDATA section at p.pos to the text of the element at
// depth d.
func (p *parser) cdata(d int) error {
	start := p.pos + len("<![CDATA[")
	end := strings.Index(p.s[start:], "]]>")
	if end < 0 {
		return malformed("unexpected EOF in CDATA section")
	}
	end += start
	p.pos = end + len("]]>")
	data := p.s[start:end]
	if !validChars(data) {
		return malformed("invalid UTF-8 or illegal character in CDATA section")
	}
	if strings.IndexByte(data, '\r') < 0 {
		p.addRaw(d, start, end)
		return nil
	}
	p.buffer(d)
	buf := p.bufs[d]
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] != '\r':
			buf = append(buf, data[i])
		case i+1 < len(data) && data[i+1] == '\n':
			// \r\n is \n: the \n follows.
		default:
			buf = append(buf, '\n')
		}
	}
	p.bufs[d] = buf
	return nil
}

// comment skips the comment at p.pos.
func (p *parser) comment() error {
	start := p.pos + len("<!--")
	end := strings.Index(p.s[start:], "--")
	if end < 0 {
		return malformed("unexpected EOF in comment")
	}
	end += start
	if end+2 >= len(p.s) || p.s[end+2] != '>' {
		return malformed(`invalid sequence "--" not allowed in comments`)
	}
	if !validChars(p.s[start:end]) {
		return malformed("invalid UTF-8 or illegal character in comment")
	}
	p.pos = end + len("-->")
	return nil
}

// endTag parses the end tag at p.pos and closes the innermost element.
func (p *parser) endTag() error {
	s := p.s
	d := p.depth - 1
	f := &p.frames[d]
	// The end tag must repeat the name; if the name it holds is longer,
	// the byte after the prefix is a name byte, not S or '>', and the
	// check for '>' below refuses it.
	qname := s[f.qa:f.qb]
	p.pos += 2
	if !strings.HasPrefix(s[p.pos:], qname) {
		return malformed("element <%s> not closed by its end tag", qname)
	}
	p.pos += len(qname)
	p.space()
	if p.pos >= len(s) || s[p.pos] != '>' {
		return malformed("invalid characters between </%s and >", qname)
	}
	p.pos++

	n := &p.nodes[f.n]
	if f.buffered {
		n.text = string(p.bufs[d])
	} else if f.ta < f.tb {
		n.text = s[f.ta:f.tb]
	}
	if kids := p.pending[f.kidsMark:]; len(kids) > 0 {
		if !isSpace(n.text) {
			return malformed("mixed content in %s", n.name)
		}
		k := len(p.kids)
		for _, c := range kids {
			p.kids = append(p.kids, &p.nodes[c])
		}
		n.children = p.kids[k:len(p.kids):len(p.kids)]
		p.pending = p.pending[:f.kidsMark]
	}
	p.unbind(f.nsMark)
	p.depth = d
	return nil
}
