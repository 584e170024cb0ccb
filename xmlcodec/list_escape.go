package xmlcodec

import (
	"strconv"
	"unicode/utf8"
)

// keyLeaf writes a key-bearing element of a listing: percent-encoded
// under encoding-type=url, otherwise as text with S3's references.
func keyLeaf(w *writer, name, value string, urlEncoded bool) {
	if urlEncoded {
		value = URLEncodeKey(value)
	}
	textLeaf(w, name, value)
}

// textLeaf writes <name>value</name> with writeText.
func textLeaf(w *writer, name, value string) {
	w.open(name, "")
	writeText(w, value)
	w.close(name)
}

// writeText writes s as element content the way S3 writes keys: &, < and
// > as entities, " as &quot; (S3's ETags read &quot;...&quot;), and a
// character XML 1.0 does not allow (C0 controls but tab and line feed,
// U+FFFE, U+FFFF) as a hexadecimal character reference such as &#x1b;,
// which is what S3 sends (aws/aws-sdk-php#169 quotes S3's
// "<Key>...LA&#x1b;"). Carriage return is written &#xd; because an XML
// parser turns a literal one into a line feed. A strict parser (Go's
// encoding/xml, so the Go SDK) refuses such a reference, exactly as it
// refuses S3's answer: encoding-type=url is the way to list those keys.
// A byte that is not UTF-8 is written as U+FFFD; keys are UTF-8 (a key
// that is not is refused as InvalidURI).
func writeText(w *writer, s string) {
	b := &w.buf
	last := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '"':
			esc = "&quot;"
		case r == utf8.RuneError && n == 1:
			esc = "\uFFFD"
		case r == '\t' || r == '\n':
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			esc = "&#x" + strconv.FormatInt(int64(r), 16) + ";"
		}
		if esc != "" {
			b.WriteString(s[last:i])
			b.WriteString(esc)
			last = i + n
		}
		i += n
	}
	b.WriteString(s[last:])
}

// URLEncodeKey is a key, prefix, delimiter or marker as S3 writes it under
// encoding-type=url: every byte but the unreserved characters
// (A-Z a-z 0-9 - . _ ~) and "/" as %XX over its UTF-8 bytes. A space is
// %20 and "+" is %2B: s3-tests' test_bucket_listv2_encoding_basic expects
// "quux%20ab/" and "asdf%2Bb" from S3, and "/" stays, so "foo%2B1/".
// SDKs that set encoding-type themselves (boto3) decode it again.
func URLEncodeKey(s string) string {
	const hex = "0123456789ABCDEF"
	n := 0
	for i := 0; i < len(s); i++ {
		if !urlSafe(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	out := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if urlSafe(c) {
			out = append(out, c)
			continue
		}
		out = append(out, '%', hex[c>>4], hex[c&15])
	}
	return string(out)
}

func urlSafe(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~' || c == '/'
}
