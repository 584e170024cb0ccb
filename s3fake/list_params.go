package s3fake

// The query parameters the three listings share, read and checked the
// way S3 checks them (ListObjects, ListObjectsV2, ListObjectVersions).

import (
	"encoding/base64"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/s3fake/s3fake/xmlcodec"
)

// listPageMax is S3's largest listing page, and the default page size.
const listPageMax = 1000

// listArgError is InvalidArgument with its ArgumentName and
// ArgumentValue; an empty value is still sent, as S3 does
// (<ArgumentValue/>).
func listArgError(message, name, value string) *xmlcodec.ErrorBody {
	e := xmlcodec.NewError(xmlcodec.InvalidArgument, message)
	e.ArgumentName = name
	if value == "" {
		e.Extra = append(e.Extra, xmlcodec.ExtraField{Name: "ArgumentValue"})
	} else {
		e.ArgumentValue = value
	}
	return e
}

// listMaxKeys reads max-keys: absent or empty is 1000; a value that is
// not an integer within int32 is refused; a negative one is refused with
// negative's own message. The value is returned as sent (S3 echoes it in
// ListObjectVersions), the caller caps the page at listPageMax.
func listMaxKeys(q url.Values, negative string) (int, error) {
	raw := q.Get("max-keys")
	if raw == "" {
		return listPageMax, nil
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	switch {
	case err != nil || n > math.MaxInt32 || n < math.MinInt32:
		return 0, listArgError("Provided max-keys not an integer or within integer range", "max-keys", raw)
	case n < 0:
		// S3 names the argument but not its value here.
		e := xmlcodec.NewError(xmlcodec.InvalidArgument, negative)
		e.ArgumentName = "max-keys"
		return 0, e
	}
	return int(n), nil
}

// listURLEncoding reads encoding-type: "url" or absent; anything else,
// an empty value included, is refused.
func listURLEncoding(q url.Values) (bool, error) {
	vs, ok := q["encoding-type"]
	if !ok {
		return false, nil
	}
	if len(vs) == 0 || vs[0] != "url" {
		v := ""
		if len(vs) > 0 {
			v = vs[0]
		}
		return false, listArgError("Invalid Encoding Method specified in Request", "encoding-type", v)
	}
	return true, nil
}

// listCheckText refuses a key-like parameter that is not a sequence of
// Unicode characters without NUL, as S3 does for prefix and key-marker.
func listCheckText(q url.Values, names ...string) error {
	for _, name := range names {
		v := q.Get(name)
		if strings.IndexByte(v, 0) >= 0 || !utf8.ValidString(v) {
			return listArgError("Value must be a sequence of Unicode characters and cannot include Null.", name, v)
		}
	}
	return nil
}

// A continuation token is the key the next page starts after, behind a
// version byte, base64url without padding: opaque to clients, and safe
// to send back in a query string as is.
const listTokenVersion = 1

func listToken(after string) string {
	return base64.RawURLEncoding.EncodeToString(append([]byte{listTokenVersion}, after...))
}

// listTokenKey decodes a continuation token; a token s3fake did not
// issue, or an empty one, is S3's InvalidArgument.
func listTokenKey(token string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) < 2 || b[0] != listTokenVersion || !utf8.Valid(b[1:]) {
		return "", listArgError("The continuation token provided is incorrect", "continuation-token", token)
	}
	return string(b[1:]), nil
}
