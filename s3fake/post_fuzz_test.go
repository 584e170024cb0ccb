package s3fake_test

import (
	"bytes"
	"encoding/xml"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/s3fake/s3fake/s3fake"
)

// FuzzPostObject sends arbitrary browser forms (any boundary, any body,
// fields before or after the file) to a bucket that takes anonymous
// uploads. Properties: no 5xx, every error an S3 <Error> with a Code, and
// a success stores what it answers.
func FuzzPostObject(f *testing.F) {
	seed := func(fields [][2]string, withFile bool) ([]byte, string) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		for _, kv := range fields {
			_ = w.WriteField(kv[0], kv[1])
		}
		if withFile {
			fw, _ := w.CreateFormFile("file", "a.txt")
			_, _ = fw.Write([]byte("hello"))
		}
		_ = w.Close()
		return buf.Bytes(), w.Boundary()
	}
	for _, c := range []struct {
		fields [][2]string
		file   bool
	}{
		{[][2]string{{"key", "up/${filename}"}}, true},
		{[][2]string{{"key", "k"}, {"success_action_status", "201"}, {"tagging", "<Tagging><TagSet/></Tagging>"}}, true},
		{[][2]string{{"key", "k"}, {"policy", "e30="}, {"AWSAccessKeyId", "test"}, {"signature", "x"}}, true},
		{[][2]string{{"key", "k"}, {"x-amz-algorithm", "AWS4-HMAC-SHA256"}, {"x-amz-credential", "test/20260101/us-east-1/s3/aws4_request"}}, true},
		{[][2]string{{"key", "k"}}, false},
	} {
		body, boundary := seed(c.fields, c.file)
		f.Add(boundary, body)
	}
	srv := s3fake.Start(f)
	if err := srv.CreateBucket("src"); err != nil {
		f.Fatal(err)
	}
	if err := srv.PutBucketPolicy("src", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::src/*"}]}`); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, boundary string, body []byte) {
		req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1/src", bytes.NewReader(body))
		if err != nil {
			return
		}
		req.RequestURI = ""
		req.Header.Set("Content-Type", "multipart/form-data; boundary=\""+boundary+"\"")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != http.StatusNotImplemented {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		if rec.Code >= 400 {
			var e struct {
				XMLName xml.Name `xml:"Error"`
				Code    string
			}
			if err := xml.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Code == "" {
				t.Fatalf("status %d without an S3 error body: %q", rec.Code, rec.Body)
			}
			return
		}
		if rec.Header().Get("ETag") == "" || rec.Header().Get("Location") == "" {
			t.Fatalf("success %d without ETag and Location: %v", rec.Code, rec.Header())
		}
	})
}
