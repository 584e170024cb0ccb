package access

// The canonical request of Signature Version 4 as S3 builds it:
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
// S3 differs from other services in two ways that matter here: the path is
// URI-encoded once (never twice) and is not normalised ("//" and "/./"
// stay), because object keys may contain anything.

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
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
// Neither allocates for a path that needs no escaping.
func canonicalURIs(r *http.Request) (first, second string) {
	raw := requestPath(r)
	decoded, err := url.PathUnescape(raw)
	if err != nil {
		return raw, ""
	}
	enc := uriEncode(decoded, false)
	if enc == raw {
		return enc, ""
	}
	return enc, raw
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
// A string with nothing to encode is returned as it is.
func uriEncode(s string, encodeSlash bool) string {
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i], encodeSlash) {
			return string(appendURIEncoded(make([]byte, 0, len(s)+16), s, encodeSlash))
		}
	}
	return s
}

// unreserved reports whether c stays as it is in a canonical URI or query.
func unreserved(c byte, encodeSlash bool) bool {
	switch {
	case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9',
		c == '-', c == '_', c == '.', c == '~':
		return true
	}
	return c == '/' && !encodeSlash
}

// appendURIEncoded appends uriEncode(s, encodeSlash) to dst.
func appendURIEncoded(dst []byte, s string, encodeSlash bool) []byte {
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		if c := s[i]; unreserved(c, encodeSlash) {
			dst = append(dst, c)
		} else {
			dst = append(dst, '%', hexDigits[c>>4], hexDigits[c&0x0f])
		}
	}
	return dst
}

// canonicalQuery decodes every name and value of rawQuery, encodes them
// again with uriEncode, and sorts the pairs by encoded name then value
// (SigV4 sorts after encoding). A name without '=' gets an empty value,
// so "?inventory" becomes "inventory=". With presigned set, the
// X-Amz-Signature parameter is left out: it cannot sign itself.
func canonicalQuery(rawQuery string, presigned bool) string {
	return string(appendCanonicalQuery(nil, rawQuery, presigned))
}

// queryPair is one encoded name and value of a canonical query.
type queryPair struct{ k, v string }

// appendCanonicalQuery appends canonicalQuery(rawQuery, presigned) to dst.
// Parameters that need no escaping cost no allocation, nor do the first
// sixteen pairs.
func appendCanonicalQuery(dst []byte, rawQuery string, presigned bool) []byte {
	var stack [16]queryPair
	pairs := stack[:0]
	for part := range strings.SplitSeq(rawQuery, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, v = queryUnescape(k), queryUnescape(v)
		if presigned && k == "X-Amz-Signature" {
			continue
		}
		pairs = append(pairs, queryPair{uriEncode(k, true), uriEncode(v, true)})
	}
	slices.SortFunc(pairs, func(a, b queryPair) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	for i, p := range pairs {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = append(dst, p.k...)
		dst = append(dst, '=')
		dst = append(dst, p.v...)
	}
	return dst
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

// appendCanonicalHeaders appends the signed headers of r, in the order
// the client listed them, as "name:value\n" lines. Values are trimmed and
// runs of spaces collapsed; repeated headers are joined with ','. The host
// is the one the client sent (the front handler may have rewritten r.Host).
func appendCanonicalHeaders(dst []byte, r *http.Request, host string, signed []string) []byte {
	for _, name := range signed {
		dst = append(dst, name...)
		dst = append(dst, ':')
		dst = appendHeaderValue(dst, r, host, name)
		dst = append(dst, '\n')
	}
	return dst
}

// appendHeaderValue appends the canonical value of header name. Go's
// server moves Host and Transfer-Encoding out of r.Header, so those come
// from the request's fields.
func appendHeaderValue(dst []byte, r *http.Request, host, name string) []byte {
	var values []string
	switch name {
	case "host":
		return appendCollapsed(dst, host)
	case "transfer-encoding":
		values = r.TransferEncoding
		if len(values) == 0 {
			values = headerValues(r.Header, name)
		}
	case "content-length":
		values = headerValues(r.Header, name)
		if len(values) == 0 && r.ContentLength >= 0 {
			return strconv.AppendInt(dst, r.ContentLength, 10)
		}
	default:
		values = headerValues(r.Header, name)
	}
	for i, v := range values {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendCollapsed(dst, v)
	}
	return dst
}

// headerValues is h.Values(name) for a lower-case name, without the
// allocation of canonicalizing it when it is an ordinary header name.
func headerValues(h http.Header, name string) []string {
	var buf [64]byte
	if len(name) > len(buf) {
		return h.Values(name)
	}
	upper := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'a' <= c && c <= 'z':
			if upper {
				c -= 'a' - 'A'
			}
		case '0' <= c && c <= '9', c == '-', c == '_', c == '.':
		default:
			// Upper case, or a byte textproto treats specially: its rules.
			return h.Values(name)
		}
		buf[i] = c
		upper = c == '-'
	}
	return h[string(buf[:len(name)])]
}

// appendCollapsed appends s trimmed of spaces and tabs, with every run of
// spaces turned into one space.
func appendCollapsed(dst []byte, s string) []byte {
	s = strings.Trim(s, " \t")
	if !strings.Contains(s, "  ") {
		return append(dst, s...)
	}
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
		dst = append(dst, s[i])
	}
	return dst
}

// appendCanonicalRequest appends the six parts of the canonical request.
func appendCanonicalRequest(dst []byte, r *http.Request, host, uri string, presigned bool, signed []string, payloadHash string) []byte {
	dst = append(dst, r.Method...)
	dst = append(dst, '\n')
	dst = append(dst, uri...)
	dst = append(dst, '\n')
	dst = appendCanonicalQuery(dst, r.URL.RawQuery, presigned)
	dst = append(dst, '\n')
	dst = appendCanonicalHeaders(dst, r, host, signed)
	dst = append(dst, '\n')
	for i, name := range signed {
		if i > 0 {
			dst = append(dst, ';')
		}
		dst = append(dst, name...)
	}
	dst = append(dst, '\n')
	return append(dst, payloadHash...)
}

// appendStringToSign appends the SigV4 string to sign of a canonical
// request whose SHA-256 is sum.
func appendStringToSign(dst []byte, amzDate, scope string, sum [sha256.Size]byte) []byte {
	dst = append(dst, algorithm+"\n"...)
	dst = append(dst, amzDate...)
	dst = append(dst, '\n')
	dst = append(dst, scope...)
	dst = append(dst, '\n')
	return hex.AppendEncode(dst, sum[:])
}

// signingKey derives the key of one day, region and service from a secret.
func signingKey(secret, date, region, service string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), date)
	k = hmacSHA256(k, region)
	k = hmacSHA256(k, service)
	return hmacSHA256(k, scopeTerminal)
}

func hmacSHA256(key []byte, data string) []byte {
	mac := hmacSum(key, []byte(data))
	return mac[:]
}

// hmacSum is HMAC-SHA256 of msg under key. Keys and messages of the sizes
// SigV4 uses (a 32-byte key, a string to sign of a few hundred bytes) are
// hashed in stack buffers, with no allocation.
func hmacSum(key, msg []byte) [sha256.Size]byte {
	const block = 64
	if len(key) > block || len(msg) > 512 {
		m := hmac.New(sha256.New, key)
		m.Write(bytes.Clone(msg)) // a copy: msg, often on the caller's stack, must not escape
		var out [sha256.Size]byte
		m.Sum(out[:0])
		return out
	}
	var buf [block + 512]byte
	for i := range block {
		var k byte
		if i < len(key) {
			k = key[i]
		}
		buf[i] = k ^ 0x36
	}
	n := copy(buf[block:], msg)
	inner := sha256.Sum256(buf[:block+n])
	for i := range block {
		buf[i] ^= 0x36 ^ 0x5c
	}
	copy(buf[block:], inner[:])
	return sha256.Sum256(buf[:block+sha256.Size])
}

// equalHex compares a computed MAC or digest with its hex rendering, in
// either case, in constant time; a value that is not hex never matches.
func equalHex(sum []byte, h string) bool {
	if len(h) != 2*len(sum) {
		return false
	}
	var diff, bad byte
	for i := range sum {
		hi, ok1 := unhex(h[2*i])
		lo, ok2 := unhex(h[2*i+1])
		if !ok1 || !ok2 {
			bad = 1
		}
		diff |= sum[i] ^ (hi<<4 | lo)
	}
	return diff|bad == 0
}

func unhex(c byte) (byte, bool) {
	v := hexValues[c]
	return v & 0x0f, v != 0
}

// hexValues maps a hex digit to its value plus 0x10, anything else to 0.
var hexValues = func() (t [256]byte) {
	for i := range 10 {
		t['0'+i] = byte(i) | 0x10
	}
	for i := range 6 {
		t['a'+i] = byte(10+i) | 0x10
		t['A'+i] = byte(10+i) | 0x10
	}
	return t
}()

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
