package access

// Checking a browser-form POST against its policy: expiration, every
// condition, and the rule that each form field is covered by a condition.
// S3 answers a failure with 403 AccessDenied "Invalid according to Policy:
// ..." and a file outside content-length-range with 400 EntityTooSmall or
// EntityTooLarge (LocalStack's recordings of S3, validated against AWS).

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// PostField is one field of a form, in form order, its value with
// ${filename} already expanded (S3 expands variables before it checks).
type PostField struct {
	Name  string // as sent
	Value string
}

// CheckFields checks the policy's expiration against now, then each
// condition (bucket is the bucket the form was posted to), then that every
// field but the exempt ones is covered by a condition. sigV2 selects
// SigV2's exempt fields (AWSAccessKeyId and signature instead of
// x-amz-signature). content-length-range is checked by CheckSize.
func (p *PostPolicy) CheckFields(now time.Time, bucket string, fields []PostField, sigV2 bool) error {
	if now.After(p.Expiration) {
		return policyDenied("Policy expired.")
	}
	value := func(name string) (string, bool) {
		if name == "bucket" {
			return bucket, true // the bucket the form was posted to, whatever a field says
		}
		var values []string
		for _, f := range fields {
			if strings.EqualFold(f.Name, name) {
				values = append(values, f.Value)
			}
		}
		// Repeated fields are compared as one comma-separated value.
		return strings.Join(values, ","), values != nil
	}
	covered := map[string]bool{}
	for _, c := range p.Conditions {
		covered[c.Field] = true
		if !c.holds(value) {
			return policyDenied("Policy Condition failed: " + c.Text)
		}
	}
	for _, f := range fields {
		name := strings.ToLower(f.Name)
		if !covered[name] && !exemptPostField(name, sigV2) {
			return policyDenied("Extra input fields: " + f.Name)
		}
	}
	return nil
}

// holds reports whether a condition holds for the form's values. A field
// the form lacks fails every condition on it, starts-with "" included, as
// S3 answered a form without the Content-Type its policy named.
func (c PostCondition) holds(value func(string) (string, bool)) bool {
	if c.Op == PostContentLengthRange {
		return c.Valid // the size itself is CheckSize's
	}
	if c.Field == "" {
		return false
	}
	v, ok := value(c.Field)
	if !ok {
		return false
	}
	if c.Op == PostEq {
		return v == c.Value
	}
	if c.Field == "content-type" {
		// A Content-Type list passes when each entry starts with the value.
		for _, t := range strings.Split(v, ",") {
			if !strings.HasPrefix(strings.TrimSpace(t), c.Value) {
				return false
			}
		}
		return true
	}
	return strings.HasPrefix(v, c.Value)
}

// exemptPostField reports whether a field needs no condition.
func exemptPostField(name string, sigV2 bool) bool {
	switch {
	case name == "file", name == "policy", strings.HasPrefix(name, "x-ignore-"):
		return true
	case sigV2:
		return name == "awsaccesskeyid" || name == "signature"
	}
	return name == "x-amz-signature"
}

// CheckSize checks the file's size against every content-length-range
// (bounds inclusive).
func (p *PostPolicy) CheckSize(n int64) error {
	size := strconv.FormatInt(n, 10)
	for _, c := range p.Conditions {
		if c.Op != PostContentLengthRange {
			continue
		}
		switch {
		case n > c.Max:
			return newError("EntityTooLarge", http.StatusBadRequest, "Your proposed upload exceeds the maximum allowed size",
				Field{"ProposedSize", size}, Field{"MaxSizeAllowed", strconv.FormatInt(c.Max, 10)})
		case n < c.Min:
			return newError("EntityTooSmall", http.StatusBadRequest, "Your proposed upload is smaller than the minimum allowed size",
				Field{"ProposedSize", size}, Field{"MinSizeAllowed", strconv.FormatInt(c.Min, 10)})
		}
	}
	return nil
}

func policyDenied(detail string) *Error {
	return accessDenied("Invalid according to Policy: " + detail)
}
