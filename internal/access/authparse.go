package access

// Parsing of the two SigV4 carriers, the Authorization header and the
// presigned query, into plain values. No key, clock or request body is
// involved, which keeps these functions easy to fuzz.

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// credential is a parsed Credential (header) or X-Amz-Credential (query)
// value: AKID/YYYYMMDD/REGION/SERVICE/aws4_request.
type credential struct {
	AccessKeyID string
	Date        string
	Region      string
	Service     string
	// Scope is the credential scope that appears in the string to sign,
	// DATE/REGION/SERVICE/aws4_request: the value past the key id.
	Scope string
}

// parseCredential checks a credential value in the order S3 reports its
// faults. The header form and the query form share the wording but differ
// in code and prefix; inQuery selects which. An empty region accepts any.
func parseCredential(s string, inQuery bool, region string) (credential, *Error) {
	fail := func(detail string, fields ...Field) *Error {
		if inQuery {
			return queryParamsError(prefixQueryCredential+detail, fields...)
		}
		return headerMalformed(detail, fields...)
	}
	var parts [5]string
	rest := s
	for i := range 4 {
		var ok bool
		if parts[i], rest, ok = strings.Cut(rest, "/"); !ok {
			rest = "/" // not enough parts: fail below
			break
		}
	}
	if parts[4] = rest; strings.Contains(rest, "/") {
		return credential{}, fail(`the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`)
	}
	c := credential{AccessKeyID: parts[0], Date: parts[1], Region: parts[2], Service: parts[3],
		Scope: s[len(parts[0])+1:]}
	switch {
	case c.AccessKeyID == "":
		return credential{}, fail("a non-empty Access Key (AKID) must be provided in the credential.")
	case !validScopeDate(c.Date):
		return credential{}, fail(`incorrect date format "` + c.Date + `". This date in the credential must be in the format "yyyyMMdd".`)
	case region != "" && c.Region != region:
		return credential{}, fail("the region '"+c.Region+"' is wrong; expecting '"+region+"'", Field{"Region", region})
	case c.Service != serviceS3:
		return credential{}, fail(`incorrect service "` + c.Service + `". This endpoint belongs to "s3".`)
	case parts[4] != scopeTerminal:
		return credential{}, fail(`incorrect terminal "` + parts[4] + `". This endpoint uses "aws4_request".`)
	}
	return c, nil
}

func validScopeDate(s string) bool {
	if len(s) != 8 {
		return false
	}
	if _, _, _, ok := fastDate(s); ok {
		return true
	}
	_, err := time.Parse(scopeDateLayout, s)
	return err == nil
}

// parseAmzDate is time.Parse(amzDateLayout, s). The well-formed values
// clients send are read directly; anything else goes to time.Parse, which
// decides.
func parseAmzDate(s string) (time.Time, error) {
	if len(s) == len(amzDateLayout) && s[8] == 'T' && s[15] == 'Z' {
		y, mo, d, ok := fastDate(s[:8])
		h, ok1 := twoDigits(s[9:11])
		mi, ok2 := twoDigits(s[11:13])
		sec, ok3 := twoDigits(s[13:15])
		if ok && ok1 && ok2 && ok3 && h < 24 && mi < 60 && sec < 60 {
			return time.Date(y, mo, d, h, mi, sec, 0, time.UTC), nil
		}
	}
	return time.Parse(amzDateLayout, s)
}

// fastDate reads YYYYMMDD, all digits and a real day, as time.Parse
// would with scopeDateLayout; ok is false for anything else.
func fastDate(s string) (year int, month time.Month, day int, ok bool) {
	y1, ok1 := twoDigits(s[0:2])
	y2, ok2 := twoDigits(s[2:4])
	m, ok3 := twoDigits(s[4:6])
	d, ok4 := twoDigits(s[6:8])
	if !ok1 || !ok2 || !ok3 || !ok4 || m < 1 || m > 12 || d < 1 {
		return 0, 0, 0, false
	}
	year, month = y1*100+y2, time.Month(m)
	// The last day of the month: day 0 of the next.
	if d > time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return 0, 0, 0, false
	}
	return year, month, d, true
}

// twoDigits reads two decimal digits.
func twoDigits(s string) (int, bool) {
	if s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

// authHeader is a parsed "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
// Signature=..." header. Credential is left raw: parseCredential checks it.
type authHeader struct {
	Credential    string
	SignedHeaders []string
	Signature     string
}

// parseAuthorization parses an Authorization header value. It rejects
// Signature Version 2 and SigV4a the way a region without them does, and
// anything else as an unsupported type.
func parseAuthorization(h string) (authHeader, *Error) {
	alg, rest, _ := strings.Cut(strings.TrimLeft(h, " "), " ")
	switch alg {
	case algorithm:
	case "AWS", "AWS4-ECDSA-P256-SHA256":
		return authHeader{}, newError(CodeInvalidRequest, http.StatusBadRequest, msgUnsupportedSigV)
	default:
		return authHeader{}, newError(CodeInvalidArgument, http.StatusBadRequest, msgUnsupportedAuth,
			Field{"ArgumentName", "Authorization"}, Field{"ArgumentValue", h})
	}
	var a authHeader
	var seen int
	for more := true; more; {
		var comp string
		comp, rest, more = strings.Cut(rest, ",")
		comp = strings.TrimSpace(comp)
		if comp == "" {
			continue
		}
		name, value, ok := strings.Cut(comp, "=")
		if !ok {
			return authHeader{}, headerMalformed(`the authorization component "` + comp + `" is malformed.`)
		}
		switch name {
		case "Credential":
			a.Credential = value
			seen |= 1
		case "SignedHeaders":
			a.SignedHeaders = splitSignedHeaders(value)
			seen |= 2
		case "Signature":
			a.Signature = value
			seen |= 4
		default:
			return authHeader{}, headerMalformed(`the authorization component "` + comp + `" is malformed.`)
		}
	}
	if seen != 7 {
		return authHeader{}, headerMalformed("the authorization header requires three components: Credential, SignedHeaders, and Signature.")
	}
	return a, nil
}

// splitSignedHeaders splits "host;x-amz-date" into names. Names are
// lower-cased because the canonical request uses lower-case names; an
// empty name is dropped.
func splitSignedHeaders(s string) []string {
	var names []string
	if s != "" {
		names = make([]string, 0, strings.Count(s, ";")+1)
	}
	for more := true; more; {
		var n string
		n, s, more = strings.Cut(s, ";")
		if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// presignParams are the X-Amz-* parameters of a presigned URL.
type presignParams struct {
	Credential    string
	AmzDate       string
	Time          time.Time
	Expires       int64 // seconds
	SignedHeaders []string
	Signature     string
}

// maxPresignExpires is a week in seconds, S3's limit for X-Amz-Expires.
const maxPresignExpires = 604800

// isPresigned reports whether q carries query-string authentication
// (version 4, or version 2 which S3 refuses later).
func isPresigned(q url.Values) bool {
	return q.Has("X-Amz-Algorithm") || q.Has("X-Amz-Credential") || q.Has("X-Amz-Signature") ||
		(q.Has("AWSAccessKeyId") && q.Has("Signature"))
}

// parsePresign checks the presigned parameters in the order S3 reports
// their faults, up to but not including the credential scope.
func parsePresign(q url.Values) (presignParams, *Error) {
	if !q.Has("X-Amz-Algorithm") && q.Has("AWSAccessKeyId") && q.Has("Signature") {
		return presignParams{}, newError(CodeInvalidRequest, http.StatusBadRequest, msgUnsupportedSigV)
	}
	for _, name := range []string{"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
		"X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires"} {
		if q.Get(name) == "" {
			return presignParams{}, queryParamsError(msgMissingQueryParams)
		}
	}
	if q.Get("X-Amz-Algorithm") != algorithm {
		return presignParams{}, queryParamsError(msgQueryAlgorithm)
	}
	p := presignParams{
		Credential:    q.Get("X-Amz-Credential"),
		AmzDate:       q.Get("X-Amz-Date"),
		SignedHeaders: splitSignedHeaders(q.Get("X-Amz-SignedHeaders")),
		Signature:     q.Get("X-Amz-Signature"),
	}
	t, err := parseAmzDate(p.AmzDate)
	if err != nil {
		return presignParams{}, queryParamsError(msgQueryDate)
	}
	p.Time = t
	exp, err := strconv.ParseInt(q.Get("X-Amz-Expires"), 10, 64)
	switch {
	case err != nil:
		return presignParams{}, queryParamsError(msgExpiresNumber)
	case exp < 0:
		return presignParams{}, queryParamsError(msgExpiresNegative)
	case exp > maxPresignExpires:
		return presignParams{}, queryParamsError(msgExpiresTooLarge)
	}
	p.Expires = exp
	return p, nil
}
