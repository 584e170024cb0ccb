package access

import (
	"encoding/json"
	"testing"
)

func TestConditions(t *testing.T) {
	tests := []struct {
		name string
		cond string // one Condition block
		ctx  Context
		want bool
	}{
		{"equals", `{"StringEquals":{"s3:x-amz-acl":"private"}}`, Context{"s3:x-amz-acl": {"private"}}, true},
		{"equals is case-sensitive", `{"StringEquals":{"s3:x-amz-acl":"private"}}`, Context{"s3:x-amz-acl": {"Private"}}, false},
		{"equals ignore case", `{"StringEqualsIgnoreCase":{"s3:x-amz-acl":"private"}}`, Context{"s3:x-amz-acl": {"PRIVATE"}}, true},
		{"equals any listed", `{"StringEquals":{"s3:x-amz-acl":["a","private"]}}`, Context{"s3:x-amz-acl": {"private"}}, true},
		{"key names ignore case", `{"StringEquals":{"S3:X-Amz-Acl":"private"}}`, Context{"s3:x-amz-acl": {"private"}}, true},
		{"missing key fails positive", `{"StringEquals":{"s3:x-amz-acl":"private"}}`, Context{}, false},
		{"missing key passes negated", `{"StringNotEquals":{"s3:x-amz-acl":"private"}}`, Context{}, true},
		{"not equals", `{"StringNotEquals":{"s3:x-amz-acl":["a","b"]}}`, Context{"s3:x-amz-acl": {"b"}}, false},
		{"if exists, missing", `{"StringEqualsIfExists":{"s3:x-amz-acl":"private"}}`, Context{}, true},
		{"if exists, present", `{"StringEqualsIfExists":{"s3:x-amz-acl":"private"}}`, Context{"s3:x-amz-acl": {"public"}}, false},
		{"like", `{"StringLike":{"aws:Referer":"https://*.example.com/?"}}`, Context{"aws:referer": {"https://www.example.com/x"}}, true},
		{"not like", `{"StringNotLike":{"aws:Referer":"*.example.com*"}}`, Context{"aws:referer": {"evil.org"}}, true},
		{"arn like", `{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::src*"}}`, Context{"aws:sourcearn": {"arn:aws:s3:::src-bucket"}}, true},
		{"arn like by component", `{"ArnLike":{"aws:SourceArn":"arn:aws:*:*:111122223333:*"}}`, Context{"aws:sourcearn": {"arn:aws:sns:us-east-1:111122223333:topic"}}, true},
		{"arn like, not an arn", `{"ArnLike":{"aws:SourceArn":"*"}}`, Context{"aws:sourcearn": {"bucket"}}, false},
		{"arn equals", `{"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::src"}}`, Context{"aws:sourcearn": {"arn:aws:s3:::src"}}, true},
		{"arn not equals", `{"ArnNotEquals":{"aws:SourceArn":"arn:aws:s3:::src"}}`, Context{"aws:sourcearn": {"arn:aws:s3:::src"}}, false},
		{"arn not like, missing", `{"ArnNotLike":{"aws:SourceArn":"arn:aws:s3:::src"}}`, Context{}, true},
		{"bool", `{"Bool":{"aws:SecureTransport":false}}`, Context{"aws:securetransport": {"false"}}, true},
		{"null true", `{"Null":{"s3:x-amz-acl":"true"}}`, Context{}, true},
		{"null false", `{"Null":{"s3:x-amz-acl":"false"}}`, Context{}, false},
		{"numeric", `{"NumericLessThanEquals":{"s3:max-keys":10}}`, Context{"s3:max-keys": {"10"}}, true},
		{"numeric greater", `{"NumericGreaterThan":{"s3:max-keys":"10"}}`, Context{"s3:max-keys": {"10"}}, false},
		{"date", `{"DateLessThan":{"aws:CurrentTime":"2026-01-02T00:00:00Z"}}`, Context{"aws:currenttime": {"2026-01-01T00:00:00Z"}}, true},
		{"date epoch", `{"DateGreaterThan":{"aws:EpochTime":"1700000000"}}`, Context{"aws:epochtime": {"1800000000"}}, true},
		{"ip", `{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, Context{"aws:sourceip": {"10.1.2.3"}}, true},
		{"not ip", `{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","127.0.0.1"]}}`, Context{"aws:sourceip": {"127.0.0.1"}}, false},
		{"for any value", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}`, Context{"aws:tagkeys": {"x", "b"}}, true},
		{"for any value, missing", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["a"]}}`, Context{}, false},
		{"for all values", `{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`, Context{"aws:tagkeys": {"a", "x"}}, false},
		{"for all values, missing", `{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]}}`, Context{}, true},
		{"all operators must hold", `{"StringEquals":{"s3:x-amz-acl":"private"},"ArnLike":{"aws:SourceArn":"arn:aws:s3:::src"}}`,
			Context{"s3:x-amz-acl": {"private"}, "aws:sourcearn": {"arn:aws:s3:::other"}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conds, err := parseConditions(json.RawMessage(tc.cond), parseMode{bucketPolicy: true})
			if err != nil {
				t.Fatal(err)
			}
			got := true
			for _, c := range conds {
				got = got && c.eval(tc.ctx)
			}
			if got != tc.want {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestWildcardMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true}, {"*", "anything/at/all", true}, {"a*c", "abbbc", true}, {"a*c", "abbbd", false},
		{"a?c", "abc", true}, {"a?c", "ac", false}, {"a?c", "aüc", true}, {"*/*", "bkt/k", true}, {"*/*", "bkt", false},
		{"s3:get*", "s3:getobject", true}, {"s3:get*", "s3:putobject", false}, {"**a", "ba", true}, {"a*b*c", "aXbYbZc", true},
		{"\xff", "\xfe", false},
	} {
		if got := wildcardMatch(tc.pattern, tc.s); got != tc.want {
			t.Errorf("wildcardMatch(%q, %q) = %v", tc.pattern, tc.s, got)
		}
	}
}
