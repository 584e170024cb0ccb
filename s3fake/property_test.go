package s3fake_test

// Property test of PutBucketInventoryConfiguration (issue 7, item 3): for
// random valid configurations and random single mutations of them, sent as
// raw signed HTTP,
//
//   - a rejected PUT gets the S3 error the mutation earns and leaves every
//     bucket's configurations exactly as they were;
//   - an accepted PUT is returned by GET exactly as sent: the stored and
//     the GET-decoded model equal the generated one and, for documents
//     sent in the model's element order with S3's namespace, GET's bytes
//     after the prolog equal the bytes sent (after the prolog, if one was
//     sent).
//
// Generation is seeded (propSeed), so a failure names an iteration that
// replays exactly.

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/s3fake"
	"github.com/s3fake/s3fake/xmlcodec"
)

const (
	propSeed       = 20260101
	propIterations = 300
	propNamespace  = "http://s3.amazonaws.com/doc/2006-03-01/"
	propProlog     = `<?xml version="1.0" encoding="UTF-8"?>`
	propIDChars    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"
)

// propBuckets are the buckets configurations go to; every one is compared
// after a rejected PUT.
var propBuckets = []string{"prop-a", "prop-b", "prop-c"}

// ---------------------------------------------------------------------------
// Documents as trees

// propElem is an element of a generated document. Leaves have text (or are
// written empty, <X/>, when selfClose); containers have kids.
type propElem struct {
	name      string
	ns        string // xmlns attribute to write, "" for none
	text      string
	kids      []*propElem
	leaf      bool
	selfClose bool // write <X/> (leaves with empty text only)
}

func propLeaf(name, text string) *propElem { return &propElem{name: name, text: text, leaf: true} }
func propNode(name string, kids ...*propElem) *propElem {
	return &propElem{name: name, kids: kids}
}

// propStyle is how a document is written.
type propStyle struct {
	prolog    bool
	pretty    bool // whitespace between elements
	cdata     bool // some texts as CDATA sections
	charRefs  bool // some characters as numeric character references
	comments  bool // some comments between elements
	canonical bool // model element order, S3 namespace, server's escaping
}

// render writes e.
func (e *propElem) render(b *strings.Builder, st propStyle, r *rand.Rand, depth int) {
	indent := func(d int) {
		if st.pretty {
			b.WriteString("\n" + strings.Repeat("  ", d))
		}
	}
	b.WriteString("<" + e.name)
	if e.ns != "" {
		b.WriteString(` xmlns="` + e.ns + `"`)
	}
	if e.leaf && e.text == "" && e.selfClose {
		b.WriteString("/>")
		return
	}
	b.WriteString(">")
	if e.leaf {
		switch {
		case st.cdata && e.text != "" && !strings.Contains(e.text, "]]>") && !strings.ContainsAny(e.text, "\r") && r.IntN(3) == 0:
			b.WriteString("<![CDATA[" + e.text + "]]>")
		case st.charRefs && r.IntN(2) == 0:
			for _, c := range e.text {
				if r.IntN(3) == 0 {
					fmt.Fprintf(b, "&#x%X;", c)
				} else {
					propEscape(b, string(c))
				}
			}
		default:
			propEscape(b, e.text)
		}
	} else {
		for _, k := range e.kids {
			indent(depth + 1)
			if st.comments && r.IntN(4) == 0 {
				b.WriteString("<!-- " + propPick(r, []string{"note", "<Id>x", "&amp; - ok", ""}) + " -->")
			}
			k.render(b, st, r, depth+1)
		}
		if len(e.kids) > 0 {
			indent(depth)
		}
	}
	b.WriteString("</" + e.name + ">")
}

// propEscape escapes text as the server's writer does (encoding/xml's
// EscapeText), so that canonical documents compare byte for byte.
func propEscape(b *strings.Builder, s string) {
	var buf bytes.Buffer
	_ = xml.EscapeText(&buf, []byte(s))
	b.Write(buf.Bytes())
}

// propDoc renders root in style st.
func propDoc(root *propElem, st propStyle, r *rand.Rand) []byte {
	var b strings.Builder
	if st.prolog {
		b.WriteString(propProlog)
		if st.pretty {
			b.WriteString("\n")
		}
	}
	root.render(&b, st, r, 0)
	return []byte(b.String())
}

// walk calls f for every element under and including e, with its parent.
func (e *propElem) walk(parent *propElem, f func(el, parent *propElem)) {
	f(e, parent)
	for _, k := range e.kids {
		k.walk(e, f)
	}
}

// find returns the first element called name (depth first), or nil.
func (e *propElem) find(name string) *propElem {
	var out *propElem
	e.walk(nil, func(el, _ *propElem) {
		if out == nil && el.name == name {
			out = el
		}
	})
	return out
}

// clone deep-copies e.
func (e *propElem) clone() *propElem {
	c := *e
	c.kids = nil
	for _, k := range e.kids {
		c.kids = append(c.kids, k.clone())
	}
	return &c
}

// ---------------------------------------------------------------------------
// Generation

// propGen is one generated valid configuration: the model S3 must store
// and the document that says it.
type propGen struct {
	model inventory.Configuration
	root  *propElem
	style propStyle
}

func propPick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// propID returns a valid Id: 1-64 characters from the allowed set, or one
// of a few shared Ids (so that PUTs also replace).
func propID(r *rand.Rand) string {
	if r.IntN(4) == 0 {
		return propPick(r, []string{"shared", "shared-2", "a", strings.Repeat("Z", 64)})
	}
	n := 1 + r.IntN(64)
	if r.IntN(2) == 0 {
		n = 1 + r.IntN(12)
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = propIDChars[r.IntN(len(propIDChars))]
	}
	return string(b)
}

// propText returns a prefix-like string: any XML characters, including
// markup characters, spaces, tabs, CR, non-ASCII; possibly empty.
func propText(r *rand.Rand) string {
	pool := []string{"a", "b", "z", "0", "9", "/", "-", "_", ".", " ", "&", "<", ">", "'", `"`, "é", "日本", "🙂", "\t", "\n", "\r", "=", "+", "%", "]]", "?"}
	n := r.IntN(12)
	var b strings.Builder
	for range n {
		b.WriteString(propPick(r, pool))
	}
	return b.String()
}

// propBucketName returns a valid destination bucket name.
func propBucketName(r *rand.Rand) string {
	const chars = "abcdefghijklmnopqrstuvwxyz0123456789"
	n := 3 + r.IntN(20)
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[r.IntN(len(chars))]
		if i > 0 && i < n-1 && r.IntN(8) == 0 && b[i-1] != '.' && b[i-1] != '-' {
			b[i] = propPick(r, []byte{'.', '-'})
		}
	}
	return string(b)
}

func propDigits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

// propGenerate returns a random valid configuration in a random style.
func propGenerate(r *rand.Rand) propGen {
	var m inventory.Configuration
	m.ID = propID(r)
	m.IsEnabled = r.IntN(2) == 0
	m.IncludedObjectVersions = propPick(r, []inventory.IncludedVersions{inventory.AllVersions, inventory.CurrentVersions})
	m.Frequency = propPick(r, []inventory.Frequency{inventory.Daily, inventory.Weekly})
	m.Destination.BucketARN = "arn:aws:s3:::" + propBucketName(r)
	m.Destination.Format = propPick(r, inventory.DialectAWS.Formats())
	if r.IntN(2) == 0 {
		a := propDigits(r, 12)
		m.Destination.AccountID = &a
	}
	if r.IntN(2) == 0 {
		p := propText(r)
		m.Destination.Prefix = &p
	}
	switch r.IntN(3) {
	case 1:
		m.Destination.Encryption = &inventory.Encryption{SSES3: true}
	case 2:
		m.Destination.Encryption = &inventory.Encryption{SSEKMS: &inventory.SSEKMS{
			KeyID: "arn:aws:kms:us-east-1:" + propDigits(r, 12) + ":key/" + propDigits(r, 8),
		}}
	}
	if r.IntN(2) == 0 {
		m.Filter = &inventory.Filter{Prefix: propText(r)}
	}
	if r.IntN(2) == 0 {
		all := inventory.DialectAWS.OptionalFields()
		n := 1 + r.IntN(len(all)+3)
		for range n {
			m.OptionalFields = append(m.OptionalFields, propPick(r, all)) // duplicates allowed, kept as sent
		}
	}

	st := propStyle{canonical: r.IntN(2) == 0, prolog: r.IntN(2) == 0}
	if !st.canonical {
		st.pretty, st.cdata, st.charRefs, st.comments = r.IntN(2) == 0, r.IntN(2) == 0, r.IntN(2) == 0, r.IntN(2) == 0
	}
	root := propTree(m)
	if st.canonical || r.IntN(3) > 0 {
		root.ns = propNamespace
	}
	if !st.canonical {
		root.walk(nil, func(el, _ *propElem) {
			if el.name != "OptionalFields" { // the order of Field values is part of the configuration
				r.Shuffle(len(el.kids), func(i, j int) { el.kids[i], el.kids[j] = el.kids[j], el.kids[i] })
			}
			if el.leaf && el.text == "" && r.IntN(2) == 0 {
				el.selfClose = true
			}
		})
	}
	return propGen{model: m, root: root, style: st}
}

// propTree is the document of m in the model's element order, as the
// server writes it.
func propTree(m inventory.Configuration) *propElem {
	d := m.Destination
	var dst []*propElem
	if d.AccountID != nil {
		dst = append(dst, propLeaf("AccountId", *d.AccountID))
	}
	dst = append(dst, propLeaf("Bucket", d.BucketARN), propLeaf("Format", string(d.Format)))
	if d.Prefix != nil {
		dst = append(dst, propLeaf("Prefix", *d.Prefix))
	}
	if e := d.Encryption; e != nil {
		enc := propNode("Encryption")
		if e.SSES3 {
			s := propLeaf("SSE-S3", "")
			s.selfClose = true
			enc.kids = append(enc.kids, s)
		}
		if e.SSEKMS != nil {
			enc.kids = append(enc.kids, propNode("SSE-KMS", propLeaf("KeyId", e.SSEKMS.KeyID)))
		}
		dst = append(dst, enc)
	}
	root := propNode("InventoryConfiguration",
		propNode("Destination", propNode("S3BucketDestination", dst...)),
		propLeaf("IsEnabled", fmt.Sprint(m.IsEnabled)))
	if m.Filter != nil {
		root.kids = append(root.kids, propNode("Filter", propLeaf("Prefix", m.Filter.Prefix)))
	}
	root.kids = append(root.kids, propLeaf("Id", m.ID), propLeaf("IncludedObjectVersions", string(m.IncludedObjectVersions)))
	if m.OptionalFields != nil {
		of := propNode("OptionalFields")
		for _, f := range m.OptionalFields {
			of.kids = append(of.kids, propLeaf("Field", string(f)))
		}
		root.kids = append(root.kids, of)
	}
	root.kids = append(root.kids, propNode("Schedule", propLeaf("Frequency", string(m.Frequency))))
	return root
}

// ---------------------------------------------------------------------------
// Mutations

// propMutant is a mutated document, the query id to send it with, and the
// error it must earn.
type propMutant struct {
	kind    string
	body    []byte
	queryID string
	code    string
}

const (
	propMalformed = "MalformedXML"
	propBadDest   = "InvalidS3DestinationBucket"
)

// propMutate applies one random mutation to g.
func propMutate(r *rand.Rand, g propGen) propMutant {
	root := g.root.clone()
	queryID := g.model.ID
	mut := func(kind, code string) propMutant {
		return propMutant{kind: kind, body: propDoc(root, g.style, r), queryID: queryID, code: code}
	}
	leafNamed := func(name string) *propElem { return root.find(name) }
	switch r.IntN(18) {
	case 0: // invalid enum value
		el := leafNamed(propPick(r, []string{"Format", "Frequency", "IncludedObjectVersions", "Field"}))
		if el == nil {
			el = leafNamed("Format")
		}
		el.text = propPick(r, map[string][]string{
			"Format":                 {"JSON", "Avro", "CSV2", "", "C SV"},
			"Frequency":              {"Hourly", "Monthly", "", "Daily,Weekly"},
			"IncludedObjectVersions": {"None", "Latest", "", "All Current"},
			"Field":                  {"TestField", "Owner", "", "Size ETag"},
		}[el.name])
		return mut("enum-invalid:"+el.name, propMalformed)
	case 1: // wrong case of an enum value
		el := leafNamed(propPick(r, []string{"Format", "Frequency", "IncludedObjectVersions", "Field", "IsEnabled"}))
		if el == nil {
			el = leafNamed("Frequency")
		}
		orig := el.text
		var variants []string
		for _, v := range []string{strings.ToUpper(orig), strings.ToLower(orig), propSwapCase(orig)} {
			if v != orig {
				variants = append(variants, v)
			}
		}
		el.text = propPick(r, variants)
		return mut("enum-case:"+el.name, propMalformed)
	case 2: // a required element removed
		required := []string{"Destination", "IsEnabled", "Id", "IncludedObjectVersions", "Schedule", "S3BucketDestination", "Bucket", "Format", "Frequency"}
		if root.find("KeyId") != nil {
			required = append(required, "KeyId")
		}
		if f := root.find("Filter"); f != nil {
			required = append(required, "Filter/Prefix")
		}
		name := propPick(r, required)
		if name == "Filter/Prefix" {
			root.find("Filter").kids = nil
		} else {
			propRemove(root, name)
		}
		return mut("missing:"+name, propMalformed)
	case 3: // a non-repeatable element duplicated
		var cands []*propElem
		var parents []*propElem
		root.walk(nil, func(el, parent *propElem) {
			if parent != nil && el.name != "Field" {
				cands, parents = append(cands, el), append(parents, parent)
			}
		})
		i := r.IntN(len(cands))
		dup := cands[i].clone()
		if dup.leaf && r.IntN(2) == 0 && dup.name != "SSE-S3" {
			dup.text += "x" // a conflicting duplicate
		}
		p := parents[i]
		at := r.IntN(len(p.kids) + 1)
		p.kids = append(p.kids[:at], append([]*propElem{dup}, p.kids[at:]...)...)
		return mut("duplicate:"+cands[i].name, propMalformed)
	case 4: // an unknown element
		var containers []*propElem
		root.walk(nil, func(el, _ *propElem) {
			if !el.leaf {
				containers = append(containers, el)
			}
		})
		p := propPick(r, containers)
		name := propPick(r, []string{"Evil", "id", "Prefix", "Field", "Filter", "Tag", "ObjectOwner"})
		if p.name == "Filter" && name == "Prefix" || p.name == "OptionalFields" && name == "Field" ||
			p.name == "S3BucketDestination" && name == "Prefix" || p.name == "InventoryConfiguration" && name == "Filter" {
			name = "Evil"
		}
		at := r.IntN(len(p.kids) + 1)
		p.kids = append(p.kids[:at], append([]*propElem{propLeaf(name, "1")}, p.kids[at:]...)...)
		return mut("unknown:"+p.name+"/"+name, propMalformed)
	case 5: // the query id differs from the document's
		for queryID == g.model.ID {
			queryID = propID(r)
		}
		return mut("id-mismatch", "IdMismatch")
	case 6: // a bad destination ARN
		bad := propPick(r, []propARN{
			{"dst", propBadDest}, {"arn:aws:s3:us-east-1:123456789012:dst", propBadDest},
			{"arn:aws:s3::123456789012:dst", propBadDest}, {"arn:aws:sqs:::dst", propBadDest},
			{"arn:aws:s3:::Bad_Bucket", propBadDest}, {"arn:aws:s3:::ab", propBadDest},
			{"arn:aws:s3:::a..b", propBadDest}, {"arn:aws:s3:::-dst", propBadDest},
			{"arn:aws:s3:::" + strings.Repeat("d", 64), propBadDest}, {"s3://dst", propBadDest},
			{"", propMalformed},
		})
		leafNamed("Bucket").text = bad.arn
		return mut("bad-arn:"+bad.arn, bad.code)
	case 7: // an over-long id, in the document and the query
		id := propID(r)
		for len(id) <= inventory.MaxIDLength {
			id += propID(r)
		}
		leafNamed("Id").text, queryID = id, id
		return mut("id-too-long", propMalformed)
	case 8: // an id with a character outside the allowed set
		id := propID(r)
		bad := propPick(r, []string{" ", "/", "é", "+", "*", ":", "\t", "日", "%"})
		at := r.IntN(len(id) + 1)
		id = id[:at] + bad + id[at:]
		leafNamed("Id").text, queryID = id, id
		return mut("id-bad-char", propMalformed)
	case 9: // a bad boolean
		leafNamed("IsEnabled").text = propPick(r, []string{"yes", "no", "1", "0", "", "True", "FALSE", " true"})
		return mut("bad-boolean", propMalformed)
	case 10: // an empty or doubled Encryption
		sd := root.find("S3BucketDestination")
		propRemove(root, "Encryption")
		enc := propNode("Encryption")
		if r.IntN(2) == 0 {
			s := propLeaf("SSE-S3", "")
			s.selfClose = true
			enc.kids = append(enc.kids, s, propNode("SSE-KMS", propLeaf("KeyId", "k")))
		}
		sd.kids = append(sd.kids, enc)
		return mut("encryption-empty-or-both", propMalformed)
	case 11: // SSE-KMS without KeyId, or SSE-S3 with content
		sd := root.find("S3BucketDestination")
		propRemove(root, "Encryption")
		var enc *propElem
		if r.IntN(2) == 0 {
			enc = propNode("Encryption", propNode("SSE-KMS"))
		} else {
			enc = propNode("Encryption", propLeaf("SSE-S3", "AES256"))
		}
		sd.kids = append(sd.kids, enc)
		return mut("encryption-incomplete", propMalformed)
	case 12: // truncated
		body := propDoc(root, g.style, r)
		return propMutant{kind: "truncated", body: body[:r.IntN(len(body))], queryID: queryID, code: propMalformed}
	case 13: // a foreign namespace
		el := propPick(r, []*propElem{root, root.find("Destination"), root.find("Id"), root.find("Schedule")})
		el.ns = propPick(r, []string{"urn:evil", "http://s3.amazonaws.com/doc/2006-03-01", "http://s3.amazonaws.com/doc/2006-03-01/ "})
		return mut("namespace:"+el.name, propMalformed)
	case 14: // a leaf with a child element
		el := leafNamed(propPick(r, []string{"Id", "Bucket", "Format", "IsEnabled", "Frequency"}))
		el.leaf = false
		el.kids = []*propElem{propLeaf("b", el.text)}
		return mut("leaf-with-child:"+el.name, propMalformed)
	case 15: // text beside the children of a container
		el := propPick(r, []*propElem{root, root.find("Destination"), root.find("S3BucketDestination"), root.find("Schedule")})
		// A placeholder leaf, rendered <x></x>, becomes bare text.
		el.kids = append(el.kids, propLeaf("x", ""))
		body := propDoc(root, g.style, r)
		body = bytes.Replace(body, []byte("<x></x>"), []byte("stray text"), 1)
		return propMutant{kind: "mixed-content:" + el.name, body: body, queryID: queryID, code: propMalformed}
	case 16: // a character or markup no document may hold, inside a leaf
		name := propPick(r, []string{"Id", "Bucket", "Format", "IsEnabled", "Frequency", "IncludedObjectVersions"})
		body := propDoc(root, g.style, r)
		bad := propPick(r, []string{"&#0;", "&#x1;", "\x00", "\x07", "\xff", "\xc0\xaf", "&undefined;", "&#xD800;", "&#xFFFE;", "<?pi x?>", "<!DOCTYPE x>", "]]>", "&", "<"})
		at := bytes.Index(body, []byte("</"+name+">"))
		body = append(body[:at:at], append([]byte(bad), body[at:]...)...)
		return propMutant{kind: "bad-char:" + name, body: body, queryID: queryID, code: propMalformed}
	default: // a wrong root element
		root.name = propPick(r, []string{"InventoryConfigurationX", "ListInventoryConfigurationsResult", "inventoryConfiguration", "Configuration"})
		return mut("wrong-root:"+root.name, propMalformed)
	}
}

// propARN is a bad destination ARN and the error it earns.
type propARN struct{ arn, code string }

// propSwapCase flips the case of every letter of s (s stays non-empty).
func propSwapCase(s string) string {
	if s == "" {
		return "X"
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z':
			b.WriteRune(c - 'a' + 'A')
		case c >= 'A' && c <= 'Z':
			b.WriteRune(c - 'A' + 'a')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// propRemove removes every element called name from root's subtree.
func propRemove(root *propElem, name string) {
	root.walk(nil, func(el, _ *propElem) {
		kept := el.kids[:0]
		for _, k := range el.kids {
			if k.name != name {
				kept = append(kept, k)
			}
		}
		el.kids = kept
	})
}

// ---------------------------------------------------------------------------
// Wire

// propDo sends one raw request signed as the default account.
func propDo(t *testing.T, srv *s3fake.Server, method, bucket, id string, body []byte) (int, []byte) {
	t.Helper()
	target := srv.URL() + "/" + bucket + "?inventory=&id=" + url.QueryEscape(id)
	req, err := http.NewRequest(method, target, bytes.NewReader(body))
	require.NoError(t, err)
	require.NoError(t, srv.SignRequest(req, body))
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, data
}

// propState is every bucket's configurations, as JSON.
func propState(t *testing.T, srv *s3fake.Server) string {
	t.Helper()
	all := map[string][]inventory.Configuration{}
	for _, b := range propBuckets {
		all[b] = srv.InventoryConfigurations(b)
	}
	data, err := json.Marshal(all)
	require.NoError(t, err)
	return string(data)
}

// propStripProlog removes a leading XML declaration and the whitespace
// after it.
func propStripProlog(b []byte) []byte {
	if bytes.HasPrefix(b, []byte("<?xml")) {
		if i := bytes.Index(b, []byte("?>")); i >= 0 {
			b = bytes.TrimLeft(b[i+2:], " \r\n\t")
		}
	}
	return b
}

func TestPropertyInventoryPut(t *testing.T) {
	start := time.Now()
	srv := s3fake.Start(t)
	for _, b := range propBuckets {
		srv.CreateBucket(b)
	}
	r := rand.New(rand.NewPCG(propSeed, propSeed>>1))
	kinds := map[string]int{}
	accepted, rejected := 0, 0
	for i := range propIterations {
		g := propGenerate(r)
		bucket := propPick(r, propBuckets)
		mut := propMutate(r, g)
		kind, _, _ := strings.Cut(mut.kind, ":")
		kinds[kind]++

		// The mutant is refused with its error and changes nothing.
		before := propState(t, srv)
		status, body := propDo(t, srv, http.MethodPut, bucket, mut.queryID, mut.body)
		var doc hostileErrorDoc
		ok := assert.Equal(t, http.StatusBadRequest, status, "iteration %d, mutation %s: body sent %q, answer %s", i, mut.kind, mut.body, body) &&
			assert.NoError(t, xml.Unmarshal(body, &doc), "iteration %d: %s", i, body) &&
			assert.Equal(t, mut.code, doc.Code, "iteration %d, mutation %s: body sent %q", i, mut.kind, mut.body)
		require.Equal(t, before, propState(t, srv), "iteration %d, mutation %s: a rejected PUT changed the configurations (status %d)", i, mut.kind, status)
		if !ok {
			continue
		}
		rejected++

		// The valid document is accepted and returned exactly as sent.
		sent := propDoc(g.root, g.style, r)
		status, body = propDo(t, srv, http.MethodPut, bucket, g.model.ID, sent)
		if !assert.Equal(t, http.StatusNoContent, status, "iteration %d: valid document %q refused: %s", i, sent, body) {
			continue
		}
		accepted++
		stored, found := srv.InventoryConfiguration(bucket, g.model.ID)
		require.True(t, found, "iteration %d", i)
		assert.Equal(t, g.model, stored, "iteration %d: stored model differs; sent %q", i, sent)
		status, got := propDo(t, srv, http.MethodGet, bucket, g.model.ID, nil)
		require.Equal(t, http.StatusOK, status, "iteration %d: %s", i, got)
		decoded, err := xmlcodec.DecodeInventoryConfiguration(got)
		require.NoError(t, err, "iteration %d: GET body %s", i, got)
		assert.Equal(t, g.model, decoded, "iteration %d: GET model differs; sent %q, got %q", i, sent, got)
		if g.style.canonical {
			assert.Equal(t, string(propStripProlog(sent)), string(propStripProlog(got)), "iteration %d: GET bytes differ", i)
		}
	}
	t.Logf("%d iterations (seed %d) in %v: %d mutants refused, %d documents accepted and echoed; mutations %v",
		propIterations, propSeed, time.Since(start).Round(time.Millisecond), rejected, accepted, kinds)
}
