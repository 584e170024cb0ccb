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

// objectVersion is the report row of a stored version: the store's facts
// record as it is (one type, inventory.ObjectFacts), plus the per-row
// fields only a snapshot knows. A delete marker keeps its key, version
// and time; a report shows nothing else of it.
func objectVersion(vi objstore.VersionInfo) inventory.ObjectVersion {
	v := inventory.ObjectVersion{
		Key: vi.Key, VersionID: vi.VersionID, IsLatest: vi.IsLatest, IsDeleteMarker: vi.IsDeleteMarker,
		Size: vi.Size, LastModified: vi.LastModified, ETag: vi.ETag,
		ObjectFacts: vi.Facts,
	}
	if vi.IsDeleteMarker {
		return v
	}
	v.IsMultipartUploaded = vi.IsMultipart()
	v.ObjectACL = reportACL(vi.ACL())
	v.LifecycleExpiration = vi.LifecycleExpiration
	if v.StorageClass == objstore.StorageIntelligentTiering {
		// The date Intelligent-Tiering counts the object's days without
		// access from. s3fake records no reads, so an object is never
		// accessed after its write: its reference date is its
		// LastModified, and it stays in the tier it was written with
		// (docs/inventory-report.md).
		v.IntelligentTieringReferenceDate = vi.LastModified
	}
	return v
}

// reportACL is the ObjectAccessControlList value of a version: its ACL as
// the JSON document S3 Inventory writes (CanonicalUser grants with their
// canonicalId, Group grants with their uri), base64-encoded as reports
// carry it.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/objectacl.html
func reportACL(acl objstore.ACL) string {
	type grant struct {
		CanonicalID string `json:"canonicalId,omitempty"`
		URI         string `json:"uri,omitempty"`
		Type        string `json:"type"`
		Permission  string `json:"permission"`
	}
	grants := make([]grant, 0, len(acl.Grants))
	for _, g := range acl.Grants {
		grants = append(grants, grant{CanonicalID: g.ID, URI: g.URI, Type: g.Type, Permission: g.Permission})
	}
	doc := struct {
		Version string  `json:"version"`
		Status  string  `json:"status"`
		Grants  []grant `json:"grants"`
	}{"2022-11-10", "AVAILABLE", grants}
	data, _ := json.Marshal(doc) // plain strings always marshal
	return base64.StdEncoding.EncodeToString(data)
}
