package access

// Signature Version 4 verification of S3 requests:
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html
// This file holds the Verifier and the Authorization-header path; the
// presigned path is in presign.go, payload modes and chunks in payload.go.

import (
	"crypto/sha256"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// Method tells how a request authenticated.
type Method int

// The ways a request can authenticate.
const (
	MethodAnonymous   Method = iota // no credentials at all
	MethodHeader                    // Authorization: AWS4-HMAC-SHA256 ...
	MethodPresigned                 // X-Amz-Algorithm=AWS4-HMAC-SHA256&... in the query
	MethodHeaderV2                  // Authorization: AWS AKID:signature (SigV2)
	MethodPresignedV2               // AWSAccessKeyId=...&Expires=...&Signature=... in the query (SigV2)
	MethodPostPolicy                // a browser-form POST signed over its policy (SigV4 or SigV2)
)

// maxSkew is S3's tolerance between a request's signing time and its own.
const maxSkew = MaxSkewMilliseconds * time.Millisecond

// Verifier checks the signatures of S3 requests against a Registry. It is
// safe for concurrent use.
type Verifier struct {
	registry *Registry
	region   string
	now      func() time.Time
	// keys caches derived signing keys by secret and scope: deriving one
	// costs four HMACs, and a client signs many requests with one scope a
	// day. Entries are immutable; the cache is bounded by maxCachedKeys.
	// A plain map under a lock: a sync.Map would box the key on every
	// lookup.
	keysMu sync.RWMutex
	keys   map[signingKeyID][]byte
	sigV2  atomic.Bool // Signature Version 2 accepted (AcceptSigV2)
}

// maxCachedKeys bounds the signing-key cache (one entry per secret, day,
// region and service seen); past it, keys are derived every time.
const maxCachedKeys = 4096

type signingKeyID struct{ secret, date, region, service string }

// signingKey returns the derived key for secret and scope, from the cache
// when it can.
func (v *Verifier) signingKey(secret, date, region, service string) []byte {
	id := signingKeyID{secret, date, region, service}
	v.keysMu.RLock()
	k, ok := v.keys[id]
	v.keysMu.RUnlock()
	if ok {
		return k
	}
	k = signingKey(secret, date, region, service)
	v.keysMu.Lock()
	if v.keys == nil {
		v.keys = make(map[signingKeyID][]byte)
	}
	if len(v.keys) < maxCachedKeys {
		v.keys[id] = k
	}
	v.keysMu.Unlock()
	return k
}

// NewVerifier returns a Verifier for requests to region ("" accepts any
// region in the credential scope). now is the wall clock signing times are
// judged by; nil means time.Now. Pass the wall clock, not the test clock:
// clients sign with real time.
func NewVerifier(reg *Registry, region string, now func() time.Time) *Verifier {
	if now == nil {
		now = time.Now
	}
	return &Verifier{registry: reg, region: region, now: now}
}

// Verify authenticates r. host is the Host the client sent: the front
// handler rewrites virtual-host requests, so it must pass the original
// ("" means r.Host, or r.URL.Host for a client-built request). The path
// is read from r.RequestURI, which the rewrite leaves alone, so for server
// requests Verify may run before or after it; a client-built request (an
// in-process transport) has no RequestURI, so verify it before rewriting.
//
// It returns the caller (anonymous when the request carries no
// credentials) or an *Error with S3's code, status, message and fields.
// Signature Version 2, in the header or the query, is verified when
// AcceptSigV2 turned it on and refused otherwise (sigv2.go).
// The body is not read: check it afterwards with Auth.CheckPayload or,
// for aws-chunked bodies, Auth.VerifyChunk.
func (v *Verifier) Verify(r *http.Request, host string) (*Auth, error) {
	if host == "" {
		host = r.Host
	}
	if host == "" {
		host = r.URL.Host
	}
	authz := r.Header["Authorization"] // canonical names index the map directly (Values would canonicalize again)
	var q url.Values
	if mayAuthenticateInQuery(r.URL.RawQuery) {
		q = r.URL.Query()
	}
	sigV2 := v.sigV2.Load()
	presignedV2 := sigV2 && isSigV2Query(q)
	presigned := presignedV2 || isPresigned(q)
	var a *Auth
	var err *Error
	switch {
	case len(authz) > 0 && presigned:
		err = newError(CodeInvalidArgument, http.StatusBadRequest, msgOneMechanism,
			Field{"ArgumentName", "Authorization"}, Field{"ArgumentValue", authz[0]})
	case presignedV2:
		a, err = v.verifyPresignedV2(r, host)
	case presigned:
		a, err = v.verifyPresigned(r, host)
	case len(authz) > 0 && sigV2 && isSigV2Header(authz[0]):
		a, err = v.verifyHeaderV2(r, host, authz[0])
	case len(authz) > 0:
		a, err = v.verifyHeader(r, host, authz[0])
	default:
		a = &Auth{Method: MethodAnonymous, PayloadHash: firstValue(r.Header, "X-Amz-Content-Sha256")}
	}
	if err != nil {
		return nil, err // a typed nil never escapes as a non-nil error
	}
	return a, nil
}

// firstValue is h.Get(name) for a name already in canonical form, without
// the cost of canonicalizing it again.
func firstValue(h http.Header, name string) string {
	if v := h[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// mayAuthenticateInQuery reports whether rawQuery may hold one of the
// parameters of query authentication (X-Amz-Algorithm, X-Amz-Credential,
// X-Amz-Signature, AWSAccessKeyId, Signature), so that a query without
// them is not parsed for nothing. Escapes could spell a name, so a query
// with any is parsed.
func mayAuthenticateInQuery(rawQuery string) bool {
	return strings.ContainsAny(rawQuery, "%+") || strings.Contains(rawQuery, "X-Amz-") ||
		strings.Contains(rawQuery, "Signature") || strings.Contains(rawQuery, "AWSAccessKeyId")
}

// verifyHeader checks an Authorization-header request, faults reported in
// the order S3 reports them: header syntax, credential scope, key, date,
// skew, payload hash header, unsigned headers, signature.
func (v *Verifier) verifyHeader(r *http.Request, host, header string) (*Auth, *Error) {
	ah, err := parseAuthorization(header)
	if err != nil {
		return nil, err
	}
	cred, err := parseCredential(ah.Credential, false, v.region)
	if err != nil {
		return nil, err
	}
	id, ok := v.registry.LookupKey(cred.AccessKeyID)
	if !ok {
		return nil, invalidAccessKeyID(cred.AccessKeyID)
	}
	amzDate, rawDate, t, err := requestTime(r)
	if err != nil {
		return nil, err
	}
	// amzDate is in amzDateLayout, so its first eight bytes are the day
	// (t.Format(scopeDateLayout)) without formatting it again.
	if day := amzDate[:len(scopeDateLayout)]; cred.Date != day {
		return nil, headerMalformed(`Invalid credential date "` + cred.Date + `". This date is not the same as X-Amz-Date: "` + day + `".`)
	}
	now := v.now()
	if d := now.Sub(t); d > maxSkew || d < -maxSkew {
		return nil, newError(CodeRequestTimeTooSkewed, http.StatusForbidden, msgTooSkewed,
			Field{"RequestTime", rawDate},
			Field{"ServerTime", formatServerTime(now)},
			Field{"MaxAllowedSkewMilliseconds", strconv.Itoa(MaxSkewMilliseconds)})
	}
	payload := firstValue(r.Header, "X-Amz-Content-Sha256")
	if payload == "" {
		return nil, newError(CodeInvalidRequest, http.StatusBadRequest, msgMissingSHA256)
	}
	if err := checkPayloadHashValue(payload); err != nil {
		return nil, err
	}
	if err := checkAllSigned(r, ah.SignedHeaders); err != nil {
		return nil, err
	}
	a := &Auth{
		Method:        MethodHeader,
		Identity:      id,
		Region:        cred.Region,
		AmzDate:       amzDate,
		Time:          t,
		Scope:         cred.Scope,
		SignedHeaders: ah.SignedHeaders,
		Signature:     ah.Signature,
		PayloadHash:   payload,
	}
	return a, v.checkSignature(a, r, host, false, cred)
}

// requestTime reads the signing time from X-Amz-Date, or failing that from
// Date. It returns the time in the string-to-sign layout, the header value
// as sent (for RequestTimeTooSkewed) and the parsed time.
func requestTime(r *http.Request) (amzDate, raw string, t time.Time, err *Error) {
	if raw = firstValue(r.Header, "X-Amz-Date"); raw != "" {
		if t, perr := parseAmzDate(raw); perr == nil {
			return raw, raw, t, nil
		}
	}
	if raw = r.Header.Get("Date"); raw != "" {
		if t, perr := http.ParseTime(raw); perr == nil {
			t = t.UTC()
			return t.Format(amzDateLayout), raw, t, nil
		}
	}
	return "", "", time.Time{}, accessDenied(msgNoDate)
}

func formatServerTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// checkAllSigned enforces S3's rule that the host header and every x-amz-*
// header the request carries are signed: otherwise a man in the middle
// could add or change them. The lists are short: searched, not mapped.
func checkAllSigned(r *http.Request, signed []string) *Error {
	missingHost := !slices.Contains(signed, "host")
	missingAmz := false
	for name := range r.Header {
		if isAmzHeader(name) && !signedName(signed, name) {
			missingAmz = true
			break
		}
	}
	if !missingHost && !missingAmz {
		return nil
	}
	var missing []string
	if missingHost {
		missing = append(missing, "host")
	}
	for name := range r.Header {
		if lower := strings.ToLower(name); strings.HasPrefix(lower, "x-amz-") && !slices.Contains(signed, lower) {
			missing = append(missing, lower)
		}
	}
	sort.Strings(missing)
	return accessDenied(msgHeadersNotSigned, Field{"HeadersNotSigned", strings.Join(missing, ", ")})
}

// isAmzHeader reports whether strings.ToLower(name) starts with "x-amz-".
func isAmzHeader(name string) bool {
	if len(name) < len("x-amz-") {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return strings.HasPrefix(strings.ToLower(name), "x-amz-")
		}
	}
	return strings.EqualFold(name[:len("x-amz-")], "x-amz-")
}

// signedName reports whether strings.ToLower(name) is in signed, whose
// names are lower case.
func signedName(signed []string, name string) bool {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return slices.Contains(signed, strings.ToLower(name))
		}
	}
	for _, s := range signed {
		if len(s) == len(name) && strings.EqualFold(s, name) {
			return true
		}
	}
	return false
}

// checkSignature compares the signature the client sent with ours, over
// each canonical URI candidate, and fills in the signing key for chunk
// verification. In any-credentials mode nothing is compared. The canonical
// request and the string to sign are built in pooled buffers; they become
// strings only for the SignatureDoesNotMatch answer.
func (v *Verifier) checkSignature(a *Auth, r *http.Request, host string, presigned bool, cred credential) *Error {
	if v.registry.AnyCredentials() {
		a.anyCredentials = true
		return nil
	}
	a.key = v.signingKey(a.Identity.SecretAccessKey, cred.Date, cred.Region, cred.Service)
	bp := signBuffers.Get().(*[]byte)
	defer signBuffers.Put(bp)
	first, second := canonicalURIs(r)
	for _, uri := range [2]string{first, second} {
		if uri == "" {
			break
		}
		creq := appendCanonicalRequest((*bp)[:0], r, host, uri, presigned, a.SignedHeaders, a.PayloadHash)
		var sts [512]byte
		mac := hmacSum(a.key, appendStringToSign(sts[:0], a.AmzDate, a.Scope, sha256.Sum256(creq)))
		*bp = creq[:0]
		if equalHex(mac[:], a.Signature) {
			return nil
		}
	}
	creq := string(appendCanonicalRequest(nil, r, host, first, presigned, a.SignedHeaders, a.PayloadHash))
	sts := string(appendStringToSign(nil, a.AmzDate, a.Scope, sha256.Sum256([]byte(creq))))
	return signatureMismatch(cred.AccessKeyID, sts, a.Signature, creq)
}

// signBuffers recycles the buffers canonical requests are built in.
var signBuffers = sync.Pool{New: func() any {
	b := make([]byte, 0, 1024)
	return &b
}}

// hmacEqualHex compares a computed MAC with a hex signature in constant
// time; a signature that is not hex never matches.
func hmacEqualHex(mac []byte, sig string) bool { return equalHex(mac, sig) }
