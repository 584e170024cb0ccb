package xmlcodec_test

import (
	"errors"
	"testing"

	"github.com/s3fake/s3fake/xmlcodec"
)

// FuzzDecodeDelete: any body decodes to 1 to 1,000 objects with keys, or
// is a *MalformedError.
func FuzzDecodeDelete(f *testing.F) {
	f.Add([]byte(`<Delete><Object><Key>k</Key><VersionId>v</VersionId></Object><Quiet>true</Quiet></Delete>`))
	f.Add([]byte(`<?xml version="1.0"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a&amp;b</Key><ETag>"x"</ETag></Object></Delete>`))
	f.Add([]byte(`<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := xmlcodec.DecodeDelete(data)
		if err != nil {
			var m *xmlcodec.MalformedError
			if !errors.As(err, &m) {
				t.Fatalf("error %v is not malformed", err)
			}
		} else if n := len(req.Objects); n == 0 || n > xmlcodec.MaxDeleteObjects {
			t.Fatalf("%d objects accepted", n)
		} else {
			for _, o := range req.Objects {
				if o.Key == "" {
					t.Fatal("empty key accepted")
				}
			}
			_ = xmlcodec.EncodeDeleteResult([]xmlcodec.DeleteResultEntry{{Key: req.Objects[0].Key}}, req.Quiet)
		}
		if _, err := xmlcodec.DecodePostTagging(data); err != nil {
			var m *xmlcodec.MalformedError
			if !errors.As(err, &m) {
				t.Fatalf("tagging error %v is not malformed", err)
			}
		}
	})
}
