package objstore

// The store's ACL calls: Get/PutBucketAcl and Get/PutObjectAcl, and the
// request headers that carry an ACL.

import (
	"strings"

	"github.com/s3fake/s3fake/internal/bucketcfg"
	"github.com/s3fake/s3fake/internal/canonical"
)

// The ACL request headers.
const (
	hdrACL         = "x-amz-acl"
	hdrGrantPrefix = "x-amz-grant-"
)

// grantHeaders maps each x-amz-grant-* header to its permission.
var grantHeaders = map[string]string{
	"x-amz-grant-full-control": PermFullControl,
	"x-amz-grant-read":         PermRead,
	"x-amz-grant-write":        PermWrite,
	"x-amz-grant-read-acp":     PermReadACP,
	"x-amz-grant-write-acp":    PermWriteACP,
}

// ParseACLHeaders reads the ACL of a request's headers (any case, one
// value each): x-amz-acl, or x-amz-grant-* lists of id="...",
// uri="..." and emailAddress="..." grantees. Both at once is S3's
// InvalidRequest; a grantee list it cannot read is InvalidArgument.
func ParseACLHeaders(header map[string]string) (ACLRequest, error) {
	var r ACLRequest
	grantNames := make([]string, 0, len(grantHeaders))
	for name := range header {
		lower := strings.ToLower(name)
		switch {
		case lower == hdrACL:
			r.Canned = strings.TrimSpace(header[name])
		case strings.HasPrefix(lower, hdrGrantPrefix):
			grantNames = append(grantNames, name)
		}
	}
	for _, perm := range permissions { // a stable grant order
		for _, name := range grantNames {
			if grantHeaders[strings.ToLower(name)] != perm {
				continue
			}
			gs, err := parseGrantees(header[name], perm)
			if err != nil {
				return ACLRequest{}, err
			}
			r.Grants = append(r.Grants, gs...)
			r.Explicit = true
		}
	}
	for _, name := range grantNames {
		if _, ok := grantHeaders[strings.ToLower(name)]; !ok {
			return ACLRequest{}, &Error{Code: "InvalidArgument", Message: "Unsupported header " + name, ArgumentName: name}
		}
	}
	if r.Canned != "" && r.Explicit {
		return ACLRequest{}, errInvalidRequest("Specifying both Canned ACLs and Header Grants is not allowed")
	}
	return r, r.Validate()
}

// parseGrantees reads a grant header's comma-separated list of
// type="value" grantees.
func parseGrantees(list, perm string) ([]Grant, error) {
	var out []Grant
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		k, v, ok := strings.Cut(item, "=")
		v = strings.TrimSpace(v)
		if !ok || len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
			return nil, &Error{Code: "InvalidArgument", Message: "Invalid grant header value", ArgumentValue: list}
		}
		v = v[1 : len(v)-1]
		g := Grant{Permission: perm}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "id":
			g.Type, g.ID = GranteeCanonicalUser, v
		case "uri":
			g.Type, g.URI = GranteeGroup, v
		case "emailaddress":
			g.Type, g.Email = GranteeEmail, v
		default:
			return nil, &Error{Code: "InvalidArgument", Message: "Argument format not recognized", ArgumentValue: list}
		}
		out = append(out, g)
	}
	if len(out) == 0 {
		return nil, &Error{Code: "InvalidArgument", Message: "Argument format not recognized", ArgumentValue: list}
	}
	return out, nil
}

// BucketACL returns the bucket's ACL (NoSuchBucket).
func (s *Store) BucketACL(name string) (ACL, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, err := s.bucketLocked(name)
	if err != nil {
		return ACL{}, err
	}
	return aclOf(b.owner, canonical.ID(b.owner), b.grants), nil
}

// PutBucketACL replaces the bucket's ACL with what r asks for. Under
// BucketOwnerEnforced only bucket-owner-full-control (or its equivalent
// grant) is accepted, and changes nothing; anything else is
// AccessControlListNotSupported.
func (s *Store) PutBucketACL(name string, r ACLRequest) (err error) {
	if err := r.Validate(); err != nil {
		return err
	}
	s.lockW()
	defer s.unlockW(&err)
	b, err := s.bucketLocked(name)
	if err != nil {
		return err
	}
	ownerID := canonical.ID(b.owner)
	if b.ownershipLocked() == bucketcfg.OwnershipBucketOwnerEnforced {
		if !enforcedAllows(r, ownerID) {
			return errACLNotSupported()
		}
		s.noteBucketLocked(b) // journal.go
		b.grants = nil
		return nil
	}
	if err := checkPublicACLLocked(b, r); err != nil {
		return err
	}
	s.noteBucketLocked(b)
	b.grants = grantsFor(r, ownerID, ownerID, true)
	return nil
}

// ObjectACL returns the ACL of the current version of key, or of the
// version named by versionID. A delete marker comes back as an Object
// with DeleteMarker set and no ACL (S3 answers 404 or 405). Errors as
// ReadObject.
func (s *Store) ObjectACL(bucket, key, versionID string) (*Object, ACL, error) {
	s.mu.RLock()
	b, err := s.bucketLocked(bucket)
	if err != nil {
		s.mu.RUnlock()
		return nil, ACL{}, err
	}
	head := b.index.get(key)
	v := head
	if versionID != "" {
		v, err = s.findVersion(head, versionID)
	}
	versioned := b.versioning != Unversioned
	s.mu.RUnlock()
	switch {
	case err != nil:
		return nil, ACL{}, err
	case v == nil && versionID != "":
		return nil, ACL{}, errNoSuchVersion(key, versionID)
	case v == nil:
		return nil, ACL{}, errNoSuchKey(key)
	}
	o := s.objectOf(key, v, versioned)
	if o.DeleteMarker {
		return o, ACL{}, nil
	}
	fs := v.facts.Value()
	return o, aclOf(fs.ownerAccount, fs.ownerID, v.grantList()), nil
}

// PutObjectACL replaces the ACL of a version (the current one without
// versionID) with what r asks for; the version keeps its id and owner.
// Under BucketOwnerEnforced only bucket-owner-full-control is accepted
// (AccessControlListNotSupported otherwise). Errors as SetObjectTags.
func (s *Store) PutObjectACL(bucketName, key, versionID string, r ACLRequest) (*Object, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return s.changeVersion(bucketName, key, versionID, false, func(b *bucket, v *version) error {
		bucketOwnerID := canonical.ID(b.owner)
		fs := v.facts.Value()
		var grants []Grant
		if b.ownershipLocked() == bucketcfg.OwnershipBucketOwnerEnforced {
			if !enforcedAllows(r, bucketOwnerID) {
				return errACLNotSupported()
			}
		} else {
			if err := checkPublicACLLocked(b, r); err != nil {
				return err
			}
			grants = grantsFor(r, fs.ownerID, bucketOwnerID, false)
		}
		x := versionExtra{}
		if v.extra != nil {
			x = *v.extra
		}
		x.grants = grants
		v.extra = &x
		return nil
	})
}
