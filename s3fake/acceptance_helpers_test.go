package s3fake_test

// Helpers of the inventory acceptance suite (docs/inventory-api.md §6). Every
// case starts its own server with bucket "src", drives it through a real
// aws-sdk-go-v2 client, and can also look at the raw HTTP exchange that
// client just made (status, headers, body elements the SDK hides).

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/s3fake"
)

// Fixture values of docs/inventory-api.md §6 (account 111111111111 there is the
// default account here).
const (
	srcBucket    = "src"
	ownerAccount = s3fake.DefaultAccountID
	otherAccount = "222222222222"
	dstARN       = "arn:aws:s3:::dst"
	s3Namespace  = "http://s3.amazonaws.com/doc/2006-03-01/"
)

// The exact messages S3 (and our decisions) send.
const (
	msgMalformedXML         = "The XML you provided was not well-formed or did not validate against our published schema"
	msgNoSuchConfiguration  = "The specified configuration does not exist."
	msgNoSuchBucket         = "The specified bucket does not exist"
	msgIDMismatch           = "Document ID does not match the specified configuration ID."
	msgInvalidBucketARN     = "Invalid bucket ARN."
	msgARNHasNamespace      = "Bucket ARN should not specify a namespace."
	msgAccessDenied         = "Access Denied"
	msgTooManyConfigs       = "You are attempting to create a new configuration but have already reached the 1,000-configuration limit."
	msgMissingID            = "Missing required parameter: id"
	msgBadContinuationToken = "The continuation token provided is incorrect"
	msgTooBig               = "Your request was too big."
	msgInvalidArgument      = "Invalid Argument"
)

// cosFields are the ten optional fields dialect COS accepts, in the IBM
// SDK's order.
var cosFields = []types.InventoryOptionalField{
	"Size", "LastModifiedDate", "StorageClass", "ETag", "IsMultipartUploaded",
	"ReplicationStatus", "BucketKeyStatus", "ObjectLockRetainUntilDate",
	"ObjectLockMode", "ObjectLockLegalHoldStatus",
}

// acceptanceCase is one numbered case of docs/inventory-api.md §6 (or a
// docs/decisions.md §3 rule), run against a server of the given dialect.
type acceptanceCase struct {
	name string
	run  func(t *testing.T, d s3fake.Dialect)
}

// runCases runs every case as a parallel subtest against dialect d.
func runCases(t *testing.T, d s3fake.Dialect, lists ...[]acceptanceCase) {
	t.Helper()
	for _, list := range lists {
		for _, c := range list {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				c.run(t, d)
			})
		}
	}
}

// ---------------------------------------------------------------------------
// Wire recording

// exchange is one HTTP request and its response as they crossed the wire.
type exchange struct {
	query     url.Values
	reqHeader http.Header
	reqBody   []byte
	status    int
	header    http.Header
	body      []byte
}

// recorder is an http.RoundTripper that keeps the last exchange, so that a
// test driving the SDK can also assert on the raw response.
type recorder struct {
	mu   sync.Mutex
	last exchange
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	out := req.Clone(req.Context())
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		reqBody = b
		out.Body = io.NopCloser(bytes.NewReader(b))
	}
	resp, err := http.DefaultTransport.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	r.mu.Lock()
	r.last = exchange{
		query: req.URL.Query(), reqHeader: req.Header.Clone(), reqBody: reqBody,
		status: resp.StatusCode, header: resp.Header.Clone(), body: body,
	}
	r.mu.Unlock()
	return resp, nil
}

func (r *recorder) lastExchange() exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

// ---------------------------------------------------------------------------
// Fixture

// fixture is one server with bucket src, an SDK client whose exchanges are
// recorded, and the bucket and expected-owner header the calls below use.
type fixture struct {
	srv    *s3fake.Server
	client *s3.Client
	rec    *recorder
	ctx    context.Context
	bucket string  // bucket the calls address; "src" unless changed by withBucket
	owner  *string // x-amz-expected-bucket-owner, nil for none
}

// newFixture starts a server of dialect d (s3fake.Start(t) with no option
// for AWS) with bucket src owned by the default account.
func newFixture(t *testing.T, d s3fake.Dialect) *fixture {
	t.Helper()
	var opts []s3fake.Option
	if d != s3fake.DialectAWS {
		opts = append(opts, s3fake.WithDialect(d))
	}
	srv := s3fake.Start(t, opts...)
	require.Equal(t, d, srv.Dialect())
	srv.CreateBucket(srcBucket)
	rec := &recorder{}
	client := srv.Client(func(o *s3.Options) {
		o.HTTPClient = &http.Client{Transport: rec}
		o.Retryer = aws.NopRetryer{}
	})
	return &fixture{srv: srv, client: client, rec: rec, ctx: t.Context(), bucket: srcBucket}
}

// withBucket returns a copy of f whose calls address bucket.
func (f *fixture) withBucket(bucket string) *fixture {
	g := *f
	g.bucket = bucket
	return &g
}

// withOwner returns a copy of f whose calls send x-amz-expected-bucket-owner.
func (f *fixture) withOwner(account string) *fixture {
	g := *f
	g.owner = aws.String(account)
	return &g
}

// seed stores VALID(id) for each id directly (no HTTP).
func (f *fixture) seed(ids ...string) {
	for _, id := range ids {
		f.srv.PutInventoryConfiguration(srcBucket, validModel(id))
	}
}

// configs is the bucket's stored state, read directly.
func (f *fixture) configs() []inventory.Configuration {
	return f.srv.InventoryConfigurations(f.bucket)
}

// last is the raw exchange of the latest SDK call or raw request.
func (f *fixture) last() exchange { return f.rec.lastExchange() }

// put sends PutBucketInventoryConfiguration with query id and body cfg.
func (f *fixture) put(id string, cfg *types.InventoryConfiguration) error {
	_, err := f.client.PutBucketInventoryConfiguration(f.ctx, &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String(f.bucket), Id: aws.String(id), InventoryConfiguration: cfg, ExpectedBucketOwner: f.owner,
	})
	return err
}

// get sends GetBucketInventoryConfiguration.
func (f *fixture) get(id string) (*types.InventoryConfiguration, error) {
	out, err := f.client.GetBucketInventoryConfiguration(f.ctx, &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String(f.bucket), Id: aws.String(id), ExpectedBucketOwner: f.owner,
	})
	if err != nil {
		return nil, err
	}
	return out.InventoryConfiguration, nil
}

// list sends ListBucketInventoryConfigurations; token "" sends none.
func (f *fixture) list(token string) (*s3.ListBucketInventoryConfigurationsOutput, error) {
	in := &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String(f.bucket), ExpectedBucketOwner: f.owner}
	if token != "" {
		in.ContinuationToken = aws.String(token)
	}
	return f.client.ListBucketInventoryConfigurations(f.ctx, in)
}

// del sends DeleteBucketInventoryConfiguration.
func (f *fixture) del(id string) error {
	_, err := f.client.DeleteBucketInventoryConfiguration(f.ctx, &s3.DeleteBucketInventoryConfigurationInput{
		Bucket: aws.String(f.bucket), Id: aws.String(id), ExpectedBucketOwner: f.owner,
	})
	return err
}

// mustPut puts cfg under cfg.Id and requires 204 with an empty body.
func (f *fixture) mustPut(t *testing.T, cfg *types.InventoryConfiguration) {
	t.Helper()
	require.NoError(t, f.put(aws.ToString(cfg.Id), cfg))
	ex := f.last()
	require.Equal(t, http.StatusNoContent, ex.status)
	require.Empty(t, ex.body)
}

// mustGet gets id and requires success.
func (f *fixture) mustGet(t *testing.T, id string) *types.InventoryConfiguration {
	t.Helper()
	cfg, err := f.get(id)
	require.NoError(t, err)
	require.NotNil(t, cfg)
	return cfg
}

// mustList lists one page and requires success.
func (f *fixture) mustList(t *testing.T, token string) *s3.ListBucketInventoryConfigurationsOutput {
	t.Helper()
	out, err := f.list(token)
	require.NoError(t, err)
	return out
}

// raw sends a request signed as the default account to /{bucket}?{query} with body (nil for
// none) and the fixture's expected-owner header, and returns the exchange.
func (f *fixture) raw(t *testing.T, method, query string, body []byte) exchange {
	t.Helper()
	var rd io.Reader = http.NoBody
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(f.ctx, method, f.srv.URL()+"/"+f.bucket+"?"+query, rd)
	require.NoError(t, err)
	if f.owner != nil {
		req.Header.Set("x-amz-expected-bucket-owner", *f.owner)
	}
	require.NoError(t, f.srv.SignRequest(req, body))
	resp, err := (&http.Client{Transport: f.rec}).Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	return f.last()
}

// putQuery is the query of a PUT, GET or DELETE of configuration id, in
// the SDK's shape.
func putQuery(id string) string { return "inventory=&id=" + url.QueryEscape(id) }

// ---------------------------------------------------------------------------
// Errors

// wantErr is an expected S3 error response. Empty Argument*/BucketName
// fields mean the element must be absent.
type wantErr struct {
	status        int
	code          string
	message       string
	argumentName  string
	argumentValue string
	bucketName    string
}

func errMalformedXML() wantErr {
	return wantErr{status: http.StatusBadRequest, code: "MalformedXML", message: msgMalformedXML}
}

func errNoSuchConfiguration() wantErr {
	return wantErr{status: http.StatusNotFound, code: "NoSuchConfiguration", message: msgNoSuchConfiguration}
}

func errNoSuchBucket(bucket string) wantErr {
	return wantErr{status: http.StatusNotFound, code: "NoSuchBucket", message: msgNoSuchBucket, bucketName: bucket}
}

func errIDMismatch() wantErr {
	return wantErr{status: http.StatusBadRequest, code: "IdMismatch", message: msgIDMismatch}
}

func errDestination(message string) wantErr {
	return wantErr{status: http.StatusBadRequest, code: "InvalidS3DestinationBucket", message: message}
}

func errAccessDenied() wantErr {
	return wantErr{status: http.StatusForbidden, code: "AccessDenied", message: msgAccessDenied}
}

func errInvalidOwner(value string) wantErr {
	return wantErr{status: http.StatusBadRequest, code: "InvalidBucketOwnerAWSAccountID",
		message: "The value of the expected bucket owner parameter must be an AWS Account ID... [" + value + "]"}
}

func errMissingID() wantErr {
	return wantErr{status: http.StatusBadRequest, code: "InvalidArgument", message: msgMissingID, argumentName: "id"}
}

func errBadToken(token string) wantErr {
	return wantErr{status: http.StatusBadRequest, code: "InvalidArgument", message: msgBadContinuationToken,
		argumentName: "continuation-token", argumentValue: token}
}

func errTooMany() wantErr {
	return wantErr{status: http.StatusBadRequest, code: "TooManyConfigurations", message: msgTooManyConfigs}
}

func errTooBig() wantErr {
	return wantErr{status: http.StatusBadRequest, code: "MaxMessageLengthExceeded", message: msgTooBig}
}

// errCOSUnsupported is dialect COS's refusal of a value AWS accepts.
func errCOSUnsupported(argument, value string) wantErr {
	return wantErr{status: http.StatusBadRequest, code: "InvalidArgument", message: msgInvalidArgument,
		argumentName: argument, argumentValue: value}
}

// errorDoc is an S3 <Error> body.
type errorDoc struct {
	XMLName       xml.Name `xml:"Error"`
	Code          string   `xml:"Code"`
	Message       string   `xml:"Message"`
	BucketName    string   `xml:"BucketName"`
	ArgumentName  string   `xml:"ArgumentName"`
	ArgumentValue string   `xml:"ArgumentValue"`
	RequestID     string   `xml:"RequestId"`
}

// requireRawError checks a raw error response: status, Content-Type
// application/xml, an <Error> body with want's code, message, argument and
// bucket elements, and a non-empty RequestId equal to x-amz-request-id.
func requireRawError(t *testing.T, ex exchange, want wantErr) {
	t.Helper()
	require.Equal(t, want.status, ex.status, "status; body %s", ex.body)
	assert.Equal(t, "application/xml", ex.header.Get("Content-Type"))
	var doc errorDoc
	require.NoError(t, xml.Unmarshal(ex.body, &doc), "error body %s", ex.body)
	assert.Equal(t, want.code, doc.Code)
	assert.Equal(t, want.message, doc.Message)
	assert.Equal(t, want.argumentName, doc.ArgumentName, "ArgumentName")
	assert.Equal(t, want.argumentValue, doc.ArgumentValue, "ArgumentValue")
	assert.Equal(t, want.bucketName, doc.BucketName, "BucketName")
	assert.NotEmpty(t, doc.RequestID, "RequestId")
	assert.Equal(t, ex.header.Get("x-amz-request-id"), doc.RequestID)
}

// requireError checks an SDK error (status, code, message, request id as
// the SDK sees them) and the raw response it came from.
func (f *fixture) requireError(t *testing.T, err error, want wantErr) {
	t.Helper()
	require.Error(t, err)
	var re *awshttp.ResponseError
	require.True(t, errors.As(err, &re), "not an HTTP response error: %v", err)
	assert.Equal(t, want.status, re.HTTPStatusCode())
	assert.NotEmpty(t, re.ServiceRequestID())
	var ae smithy.APIError
	require.True(t, errors.As(err, &ae), "not an API error: %v", err)
	assert.Equal(t, want.code, ae.ErrorCode())
	assert.Equal(t, want.message, ae.ErrorMessage())
	requireRawError(t, f.last(), want)
}

// requirePutRejected puts cfg under query id through the SDK and requires
// error want, with the bucket's configurations (and its existence)
// unchanged.
func (f *fixture) requirePutRejected(t *testing.T, id string, cfg *types.InventoryConfiguration, want wantErr) {
	t.Helper()
	before, existed := f.configs(), f.srv.BucketExists(f.bucket)
	f.requireError(t, f.put(id, cfg), want)
	assert.Equal(t, before, f.configs(), "a rejected PUT changed the configurations")
	assert.Equal(t, existed, f.srv.BucketExists(f.bucket), "a rejected PUT changed the bucket's existence")
}

// requireRawPutRejected sends body raw to PUT ?{query} and requires error
// want, with the bucket's configurations (and its existence) unchanged.
func (f *fixture) requireRawPutRejected(t *testing.T, query, body string, want wantErr) {
	t.Helper()
	before, existed := f.configs(), f.srv.BucketExists(f.bucket)
	requireRawError(t, f.raw(t, http.MethodPut, query, []byte(body)), want)
	assert.Equal(t, before, f.configs(), "a rejected PUT changed the configurations")
	assert.Equal(t, existed, f.srv.BucketExists(f.bucket), "a rejected PUT changed the bucket's existence")
}

// ---------------------------------------------------------------------------
// Configurations and documents

// validConfig is VALID(id) of §6 as an SDK value.
func validConfig(id string) *types.InventoryConfiguration {
	return &types.InventoryConfiguration{
		Id:                     aws.String(id),
		IsEnabled:              aws.Bool(true),
		IncludedObjectVersions: types.InventoryIncludedObjectVersionsAll,
		Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
		Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
			Bucket: aws.String(dstARN), Format: types.InventoryFormatCsv,
		}},
	}
}

// validModel is VALID(id) as the domain value direct seeding takes.
func validModel(id string) inventory.Configuration {
	return inventory.Configuration{
		ID: id, IsEnabled: true, IncludedObjectVersions: inventory.AllVersions, Frequency: inventory.Daily,
		Destination: inventory.Destination{BucketARN: dstARN, Format: inventory.FormatCSV},
	}
}

// validXML is VALID(id) as a raw request document, in the model's element
// order.
func validXML(id string) string {
	return `<InventoryConfiguration xmlns="` + s3Namespace + `">` +
		`<Destination><S3BucketDestination><Bucket>` + dstARN + `</Bucket><Format>CSV</Format></S3BucketDestination></Destination>` +
		`<IsEnabled>true</IsEnabled>` +
		`<Id>` + id + `</Id>` +
		`<IncludedObjectVersions>All</IncludedObjectVersions>` +
		`<Schedule><Frequency>Daily</Frequency></Schedule>` +
		`</InventoryConfiguration>`
}

// edit replaces the one occurrence of old in doc by new; old must occur, so
// that an edit can never silently do nothing.
func edit(t *testing.T, doc, old, new string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(doc, old), "edit: %q must occur once in %s", old, doc)
	return strings.Replace(doc, old, new, 1)
}

// ids returns the Ids of a list page, in order.
func ids(cfgs []types.InventoryConfiguration) []string {
	out := make([]string, 0, len(cfgs))
	for _, c := range cfgs {
		out = append(out, aws.ToString(c.Id))
	}
	return out
}

// storedIDs returns the Ids of stored configurations, in order.
func storedIDs(cfgs []inventory.Configuration) []string {
	out := make([]string, 0, len(cfgs))
	for _, c := range cfgs {
		out = append(out, c.ID)
	}
	return out
}

// numberedIDs returns fmt.Sprintf(format, n) for n in [from, to].
func numberedIDs(format string, from, to int) []string {
	var out []string
	for n := from; n <= to; n++ {
		out = append(out, fmt.Sprintf(format, n))
	}
	return out
}

// ---------------------------------------------------------------------------
// XML trees

// xmlElem is an element of a parsed document.
type xmlElem struct {
	name xml.Name
	text string // trimmed character data of a leaf
	kids []*xmlElem
}

// parseXML parses a whole document into its element tree.
func parseXML(t *testing.T, data []byte) *xmlElem {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var root *xmlElem
	var stack []*xmlElem
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, "document %s", data)
		switch tk := tok.(type) {
		case xml.StartElement:
			e := &xmlElem{name: tk.Name}
			if len(stack) == 0 {
				root = e
			} else {
				stack[len(stack)-1].kids = append(stack[len(stack)-1].kids, e)
			}
			stack = append(stack, e)
			text.Reset()
		case xml.CharData:
			text.Write(tk)
		case xml.EndElement:
			e := stack[len(stack)-1]
			if len(e.kids) == 0 {
				e.text = strings.TrimSpace(text.String())
			}
			stack = stack[:len(stack)-1]
			text.Reset()
		}
	}
	require.NotNil(t, root, "no root element in %s", data)
	return root
}

// childNames returns the local names of e's children, in order.
func (e *xmlElem) childNames() []string {
	out := make([]string, 0, len(e.kids))
	for _, k := range e.kids {
		out = append(out, k.name.Local)
	}
	return out
}

// child returns e's first child called name, or nil.
func (e *xmlElem) child(name string) *xmlElem {
	for _, k := range e.kids {
		if k.name.Local == name {
			return k
		}
	}
	return nil
}

// canonical renders e with siblings sorted by name (stable, so repeated
// elements such as Field keep their order): two documents with the same
// elements and values render alike whatever order the writer chose.
func (e *xmlElem) canonical() string {
	if len(e.kids) == 0 {
		return e.name.Local + "(" + e.text + ")"
	}
	kids := append([]*xmlElem(nil), e.kids...)
	sort.SliceStable(kids, func(i, j int) bool { return kids[i].name.Local < kids[j].name.Local })
	parts := make([]string, 0, len(kids))
	for _, k := range kids {
		parts = append(parts, k.canonical())
	}
	return e.name.Local + "{" + strings.Join(parts, ";") + "}"
}

// requireS3Document checks a raw 200 response: Content-Type
// application/xml, an XML prolog, and root element root in S3's namespace.
// It returns the parsed document.
func requireS3Document(t *testing.T, ex exchange, root string) *xmlElem {
	t.Helper()
	require.Equal(t, http.StatusOK, ex.status, "body %s", ex.body)
	assert.Equal(t, "application/xml", ex.header.Get("Content-Type"))
	assert.True(t, bytes.HasPrefix(ex.body, []byte("<?xml ")), "no XML prolog in %s", ex.body)
	doc := parseXML(t, ex.body)
	require.Equal(t, xml.Name{Space: s3Namespace, Local: root}, doc.name, "root element of %s", ex.body)
	return doc
}

// requireListShape checks the raw LIST response just received: root
// ListInventoryConfigurationsResult (never ListBucketResult) in S3's
// namespace, with exactly the children named want, in order.
func (f *fixture) requireListShape(t *testing.T, want ...string) *xmlElem {
	t.Helper()
	doc := requireS3Document(t, f.last(), "ListInventoryConfigurationsResult")
	assert.Equal(t, want, doc.childNames())
	return doc
}

// requireEmptyList lists the bucket and requires the empty page: 200, root
// ListInventoryConfigurationsResult holding only IsTruncated=false.
func (f *fixture) requireEmptyList(t *testing.T) {
	t.Helper()
	out := f.mustList(t, "")
	assert.Empty(t, out.InventoryConfigurationList)
	assert.False(t, aws.ToBool(out.IsTruncated))
	assert.Nil(t, out.ContinuationToken)
	assert.Nil(t, out.NextContinuationToken)
	doc := f.requireListShape(t, "IsTruncated")
	assert.Equal(t, "false", doc.child("IsTruncated").text)
}

// requireNoContent checks the raw response of a PUT or DELETE just made:
// 204 and an empty body.
func (f *fixture) requireNoContent(t *testing.T) {
	t.Helper()
	ex := f.last()
	assert.Equal(t, http.StatusNoContent, ex.status)
	assert.Empty(t, ex.body)
}
