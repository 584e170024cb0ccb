package objstore

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/s3fake/s3fake/internal/bucketcfg"
)

// A journal record is one write's changes (or, in a checkpoint, one
// entity's whole state). Encoded, it is:
//
//	uvarint  length of the header
//	header   JSON of journalRecord, which lists the bodies' lengths
//	bodies   the object and part bodies, raw, one after the other
//
// JSON of the store's own record types keeps the format readable and
// tolerant of new fields (an older record decodes with their zero value);
// bodies stay out of it so that a 1 MiB object is not base64-encoded.

// journalRecord is the header of a record.
type journalRecord struct {
	// Seq is the store's last issued sequence number after the change.
	Seq uint64 `json:"seq"`
	// Blobs are the lengths of the bodies that follow the header.
	Blobs []int       `json:"blobs,omitempty"`
	Ops   []journalOp `json:"ops"`
}

// The kinds of journalOp.
const (
	opKey           = "key"           // Bucket, Key, Drop, Front
	opBucket        = "bucket"        // Bucket, Meta: created or its fields changed
	opBucketDeleted = "bucketDeleted" // Bucket
	opUpload        = "upload"        // Bucket, Upload: created or completed
	opUploadDeleted = "uploadDeleted" // Bucket, UploadID: aborted
	opPart          = "part"          // Bucket, UploadID, Part
	opSeq           = "seq"           // nothing but the record's Seq
)

// journalOp is one entity's change.
type journalOp struct {
	Kind   string `json:"k"`
	Bucket string `json:"b"`
	Key    string `json:"key,omitempty"`
	// Drop is how many of the key's newest versions go; Front are the
	// versions, newest first, put in front of the rest.
	Drop     int             `json:"drop,omitempty"`
	Front    []versionRecord `json:"front,omitempty"`
	Meta     *bucketRecord   `json:"meta,omitempty"`
	Upload   *uploadRecord   `json:"upload,omitempty"`
	UploadID string          `json:"uploadId,omitempty"`
	Part     *partRecord     `json:"part,omitempty"`
}

// versionRecord is a version (or delete marker).
type versionRecord struct {
	Seq      uint64 `json:"seq"`
	Modified int64  `json:"modified"`
	Size     int64  `json:"size"`
	// Body is the body's blob (1-based; 0: a nil body, as a size-only
	// version has). SameBody says the body is that of the dropped version
	// with the same Seq.
	Body         int               `json:"body,omitempty"`
	SameBody     bool              `json:"sameBody,omitempty"`
	MD5          []byte            `json:"md5"`
	Parts        uint16            `json:"parts,omitempty"`
	DeleteMarker bool              `json:"deleteMarker,omitempty"`
	Null         bool              `json:"null,omitempty"`
	Facts        Facts             `json:"facts"`
	Extra        bool              `json:"extra,omitempty"`
	Meta         map[string]string `json:"meta,omitempty"`
	Checksum     string            `json:"checksum,omitempty"`
	PartSizes    []int64           `json:"partSizes,omitempty"`
	Tags         []Tag             `json:"tags,omitempty"`
	Grants       []Grant           `json:"grants,omitempty"`
}

func versionRecordOf(v *version) versionRecord {
	r := versionRecord{
		Seq: v.seq, Modified: v.modified, Size: v.size, MD5: v.md5[:], Parts: v.parts,
		DeleteMarker: v.isDeleteMarker(), Null: v.isNull(), Facts: v.exportFacts(),
	}
	if x := v.extra; x != nil {
		r.Extra = true
		r.Meta, r.Checksum, r.PartSizes, r.Tags, r.Grants = x.meta, x.checksum, x.partSizes, x.tags, x.grants
	}
	return r
}

// version rebuilds the version with body.
func (r versionRecord) version(body []byte) (*version, error) {
	v := &version{seq: r.Seq, modified: r.Modified, size: r.Size, body: body, parts: r.Parts}
	if len(r.MD5) != len(v.md5) {
		return nil, fmt.Errorf("version %d: MD5 of %d bytes", r.Seq, len(r.MD5))
	}
	copy(v.md5[:], r.MD5)
	if r.DeleteMarker {
		v.flags |= flagDeleteMarker
	}
	if r.Null {
		v.flags |= flagNull
	}
	f := r.Facts
	f.Checksum, f.PartCount = "", 0 // kept by the version itself
	v.facts = internFacts(f)
	if r.Extra {
		v.extra = &versionExtra{meta: r.Meta, checksum: r.Checksum, partSizes: r.PartSizes, tags: r.Tags, grants: r.Grants}
	}
	return v, nil
}

// bucketRecord is a bucket's own fields: everything but its objects and
// uploads.
type bucketRecord struct {
	Owner      string     `json:"owner"`
	Created    time.Time  `json:"created"`
	Versioning Versioning `json:"versioning,omitempty"`
	MFADelete  string     `json:"mfaDelete,omitempty"`
	Region     string     `json:"region,omitempty"`
	ObjectLock bool       `json:"objectLock,omitempty"`
	Grants     []Grant    `json:"grants"`

	Tagging             *bucketcfg.Tagging           `json:"tagging,omitempty"`
	Encryption          *bucketcfg.Encryption        `json:"encryption,omitempty"`
	CORS                *bucketcfg.CORS              `json:"cors,omitempty"`
	Website             *bucketcfg.Website           `json:"website,omitempty"`
	Lifecycle           *bucketcfg.Lifecycle         `json:"lifecycle,omitempty"`
	Replication         *bucketcfg.Replication       `json:"replication,omitempty"`
	Ownership           *bucketcfg.OwnershipControls `json:"ownership,omitempty"`
	OwnershipRemoved    bool                         `json:"ownershipRemoved,omitempty"`
	PublicAccess        *bucketcfg.PublicAccessBlock `json:"publicAccess,omitempty"`
	PublicAccessRemoved bool                         `json:"publicAccessRemoved,omitempty"`
	ObjectLockConfig    *bucketcfg.ObjectLock        `json:"objectLockConfig,omitempty"`
	Logging             *bucketcfg.Logging           `json:"logging,omitempty"`
	Accelerate          bucketcfg.Accelerate         `json:"accelerate"`
	RequestPayment      *bucketcfg.RequestPayment    `json:"requestPayment,omitempty"`
	Notification        *bucketcfg.Notification      `json:"notification,omitempty"`
}

// bucketRecordOf records b's fields. Configuration documents are replaced
// whole, never changed in place, so sharing them is safe.
func bucketRecordOf(b *bucket) *bucketRecord {
	c := &b.configs
	return &bucketRecord{
		Owner: b.owner, Created: b.created, Versioning: b.versioning, MFADelete: b.mfaDelete,
		Region: b.region, ObjectLock: b.objectLock, Grants: b.grants,
		Tagging: c.tagging, Encryption: c.encryption, CORS: c.cors, Website: c.website,
		Lifecycle: c.lifecycle, Replication: c.replication,
		Ownership: c.ownership.value, OwnershipRemoved: c.ownership.removed,
		PublicAccess: c.publicAccess.value, PublicAccessRemoved: c.publicAccess.removed,
		ObjectLockConfig: c.objectLock, Logging: c.logging, Accelerate: c.accelerate,
		RequestPayment: c.requestPayment, Notification: c.notification,
	}
}

// apply sets b's fields from r.
func (r *bucketRecord) apply(b *bucket) {
	b.owner, b.created, b.versioning, b.mfaDelete = r.Owner, r.Created, r.Versioning, r.MFADelete
	b.region, b.objectLock, b.grants = r.Region, r.ObjectLock, r.Grants
	b.configs = bucketConfigs{
		tagging: r.Tagging, encryption: r.Encryption, cors: r.CORS, website: r.Website,
		lifecycle: r.Lifecycle, replication: r.Replication,
		ownership:    defaulted[bucketcfg.OwnershipControls]{value: r.Ownership, removed: r.OwnershipRemoved},
		publicAccess: defaulted[bucketcfg.PublicAccessBlock]{value: r.PublicAccess, removed: r.PublicAccessRemoved},
		objectLock:   r.ObjectLockConfig, logging: r.Logging, accelerate: r.Accelerate,
		requestPayment: r.RequestPayment, notification: r.Notification,
	}
	b.markerFacts = newBucket(b.name, r.Owner, r.Created).markerFacts // the owner's
}

// uploadRecord is a multipart upload without its parts (each part is
// its own op), or the tombstone of a completed one (Done set).
type uploadRecord struct {
	ID        string            `json:"id"`
	Seq       uint64            `json:"seq"`
	Key       string            `json:"key"`
	Initiated time.Time         `json:"initiated"`
	Facts     Facts             `json:"facts"`
	Checksum  string            `json:"checksum,omitempty"`
	Stored    map[string]string `json:"stored,omitempty"`
	Lower     map[string]string `json:"lower,omitempty"`
	Tags      []Tag             `json:"tags,omitempty"`
	Done      *Completion       `json:"done,omitempty"`
}

func uploadRecordOf(u *upload) *uploadRecord {
	return &uploadRecord{ID: u.id, Seq: u.seq, Key: u.key, Initiated: u.initiated,
		Facts: u.req.facts, Checksum: u.req.checksum, Stored: u.req.stored, Lower: u.req.lower,
		Tags: u.tags, Done: u.done}
}

func (r *uploadRecord) upload() *upload {
	u := &upload{id: r.ID, seq: r.Seq, key: r.Key, initiated: r.Initiated, tags: r.Tags, done: r.Done,
		req: request{facts: r.Facts, checksum: r.Checksum, stored: r.Stored, lower: r.Lower}}
	if r.Done == nil {
		u.parts = make(map[int]*part)
	}
	return u
}

// partRecord is an uploaded part.
type partRecord struct {
	Number   int       `json:"n"`
	Body     int       `json:"body,omitempty"` // blob, as versionRecord.Body
	MD5      []byte    `json:"md5"`
	Checksum []byte    `json:"checksum,omitempty"`
	Modified time.Time `json:"modified"`
}

func partRecordOf(p *part, blobs *blobSet) *partRecord {
	return &partRecord{Number: p.number, Body: blobs.add(p.body), MD5: p.md5[:], Checksum: p.checksum, Modified: p.modified}
}

// encodeRecord encodes rec and its bodies as the pieces of one record:
// the header, then each body (not copied).
func encodeRecord(rec journalRecord, blobs [][]byte) ([][]byte, error) {
	rec.Blobs = make([]int, len(blobs))
	for i, b := range blobs {
		rec.Blobs[i] = len(b)
	}
	hdr, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("objstore: journal: %w", err)
	}
	head := binary.AppendUvarint(make([]byte, 0, len(hdr)+binary.MaxVarintLen64), uint64(len(hdr)))
	head = append(head, hdr...)
	return append([][]byte{head}, blobs...), nil
}

// decodeRecord splits an encoded record into its header and bodies,
// which point into data.
func decodeRecord(data []byte) (journalRecord, [][]byte, error) {
	var rec journalRecord
	n, k := binary.Uvarint(data)
	if k <= 0 || n > uint64(len(data)-k) {
		return rec, nil, errors.New("objstore: journal record: bad header length")
	}
	if err := json.Unmarshal(data[k:k+int(n)], &rec); err != nil {
		return rec, nil, fmt.Errorf("objstore: journal record: %w", err)
	}
	rest := data[k+int(n):]
	blobs := make([][]byte, len(rec.Blobs))
	for i, l := range rec.Blobs {
		if l < 0 || l > len(rest) {
			return rec, nil, errors.New("objstore: journal record: a body runs past its end")
		}
		blobs[i], rest = rest[:l:l], rest[l:]
	}
	if len(rest) != 0 {
		return rec, nil, errors.New("objstore: journal record: bytes after the last body")
	}
	return rec, blobs, nil
}
