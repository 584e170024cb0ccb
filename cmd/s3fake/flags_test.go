package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

func TestParseFlags(t *testing.T) {
	cases := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string
		wantN   int // options produced (the connection limits are always one)
	}{
		{name: "defaults", wantN: 6}, // the console too: -addr is loopback
		{name: "everything", args: []string{"-addr", "127.0.0.1:0", "-region", "eu-west-1", "-dialect", "cos",
			"-log-level", "debug", "-account", "111111111111:AK1:S1", "-account", "222222222222:AK2:S2", "-any-credentials"}, wantN: 9},
		{name: "env accounts", env: map[string]string{"S3FAKE_ACCOUNTS": "111111111111:AK1:S1,222222222222:AK2:S2"}, wantN: 8},
		{name: "bad dialect", args: []string{"-dialect", "gcs"}, wantErr: "want aws or cos"},
		{name: "bad level", args: []string{"-log-level", "loud"}, wantErr: "-log-level"},
		{name: "bad account", args: []string{"-account", "111111111111:AK1"}, wantErr: "ID:KEY:SECRET"},
		{name: "user", args: []string{"-account", "111111111111:AK1:S1", "-user", "111111111111:reader:AK2:S2"}, wantN: 8},
		{name: "bad user", args: []string{"-user", "111111111111:reader"}, wantErr: "ACCOUNT:NAME:KEY:SECRET"},
		{name: "missing policy file", args: []string{"-user", "111111111111:reader:AK2:S2:/nonexistent.json"}, wantErr: "no such file"},
		{name: "connection limits", args: []string{"-read-header-timeout", "5s", "-idle-timeout", "1m", "-body-timeout", "30s",
			"-min-body-rate", "65536", "-max-header-bytes", "16384"}, wantN: 6},
		{name: "admin token", args: []string{"-admin-token", "s3cr3t"}, wantN: 7},
		{name: "env admin token", env: map[string]string{"S3FAKE_ADMIN_TOKEN": "s3cr3t"}, wantN: 7},
		{name: "bad timeout", args: []string{"-idle-timeout", "soon"}, wantErr: "invalid value"},
		{name: "unknown flag", args: []string{"-port", "1"}, wantErr: "flag provided but not defined"},
		{name: "start time and seed", args: []string{"-start-time", "2026-02-01T00:00:00Z", "-seed", "7"}, wantN: 8},
		{name: "env start time and seed", env: map[string]string{"S3FAKE_START_TIME": "2026-02-01T00:00:00Z", "S3FAKE_SEED": "7"}, wantN: 8},
		{name: "bad start time", args: []string{"-start-time", "2026-02-01"}, wantErr: "RFC 3339"},
		{name: "bad seed", args: []string{"-seed", "-1"}, wantErr: "-seed"},
		{name: "strict sigv4", args: []string{"-strict-sigv4"}, wantN: 7},
		{name: "env strict sigv4", env: map[string]string{"S3FAKE_STRICT_SIGV4": "true"}, wantN: 7},
		{name: "no console on every interface", args: []string{"-addr", ":4566"}, wantN: 5},
		{name: "no console on a LAN address", args: []string{"-addr", "192.0.2.1:4566"}, wantN: 5},
		{name: "console on localhost", args: []string{"-addr", "localhost:4566"}, wantN: 6},
		{name: "console on ::1", args: []string{"-addr", "[::1]:4566"}, wantN: 6},
		{name: "-console forces it", args: []string{"-addr", "0.0.0.0:4566", "-console"}, wantN: 6},
		{name: "env console forces it", args: []string{"-addr", "0.0.0.0:4566"}, env: map[string]string{"S3FAKE_CONSOLE": "true"}, wantN: 6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			var stderr bytes.Buffer
			opts, err := parseFlags(c.args, &stderr)
			if c.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Len(t, opts, c.wantN)
		})
	}
}

// The parsed options configure a real server: region, dialect and the
// extra account all take effect.
func TestParsedOptionsTakeEffect(t *testing.T) {
	var stderr bytes.Buffer
	opts, err := parseFlags([]string{"-addr", "127.0.0.1:0", "-region", "eu-west-1", "-dialect", "cos",
		"-account", "111111111111:AKIAEXAMPLE1:secret1"}, &stderr)
	require.NoError(t, err)
	srv, err := s3fake.New(opts...)
	require.NoError(t, err)
	defer srv.Close()
	assert.Equal(t, "eu-west-1", srv.Region())
	assert.Equal(t, s3fake.DialectCOS, srv.Dialect())
	client := srv.ClientFor(s3fake.Account{ID: "111111111111", AccessKeyID: "AKIAEXAMPLE1", SecretAccessKey: "secret1"})
	_, err = client.CreateBucket(context.Background(), &s3.CreateBucketInput{
		Bucket:                    aws.String("flag-bucket"),
		CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintEuWest1},
	})
	require.NoError(t, err)
	owner, ok := srv.BucketOwner("flag-bucket")
	require.True(t, ok)
	assert.Equal(t, "111111111111", owner)
}

// -strict-sigv4 makes the server refuse SigV2 as a bucket created today
// refuses it; without it the same request is served.
func TestStrictSigV4Flag(t *testing.T) {
	for _, strict := range []bool{false, true} {
		args := []string{"-addr", "127.0.0.1:0"}
		if strict {
			args = append(args, "-strict-sigv4")
		}
		var stderr bytes.Buffer
		opts, err := parseFlags(args, &stderr)
		require.NoError(t, err)
		srv, err := s3fake.New(opts...)
		require.NoError(t, err)
		date := time.Now().UTC().Format(http.TimeFormat)
		mac := hmac.New(sha1.New, []byte(s3fake.DefaultSecretAccessKey))
		mac.Write([]byte("GET\n\n\n" + date + "\n/"))
		req, err := http.NewRequest(http.MethodGet, srv.URL()+"/", nil)
		require.NoError(t, err)
		req.Header.Set("Date", date)
		req.Header.Set("Authorization", "AWS "+s3fake.DefaultAccessKeyID+":"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		srv.Close()
		if strict {
			assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
			assert.Contains(t, string(body), "<Code>InvalidRequest</Code><Message>The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.</Message>")
		} else {
			assert.Equal(t, http.StatusOK, resp.StatusCode, "ListBuckets signed with SigV2: %s", body)
		}
	}
}
