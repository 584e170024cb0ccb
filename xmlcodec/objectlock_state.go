package xmlcodec

// The per-object Object Lock documents: <Retention> of PutObjectRetention
// and GetObjectRetention, <LegalHold> of PutObjectLegalHold and
// GetObjectLegalHold.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectRetention.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectLegalHold.html

import "time"

// ObjectRetention is a <Retention> document. The zero value (an empty
// <Retention/>) removes a retention.
type ObjectRetention struct {
	Mode        string // GOVERNANCE or COMPLIANCE
	RetainUntil time.Time
}

var (
	retentionSchema = schema{{name: "Mode"}, {name: "RetainUntilDate"}}
	legalHoldSchema = schema{{name: "Status", required: true}}
)

// retainUntilLayout is how S3 writes RetainUntilDate: ISO 8601 with
// milliseconds, in UTC, as its other timestamps.
const retainUntilLayout = "2006-01-02T15:04:05.000Z"

// DecodeRetention reads a <Retention> strictly: a Mode of GOVERNANCE or
// COMPLIANCE and an ISO 8601 RetainUntilDate, both or neither. Anything
// else is a *MalformedError.
func DecodeRetention(data []byte) (ObjectRetention, error) {
	var r ObjectRetention
	top, err := cfgRoot(data, "Retention", retentionSchema)
	if err != nil {
		return r, err
	}
	if r.Mode, err = enumLeaf(top.get("Mode"), "GOVERNANCE", "COMPLIANCE"); err != nil {
		return r, err
	}
	until, err := cfgTime(top.get("RetainUntilDate"))
	if err != nil {
		return r, err
	}
	if (r.Mode == "") != (until == nil) {
		return r, malformed("Mode and RetainUntilDate go together")
	}
	if until != nil {
		r.RetainUntil = until.UTC()
	}
	return r, nil
}

// EncodeRetention returns GetObjectRetention's body.
func EncodeRetention(r ObjectRetention) []byte {
	var w writer
	cfgStart(&w, "Retention")
	w.leaf("Mode", r.Mode)
	w.leaf("RetainUntilDate", r.RetainUntil.UTC().Format(retainUntilLayout))
	w.close("Retention")
	return w.bytes()
}

// DecodeLegalHold reads a <LegalHold> strictly: a Status of ON or OFF (a
// *MalformedError otherwise).
func DecodeLegalHold(data []byte) (string, error) {
	top, err := cfgRoot(data, "LegalHold", legalHoldSchema)
	if err != nil {
		return "", err
	}
	return cfgRequiredEnum(top.get("Status"), "ON", "OFF")
}

// EncodeLegalHold returns GetObjectLegalHold's body.
func EncodeLegalHold(status string) []byte {
	var w writer
	cfgStart(&w, "LegalHold")
	w.leaf("Status", status)
	w.close("LegalHold")
	return w.bytes()
}
