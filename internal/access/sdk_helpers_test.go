package access

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/logging"
)

// seen is what the test server's Verify made of one request.
type seen struct {
	method, uri string
	auth        *Auth
	err         error
}

// wire is an HTTP server that verifies every request it receives with a
// Verifier, so that tests sign with the SDK and check the request exactly
// as it crossed the network (RequestURI, Go's header handling).
type wire struct {
	*httptest.Server
	v   *Verifier
	mu  sync.Mutex
	got []seen
}

func newWire(t testing.TB, reg *Registry, now func() time.Time) *wire {
	t.Helper()
	w := &wire{v: NewVerifier(reg, "us-east-1", now)}
	w.Server = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		a, err := w.v.Verify(r, "")
		if err == nil {
			body, _ := io.ReadAll(r.Body)
			err = a.CheckPayload(body)
		}
		w.mu.Lock()
		w.got = append(w.got, seen{r.Method, r.RequestURI, a, err})
		w.mu.Unlock()
		rw.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(w.Close)
	return w
}

// take returns and forgets what the server saw.
func (w *wire) take() []seen {
	w.mu.Lock()
	defer w.mu.Unlock()
	got := w.got
	w.got = nil
	return got
}

// last returns the one request the server saw since the last take.
func (w *wire) last(t testing.TB) seen {
	t.Helper()
	got := w.take()
	if len(got) != 1 {
		t.Fatalf("server saw %d requests, want 1", len(got))
	}
	return got[0]
}

// s3Client is an SDK client for the wire server with the given key.
func (w *wire) s3Client(akid, secret string) *s3.Client {
	return s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(w.URL),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(akid, secret, ""),
		// The test server answers 200 with no body; no retries on the
		// resulting decode errors.
		RetryMaxAttempts: 1,
	})
}

// signed builds a request to the wire server and signs it with the SDK's
// own signer as S3 does (no path escaping), at signTime.
func (w *wire) signed(t testing.TB, method, target string, body string, payloadHash string,
	akid, secret string, signTime time.Time, prep func(*http.Request)) (*http.Request, string) {
	t.Helper()
	r, err := http.NewRequest(method, w.URL+target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body == "" {
		r.Body, r.ContentLength = nil, 0
	}
	if payloadHash != "" {
		r.Header.Set("X-Amz-Content-Sha256", payloadHash)
	}
	if prep != nil {
		prep(r)
	}
	var canonical string
	err = v4.NewSigner().SignHTTP(context.Background(),
		aws.Credentials{AccessKeyID: akid, SecretAccessKey: secret}, r, payloadHash, "s3", "us-east-1", signTime,
		func(o *v4.SignerOptions) {
			o.DisableURIPathEscaping = true
			o.LogSigning = true
			o.Logger = logging.LoggerFunc(func(_ logging.Classification, _ string, v ...any) {
				canonical = v[0].(string)
			})
		})
	if err != nil {
		t.Fatal(err)
	}
	return r, canonical
}

// send performs r and returns what the server made of it.
func (w *wire) send(t testing.TB, r *http.Request) seen {
	t.Helper()
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return w.last(t)
}
