package xmlcodec

// The <CORSConfiguration> document of PutBucketCors and GetBucketCors.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html

import "github.com/s3fake/s3fake/internal/bucketcfg"

var (
	cfgCORSSchema     = schema{{name: "CORSRule", required: true, repeated: true}}
	cfgCORSRuleSchema = schema{
		{name: "ID"},
		{name: "AllowedHeader", repeated: true},
		{name: "AllowedMethod", repeated: true},
		{name: "AllowedOrigin", repeated: true},
		{name: "ExposeHeader", repeated: true},
		{name: "MaxAgeSeconds"},
	}
)

// DecodeCORS reads a <CORSConfiguration> strictly; an unknown or repeated
// element, a MaxAgeSeconds that is not an integer or a document that is
// not well-formed is a *MalformedError. The rules are bucketcfg's.
func DecodeCORS(data []byte) (bucketcfg.CORS, error) {
	var c bucketcfg.CORS
	top, err := cfgRoot(data, "CORSConfiguration", cfgCORSSchema)
	if err != nil {
		return c, err
	}
	for _, n := range top.get("CORSRule") {
		k, err := n.childrenBy(cfgCORSRuleSchema)
		if err != nil {
			return c, err
		}
		var r bucketcfg.CORSRule
		if r.ID, err = cfgText(k.get("ID")); err != nil {
			return c, err
		}
		for _, f := range []struct {
			name string
			dst  *[]string
		}{
			{"AllowedHeader", &r.AllowedHeaders}, {"AllowedMethod", &r.AllowedMethods},
			{"AllowedOrigin", &r.AllowedOrigins}, {"ExposeHeader", &r.ExposeHeaders},
		} {
			if *f.dst, err = cfgTexts(k.get(f.name)); err != nil {
				return c, err
			}
		}
		if r.MaxAgeSeconds, err = cfgInt32(k.get("MaxAgeSeconds")); err != nil {
			return c, err
		}
		c.Rules = append(c.Rules, r)
	}
	return c, nil
}

// EncodeCORS returns GetBucketCors's body.
func EncodeCORS(c bucketcfg.CORS) []byte {
	var w writer
	cfgStart(&w, "CORSConfiguration")
	for _, r := range c.Rules {
		w.open("CORSRule", "")
		w.cfgNonEmpty("ID", r.ID)
		for _, f := range []struct {
			name   string
			values []string
		}{
			{"AllowedHeader", r.AllowedHeaders}, {"AllowedMethod", r.AllowedMethods},
			{"AllowedOrigin", r.AllowedOrigins}, {"ExposeHeader", r.ExposeHeaders},
		} {
			for _, v := range f.values {
				w.leaf(f.name, v)
			}
		}
		w.cfgInt32Leaf("MaxAgeSeconds", r.MaxAgeSeconds)
		w.close("CORSRule")
	}
	w.close("CORSConfiguration")
	return w.bytes()
}
