package s3fake_test

// The access matrix of issue 4 (docs/decisions.md §4): who may call the four
// inventory operations, with what answer when they may not, and the proof
// that a refused caller neither changed nor read a configuration. Then
// bucket ownership, authorization of the object calls gofakes3 serves,
// request-time skew, and the credential options.
//
// The helpers at the top (wireTap, requireS3Error, ...) are shared with
// presign_test.go and policy_api_test.go.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

// Messages S3 sends with the access errors (internal/access/errors.go).
const (
	wantMsgAccessDenied      = "Access Denied"
	wantMsgSignatureMismatch = "The request signature we calculated does not match the signature you provided. Check your key and signing method."
	wantMsgInvalidKey        = "The AWS Access Key Id you provided does not exist in our records."
	wantMsgTooSkewed         = "The difference between the request time and the current time is too large."
	wantMsgExpired           = "Request has expired"
	wantMsgMethodNotAllowed  = "The specified method is not allowed against this resource."
)

// ---------------------------------------------------------------------------
// Shared helpers

// wireResponse is an HTTP response as it crossed the wire.
type wireResponse struct {
	status int
	header http.Header
	body   []byte
}

// wireTap is an http.RoundTripper that keeps a copy of the last response,
// so that a test driving the SDK can assert on what the server sent.
type wireTap struct {
	mu   sync.Mutex
	last wireResponse
	n    int
}

func (w *wireTap) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	w.mu.Lock()
	w.last = wireResponse{status: resp.StatusCode, header: resp.Header.Clone(), body: body}
	w.n++
	w.mu.Unlock()
	return resp, nil
}

// response returns the last response, failing the test if there was none.
func (w *wireTap) response(t *testing.T) wireResponse {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	require.Positive(t, w.n, "no request crossed the wire")
	return w.last
}

// tappedClient is srv.ClientFor(acct) with a wireTap and no retries.
func tappedClient(srv *s3fake.Server, acct s3fake.Account, optFns ...func(*s3.Options)) (*s3.Client, *wireTap) {
	tap := &wireTap{}
	return srv.ClientFor(acct, append([]func(*s3.Options){func(o *s3.Options) {
		o.HTTPClient = &http.Client{Transport: tap}
		o.Retryer = aws.NopRetryer{}
	}}, optFns...)...), tap
}

// sendRaw sends req with a plain net/http client and returns the response.
func sendRaw(t *testing.T, req *http.Request) wireResponse {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return wireResponse{status: resp.StatusCode, header: resp.Header, body: body}
}

// newRawRequest builds a request to srv's path+query with body (nil for
// none), failing the test on a bad URL.
func newRawRequest(t *testing.T, srv *s3fake.Server, method, target string, body []byte) *http.Request {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL()+target, r)
	require.NoError(t, err)
	return req
}

// errorElements parses an S3 <Error> document into its child elements.
func errorElements(t *testing.T, body []byte) map[string]string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(body))
	out := map[string]string{}
	depth, name := 0, ""
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "error body %s", body)
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				require.Equal(t, "Error", tok.Name.Local, "root element; body %s", body)
			}
			if depth == 2 {
				name = tok.Name.Local
				text.Reset()
			}
		case xml.CharData:
			if depth == 2 {
				text.Write(tok)
			}
		case xml.EndElement:
			if depth == 2 {
				out[name] = text.String()
			}
			depth--
		}
	}
	require.NotEmpty(t, out, "empty error body")
	return out
}

// wantS3Error is an expected S3 error response.
type wantS3Error struct {
	status  int
	code    string
	message string            // "" skips the check
	present []string          // elements that must be there, non-empty
	values  map[string]string // elements with exact values
}

func wantAccessDenied() wantS3Error {
	return wantS3Error{status: http.StatusForbidden, code: "AccessDenied", message: wantMsgAccessDenied}
}

func wantSignatureMismatch(accessKeyID string) wantS3Error {
	return wantS3Error{status: http.StatusForbidden, code: "SignatureDoesNotMatch", message: wantMsgSignatureMismatch,
		present: []string{"StringToSign", "SignatureProvided", "StringToSignBytes", "CanonicalRequest", "CanonicalRequestBytes"},
		values:  map[string]string{"AWSAccessKeyId": accessKeyID}}
}

func wantInvalidAccessKeyID(accessKeyID string) wantS3Error {
	return wantS3Error{status: http.StatusForbidden, code: "InvalidAccessKeyId", message: wantMsgInvalidKey,
		values: map[string]string{"AWSAccessKeyId": accessKeyID}}
}

func wantMethodNotAllowed() wantS3Error {
	return wantS3Error{status: http.StatusMethodNotAllowed, code: "MethodNotAllowed", message: wantMsgMethodNotAllowed}
}

// requireS3Error checks a raw error response against want: status,
// Content-Type, code, message, elements, and a RequestId equal to the
// x-amz-request-id header. It returns the elements.
func requireS3Error(t *testing.T, resp wireResponse, want wantS3Error) map[string]string {
	t.Helper()
	require.Equal(t, want.status, resp.status, "status; body %s", resp.body)
	assert.Equal(t, "application/xml", resp.header.Get("Content-Type"))
	el := errorElements(t, resp.body)
	assert.Equal(t, want.code, el["Code"], "Code; body %s", resp.body)
	if want.message != "" {
		assert.Equal(t, want.message, el["Message"])
	}
	for _, name := range want.present {
		assert.NotEmpty(t, el[name], "element %s; body %s", name, resp.body)
	}
	for name, v := range want.values {
		assert.Equal(t, v, el[name], "element %s", name)
	}
	assert.NotEmpty(t, el["RequestId"])
	assert.Equal(t, resp.header.Get("x-amz-request-id"), el["RequestId"])
	return el
}

// requireSDKError checks that err is the SDK's view of want: an HTTP
// response error with its status and an API error with its code.
func requireSDKError(t *testing.T, err error, want wantS3Error) {
	t.Helper()
	require.Error(t, err)
	var re *awshttp.ResponseError
	require.True(t, errors.As(err, &re), "not an HTTP response error: %v", err)
	assert.Equal(t, want.status, re.HTTPStatusCode())
	var ae smithy.APIError
	require.True(t, errors.As(err, &ae), "not an API error: %v", err)
	assert.Equal(t, want.code, ae.ErrorCode())
}

// emptyPayloadHash is the SHA-256 of an empty body, hex.
var emptyPayloadHash = func() string { s := sha256.Sum256(nil); return hex.EncodeToString(s[:]) }()

// ---------------------------------------------------------------------------
// The access matrix

const (
	matrixBucket = "src"
	seededID     = "seeded" // stored before every case
	addedID      = "added"  // what PUT tries to add
	// seededReports is the destination bucket of the seeded configuration:
	// its ARN appears in no response but one that reveals the configuration.
	seededReports = "seeded-reports"
)

// invOp is one of the four inventory calls.
type invOp string

const (
	opPut    invOp = "PUT"
	opGet    invOp = "GET"
	opList   invOp = "LIST"
	opDelete invOp = "DELETE"
)

var invOps = []invOp{opPut, opGet, opList, opDelete}

// matrixWorld is a server with accounts fixtures.Owner and fixtures.Other
// and bucket "src" of Owner holding configuration "seeded".
type matrixWorld struct {
	srv          *s3fake.Server
	owner, other s3fake.Account // the roots
}

func newMatrixWorld(t *testing.T, policy string) *matrixWorld {
	t.Helper()
	srv := s3fake.Start(t)
	w := &matrixWorld{srv: srv, owner: srv.CreateAccount(fixtures.Owner), other: srv.CreateAccount(fixtures.Other)}
	srv.CreateBucket(matrixBucket, s3fake.OwnedBy(fixtures.Owner))
	srv.PutInventoryConfiguration(matrixBucket, fixtures.Minimal(seededID, seededReports))
	if policy != "" {
		srv.PutBucketPolicy(matrixBucket, policy)
	}
	return w
}

// configIDs are the Ids of the configurations stored on "src".
func (w *matrixWorld) configIDs() []string {
	var out []string
	for _, c := range w.srv.InventoryConfigurations(matrixBucket) {
		out = append(out, c.ID)
	}
	sort.Strings(out)
	return out
}

// matrixCaller is who calls, and how.
type matrixCaller struct {
	// account signs the SDK's requests; nil sends raw unsigned requests
	// (anonymous).
	account *s3fake.Account
	// expectedOwner is sent as x-amz-expected-bucket-owner when non-empty.
	expectedOwner string
}

func callerAs(a s3fake.Account) matrixCaller { return matrixCaller{account: &a} }

// matrixResult is what one inventory call produced.
type matrixResult struct {
	resp wireResponse
	err  error // the SDK's error; nil for raw requests
	out  any   // the SDK's output; nil on error and for raw requests
}

// addedConfig is the configuration PUT tries to store.
func addedConfig() *types.InventoryConfiguration {
	return &types.InventoryConfiguration{
		Id:                     aws.String(addedID),
		IsEnabled:              aws.Bool(true),
		IncludedObjectVersions: types.InventoryIncludedObjectVersionsAll,
		Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
		Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
			Bucket: aws.String(fixtures.DestinationARN("dst")), Format: types.InventoryFormatCsv,
		}},
	}
}

// addedXML is addedConfig as a raw request body.
const addedXML = `<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
	`<Destination><S3BucketDestination><Bucket>arn:aws:s3:::dst</Bucket><Format>CSV</Format></S3BucketDestination></Destination>` +
	`<IsEnabled>true</IsEnabled><Id>added</Id><IncludedObjectVersions>All</IncludedObjectVersions>` +
	`<Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`

// call makes op as c: through the SDK, or raw and unsigned.
func (w *matrixWorld) call(t *testing.T, c matrixCaller, op invOp) matrixResult {
	t.Helper()
	if c.account == nil {
		return matrixResult{resp: sendRaw(t, rawInventoryRequest(t, w.srv, op))}
	}
	client, tap := tappedClient(w.srv, *c.account)
	ctx := context.Background()
	bucket := aws.String(matrixBucket)
	var owner *string
	if c.expectedOwner != "" {
		owner = aws.String(c.expectedOwner)
	}
	var res matrixResult
	switch op {
	case opPut:
		res.out, res.err = client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
			Bucket: bucket, Id: aws.String(addedID), InventoryConfiguration: addedConfig(), ExpectedBucketOwner: owner})
	case opGet:
		res.out, res.err = client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
			Bucket: bucket, Id: aws.String(seededID), ExpectedBucketOwner: owner})
	case opList:
		res.out, res.err = client.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{
			Bucket: bucket, ExpectedBucketOwner: owner})
	case opDelete:
		res.out, res.err = client.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{
			Bucket: bucket, Id: aws.String(seededID), ExpectedBucketOwner: owner})
	}
	res.resp = tap.response(t)
	return res
}

// rawInventoryRequest is op as an unsigned request.
func rawInventoryRequest(t *testing.T, srv *s3fake.Server, op invOp) *http.Request {
	t.Helper()
	switch op {
	case opPut:
		return newRawRequest(t, srv, http.MethodPut, "/src?inventory=&id="+addedID, []byte(addedXML))
	case opGet:
		return newRawRequest(t, srv, http.MethodGet, "/src?inventory=&id="+seededID, nil)
	case opList:
		return newRawRequest(t, srv, http.MethodGet, "/src?inventory=", nil)
	}
	return newRawRequest(t, srv, http.MethodDelete, "/src?inventory=&id="+seededID, nil)
}

// requireAllowed checks that op succeeded and did what it says.
func (w *matrixWorld) requireAllowed(t *testing.T, op invOp, res matrixResult) {
	t.Helper()
	require.NoError(t, res.err)
	switch op {
	case opPut:
		// 204, as AWS answers (docs/inventory-api.md).
		require.Equal(t, http.StatusNoContent, res.resp.status, "body %s", res.resp.body)
		assert.Empty(t, res.resp.body)
		assert.Equal(t, []string{addedID, seededID}, w.configIDs())
	case opGet:
		require.Equal(t, http.StatusOK, res.resp.status, "body %s", res.resp.body)
		assert.Contains(t, string(res.resp.body), fixtures.DestinationARN(seededReports))
		if out, ok := res.out.(*s3.GetBucketInventoryConfigurationOutput); ok {
			require.NotNil(t, out.InventoryConfiguration)
			assert.Equal(t, seededID, aws.ToString(out.InventoryConfiguration.Id))
		}
		assert.Equal(t, []string{seededID}, w.configIDs())
	case opList:
		require.Equal(t, http.StatusOK, res.resp.status, "body %s", res.resp.body)
		assert.Contains(t, string(res.resp.body), fixtures.DestinationARN(seededReports))
		if out, ok := res.out.(*s3.ListBucketInventoryConfigurationsOutput); ok {
			require.Len(t, out.InventoryConfigurationList, 1)
			assert.Equal(t, seededID, aws.ToString(out.InventoryConfigurationList[0].Id))
		}
		assert.Equal(t, []string{seededID}, w.configIDs())
	case opDelete:
		require.Equal(t, http.StatusNoContent, res.resp.status, "body %s", res.resp.body)
		assert.Empty(t, w.configIDs())
	}
}

// requireDenied checks that op was refused with want, and that the
// caller learned nothing: no configuration in the body, no SDK output.
// The caller checks that nothing changed.
func requireDenied(t *testing.T, c matrixCaller, res matrixResult, want wantS3Error) map[string]string {
	t.Helper()
	el := requireS3Error(t, res.resp, want)
	assert.NotContains(t, string(res.resp.body), fixtures.DestinationARN(seededReports), "the refusal revealed the configuration")
	assert.NotContains(t, string(res.resp.body), "<InventoryConfiguration")
	if c.account != nil {
		requireSDKError(t, res.err, want)
		assert.Nil(t, res.out)
	}
	return el
}

// matrixRow is one caller of the matrix.
type matrixRow struct {
	name string
	// policy is the bucket policy of "src"; "" for none.
	policy string
	// caller creates and returns the caller.
	caller func(t *testing.T, w *matrixWorld) matrixCaller
	// allowed lists the calls that succeed; the others get denial.
	allowed []invOp
	denial  wantS3Error
	// check, if set, inspects each denial's elements further.
	check func(t *testing.T, c matrixCaller, op invOp, el map[string]string)
}

// Inventory actions (docs/decisions.md §4): PUT and DELETE need the first,
// GET and LIST the second.
const (
	actPutInventory = "s3:PutInventoryConfiguration"
	actGetInventory = "s3:GetInventoryConfiguration"
)

var (
	allFour   = invOps
	readOnly  = []invOp{opGet, opList}
	writeOnly = []invOp{opPut, opDelete}
)

// ownerUser creates a user of the owner's account with identity policy.
func ownerUser(name, policy string) func(t *testing.T, w *matrixWorld) matrixCaller {
	return func(t *testing.T, w *matrixWorld) matrixCaller {
		return callerAs(w.srv.CreateUser(fixtures.Owner, name, policy))
	}
}

// otherUser creates a user of the other account with identity policy.
func otherUser(name, policy string) func(t *testing.T, w *matrixWorld) matrixCaller {
	return func(t *testing.T, w *matrixWorld) matrixCaller {
		return callerAs(w.srv.CreateUser(fixtures.Other, name, policy))
	}
}

func ownerRoot(t *testing.T, w *matrixWorld) matrixCaller { return callerAs(w.owner) }
func otherRoot(t *testing.T, w *matrixWorld) matrixCaller { return callerAs(w.other) }

func matrixRows() []matrixRow {
	grantBoth := fixtures.AllowAccount(matrixBucket, fixtures.Other, actPutInventory, actGetInventory)
	denyBoth := fixtures.DenyAll(matrixBucket, actPutInventory, actGetInventory)
	bothActions := fixtures.IdentityPolicy(matrixBucket, actPutInventory, actGetInventory)
	objectActions := fixtures.IdentityPolicy(matrixBucket, "s3:GetObject", "s3:PutObject")
	const unknownKey = "AKIAUNKNOWNKEY000000"
	return []matrixRow{
		// The owner's account.
		{name: "owner root", caller: ownerRoot, allowed: allFour},
		{name: "owner user allowed both actions", caller: ownerUser("admin", bothActions), allowed: allFour},
		{name: "owner user allowed Get only", caller: ownerUser("reader", fixtures.IdentityPolicy(matrixBucket, actGetInventory)),
			allowed: readOnly, denial: wantAccessDenied()},
		{name: "owner user allowed Put only", caller: ownerUser("writer", fixtures.IdentityPolicy(matrixBucket, actPutInventory)),
			allowed: writeOnly, denial: wantAccessDenied()},
		{name: "owner user allowed other actions", caller: ownerUser("objects", objectActions), denial: wantAccessDenied()},
		{name: "owner user without identity policy", caller: ownerUser("nobody", ""), denial: wantAccessDenied()},
		{name: "owner user allowed on another bucket", caller: ownerUser("elsewhere", fixtures.IdentityPolicy("other-bucket", actPutInventory, actGetInventory)),
			denial: wantAccessDenied()},

		// Another account.
		{name: "other root without grant", caller: otherRoot, denial: wantAccessDenied()},
		{name: "other root granted both actions", policy: grantBoth, caller: otherRoot, allowed: allFour},
		{name: "other root granted Get only", policy: fixtures.AllowAccount(matrixBucket, fixtures.Other, actGetInventory),
			caller: otherRoot, allowed: readOnly, denial: wantAccessDenied()},
		{name: "other root granted Put only", policy: fixtures.AllowAccount(matrixBucket, fixtures.Other, actPutInventory),
			caller: otherRoot, allowed: writeOnly, denial: wantAccessDenied()},
		{name: "other root granted other actions", policy: fixtures.AllowAccount(matrixBucket, fixtures.Other, "s3:GetObject"),
			caller: otherRoot, denial: wantAccessDenied()},
		{name: "other root, grant to a third account", policy: fixtures.AllowAccount(matrixBucket, "333333333333", actPutInventory, actGetInventory),
			caller: otherRoot, denial: wantAccessDenied()},
		{name: "other user with bucket grant, without identity allow", policy: grantBoth,
			caller: otherUser("objects", objectActions), denial: wantAccessDenied()},
		{name: "other user with identity allow, without bucket grant",
			caller: otherUser("admin", bothActions), denial: wantAccessDenied()},
		{name: "other user with bucket grant and identity allow", policy: grantBoth,
			caller: otherUser("admin", bothActions), allowed: allFour},
		{name: "other user with bucket grant and identity allow of Get only", policy: grantBoth,
			caller: otherUser("reader", fixtures.IdentityPolicy(matrixBucket, actGetInventory)), allowed: readOnly, denial: wantAccessDenied()},

		// Explicit deny in the bucket policy wins over every allow, and
		// binds the owner's root too (only the bucket policy calls are
		// exempt for it: policy_api_test.go).
		{name: "deny: owner root", policy: denyBoth, caller: ownerRoot, denial: wantAccessDenied()},
		{name: "deny: owner user with identity allow", policy: denyBoth, caller: ownerUser("admin", bothActions), denial: wantAccessDenied()},
		{name: "deny: other root with grant", policy: fixtures.Combine(grantBoth, denyBoth), caller: otherRoot, denial: wantAccessDenied()},
		{name: "deny: other user with grant and identity allow", policy: fixtures.Combine(grantBoth, denyBoth),
			caller: otherUser("admin", bothActions), denial: wantAccessDenied()},
		{name: "deny of Put only: owner root", policy: fixtures.DenyAll(matrixBucket, actPutInventory), caller: ownerRoot,
			allowed: readOnly, denial: wantAccessDenied()},

		// No or bad credentials.
		{name: "anonymous", caller: func(*testing.T, *matrixWorld) matrixCaller { return matrixCaller{} }, denial: wantAccessDenied()},
		{name: "anonymous with the other account granted", policy: grantBoth,
			caller: func(*testing.T, *matrixWorld) matrixCaller { return matrixCaller{} }, denial: wantAccessDenied()},
		{name: "wrong secret of the owner root",
			caller: func(t *testing.T, w *matrixWorld) matrixCaller {
				a := w.owner
				a.SecretAccessKey = "not-" + a.SecretAccessKey
				return callerAs(a)
			},
			denial: wantS3Error{status: http.StatusForbidden, code: "SignatureDoesNotMatch", message: wantMsgSignatureMismatch,
				present: []string{"StringToSign", "SignatureProvided", "StringToSignBytes", "CanonicalRequest", "CanonicalRequestBytes"}},
			check: func(t *testing.T, c matrixCaller, op invOp, el map[string]string) {
				assert.Equal(t, c.account.AccessKeyID, el["AWSAccessKeyId"])
				method := map[invOp]string{opPut: "PUT", opGet: "GET", opList: "GET", opDelete: "DELETE"}[op]
				assert.True(t, strings.HasPrefix(el["CanonicalRequest"], method+"\n/src\n"), "CanonicalRequest %q", el["CanonicalRequest"])
				assert.True(t, strings.HasPrefix(el["StringToSign"], "AWS4-HMAC-SHA256\n"), "StringToSign %q", el["StringToSign"])
			}},
		{name: "unknown key", caller: func(*testing.T, *matrixWorld) matrixCaller {
			return callerAs(s3fake.Account{AccessKeyID: unknownKey, SecretAccessKey: "whatever"})
		}, denial: wantInvalidAccessKeyID(unknownKey)},

		// x-amz-expected-bucket-owner.
		{name: "owner root expecting the owner", caller: func(t *testing.T, w *matrixWorld) matrixCaller {
			c := callerAs(w.owner)
			c.expectedOwner = fixtures.Owner
			return c
		}, allowed: allFour},
		{name: "owner root expecting another owner", caller: func(t *testing.T, w *matrixWorld) matrixCaller {
			c := callerAs(w.owner)
			c.expectedOwner = fixtures.Other
			return c
		}, denial: wantAccessDenied()},
		{name: "granted other root expecting the owner", policy: grantBoth, caller: func(t *testing.T, w *matrixWorld) matrixCaller {
			c := callerAs(w.other)
			c.expectedOwner = fixtures.Owner
			return c
		}, allowed: allFour},
		{name: "granted other root expecting itself", policy: grantBoth, caller: func(t *testing.T, w *matrixWorld) matrixCaller {
			c := callerAs(w.other)
			c.expectedOwner = fixtures.Other
			return c
		}, denial: wantAccessDenied()},
	}
}

// TestAccessMatrix runs each caller of matrixRows against each of the
// four inventory calls, on a fresh server each time.
func TestAccessMatrix(t *testing.T) {
	t.Parallel()
	for _, row := range matrixRows() {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			for _, op := range invOps {
				t.Run(string(op), func(t *testing.T) {
					t.Parallel()
					w := newMatrixWorld(t, row.policy)
					c := row.caller(t, w)
					before := w.srv.InventoryConfigurations(matrixBucket)
					policyBefore, _ := w.srv.BucketPolicy(matrixBucket)
					res := w.call(t, c, op)
					if opIn(row.allowed, op) {
						w.requireAllowed(t, op, res)
						return
					}
					el := requireDenied(t, c, res, row.denial)
					if row.check != nil {
						row.check(t, c, op, el)
					}
					assert.Equal(t, before, w.srv.InventoryConfigurations(matrixBucket), "a refused %s changed the configurations", op)
					policyAfter, _ := w.srv.BucketPolicy(matrixBucket)
					assert.Equal(t, policyBefore, policyAfter)
				})
			}
		})
	}
}

func opIn(ops []invOp, op invOp) bool {
	for _, o := range ops {
		if o == op {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// Bucket ownership

// listedBucketNames lists the buckets the SDK client sees.
func listedBucketNames(t *testing.T, c *s3.Client) []string {
	t.Helper()
	out, err := c.ListBuckets(context.Background(), &s3.ListBucketsInput{})
	require.NoError(t, err)
	var names []string
	for _, b := range out.Buckets {
		names = append(names, aws.ToString(b.Name))
	}
	return names
}

func TestBucketOwnership(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := s3fake.Start(t, s3fake.WithRegion("eu-west-1"))
	owner, other := srv.CreateAccount(fixtures.Owner), srv.CreateAccount(fixtures.Other)
	ownerClient, ownerTap := tappedClient(srv, owner)
	otherClient, otherTap := tappedClient(srv, other)
	create := func(c *s3.Client, name string) error {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name),
			CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}})
		return err
	}
	require.NoError(t, create(ownerClient, "owner-a"))
	require.NoError(t, create(ownerClient, "owner-b"))
	require.NoError(t, create(otherClient, "other-a"))
	srv.CreateBucket("default-a")

	for bucket, account := range map[string]string{"owner-a": fixtures.Owner, "owner-b": fixtures.Owner,
		"other-a": fixtures.Other, "default-a": s3fake.DefaultAccountID} {
		got, ok := srv.BucketOwner(bucket)
		require.True(t, ok, bucket)
		assert.Equal(t, account, got, "the creator's account owns %s", bucket)
	}

	t.Run("another account's name is taken", func(t *testing.T) {
		err := create(otherClient, "owner-a")
		want := wantS3Error{status: http.StatusConflict, code: "BucketAlreadyExists",
			message: "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
			values:  map[string]string{"BucketName": "owner-a"}}
		requireSDKError(t, err, want)
		requireS3Error(t, otherTap.response(t), want)
		got, _ := srv.BucketOwner("owner-a")
		assert.Equal(t, fixtures.Owner, got, "the owner did not change")
	})
	t.Run("own name outside us-east-1", func(t *testing.T) {
		err := create(ownerClient, "owner-a")
		want := wantS3Error{status: http.StatusConflict, code: "BucketAlreadyOwnedByYou",
			message: "Your previous request to create the named bucket succeeded and you already own it.",
			values:  map[string]string{"BucketName": "owner-a"}}
		requireSDKError(t, err, want)
		requireS3Error(t, ownerTap.response(t), want)
	})
	t.Run("ListBuckets shows only the caller's buckets", func(t *testing.T) {
		assert.Equal(t, []string{"owner-a", "owner-b"}, listedBucketNames(t, ownerClient))
		assert.Equal(t, []string{"other-a"}, listedBucketNames(t, otherClient))
		assert.Equal(t, []string{"default-a"}, listedBucketNames(t, srv.Client()))
		out, err := ownerClient.ListBuckets(ctx, &s3.ListBucketsInput{})
		require.NoError(t, err)
		require.NotNil(t, out.Owner)
		assert.Equal(t, owner.CanonicalID(), aws.ToString(out.Owner.ID))
	})
	t.Run("a user's bucket belongs to its account", func(t *testing.T) {
		maker, maker2 := srv.CreateUser(fixtures.Other, "maker", fixtures.IdentityPolicy("user-made", "s3:CreateBucket")),
			srv.CreateUser(fixtures.Other, "nomaker", "")
		c, _ := tappedClient(srv, maker)
		require.NoError(t, create(c, "user-made"))
		got, _ := srv.BucketOwner("user-made")
		assert.Equal(t, fixtures.Other, got)

		c2, tap2 := tappedClient(srv, maker2)
		err := create(c2, "user-denied")
		requireSDKError(t, err, wantAccessDenied())
		requireS3Error(t, tap2.response(t), wantAccessDenied())
		assert.False(t, srv.BucketExists("user-denied"), "a refused CreateBucket created the bucket")
	})
}

// TestBucketAlreadyOwnedByYouInUSEast1 follows S3's legacy rule: "Amazon
// S3 returns this error in all AWS Regions except in the North Virginia
// Region. For legacy compatibility, if you re-create an existing bucket
// that you already own in the North Virginia Region, Amazon S3 returns
// 200 OK" (API reference, BucketAlreadyOwnedByYou). Another account still
// gets BucketAlreadyExists there.
func TestBucketAlreadyOwnedByYouInUSEast1(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := s3fake.Start(t) // us-east-1
	owner, other := srv.CreateAccount(fixtures.Owner), srv.CreateAccount(fixtures.Other)
	ownerClient, ownerTap := tappedClient(srv, owner)
	_, err := ownerClient.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("mine")})
	require.NoError(t, err)
	srv.PutObject("mine", "k", []byte("kept"))

	_, err = ownerClient.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("mine")})
	assert.NoError(t, err, "re-creating one's own bucket in us-east-1 is 200 OK")
	assert.Equal(t, http.StatusOK, ownerTap.response(t).status, "body %s", ownerTap.response(t).body)
	obj, err := ownerClient.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("mine"), Key: aws.String("k")})
	require.NoError(t, err, "the bucket and its objects are kept")
	_ = obj.Body.Close()

	otherClient, _ := tappedClient(srv, other)
	_, err = otherClient.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("mine")})
	requireSDKError(t, err, wantS3Error{status: http.StatusConflict, code: "BucketAlreadyExists"})
}

// ---------------------------------------------------------------------------
// Object calls (served by gofakes3) are authorized too

func TestObjectCallsAreAuthorized(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	getBody := func(t *testing.T, c *s3.Client, key string) (string, error) {
		t.Helper()
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(matrixBucket), Key: aws.String(key)})
		if err != nil {
			return "", err
		}
		defer out.Body.Close()
		b, err := io.ReadAll(out.Body)
		require.NoError(t, err)
		return string(b), nil
	}
	put := func(c *s3.Client, key, body string) error {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(matrixBucket), Key: aws.String(key),
			Body: strings.NewReader(body)})
		return err
	}

	t.Run("other account without grant", func(t *testing.T) {
		t.Parallel()
		w := newMatrixWorld(t, "")
		w.srv.PutObject(matrixBucket, "k", []byte("original"))
		owner, _ := tappedClient(w.srv, w.owner)
		other, tap := tappedClient(w.srv, w.other)

		_, err := getBody(t, other, "k")
		requireSDKError(t, err, wantAccessDenied())
		requireS3Error(t, tap.response(t), wantAccessDenied())
		assert.NotContains(t, string(tap.response(t).body), "original")

		err = put(other, "k", "overwritten")
		requireSDKError(t, err, wantAccessDenied())
		requireS3Error(t, tap.response(t), wantAccessDenied())
		err = put(other, "new", "planted")
		requireSDKError(t, err, wantAccessDenied())

		_, err = other.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(matrixBucket)})
		requireSDKError(t, err, wantAccessDenied())

		got, err := getBody(t, owner, "k")
		require.NoError(t, err)
		assert.Equal(t, "original", got, "a refused PutObject changed the object")
		_, err = owner.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(matrixBucket), Key: aws.String("new")})
		requireSDKError(t, err, wantS3Error{status: http.StatusNotFound, code: "NotFound"})
	})

	t.Run("other account with object grant", func(t *testing.T) {
		t.Parallel()
		w := newMatrixWorld(t, fixtures.AllowAccount(matrixBucket, fixtures.Other, "s3:GetObject", "s3:PutObject"))
		w.srv.PutObject(matrixBucket, "k", []byte("original"))
		owner, _ := tappedClient(w.srv, w.owner)
		other, _ := tappedClient(w.srv, w.other)

		got, err := getBody(t, other, "k")
		require.NoError(t, err)
		assert.Equal(t, "original", got)
		require.NoError(t, put(other, "new", "delivered"))
		got, err = getBody(t, owner, "new")
		require.NoError(t, err)
		assert.Equal(t, "delivered", got)

		// The grant names GetObject and PutObject only.
		_, err = other.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(matrixBucket)})
		requireSDKError(t, err, wantAccessDenied())
		_, err = other.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(matrixBucket), Key: aws.String("k")})
		requireSDKError(t, err, wantAccessDenied())
		got, err = getBody(t, owner, "k")
		require.NoError(t, err)
		assert.Equal(t, "original", got, "a refused DeleteObject deleted the object")
	})

	t.Run("grant on objects only by the resource", func(t *testing.T) {
		t.Parallel()
		// A policy granting s3:GetObject on arn:aws:s3:::src/public/* only.
		w := newMatrixWorld(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",`+
			`"Principal":{"AWS":"`+fixtures.RootARN(fixtures.Other)+`"},"Action":"s3:GetObject",`+
			`"Resource":"arn:aws:s3:::src/public/*"}]}`)
		w.srv.PutObject(matrixBucket, "public/a", []byte("shared"))
		w.srv.PutObject(matrixBucket, "private/a", []byte("secret"))
		other, _ := tappedClient(w.srv, w.other)
		got, err := getBody(t, other, "public/a")
		require.NoError(t, err)
		assert.Equal(t, "shared", got)
		_, err = getBody(t, other, "private/a")
		requireSDKError(t, err, wantAccessDenied())
	})
}

// ---------------------------------------------------------------------------
// Request time

// signAtTime signs req as acct with the SDK's signer at signing time at.
func signAtTime(t *testing.T, srv *s3fake.Server, req *http.Request, acct s3fake.Account, at time.Time) {
	t.Helper()
	req.Header.Set("X-Amz-Content-Sha256", emptyPayloadHash)
	creds := aws.Credentials{AccessKeyID: acct.AccessKeyID, SecretAccessKey: acct.SecretAccessKey}
	require.NoError(t, v4.NewSigner().SignHTTP(context.Background(), creds, req, emptyPayloadHash, "s3", srv.Region(), at))
}

func TestRequestTimeTooSkewed(t *testing.T) {
	t.Parallel()
	w := newMatrixWorld(t, "")
	for _, tc := range []struct {
		name   string
		offset time.Duration
		ok     bool
	}{
		{"20 minutes in the past", -20 * time.Minute, false},
		{"20 minutes in the future", 20 * time.Minute, false},
		{"10 minutes in the past", -10 * time.Minute, true},
		{"10 minutes in the future", 10 * time.Minute, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req := newRawRequest(t, w.srv, http.MethodGet, "/src?inventory=&id="+seededID, nil)
			signAtTime(t, w.srv, req, w.owner, time.Now().Add(tc.offset))
			resp := sendRaw(t, req)
			if tc.ok {
				require.Equal(t, http.StatusOK, resp.status, "body %s", resp.body)
				assert.Contains(t, string(resp.body), fixtures.DestinationARN(seededReports))
				return
			}
			el := requireS3Error(t, resp, wantS3Error{status: http.StatusForbidden, code: "RequestTimeTooSkewed",
				message: wantMsgTooSkewed, present: []string{"ServerTime"},
				values: map[string]string{"RequestTime": req.Header.Get("X-Amz-Date"), "MaxAllowedSkewMilliseconds": "900000"}})
			server, err := time.Parse(time.RFC3339, el["ServerTime"])
			require.NoError(t, err, "ServerTime %q", el["ServerTime"])
			assert.WithinDuration(t, time.Now(), server, time.Minute, "ServerTime is the wall clock, not the test clock")
			assert.NotContains(t, string(resp.body), fixtures.DestinationARN(seededReports))
		})
	}

	t.Run("skewed PUT changes nothing", func(t *testing.T) {
		t.Parallel()
		w := newMatrixWorld(t, "")
		req := newRawRequest(t, w.srv, http.MethodPut, "/src?inventory=&id="+addedID, []byte(addedXML))
		sum := sha256.Sum256([]byte(addedXML))
		hash := hex.EncodeToString(sum[:])
		req.Header.Set("X-Amz-Content-Sha256", hash)
		creds := aws.Credentials{AccessKeyID: w.owner.AccessKeyID, SecretAccessKey: w.owner.SecretAccessKey}
		require.NoError(t, v4.NewSigner().SignHTTP(context.Background(), creds, req, hash, "s3", w.srv.Region(),
			time.Now().Add(-20*time.Minute)))
		requireS3Error(t, sendRaw(t, req), wantS3Error{status: http.StatusForbidden, code: "RequestTimeTooSkewed"})
		assert.Equal(t, []string{seededID}, w.configIDs())
	})
}

// ---------------------------------------------------------------------------
// Credential options

func TestWithAnyCredentials(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	anyKey := s3fake.Account{AccessKeyID: "AKIAANYTHINGATALL000", SecretAccessKey: "made-up"}

	t.Run("off by default", func(t *testing.T) {
		t.Parallel()
		srv := s3fake.Start(t)
		c, tap := tappedClient(srv, anyKey)
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("any")})
		requireSDKError(t, err, wantInvalidAccessKeyID(anyKey.AccessKeyID))
		requireS3Error(t, tap.response(t), wantInvalidAccessKeyID(anyKey.AccessKeyID))
		assert.False(t, srv.BucketExists("any"))
	})
	t.Run("any key is the default account", func(t *testing.T) {
		t.Parallel()
		srv := s3fake.Start(t, s3fake.WithAnyCredentials())
		c, _ := tappedClient(srv, anyKey)
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("any")})
		require.NoError(t, err)
		got, _ := srv.BucketOwner("any")
		assert.Equal(t, s3fake.DefaultAccountID, got)
		assert.Equal(t, []string{"any"}, listedBucketNames(t, srv.Client()), "the default account sees it")

		_, err = c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
			Bucket: aws.String("any"), Id: aws.String(addedID), InventoryConfiguration: addedConfig()})
		require.NoError(t, err)
		_, ok := srv.InventoryConfiguration("any", addedID)
		assert.True(t, ok)

		// The default account's own key with a wrong secret works as well:
		// signatures are not checked.
		wrong := srv.DefaultAccount()
		wrong.SecretAccessKey = "wrong"
		_, err = srv.ClientFor(wrong).HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("any")})
		require.NoError(t, err)
	})
	t.Run("anonymous requests are still anonymous", func(t *testing.T) {
		t.Parallel()
		srv := s3fake.Start(t, s3fake.WithAnyCredentials())
		srv.CreateBucket("any")
		srv.PutInventoryConfiguration("any", fixtures.Minimal(seededID, seededReports))
		resp := sendRaw(t, newRawRequest(t, srv, http.MethodGet, "/any?inventory=", nil))
		requireS3Error(t, resp, wantAccessDenied())
	})
}

func TestWithAccount(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const id, key, secret = "333333333333", "AKIATHIRDACCOUNT0000", "third-secret"
	srv := s3fake.Start(t, s3fake.WithAccount(id, key, secret))
	third := s3fake.Account{ID: id, AccessKeyID: key, SecretAccessKey: secret}
	c, _ := tappedClient(srv, third)
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("third")})
	require.NoError(t, err)
	got, _ := srv.BucketOwner("third")
	assert.Equal(t, id, got)
	assert.Equal(t, []string{"third"}, listedBucketNames(t, c))
	assert.Empty(t, listedBucketNames(t, srv.Client()), "the default account does not see it")

	// The added account's bucket is its own: the default account may not
	// configure its inventory.
	_, err = srv.Client().PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String("third"), Id: aws.String(addedID), InventoryConfiguration: addedConfig()})
	requireSDKError(t, err, wantAccessDenied())
	assert.Empty(t, srv.InventoryConfigurations("third"))

	// Its secret is checked.
	wrong := third
	wrong.SecretAccessKey = "not-the-secret"
	wc, tap := tappedClient(srv, wrong)
	_, err = wc.ListBuckets(ctx, &s3.ListBucketsInput{})
	requireSDKError(t, err, wantSignatureMismatch(key))
	requireS3Error(t, tap.response(t), wantSignatureMismatch(key))

	// A seeded configuration is visible to it.
	srv.PutInventoryConfiguration("third", fixtures.Minimal(seededID, seededReports))
	out, err := c.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("third")})
	require.NoError(t, err)
	require.Len(t, out.InventoryConfigurationList, 1)
}
