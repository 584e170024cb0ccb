package s3fake

// Bucket and object ACLs: GetBucketAcl, PutBucketAcl, GetObjectAcl and
// PutObjectAcl. The store keeps the grants and applies Object Ownership
// (internal/objstore/acl.go); this file reads the request's ACL (headers
// or an AccessControlPolicy body) and writes S3's document.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAcl.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAcl.html

import (
	"errors"
	"net/http"

	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

func (s *Server) getBucketAcl(req *request) (response, error) {
	acl, err := s.objects.BucketACL(req.bucket)
	if err != nil {
		return response{}, err
	}
	return response{status: http.StatusOK, body: encodeACL(acl)}, nil
}

func (s *Server) putBucketAcl(req *request) (response, error) {
	r, err := requestedACL(req)
	if err != nil {
		return response{}, err
	}
	if err := s.objects.PutBucketACL(req.bucket, r); err != nil {
		return response{}, err
	}
	return response{status: http.StatusOK}, nil
}

// getObjectAcl answers a version's ACL; a delete marker is S3's 404 (the
// current version) or 405 (named by id).
func (s *Server) getObjectAcl(req *request) (response, error) {
	versionID, err := versionParam(req)
	if err != nil {
		return response{}, err
	}
	o, acl, err := s.objects.ObjectACL(req.bucket, req.key, versionID)
	var body []byte
	if err == nil && !o.DeleteMarker {
		body = encodeACL(acl)
	}
	return stateAnswer(req, o, versionID, err, http.StatusOK, body)
}

func (s *Server) putObjectAcl(req *request) (response, error) {
	versionID, err := versionParam(req)
	if err != nil {
		return response{}, err
	}
	r, err := requestedACL(req)
	if err != nil {
		return response{}, err
	}
	o, err := s.objects.PutObjectACL(req.bucket, req.key, versionID, r)
	return stateAnswer(req, o, versionID, err, http.StatusOK, nil)
}

// requestedACL is the ACL a Put*Acl asks for: x-amz-acl or x-amz-grant-*
// headers, or an AccessControlPolicy body; exactly one of them.
func requestedACL(req *request) (objstore.ACLRequest, error) {
	r, err := objstore.ParseACLHeaders(headerMap(req.r.Header))
	if err != nil {
		return r, err
	}
	data, err := req.readDocument()
	if err != nil {
		return r, err
	}
	switch {
	case len(data) > 0 && !r.None():
		// S3 takes the ACL from the headers or the body, never both.
		return r, xmlcodec.NewError(xmlcodec.InvalidRequest, "Specifying both an ACL header and an AccessControlPolicy body is not allowed")
	case len(data) > 0:
		return decodeACLBody(data)
	case r.None():
		e := xmlcodec.NewError(xmlcodec.MissingSecurityHeader, "")
		e.Extra = []xmlcodec.ExtraField{{Name: "MissingHeaderName", Value: "x-amz-acl"}}
		return r, e
	}
	return r, nil
}

// decodeACLBody reads an AccessControlPolicy; S3 answers a document it
// cannot read with MalformedACLError rather than MalformedXML.
func decodeACLBody(data []byte) (objstore.ACLRequest, error) {
	p, err := xmlcodec.DecodeAccessControlPolicy(data)
	var malformed *xmlcodec.MalformedError
	if errors.As(err, &malformed) {
		return objstore.ACLRequest{}, xmlcodec.NewError(xmlcodec.MalformedACLError, "")
	}
	if err != nil {
		return objstore.ACLRequest{}, err
	}
	r := objstore.ACLRequest{Explicit: true, Grants: make([]objstore.Grant, len(p.Grants))}
	for i, g := range p.Grants {
		r.Grants[i] = objstore.Grant{Type: g.Type, ID: g.ID, URI: g.URI, Email: g.Email, Permission: g.Permission}
	}
	return r, nil
}

// encodeACL writes acl as S3 does: the owner with its canonical id and,
// as ListBuckets shows it, its account as DisplayName; the owner's own
// grants carry the same DisplayName.
func encodeACL(acl objstore.ACL) []byte {
	p := xmlcodec.AccessControlPolicy{OwnerID: acl.OwnerID, OwnerName: acl.OwnerAccount}
	for _, g := range acl.Grants {
		w := xmlcodec.ACLGrant{Type: g.Type, ID: g.ID, URI: g.URI, Email: g.Email, Permission: g.Permission}
		if g.Type == objstore.GranteeCanonicalUser && g.ID == acl.OwnerID {
			w.DisplayName = acl.OwnerAccount
		}
		p.Grants = append(p.Grants, w)
	}
	return xmlcodec.EncodeAccessControlPolicy(p)
}
