package xmlcodec

// The <RequestPaymentConfiguration> document of PutBucketRequestPayment
// and GetBucketRequestPayment.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketRequestPayment.html

import "github.com/s3fake/s3fake/internal/bucketcfg"

var cfgRequestPaymentSchema = schema{{name: "Payer", required: true}}

// DecodeRequestPayment reads a <RequestPaymentConfiguration> strictly: a
// Payer of BucketOwner or Requester (a *MalformedError otherwise).
func DecodeRequestPayment(data []byte) (bucketcfg.RequestPayment, error) {
	var p bucketcfg.RequestPayment
	top, err := cfgRoot(data, "RequestPaymentConfiguration", cfgRequestPaymentSchema)
	if err != nil {
		return p, err
	}
	p.Payer, err = cfgRequiredEnum(top.get("Payer"), bucketcfg.PayerBucketOwner, bucketcfg.PayerRequester)
	return p, err
}

// EncodeRequestPayment returns GetBucketRequestPayment's body.
func EncodeRequestPayment(p bucketcfg.RequestPayment) []byte {
	var w writer
	cfgStart(&w, "RequestPaymentConfiguration")
	w.leaf("Payer", p.Payer)
	w.close("RequestPaymentConfiguration")
	return w.bytes()
}
