package access

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

// awsPostPolicy is the POST policy of AWS's "Example: Browser-Based Upload
// using HTTP POST (Using AWS Signature Version 4)", CRLF line ends and
// all, and awsPostSignature its signature under the documentation key.
const (
	awsPostPolicy    = "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9"
	awsPostSignature = "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e"
	awsPostCred      = exampleAKID + "/20151229/us-east-1/s3/aws4_request"
)

// awsPostForm is the example's form, in its order.
func awsPostForm() []PostField {
	return []PostField{
		{"key", "user/user1/photo.jpg"}, {"acl", "public-read"},
		{"success_action_redirect", "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"},
		{"Content-Type", "image/jpeg"}, {"x-amz-meta-uuid", "14365123651274"},
		{"x-amz-server-side-encryption", "AES256"}, {"X-Amz-Credential", awsPostCred},
		{"X-Amz-Algorithm", "AWS4-HMAC-SHA256"}, {"X-Amz-Date", "20151229T000000Z"},
		{"x-amz-meta-tag", ""}, {"Policy", awsPostPolicy}, {"X-Amz-Signature", awsPostSignature},
	}
}

// lookup makes PostFields from a form, names matched case-insensitively.
func postLookup(form []PostField) PostFields {
	return func(name string) (string, bool) {
		for _, f := range form {
			if strings.EqualFold(f.Name, name) {
				return f.Value, true
			}
		}
		return "", false
	}
}

func postWithout(form []PostField, name string) []PostField {
	var out []PostField
	for _, f := range form {
		if !strings.EqualFold(f.Name, name) {
			out = append(out, f)
		}
	}
	return out
}

func postWith(form []PostField, name, value string) []PostField {
	return append(postWithout(form, name), PostField{name, value})
}

func TestVerifyPostAWSExample(t *testing.T) {
	v := NewVerifier(exampleRegistry(t), "us-east-1", time.Now)
	a, err := v.VerifyPost(postLookup(awsPostForm()))
	if err != nil {
		t.Fatal(err)
	}
	if a.Method != MethodPostPolicy || a.Identity.AccountID != "111122223333" {
		t.Fatalf("auth %+v", a)
	}
	p, err := ParsePostPolicy(awsPostPolicy)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Expiration.Equal(time.Date(2015, 12, 30, 12, 0, 0, 0, time.UTC)) || len(p.Conditions) != 11 {
		t.Fatalf("policy %+v", p)
	}
	day := time.Date(2015, 12, 29, 0, 0, 0, 0, time.UTC)
	if err := p.CheckFields(day, "sigv4examplebucket", awsPostForm(), false); err != nil {
		t.Fatal(err)
	}
}

// botocore's generate_presigned_post with a fixed clock, the example key
// and us-east-1 (recomputed offline by the same research note).
func TestVerifyPostBotocoreVector(t *testing.T) {
	const policy = "eyJleHBpcmF0aW9uIjogIjIwMTUtMTItMjlUMDE6MDA6MDBaIiwgImNvbmRpdGlvbnMiOiBbeyJidWNrZXQiOiAic2lndjRleGFtcGxlYnVja2V0In0sIHsia2V5IjogInVzZXIvdXNlcjEvcGhvdG8uanBnIn0sIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwgeyJ4LWFtei1jcmVkZW50aWFsIjogIkFLSUFJT1NGT0ROTjdFWEFNUExFLzIwMTUxMjI5L3VzLWVhc3QtMS9zMy9hd3M0X3JlcXVlc3QifSwgeyJ4LWFtei1kYXRlIjogIjIwMTUxMjI5VDAwMDAwMFoifV19"
	form := []PostField{{"key", "user/user1/photo.jpg"}, {"x-amz-algorithm", "AWS4-HMAC-SHA256"},
		{"x-amz-credential", awsPostCred}, {"x-amz-date", "20151229T000000Z"}, {"policy", policy},
		{"x-amz-signature", "3364624b39010d9b06f5d9b8c9a18a6e478d261c048159c92f2fd6fa885f14e6"}}
	v := NewVerifier(exampleRegistry(t), "us-east-1", time.Now)
	if _, err := v.VerifyPost(postLookup(form)); err != nil {
		t.Fatal(err)
	}
	p, err := ParsePostPolicy(policy)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.CheckFields(time.Date(2015, 12, 29, 0, 59, 59, 0, time.UTC), "sigv4examplebucket", form, false); err != nil {
		t.Fatal(err)
	}
	err = p.CheckFields(time.Date(2015, 12, 29, 1, 0, 1, 0, time.UTC), "sigv4examplebucket", form, false)
	wantError(t, err, CodeAccessDenied, 403, "Invalid according to Policy: Policy expired.")
}

func TestVerifyPostFaults(t *testing.T) {
	missing := func(name string) string {
		return "Bucket POST must contain a field named '" + name + "'.  If it is specified, please check the order of the fields."
	}
	v2Policy := base64.StdEncoding.EncodeToString([]byte(`{"expiration": "2030-01-01T00:00:00Z", "conditions": []}`))
	v2Form := []PostField{{"key", "k"}, {"AWSAccessKeyId", exampleAKID}, {"policy", v2Policy}, {"signature", SignV2(exampleSecret, v2Policy)}}
	tests := []struct {
		name    string
		form    []PostField
		strict  bool
		code    string
		status  int
		message string
		fields  map[string]string
	}{
		{name: "anonymous: no signature field", form: []PostField{{"key", "k"}, {"policy", awsPostPolicy}}},
		{name: "no signature", form: postWithout(awsPostForm(), "x-amz-signature"), code: CodeInvalidArgument, status: 400,
			message: missing("X-Amz-Signature"), fields: map[string]string{"ArgumentName": "X-Amz-Signature"}},
		{name: "no algorithm nor credential", form: postWithout(postWithout(awsPostForm(), "x-amz-algorithm"), "x-amz-credential"),
			code: CodeInvalidArgument, status: 400, message: missing("X-Amz-Algorithm")},
		{name: "no policy", form: postWithout(awsPostForm(), "policy"), code: CodeInvalidArgument, status: 400, message: missing("Policy")},
		{name: "other region", form: postWith(awsPostForm(), "x-amz-credential", exampleAKID+"/20151229/eu-west-1/s3/aws4_request"),
			code: CodeInvalidArgument, status: 400, message: "the region 'eu-west-1' is wrong; expecting 'us-east-1'",
			fields: map[string]string{"ArgumentName": "X-Amz-Credential", "Region": "us-east-1"}},
		{name: "date not ISO 8601", form: postWith(awsPostForm(), "x-amz-date", "2015-12-29"), code: CodeInvalidArgument, status: 400,
			message: "X-Amz-Date must be formated via ISO8601 Long format", fields: map[string]string{"ArgumentValue": "2015-12-29"}},
		{name: "unknown key", form: postWith(awsPostForm(), "x-amz-credential", "nobody/20151229/us-east-1/s3/aws4_request"),
			code: CodeInvalidAccessKeyID, status: 403, message: msgInvalidAccessKeyID, fields: map[string]string{"AWSAccessKeyId": "nobody"}},
		{name: "truncated policy", form: postWith(awsPostForm(), "policy", awsPostPolicy[:len(awsPostPolicy)-2]),
			code: CodeSignatureDoesNotMatch, status: 403, message: msgSignatureMismatch,
			fields: map[string]string{"StringToSign": awsPostPolicy[:len(awsPostPolicy)-2], "SignatureProvided": awsPostSignature}},
		{name: "SigV2", form: v2Form},
		{name: "SigV2 refused", form: v2Form, strict: true, code: CodeInvalidRequest, status: 400, message: msgUnsupportedSigV},
		{name: "SigV2 without access key", form: postWithout(v2Form, "AWSAccessKeyId"), code: CodeInvalidArgument, status: 400, message: missing("AWSAccessKeyId")},
		{name: "SigV2 without signature", form: postWithout(v2Form, "signature"), code: CodeInvalidArgument, status: 400, message: missing("Signature")},
		{name: "SigV2 wrong signature", form: postWith(v2Form, "signature", SignV2("other", v2Policy)), code: CodeSignatureDoesNotMatch, status: 403,
			fields: map[string]string{"StringToSign": v2Policy, "AWSAccessKeyId": exampleAKID}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := NewVerifier(exampleRegistry(t), "us-east-1", time.Now)
			v.AcceptSigV2(!tc.strict)
			a, err := v.VerifyPost(postLookup(tc.form))
			if tc.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				if tc.name == "SigV2" && (a.Method != MethodPostPolicy || a.Identity.AccessKeyID != exampleAKID) {
					t.Fatalf("auth %+v", a)
				}
				if strings.HasPrefix(tc.name, "anonymous") && !a.Anonymous() {
					t.Fatalf("auth %+v", a)
				}
				return
			}
			e := wantError(t, err, tc.code, tc.status, tc.message)
			for name, want := range tc.fields {
				if got := e.Field(name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}

func TestParsePostPolicyFaults(t *testing.T) {
	tests := []struct{ doc, message string }{
		{`not json`, "Invalid Policy: Invalid JSON."},
		{`{"expiration": "2030-01-01T00:00:00Z", "conditions": []} x`, "Invalid Policy: Invalid JSON."},
		{`{"Version": "2012-10-17", "Statement": []}`, "Invalid Policy: Unexpected: 'version'"},
		{`{"EXPIRATION": "2030-01-01T00:00:00Z", "conditions": []}`, "Invalid Policy: Unexpected: 'expiration'"},
		{`{"conditions": []}`, "Invalid Policy: Policy missing expiration."},
		{`{"expiration": "2030-01-01T00:00:00Z"}`, "Invalid Policy: Policy missing conditions."},
		{`{"expiration": "2030-01-01T00:00:00+02:00", "conditions": []}`, "Invalid Policy: Invalid 'expiration' value: '2030-01-01T00:00:00+02:00'"},
		{`{"expiration": "2030-01-01 00:00:00 UTC", "conditions": []}`, "Invalid Policy: Invalid 'expiration' value: '2030-01-01 00:00:00 UTC'"},
		{`{"expiration": "2030-01-01T00:00:00Z", "conditions": {}}`, "Invalid Policy: Invalid 'conditions' value: must be a List."},
		{`{"expiration": "2030-01-01T00:00:00Z", "conditions": [{}]}`, "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified."},
		{`{"expiration": "2030-01-01T00:00:00Z", "conditions": [{"bucket": "b", "key": "k"}]}`, "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified."},
		{`{"expiration": "2030-01-01T00:00:00Z", "conditions": [{"Content-Length": 6199034}]}`, "Invalid Policy: Invalid Simple-Condition: value must be a string."},
		{`{"expiration": "2030-01-01T00:00:00Z", "conditions": [{"success_action_redirect": null}]}`, "Invalid Policy: Invalid JSON."},
		{`{"expiration": "2030-01-01T00:00:00Z", "conditions": [[]]}`, "Invalid Policy: Invalid Condition: missing operation identifier."},
		{`{"expiration": "2030-01-01T00:00:00Z", "conditions": [["in", "$key", "a"]]}`, "Invalid Policy: Invalid Condition: unknown operation 'in'."},
		{`{"expiration": "2030-01-01T00:00:00Z", "conditions": [["content-length-range", 0]]}`, "Invalid Policy: Invalid content-length-range: wrong number of arguments."},
		{`{"expiration": "2030-01-01T00:00:00Z", "conditions": [["content-length-range", 0, 512.0]]}`, "Invalid Policy: Invalid JSON."},
		{`{"expiration": "2030-01-01T00:00:00Z", "conditions": [["eq", "$key", 1]]}`, "Invalid Policy: Invalid JSON."},
		{`{"expiration": "2030-01-01T00:00:00Z", "conditions": ["key"]}`, "Invalid Policy: Invalid condition test: must be a List or Object."},
	}
	for _, tc := range tests {
		_, err := ParsePostPolicy(base64.StdEncoding.EncodeToString([]byte(tc.doc)))
		wantError(t, err, CodeInvalidPolicyDocument, 400, tc.message)
	}
	_, err := ParsePostPolicy("not base64!")
	wantError(t, err, CodeInvalidPolicyDocument, 400, "")
}

func TestPostPolicyConditions(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	policy := func(conditions string) *PostPolicy {
		t.Helper()
		p, err := ParsePostPolicy(base64.StdEncoding.EncodeToString([]byte(
			`{"expiration": "2026-01-02T00:00:00.000Z", "conditions": [` + conditions + `]}`)))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	base := `{"bucket": "b"}, ["starts-with", "$key", "user/"]`
	form := func(extra ...PostField) []PostField {
		return append([]PostField{{"key", "user/a.txt"}}, extra...)
	}
	tests := []struct {
		name, conditions string
		bucket           string
		form             []PostField
		message          string // "" passes
	}{
		{name: "passes", conditions: base, form: form()},
		{name: "condition names and operators are case-insensitive", conditions: `{"bUcKeT": "b"}, ["StArTs-WiTh", "$KeY", "user/"]`,
			form: []PostField{{"kEy", "user/x"}}},
		{name: "other bucket", conditions: base, bucket: "other", form: form(),
			message: `Policy Condition failed: ["eq", "$bucket", "b"]`},
		{name: "wrong prefix", conditions: base, form: []PostField{{"key", "other/a.txt"}},
			message: `Policy Condition failed: ["starts-with", "$key", "user/"]`},
		{name: "values are case-sensitive", conditions: base + `, {"success_action_redirect": "http://x/"}`,
			form: form(PostField{"success_action_redirect", "HTTP://x/"}), message: `Policy Condition failed: ["eq", "$success_action_redirect", "http://x/"]`},
		{name: "quotes escaped", conditions: base + `, ["eq", "$Content-Disposition", "filename=\"a\""]`,
			form: form(PostField{"Content-Disposition", "x"}), message: `Policy Condition failed: ["eq", "$Content-Disposition", "filename=\"a\""]`},
		{name: "a field without $ never matches", conditions: base + `, ["eq", "acl", "private"]`, form: form(PostField{"acl", "private"}),
			message: `Policy Condition failed: ["eq", "acl", "private"]`},
		{name: "an absent field fails even starts-with empty", conditions: base + `, ["starts-with", "$Content-Type", ""]`, form: form(),
			message: `Policy Condition failed: ["starts-with", "$Content-Type", ""]`},
		{name: "content-type list", conditions: base + `, ["starts-with", "$Content-Type", "image/"]`,
			form: form(PostField{"Content-Type", "image/jpg, image/png"})},
		{name: "content-type list with a stranger", conditions: base + `, ["starts-with", "$Content-Type", "image/"]`,
			form: form(PostField{"Content-Type", "image/jpg,text/plain"}), message: `Policy Condition failed: ["starts-with", "$Content-Type", "image/"]`},
		{name: "extra field", conditions: base, form: form(PostField{"StorageClass", "x"}), message: "Extra input fields: StorageClass"},
		{name: "exempt fields", conditions: base,
			form: form(PostField{"x-ignore-foo", "1"}, PostField{"X-Amz-Signature", "s"}, PostField{"Policy", "p"}, PostField{"file", ""})},
		{name: "range bounds as strings", conditions: base + `, ["content-length-range", "5", "10"]`, form: form()},
		{name: "range bound not a number", conditions: base + `, ["content-length-range", "test", "10"]`, form: form(),
			message: `Policy Condition failed: ["content-length-range", "test", "10"]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bucket := tc.bucket
			if bucket == "" {
				bucket = "b"
			}
			err := policy(tc.conditions).CheckFields(now, bucket, tc.form, false)
			if tc.message == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantError(t, err, CodeAccessDenied, 403, "Invalid according to Policy: "+tc.message)
		})
	}

	sized := policy(`["content-length-range", 5, 10]`)
	for _, n := range []int64{5, 10} {
		if err := sized.CheckSize(n); err != nil {
			t.Fatalf("%d bytes: %v", n, err)
		}
	}
	e := wantError(t, sized.CheckSize(12), "EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size")
	if e.Field("ProposedSize") != "12" || e.Field("MaxSizeAllowed") != "10" {
		t.Fatalf("fields %v", e.Fields)
	}
	e = wantError(t, sized.CheckSize(1), "EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed size")
	if e.Field("ProposedSize") != "1" || e.Field("MinSizeAllowed") != "5" {
		t.Fatalf("fields %v", e.Fields)
	}
	// The SigV2 exemptions replace SigV4's.
	v2 := policy(base)
	if err := v2.CheckFields(now, "b", form(PostField{"AWSAccessKeyId", "a"}, PostField{"signature", "s"}), true); err != nil {
		t.Fatal(err)
	}
	wantError(t, v2.CheckFields(now, "b", form(PostField{"AWSAccessKeyId", "a"}), false), CodeAccessDenied, 403,
		"Invalid according to Policy: Extra input fields: AWSAccessKeyId")
}
