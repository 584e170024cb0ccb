package xmlcodec

// The <AccelerateConfiguration> document of
// PutBucketAccelerateConfiguration and GetBucketAccelerateConfiguration.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAccelerateConfiguration.html

import "github.com/s3fake/s3fake/internal/bucketcfg"

var cfgAccelerateSchema = schema{{name: "Status", required: true}}

// DecodeAccelerate reads an <AccelerateConfiguration> strictly: a Status
// of Enabled or Suspended, nothing else (a *MalformedError otherwise).
func DecodeAccelerate(data []byte) (bucketcfg.Accelerate, error) {
	var a bucketcfg.Accelerate
	top, err := cfgRoot(data, "AccelerateConfiguration", cfgAccelerateSchema)
	if err != nil {
		return a, err
	}
	a.Status, err = cfgRequiredEnum(top.get("Status"), bucketcfg.StatusEnabled, bucketcfg.AccelerateSuspended)
	return a, err
}

// EncodeAccelerate returns GetBucketAccelerateConfiguration's body: an
// empty AccelerateConfiguration for a bucket that never set one, as S3
// answers.
func EncodeAccelerate(a bucketcfg.Accelerate) []byte {
	if a.Status == "" {
		return cfgEmpty("AccelerateConfiguration")
	}
	var w writer
	cfgStart(&w, "AccelerateConfiguration")
	w.leaf("Status", a.Status)
	w.close("AccelerateConfiguration")
	return w.bytes()
}
