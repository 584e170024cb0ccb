package s3fake

import (
	"encoding/base64"
	"encoding/json"

	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/inventory"
)

// sourceVersions takes an atomic snapshot of bucket under prefix and
// returns its versions as the report generator reads them: key order,
// newest version first per key.
func (s *Server) sourceVersions(bucket, prefix string) ([]inventory.ObjectVersion, error) {
	snap, err := s.objects.Snapshot(bucket, prefix)
	if err != nil {
		return nil, err
	}
	var out []inventory.ObjectVersion
	for vi := range snap.All() {
		out = append(out, objectVersion(vi))
	}
	return out, nil
}

// objectVersion maps the store's facts to inventory's, field for field.
func objectVersion(vi objstore.VersionInfo) inventory.ObjectVersion {
	v := inventory.ObjectVersion{
		Key: vi.Key, VersionID: vi.VersionID, IsLatest: vi.IsLatest, IsDeleteMarker: vi.IsDeleteMarker,
		Size: vi.Size, LastModified: vi.LastModified, ETag: vi.ETag,
		OwnerCanonicalID: vi.OwnerID,
	}
	if vi.IsDeleteMarker {
		return v
	}
	f := vi.Facts
	v.StorageClass = f.StorageClass
	v.IsMultipartUploaded = vi.IsMultipart()
	v.ReplicationStatus = f.ReplicationStatus
	v.EncryptionStatus = f.Encryption
	v.ObjectLockRetainUntil = f.LockRetainUntil
	v.ObjectLockMode = f.LockMode
	v.ObjectLockLegalHold = f.LegalHold
	v.IntelligentTieringAccessTier = f.AccessTier
	v.BucketKeyStatus = f.BucketKeyStatus()
	v.ChecksumAlgorithm = f.ChecksumAlgorithm
	v.ObjectACL = ownerOnlyACL(f.OwnerID)
	return v
}

// ownerOnlyACL is the ObjectAccessControlList value of an object whose ACL
// grants its owner FULL_CONTROL and nothing else (S3's default, and the only
// ACL s3fake models): the JSON document, base64-encoded as reports carry it.
func ownerOnlyACL(ownerID string) string {
	type grant struct {
		CanonicalID string `json:"canonicalId"`
		Type        string `json:"type"`
		Permission  string `json:"permission"`
	}
	doc := struct {
		Version string  `json:"version"`
		Status  string  `json:"status"`
		Grants  []grant `json:"grants"`
	}{"2022-11-10", "AVAILABLE", []grant{{ownerID, "CanonicalUser", "FULL_CONTROL"}}}
	data, _ := json.Marshal(doc) // plain strings always marshal
	return base64.StdEncoding.EncodeToString(data)
}
