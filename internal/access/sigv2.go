package access

// Signature Version 2, in the Authorization header ("AWS AKID:signature")
// and in the query (AWSAccessKeyId, Expires, Signature):
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html
//
// S3 still accepts it in the regions older than 2014 on buckets created
// before June 2020, and botocore presigns with it by default in us-east-1
// (generate_presigned_url and generate_presigned_post), so a fake that
// refuses it breaks ordinary Python code. A Verifier refuses it, as a
// bucket created today does, until AcceptSigV2 turns it on.

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Messages of SigV2 faults, as S3 sends them (and as the S3 emulators
// that check themselves against S3 quote them).
const (
	msgV2HeaderSpacing = "Authorization header is invalid -- one and only one ' ' (space) required"
	msgV2HeaderFormat  = "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature"
	msgV2QueryParams   = "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters"
	msgV2ExpiresPrefix = "Invalid date (should be seconds since epoch): "
)

// v2SubResources are the query parameters that belong to the
// CanonicalizedResource of SigV2: the subresources AWS lists and the
// response-* overrides, as botocore's HmacV1Auth signs them.
var v2SubResources = map[string]bool{
	"accelerate": true, "acl": true, "analytics": true, "cors": true, "defaultObjectAcl": true,
	"delete": true, "encryption": true, "intelligent-tiering": true, "inventory": true,
	"lifecycle": true, "location": true, "logging": true, "metrics": true, "notification": true,
	"object-lock": true, "ownershipControls": true, "partNumber": true, "policy": true,
	"policyStatus": true, "publicAccessBlock": true, "replication": true, "requestPayment": true,
	"restore": true, "retention": true, "legal-hold": true, "select": true, "select-type": true,
	"storageClass": true, "tagging": true, "torrent": true, "uploadId": true, "uploads": true,
	"versionId": true, "versioning": true, "versions": true, "website": true,
	"response-cache-control": true, "response-content-disposition": true, "response-content-encoding": true,
	"response-content-language": true, "response-content-type": true, "response-expires": true,
}

// AcceptSigV2 turns Signature Version 2 on or off. Off (the default)
// refuses it with 400 InvalidRequest "The authorization mechanism you have
// provided is not supported. Please use AWS4-HMAC-SHA256.", as S3 does for
// a bucket created today; on, it is verified with the same keys as SigV4.
func (v *Verifier) AcceptSigV2(on bool) { v.sigV2.Store(on) }

// isSigV2Header reports whether an Authorization value is SigV2's.
func isSigV2Header(h string) bool {
	alg, _, _ := strings.Cut(strings.TrimLeft(h, " "), " ")
	return alg == "AWS"
}

// isSigV2Query reports whether q carries SigV2 query authentication and
// no SigV4 parameter.
func isSigV2Query(q url.Values) bool {
	if q.Has("X-Amz-Algorithm") || q.Has("X-Amz-Credential") || q.Has("X-Amz-Signature") {
		return false
	}
	return q.Has("AWSAccessKeyId") || q.Has("Signature")
}

// verifyHeaderV2 checks "Authorization: AWS AKID:signature", faults in the
// order of the SigV4 header path: syntax, key, date, skew, signature.
func (v *Verifier) verifyHeaderV2(r *http.Request, host, header string) (*Auth, *Error) {
	argument := []Field{{"ArgumentName", "Authorization"}, {"ArgumentValue", header}}
	parts := strings.Split(header, " ")
	if len(parts) != 2 {
		return nil, newError(CodeInvalidArgument, http.StatusBadRequest, msgV2HeaderSpacing, argument...)
	}
	akid, sig, ok := strings.Cut(parts[1], ":")
	if !ok || sig == "" || strings.Contains(sig, ":") {
		return nil, newError(CodeInvalidArgument, http.StatusBadRequest, msgV2HeaderFormat, argument...)
	}
	id, found := v.registry.LookupKey(akid)
	if !found {
		return nil, invalidAccessKeyID(akid)
	}
	t, raw, dateLine, err := v2RequestTime(r)
	if err != nil {
		return nil, err
	}
	now := v.now()
	if d := now.Sub(t); d > maxSkew || d < -maxSkew {
		return nil, newError(CodeRequestTimeTooSkewed, http.StatusForbidden, msgTooSkewed,
			Field{"RequestTime", raw},
			Field{"ServerTime", formatServerTime(now)},
			Field{"MaxAllowedSkewMilliseconds", strconv.Itoa(MaxSkewMilliseconds)})
	}
	a := &Auth{Method: MethodHeaderV2, Identity: id, Time: t, Signature: sig}
	return a, v.checkSignatureV2(a, r, host, dateLine, false)
}

// v2RequestTime reads the signing time from x-amz-date or, failing that,
// Date. With x-amz-date the Date line of the string to sign is empty: the
// header is signed among the x-amz-* headers instead.
func v2RequestTime(r *http.Request) (t time.Time, raw, dateLine string, err *Error) {
	if raw = r.Header.Get("X-Amz-Date"); raw != "" {
		if t, ok := parseV2Time(raw); ok {
			return t, raw, "", nil
		}
	}
	if raw = r.Header.Get("Date"); raw != "" {
		if t, ok := parseV2Time(raw); ok {
			return t, raw, raw, nil
		}
	}
	return time.Time{}, "", "", accessDenied(msgNoDate)
}

// parseV2Time accepts the HTTP date formats, RFC 1123 with a numeric
// zone (AWS's own examples), and SigV4's ISO 8601 basic format, which some
// SigV2 signers put in x-amz-date.
func parseV2Time(s string) (time.Time, bool) {
	if t, err := http.ParseTime(s); err == nil {
		return t.UTC(), true
	}
	if t, err := time.Parse(time.RFC1123Z, s); err == nil {
		return t.UTC(), true
	}
	if t, err := time.Parse(amzDateLayout, s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// verifyPresignedV2 checks ?AWSAccessKeyId=&Expires=&Signature=: the
// parameters, the expiry (before the key, as for SigV4), the key, the
// signature. Expires is an absolute time in seconds since the epoch.
func (v *Verifier) verifyPresignedV2(r *http.Request, host string) (*Auth, *Error) {
	q := r.URL.Query()
	if !q.Has("AWSAccessKeyId") || !q.Has("Signature") || !q.Has("Expires") {
		return nil, accessDenied(msgV2QueryParams)
	}
	raw := q.Get("Expires")
	exp, perr := strconv.ParseInt(raw, 10, 64)
	if perr != nil {
		return nil, accessDenied(msgV2ExpiresPrefix + raw)
	}
	now := v.now()
	if now.Unix() > exp {
		return nil, accessDenied(msgExpired,
			Field{"Expires", formatServerTime(time.Unix(exp, 0))},
			Field{"ServerTime", formatServerTime(now)})
	}
	akid := q.Get("AWSAccessKeyId")
	id, ok := v.registry.LookupKey(akid)
	if !ok {
		return nil, invalidAccessKeyID(akid)
	}
	a := &Auth{Method: MethodPresignedV2, Identity: id, Time: now, Signature: q.Get("Signature"),
		Expires: time.Unix(exp, 0).Sub(now)}
	return a, v.checkSignatureV2(a, r, host, raw, true)
}

// checkSignatureV2 compares the signature with ours over each canonical
// resource candidate. In any-credentials mode nothing is compared.
func (v *Verifier) checkSignatureV2(a *Auth, r *http.Request, host, dateLine string, presigned bool) *Error {
	if v.registry.AnyCredentials() {
		a.anyCredentials = true
		return nil
	}
	heads := []string{v2StringToSignHead(r, dateLine, presigned, "")}
	if amzDate := r.Header.Get("X-Amz-Date"); amzDate != "" && !presigned {
		// AWS's own DELETE example signs x-amz-date in the Date line and
		// leaves it out of the x-amz-* headers; the text says the Date
		// line is empty. Both are accepted.
		heads = append(heads, v2StringToSignHead(r, strings.TrimSpace(amzDate), false, "x-amz-date"))
	}
	var first string
	for _, head := range heads {
		for _, resource := range v2Resources(r, host) {
			sts := head + resource
			if equalStrings(SignV2(a.Identity.SecretAccessKey, sts), a.Signature) {
				return nil
			}
			if first == "" {
				first = sts
			}
		}
	}
	return newError(CodeSignatureDoesNotMatch, http.StatusForbidden, msgSignatureMismatch,
		Field{"AWSAccessKeyId", a.Identity.AccessKeyID},
		Field{"StringToSign", first},
		Field{"SignatureProvided", a.Signature},
		Field{"StringToSignBytes", hexBytes(first)})
}

// SignV2 is the SigV2 signature of a string to sign: base64 of its
// HMAC-SHA1 under the secret. A SigV2 POST policy is signed the same way.
func SignV2(secret, stringToSign string) string {
	m := hmac.New(sha1.New, []byte(secret))
	m.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// equalStrings compares two signatures in constant time.
func equalStrings(a, b string) bool { return hmac.Equal([]byte(a), []byte(b)) }

// v2StringToSignHead is the string to sign up to the resource:
//
//	VERB \n Content-MD5 \n Content-Type \n Date-or-Expires \n CanonicalizedAmzHeaders
//
// A presigned URL carries Content-MD5, Content-Type and the x-amz-*
// headers it signed in its query when the client put them there
// (botocore does), so those count as headers too.
//
// without names an x-amz-* header to leave out.
func v2StringToSignHead(r *http.Request, dateLine string, presigned bool, without string) string {
	q := url.Values{}
	if presigned {
		q = r.URL.Query()
	}
	get := func(name string) string {
		if v := r.Header.Get(name); v != "" {
			return strings.TrimSpace(v)
		}
		return strings.TrimSpace(q.Get(strings.ToLower(name)))
	}
	var b strings.Builder
	b.WriteString(r.Method + "\n" + get("Content-MD5") + "\n" + get("Content-Type") + "\n" + dateLine + "\n")
	amz := map[string][]string{}
	for name, values := range r.Header {
		if lower := strings.ToLower(name); strings.HasPrefix(lower, "x-amz-") {
			amz[lower] = append(amz[lower], values...)
		}
	}
	for name, values := range q {
		if lower := strings.ToLower(name); strings.HasPrefix(lower, "x-amz-") {
			amz[lower] = append(amz[lower], values...)
		}
	}
	delete(amz, without)
	names := make([]string, 0, len(amz))
	for n := range amz {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		values := make([]string, len(amz[n]))
		for i, v := range amz[n] {
			values[i] = strings.TrimSpace(v)
		}
		b.WriteString(n + ":" + strings.Join(values, ",") + "\n")
	}
	return b.String()
}

// v2Resources returns the CanonicalizedResource candidates, best first:
// "/bucket" + the path as sent (a bucket's own path ending in '/') + the
// subresources, sorted by name, with values decoded. Later candidates
// cover what other signers do: the path as sent, the path decoded, and
// valueless subresources written without '=' ("?delete" where the URL has
// "?delete=").
func v2Resources(r *http.Request, host string) []string {
	path := requestPath(r)
	if bucket := vhostBucket(host); bucket != "" {
		path = "/" + bucket + path
	}
	var paths []string
	if strings.Count(path, "/") == 1 && path != "/" {
		// S3's resource of a bucket is "/bucket/", whatever the path
		// style request sent (botocore signs "/bucket/" for "/bucket").
		paths = append(paths, path+"/")
	}
	paths = append(paths, path)
	if decoded, err := url.PathUnescape(path); err == nil && decoded != path {
		paths = append(paths, decoded)
	}
	subs, bare := v2SubResourceQuery(r.URL.RawQuery)
	var out []string
	for _, p := range paths {
		out = append(out, p+subs)
		if bare != subs {
			out = append(out, p+bare)
		}
	}
	return out
}

// v2SubResourceQuery renders the subresources of rawQuery as "?a&b=v", in
// two forms: each as sent ("name=" stays "name="), and with empty values
// written as bare names.
func v2SubResourceQuery(rawQuery string) (asSent, bare string) {
	type pair struct {
		name, value string
		hasValue    bool
	}
	var pairs []pair
	for _, part := range strings.Split(rawQuery, "&") {
		name, value, hasValue := strings.Cut(part, "=")
		if !v2SubResources[name] {
			continue
		}
		if v, err := url.PathUnescape(value); err == nil {
			value = v
		}
		pairs = append(pairs, pair{name, value, hasValue})
	}
	if len(pairs) == 0 {
		return "", ""
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].name < pairs[j].name })
	var a, b strings.Builder
	for i, p := range pairs {
		sep := "&"
		if i == 0 {
			sep = "?"
		}
		a.WriteString(sep + p.name)
		b.WriteString(sep + p.name)
		if p.hasValue {
			a.WriteString("=" + p.value)
		}
		if p.value != "" {
			b.WriteString("=" + p.value)
		}
	}
	return a.String(), b.String()
}

// vhostBucket is the bucket of a virtual-host-style Host
// (bucket.localhost[:port]), "" for path style. The bucket belongs to the
// canonical resource even though it is not in the path.
func vhostBucket(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	bucket, _ := strings.CutSuffix(host, ".localhost")
	if bucket == host {
		return ""
	}
	return bucket
}
