package s3fake_test

// Browser-form POST uploads (PostObject) served by s3fake: SigV4 and SigV2
// policy signatures, the policy's expiration and conditions with S3's
// answers, anonymous forms, the success answers, and authorization on the
// form's key (issue 10: a form was authorized once against bucket/*, so a
// Deny on private/* was bypassed).

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

// formPart is one field of a form, in order.
type formPart struct{ name, value string }

// formFile is the file part; noFilename sends it without a filename.
type formFile struct {
	filename   string
	noFilename bool
	body       []byte
}

// encodeForm builds a multipart/form-data body: the fields in order, then
// the file (when not nil), then after it a field S3 must ignore.
func encodeForm(t *testing.T, fields []formPart, file *formFile) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, f := range fields {
		require.NoError(t, w.WriteField(f.name, f.value))
	}
	if file != nil {
		h := textproto.MIMEHeader{}
		disposition := `form-data; name="file"`
		if !file.noFilename {
			disposition += fmt.Sprintf(`; filename="%s"`, file.filename)
		}
		h.Set("Content-Disposition", disposition)
		h.Set("Content-Type", "application/octet-stream")
		part, err := w.CreatePart(h)
		require.NoError(t, err)
		_, err = part.Write(file.body)
		require.NoError(t, err)
		require.NoError(t, w.WriteField("submit", "Upload to Amazon S3"))
	}
	require.NoError(t, w.Close())
	return buf.Bytes(), w.FormDataContentType()
}

// postFormTo sends a form to srv's target ("/bucket") without any
// Authorization header, as a browser does, and without following a
// redirect.
func postFormTo(t *testing.T, srv *s3fake.Server, target string, fields []formPart, file *formFile) wireResponse {
	t.Helper()
	return sendNoRedirect(t, postFormReq(t, srv, target, fields, file))
}

// sendNoRedirect is sendRaw for an answer that may be a redirect.
func sendNoRedirect(t *testing.T, req *http.Request) wireResponse {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return wireResponse{status: resp.StatusCode, header: resp.Header, body: body}
}

// formSigner signs POST policies for acct, SigV4 at a time or SigV2.
type formSigner struct {
	acct   s3fake.Account
	region string
	at     time.Time
	v2     bool
}

func v4Signer(srv *s3fake.Server, acct s3fake.Account) formSigner {
	return formSigner{acct: acct, region: srv.Region(), at: time.Now().UTC()}
}

func (f formSigner) credential() string {
	return f.acct.AccessKeyID + "/" + f.at.Format("20060102") + "/" + f.region + "/s3/aws4_request"
}

// policy is the base64 POST policy expiring at exp with conditions (JSON
// values) plus, for SigV4, the conditions on the signature fields.
func (f formSigner) policy(exp time.Time, conditions ...string) string {
	if !f.v2 {
		conditions = append(conditions, `{"x-amz-algorithm": "AWS4-HMAC-SHA256"}`,
			fmt.Sprintf(`{"x-amz-credential": %q}`, f.credential()),
			fmt.Sprintf(`{"x-amz-date": %q}`, f.at.Format("20060102T150405Z")))
	}
	doc := fmt.Sprintf(`{"expiration": %q, "conditions": [%s]}`, exp.UTC().Format(time.RFC3339), strings.Join(conditions, ", "))
	return base64.StdEncoding.EncodeToString([]byte(doc))
}

// fields are the signature fields of policy.
func (f formSigner) fields(policy string) []formPart {
	if f.v2 {
		mac := hmac.New(sha1.New, []byte(f.acct.SecretAccessKey))
		mac.Write([]byte(policy))
		return []formPart{{"AWSAccessKeyId", f.acct.AccessKeyID}, {"policy", policy},
			{"signature", base64.StdEncoding.EncodeToString(mac.Sum(nil))}}
	}
	key := []byte("AWS4" + f.acct.SecretAccessKey)
	for _, s := range []string{f.at.Format("20060102"), f.region, "s3", "aws4_request"} {
		key = hmacSum(key, s)
	}
	return []formPart{{"X-Amz-Algorithm", "AWS4-HMAC-SHA256"}, {"X-Amz-Credential", f.credential()},
		{"X-Amz-Date", f.at.Format("20060102T150405Z")}, {"Policy", policy},
		{"X-Amz-Signature", hex.EncodeToString(hmacSum(key, policy))}}
}

// form is fields followed by the signature fields of a policy with
// conditions, expiring in an hour.
func (f formSigner) form(fields []formPart, conditions ...string) []formPart {
	return append(fields, f.fields(f.policy(time.Now().Add(time.Hour), conditions...))...)
}

func hmacSum(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func quotedMD5(s string) string {
	sum := md5.Sum([]byte(s))
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

func getObjectBody(t *testing.T, c *s3.Client, bucket, key string) (*s3.GetObjectOutput, string) {
	t.Helper()
	out, err := c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	require.NoError(t, err, "GET %s/%s", bucket, key)
	defer out.Body.Close()
	data, err := io.ReadAll(out.Body)
	require.NoError(t, err)
	return out, string(data)
}

// A SigV4 form as AWS documents it: ${filename} in the key, conditions on
// every field, stored with its Content-Type and metadata; the answer
// carries ETag, Location and the default checksum.
func TestPostObjectSigV4(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("bkt"))
	sig := v4Signer(srv, srv.DefaultAccount())
	fields := sig.form([]formPart{
		{"key", "user/eric/${filename}"}, {"Content-Type", "image/jpeg"},
		{"x-amz-meta-uuid", "14365123651274"}, {"x-amz-meta-tag", ""}, {"x-ignore-me", "anything"},
	},
		`{"bucket": "bkt"}`, `["starts-with", "$key", "user/eric/"]`, `["starts-with", "$Content-Type", "image/"]`,
		`{"x-amz-meta-uuid": "14365123651274"}`, `["starts-with", "$x-amz-meta-tag", ""]`)
	resp := postFormTo(t, srv, "/bkt", fields, &formFile{filename: `C:\My Pictures\photo 1.jpg`, body: []byte("jpeg bytes")})
	require.Equal(t, http.StatusNoContent, resp.status, "%s", resp.body)
	assert.Empty(t, resp.body)
	assert.Equal(t, quotedMD5("jpeg bytes"), resp.header.Get("ETag"))
	assert.Equal(t, srv.URL()+"/bkt/user%2Feric%2Fphoto%201.jpg", resp.header.Get("Location"))
	assert.NotEmpty(t, resp.header.Get("x-amz-checksum-crc64nvme"), "S3 answers with the default checksum")
	assert.Equal(t, "FULL_OBJECT", resp.header.Get("x-amz-checksum-type"))

	out, body := getObjectBody(t, srv.Client(), "bkt", "user/eric/photo 1.jpg")
	assert.Equal(t, "jpeg bytes", body)
	assert.Equal(t, "image/jpeg", aws.ToString(out.ContentType))
	assert.Equal(t, map[string]string{"uuid": "14365123651274", "tag": ""}, out.Metadata)

	// Virtual-host style: the form goes to bucket.localhost.
	vhost := postFormReq(t, srv, "/", sig.form([]formPart{{"key", "v.txt"}}, `{"bucket": "bkt"}`, `{"key": "v.txt"}`),
		&formFile{filename: "v.txt", body: []byte("v")})
	port := strings.TrimPrefix(srv.URL()[strings.LastIndex(srv.URL(), ":"):], ":")
	vhost.Host = "bkt.localhost:" + port
	resp = sendRaw(t, vhost)
	require.Equal(t, http.StatusNoContent, resp.status, "%s", resp.body)
	assert.Equal(t, "http://bkt.localhost:"+port+"/v.txt", resp.header.Get("Location"))
}

// postFormReq is the request postFormTo sends.
func postFormReq(t *testing.T, srv *s3fake.Server, target string, fields []formPart, file *formFile) *http.Request {
	t.Helper()
	body, contentType := encodeForm(t, fields, file)
	req := newRawRequest(t, srv, http.MethodPost, target, body)
	req.Header.Set("Content-Type", contentType)
	return req
}

// postResponse is S3's 201 body.
type postResponse struct {
	Location, Bucket, Key, ETag string
}

func TestPostObjectSuccessAnswers(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("bkt", s3fake.Versioned()))
	sig := v4Signer(srv, srv.DefaultAccount())
	post := func(extra ...formPart) wireResponse {
		conditions := []string{`{"bucket": "bkt"}`, `["starts-with", "$key", ""]`}
		for _, f := range extra {
			conditions = append(conditions, `["starts-with", "$`+f.name+`", ""]`)
		}
		return postFormTo(t, srv, "/bkt", sig.form(append([]formPart{{"key", "k/${filename}"}}, extra...), conditions...),
			&formFile{filename: "f.txt", body: []byte("data")})
	}

	resp := post(formPart{"success_action_status", "201"})
	require.Equal(t, http.StatusCreated, resp.status, "%s", resp.body)
	assert.Equal(t, "application/xml", resp.header.Get("Content-Type"))
	var pr postResponse
	require.NoError(t, xmlUnmarshalNoNamespace(resp.body, &pr))
	assert.Equal(t, postResponse{Location: srv.URL() + "/bkt/k%2Ff.txt", Bucket: "bkt", Key: "k/f.txt", ETag: quotedMD5("data")}, pr)
	assert.Equal(t, pr.ETag, resp.header.Get("ETag"))
	assert.Len(t, resp.header.Get("x-amz-version-id"), 32, "a versioned bucket's answer names the version")

	resp = post(formPart{"success_action_status", "200"})
	assert.Equal(t, http.StatusOK, resp.status)
	assert.Empty(t, resp.body)
	resp = post(formPart{"success_action_status", "404"})
	assert.Equal(t, http.StatusNoContent, resp.status, "an unknown status is the default")

	resp = post(formPart{"success_action_redirect", "https://example.test/done?x=1"})
	require.Equal(t, http.StatusSeeOther, resp.status, "%s", resp.body)
	assert.Equal(t, "https://example.test/done?x=1&bucket=bkt&key=k%2Ff.txt&etag=%22"+strings.Trim(quotedMD5("data"), `"`)+"%22",
		resp.header.Get("Location"))
	resp = post(formPart{"redirect", "http://example.test/old"})
	require.Equal(t, http.StatusSeeOther, resp.status)
	assert.True(t, strings.HasPrefix(resp.header.Get("Location"), "http://example.test/old?bucket=bkt&key="))
	resp = post(formPart{"success_action_redirect", "/relative/path"})
	assert.Equal(t, http.StatusNoContent, resp.status, "a URL S3 cannot use is ignored")
	assert.Len(t, srv.ObjectVersions("bkt", ""), 6)
}

// xmlUnmarshalNoNamespace decodes an XML body, failing on a namespace:
// S3's PostResponse has none.
func xmlUnmarshalNoNamespace(body []byte, v any) error {
	if bytes.Contains(body, []byte("xmlns")) {
		return fmt.Errorf("namespace in %s", body)
	}
	return xml.Unmarshal(body, v)
}

func TestPostObjectRefusals(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("bkt"))
	sig := v4Signer(srv, srv.DefaultAccount())
	base := []string{`{"bucket": "bkt"}`, `["starts-with", "$key", "ok/"]`, `["content-length-range", 1, 10]`}
	file := &formFile{filename: "f.txt", body: []byte("12345")}
	good := sig.form([]formPart{{"key", "ok/${filename}"}}, base...)
	replace := func(fields []formPart, name, value string) []formPart {
		var out []formPart
		for _, f := range fields {
			if !strings.EqualFold(f.name, name) {
				out = append(out, f)
			} else if value != "" {
				out = append(out, formPart{f.name, value})
			}
		}
		return out
	}
	badPolicy := base64.StdEncoding.EncodeToString([]byte(`{"expiration": "2030-01-01T00:00:00Z", "conditions": [{"bucket": "a", "key": "b"}]}`))
	policyOf := func(fields []formPart) string {
		for _, f := range fields {
			if f.name == "Policy" {
				return f.value
			}
		}
		return ""
	}
	tests := []struct {
		name   string
		fields []formPart
		file   *formFile
		want   wantS3Error
	}{
		{"no file", good, nil, wantS3Error{status: 400, code: "InvalidArgument", message: "POST requires exactly one file upload per request.",
			values: map[string]string{"ArgumentName": "file", "ArgumentValue": "0"}}},
		{"no key", replace(good, "key", ""), file, wantS3Error{status: 400, code: "InvalidArgument",
			message: "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
			values:  map[string]string{"ArgumentName": "key"}}},
		{"no signature", replace(good, "X-Amz-Signature", ""), file, wantS3Error{status: 400, code: "InvalidArgument",
			message: "Bucket POST must contain a field named 'X-Amz-Signature'.  If it is specified, please check the order of the fields."}},
		{"wrong signature", replace(good, "X-Amz-Signature", strings.Repeat("0", 64)), file, wantS3Error{status: 403, code: "SignatureDoesNotMatch",
			message: wantMsgSignatureMismatch, values: map[string]string{"StringToSign": policyOf(good), "AWSAccessKeyId": s3fake.DefaultAccessKeyID}}},
		{"unknown access key", v4Signer(srv, s3fake.Account{AccessKeyID: "AKIANOBODY", SecretAccessKey: "x"}).form([]formPart{{"key", "ok/a"}}, base...), file,
			wantS3Error{status: 403, code: "InvalidAccessKeyId", values: map[string]string{"AWSAccessKeyId": "AKIANOBODY"}}},
		{"expired", append([]formPart{{"key", "ok/a"}}, sig.fields(sig.policy(time.Now().Add(-time.Minute), base...))...), file,
			wantS3Error{status: 403, code: "AccessDenied", message: "Invalid according to Policy: Policy expired."}},
		{"key outside the policy", sig.form([]formPart{{"key", "other/a"}}, base...), file, wantS3Error{status: 403, code: "AccessDenied",
			message: `Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "ok/"]`}},
		{"field outside the policy", sig.form([]formPart{{"key", "ok/a"}, {"x-amz-meta-extra", "1"}}, base...), file,
			wantS3Error{status: 403, code: "AccessDenied", message: "Invalid according to Policy: Extra input fields: x-amz-meta-extra"}},
		{"policy for another bucket", sig.form([]formPart{{"key", "ok/a"}}, `{"bucket": "elsewhere"}`, `["starts-with", "$key", "ok/"]`), file,
			wantS3Error{status: 403, code: "AccessDenied", message: `Invalid according to Policy: Policy Condition failed: ["eq", "$bucket", "elsewhere"]`}},
		{"file too large", good, &formFile{filename: "f.txt", body: []byte("12345678901")}, wantS3Error{status: 400, code: "EntityTooLarge",
			message: "Your proposed upload exceeds the maximum allowed size", values: map[string]string{"ProposedSize": "11", "MaxSizeAllowed": "10"}}},
		{"file too small", good, &formFile{filename: "f.txt"}, wantS3Error{status: 400, code: "EntityTooSmall",
			values: map[string]string{"ProposedSize": "0", "MinSizeAllowed": "1"}}},
		{"policy not valid", append([]formPart{{"key", "ok/a"}}, sig.fields(badPolicy)...), file, wantS3Error{status: 400, code: "InvalidPolicyDocument",
			message: "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified."}},
		{"fields over 20 KB", sig.form([]formPart{{"key", "ok/a"}, {"x-ignore-pad", strings.Repeat("p", 20480)}}, base...), file,
			wantS3Error{status: 400, code: "MaxPostPreDataLengthExceeded", values: map[string]string{"MaxPostPreDataLengthBytes": "20480"}}},
		{"anonymous on a private bucket", []formPart{{"key", "ok/a"}}, file, wantAccessDenied()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			requireS3Error(t, postFormTo(t, srv, "/bkt", tc.fields, tc.file), tc.want)
			assert.Empty(t, srv.ObjectVersions("bkt", ""), "nothing stored")
		})
	}

	t.Run("not multipart", func(t *testing.T) {
		req := newRawRequest(t, srv, http.MethodPost, "/bkt", []byte("key=a"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		requireS3Error(t, sendRaw(t, req), wantS3Error{status: http.StatusPreconditionFailed, code: "PreconditionFailed",
			message: "At least one of the pre-conditions you specified did not hold",
			values:  map[string]string{"Condition": "Bucket POST must be of the enclosure-type multipart/form-data"}})
	})
	t.Run("malformed multipart", func(t *testing.T) {
		req := newRawRequest(t, srv, http.MethodPost, "/bkt", []byte("--b\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nok/a"))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
		requireS3Error(t, sendRaw(t, req), wantS3Error{status: 400, code: "MalformedPOSTRequest",
			message: "The body of your POST request is not well-formed multipart/form-data."})
	})
	t.Run("fields after the file are ignored", func(t *testing.T) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		fw, err := w.CreateFormFile("file", "f.txt")
		require.NoError(t, err)
		_, _ = fw.Write([]byte("x"))
		require.NoError(t, w.WriteField("key", "ok/late"))
		require.NoError(t, w.Close())
		req := newRawRequest(t, srv, http.MethodPost, "/bkt", buf.Bytes())
		req.Header.Set("Content-Type", w.FormDataContentType())
		requireS3Error(t, sendRaw(t, req), wantS3Error{status: 400, code: "InvalidArgument", values: map[string]string{"ArgumentName": "key"}})
	})
}

// A form is authorized as s3:PutObject on its own key: a bucket policy
// that allows PutObject on pub/* and denies it on pub/private/* refuses a
// form whose key is under private/, signed or anonymous (issue 10).
func TestPostObjectAuthorizedOnFormKey(t *testing.T) {
	srv := s3fake.Start(t)
	other := srv.CreateAccount("111111111111")
	require.NoError(t, srv.CreateBucket("pub"))
	require.NoError(t, srv.PutBucketPolicy("pub", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::pub/*"},
		{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::pub/private/*"}]}`))
	file := &formFile{filename: "x.txt", body: []byte("x")}

	resp := postFormTo(t, srv, "/pub", []formPart{{"key", "public/${filename}"}}, file)
	require.Equal(t, http.StatusNoContent, resp.status, "anonymous form allowed by the bucket policy: %s", resp.body)
	resp = postFormTo(t, srv, "/pub", []formPart{{"key", "private/${filename}"}}, file)
	requireS3Error(t, resp, wantAccessDenied())

	sig := v4Signer(srv, other)
	conditions := []string{`{"bucket": "pub"}`, `["starts-with", "$key", ""]`}
	resp = postFormTo(t, srv, "/pub", sig.form([]formPart{{"key", "private/signed.txt"}}, conditions...), file)
	requireS3Error(t, resp, wantAccessDenied())
	resp = postFormTo(t, srv, "/pub", sig.form([]formPart{{"key", "public/signed.txt"}}, conditions...), file)
	require.Equal(t, http.StatusNoContent, resp.status, "%s", resp.body)

	var keys []string
	for _, v := range srv.ObjectVersions("pub", "") {
		keys = append(keys, v.Key)
	}
	assert.Equal(t, []string{"public/signed.txt", "public/x.txt"}, keys, "nothing under private/")
}

// Tags (the tagging field) and user metadata: metadata names are stored
// in lower case; a well-formed tagging document with another root gives no
// tags, one that is not XML is MalformedXML (LocalStack's S3 recordings).
func TestPostObjectTaggingAndMetadata(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("bkt"))
	sig := v4Signer(srv, srv.DefaultAccount())
	conditions := []string{`{"bucket": "bkt"}`, `["starts-with", "$key", ""]`, `["starts-with", "$tagging", ""]`,
		`["starts-with", "$x-amz-meta-TEST-2", ""]`, `["starts-with", "$Cache-Control", ""]`}
	post := func(key, tagging string) wireResponse {
		return postFormTo(t, srv, "/bkt", sig.form([]formPart{{"key", key}, {"tagging", tagging},
			{"x-amz-meta-TEST-2", "v"}, {"Cache-Control", "no-cache"}}, conditions...), &formFile{filename: "f", body: []byte("x")})
	}
	resp := post("tagged", `<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b c</Key><Value>2 3</Value></Tag></TagSet></Tagging>`)
	require.Equal(t, http.StatusNoContent, resp.status, "%s", resp.body)
	out, _ := getObjectBody(t, srv.Client(), "bkt", "tagged")
	assert.Equal(t, int32(2), aws.ToInt32(out.TagCount))
	assert.Equal(t, map[string]string{"test-2": "v"}, out.Metadata)
	assert.Equal(t, "no-cache", aws.ToString(out.CacheControl))

	resp = post("untagged", `<InvalidXmlTagging></InvalidXmlTagging>`)
	require.Equal(t, http.StatusNoContent, resp.status, "%s", resp.body)
	out, _ = getObjectBody(t, srv.Client(), "bkt", "untagged")
	assert.Nil(t, out.TagCount)

	requireS3Error(t, post("bad", "not-xml"), wantS3Error{status: 400, code: "MalformedXML"})
	requireS3Error(t, post("bad", `<Tagging><TagSet><Tag><Key>aws:x</Key><Value>1</Value></Tag></TagSet></Tagging>`),
		wantS3Error{status: 400, code: "InvalidTag"})
}

// SigV2 forms (botocore's default in us-east-1) are verified with the
// same keys; WithStrictSigV4 refuses them as a bucket created today does.
func TestPostObjectSigV2(t *testing.T) {
	for _, strict := range []bool{false, true} {
		var opts []s3fake.Option
		if strict {
			opts = append(opts, s3fake.WithStrictSigV4())
		}
		srv := s3fake.Start(t, opts...)
		require.NoError(t, srv.CreateBucket("bkt"))
		sig := formSigner{acct: srv.DefaultAccount(), v2: true}
		fields := sig.form([]formPart{{"key", "v2.txt"}}, `{"bucket": "bkt"}`, `{"key": "v2.txt"}`)
		resp := postFormTo(t, srv, "/bkt", fields, &formFile{filename: "v2.txt", body: []byte("two")})
		if strict {
			requireS3Error(t, resp, wantS3Error{status: 400, code: "InvalidRequest",
				message: "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."})
			continue
		}
		require.Equal(t, http.StatusNoContent, resp.status, "%s", resp.body)
		_, body := getObjectBody(t, srv.Client(), "bkt", "v2.txt")
		assert.Equal(t, "two", body)

		wrong := formSigner{acct: s3fake.Account{AccessKeyID: srv.DefaultAccount().AccessKeyID, SecretAccessKey: "wrong"}, v2: true}
		resp = postFormTo(t, srv, "/bkt", wrong.form([]formPart{{"key", "v2.txt"}}, `{"bucket": "bkt"}`, `{"key": "v2.txt"}`),
			&formFile{filename: "v2.txt", body: []byte("two")})
		requireS3Error(t, resp, wantS3Error{status: 403, code: "SignatureDoesNotMatch", present: []string{"StringToSign", "StringToSignBytes"}})
	}
}

// Content-MD5 and checksum fields are checked against the file, as the
// same headers are on a PUT.
func TestPostObjectIntegrityFields(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("bkt"))
	sig := v4Signer(srv, srv.DefaultAccount())
	sum := sha256.Sum256([]byte("data"))
	conditions := []string{`{"bucket": "bkt"}`, `["starts-with", "$key", ""]`, `["starts-with", "$x-amz-checksum-sha256", ""]`}
	post := func(checksum string) wireResponse {
		return postFormTo(t, srv, "/bkt", sig.form([]formPart{{"key", "k"}, {"x-amz-checksum-sha256", checksum}}, conditions...),
			&formFile{filename: "f", body: []byte("data")})
	}
	resp := post(base64.StdEncoding.EncodeToString(sum[:]))
	require.Equal(t, http.StatusNoContent, resp.status, "%s", resp.body)
	assert.Equal(t, base64.StdEncoding.EncodeToString(sum[:]), resp.header.Get("x-amz-checksum-sha256"))
	other := sha256.Sum256([]byte("other"))
	resp = post(base64.StdEncoding.EncodeToString(other[:]))
	requireS3Error(t, resp, wantS3Error{status: 400, code: "BadDigest"})
}

// The policy document botocore builds is accepted byte for byte (JSON
// with ", " and ": " separators, %Y-%m-%dT%H:%M:%SZ expiration).
func TestPostObjectBotocoreShapedPolicy(t *testing.T) {
	srv := s3fake.Start(t)
	require.NoError(t, srv.CreateBucket("bkt"))
	sig := v4Signer(srv, srv.DefaultAccount())
	doc, err := json.Marshal(map[string]any{
		"expiration": time.Now().Add(time.Hour).UTC().Format("2006-01-02T15:04:05Z"),
		"conditions": []any{map[string]string{"bucket": "bkt"}, []string{"starts-with", "$key", "up/"},
			map[string]string{"x-amz-algorithm": "AWS4-HMAC-SHA256"}, map[string]string{"x-amz-credential": sig.credential()},
			map[string]string{"x-amz-date": sig.at.Format("20060102T150405Z")}},
	})
	require.NoError(t, err)
	policy := base64.StdEncoding.EncodeToString(doc)
	fields := append([]formPart{{"key", "up/${filename}"}}, sig.fields(policy)...)
	for i := range fields {
		fields[i].name = strings.ToLower(fields[i].name) // botocore's names are lower case
	}
	resp := postFormTo(t, srv, "/bkt", fields, &formFile{filename: "a b.txt", body: []byte("ab")})
	require.Equal(t, http.StatusNoContent, resp.status, "%s", resp.body)
	u, err := url.Parse(resp.header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "/bkt/up/a b.txt", u.Path)
}
