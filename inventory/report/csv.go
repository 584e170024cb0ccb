package report

import (
	"io"
	"strconv"
	"strings"
	"time"

	kgzip "github.com/klauspost/compress/gzip"

	"github.com/s3fake/s3fake/inventory"
)

// newGzipWriter returns the compressor of CSV reports at level (a
// compress/gzip level): klauspost/compress's gzip, which parquet-go already
// brings in. It writes standard gzip (RFC 1952; gunzip, Go's compress/gzip
// and DuckDB read it) about twice as fast as compress/gzip at the same
// level, and the same input always gives the same bytes.
func newGzipWriter(w io.Writer, level int) *kgzip.Writer {
	zw, err := kgzip.NewWriterLevel(w, level)
	if err != nil { // a level out of range: the default one
		return kgzip.NewWriter(w)
	}
	return zw
}

// TimeLayout is how report times are written in CSV: UTC, seconds, and
// always ".000" milliseconds, as real reports show.
const TimeLayout = "2006-01-02T15:04:05.000Z"

// appendCSVLine appends row as one CSV line of a report: every value in
// double quotes (empty ones too), the Key column URL-encoded, booleans in
// lower case, lines ending in "\n", no header.
func appendCSVLine(dst []byte, cols []inventory.Column, row Row) []byte {
	for i, v := range row {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '"')
		if !v.Null {
			switch v.Kind {
			case inventory.KindBool:
				dst = strconv.AppendBool(dst, v.Bool)
			case inventory.KindInt:
				dst = strconv.AppendInt(dst, v.Int, 10)
			case inventory.KindTime:
				dst = appendTime(dst, v.Time)
			default:
				s := v.Str
				if cols[i].Name == "Key" {
					s = encodeKey(s)
				}
				dst = appendQuotedContent(dst, s)
			}
		}
		dst = append(dst, '"')
	}
	return append(dst, '\n')
}

// appendCSVRecord appends v's row straight to dst as appendCSVLine would
// write MakeRow(cols, bucket, v), without building the row: the hot path
// of large reports.
func appendCSVRecord(dst []byte, cols []inventory.Column, bucket string, v inventory.ObjectVersion) []byte {
	for i, c := range cols {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '"')
		switch c.Name {
		case "Bucket":
			dst = appendQuotedContent(dst, bucket)
		case "Key":
			dst = appendEncodedKey(dst, v.Key)
		case "VersionId":
			dst = appendQuotedContent(dst, v.VersionID)
		case "IsLatest":
			dst = strconv.AppendBool(dst, v.IsLatest)
		case "IsDeleteMarker":
			dst = strconv.AppendBool(dst, v.IsDeleteMarker)
		case "LastModifiedDate":
			dst = appendTime(dst, v.LastModified)
		default:
			if !v.IsDeleteMarker {
				dst = appendOptionalCell(dst, c, v)
			}
		}
		dst = append(dst, '"')
	}
	return append(dst, '\n')
}

// appendOptionalCell writes the content of an optional column of a
// version that is not a delete marker.
func appendOptionalCell(dst []byte, c inventory.Column, v inventory.ObjectVersion) []byte {
	switch c.Name {
	case "Size":
		return strconv.AppendInt(dst, v.Size, 10)
	case "IsMultipartUploaded":
		return strconv.AppendBool(dst, v.IsMultipartUploaded)
	case "ObjectLockRetainUntilDate":
		return appendTime(dst, v.LockRetainUntil)
	case "LifecycleExpirationDate":
		return appendTime(dst, v.LifecycleExpiration)
	case "IntelligentTieringReferenceDate":
		return appendTime(dst, v.IntelligentTieringReferenceDate)
	}
	return appendQuotedContent(dst, cell(c, "", v).Str)
}

// appendTime writes t as TimeLayout, or nothing for the zero time; it is
// the hand-written equivalent of t.UTC().Truncate(time.Second).AppendFormat.
func appendTime(dst []byte, t time.Time) []byte {
	if t.IsZero() {
		return dst
	}
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	dst = appendInt(dst, y, 4)
	dst = append(dst, '-')
	dst = appendInt(dst, int(mo), 2)
	dst = append(dst, '-')
	dst = appendInt(dst, d, 2)
	dst = append(dst, 'T')
	dst = appendInt(dst, h, 2)
	dst = append(dst, ':')
	dst = appendInt(dst, mi, 2)
	dst = append(dst, ':')
	dst = appendInt(dst, sec, 2)
	return append(dst, ".000Z"...)
}

// appendInt writes n zero-padded to width digits.
func appendInt(dst []byte, n, width int) []byte {
	var buf [8]byte
	i := len(buf)
	for ; n > 0 || width > 0; n, width = n/10, width-1 {
		i--
		buf[i] = byte('0' + n%10)
	}
	return append(dst, buf[i:]...)
}

// appendQuotedContent doubles embedded quotes (RFC 4180).
func appendQuotedContent(dst []byte, s string) []byte {
	if !strings.Contains(s, `"`) {
		return append(dst, s...)
	}
	return append(dst, strings.ReplaceAll(s, `"`, `""`)...)
}

// encodeKey URL-encodes a key as CSV reports do: every byte except the RFC
// 3986 unreserved characters and "/" becomes %XX with upper-case hex, so a
// space is %20 and "+" is %2B.
func encodeKey(key string) string {
	return string(appendEncodedKey(make([]byte, 0, len(key)+16), key))
}

// appendEncodedKey appends encodeKey(key) to dst.
func appendEncodedKey(dst []byte, key string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~' || c == '/' {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', hex[c>>4], hex[c&15])
	}
	return dst
}

// DecodeKey decodes a Key cell of a CSV report: CSV reports URL-encode
// every byte of a key except the RFC 3986 unreserved characters and "/"
// (%XX, upper-case hex: a space is %20, "+" is %2B). It also accepts "+"
// for a space, as old reports used. ReadCSV and ReadReport decode keys
// already; Parquet and ORC keys are not encoded.
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
