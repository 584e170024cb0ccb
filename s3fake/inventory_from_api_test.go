package s3fake_test

// Every inventory field from API state (issue 12): a source bucket set up
// only through aws-sdk-go-v2 (Object Lock, ObjectWriter ownership, SSE-KMS
// default encryption with a bucket key, a lifecycle rule, a replication
// rule to a second bucket), objects written through the SDK with storage
// classes, encryption, retention, legal holds, tags, ACLs, a multipart
// upload, checksums, an overwrite and a delete marker; then the report of
// every optional field, read back in CSV, Parquet and ORC, column by
// column, row by row. No seeding: the server is only asked to run.

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
	"github.com/s3fake/s3fake/s3fake"
)

const (
	apiSrc        = "api-src"
	apiReplica    = "api-replica"
	apiReports    = "api-reports"
	apiReplReport = "api-replica-reports"
	apiBucketKey  = "arn:aws:kms:us-east-1:000000000000:key/bucket-default"
	apiObjectKey  = "arn:aws:kms:us-east-1:000000000000:key/object"
	apiWriterID   = "222222222222"
	groupAllUsers = "http://acs.amazonaws.com/groups/global/AllUsers"
)

// apiCreated is when every object is written: 10:30 UTC, so that a
// lifecycle rule of 3 days expires it at the midnight after 3 days, as in
// AWS's own example (created 1/15 10:30 UTC, 3 days: 1/19 00:00 UTC).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html
var apiCreated = time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)

// apiWorld is what the SDK wrote, for the expectations.
type apiWorld struct {
	srv    *s3fake.Server
	owner  string // canonical ids
	writer string
	// version ids
	aV1, aV2, bV1, planV1, mpV1, oldV1, oldDM string
	mpETag                                    string
	mpSize                                    int64
}

// sdkOK fails t on the error of an SDK call: sdkOK(t)(c.Call(ctx, in)).
func sdkOK(t *testing.T) func(any, error) {
	return func(_ any, err error) {
		t.Helper()
		require.NoError(t, err)
	}
}

func md5hex(b []byte) string {
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}

// newAPIWorld builds the buckets and objects through the SDK only.
func newAPIWorld(t *testing.T) *apiWorld {
	t.Helper()
	ctx := context.Background()
	srv := s3fake.Start(t, s3fake.WithStartTime(apiCreated))
	writerAcct := srv.CreateAccount(apiWriterID)
	w := &apiWorld{srv: srv, owner: srv.DefaultAccount().CanonicalID(), writer: writerAcct.CanonicalID()}
	c := srv.Client()
	b := aws.String(apiSrc)

	// Buckets: the source with Object Lock (which turns versioning on) and
	// ObjectWriter ownership so that ACLs and writer-owned objects exist.
	sdkOK(t)(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: b, ObjectLockEnabledForBucket: aws.Bool(true),
		ObjectOwnership: types.ObjectOwnershipObjectWriter}))
	// Block Public Access off, so that a public-read ACL can be put.
	sdkOK(t)(c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b}))
	sdkOK(t)(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(apiReplica)}))
	sdkOK(t)(c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(apiReplica),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}))
	for dest, source := range map[string]string{apiReports: apiSrc, apiReplReport: apiReplica} {
		sdkOK(t)(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(dest)}))
		sdkOK(t)(c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(dest),
			Policy: aws.String(fixtures.DeliveryPolicy(dest, source, s3fake.DefaultAccountID))}))
	}
	sdkOK(t)(c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b,
		Policy: aws.String(fixtures.AllowAccount(apiSrc, apiWriterID, "s3:PutObject"))}))

	// Source configurations.
	sdkOK(t)(c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b,
		ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAwsKms,
				KMSMasterKeyID: aws.String(apiBucketKey)},
			BucketKeyEnabled: aws.Bool(true)}}}}))
	sdkOK(t)(c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: b,
		LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: []types.LifecycleRule{
			{ID: aws.String("disabled-everything"), Status: types.ExpirationStatusDisabled,
				Filter:     &types.LifecycleRuleFilter{Prefix: aws.String("")},
				Expiration: &types.LifecycleExpiration{Days: aws.Int32(1)}},
			{ID: aws.String("expire-logs"), Status: types.ExpirationStatusEnabled,
				Filter:     &types.LifecycleRuleFilter{Prefix: aws.String("logs/")},
				Expiration: &types.LifecycleExpiration{Days: aws.Int32(3)}},
			{ID: aws.String("expire-tagged"), Status: types.ExpirationStatusEnabled,
				Filter:     &types.LifecycleRuleFilter{Tag: &types.Tag{Key: aws.String("temp"), Value: aws.String("yes")}},
				Expiration: &types.LifecycleExpiration{Date: aws.Time(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))}},
		}}}))
	// Replication of docs/ only; SSE-KMS objects need SseKmsEncryptedObjects
	// and a replica key, as S3 replicates them only when asked to.
	// https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
	sdkOK(t)(c.PutBucketReplication(ctx, &s3.PutBucketReplicationInput{Bucket: b,
		ReplicationConfiguration: &types.ReplicationConfiguration{Role: aws.String("arn:aws:iam::000000000000:role/replication"),
			Rules: []types.ReplicationRule{{ID: aws.String("docs"), Priority: aws.Int32(1), Status: types.ReplicationRuleStatusEnabled,
				Filter:                  &types.ReplicationRuleFilter{Prefix: aws.String("docs/")},
				DeleteMarkerReplication: &types.DeleteMarkerReplication{Status: types.DeleteMarkerReplicationStatusDisabled},
				SourceSelectionCriteria: &types.SourceSelectionCriteria{
					SseKmsEncryptedObjects: &types.SseKmsEncryptedObjects{Status: types.SseKmsEncryptedObjectsStatusEnabled}},
				Destination: &types.Destination{Bucket: aws.String("arn:aws:s3:::" + apiReplica),
					EncryptionConfiguration: &types.EncryptionConfiguration{ReplicaKmsKeyID: aws.String(apiBucketKey)}}}}}}))

	// docs/a.txt v1: every object header.
	put := func(in *s3.PutObjectInput) string {
		t.Helper()
		out, err := c.PutObject(ctx, in)
		require.NoError(t, err, aws.ToString(in.Key))
		return aws.ToString(out.VersionId)
	}
	w.aV1 = put(&s3.PutObjectInput{Bucket: b, Key: aws.String("docs/a.txt"), Body: strings.NewReader("first"),
		StorageClass: types.StorageClassStandardIa, ServerSideEncryption: types.ServerSideEncryptionAwsKms,
		SSEKMSKeyId: aws.String(apiObjectKey), BucketKeyEnabled: aws.Bool(false),
		ObjectLockMode: types.ObjectLockModeGovernance, ObjectLockRetainUntilDate: aws.Time(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)),
		ObjectLockLegalHoldStatus: types.ObjectLockLegalHoldStatusOn, Tagging: aws.String("team=blue"),
		ACL: types.ObjectCannedACLPublicRead, ChecksumAlgorithm: types.ChecksumAlgorithmSha256})
	// docs/a.txt v2, an overwrite: the bucket defaults, then retention and
	// legal hold through their own calls.
	w.aV2 = put(&s3.PutObjectInput{Bucket: b, Key: aws.String("docs/a.txt"), Body: strings.NewReader("second, longer"),
		ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
	sdkOK(t)(c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: b, Key: aws.String("docs/a.txt"), VersionId: aws.String(w.aV2),
		Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeCompliance,
			RetainUntilDate: aws.Time(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))}}))
	sdkOK(t)(c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: b, Key: aws.String("docs/a.txt"), VersionId: aws.String(w.aV2),
		LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOff}}))

	// docs/b.txt: written by another account; under ObjectWriter it owns it.
	out, err := srv.ClientFor(writerAcct).PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("docs/b.txt"),
		Body: strings.NewReader("from a writer"), ACL: types.ObjectCannedACLBucketOwnerFullControl,
		ChecksumAlgorithm: types.ChecksumAlgorithmSha1})
	require.NoError(t, err)
	w.bV1 = aws.ToString(out.VersionId)

	// plain.txt: SSE-S3 asked for explicitly (no bucket key), then tagged
	// through ?tagging so that the Date rule's tag filter matches it.
	w.planV1 = put(&s3.PutObjectInput{Bucket: b, Key: aws.String("plain.txt"), Body: strings.NewReader("plain"),
		ServerSideEncryption: types.ServerSideEncryptionAes256, ChecksumAlgorithm: types.ChecksumAlgorithmCrc32c})
	sdkOK(t)(c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: b, Key: aws.String("plain.txt"),
		Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("temp"), Value: aws.String("yes")}}}}))

	// logs/app.log: a multipart upload of two parts in Intelligent-Tiering.
	w.mpV1, w.mpETag, w.mpSize = multipartUpload(t, c)

	// logs/old.log: written, then deleted (a delete marker over it).
	w.oldV1 = put(&s3.PutObjectInput{Bucket: b, Key: aws.String("logs/old.log"), Body: strings.NewReader("old"),
		ChecksumAlgorithm: types.ChecksumAlgorithmCrc64nvme})
	del, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: aws.String("logs/old.log")})
	require.NoError(t, err)
	require.True(t, aws.ToBool(del.DeleteMarker))
	w.oldDM = aws.ToString(del.VersionId)
	return w
}

func multipartUpload(t *testing.T, c *s3.Client) (versionID, etag string, size int64) {
	t.Helper()
	ctx := context.Background()
	b, k := aws.String(apiSrc), aws.String("logs/app.log")
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k,
		StorageClass: types.StorageClassIntelligentTiering, ChecksumAlgorithm: types.ChecksumAlgorithmCrc32c})
	require.NoError(t, err)
	parts := [][]byte{bytes.Repeat([]byte("a"), 5<<20), []byte("tail")}
	var done []types.CompletedPart
	var sums []byte
	for i, p := range parts {
		n := aws.Int32(int32(i + 1))
		out, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: n,
			Body: bytes.NewReader(p), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32c})
		require.NoError(t, err)
		done = append(done, types.CompletedPart{PartNumber: n, ETag: out.ETag, ChecksumCRC32C: out.ChecksumCRC32C})
		sum := md5.Sum(p)
		sums = append(sums, sum[:]...)
		size += int64(len(p))
	}
	out, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
	require.NoError(t, err)
	return aws.ToString(out.VersionId), md5hex(sums) + "-2", size
}

// aclGrant is one grant of the ObjectAccessControlList document.
type aclGrant struct {
	CanonicalID string `json:"canonicalId,omitempty"`
	URI         string `json:"uri,omitempty"`
	Type        string `json:"type"`
	Permission  string `json:"permission"`
}

// decodeACL decodes an ObjectAccessControlList cell: base64 of the JSON
// document, version 2022-11-10 and status AVAILABLE (docs/inventory-report.md §3.3).
func decodeACL(t *testing.T, cell string) []aclGrant {
	t.Helper()
	require.NotEmpty(t, cell)
	data, err := base64.StdEncoding.DecodeString(cell)
	require.NoError(t, err)
	var doc struct {
		Version string     `json:"version"`
		Status  string     `json:"status"`
		Grants  []aclGrant `json:"grants"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	assert.Equal(t, "2022-11-10", doc.Version)
	assert.Equal(t, "AVAILABLE", doc.Status)
	return doc.Grants
}

func fullControl(id string) aclGrant {
	return aclGrant{CanonicalID: id, Type: "CanonicalUser", Permission: "FULL_CONTROL"}
}

// putAllFieldsConfig puts, through the SDK, a configuration of every
// optional field over all versions of bucket into dest.
func putAllFieldsConfig(t *testing.T, c *s3.Client, bucket, dest, id string, format types.InventoryFormat) {
	t.Helper()
	_, err := c.PutBucketInventoryConfiguration(context.Background(), &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String(bucket), Id: aws.String(id),
		InventoryConfiguration: &types.InventoryConfiguration{Id: aws.String(id), IsEnabled: aws.Bool(true),
			IncludedObjectVersions: types.InventoryIncludedObjectVersionsAll,
			OptionalFields:         types.InventoryOptionalField("").Values(),
			Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
			Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
				Bucket: aws.String("arn:aws:s3:::" + dest), Format: format, Prefix: aws.String("inv"),
				AccountId: aws.String(s3fake.DefaultAccountID)}}}})
	require.NoError(t, err)
}

// runReport runs configuration id of bucket and reads its rows back.
func runReport(t *testing.T, srv *s3fake.Server, bucket, id string) []report.Record {
	t.Helper()
	run, err := srv.RunInventory(bucket, id)
	require.NoError(t, err)
	require.True(t, run.Delivered, run.Reason)
	m, rows, err := srv.Report(run)
	require.NoError(t, err)
	cols := m.Columns()
	require.Len(t, cols, 3+2+len(types.InventoryOptionalField("").Values()), "every optional field is a column: %v", cols)
	return rows
}

func TestInventoryEveryFieldFromAPI(t *testing.T) {
	w := newAPIWorld(t)
	c := w.srv.Client()
	formats := map[string]types.InventoryFormat{"csv": types.InventoryFormatCsv, "parquet": types.InventoryFormatParquet, "orc": types.InventoryFormatOrc}
	for id, format := range formats {
		putAllFieldsConfig(t, c, apiSrc, apiReports, id, format)
		putAllFieldsConfig(t, c, apiReplica, apiReplReport, id, format)
	}
	expiresLogs := time.Date(2026, 1, 19, 0, 0, 0, 0, time.UTC) // 1/15 10:30 + 3 days, up to midnight
	expiresTagged := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	aclOwner := []aclGrant{fullControl(w.owner)}

	for id := range formats {
		t.Run(id, func(t *testing.T) {
			rows := runReport(t, w.srv, apiSrc, id)
			require.Len(t, rows, 7)
			for _, r := range rows {
				assert.Equal(t, apiSrc, r.Bucket)
				assert.Equal(t, apiCreated, r.LastModified, r.Key)
				assert.Empty(t, r.ObjectLockEventHoldStatus, r.Key)
				assert.Empty(t, r.ObjectLockEventHoldDuration, r.Key)
			}

			// docs/a.txt, current: the overwrite, bucket defaults plus
			// retention and legal hold from their calls; replicated.
			a2 := rows[0]
			assert.Equal(t, "docs/a.txt", a2.Key)
			assert.Equal(t, w.aV2, a2.VersionID)
			assert.True(t, a2.IsLatest)
			assert.False(t, a2.IsDeleteMarker)
			assert.Equal(t, int64(len("second, longer")), a2.Size)
			assert.Equal(t, md5hex([]byte("second, longer")), a2.ETag)
			assert.Equal(t, "STANDARD", a2.StorageClass)
			assert.False(t, a2.IsMultipartUploaded)
			assert.Equal(t, "COMPLETED", a2.ReplicationStatus)
			assert.Equal(t, "SSE-KMS", a2.Encryption)
			assert.Equal(t, "ENABLED", a2.BucketKeyStatus(), "the bucket default's bucket key")
			assert.Equal(t, "COMPLIANCE", a2.LockMode)
			assert.Equal(t, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), a2.LockRetainUntil)
			assert.Equal(t, "OFF", a2.LegalHold)
			assert.Empty(t, a2.AccessTier)
			assert.True(t, a2.IntelligentTieringReferenceDate.IsZero())
			assert.Equal(t, "CRC32", a2.ChecksumAlgorithm)
			assert.Equal(t, aclOwner, decodeACL(t, a2.ObjectACL))
			assert.Equal(t, w.owner, a2.OwnerID)
			assert.True(t, a2.LifecycleExpiration.IsZero(), "no enabled rule matches docs/")

			// docs/a.txt, noncurrent: every header of the first PUT.
			a1 := rows[1]
			assert.Equal(t, "docs/a.txt", a1.Key)
			assert.Equal(t, w.aV1, a1.VersionID)
			assert.False(t, a1.IsLatest)
			assert.False(t, a1.IsDeleteMarker)
			assert.Equal(t, int64(5), a1.Size)
			assert.Equal(t, md5hex([]byte("first")), a1.ETag)
			assert.Equal(t, "STANDARD_IA", a1.StorageClass)
			assert.False(t, a1.IsMultipartUploaded)
			assert.Equal(t, "COMPLETED", a1.ReplicationStatus)
			assert.Equal(t, "SSE-KMS", a1.Encryption)
			assert.Equal(t, "DISABLED", a1.BucketKeyStatus(), "x-amz-server-side-encryption-bucket-key-enabled: false")
			assert.Equal(t, "GOVERNANCE", a1.LockMode)
			assert.Equal(t, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), a1.LockRetainUntil)
			assert.Equal(t, "ON", a1.LegalHold)
			assert.Equal(t, "SHA256", a1.ChecksumAlgorithm)
			assert.Equal(t, []aclGrant{fullControl(w.owner), {URI: groupAllUsers, Type: "Group", Permission: "READ"}},
				decodeACL(t, a1.ObjectACL), "public-read")
			assert.Equal(t, w.owner, a1.OwnerID)
			assert.True(t, a1.LifecycleExpiration.IsZero())

			// docs/b.txt: the writer owns it (ObjectWriter) and the canned
			// bucket-owner-full-control grants both.
			b := rows[2]
			assert.Equal(t, "docs/b.txt", b.Key)
			assert.Equal(t, w.bV1, b.VersionID)
			assert.True(t, b.IsLatest)
			assert.Equal(t, int64(len("from a writer")), b.Size)
			assert.Equal(t, md5hex([]byte("from a writer")), b.ETag)
			assert.Equal(t, "STANDARD", b.StorageClass)
			assert.Equal(t, "COMPLETED", b.ReplicationStatus)
			assert.Equal(t, "SSE-KMS", b.Encryption)
			assert.Equal(t, "ENABLED", b.BucketKeyStatus())
			assert.Empty(t, b.LockMode)
			assert.True(t, b.LockRetainUntil.IsZero())
			assert.Equal(t, "SHA1", b.ChecksumAlgorithm)
			assert.Equal(t, []aclGrant{fullControl(w.writer), fullControl(w.owner)}, decodeACL(t, b.ObjectACL))
			assert.Equal(t, w.writer, b.OwnerID)

			// logs/app.log: multipart, Intelligent-Tiering, expires by Days.
			mp := rows[3]
			assert.Equal(t, "logs/app.log", mp.Key)
			assert.Equal(t, w.mpV1, mp.VersionID)
			assert.True(t, mp.IsLatest)
			assert.Equal(t, w.mpSize, mp.Size)
			assert.Equal(t, w.mpETag, mp.ETag)
			assert.Equal(t, "INTELLIGENT_TIERING", mp.StorageClass)
			assert.Equal(t, "FREQUENT", mp.AccessTier)
			assert.True(t, mp.IsMultipartUploaded)
			assert.Empty(t, mp.ReplicationStatus, "outside the rule's prefix")
			assert.Equal(t, "SSE-KMS", mp.Encryption)
			assert.Equal(t, "ENABLED", mp.BucketKeyStatus())
			assert.Equal(t, "CRC32C", mp.ChecksumAlgorithm)
			assert.Equal(t, aclOwner, decodeACL(t, mp.ObjectACL))
			assert.Equal(t, w.owner, mp.OwnerID)
			assert.Equal(t, expiresLogs, mp.LifecycleExpiration)

			// logs/old.log: the delete marker, then the noncurrent version
			// (expiration acts on current versions only).
			dm := rows[4]
			assert.Equal(t, report.Record{Bucket: apiSrc, ObjectVersion: inventory.ObjectVersion{
				Key: "logs/old.log", VersionID: w.oldDM, IsLatest: true, IsDeleteMarker: true, LastModified: apiCreated}}, dm)
			old := rows[5]
			assert.Equal(t, "logs/old.log", old.Key)
			assert.Equal(t, w.oldV1, old.VersionID)
			assert.False(t, old.IsLatest)
			assert.False(t, old.IsDeleteMarker)
			assert.Equal(t, int64(3), old.Size)
			assert.Equal(t, md5hex([]byte("old")), old.ETag)
			assert.Equal(t, "CRC64NVME", old.ChecksumAlgorithm)
			assert.Equal(t, "SSE-KMS", old.Encryption)
			assert.True(t, old.LifecycleExpiration.IsZero(), "noncurrent")

			// plain.txt: SSE-S3 asked for, so no bucket key; the Date rule
			// matches the tag PutObjectTagging set.
			p := rows[6]
			assert.Equal(t, "plain.txt", p.Key)
			assert.Equal(t, w.planV1, p.VersionID)
			assert.Equal(t, "STANDARD", p.StorageClass)
			assert.Empty(t, p.ReplicationStatus)
			assert.Equal(t, "SSE-S3", p.Encryption)
			assert.Equal(t, "DISABLED", p.BucketKeyStatus())
			assert.Equal(t, "CRC32C", p.ChecksumAlgorithm)
			assert.Equal(t, expiresTagged, p.LifecycleExpiration)

			// The replica bucket's own report: the replicas, same version
			// ids, status REPLICA.
			repl := runReport(t, w.srv, apiReplica, id)
			require.Len(t, repl, 3)
			for i, want := range []struct{ key, version, etag string }{
				{"docs/a.txt", w.aV2, md5hex([]byte("second, longer"))},
				{"docs/a.txt", w.aV1, md5hex([]byte("first"))},
				{"docs/b.txt", w.bV1, md5hex([]byte("from a writer"))},
			} {
				r := repl[i]
				assert.Equal(t, apiReplica, r.Bucket)
				assert.Equal(t, want.key, r.Key)
				assert.Equal(t, want.version, r.VersionID)
				assert.Equal(t, want.etag, r.ETag)
				assert.Equal(t, i != 1, r.IsLatest)
				assert.Equal(t, "REPLICA", r.ReplicationStatus)
			}
			assert.Equal(t, "STANDARD_IA", repl[1].StorageClass, "the source's class without a destination class")
			assert.Equal(t, w.writer, repl[2].OwnerID, "without AccessControlTranslation the replica keeps the owner")
			// S3 replicates the ACL along with the object.
			assert.Equal(t, aclOwner, decodeACL(t, repl[0].ObjectACL))
			assert.Equal(t, []aclGrant{fullControl(w.owner), {URI: groupAllUsers, Type: "Group", Permission: "READ"}},
				decodeACL(t, repl[1].ObjectACL), "public-read, replicated")
			assert.Equal(t, []aclGrant{fullControl(w.writer), fullControl(w.owner)}, decodeACL(t, repl[2].ObjectACL))
		})
	}
}
