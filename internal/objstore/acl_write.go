package objstore

// What the bucket adds to every new version, whichever call writes it
// (PutObject, CopyObject, CompleteMultipartUpload): its owner and ACL
// under the bucket's Object Ownership, the bucket's default encryption
// when the request named none, and its replication.

// newVersionStateLocked applies b's rules to v, a new version of key
// written by writer (an account id; "" is the bucket owner) with the
// request headers lower, whose facts f will be interned next. It returns
// where the version is to be replicated once it is stored (replicateLocked).
func (s *Store) newVersionStateLocked(b *bucket, key, writer string, lower map[string]string, f *Facts, v *version) (replicaPlan, error) {
	acl, err := ParseACLHeaders(lower)
	if err != nil {
		return replicaPlan{}, err
	}
	owner, grants, err := newVersionOwnerLocked(b, writer, acl)
	if err != nil {
		return replicaPlan{}, err
	}
	f.OwnerAccount, f.OwnerID = owner, ""
	if grants != nil {
		x := versionExtra{}
		if v.extra != nil {
			x = *v.extra
		}
		x.grants = grants
		v.extra = &x
	}
	applyDefaultEncryptionLocked(b, f, lower)
	return s.replicationPlanLocked(b, key, v.tagList(), f), nil
}
