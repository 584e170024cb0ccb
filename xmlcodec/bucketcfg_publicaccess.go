package xmlcodec

// The <PublicAccessBlockConfiguration> document of PutPublicAccessBlock
// and GetPublicAccessBlock.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html

import "github.com/s3fake/s3fake/internal/bucketcfg"

var cfgPublicAccessSchema = schema{
	{name: "BlockPublicAcls"}, {name: "IgnorePublicAcls"}, {name: "BlockPublicPolicy"}, {name: "RestrictPublicBuckets"},
}

// DecodePublicAccessBlock reads a <PublicAccessBlockConfiguration>
// strictly (booleans only; a *MalformedError otherwise). A setting the
// document does not name is false; named is how many it names.
func DecodePublicAccessBlock(data []byte) (p bucketcfg.PublicAccessBlock, named int, err error) {
	top, err := cfgRoot(data, "PublicAccessBlockConfiguration", cfgPublicAccessSchema)
	if err != nil {
		return p, 0, err
	}
	for _, f := range []struct {
		name string
		dst  *bool
	}{
		{"BlockPublicAcls", &p.BlockPublicAcls}, {"IgnorePublicAcls", &p.IgnorePublicAcls},
		{"BlockPublicPolicy", &p.BlockPublicPolicy}, {"RestrictPublicBuckets", &p.RestrictPublicBuckets},
	} {
		v, err := cfgBool(top.get(f.name))
		if err != nil {
			return p, 0, err
		}
		if v != nil {
			*f.dst = *v
			named++
		}
	}
	return p, named, nil
}

// EncodePublicAccessBlock returns GetPublicAccessBlock's body: the four
// settings, always.
func EncodePublicAccessBlock(p bucketcfg.PublicAccessBlock) []byte {
	var w writer
	cfgStart(&w, "PublicAccessBlockConfiguration")
	w.leaf("BlockPublicAcls", boolText(p.BlockPublicAcls))
	w.leaf("IgnorePublicAcls", boolText(p.IgnorePublicAcls))
	w.leaf("BlockPublicPolicy", boolText(p.BlockPublicPolicy))
	w.leaf("RestrictPublicBuckets", boolText(p.RestrictPublicBuckets))
	w.close("PublicAccessBlockConfiguration")
	return w.bytes()
}
