package access

// The canonical request of Signature Version 4 as S3 builds it:
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
// S3 differs from other services in two ways that matter here: the path is
// URI-encoded once (never twice) and is not normalised ("//" and "/./"
// stay), because object keys may contain anything.

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

const (
	algorithm        = "AWS4-HMAC-SHA256"
	amzDateLayout    = "20060102T150405Z"
	scopeDateLayout  = "20060102"
	scopeTerminal    = "aws4_request"
	serviceS3        = "s3"
	emptySHA256      = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	unsignedPayload  = "UNSIGNED-PAYLOAD"
	streamingPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
)

// canonicalURIs returns the canonical URI candidates of r, best first.
// The first is S3's own rule: decode the path the client sent and encode
// it again, every byte but unreserved characters and '/'. The second, when
// different, is the path exactly as sent, because some clients sign the
// escaping they put on the wire (lower-case hex, say) and S3 accepts them.
func canonicalURIs(r *http.Request) []string {
	raw := requestPath(r)
	decoded, err := url.PathUnescape(raw)
	if err != nil {
		return []string{raw}
	}
	enc := uriEncode(decoded, false)
	if enc == raw {
		return []string{enc}
	}
	return []string{enc, raw}
}

// requestPath is the escaped path the client sent. RequestURI is what came
// off the wire, untouched by the front handler's virtual-host rewrite; a
// request built in-process has none, so the URL's escaped path stands in.
func requestPath(r *http.Request) string {
	p := r.RequestURI
	if p == "" || p == "*" {
		p = r.URL.EscapedPath()
	} else {
		if i := strings.IndexByte(p, '?'); i >= 0 {
			p = p[:i]
		}
		// Absolute form (a proxy-style request line): drop scheme and host.
		if rest, ok := strings.CutPrefix(p, "http://"); ok {
			p = rest[min(len(rest), strings.IndexByte(rest+"/", '/')):]
		} else if rest, ok := strings.CutPrefix(p, "https://"); ok {
			p = rest[min(len(rest), strings.IndexByte(rest+"/", '/')):]
		}
	}
	if p == "" {
		return "/"
	}
	return p
}

// uriEncode percent-encodes every byte but A-Z a-z 0-9 - _ . ~ (and '/'
// when keeping slashes is wanted), with upper-case hex, as SigV4 requires.
func uriEncode(s string, encodeSlash bool) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~':
			b.WriteByte(c)
		case c == '/' && !encodeSlash:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0x0f])
		}
	}
	return b.String()
}

// canonicalQuery decodes every name and value of rawQuery, encodes them
// again with uriEncode, and sorts the pairs by encoded name then value
// (SigV4 sorts after encoding). A name without '=' gets an empty value,
// so "?inventory" becomes "inventory=". With presigned set, the
// X-Amz-Signature parameter is left out: it cannot sign itself.
func canonicalQuery(rawQuery string, presigned bool) string {
	type pair struct{ k, v string }
	var pairs []pair
	for _, part := range strings.Split(rawQuery, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, v = queryUnescape(k), queryUnescape(v)
		if presigned && k == "X-Amz-Signature" {
			continue
		}
		pairs = append(pairs, pair{uriEncode(k, true), uriEncode(v, true)})
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.k)
		b.WriteByte('=')
		b.WriteString(p.v)
	}
	return b.String()
}

// queryUnescape decodes a query component the way Go's url.ParseQuery does
// ('+' is a space), which is what the SDKs sign. An invalid escape is kept
// as sent rather than failing: the signature check then decides.
func queryUnescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// canonicalHeaders renders the signed headers of r, in the order the
// client listed them, as "name:value\n" lines. Values are trimmed and runs
// of spaces collapsed; repeated headers are joined with ','. The host is
// the one the client sent (the front handler may have rewritten r.Host).
func canonicalHeaders(r *http.Request, host string, signed []string) string {
	var b strings.Builder
	for _, name := range signed {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(headerValue(r, host, name))
		b.WriteByte('\n')
	}
	return b.String()
}

// headerValue is the canonical value of header name. Go's server moves
// Host and Transfer-Encoding out of r.Header, so those come from the
// request's fields.
func headerValue(r *http.Request, host, name string) string {
	var values []string
	switch name {
	case "host":
		values = []string{host}
	case "transfer-encoding":
		values = r.TransferEncoding
		if len(values) == 0 {
			values = r.Header.Values(name)
		}
	case "content-length":
		values = r.Header.Values(name)
		if len(values) == 0 && r.ContentLength >= 0 {
			values = []string{strconv.FormatInt(r.ContentLength, 10)}
		}
	default:
		values = r.Header.Values(name)
	}
	// A fresh slice: Header.Values shares the request's own.
	cleaned := make([]string, len(values))
	for i, v := range values {
		cleaned[i] = collapseSpaces(v)
	}
	return strings.Join(cleaned, ",")
}

// collapseSpaces trims s and turns every run of spaces into one space.
func collapseSpaces(s string) string {
	s = strings.Trim(s, " \t")
	if !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	prevSpace := false
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			if prevSpace {
				continue
			}
			prevSpace = true
		} else {
			prevSpace = false
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// canonicalRequest joins the six parts of the canonical request.
func canonicalRequest(method, uri, query, headers string, signed []string, payloadHash string) string {
	return method + "\n" + uri + "\n" + query + "\n" + headers + "\n" +
		strings.Join(signed, ";") + "\n" + payloadHash
}

// stringToSign is the SigV4 string to sign for a canonical request.
func stringToSign(amzDate, scope, canonical string) string {
	return algorithm + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex([]byte(canonical))
}

// signingKey derives the key of one day, region and service from a secret.
func signingKey(secret, date, region, service string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), date)
	k = hmacSHA256(k, region)
	k = hmacSHA256(k, service)
	return hmacSHA256(k, scopeTerminal)
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
