package s3fake

// Browser-form POST uploads (PostObject): POST /bucket with
// multipart/form-data, authenticated by a signed POST policy in the form
// (or anonymous) and authorized as s3:PutObject on the form's key, so
// that a Deny on private/* refuses a form whose key is under private/.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
//
// The check order follows what S3 was seen to answer: the enclosure type
// (412), the form (MalformedPOSTRequest, the 20 KB before the file), the
// file, the key and the signature fields (InvalidArgument), the signature,
// the policy document (InvalidPolicyDocument), its expiration and
// conditions (AccessDenied "Invalid according to Policy"), authorization,
// then the file's size against content-length-range.

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

func (s *Server) postObject(req *request) (response, error) {
	form, err := readPostForm(req.r)
	if err != nil {
		return response{}, err
	}
	if form.file == nil {
		e := xmlcodec.NewError(xmlcodec.InvalidArgument, "POST requires exactly one file upload per request.")
		e.ArgumentName, e.ArgumentValue = "file", "0"
		return response{}, e
	}
	fields := expandFilename(form)
	expanded := &postForm{fields: fields}
	key, _ := expanded.get("key")
	if key == "" {
		return response{}, access.MissingPostField("key")
	}
	if err := checkKeyLength(key); err != nil {
		return response{}, err
	}
	policy, err := s.authenticatePost(req, expanded)
	if err != nil {
		return response{}, err
	}
	if acl, ok := expanded.get("acl"); ok {
		// The acl field is what the x-amz-acl header is to a PUT, for
		// the s3:x-amz-acl condition keys of bucket policies.
		req.r.Header.Set("X-Amz-Acl", acl)
	}
	owner, _ := s.objects.BucketOwner(req.bucket)
	if err := s.decide(req, "s3:PutObject", access.ObjectARN(req.bucket, key), owner); err != nil {
		return response{}, err
	}
	header, err := postObjectHeader(expanded)
	if err != nil {
		return response{}, err
	}
	// The form's SSE-C and Object Lock fields are checked as a PUT's
	// headers are.
	fieldHeader := http.Header{}
	for k, v := range header {
		fieldHeader.Set(k, v)
	}
	if err := s.checkCustomerKeyHeader(req, key, fieldHeader, "s3:PutObject"); err != nil {
		return response{}, err
	}
	if err := s.checkLockHeaders(req, fieldHeader); err != nil {
		return response{}, err
	}
	header = headerMap(fieldHeader)
	data, err := io.ReadAll(form.file)
	if err != nil {
		return response{}, postReadError(err)
	}
	if policy != nil {
		if err := policy.CheckSize(int64(len(data))); err != nil {
			return response{}, err
		}
	}
	// The signer writes the object, as the caller of a PUT does: under
	// ObjectWriter it owns it.
	res, err := s.objects.WriteObject(objstore.PutInput{Bucket: req.bucket, Key: key, Data: data, Header: header,
		Writer: req.auth.Principal().AccountID})
	if err != nil {
		return response{}, err
	}
	return postAnswer(req, expanded, key, res, header), nil
}

// expandFilename returns the form's fields with ${filename} replaced by
// the file's name in every value, as S3 does before checking the policy.
// A file part without a filename parameter leaves ${filename} as it is
// (what S3 did in LocalStack's AWS-validated recording).
func expandFilename(form *postForm) []access.PostField {
	out := make([]access.PostField, len(form.fields))
	for i, f := range form.fields {
		if form.hasFilename {
			f.Value = strings.ReplaceAll(f.Value, "${filename}", form.filename)
		}
		out[i] = f
	}
	return out
}

// authenticatePost verifies the form's signature and, for a signed form,
// its policy: expiration and conditions against the wall clock (as
// signatures are). The signer becomes the request's caller. An unsigned
// form keeps the request's own caller (anonymous for a browser) and has no
// policy to check.
func (s *Server) authenticatePost(req *request, form *postForm) (*access.PostPolicy, error) {
	auth, err := s.verifier.VerifyPost(func(name string) (string, bool) { return form.get(name) })
	if err != nil {
		return nil, err
	}
	if auth.Anonymous() {
		return nil, nil
	}
	doc, _ := form.get("policy")
	policy, err := access.ParsePostPolicy(doc)
	if err != nil {
		return nil, err
	}
	_, v4 := form.get("x-amz-signature")
	for _, n := range []string{"x-amz-algorithm", "x-amz-credential"} {
		if _, ok := form.get(n); ok {
			v4 = true
		}
	}
	if err := policy.CheckFields(time.Now(), req.bucket, form.fields, !v4); err != nil {
		return nil, err
	}
	req.auth = auth
	return policy, nil
}

// postStoredFields are the form fields that are the object's headers, as
// the same request headers are to a PUT; x-amz-* fields (metadata,
// storage class, encryption, checksums, object lock) are too, but for the
// signature's own.
var postStoredFields = map[string]bool{
	"cache-control": true, "content-disposition": true, "content-encoding": true,
	"content-language": true, "content-type": true, "expires": true, "content-md5": true,
}

var postSignatureFields = map[string]bool{
	"x-amz-algorithm": true, "x-amz-credential": true, "x-amz-date": true,
	"x-amz-signature": true, "x-amz-security-token": true,
}

// postObjectHeader is the header map WriteObject reads for the form: the
// stored fields (the first of a repeated name) and the tagging field as
// x-amz-tagging.
func postObjectHeader(form *postForm) (map[string]string, error) {
	h := map[string]string{}
	for _, f := range form.fields {
		lower := strings.ToLower(f.Name)
		if _, dup := h[lower]; dup {
			continue
		}
		if postStoredFields[lower] || strings.HasPrefix(lower, "x-amz-") && !postSignatureFields[lower] {
			h[lower] = f.Value
		}
	}
	if doc, ok := form.get("tagging"); ok {
		tags, err := xmlcodec.DecodePostTagging([]byte(doc))
		if err != nil {
			return nil, err
		}
		pairs := make([]string, len(tags))
		for i, t := range tags {
			pairs[i] = url.QueryEscape(t.Key) + "=" + url.QueryEscape(t.Value)
		}
		h["x-amz-tagging"] = strings.Join(pairs, "&")
	}
	return h, nil
}

// postAnswer is the success answer: a 303 to success_action_redirect (or
// the deprecated redirect) when it is an absolute URL, otherwise
// success_action_status: 200 or 204 (the default, also for any other
// value) without a body, 201 with a PostResponse. Each carries the ETag,
// the object's URL in Location, the version id, the encryption and the
// checksum.
func postAnswer(req *request, form *postForm, key string, res objstore.PutResult, header map[string]string) response {
	object := objectURL(req, key)
	h := map[string]string{"ETag": res.ETag, "Location": object}
	if res.VersionID != "" {
		h["x-amz-version-id"] = res.VersionID
	}
	writeEncryptionHeaders(h, res.Facts, http.Header{
		"X-Amz-Server-Side-Encryption-Customer-Key-Md5": {objstore.CustomerKeyMD5(header)},
	})
	checksumHeaders(h, res.Facts)
	redirect, ok := form.get("success_action_redirect")
	if !ok {
		redirect, _ = form.get("redirect")
	}
	if u, err := url.Parse(redirect); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		sep := "?"
		if strings.Contains(redirect, "?") {
			sep = "&"
		}
		h["Location"] = redirect + sep + "bucket=" + url.QueryEscape(req.bucket) +
			"&key=" + url.QueryEscape(key) + "&etag=" + url.QueryEscape(res.ETag)
		return response{status: http.StatusSeeOther, header: h}
	}
	switch status, _ := form.get("success_action_status"); status {
	case "200":
		return response{status: http.StatusOK, header: h}
	case "201":
		return response{status: http.StatusCreated, header: h,
			body: xmlcodec.EncodePostResponse(object, req.bucket, key, res.ETag)}
	}
	return response{status: http.StatusNoContent, header: h}
}

// objectURL is the URL of bucket/key as the client addressed the bucket:
// path style on the Host it sent, or bucket.localhost for virtual-host
// requests (which the front handler rewrote to path style). The key is
// escaped whole, '/' included, as S3 writes it in Location.
func objectURL(req *request, key string) string {
	scheme := "http"
	if req.r.TLS != nil {
		scheme = "https"
	}
	escaped := url.PathEscape(key)
	path, _, _ := strings.Cut(req.r.RequestURI, "?")
	if first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/"); first == req.bucket || path == "" {
		return scheme + "://" + req.r.Host + "/" + req.bucket + "/" + escaped
	}
	host := req.bucket + ".localhost"
	if addr, ok := req.r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if _, port, err := net.SplitHostPort(addr.String()); err == nil {
			host += ":" + port
		}
	}
	return scheme + "://" + host + "/" + escaped
}
