package s3fake_test

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

// FuzzFrontHandler sends arbitrary requests (method, path, query, one
// header, body; signed or not) through the whole front handler in process.
// Properties: no panic reaches the client (the handler would turn it into
// InternalError, so no 5xx but the 501 of unserved features), and every
// S3 error is an XML <Error> with a Code and our RequestId.
func FuzzFrontHandler(f *testing.F) {
	for _, doc := range fixtures.InvalidDocuments() {
		f.Add("PUT", "/src", "inventory=&id="+doc.QueryID, "Content-Type", "application/xml", doc.Body, true)
	}
	for _, name := range fixtures.ValidDocumentNames() {
		f.Add("PUT", "/src", "inventory=&id=report1", "", "", fixtures.ValidDocument(name), true)
	}
	f.Add("GET", "/src", "inventory=", "", "", []byte(nil), true)
	f.Add("GET", "/src", "inventory=&continuation-token=%ff", "", "", []byte(nil), true)
	f.Add("DELETE", "/src", "inventory=&id=x", "x-amz-expected-bucket-owner", "123", []byte(nil), true)
	f.Add("PUT", "/src", "policy=", "", "", []byte(fixtures.DeliveryPolicy("src", "other", "000000000000")), true)
	f.Add("PUT", "/src/k", "tagging=", "", "", []byte("<Tagging/>"), true)
	f.Add("GET", "/src/k%zz", "versionId=null", "Range", "bytes=5-1", []byte(nil), true)
	f.Add("POST", "/src", "delete=", "", "", []byte("<Delete><Object><Key>k</Key></Object></Delete>"), true)
	f.Add("PUT", "/new-bucket", "", "", "", []byte("<CreateBucketConfiguration><LocationConstraint>x</LocationConstraint></CreateBucketConfiguration>"), true)
	f.Add("GET", "/", "", "Authorization", "AWS4-HMAC-SHA256 Credential=", []byte(nil), false)
	f.Add("PUT", "/src/k", "uploadId=abc&partNumber=1", "Content-Encoding", "aws-chunked", []byte("5\r\nhello\r\n0\r\n\r\n"), true)

	// The object, listing and multipart calls s3fake serves itself.
	f.Add("GET", "/src/k", "partNumber=2", "Range", "bytes=-101", []byte(nil), true)
	f.Add("HEAD", "/src/k", "versionId=x", "Range", "bytes=x", []byte(nil), true)
	f.Add("GET", "/src/k", "", "If-None-Match", `"5d41402abc4b2a76b9719d911017c592"`, []byte(nil), false)
	f.Add("PUT", "/src/copy", "", "X-Amz-Copy-Source", "src/k?versionId=null", []byte(nil), true)
	f.Add("PUT", "/src/k2", "", "X-Amz-Tagging", "a=1&b=%zz", []byte("body"), true)
	f.Add("GET", "/src", "list-type=2&encoding-type=url&max-keys=0&continuation-token=", "", "", []byte(nil), true)
	f.Add("GET", "/src", "versions&key-marker=k&version-id-marker=bad&delimiter=/", "", "", []byte(nil), true)
	f.Add("GET", "/src", "uploads&max-uploads=-1", "", "", []byte(nil), true)
	f.Add("POST", "/src/k", "uploads", "X-Amz-Checksum-Algorithm", "CRC32", []byte(nil), true)
	f.Add("POST", "/src/k", "uploadId=abc", "", "", []byte("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>"), true)
	f.Add("GET", "/src/k", "uploadId=abc&max-parts=x", "", "", []byte(nil), true)
	f.Add("POST", "/src", "", "Content-Type", "multipart/form-data; boundary=x", []byte("--x\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n--x--\r\n"), false)
	f.Add("PUT", "/src", "versioning=", "", "", []byte("<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"), true)
	f.Add("PUT", "/src", "tagging=", "", "", []byte("<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>"), true)
	f.Add("PUT", "/src", "lifecycle=", "", "", []byte("<LifecycleConfiguration><Rule><Status>Enabled</Status></Rule></LifecycleConfiguration>"), true)

	srv := s3fake.Start(f)
	srv.CreateBucket("src")
	srv.PutObject("src", "k", []byte("hello"))
	srv.PutInventoryConfiguration("src", fixtures.Minimal("existing", "dst"))

	f.Fuzz(func(t *testing.T, method, path, query, hname, hvalue string, body []byte, sign bool) {
		if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "/_s3fake/") {
			return
		}
		req, err := http.NewRequest(method, "http://127.0.0.1/x", bytes.NewReader(body))
		if err != nil {
			return
		}
		req.URL.Path, req.URL.RawQuery, req.RequestURI = path, query, ""
		if hname != "" && httpHeaderNameOK(hname) && !strings.ContainsAny(hvalue, "\r\n\x00") {
			req.Header.Set(hname, hvalue)
		}
		if sign {
			if err := srv.SignRequest(req, body); err != nil {
				return
			}
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != http.StatusNotImplemented {
			t.Fatalf("%s %s?%s: status %d: %s", method, path, query, rec.Code, rec.Body)
		}
		if rec.Code >= 400 && method != http.MethodHead {
			var e struct {
				XMLName   xml.Name `xml:"Error"`
				Code      string
				RequestID string `xml:"RequestId"`
			}
			if err := xml.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Code == "" || e.RequestID == "" {
				t.Fatalf("%s %s?%s: status %d without an S3 error body: %q", method, path, query, rec.Code, rec.Body)
			}
		}
	})
}

func httpHeaderNameOK(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
