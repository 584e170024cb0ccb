package access

// The worked examples of AWS's SigV4-for-S3 documentation, verified with
// their published signatures:
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html

import (
	"bytes"
	"net/http/httptest"
	"testing"
	"time"
)

var exampleTime = time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)

func TestAWSExampleGetObject(t *testing.T) {
	r := httptest.NewRequest("GET", "/test.txt", nil)
	r.Host = "examplebucket.s3.amazonaws.com"
	r.Header.Set("Range", "bytes=0-9")
	r.Header.Set("X-Amz-Content-Sha256", emptySHA256)
	r.Header.Set("X-Amz-Date", "20130524T000000Z")
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
	v := NewVerifier(exampleRegistry(t), "us-east-1", fixedClock(exampleTime))
	a, err := v.Verify(r, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Identity.AccountID != "111122223333" || a.Method != MethodHeader {
		t.Fatalf("got %+v", a)
	}
}

func TestAWSExamplePresignedGet(t *testing.T) {
	r := httptest.NewRequest("GET", "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", nil)
	r.Host = "examplebucket.s3.amazonaws.com"
	v := NewVerifier(exampleRegistry(t), "us-east-1", fixedClock(exampleTime.Add(time.Hour)))
	a, err := v.Verify(r, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Method != MethodPresigned || a.Expires != 24*time.Hour || a.PayloadHash != unsignedPayload {
		t.Fatalf("got %+v", a)
	}
	// A day and a second later the URL has expired.
	v = NewVerifier(exampleRegistry(t), "us-east-1", fixedClock(exampleTime.Add(24*time.Hour+time.Second)))
	_, err = v.Verify(r, "")
	e := wantError(t, err, CodeAccessDenied, 403, "Request has expired")
	want := []Field{{"X-Amz-Expires", "86400"}, {"Expires", "2013-05-25T00:00:00Z"}, {"ServerTime", "2013-05-25T00:00:01Z"}}
	if len(e.Fields) != 3 || e.Fields[0] != want[0] || e.Fields[1] != want[1] || e.Fields[2] != want[2] {
		t.Fatalf("fields %v, want %v", e.Fields, want)
	}
}

func TestAWSExampleChunkedUpload(t *testing.T) {
	r := httptest.NewRequest("PUT", "/examplebucket/chunkObject.txt", bytes.NewReader(nil))
	r.Host = "s3.amazonaws.com"
	r.Header.Set("X-Amz-Date", "20130524T000000Z")
	r.Header.Set("X-Amz-Storage-Class", "REDUCED_REDUNDANCY")
	r.Header.Set("X-Amz-Content-Sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
	r.Header.Set("Content-Encoding", "aws-chunked")
	r.Header.Set("X-Amz-Decoded-Content-Length", "66560")
	r.Header.Set("Content-Length", "66824")
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")
	v := NewVerifier(exampleRegistry(t), "us-east-1", fixedClock(exampleTime))
	a, err := v.Verify(r, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.PayloadMode() != PayloadStreamingSigned {
		t.Fatalf("mode %v", a.PayloadMode())
	}
	chunks := []struct {
		size int
		sig  string
	}{
		{65536, "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"},
		{1024, "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497"},
		{0, "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"},
	}
	prev := a.SeedSignature()
	for i, c := range chunks {
		next, err := a.VerifyChunk(prev, bytes.Repeat([]byte("a"), c.size), c.sig)
		if err != nil {
			t.Fatalf("chunk %d: %v", i, err)
		}
		prev = next
	}
	// A changed byte breaks the chain.
	_, err = a.VerifyChunk(a.SeedSignature(), bytes.Repeat([]byte("b"), 65536), chunks[0].sig)
	e := wantError(t, err, CodeSignatureDoesNotMatch, 403, msgSignatureMismatch)
	if e.Field("StringToSign") == "" || e.Field("SignatureProvided") != chunks[0].sig {
		t.Fatalf("fields %v", e.Fields)
	}
}
