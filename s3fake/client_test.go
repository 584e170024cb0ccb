package s3fake_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

func TestEnv(t *testing.T) {
	srv := s3fake.Start(t, s3fake.WithRegion("eu-west-1"))
	env := map[string]string{}
	for _, kv := range srv.Env() {
		k, v, ok := strings.Cut(kv, "=")
		require.True(t, ok)
		env[k] = v
	}
	assert.Equal(t, srv.URL(), env["AWS_ENDPOINT_URL"])
	assert.Equal(t, "test", env["AWS_ACCESS_KEY_ID"])
	assert.Equal(t, "test", env["AWS_SECRET_ACCESS_KEY"])
	assert.Equal(t, "eu-west-1", env["AWS_REGION"])
	assert.Equal(t, "eu-west-1", env["AWS_DEFAULT_REGION"])
}

func TestURLAndCloseContract(t *testing.T) {
	srv, err := s3fake.New()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(srv.URL(), "http://127.0.0.1:"))
	assert.False(t, strings.HasSuffix(srv.URL(), "/"))
	resp, err := http.Get(srv.URL() + "/_s3fake/health")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	srv.Close()
	srv.Close() // idempotent
	_, err = http.Get(srv.URL() + "/_s3fake/health")
	assert.Error(t, err, "closed server refuses connections")
}

// Virtual-host style: bucket.localhost:PORT reaches the same bucket.
func TestVirtualHostStyle(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("vhost-bucket")
	endpoint := strings.Replace(srv.URL(), "127.0.0.1", "localhost", 1)
	addr := strings.TrimPrefix(srv.URL(), "http://")
	// Go's resolver does not map *.localhost to loopback; dial the server for any host.
	dialer := &net.Dialer{}
	client := srv.Client(func(o *s3.Options) {
		o.BaseEndpoint = aws.String(endpoint)
		o.UsePathStyle = false
		o.HTTPClient = &http.Client{Transport: &http.Transport{
			DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
				return dialer.DialContext(ctx, network, addr)
			},
		}}
	})
	_, err := client.PutObject(context.Background(), &s3.PutObjectInput{
		Bucket: aws.String("vhost-bucket"), Key: aws.String("k"), Body: strings.NewReader("hi"),
	})
	require.NoError(t, err)
	out, err := srv.Client().HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("vhost-bucket"), Key: aws.String("k")})
	require.NoError(t, err)
	assert.Equal(t, int64(2), aws.ToInt64(out.ContentLength))
}

// Every response carries our request id, also HEADs served by gofakes3.
func TestRequestIDsOnPassThrough(t *testing.T) {
	srv := s3fake.Start(t)
	srv.CreateBucket("src")
	for i, method := range []string{http.MethodHead, http.MethodGet} {
		req, err := http.NewRequest(method, srv.URL()+"/src", nil)
		require.NoError(t, err)
		require.NoError(t, srv.SignRequest(req, nil))
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, fmt.Sprintf("%016X", i+1), resp.Header.Get("x-amz-request-id"))
		assert.Len(t, resp.Header.Get("x-amz-id-2"), 44)
	}
}

// Accounts and users can come from options; a user can do what its
// identity policy allows and nothing else.
func TestWithAccountAndUser(t *testing.T) {
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetInventoryConfiguration","Resource":"arn:aws:s3:::src"}]}`
	srv := s3fake.Start(t,
		s3fake.WithAccount("111111111111", "AKIAOWNER", "owner-secret"),
		s3fake.WithUser("111111111111", "reader", "AKIAREADER", "reader-secret", policy))
	srv.CreateBucket("src", s3fake.OwnedBy("111111111111"))
	srv.PutInventoryConfiguration("src", fixtures.Minimal("r", "dst"))
	reader := srv.ClientFor(s3fake.Account{ID: "111111111111", UserName: "reader", AccessKeyID: "AKIAREADER", SecretAccessKey: "reader-secret"})
	ctx := context.Background()
	_, err := reader.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{Bucket: aws.String("src"), Id: aws.String("r")})
	require.NoError(t, err)
	_, err = reader.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{Bucket: aws.String("src"), Id: aws.String("r")})
	var apiErr smithy.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "AccessDenied", apiErr.ErrorCode())
	assert.Len(t, srv.InventoryConfigurations("src"), 1)

	_, err = s3fake.New(s3fake.WithUser("999999999999", "ghost", "AKIAGHOST", "s", ""))
	assert.Error(t, err, "a user of an unknown account is refused")
}
