package s3fake

import (
	"net/url"
	"strings"
)

// maxFastQueryParams is the most parameters parseRawQuery parses itself;
// longer queries go to url.ParseQuery, with its own limits.
const maxFastQueryParams = 32

// parseRawQuery returns what r.URL.Query() returns for rawQuery (the pairs
// url.ParseQuery accepts; a pair with a bad escape or a semicolon is
// dropped) in fewer allocations: the map is sized once and the values of
// distinct names share one backing array. Each value slice is capped at its
// length, so an append by a caller copies instead of overwriting the next
// name's value. An empty query is a nil map.
func parseRawQuery(rawQuery string) url.Values {
	n := strings.Count(rawQuery, "&") + 1
	if n > maxFastQueryParams {
		v, _ := url.ParseQuery(rawQuery)
		return v
	}
	if rawQuery == "" {
		return nil // reads as empty; handlers never write the query
	}
	m := make(url.Values, n)
	values := make([]string, 0, n)
	for rawQuery != "" {
		var pair string
		pair, rawQuery, _ = strings.Cut(rawQuery, "&")
		if pair == "" || strings.Contains(pair, ";") {
			continue
		}
		key, value, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(key)
		if err != nil {
			continue
		}
		if value, err = url.QueryUnescape(value); err != nil {
			continue
		}
		if vs, ok := m[key]; ok {
			m[key] = append(vs, value)
			continue
		}
		values = append(values, value)
		m[key] = values[len(values)-1 : len(values) : len(values)]
	}
	return m
}
