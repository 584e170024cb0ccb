package access

import (
	"fmt"
	"strings"
	"testing"
)

// deliveryPolicy is the destination bucket policy of docs/inventory-report.md
// §5: S3 may write inventory reports of source into dest.
func deliveryPolicy(dest, source, sourceAccount string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"InventoryAndAnalyticsExamplePolicy","Effect":"Allow",
  "Principal":{"Service":"s3.amazonaws.com"},"Action":"s3:PutObject",
  "Resource":["arn:aws:s3:::%s/*"],
  "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::%s"},
    "StringEquals":{"aws:SourceAccount":"%s","s3:x-amz-acl":"bucket-owner-full-control"}}}]}`, dest, source, sourceAccount)
}

// stmt wraps one statement body in a 2012-10-17 policy.
func stmt(body string) string {
	return `{"Version":"2012-10-17","Statement":[{` + body + `}]}`
}

const okStmt = `"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"`

func TestParseBucketPolicyValid(t *testing.T) {
	valid := map[string]string{
		"inventory delivery": deliveryPolicy("bkt", "src", "111122223333"),
		"statement object":   `{"Version":"2008-10-17","Statement":{` + okStmt + `}}`,
		"no version":         `{"Statement":[{` + okStmt + `}]}`,
		"id and sid":         `{"Id":"p1","Version":"2012-10-17","Statement":[{"Sid":"a b",` + okStmt + `}]}`,
		"aws principals": stmt(`"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::111122223333:root",
			"arn:aws:iam::000000000000:user/alice","*"]},"Action":["s3:Get*","s3:ListBucket"],"Resource":["arn:aws:s3:::bkt","arn:aws:s3:::bkt/*"]`),
		"aws star":       stmt(`"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"*"`),
		"canonical user": stmt(`"Effect":"Allow","Principal":{"CanonicalUser":"` + CanonicalID("111122223333") + `"},"Action":"*","Resource":"arn:aws:s3:::bkt/*"`),
		"not forms": stmt(`"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::000000000000:root"},"NotAction":"s3:GetObject",
			"NotResource":"arn:aws:s3:::bkt/public/*"`),
		"wildcard bucket part": stmt(`"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b?t*/*"`),
		"question mark action": stmt(`"Effect":"Allow","Principal":"*","Action":"s3:GetObjec?","Resource":"arn:aws:s3:::bkt/*"`),
		"case of action":       stmt(`"Effect":"Allow","Principal":"*","Action":"S3:getobject","Resource":"arn:aws:s3:::bkt/*"`),
		"every operator": stmt(`"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::bkt/*",
			"Condition":{"StringNotEqualsIfExists":{"s3:x-amz-acl":["private","public-read"]},"StringLike":{"AWS:SourceArn":"arn:*"},
			"ArnNotLike":{"aws:SourceArn":"arn:aws:s3:::x"},"Bool":{"aws:SecureTransport":false},"NumericLessThan":{"s3:max-keys":10},
			"IpAddress":{"aws:SourceIp":["10.0.0.0/8","::1"]},"Null":{"s3:x-amz-acl":"true"},"ForAnyValue:StringEquals":{"aws:TagKeys":"a"},
			"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`),
	}
	for name, doc := range valid {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseBucketPolicy([]byte(doc), "bkt", nil); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestParseBucketPolicyMalformed(t *testing.T) {
	tests := []struct {
		name, doc, msg string
	}{
		{"empty", ``, "Policies must be valid JSON and the first byte must be '{'"},
		{"leading space", ` {}`, "Policies must be valid JSON and the first byte must be '{'"},
		{"array", `[]`, "Policies must be valid JSON and the first byte must be '{'"},
		{"bad json", `{"Statement":[}`, "This policy contains invalid Json"},
		{"trailing data", `{"Statement":[{` + okStmt + `}]} {}`, "This policy contains invalid Json"},
		{"missing statement", `{"Version":"2012-10-17"}`, "Missing required field Statement"},
		{"empty statement", `{"Version":"2012-10-17","Statement":[]}`, "Could not parse the policy: Statement is empty!"},
		{"statement string", `{"Statement":"x"}`, "This policy contains invalid Json"},
		{"bad version", `{"Version":"2012-10-18","Statement":[{` + okStmt + `}]}`, "The policy must contain a valid version string"},
		{"unknown top field", `{"Statement":[{` + okStmt + `}],"Extra":1}`, "Unknown field Extra"},
		{"unknown statement field", stmt(okStmt + `,"condition":{}`), "Unknown field condition"},
		{"missing effect", stmt(`"Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"`), "Missing required field Effect"},
		{"bad effect", stmt(`"Effect":"allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"`), "Invalid effect: allow"},
		{"missing principal", stmt(`"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"`), "Missing required field Principal"},
		{"empty principal list", stmt(`"Effect":"Allow","Principal":{"AWS":[]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"`),
			"Missing required field Principal cannot be empty!"},
		{"principal string", stmt(`"Effect":"Allow","Principal":"111122223333","Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"`), "Invalid principal in policy"},
		{"principal wildcard arn", stmt(`"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::*:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"`), "Invalid principal in policy"},
		{"principal access key", stmt(`"Effect":"Allow","Principal":{"AWS":"test"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"`), "Invalid principal in policy"},
		{"principal kind", stmt(`"Effect":"Allow","Principal":{"Aws":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"`), "Invalid principal in policy"},
		{"service principal", stmt(`"Effect":"Allow","Principal":{"Service":"s3"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"`), "Invalid principal in policy"},
		{"canonical user", stmt(`"Effect":"Allow","Principal":{"CanonicalUser":"abc"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"`), "Invalid principal in policy"},
		{"both principals", stmt(`"Effect":"Allow","Principal":"*","NotPrincipal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"`), "Invalid principal in policy"},
		{"missing action", stmt(`"Effect":"Allow","Principal":"*","Resource":"arn:aws:s3:::bkt/*"`), "Missing required field Action"},
		{"unknown action", stmt(`"Effect":"Allow","Principal":"*","Action":"s3:GetObjects","Resource":"arn:aws:s3:::bkt/*"`), "Policy has invalid action"},
		{"other service", stmt(`"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:s3:::bkt/*"`), "Policy has invalid action"},
		{"pattern matching nothing", stmt(`"Effect":"Allow","Principal":"*","Action":"s3:Fly*","Resource":"arn:aws:s3:::bkt/*"`), "Policy has invalid action"},
		{"empty action list", stmt(`"Effect":"Allow","Principal":"*","Action":[],"Resource":"arn:aws:s3:::bkt/*"`), "Policy has invalid action"},
		{"missing resource", stmt(`"Effect":"Allow","Principal":"*","Action":"s3:GetObject"`), "Missing required field Resource"},
		{"resource not an arn", stmt(`"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"bkt/*"`), "Policy has invalid resource"},
		{"resource other bucket", stmt(`"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::other/*"`), "Policy has invalid resource"},
		{"resource other service", stmt(`"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:sqs:::bkt"`), "Policy has invalid resource"},
		{"object action on bucket", stmt(`"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::bkt"`),
			"Action does not apply to any resource(s) in statement"},
		{"bucket action on objects", stmt(`"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::bkt/*"`),
			"Action does not apply to any resource(s) in statement"},
		{"create bucket", stmt(`"Effect":"Allow","Principal":"*","Action":"s3:CreateBucket","Resource":"arn:aws:s3:::bkt"`),
			"Action does not apply to any resource(s) in statement"},
		{"unknown operator", stmt(okStmt + `,"Condition":{"StringEqualz":{"aws:SourceArn":"x"}}`), "Invalid Condition type : StringEqualz"},
		{"null if exists", stmt(okStmt + `,"Condition":{"NullIfExists":{"aws:SourceArn":"true"}}`), "Invalid Condition type : NullIfExists"},
		{"condition key", stmt(okStmt + `,"Condition":{"StringEquals":{"SourceArn":"x"}}`), "Policy has an invalid condition key"},
		{"condition key service", stmt(okStmt + `,"Condition":{"StringEquals":{"kms:ViaService":"x"}}`), "Policy has an invalid condition key"},
		{"condition value object", stmt(okStmt + `,"Condition":{"StringEquals":{"aws:SourceArn":{"a":1}}}`), "This policy contains invalid Json"},
		{"condition ip", stmt(okStmt + `,"Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.300/8"}}`), "Invalid IP address in Conditions"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseBucketPolicy([]byte(tc.doc), "bkt", nil)
			wantError(t, err, CodeMalformedPolicy, 400, tc.msg)
		})
	}
}

func TestParseBucketPolicyPrincipalExistence(t *testing.T) {
	reg := NewRegistry()
	if _, err := reg.CreateUser(DefaultAccountID, "alice", "alice-key", "s", nil); err != nil {
		t.Fatal(err)
	}
	for principal, ok := range map[string]bool{
		"000000000000":                          true,
		"arn:aws:iam::000000000000:root":        true,
		"arn:aws:iam::000000000000:user/alice":  true,
		"arn:aws:iam::000000000000:user/bob":    false,
		"999999999999":                          false,
		"arn:aws:iam::000000000000:role/anyone": false,
	} {
		doc := stmt(`"Effect":"Allow","Principal":{"AWS":"` + principal + `"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/*"`)
		_, err := ParseBucketPolicy([]byte(doc), "bkt", reg)
		if ok && err != nil {
			t.Errorf("%s: %v", principal, err)
		}
		if !ok {
			wantError(t, err, CodeMalformedPolicy, 400, "Invalid principal in policy")
		}
		// Without a checker only the syntax counts.
		if _, err := ParseBucketPolicy([]byte(doc), "bkt", nil); err != nil {
			t.Errorf("%s without checker: %v", principal, err)
		}
	}
}

func TestParseIdentityPolicy(t *testing.T) {
	valid := []string{
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","sqs:*","kms:Decrypt"],"Resource":["arn:aws:s3:::*/*","arn:aws:kms:us-east-1:111122223333:key/x"]}]}`,
		`{"Statement":{"Effect":"Deny","NotAction":"s3:*","NotResource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.amazonaws.com"}}}}`,
	}
	for _, doc := range valid {
		if _, err := ParseIdentityPolicy([]byte(doc)); err != nil {
			t.Errorf("%s: %v", doc, err)
		}
	}
	for doc, msg := range map[string]string{
		stmt(okStmt): "Policy document should not specify a principal.",
		stmt(`"Effect":"Allow","Action":"s3 GetObject","Resource":"*"`):   "Policy has invalid action",
		stmt(`"Effect":"Allow","Action":"s3:GetObject","Resource":"bkt"`): "Policy has invalid resource",
	} {
		_, err := ParseIdentityPolicy([]byte(doc))
		wantError(t, err, CodeMalformedPolicy, 400, msg)
	}
}

func TestPolicyAccessors(t *testing.T) {
	p, err := ParseBucketPolicy([]byte(deliveryPolicy("bkt", "src", "111122223333")), "bkt", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Version() != Version2012 || p.ID() != "" || strings.Join(p.Sids(), ",") != "InventoryAndAnalyticsExamplePolicy" {
		t.Fatalf("version %q id %q sids %v", p.Version(), p.ID(), p.Sids())
	}
	if len(KnownActions()) < 90 || KnownActions()[0] != "s3:AbortMultipartUpload" {
		t.Fatalf("known actions %v", KnownActions()[:3])
	}
	for _, a := range []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetObjectVersion",
		"s3:DeleteObjectVersion", "s3:ListBucketVersions", "s3:PutInventoryConfiguration", "s3:GetInventoryConfiguration",
		"s3:CreateBucket", "s3:DeleteBucket", "s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:GetBucketPolicy",
		"s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:GetBucketVersioning", "s3:PutBucketVersioning",
		"s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:ListBucketMultipartUploads"} {
		if !actionPatternValid(a) {
			t.Errorf("%s is not a known action", a)
		}
	}
}
