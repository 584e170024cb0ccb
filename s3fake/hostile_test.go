package s3fake_test

// A catalogue of hostile requests (issue 7, item 2), sent over real HTTP to
// one fresh server. Every case must get a 4xx (or 501 for a subresource
// s3fake does not serve) with the right S3 code in an XML <Error> body
// carrying our RequestId; after every case the server must still answer an
// SDK call, and its state (buckets, inventory configurations, object
// versions, bucket policies) must be byte-identical to what it was before.
//
// Two kinds of answer do not come from s3fake and are marked as such:
//
//   - hostileNetHTTP: requests whose HTTP framing net/http itself refuses
//     before any handler runs (header block over http.Server's
//     MaxHeaderBytes, 1 MiB by default: 431; an unparsable request line or
//     request-target, a control character in a header, conflicting
//     Content-Length / Transfer-Encoding, a bad Host: 400). net/http writes
//     its own plain-text answer and closes the connection; no S3 body is
//     possible without replacing the HTTP server, and S3's own front end
//     answers such requests with a non-S3 400 page too. We check the
//     status is a 4xx and that the state did not change.
//   - hostileNoAnswer: a slowloris client that gives up (its deadline
//     passes) before the body is complete. There is no answer to check;
//     the server must stay healthy and unchanged.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/s3fake"
	"github.com/s3fake/s3fake/xmlcodec"
)

// Pseudo-codes of answers that are not s3fake's (see the file comment).
const (
	hostileNetHTTP  = "(net/http)"
	hostileNoAnswer = "(no answer)"
)

// hostilePutTarget is the PUT (and GET, DELETE) of configuration report1.
const hostilePutTarget = "/src?inventory=&id=report1"

// hostileResp is what came back: a status, headers and body, or err when
// nothing did.
type hostileResp struct {
	status int
	header http.Header
	body   []byte
	err    error
}

// hostileEnv is the server under attack and the clients used on it.
type hostileEnv struct {
	t      *testing.T
	srv    *s3fake.Server
	client *http.Client // raw HTTP, closes its idle connections with the server
	sdk    *s3.Client
	addr   string // host:port
}

// hostileCase is one row of the catalogue: name, request builder, wanted
// status and wanted code.
type hostileCase struct {
	name   string
	send   func(e *hostileEnv) hostileResp
	status int
	code   string
}

// ---------------------------------------------------------------------------
// Request builders

// hostileOpts shape one HTTP request built by hostileReq.
type hostileOpts struct {
	header      [][2]string          // set before signing (signed when x-amz-* or host)
	unsigned    bool                 // send no credentials at all
	payloadHash string               // sign with this x-amz-content-sha256 instead of the body's hash
	signTime    time.Time            // sign at this time instead of now
	accessKey   string               // sign with this key instead of the default account's
	host        string               // Host header
	rawQuery    *string              // set the query verbatim (after NewRequest)
	after       func(*http.Request)  // applied after signing
	timeout     time.Duration        // client deadline; default 10s
	signedLen   *int64               // Content-Length to sign (the wire may then send another)
	body        func() io.ReadCloser // body to send instead of the signed one
}

type hostileOpt func(*hostileOpts)

func hostileHeader(k, v string) hostileOpt {
	return func(o *hostileOpts) { o.header = append(o.header, [2]string{k, v}) }
}
func hostileUnsignedReq() hostileOpt { return func(o *hostileOpts) { o.unsigned = true } }
func hostilePayloadHash(h string) hostileOpt {
	return func(o *hostileOpts) { o.payloadHash = h }
}
func hostileSignAt(t time.Time) hostileOpt   { return func(o *hostileOpts) { o.signTime = t } }
func hostileAccessKey(k string) hostileOpt   { return func(o *hostileOpts) { o.accessKey = k } }
func hostileHost(h string) hostileOpt        { return func(o *hostileOpts) { o.host = h } }
func hostileRawQuery(q string) hostileOpt    { return func(o *hostileOpts) { o.rawQuery = &q } }
func hostileSignedLength(n int64) hostileOpt { return func(o *hostileOpts) { o.signedLen = &n } }
func hostileAfter(f func(*http.Request)) hostileOpt {
	return func(o *hostileOpts) { o.after = f }
}

// hostileReq builds a request to target (path and query) with body, signed
// as the default account with the SDK's SigV4 signer unless an option says
// otherwise, and sends it with the server's HTTP client.
func hostileReq(method, target string, body []byte, opts ...hostileOpt) func(e *hostileEnv) hostileResp {
	return func(e *hostileEnv) hostileResp {
		var o hostileOpts
		for _, f := range opts {
			f(&o)
		}
		req := e.newRequest(method, target, body, o)
		client := e.client
		if o.timeout > 0 {
			client = &http.Client{Transport: e.client.Transport, Timeout: o.timeout}
		}
		resp, err := client.Do(req)
		if err != nil {
			return hostileResp{err: err}
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		return hostileResp{status: resp.StatusCode, header: resp.Header, body: data, err: err}
	}
}

// hostileSigner is the SDK's SigV4 signer configured as the SDK's S3
// client configures it: S3 signs the path as sent, without escaping it a
// second time.
func hostileSigner() *v4.Signer {
	return v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
}

// newRequest builds and signs the request hostileReq sends.
func (e *hostileEnv) newRequest(method, target string, body []byte, o hostileOpts) *http.Request {
	t := e.t
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL()+target, bytes.NewReader(body))
	require.NoError(t, err, "target %q", target)
	if o.rawQuery != nil {
		req.URL.RawQuery = *o.rawQuery
	}
	if o.host != "" {
		req.Host = o.host
	}
	for _, h := range o.header {
		req.Header.Set(h[0], h[1])
	}
	if !o.unsigned {
		hash := o.payloadHash
		if hash == "" {
			hash = hostileSHA256(body)
		}
		at := o.signTime
		if at.IsZero() {
			at = time.Now()
		}
		creds := aws.Credentials{AccessKeyID: s3fake.DefaultAccessKeyID, SecretAccessKey: s3fake.DefaultSecretAccessKey}
		if o.accessKey != "" {
			creds.AccessKeyID = o.accessKey
		}
		req.Header.Set("X-Amz-Content-Sha256", hash)
		if o.signedLen != nil {
			req.ContentLength = *o.signedLen
		}
		require.NoError(t, hostileSigner().SignHTTP(context.Background(), creds, req, hash, "s3", e.srv.Region(), at))
		req.ContentLength = int64(len(body))
	}
	if o.body != nil {
		req.Body = o.body()
		req.GetBody = nil
	}
	if o.after != nil {
		o.after(req)
	}
	return req
}

// hostilePresigned sends method to target with query-string authentication
// made by the SDK's presigner, after edit changed the presigned query.
func hostilePresigned(method, target string, edit func(q url.Values)) func(e *hostileEnv) hostileResp {
	return func(e *hostileEnv) hostileResp {
		req, err := http.NewRequest(method, e.srv.URL()+target, nil)
		require.NoError(e.t, err)
		q := req.URL.Query()
		q.Set("X-Amz-Expires", "900")
		req.URL.RawQuery = q.Encode()
		creds := aws.Credentials{AccessKeyID: s3fake.DefaultAccessKeyID, SecretAccessKey: s3fake.DefaultSecretAccessKey}
		signed, _, err := hostileSigner().PresignHTTP(context.Background(), creds, req, "UNSIGNED-PAYLOAD", "s3", e.srv.Region(), time.Now())
		require.NoError(e.t, err)
		u, err := url.Parse(signed)
		require.NoError(e.t, err)
		q = u.Query()
		edit(q)
		u.RawQuery = q.Encode()
		return hostileReq(method, u.RequestURI(), nil, hostileUnsignedReq())(e)
	}
}

// hostileWire sends bytes built by build over a raw TCP connection: the
// request line, headers and body exactly as written. When halfClose is
// set, the write side is closed afterwards so the server sees the end of
// the stream. The answer is read within a deadline.
func hostileWire(build func(e *hostileEnv) []byte, halfClose bool) func(e *hostileEnv) hostileResp {
	return func(e *hostileEnv) hostileResp {
		return e.wire(func(c net.Conn) error {
			_, err := c.Write(build(e))
			return err
		}, halfClose, 5*time.Second)
	}
}

// wire dials the server, lets write talk, and reads one response within
// deadline.
func (e *hostileEnv) wire(write func(c net.Conn) error, halfClose bool, deadline time.Duration) hostileResp {
	c, err := net.Dial("tcp", e.addr)
	require.NoError(e.t, err)
	defer c.Close()
	require.NoError(e.t, c.SetDeadline(time.Now().Add(deadline)))
	if err := write(c); err != nil {
		return hostileResp{err: err}
	}
	if halfClose {
		_ = c.(*net.TCPConn).CloseWrite()
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return hostileResp{err: err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return hostileResp{status: resp.StatusCode, header: resp.Header, body: data, err: err}
}

// signedWire returns the wire form of a request built like hostileReq
// (signed as the default account for body), for a wire case to edit.
func (e *hostileEnv) signedWire(method, target string, body []byte, opts ...hostileOpt) []byte {
	var o hostileOpts
	for _, f := range opts {
		f(&o)
	}
	req := e.newRequest(method, target, body, o)
	var buf bytes.Buffer
	require.NoError(e.t, req.Write(&buf))
	return buf.Bytes()
}

// hostileSplitWire splits a wire request into its header block (with the
// blank line) and body.
func hostileSplitWire(t *testing.T, wire []byte) (head, body []byte) {
	i := bytes.Index(wire, []byte("\r\n\r\n"))
	require.GreaterOrEqual(t, i, 0)
	return wire[:i+4], wire[i+4:]
}

// hostileSetContentLength replaces the Content-Length of a header block.
func hostileSetContentLength(t *testing.T, head []byte, n int) []byte {
	lines := strings.Split(string(head), "\r\n")
	found := false
	for i, l := range lines {
		if strings.HasPrefix(strings.ToLower(l), "content-length:") {
			lines[i] = "Content-Length: " + strconv.Itoa(n)
			found = true
		}
	}
	require.True(t, found, "no Content-Length in %s", head)
	return []byte(strings.Join(lines, "\r\n"))
}

// hostileIncomplete sends a signed PUT whose Content-Length promises more
// than the body it sends, then ends the stream.
func hostileIncomplete(body []byte, extra int, opts ...hostileOpt) func(e *hostileEnv) hostileResp {
	return hostileWire(func(e *hostileEnv) []byte {
		opts := append([]hostileOpt{hostileSignedLength(int64(len(body) + extra))}, opts...)
		head, b := hostileSplitWire(e.t, e.signedWire(http.MethodPut, hostilePutTarget, body, opts...))
		return append(hostileSetContentLength(e.t, head, len(b)+extra), b...)
	}, true)
}

// hostileTrickle sends a signed PUT's headers and then its body a few
// bytes at a time with pauses, stopping after stopAfter bytes. With
// halfClose the stream then ends (the server must answer IncompleteBody);
// without, the client waits for an answer until its short deadline passes
// and hangs up.
func hostileTrickle(stopAfter int, halfClose bool) func(e *hostileEnv) hostileResp {
	return func(e *hostileEnv) hostileResp {
		body := fixtures.ValidDocument("minimal")
		head, b := hostileSplitWire(e.t, e.signedWire(http.MethodPut, hostilePutTarget, body))
		deadline := 2 * time.Second
		if !halfClose {
			deadline = 400 * time.Millisecond
		}
		return e.wire(func(c net.Conn) error {
			if _, err := c.Write(head); err != nil {
				return err
			}
			for i := 0; i < stopAfter; i += 3 {
				if _, err := c.Write(b[i:min(i+3, stopAfter)]); err != nil {
					return err
				}
				time.Sleep(15 * time.Millisecond)
			}
			return nil
		}, halfClose, deadline)
	}
}

// hostileSlowHeaders trickles a header block that never ends, then hangs
// up when the client's deadline passes.
func hostileSlowHeaders() func(e *hostileEnv) hostileResp {
	return func(e *hostileEnv) hostileResp {
		return e.wire(func(c net.Conn) error {
			for _, part := range []string{"GET /src?inv", "entory= HTTP/1.1\r\n", "Host: 127.0.0.1\r\n", "X-Slow: a"} {
				if _, err := c.Write([]byte(part)); err != nil {
					return err
				}
				time.Sleep(40 * time.Millisecond)
			}
			return nil
		}, false, 300*time.Millisecond)
	}
}

// ---------------------------------------------------------------------------
// Documents

// hostileMinimal is the minimal valid document (Id report1), which differs
// from the stored report1: a hostile wrapper around it that were wrongly
// accepted would change the state.
func hostileMinimal() string { return strings.TrimSpace(string(fixtures.ValidDocument("minimal"))) }

// hostileEdit replaces the one occurrence of old in doc by new.
func hostileEdit(doc, old, new string) string {
	if strings.Count(doc, old) != 1 {
		panic("hostileEdit: " + old + " must occur once in " + doc)
	}
	return strings.Replace(doc, old, new, 1)
}

// hostileMinimalWith is the minimal document with one edit.
func hostileMinimalWith(old, new string) []byte {
	return []byte(hostileEdit(hostileMinimal(), old, new))
}

// hostileUTF16 encodes s as UTF-16 with a byte order mark.
func hostileUTF16(s string, order binary.ByteOrder) []byte {
	units := utf16.Encode([]rune("\uFEFF" + s))
	out := make([]byte, 2*len(units))
	for i, u := range units {
		order.PutUint16(out[2*i:], u)
	}
	return out
}

// hostileUTF32BE encodes ASCII s as UTF-32BE with a byte order mark.
func hostileUTF32BE(s string) []byte {
	out := []byte{0, 0, 0xFE, 0xFF}
	for _, r := range s {
		out = binary.BigEndian.AppendUint32(out, uint32(r))
	}
	return out
}

// hostileBillionLaughs is the classic entity expansion bomb, used as the Id.
func hostileBillionLaughs() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">`)
	prev := "lol"
	for i := 1; i <= 9; i++ {
		name := "lol" + strconv.Itoa(i)
		b.WriteString(`<!ENTITY ` + name + ` "` + strings.Repeat("&"+prev+";", 10) + `">`)
		prev = name
	}
	b.WriteString(`]>`)
	b.WriteString(hostileEdit(hostileMinimal(), "<Id>report1</Id>", "<Id>&lol9;</Id>"))
	return []byte(b.String())
}

// hostileDeep nests name n levels deep.
func hostileDeep(name string, n int) string {
	return strings.Repeat("<"+name+">", n) + strings.Repeat("</"+name+">", n)
}

func hostileSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ---------------------------------------------------------------------------
// State

// hostileProbeBuckets are the names hostile requests try to create; the
// state records whether each exists, whoever would own it.
var hostileProbeBuckets = []string{"new-bucket", "new-deep", "new-unknown", "new-doctype", "new-trailing", "new-root", "new-region", "new-oversized", "evil", "a", "src2", "lol", "SRC", strings.Repeat("b", 64)}

// hostileState is a dump of everything a request could change, as JSON:
// the caller's buckets (from an SDK ListBuckets, which is also the health
// check), each one's configurations, object versions and policy, and the
// existence of the probe buckets.
func hostileState(t *testing.T, e *hostileEnv) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := e.sdk.ListBuckets(ctx, &s3.ListBucketsInput{})
	require.NoError(t, err, "server unhealthy: ListBuckets through the SDK failed")
	type bucketDump struct {
		Name     string
		Created  time.Time
		Configs  []inventory.Configuration
		Versions []inventory.ObjectVersion
		Policy   string
		HasPol   bool
	}
	var dump struct {
		Buckets []bucketDump
		Probes  map[string]bool
	}
	for _, b := range out.Buckets {
		name := aws.ToString(b.Name)
		pol, has := e.srv.BucketPolicy(name)
		dump.Buckets = append(dump.Buckets, bucketDump{
			Name: name, Created: aws.ToTime(b.CreationDate),
			Configs: e.srv.InventoryConfigurations(name), Versions: e.srv.ObjectVersions(name, ""),
			Policy: pol, HasPol: has,
		})
	}
	dump.Probes = map[string]bool{}
	for _, name := range hostileProbeBuckets {
		dump.Probes[name] = e.srv.BucketExists(name)
	}
	data, err := json.Marshal(dump)
	require.NoError(t, err)
	return string(data)
}

// hostileErrorDoc is the S3 <Error> body.
type hostileErrorDoc struct {
	XMLName   xml.Name `xml:"Error"`
	Code      string   `xml:"Code"`
	Message   string   `xml:"Message"`
	RequestID string   `xml:"RequestId"`
}

// hostileCheck checks one answer against its row. It asserts rather than
// requires, so that the state is compared even when the answer is wrong.
func hostileCheck(t *testing.T, c hostileCase, r hostileResp) {
	t.Helper()
	switch c.code {
	case hostileNoAnswer:
		if assert.Error(t, r.err, "expected the client to give up, got status %d: %s", r.status, r.body) {
			var ne net.Error
			assert.ErrorAs(t, r.err, &ne, "a timeout, not another failure")
		}
		return
	case hostileNetHTTP:
		if !assert.NoError(t, r.err) {
			return
		}
		assert.Equal(t, c.status, r.status, "body %q", r.body)
		assert.True(t, r.status >= 400 && r.status < 500, "status %d", r.status)
		assert.Empty(t, r.header.Get("x-amz-request-id"), "net/http answered, not s3fake")
		return
	}
	if !assert.NoError(t, r.err) {
		return
	}
	assert.Equal(t, c.status, r.status, "body %s", r.body)
	assert.True(t, r.status >= 400 && r.status < 500 || r.status == http.StatusNotImplemented, "status %d: not a 4xx (or 501)", r.status)
	assert.Equal(t, "application/xml", r.header.Get("Content-Type"))
	var doc hostileErrorDoc
	if !assert.NoError(t, xml.Unmarshal(r.body, &doc), "error body %q", r.body) {
		return
	}
	assert.Equal(t, c.code, doc.Code, "message %q", doc.Message)
	assert.NotEmpty(t, doc.Message)
	assert.NotEmpty(t, doc.RequestID, "RequestId")
	assert.Equal(t, r.header.Get("x-amz-request-id"), doc.RequestID)
}

// ---------------------------------------------------------------------------
// The catalogue

func hostileCatalogue() []hostileCase {
	const (
		put    = http.MethodPut
		get    = http.MethodGet
		del    = http.MethodDelete
		target = hostilePutTarget
		list   = "/src?inventory="
		s400   = http.StatusBadRequest
		s403   = http.StatusForbidden
		s404   = http.StatusNotFound
		s405   = http.StatusMethodNotAllowed
		s501   = http.StatusNotImplemented
	)
	minDoc := hostileMinimal()
	doc := []byte(minDoc)
	withDecl := func(decl string, body []byte) []byte { return append([]byte(decl), body...) }
	big := strings.Repeat("x", 64<<10)
	mal := "MalformedXML"

	cases := []hostileCase{
		// --- Empty and truncated documents.
		{"empty-body", hostileReq(put, target, nil), s400, mal},
		{"whitespace-body", hostileReq(put, target, []byte(" \r\n\t ")), s400, mal},
		{"truncated-quarter", hostileReq(put, target, doc[:len(doc)/4]), s400, mal},
		{"truncated-half", hostileReq(put, target, doc[:len(doc)/2]), s400, mal},
		{"truncated-last-byte", hostileReq(put, target, doc[:len(doc)-1]), s400, mal},
		{"truncated-before-root-close", hostileReq(put, target, []byte(strings.TrimSuffix(minDoc, "</InventoryConfiguration>"))), s400, mal},
		{"truncated-mid-open-tag", hostileReq(put, target, doc[:strings.Index(minDoc, "<Id>")+2]), s400, mal},
		{"truncated-in-prolog", hostileReq(put, target, []byte(`<?xml version="1.0" enc`)), s400, mal},
		{"only-prolog", hostileReq(put, target, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)), s400, mal},
		{"not-xml-json", hostileReq(put, target, []byte(`{"Id":"report1"}`)), s400, mal},
		{"not-xml-binary", hostileReq(put, target, []byte{0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0}), s400, mal},

		// --- Nesting and size bombs.
		{"nesting-10k-root", hostileReq(put, target, []byte(hostileDeep("a", 10000))), s400, mal},
		{"nesting-10k-in-prefix", hostileReq(put, target, hostileMinimalWith("<IsEnabled>", "<Filter><Prefix>"+hostileDeep("Prefix", 10000)+"</Prefix></Filter><IsEnabled>")), s400, mal},
		{"nesting-10k-unclosed", hostileReq(put, target, []byte(strings.Repeat("<a>", 10000))), s400, mal},
		{"elements-20k-fields", hostileReq(put, target, hostileMinimalWith("<Schedule>", "<OptionalFields>"+strings.Repeat("<Field>Size</Field>", 20000)+"</OptionalFields><Schedule>")), s400, mal},
		{"id-one-mib-minus", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>"+strings.Repeat("a", xmlcodec.MaxBodySize-len(minDoc)-8)+"</Id>")), s400, mal},
		{"body-one-mib-plus-one", hostileReq(put, target, append(bytes.Repeat([]byte(" "), xmlcodec.MaxBodySize+1-len(doc)), doc...)), s400, "MaxMessageLengthExceeded"},
		{"body-ten-mib-signed", hostileReq(put, target, bytes.Repeat([]byte("<a>"), 10<<20/3)), s400, "MaxMessageLengthExceeded"},
		{"body-one-mib-plus-unsigned-payload", hostileReq(put, target, append(doc, bytes.Repeat([]byte(" "), xmlcodec.MaxBodySize)...), hostilePayloadHash("UNSIGNED-PAYLOAD")), s400, "MaxMessageLengthExceeded"},

		// --- DTDs and entities.
		{"doctype-internal-entity", hostileReq(put, target, withDecl(`<!DOCTYPE x [<!ENTITY id "report1">]>`, hostileMinimalWith("<Id>report1</Id>", "<Id>&id;</Id>"))), s400, mal},
		{"doctype-plain", hostileReq(put, target, withDecl(`<!DOCTYPE InventoryConfiguration>`, doc)), s400, mal},
		{"doctype-after-prolog", hostileReq(put, target, withDecl(`<?xml version="1.0"?><!DOCTYPE x SYSTEM "x.dtd">`, doc)), s400, mal},
		{"billion-laughs", hostileReq(put, target, hostileBillionLaughs()), s400, mal},
		{"external-entity-file", hostileReq(put, target, withDecl(`<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`, hostileMinimalWith("<Id>report1</Id>", "<Id>&xxe;</Id>"))), s400, mal},
		{"external-entity-http", hostileReq(put, target, withDecl(`<!DOCTYPE x [<!ENTITY xxe SYSTEM "http://127.0.0.1:1/x">]>`, hostileMinimalWith("<Id>report1</Id>", "<Id>&xxe;</Id>"))), s400, mal},
		{"parameter-entity", hostileReq(put, target, withDecl(`<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:1/p.dtd"> %p;]>`, doc)), s400, mal},
		{"undefined-entity", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>&report1;</Id>")), s400, mal},
		{"entity-without-semicolon", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>&amp report1</Id>")), s400, mal},
		{"char-ref-nul", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>report1&#0;</Id>")), s400, mal},
		{"char-ref-control", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>&#x1;report1</Id>")), s400, mal},
		{"char-ref-surrogate", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>&#xD800;</Id>")), s400, mal},
		{"char-ref-huge", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>&#x7FFFFFFFFFFFFFFF;</Id>")), s400, mal},
		{"char-ref-to-mismatched-id", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>&#x72;eport2</Id>")), s400, "IdMismatch"},
		{"char-ref-markup-in-format", hostileReq(put, target, hostileMinimalWith("<Format>CSV</Format>", "<Format>&lt;CSV&gt;</Format>")), s400, mal},
		{"cdata-markup-in-format", hostileReq(put, target, hostileMinimalWith("<Format>CSV</Format>", "<Format><![CDATA[<CSV/>]]></Format>")), s400, mal},
		{"processing-instruction", hostileReq(put, target, withDecl(`<?php system("id"); ?>`, doc)), s400, mal},
		{"xml-stylesheet-pi", hostileReq(put, target, withDecl(`<?xml-stylesheet href="http://127.0.0.1:1/x.xsl"?>`, doc)), s400, mal},
		{"xinclude", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", `<Id><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/></Id>`)), s400, mal},

		// --- Byte order marks and encodings.
		{"utf16le-bom", hostileReq(put, target, hostileUTF16(minDoc, binary.LittleEndian)), s400, mal},
		{"utf16be-bom", hostileReq(put, target, hostileUTF16(minDoc, binary.BigEndian)), s400, mal},
		{"utf16le-declared", hostileReq(put, target, hostileUTF16(`<?xml version="1.0" encoding="UTF-16"?>`+minDoc, binary.LittleEndian)), s400, mal},
		{"utf32be-bom", hostileReq(put, target, hostileUTF32BE(minDoc)), s400, mal},
		{"utf8-bom-twice", hostileReq(put, target, append([]byte("\uFEFF\uFEFF"), doc...)), s400, mal},
		{"utf8-bom-after-prolog", hostileReq(put, target, withDecl("<?xml version=\"1.0\"?>\uFEFF", doc)), s400, mal},
		{"utf8-bom-declares-utf16", hostileReq(put, target, withDecl("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>", doc)), s400, mal},
		{"declares-utf16-sends-utf8", hostileReq(put, target, withDecl(`<?xml version="1.0" encoding="UTF-16"?>`, doc)), s400, mal},
		{"declares-latin1-sends-latin1", hostileReq(put, target, withDecl(`<?xml version="1.0" encoding="ISO-8859-1"?>`, hostileMinimalWith("<IsEnabled>", "<Filter><Prefix>caf\xe9</Prefix></Filter><IsEnabled>"))), s400, mal},
		{"declares-ebcdic", hostileReq(put, target, withDecl(`<?xml version="1.0" encoding="IBM037"?>`, doc)), s400, mal},
		{"declares-utf7", hostileReq(put, target, withDecl(`<?xml version="1.0" encoding="UTF-7"?>`, []byte(strings.ReplaceAll(minDoc, "<Id>", "+ADw-Id+AD4-")))), s400, mal},
		{"prolog-version-1.1", hostileReq(put, target, withDecl(`<?xml version="1.1"?>`, doc)), s400, mal},
		{"prolog-not-first", hostileReq(put, target, withDecl(` <?xml version="1.0"?>`, doc)), s400, mal},
		{"prolog-twice", hostileReq(put, target, withDecl(`<?xml version="1.0"?><?xml version="1.0"?>`, doc)), s400, mal},
		{"bom-in-id", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>report1\uFEFF</Id>")), s400, mal},

		// --- Invalid UTF-8 and control characters in the document.
		{"invalid-utf8-in-id", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>report1\xff</Id>")), s400, mal},
		{"invalid-utf8-in-prefix", hostileReq(put, target, hostileMinimalWith("<IsEnabled>", "<Filter><Prefix>a\xc3\x28</Prefix></Filter><IsEnabled>")), s400, mal},
		{"invalid-utf8-in-element-name", hostileReq(put, target, hostileMinimalWith("<IsEnabled>", "<Fil\xfeter/><IsEnabled>")), s400, mal},
		{"overlong-utf8-slash", hostileReq(put, target, hostileMinimalWith("<IsEnabled>", "<Filter><Prefix>a\xc0\xafb</Prefix></Filter><IsEnabled>")), s400, mal},
		{"utf8-encoded-surrogate", hostileReq(put, target, hostileMinimalWith("<IsEnabled>", "<Filter><Prefix>\xed\xa0\x80</Prefix></Filter><IsEnabled>")), s400, mal},
		{"nul-byte-in-id", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>report1\x00</Id>")), s400, mal},
		{"nul-byte-between-elements", hostileReq(put, target, hostileMinimalWith("<IsEnabled>", "\x00<IsEnabled>")), s400, mal},
		{"control-char-in-prefix", hostileReq(put, target, hostileMinimalWith("<IsEnabled>", "<Filter><Prefix>a\x07b</Prefix></Filter><IsEnabled>")), s400, mal},
		{"escape-sequence-in-arn", hostileReq(put, target, hostileMinimalWith("arn:aws:s3:::dst", "arn:aws:s3:::dst\x1b[31m")), s400, mal},
		{"nbsp-in-id", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>report1&#xA0;</Id>")), s400, mal},
		{"replacement-char-in-arn", hostileReq(put, target, hostileMinimalWith("arn:aws:s3:::dst", "arn:aws:s3:::d&#xFFFD;t")), s400, "InvalidS3DestinationBucket"},

		// --- Duplicate, mixed and misplaced elements.
		{"duplicate-id", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>report1</Id><Id>report1</Id>")), s400, mal},
		{"duplicate-destination", hostileReq(put, target, hostileMinimalWith("<IsEnabled>", "<Destination><S3BucketDestination><Bucket>arn:aws:s3:::evil</Bucket><Format>CSV</Format></S3BucketDestination></Destination><IsEnabled>")), s400, mal},
		{"duplicate-isenabled-conflicting", hostileReq(put, target, hostileMinimalWith("<IsEnabled>true</IsEnabled>", "<IsEnabled>true</IsEnabled><IsEnabled>false</IsEnabled>")), s400, mal},
		{"duplicate-frequency", hostileReq(put, target, hostileMinimalWith("<Frequency>Daily</Frequency>", "<Frequency>Daily</Frequency><Frequency>Weekly</Frequency>")), s400, mal},
		{"duplicate-bucket", hostileReq(put, target, hostileMinimalWith("<Bucket>arn:aws:s3:::dst</Bucket>", "<Bucket>arn:aws:s3:::dst</Bucket><Bucket>arn:aws:s3:::evil</Bucket>")), s400, mal},
		{"duplicate-filter", hostileReq(put, target, hostileMinimalWith("<IsEnabled>", "<Filter><Prefix>a</Prefix></Filter><Filter><Prefix>b</Prefix></Filter><IsEnabled>")), s400, mal},
		{"duplicate-optionalfields", hostileReq(put, target, hostileMinimalWith("<Schedule>", "<OptionalFields><Field>Size</Field></OptionalFields><OptionalFields><Field>ETag</Field></OptionalFields><Schedule>")), s400, mal},
		{"mixed-content-in-destination", hostileReq(put, target, hostileMinimalWith("<Destination>", "<Destination>text")), s400, mal},
		{"mixed-content-at-root", hostileReq(put, target, hostileMinimalWith("<IsEnabled>", "stray<IsEnabled>")), s400, mal},
		{"element-inside-leaf", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>report1<b/></Id>")), s400, mal},
		{"unknown-element", hostileReq(put, target, hostileMinimalWith("<IsEnabled>", "<Evil>1</Evil><IsEnabled>")), s400, mal},
		{"misplaced-id-in-schedule", hostileReq(put, target, hostileMinimalWith("<Frequency>Daily</Frequency>", "<Frequency>Daily</Frequency><Id>report1</Id>")), s400, mal},
		{"attribute-on-element", hostileReq(put, target, hostileMinimalWith("<Id>", `<Id evil="1">`)), s400, mal},
		{"duplicate-xmlns", hostileReq(put, target, hostileMinimalWith(`xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`, `xmlns="http://s3.amazonaws.com/doc/2006-03-01/" xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`)), s400, mal},
		{"foreign-namespace-prefix", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", `<e:Id xmlns:e="urn:evil">report1</e:Id>`)), s400, mal},
		{"unbound-prefix", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", `<e:Id>report1</e:Id>`)), s400, mal},
		{"second-root", hostileReq(put, target, append(doc, doc...)), s400, mal},
		{"text-after-root", hostileReq(put, target, append(doc, []byte("trailing")...)), s400, mal},
		{"unclosed-comment", hostileReq(put, target, append(doc, []byte("<!-- never closed")...)), s400, mal},
		{"double-dash-in-comment", hostileReq(put, target, withDecl("<!-- a -- b -->", doc)), s400, mal},
		{"cdata-end-in-text", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id>report1]]></Id>")), s400, mal},
		{"mismatched-close-tag", hostileReq(put, target, hostileMinimalWith("</Id>", "</ID>")), s400, mal},
		{"upper-case-element", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<ID>report1</ID>")), s400, mal},
		{"wrong-root-list-result", hostileReq(put, target, []byte(strings.ReplaceAll(minDoc, "InventoryConfiguration", "ListInventoryConfigurationsResult"))), s400, mal},
		{"self-closing-id", hostileReq(put, target, hostileMinimalWith("<Id>report1</Id>", "<Id/>")), s400, mal},
		{"isenabled-one", hostileReq(put, target, hostileMinimalWith("<IsEnabled>true</IsEnabled>", "<IsEnabled>1</IsEnabled>")), s400, mal},
		{"format-json", hostileReq(put, target, hostileMinimalWith("<Format>CSV</Format>", "<Format>JSON</Format>")), s400, mal},

		// --- Ids: overlong, odd characters, mismatches.
		{"id-65-chars", hostileReq(put, "/src?inventory=&id="+strings.Repeat("a", 65), hostileMinimalWith("<Id>report1</Id>", "<Id>"+strings.Repeat("a", 65)+"</Id>")), s400, mal},
		{"id-10k-chars", hostileReq(put, "/src?inventory=&id="+strings.Repeat("a", 10000), hostileMinimalWith("<Id>report1</Id>", "<Id>"+strings.Repeat("a", 10000)+"</Id>")), s400, mal},
		{"id-path-traversal", hostileReq(put, "/src?inventory=&id=..%2F..%2Fetc", hostileMinimalWith("<Id>report1</Id>", "<Id>../../etc</Id>")), s400, mal},
		{"id-empty-both", hostileReq(put, "/src?inventory=&id=", hostileMinimalWith("<Id>report1</Id>", "<Id></Id>")), s400, mal},
		{"id-query-nul", hostileReq(put, "/src?inventory=&id=report1%00", doc), s400, "IdMismatch"},
		{"id-query-invalid-utf8", hostileReq(put, "/src?inventory=&id=report1%FF", doc), s400, "IdMismatch"},
		{"id-query-bad-escape-dropped", hostileReq(put, "/src", doc, hostileRawQuery("inventory=&id=%zz")), s400, "InvalidArgument"},
		{"id-query-missing", hostileReq(put, list, doc), s400, "InvalidArgument"},
		{"id-query-twice", hostileReq(put, "/src?inventory=&id=other&id=report1", doc), s400, "IdMismatch"},
		{"get-id-invalid-utf8", hostileReq(get, "/src?inventory=&id=%FF%FE", nil), s404, "NoSuchConfiguration"},
		{"get-id-10k", hostileReq(get, "/src?inventory=&id="+strings.Repeat("r", 10000), nil), s404, "NoSuchConfiguration"},
		{"get-id-nul", hostileReq(get, "/src?inventory=&id=report1%00", nil), s404, "NoSuchConfiguration"},
		{"delete-id-invalid-utf8", hostileReq(del, "/src?inventory=&id=report1%C3%28", nil), s404, "NoSuchConfiguration"},
		{"delete-id-missing", hostileReq(del, list, nil), s400, "InvalidArgument"},
		{"delete-id-control", hostileReq(del, "/src?inventory=&id=%0D%0Areport1", nil), s404, "NoSuchConfiguration"},
		{"list-token-garbage", hostileReq(get, "/src?inventory=&continuation-token=%FF%00%3C%26", nil), s400, "InvalidArgument"},
		{"list-token-64k", hostileReq(get, "/src?inventory=&continuation-token="+big, nil), s400, "InvalidArgument"},
		{"list-token-forged-bad-id", hostileReq(get, "/src?inventory=&continuation-token="+hostileForgedToken("../\xff"), nil), s400, "InvalidArgument"},

		// --- Destination ARNs.
		{"arn-plain-name", hostileReq(put, target, hostileMinimalWith("arn:aws:s3:::dst", "dst")), s400, "InvalidS3DestinationBucket"},
		{"arn-namespace", hostileReq(put, target, hostileMinimalWith("arn:aws:s3:::dst", "arn:aws:s3:us-east-1:000000000000:dst")), s400, "InvalidS3DestinationBucket"},
		{"arn-sqs", hostileReq(put, target, hostileMinimalWith("arn:aws:s3:::dst", "arn:aws:sqs:::dst")), s400, "InvalidS3DestinationBucket"},
		{"arn-object-path", hostileReq(put, target, hostileMinimalWith("arn:aws:s3:::dst", "arn:aws:s3:::dst/../../x")), s400, "InvalidS3DestinationBucket"},
		{"arn-64k", hostileReq(put, target, hostileMinimalWith("arn:aws:s3:::dst", "arn:aws:s3:::"+big)), s400, "InvalidS3DestinationBucket"},

		// --- Subresources and methods.
		{"inventory-and-tagging", hostileReq(put, "/src?inventory=&tagging=&id=report1", doc), s501, "NotImplemented"},
		{"inventory-on-object", hostileReq(put, "/src/key?inventory=&id=report1", doc), s501, "NotImplemented"},
		{"inventory-on-object-encoded-slash", hostileReq(get, "/src%2Fkey?inventory=", nil), s501, "NotImplemented"},
		{"post-inventory", hostileReq(http.MethodPost, target, doc), s405, "MethodNotAllowed"},
		{"patch-inventory", hostileReq(http.MethodPatch, target, doc), s405, "MethodNotAllowed"},
		{"trace-inventory", hostileReq(http.MethodTrace, target, nil), s405, "MethodNotAllowed"},
		{"options-inventory", hostileReq(http.MethodOptions, target, nil), s400, "BadRequest"},
		{"made-up-method-inventory", hostileReq("BREW", target, nil), s405, "MethodNotAllowed"},
		{"patch-bucket", hostileReq(http.MethodPatch, "/src", []byte("x")), s405, "MethodNotAllowed"},
		{"trace-bucket", hostileReq(http.MethodTrace, "/src", nil), s405, "MethodNotAllowed"},
		{"options-bucket-without-cors", hostileReq(http.MethodOptions, "/src", nil), s400, "BadRequest"},
		{"options-object-with-origin-no-cors", hostileReq(http.MethodOptions, "/src/key", nil, hostileHeader("Origin", "http://evil.example"), hostileHeader("Access-Control-Request-Method", "PUT")), s403, "AccessForbidden"},
		{"propfind-bucket", hostileReq("PROPFIND", "/src", nil), s405, "MethodNotAllowed"},
		{"patch-object", hostileReq(http.MethodPatch, "/src/key", []byte("overwrite")), s405, "MethodNotAllowed"},
		{"restore-get-on-object", hostileReq(get, "/src/key?restore=", nil), s405, "MethodNotAllowed"},
		{"select-on-object", hostileReq(http.MethodPost, "/src/key?select=", nil), s501, "NotImplemented"},

		// --- Paths and bucket names.
		{"path-nul-bucket", hostileReq(get, "/%00?inventory=", nil), s404, "NoSuchBucket"},
		{"path-invalid-utf8-bucket", hostileReq(get, "/%FF%FE?inventory=", nil), s404, "NoSuchBucket"},
		{"path-percent-literal-bucket", hostileReq(get, "/src%25zz?inventory=", nil), s404, "NoSuchBucket"},
		{"path-dot-dot", hostileReq(get, "/../src?inventory=", nil), s501, "NotImplemented"},
		{"path-8k-bucket", hostileReq(get, "/"+strings.Repeat("b", 8192)+"?inventory=", nil), s404, "NoSuchBucket"},
		{"put-inventory-missing-bucket", hostileReq(put, "/evil?inventory=&id=report1", doc), s404, "NoSuchBucket"},
		{"create-bucket-invalid-utf8", hostileReq(put, "/evil%FF", nil), s400, "InvalidBucketName"},
		{"create-bucket-nul", hostileReq(put, "/evil%00", nil), s400, "InvalidBucketName"},
		{"create-bucket-too-long", hostileReq(put, "/"+strings.Repeat("b", 64), nil), s400, "InvalidBucketName"},
		{"create-bucket-upper-case", hostileReq(put, "/SRC", nil), s400, "InvalidBucketName"},
		{"create-bucket-one-char", hostileReq(put, "/a", nil), s400, "InvalidBucketName"},
		{"create-bucket-truncated-xml", hostileReq(put, "/new-bucket", []byte("<CreateBucketConfiguration><LocationConstraint>eu")), s400, mal},
		{"create-bucket-deep-xml", hostileReq(put, "/new-deep", []byte(hostileDeep("CreateBucketConfiguration", 10000))), s400, mal},
		{"create-bucket-billion-laughs", hostileReq(put, "/lol", []byte(`<!DOCTYPE l [<!ENTITY l "l"><!ENTITY l2 "&l;&l;&l;&l;&l;&l;&l;&l;">]><CreateBucketConfiguration><LocationConstraint>&l2;</LocationConstraint></CreateBucketConfiguration>`)), s400, mal},
		{"create-bucket-unknown-element", hostileReq(put, "/new-unknown", []byte("<CreateBucketConfiguration><Evil>1</Evil></CreateBucketConfiguration>")), s400, mal},
		{"create-bucket-doctype", hostileReq(put, "/new-doctype", []byte(`<!DOCTYPE CreateBucketConfiguration SYSTEM "http://127.0.0.1:1/x.dtd"><CreateBucketConfiguration/>`)), s400, mal},
		{"create-bucket-trailing-garbage", hostileReq(put, "/new-trailing", []byte("<CreateBucketConfiguration/><evil")), s400, mal},
		{"create-bucket-wrong-root", hostileReq(put, "/new-root", []byte("<Evil><LocationConstraint>us-east-1</LocationConstraint></Evil>")), s400, mal},
		{"create-bucket-wrong-region", hostileReq(put, "/new-region", []byte("<CreateBucketConfiguration><LocationConstraint>mars-1</LocationConstraint></CreateBucketConfiguration>")), s400, "IllegalLocationConstraintException"},
		{"create-bucket-oversized-body", hostileReq(put, "/new-oversized", bytes.Repeat([]byte(" "), xmlcodec.MaxBodySize+1)), s400, "MaxMessageLengthExceeded"},
		{"virtual-host-garbage-bucket", hostileReq(get, "/?inventory=", nil, hostileHost("no-such%25.localhost")), s404, "NoSuchBucket"},

		// --- Object keys.
		{"put-object-key-invalid-utf8", hostileReq(put, "/src/bad%FFkey", []byte("x")), s400, "InvalidURI"},
		{"put-object-key-overlong-utf8", hostileReq(put, "/src/bad%C0%AFkey", []byte("x")), s400, "InvalidURI"},
		{"put-object-key-too-long", hostileReq(put, "/src/"+strings.Repeat("k", 1025), []byte("x")), s400, "KeyTooLongError"},
		{"put-object-key-too-long-multibyte", hostileReq(put, "/src/"+strings.Repeat("%E2%82%AC", 400), []byte("x")), s400, "KeyTooLongError"},
		{"get-object-key-nul", hostileReq(get, "/src/key%00", nil), s404, "NoSuchKey"},
		{"get-object-key-invalid-utf8", hostileReq(get, "/src/key%FF", nil), s400, "InvalidURI"},
		{"put-object-missing-bucket", hostileReq(put, "/evil/key", []byte("x")), s404, "NoSuchBucket"},
		{"put-object-bad-content-md5", hostileReq(put, "/src/key", []byte("x"), hostileHeader("Content-MD5", "not base64!")), s400, "InvalidDigest"},
		{"put-object-wrong-content-md5", hostileReq(put, "/src/key", []byte("x"), hostileHeader("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==")), s400, "BadDigest"},
		{"put-object-64k-metadata", hostileReq(put, "/src/key", []byte("x"), hostileHeader("X-Amz-Meta-Big", big)), s400, "MetadataTooLarge"},

		// --- Policies (dst has one; a rejected PUT must keep it).
		{"policy-truncated", hostileReq(put, "/dst?policy=", []byte(`{"Version":"2012-10-17","Statement":[`)), s400, "MalformedPolicy"},
		{"policy-deep-nesting", hostileReq(put, "/dst?policy=", []byte(`{"Version":"2012-10-17","Statement":`+strings.Repeat("[", 10000)+strings.Repeat("]", 10000)+`}`)), s400, "MalformedPolicy"},
		{"policy-invalid-utf8", hostileReq(put, "/dst?policy=", []byte("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::dst/\xff\"}]}")), s400, "MalformedPolicy"},
		{"policy-over-20k", hostileReq(put, "/dst?policy=", []byte(`{"Version":"2012-10-17","Id":"`+strings.Repeat("p", 21<<10)+`"}`)), s400, "PolicyTooLarge"},
		{"policy-xml-body", hostileReq(put, "/dst?policy=", doc), s400, "MalformedPolicy"},

		// --- Headers.
		{"header-64k-ignored", hostileReq(get, "/src?inventory=&id=nope", nil, hostileHeader("X-Junk", big)), s404, "NoSuchConfiguration"},
		{"header-64k-expected-owner", hostileReq(get, list, nil, hostileHeader("X-Amz-Expected-Bucket-Owner", big)), s400, "InvalidBucketOwnerAWSAccountID"},
		{"header-expected-owner-invalid-utf8", hostileReq(get, list, nil, hostileHeader("X-Amz-Expected-Bucket-Owner", "\xff\xfe00000000")), s400, "InvalidBucketOwnerAWSAccountID"},
		{"header-expected-owner-other", hostileReq(put, target, doc, hostileHeader("X-Amz-Expected-Bucket-Owner", "222222222222")), s403, "AccessDenied"},
		{"header-2mib-over-limit", hostileReq(get, list, nil, hostileHeader("X-Junk", strings.Repeat("y", 2<<20))), http.StatusRequestHeaderFieldsTooLarge, hostileNetHTTP},
		{"header-many-over-limit", hostileWire(func(e *hostileEnv) []byte {
			var b strings.Builder
			b.WriteString("GET /src?inventory= HTTP/1.1\r\nHost: " + e.addr + "\r\n")
			for i := 0; i < 12000; i++ {
				b.WriteString("X-H" + strconv.Itoa(i) + ": " + strings.Repeat("v", 90) + "\r\n")
			}
			b.WriteString("\r\n")
			return []byte(b.String())
		}, false), http.StatusRequestHeaderFieldsTooLarge, hostileNetHTTP},
		{"header-control-char", hostileWire(func(e *hostileEnv) []byte {
			return []byte("GET /src?inventory= HTTP/1.1\r\nHost: " + e.addr + "\r\nX-Evil: a\x01b\r\n\r\n")
		}, false), s400, hostileNetHTTP},
		{"header-nul", hostileWire(func(e *hostileEnv) []byte {
			return []byte("GET /src?inventory= HTTP/1.1\r\nHost: " + e.addr + "\r\nX-Evil: a\x00b\r\n\r\n")
		}, false), s400, hostileNetHTTP},

		// --- Authentication.
		{"unsigned-put", hostileReq(put, target, doc, hostileUnsignedReq()), s403, "AccessDenied"},
		{"unsigned-get", hostileReq(get, target, nil, hostileUnsignedReq()), s403, "AccessDenied"},
		{"unsigned-list", hostileReq(get, list, nil, hostileUnsignedReq()), s403, "AccessDenied"},
		{"unsigned-delete", hostileReq(del, target, nil, hostileUnsignedReq()), s403, "AccessDenied"},
		{"unsigned-create-bucket", hostileReq(put, "/new-bucket", nil, hostileUnsignedReq()), s403, "AccessDenied"},
		{"unsigned-put-object", hostileReq(put, "/src/key", []byte("x"), hostileUnsignedReq()), s403, "AccessDenied"},
		{"signature-flipped", hostileReq(put, target, doc, hostileAfter(func(r *http.Request) {
			a := r.Header.Get("Authorization")
			last := a[len(a)-1]
			r.Header.Set("Authorization", a[:len(a)-1]+map[bool]string{true: "1", false: "0"}[last == '0'])
		})), s403, "SignatureDoesNotMatch"},
		{"signature-not-hex", hostileReq(put, target, doc, hostileAfter(func(r *http.Request) {
			a := r.Header.Get("Authorization")
			r.Header.Set("Authorization", a[:strings.Index(a, "Signature=")]+"Signature=zz\xff")
		})), s403, "SignatureDoesNotMatch"},
		{"unknown-access-key", hostileReq(put, target, doc, hostileAccessKey("AKIAEVIL")), s403, "InvalidAccessKeyId"},
		{"access-key-invalid-utf8", hostileReq(put, target, doc, hostileAccessKey("AKIA\xff\xfe")), s403, "InvalidAccessKeyId"},
		{"authorization-bearer", hostileReq(get, list, nil, hostileUnsignedReq(), hostileHeader("Authorization", "Bearer eyJhbGciOi")), s400, "InvalidArgument"},
		{"authorization-sigv2", hostileReq(get, list, nil, hostileUnsignedReq(), hostileHeader("Authorization", "AWS test:c2lnbmF0dXJl")), s403, "AccessDenied"}, // SigV2 is accepted by default: no Date header
		{"authorization-algorithm-only", hostileReq(get, list, nil, hostileUnsignedReq(), hostileHeader("Authorization", "AWS4-HMAC-SHA256")), s400, "AuthorizationHeaderMalformed"},
		{"authorization-64k", hostileReq(get, list, nil, hostileUnsignedReq(), hostileHeader("Authorization", "AWS4-HMAC-SHA256 Credential="+big)), s400, "AuthorizationHeaderMalformed"},
		{"authorization-wrong-region", hostileReq(get, list, nil, hostileAfter(func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/us-east-1/", "/eu-evil-1/", 1))
		})), s400, "AuthorizationHeaderMalformed"},
		{"authorization-wrong-service", hostileReq(get, list, nil, hostileAfter(func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/s3/", "/iam/", 1))
		})), s400, "AuthorizationHeaderMalformed"},
		{"authorization-twice", hostileReq(put, target, doc, hostileAfter(func(r *http.Request) {
			r.Header.Add("Authorization", "AWS4-HMAC-SHA256 Credential=evil")
		})), s400, "AuthorizationHeaderMalformed"},
		{"header-and-query-auth", hostileReq(get, "/src?inventory=&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=00", nil), s400, "InvalidArgument"},
		{"request-time-skewed", hostileReq(put, target, doc, hostileSignAt(time.Now().Add(-24*time.Hour))), s403, "RequestTimeTooSkewed"},
		{"request-time-future", hostileReq(put, target, doc, hostileSignAt(time.Now().Add(time.Hour))), s403, "RequestTimeTooSkewed"},
		{"x-amz-date-removed", hostileReq(put, target, doc, hostileAfter(func(r *http.Request) { r.Header.Del("X-Amz-Date") })), s403, "AccessDenied"},
		{"x-amz-date-garbage", hostileReq(put, target, doc, hostileAfter(func(r *http.Request) { r.Header.Set("X-Amz-Date", "2026\xff\xfegarbage") })), s403, "AccessDenied"},
		{"unsigned-x-amz-header-added", hostileReq(put, target, doc, hostileAfter(func(r *http.Request) { r.Header.Set("X-Amz-Evil", "1") })), s403, "AccessDenied"},
		{"payload-hash-garbage", hostileReq(put, target, doc, hostilePayloadHash("not-a-hash\xff")), s400, "InvalidArgument"},
		{"payload-hash-missing", hostileReq(put, target, doc, hostileAfter(func(r *http.Request) { r.Header.Del("X-Amz-Content-Sha256") })), s400, "InvalidRequest"},
		{"body-changed-after-signing", hostileReq(put, target, doc, hostileAfter(func(r *http.Request) {
			changed := hostileMinimalWith("<IsEnabled>true</IsEnabled>", "<IsEnabled>fals</IsEnabled>")
			r.Body = io.NopCloser(bytes.NewReader(changed))
			r.ContentLength = int64(len(changed))
		})), s400, "XAmzContentSHA256Mismatch"},
		{"presigned-bad-date", hostilePresigned(get, list, func(q url.Values) { q.Set("X-Amz-Date", "yesterday") }), s400, "AuthorizationQueryParametersError"},
		{"presigned-negative-expiry", hostilePresigned(get, list, func(q url.Values) { q.Set("X-Amz-Expires", "-1") }), s400, "AuthorizationQueryParametersError"},
		{"presigned-huge-expiry", hostilePresigned(get, list, func(q url.Values) { q.Set("X-Amz-Expires", "99999999999999999999999") }), s400, "AuthorizationQueryParametersError"},
		{"presigned-no-signature", hostilePresigned(get, list, func(q url.Values) { q.Del("X-Amz-Signature") }), s400, "AuthorizationQueryParametersError"},
		{"presigned-signature-tampered", hostilePresigned(get, list, func(q url.Values) { q.Set("X-Amz-Signature", strings.Repeat("0", 64)) }), s403, "SignatureDoesNotMatch"},
		{"presigned-sigv2", hostileReq(get, "/src?inventory=&AWSAccessKeyId=test&Signature=abc&Expires=9999999999", nil, hostileUnsignedReq()), s403, "SignatureDoesNotMatch"}, // SigV2 accepted by default (sigv2_test.go covers -strict-sigv4)

		// --- Framing: lengths, trickles, chunking.
		{"content-length-longer-signed", hostileIncomplete(doc, 100), s400, "IncompleteBody"},
		{"content-length-longer-unsigned-payload", hostileIncomplete(doc, 100, hostilePayloadHash("UNSIGNED-PAYLOAD")), s400, "IncompleteBody"},
		{"content-length-shorter", hostileWire(func(e *hostileEnv) []byte {
			head, b := hostileSplitWire(e.t, e.signedWire(put, target, doc, hostileSignedLength(int64(len(doc)-10))))
			return append(hostileSetContentLength(e.t, head, len(b)-10), b...)
		}, false), s400, "XAmzContentSHA256Mismatch"},
		{"content-length-zero-with-body", hostileWire(func(e *hostileEnv) []byte {
			head, b := hostileSplitWire(e.t, e.signedWire(put, target, doc, hostileSignedLength(0)))
			return append(hostileSetContentLength(e.t, head, 0), b...)
		}, false), s400, "XAmzContentSHA256Mismatch"},
		{"empty-body-signed-as-document", hostileReq(put, target, nil, hostilePayloadHash(hostileSHA256(doc))), s400, "XAmzContentSHA256Mismatch"},
		{"put-object-empty-body-signed-as-other", hostileReq(put, "/src/key", nil, hostilePayloadHash(hostileSHA256([]byte("hello")))), s400, "XAmzContentSHA256Mismatch"},
		{"content-length-and-chunked", hostileWire(func(e *hostileEnv) []byte {
			head, b := hostileSplitWire(e.t, e.signedWire(put, target, doc, hostileSignedLength(0)))
			head = bytes.Replace(head, []byte("\r\n\r\n"), []byte("\r\nTransfer-Encoding: chunked\r\n\r\n"), 1)
			return append(head, b...)
		}, true), s400, "IncompleteBody"},
		{"content-length-twice-differing", hostileWire(func(e *hostileEnv) []byte {
			head, b := hostileSplitWire(e.t, e.signedWire(put, target, doc))
			head = bytes.Replace(head, []byte("\r\n\r\n"), []byte("\r\nContent-Length: 3\r\n\r\n"), 1)
			return append(head, b...)
		}, false), s400, hostileNetHTTP},
		{"content-length-negative", hostileWire(func(e *hostileEnv) []byte {
			head, b := hostileSplitWire(e.t, e.signedWire(put, target, doc))
			return append(hostileSetContentLength(e.t, head, -5), b...)
		}, false), s400, hostileNetHTTP},
		{"chunked-bad-chunk-size", hostileWire(func(e *hostileEnv) []byte {
			head, _ := hostileSplitWire(e.t, e.signedWire(put, target, doc, hostileSignedLength(0)))
			head = bytes.Replace(hostileDropContentLength(head), []byte("\r\n\r\n"), []byte("\r\nTransfer-Encoding: chunked\r\n\r\n"), 1)
			return append(head, []byte("zz\r\n"+minDoc+"\r\n0\r\n\r\n")...)
		}, false), s400, "IncompleteBody"},
		{"chunked-truncated", hostileWire(func(e *hostileEnv) []byte {
			head, _ := hostileSplitWire(e.t, e.signedWire(put, target, doc, hostileSignedLength(0)))
			head = bytes.Replace(hostileDropContentLength(head), []byte("\r\n\r\n"), []byte("\r\nTransfer-Encoding: chunked\r\n\r\n"), 1)
			return append(head, []byte(strconv.FormatInt(int64(len(minDoc)), 16)+"\r\n"+minDoc[:20])...)
		}, true), s400, "IncompleteBody"},
		{"put-object-no-content-length", hostileWire(func(e *hostileEnv) []byte {
			head, _ := hostileSplitWire(e.t, e.signedWire(put, "/src/key", []byte("hello"), hostileSignedLength(0)))
			head = bytes.Replace(hostileDropContentLength(head), []byte("\r\n\r\n"), []byte("\r\nTransfer-Encoding: chunked\r\n\r\n"), 1)
			return append(head, []byte("5\r\nhello\r\n0\r\n\r\n")...)
		}, false), http.StatusLengthRequired, "MissingContentLength"},
		{"slowloris-trickle-then-end", hostileTrickle(40, true), s400, "IncompleteBody"},
		{"slowloris-trickle-abandon", hostileTrickle(30, false), 0, hostileNoAnswer},
		{"slowloris-headers-abandon", hostileSlowHeaders(), 0, hostileNoAnswer},
		{"garbage-request-line", hostileWire(func(e *hostileEnv) []byte { return []byte("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n") }, false), s400, hostileNetHTTP},
		{"request-target-bad-escape", hostileWire(func(e *hostileEnv) []byte {
			return []byte("GET /src%zz?inventory= HTTP/1.1\r\nHost: " + e.addr + "\r\n\r\n")
		}, false), s400, hostileNetHTTP},
		{"request-target-raw-space", hostileWire(func(e *hostileEnv) []byte {
			return []byte("GET /src x?inventory= HTTP/1.1\r\nHost: " + e.addr + "\r\n\r\n")
		}, false), s400, hostileNetHTTP},
		{"request-target-raw-invalid-utf8", hostileWire(func(e *hostileEnv) []byte {
			return []byte("GET /\xff\xfe?inventory= HTTP/1.1\r\nHost: " + e.addr + "\r\n\r\n")
		}, false), s404, "NoSuchBucket"},
		{"host-header-invalid", hostileWire(func(e *hostileEnv) []byte {
			return []byte("GET /src?inventory= HTTP/1.1\r\nHost: a b\xff\r\n\r\n")
		}, false), s400, hostileNetHTTP},
		{"http-1.1-without-host", hostileWire(func(e *hostileEnv) []byte {
			return []byte("GET /src?inventory= HTTP/1.1\r\n\r\n")
		}, false), s400, hostileNetHTTP},
	}
	return cases
}

// hostileDropContentLength removes the Content-Length line of a header block.
func hostileDropContentLength(head []byte) []byte {
	lines := strings.Split(string(head), "\r\n")
	out := lines[:0]
	for _, l := range lines {
		if !strings.HasPrefix(strings.ToLower(l), "content-length:") {
			out = append(out, l)
		}
	}
	return []byte(strings.Join(out, "\r\n"))
}

// hostileForgedToken is a continuation token in the store's own shape
// (internal/invstore/store.go) naming id.
func hostileForgedToken(id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("s3fake-inventory-v1:" + id))
}

// hostileWorld starts the server under attack: versioned bucket src with
// objects and two configurations, bucket dst with the delivery policy.
func hostileWorld(t *testing.T) *hostileEnv {
	srv := s3fake.Start(t)
	srv.CreateBucket("src", s3fake.Versioned())
	srv.CreateBucket("dst")
	srv.PutBucketPolicy("dst", fixtures.DeliveryPolicy("dst", "src", s3fake.DefaultAccountID))
	srv.PutObject("src", "key", []byte("hello"))
	srv.PutObject("src", "logs/a.log", []byte("v1"))
	srv.PutObject("src", "logs/a.log", []byte("v2"))
	srv.DeleteObject("src", "gone")
	srv.PutInventoryConfiguration("src", fixtures.EveryField("report1", "dst", s3fake.DefaultAccountID))
	srv.PutInventoryConfiguration("src", fixtures.Minimal("daily", "dst"))
	u, err := url.Parse(srv.URL())
	require.NoError(t, err)
	return &hostileEnv{t: t, srv: srv, client: srv.HTTPClient(), sdk: srv.Client(), addr: u.Host}
}

func TestHostileRequests(t *testing.T) {
	cases := hostileCatalogue()
	require.GreaterOrEqual(t, len(cases), 100, "the catalogue must hold at least 100 requests")
	seen := map[string]bool{}
	for _, c := range cases {
		require.False(t, seen[c.name], "duplicate case name %s", c.name)
		seen[c.name] = true
	}
	e := hostileWorld(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.t = t
			before := hostileState(t, e)
			r := c.send(e)
			hostileCheck(t, c, r)
			after := hostileState(t, e) // also the health check: an SDK call
			require.Equal(t, before, after, "state changed by a rejected request")
		})
	}
	e.t = t
	// Still serving normally after the whole catalogue: a valid PUT and GET.
	_, err := e.sdk.PutBucketInventoryConfiguration(t.Context(), &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String("src"), Id: aws.String("after"), InventoryConfiguration: validConfig("after"),
	})
	require.NoError(t, err)
	_, err = e.sdk.GetBucketInventoryConfiguration(t.Context(), &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("src"), Id: aws.String("after"),
	})
	require.NoError(t, err)
}

// srv.SignRequest must sign a path with percent-escapes the way S3 (and the
// SDK's S3 client) does: the path as sent, not escaped a second time. A
// raw GET of a missing key with a space in it is then NoSuchKey, not a
// signature mismatch.
func TestHostileSignRequestEscapedPath(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("src")
	for _, target := range []string{"/src/a%20b", "/src/caf%C3%A9", "/src/100%25"} {
		req, err := http.NewRequest(http.MethodGet, srv.URL()+target, nil)
		require.NoError(t, err)
		require.NoError(t, srv.SignRequest(req, nil))
		resp, err := srv.HTTPClient().Do(req)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		var doc hostileErrorDoc
		require.NoError(t, xml.Unmarshal(body, &doc), "%s", body)
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, "%s: %s", target, doc.Code)
		assert.Equal(t, "NoSuchKey", doc.Code, target)
	}
}
