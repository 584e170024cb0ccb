package s3fake_test

// The website configuration through aws-sdk-go-v2.

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func putWebsite(w *cfgWorld, cfg types.WebsiteConfiguration) error {
	_, err := w.c.PutBucketWebsite(cfgCtx, &s3.PutBucketWebsiteInput{Bucket: aws.String(cfgBucket), WebsiteConfiguration: &cfg})
	return err
}

const noWebsite = "The specified bucket does not have a website configuration"

func TestBucketWebsitePutGetDelete(t *testing.T) {
	w := newCfgWorld(t)
	_, err := w.c.GetBucketWebsite(cfgCtx, &s3.GetBucketWebsiteInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "NoSuchWebsiteConfiguration", noWebsite)

	require.NoError(t, putWebsite(w, types.WebsiteConfiguration{
		IndexDocument: &types.IndexDocument{Suffix: aws.String("index.html")},
		ErrorDocument: &types.ErrorDocument{Key: aws.String("errors/404.html")},
		RoutingRules: []types.RoutingRule{
			{Condition: &types.Condition{KeyPrefixEquals: aws.String("docs/")},
				Redirect: &types.Redirect{ReplaceKeyPrefixWith: aws.String("documents/")}},
			{Condition: &types.Condition{HttpErrorCodeReturnedEquals: aws.String("404")},
				Redirect: &types.Redirect{HostName: aws.String("example.com"), Protocol: types.ProtocolHttps,
					HttpRedirectCode: aws.String("302"), ReplaceKeyWith: aws.String("missing.html")}},
		},
	}))
	assert.Equal(t, http.StatusOK, w.tap.response(t).status)
	out, err := w.c.GetBucketWebsite(cfgCtx, &s3.GetBucketWebsiteInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, "index.html", aws.ToString(out.IndexDocument.Suffix))
	assert.Equal(t, "errors/404.html", aws.ToString(out.ErrorDocument.Key))
	require.Len(t, out.RoutingRules, 2)
	assert.Equal(t, "documents/", aws.ToString(out.RoutingRules[0].Redirect.ReplaceKeyPrefixWith))
	assert.Equal(t, types.ProtocolHttps, out.RoutingRules[1].Redirect.Protocol)
	w.requireGolden(t, "website.xml")

	// A redirect of every request replaces it.
	require.NoError(t, putWebsite(w, types.WebsiteConfiguration{
		RedirectAllRequestsTo: &types.RedirectAllRequestsTo{HostName: aws.String("www.example.com"), Protocol: types.ProtocolHttp}}))
	out, err = w.c.GetBucketWebsite(cfgCtx, &s3.GetBucketWebsiteInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, "www.example.com", aws.ToString(out.RedirectAllRequestsTo.HostName))
	assert.Nil(t, out.IndexDocument)

	_, err = w.c.DeleteBucketWebsite(cfgCtx, &s3.DeleteBucketWebsiteInput{Bucket: aws.String(cfgBucket)})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, w.tap.response(t).status)
	_, err = w.c.GetBucketWebsite(cfgCtx, &s3.GetBucketWebsiteInput{Bucket: aws.String(cfgBucket)})
	w.requireNotFound(t, err, "NoSuchWebsiteConfiguration", noWebsite)
}

func TestBucketWebsiteRefusals(t *testing.T) {
	w := newCfgWorld(t)
	index := &types.IndexDocument{Suffix: aws.String("index.html")}
	redirect := func(r types.Redirect) []types.RoutingRule { return []types.RoutingRule{{Redirect: &r}} }
	cases := []struct {
		name string
		cfg  types.WebsiteConfiguration
		want wantS3Error
		arg  string
	}{
		{"no index document and no redirect", types.WebsiteConfiguration{ErrorDocument: &types.ErrorDocument{Key: aws.String("e.html")}},
			wantInvalid("InvalidArgument", "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty"), "IndexDocument"},
		{"an empty suffix", types.WebsiteConfiguration{IndexDocument: &types.IndexDocument{Suffix: aws.String("")}},
			wantInvalid("InvalidArgument", "The IndexDocument Suffix is not well formed"), "IndexDocument"},
		{"a suffix with a slash", types.WebsiteConfiguration{IndexDocument: &types.IndexDocument{Suffix: aws.String("a/index.html")}},
			wantInvalid("InvalidArgument", "The IndexDocument Suffix is not well formed"), "IndexDocument"},
		{"a redirect of everything with an index", types.WebsiteConfiguration{IndexDocument: index,
			RedirectAllRequestsTo: &types.RedirectAllRequestsTo{HostName: aws.String("x.example")}},
			wantInvalid("InvalidArgument", "RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules."), "RedirectAllRequestsTo"},
		{"a protocol S3 does not have", types.WebsiteConfiguration{
			RedirectAllRequestsTo: &types.RedirectAllRequestsTo{HostName: aws.String("x.example"), Protocol: "ftp"}},
			wantInvalid("InvalidArgument", "Invalid protocol, protocol can be http or https. If not defined the protocol will be selected automatically."), "Protocol"},
		{"ReplaceKeyWith and ReplaceKeyPrefixWith", types.WebsiteConfiguration{IndexDocument: index,
			RoutingRules: redirect(types.Redirect{ReplaceKeyWith: aws.String("a"), ReplaceKeyPrefixWith: aws.String("b")})},
			wantInvalid("InvalidArgument", "You can only define ReplaceKeyPrefix or ReplaceKey but not both."), "Redirect"},
		{"redirect code 300", types.WebsiteConfiguration{IndexDocument: index,
			RoutingRules: redirect(types.Redirect{HttpRedirectCode: aws.String("300")})},
			wantInvalid("InvalidArgument", "The provided HTTP redirect code (300) is not valid. Valid codes are 3XX except 300."), "HttpRedirectCode"},
		{"an empty condition", types.WebsiteConfiguration{IndexDocument: index,
			RoutingRules: []types.RoutingRule{{Condition: &types.Condition{}, Redirect: &types.Redirect{HostName: aws.String("h")}}}},
			wantInvalid("InvalidArgument", "Condition cannot be empty. To redirect all requests without a condition, the condition element shouldn't be present."), "Condition"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := putWebsite(w, c.cfg)
			w.requireRefused(t, err, c.want)
			if c.arg != "" {
				assert.Equal(t, c.arg, errorElements(t, w.lastBody(t))["ArgumentName"])
			}
			_, err = w.c.GetBucketWebsite(cfgCtx, &s3.GetBucketWebsiteInput{Bucket: aws.String(cfgBucket)})
			w.requireNotFound(t, err, "NoSuchWebsiteConfiguration", noWebsite)
		})
	}
	t.Run("a routing rule without Redirect", func(t *testing.T) {
		body := xmlDoc("WebsiteConfiguration", `<IndexDocument><Suffix>i.html</Suffix></IndexDocument>`+
			`<RoutingRules><RoutingRule><Condition><KeyPrefixEquals>a</KeyPrefixEquals></Condition></RoutingRule></RoutingRules>`)
		requireS3Error(t, w.raw(t, http.MethodPut, "website", body, nil), wantMalformed())
	})
	t.Run("an empty body", func(t *testing.T) {
		requireS3Error(t, w.raw(t, http.MethodPut, "website", "", nil), wantMissingBody())
	})
}
