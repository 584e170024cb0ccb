package inventory

import (
	"strconv"
	"strings"
	"time"
)

// TimeLayout is how report times are written in CSV: UTC, seconds, and
// always ".000" milliseconds, as real reports show.
const TimeLayout = "2006-01-02T15:04:05.000Z"

// AppendCSVLine appends row as one CSV line of a report: every value in
// double quotes (empty ones too), the Key column URL-encoded, booleans in
// lower case, lines ending in "\n", no header.
func AppendCSVLine(dst []byte, cols []Column, row Row) []byte {
	for i, v := range row {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '"')
		if !v.Null {
			switch v.Kind {
			case KindBool:
				dst = strconv.AppendBool(dst, v.Bool)
			case KindInt:
				dst = strconv.AppendInt(dst, v.Int, 10)
			case KindTime:
				dst = v.Time.UTC().Truncate(time.Second).AppendFormat(dst, TimeLayout)
			default:
				s := v.Str
				if cols[i].Name == "Key" {
					s = EncodeKey(s)
				}
				dst = appendQuotedContent(dst, s)
			}
		}
		dst = append(dst, '"')
	}
	return append(dst, '\n')
}

// appendQuotedContent doubles embedded quotes (RFC 4180).
func appendQuotedContent(dst []byte, s string) []byte {
	if !strings.Contains(s, `"`) {
		return append(dst, s...)
	}
	return append(dst, strings.ReplaceAll(s, `"`, `""`)...)
}

// EncodeKey URL-encodes a key as CSV reports do: every byte except the RFC
// 3986 unreserved characters and "/" becomes %XX with upper-case hex, so a
// space is %20 and "+" is %2B.
func EncodeKey(key string) string {
	const hex = "0123456789ABCDEF"
	var b []byte
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~' || c == '/' {
			if b != nil {
				b = append(b, c)
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(key)+16), key[:i]...)
		}
		b = append(b, '%', hex[c>>4], hex[c&15])
	}
	if b == nil {
		return key
	}
	return string(b)
}

// DecodeKey reverses EncodeKey; it also accepts "+" for a space, as old
// reports used.
func DecodeKey(s string) (string, error) {
	if !strings.ContainsAny(s, "%+") {
		return s, nil
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b = append(b, ' ')
		case '%':
			if i+2 >= len(s) {
				return "", errBadEscape(s)
			}
			n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return "", errBadEscape(s)
			}
			b = append(b, byte(n))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b), nil
}

type errBadEscape string

func (e errBadEscape) Error() string {
	return "inventory: bad percent escape in key " + strconv.Quote(string(e))
}
