package s3fake

import (
	"net/url"
	"reflect"
	"testing"
)

// parseRawQuery must return what r.URL.Query() does.
func FuzzParseQuery(f *testing.F) {
	for _, q := range []string{"", "inventory=&id=report1", "a=1&a=2&b", "x=%zz&y=1", "a;b=1&c=2", "&&=&+=%20",
		"list-type=2&prefix=a%2Fb&max-keys=1000", "k=v&k", "%=1"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		want, _ := url.ParseQuery(raw)
		got := parseRawQuery(raw)
		if len(want) == 0 && len(got) == 0 {
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("parseRawQuery(%q) = %v, want %v", raw, got, want)
		}
		// A caller's append must not reach another name's value.
		for k := range got {
			got[k] = append(got[k], "appended")
			for other, vs := range got {
				if other != k && !reflect.DeepEqual(vs[:len(want[other])], want[other]) {
					t.Fatalf("parseRawQuery(%q): appending to %q changed %q to %v", raw, k, other, vs)
				}
			}
			got[k] = got[k][:len(got[k])-1]
		}
	})
}
