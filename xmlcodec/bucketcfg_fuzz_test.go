package xmlcodec_test

import (
	"sort"
	"testing"
)

// FuzzBucketConfigurationDocuments: the first byte picks a configuration
// codec, the rest is the body. Any body is refused or decodes to a model
// whose canonical encoding decodes and encodes to the same bytes; nothing
// panics.
func FuzzBucketConfigurationDocuments(f *testing.F) {
	names := make([]string, 0, len(cfgCodecs))
	for n := range cfgCodecs {
		names = append(names, n)
	}
	sort.Strings(names)
	for req, doc := range cfgRequests {
		for i, n := range names {
			if len(req) > len(n) && req[:len(n)+1] == n+"/" {
				f.Add(append([]byte{byte(i)}, withNamespace(doc, cfgCodecs[n].root)...))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		codec := cfgCodecs[names[int(data[0])%len(names)]]
		out, err := codec.roundTrip(data[1:])
		if err != nil {
			return
		}
		again, err := codec.roundTrip(out)
		if err != nil {
			t.Fatalf("canonical encoding does not decode: %v\n%s", err, out)
		}
		if string(again) != string(out) {
			t.Fatalf("round trip changed the document:\n%s\n%s", out, again)
		}
	})
}
