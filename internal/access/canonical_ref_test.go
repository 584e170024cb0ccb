package access

import (
	"crypto/hmac"
	"crypto/sha256"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The canonical request was first built from strings, one piece at a
// time; it is now appended to one buffer. The string version is kept here
// as the reference the buffer version must equal, byte for byte.

func refCanonicalURIs(r *http.Request) []string {
	raw := requestPath(r)
	decoded, err := url.PathUnescape(raw)
	if err != nil {
		return []string{raw}
	}
	enc := refURIEncode(decoded, false)
	if enc == raw {
		return []string{enc}
	}
	return []string{enc, raw}
}

func refURIEncode(s string, encodeSlash bool) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
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

func refCanonicalQuery(rawQuery string, presigned bool) string {
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
		pairs = append(pairs, pair{refURIEncode(k, true), refURIEncode(v, true)})
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
		b.WriteString(p.k + "=" + p.v)
	}
	return b.String()
}

func refHeaderValue(r *http.Request, host, name string) string {
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
	cleaned := make([]string, len(values))
	for i, v := range values {
		v = strings.Trim(v, " \t")
		for strings.Contains(v, "  ") {
			v = strings.ReplaceAll(v, "  ", " ")
		}
		cleaned[i] = v
	}
	return strings.Join(cleaned, ",")
}

func refCanonicalRequest(r *http.Request, host, uri string, presigned bool, signed []string, payloadHash string) string {
	var headers strings.Builder
	for _, name := range signed {
		headers.WriteString(name + ":" + refHeaderValue(r, host, name) + "\n")
	}
	return r.Method + "\n" + uri + "\n" + refCanonicalQuery(r.URL.RawQuery, presigned) + "\n" +
		headers.String() + "\n" + strings.Join(signed, ";") + "\n" + payloadHash
}

// checkCanonical compares the buffer-built canonical request, string to
// sign and MAC of r with the reference.
func checkCanonical(t *testing.T, r *http.Request, host string, signed []string) {
	t.Helper()
	want := refCanonicalURIs(r)
	first, second := canonicalURIs(r)
	got := []string{first}
	if second != "" {
		got = append(got, second)
	}
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Fatalf("canonical URIs %q, want %q", got, want)
	}
	for _, presigned := range []bool{false, true} {
		if g, w := canonicalQuery(r.URL.RawQuery, presigned), refCanonicalQuery(r.URL.RawQuery, presigned); g != w {
			t.Fatalf("canonical query of %q: %q, want %q", r.URL.RawQuery, g, w)
		}
		for _, uri := range want {
			w := refCanonicalRequest(r, host, uri, presigned, signed, emptySHA256)
			g := string(appendCanonicalRequest(nil, r, host, uri, presigned, signed, emptySHA256))
			if g != w {
				t.Fatalf("canonical request\n%q\nwant\n%q", g, w)
			}
			sum := sha256.Sum256([]byte(w))
			sts := algorithm + "\n20260101T000000Z\nscope\n" + sha256Hex([]byte(w))
			if g := string(appendStringToSign(nil, "20260101T000000Z", "scope", sum)); g != sts {
				t.Fatalf("string to sign %q, want %q", g, sts)
			}
			for _, key := range [][]byte{[]byte("k"), make([]byte, 64), make([]byte, 65)} {
				m := hmac.New(sha256.New, key)
				m.Write([]byte(w))
				if g := hmacSum(key, []byte(w)); !hmac.Equal(g[:], m.Sum(nil)) {
					t.Fatalf("hmacSum differs from crypto/hmac for a %d-byte key and a %d-byte message", len(key), len(w))
				}
			}
		}
	}
}

func TestCanonicalRequestMatchesReference(t *testing.T) {
	r := &http.Request{Method: "PUT", URL: &url.URL{Path: "/b/k"}, Header: http.Header{}, ContentLength: 4,
		TransferEncoding: []string{"chunked"}}
	r.Header.Set("X-Amz-Meta-Note", "  a   b  c ")
	r.Header.Add("X-Amz-Meta-Multi", "one")
	r.Header.Add("X-Amz-Meta-Multi", " two ")
	r.Header["x-lower"] = []string{"not canonical: unseen"}
	r.Header["X_Under.Dot"] = []string{"u"}
	r.Header.Set("Content-Type", "text/plain")
	signed := []string{"content-length", "content-type", "host", "transfer-encoding", "x-amz-meta-multi",
		"x-amz-meta-note", "x-lower", "x_under.dot", "x-missing", "UPPER", ""}
	for _, target := range []string{
		"/b/k", "/b/a%20b%2Bc~d%3De%E2%82%AC", "/b/a%2fb", "/b/bad%zz", "/", "*", "http://h/b/k?x",
		"/b?list-type=2&prefix=a%20b%2Fc&start-after=x%2By%3Dz&delimiter=%2F",
		"/b?inventory&id=cfg%201", "/b?a=2&a=1&A=0&&=&b=%", "/b?X-Amz-Signature=s&X-Amz-Date=d",
		"/b?" + strings.Repeat("p=1&q=2&", 20),
	} {
		path, query, _ := strings.Cut(target, "?")
		r.RequestURI = target
		r.URL.RawQuery = query
		if u, err := url.Parse(path); err == nil {
			r.URL.Path, r.URL.RawPath = u.Path, u.RawPath
		}
		checkCanonical(t, r, "example.com:9000", signed)
	}
}

// FuzzCanonicalRequest checks the buffer-built canonical request against
// the reference on arbitrary paths, queries and header values.
func FuzzCanonicalRequest(f *testing.F) {
	f.Add("/b/a%20b", "list-type=2&prefix=x", "  a  b ", "host.example")
	f.Add("/b/%E2%82%AC", "a=%zz&b=+&c", "\t", "")
	f.Fuzz(func(t *testing.T, path, rawQuery, value, host string) {
		r := &http.Request{Method: "GET", URL: &url.URL{Path: path, RawQuery: rawQuery}, Header: http.Header{},
			RequestURI: path + "?" + rawQuery, ContentLength: -1}
		r.Header["X-Amz-Meta-A"] = []string{value, value}
		checkCanonical(t, r, host, []string{"host", "x-amz-meta-a", "content-length"})
	})
}

// FuzzParseAmzDate: the direct reading of signing times agrees with
// time.Parse on every input, and so does the scope date check.
func FuzzParseAmzDate(f *testing.F) {
	for _, s := range []string{"20260101T000000Z", "20240229T235959Z", "20230229T000000Z", "20261301T000000Z",
		"20260100T000000Z", "20260101T240000Z", "20260101T006000Z", "20260101T000060Z", "20260101T00000Z",
		"2026010lT000000Z", "20260101T000000.5Z", "00000101T000000Z", "20260101", "20261231", "2026023l"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseAmzDate(s)
		want, werr := time.Parse(amzDateLayout, s)
		if (err == nil) != (werr == nil) || !got.Equal(want) || got.Location() != want.Location() {
			t.Fatalf("parseAmzDate(%q) = %v, %v; time.Parse: %v, %v", s, got, err, want, werr)
		}
		_, werr = time.Parse(scopeDateLayout, s)
		if validScopeDate(s) != (len(s) == 8 && werr == nil) {
			t.Fatalf("validScopeDate(%q) = %v, time.Parse error %v", s, validScopeDate(s), werr)
		}
	})
}
