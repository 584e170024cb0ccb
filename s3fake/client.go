package s3fake

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Client returns an aws-sdk-go-v2 S3 client for the default account
// (access key DefaultAccessKeyID), ready to use: endpoint URL(), the
// server's region, path-style addressing, HTTPClient() as transport (with
// a request body up to 64 KiB sent in the same write as its headers), and
// checksums computed and validated only when an operation requires them
// (set RequestChecksumCalculation and ResponseChecksumValidation to
// WhenSupported in optFns for the SDK's own defaults, which s3fake also
// serves). optFns are applied last and may change any of that.
func (s *Server) Client(optFns ...func(*s3.Options)) *s3.Client {
	opts := s3.Options{
		Region:                     s.cfg.region,
		BaseEndpoint:               aws.String(s.URL()),
		UsePathStyle:               true,
		Credentials:                credentials.NewStaticCredentialsProvider(DefaultAccessKeyID, DefaultSecretAccessKey, ""),
		HTTPClient:                 oneWriteClient{s.HTTPClient()},
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
	}
	return s3.New(opts, optFns...)
}

// Credentials returns the default account's static credentials, for
// clients other than Client.
func (s *Server) Credentials() aws.Credentials {
	return aws.Credentials{
		AccessKeyID:     DefaultAccessKeyID,
		SecretAccessKey: DefaultSecretAccessKey,
		Source:          "s3fake",
	}
}

// Env returns the environment a subprocess needs to reach the server with
// the default account: AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_REGION and AWS_DEFAULT_REGION (for AWS CLI
// v1), as KEY=VALUE strings to append to os.Environ(). Clients still need
// path-style addressing configured, or an endpoint of the form
// http://localhost:PORT, where virtual-host requests also work.
func (s *Server) Env() []string {
	return []string{
		"AWS_ENDPOINT_URL=" + s.URL(),
		"AWS_ACCESS_KEY_ID=" + DefaultAccessKeyID,
		"AWS_SECRET_ACCESS_KEY=" + DefaultSecretAccessKey,
		"AWS_REGION=" + s.cfg.region,
		"AWS_DEFAULT_REGION=" + s.cfg.region,
	}
}
