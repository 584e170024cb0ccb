package s3fake_test

// The CORS configuration through aws-sdk-go-v2.

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func putCORS(w *cfgWorld, rules ...types.CORSRule) error {
	_, err := w.c.PutBucketCors(cfgCtx, &s3.PutBucketCorsInput{Bucket: aws.String(cfgBucket),
		CORSConfiguration: &types.CORSConfiguration{CORSRules: rules}})
	return err
}

func corsRule(methods ...string) types.CORSRule {
	return types.CORSRule{AllowedMethods: methods, AllowedOrigins: []string{"https://*.example.com"}}
}

func TestBucketCorsPutGetDelete(t *testing.T) {
	w := newCfgWorld(t)
	_, err := w.c.GetBucketCors(cfgCtx, &s3.GetBucketCorsInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "NoSuchCORSConfiguration", "The CORS configuration does not exist")

	rules := []types.CORSRule{
		{ID: aws.String("web"), AllowedHeaders: []string{"*"}, AllowedMethods: []string{"GET", "HEAD"},
			AllowedOrigins: []string{"https://www.example.com", "https://*.example.org"},
			ExposeHeaders:  []string{"ETag", "x-amz-request-id"}, MaxAgeSeconds: aws.Int32(3000)},
		{AllowedMethods: []string{"PUT", "POST", "DELETE"}, AllowedOrigins: []string{"*"}},
	}
	require.NoError(t, putCORS(w, rules...))
	assert.Equal(t, http.StatusOK, w.tap.response(t).status)
	out, err := w.c.GetBucketCors(cfgCtx, &s3.GetBucketCorsInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, rules, out.CORSRules)
	w.requireGolden(t, "cors.xml")

	_, err = w.c.DeleteBucketCors(cfgCtx, &s3.DeleteBucketCorsInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, w.tap.response(t).status)
	_, err = w.c.GetBucketCors(cfgCtx, &s3.GetBucketCorsInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "NoSuchCORSConfiguration", "The CORS configuration does not exist")
}

func TestBucketCorsRefusals(t *testing.T) {
	w := newCfgWorld(t)
	many := make([]types.CORSRule, 101)
	for i := range many {
		many[i] = corsRule("GET")
	}
	twoStars := corsRule("GET")
	twoStars.AllowedOrigins = []string{"https://*.*.example.com"}
	headerStars := corsRule("GET")
	headerStars.AllowedHeaders = []string{"x-*-*"}
	exposeStar := corsRule("GET")
	exposeStar.ExposeHeaders = []string{"*"}
	cases := []struct {
		name  string
		rules []types.CORSRule
		want  wantS3Error
	}{
		{"PATCH", []types.CORSRule{corsRule("GET", "PATCH")},
			wantInvalid("InvalidRequest", "Found unsupported HTTP method in CORS config. Unsupported method is PATCH")},
		{"a lower-case method", []types.CORSRule{corsRule("get")},
			wantInvalid("InvalidRequest", "Found unsupported HTTP method in CORS config. Unsupported method is get")},
		{"an origin with two wildcards", []types.CORSRule{twoStars},
			wantInvalid("InvalidRequest", `AllowedOrigin "https://*.*.example.com" can not have more than one wildcard.`)},
		{"a header with two wildcards", []types.CORSRule{headerStars},
			wantInvalid("InvalidRequest", `AllowedHeader "x-*-*" can not have more than one wildcard.`)},
		{"an exposed wildcard", []types.CORSRule{exposeStar},
			wantInvalid("InvalidRequest", `ExposeHeader "*" contains wildcard. We currently do not support wildcard for ExposeHeader.`)},
		{"101 rules", many, wantMalformed()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w.requireRefused(t, putCORS(w, c.rules...), c.want)
			_, err := w.c.GetBucketCors(cfgCtx, &s3.GetBucketCorsInput{Bucket: aws.String(cfgBucket)})
			w.requireNotFound(t, err, "NoSuchCORSConfiguration", "The CORS configuration does not exist")
		})
	}
	// What the SDK refuses to send itself.
	for name, inner := range map[string]string{
		"a rule without a method":  `<CORSRule><AllowedOrigin>*</AllowedOrigin></CORSRule>`,
		"a rule without an origin": `<CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule>`,
		"no rule":                  ``,
	} {
		t.Run(name, func(t *testing.T) {
			requireS3Error(t, w.raw(t, http.MethodPut, "cors", xmlDoc("CORSConfiguration", inner), nil), wantMalformed())
		})
	}
	t.Run("100 rules are accepted", func(t *testing.T) {
		require.NoError(t, putCORS(w, many[:100]...))
	})
	t.Run("MaxAgeSeconds that is not an integer", func(t *testing.T) {
		body := xmlDoc("CORSConfiguration", `<CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin><MaxAgeSeconds>soon</MaxAgeSeconds></CORSRule>`)
		requireS3Error(t, w.raw(t, http.MethodPut, "cors", body, nil), wantMalformed())
	})
	t.Run("S3 requires Content-MD5 or a checksum", func(t *testing.T) {
		body := xmlDoc("CORSConfiguration", `<CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule>`)
		resp := w.raw(t, http.MethodPut, "cors", body, map[string]string{"Content-MD5": ""})
		el := requireS3Error(t, resp, wantInvalid("InvalidRequest", "Missing required header for this request: Content-MD5 OR x-amz-checksum-*"))
		assert.False(t, strings.Contains(el["Message"], "TagSet"))
	})
}
