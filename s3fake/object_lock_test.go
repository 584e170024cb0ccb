package s3fake_test

// Object Lock on one version (?retention, ?legal-hold) through
// aws-sdk-go-v2, and what a lock does to deletes.

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
)

const (
	lockedBucket     = "locked"
	noLockConfig     = "Bucket is missing Object Lock Configuration"
	noObjectLockConf = "The specified object does not have a ObjectLock configuration"
)

func wantNoObjectLockConf() wantS3Error {
	return wantS3Error{status: http.StatusNotFound, code: "NoSuchObjectLockConfiguration", message: noObjectLockConf}
}

func putRetention(c *s3.Client, bucket, versionID string, mode types.ObjectLockRetentionMode, until time.Time, bypass bool) error {
	in := &s3.PutObjectRetentionInput{Bucket: aws.String(bucket), Key: aws.String("k"), VersionId: optVersion(versionID),
		Retention: &types.ObjectLockRetention{Mode: mode, RetainUntilDate: aws.Time(until)}}
	if bypass {
		in.BypassGovernanceRetention = aws.Bool(true)
	}
	_, err := c.PutObjectRetention(cfgCtx, in)
	return err
}

func getRetention(c *s3.Client, bucket, versionID string) (*types.ObjectLockRetention, error) {
	out, err := c.GetObjectRetention(cfgCtx, &s3.GetObjectRetentionInput{Bucket: aws.String(bucket), Key: aws.String("k"), VersionId: optVersion(versionID)})
	if err != nil {
		return nil, err
	}
	return out.Retention, nil
}

func putLegalHold(c *s3.Client, bucket, versionID string, status types.ObjectLockLegalHoldStatus) error {
	_, err := c.PutObjectLegalHold(cfgCtx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(bucket), Key: aws.String("k"), VersionId: optVersion(versionID),
		LegalHold: &types.ObjectLockLegalHold{Status: status}})
	return err
}

func deleteVersion(c *s3.Client, bucket, versionID string, bypass bool) error {
	in := &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String("k"), VersionId: optVersion(versionID)}
	if bypass {
		in.BypassGovernanceRetention = aws.Bool(true)
	}
	_, err := c.DeleteObject(cfgCtx, in)
	return err
}

// optVersion is nil for "" (no versionId parameter at all).
func optVersion(id string) *string {
	if id == "" {
		return nil
	}
	return aws.String(id)
}

// lockedWorld is cfgWorld with the Object Lock bucket lockedBucket holding
// one version of "k".
func lockedWorld(t *testing.T) (*cfgWorld, string) {
	t.Helper()
	w := newCfgWorld(t)
	w.createLocked(t, lockedBucket)
	return w, putObj(t, w.c, lockedBucket, "k", "data")
}

func TestObjectRetention(t *testing.T) {
	w, id := lockedWorld(t)
	day := w.srv.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)

	_, err := getRetention(w.c, lockedBucket, id)
	w.requireRefused(t, err, wantNoObjectLockConf())

	require.NoError(t, putRetention(w.c, lockedBucket, id, types.ObjectLockRetentionModeGovernance, day, false))
	assert.Equal(t, http.StatusOK, w.tap.response(t).status)
	got, err := getRetention(w.c, lockedBucket, id)
	require.NoError(t, err)
	assert.Equal(t, types.ObjectLockRetentionModeGovernance, got.Mode)
	assert.True(t, day.Equal(aws.ToTime(got.RetainUntilDate)), "%v", got.RetainUntilDate)
	assert.Contains(t, string(w.lastBody(t)), "<RetainUntilDate>"+day.Format("2006-01-02T15:04:05.000Z")+"</RetainUntilDate>")
	head, err := w.c.HeadObject(cfgCtx, &s3.HeadObjectInput{Bucket: aws.String(lockedBucket), Key: aws.String("k")})
	require.NoError(t, err)
	assert.Equal(t, types.ObjectLockModeGovernance, head.ObjectLockMode)

	// GOVERNANCE: shortening needs the bypass; extending does not.
	err = putRetention(w.c, lockedBucket, id, types.ObjectLockRetentionModeGovernance, day.Add(-time.Hour), false)
	w.requireRefused(t, err, wantAccessDenied())
	require.NoError(t, deleteVersionRefused(t, w, id, false))
	require.NoError(t, putRetention(w.c, lockedBucket, id, types.ObjectLockRetentionModeGovernance, day.Add(time.Hour), false))
	require.NoError(t, putRetention(w.c, lockedBucket, id, types.ObjectLockRetentionModeGovernance, day.Add(-time.Hour), true))

	// COMPLIANCE: only longer, even with the bypass; no delete by id.
	require.NoError(t, putRetention(w.c, lockedBucket, id, types.ObjectLockRetentionModeCompliance, day, false))
	err = putRetention(w.c, lockedBucket, id, types.ObjectLockRetentionModeCompliance, day.Add(-time.Hour), true)
	w.requireRefused(t, err, wantAccessDenied())
	err = putRetention(w.c, lockedBucket, id, types.ObjectLockRetentionModeGovernance, day.Add(time.Hour), true)
	w.requireRefused(t, err, wantAccessDenied())
	require.NoError(t, deleteVersionRefused(t, w, id, true))
	got, err = getRetention(w.c, lockedBucket, id)
	require.NoError(t, err)
	assert.Equal(t, types.ObjectLockRetentionModeCompliance, got.Mode, "refused changes change nothing")

	// DeleteObjects refuses the locked version in its entry.
	out, err := w.c.DeleteObjects(cfgCtx, &s3.DeleteObjectsInput{Bucket: aws.String(lockedBucket),
		Delete: &types.Delete{Objects: []types.ObjectIdentifier{{Key: aws.String("k"), VersionId: aws.String(id)}}}})
	require.NoError(t, err)
	require.Len(t, out.Errors, 1)
	assert.Equal(t, "AccessDenied", aws.ToString(out.Errors[0].Code))
	assert.Empty(t, out.Deleted)
}

// deleteVersionRefused checks that deleting version id is AccessDenied and
// that the version is still there.
func deleteVersionRefused(t *testing.T, w *cfgWorld, id string, bypass bool) error {
	t.Helper()
	err := deleteVersion(w.c, lockedBucket, id, bypass)
	w.requireRefused(t, err, wantAccessDenied())
	_, err = w.c.HeadObject(cfgCtx, &s3.HeadObjectInput{Bucket: aws.String(lockedBucket), Key: aws.String("k"), VersionId: aws.String(id)})
	return err
}

func TestObjectRetentionRefusals(t *testing.T) {
	w, id := lockedWorld(t)
	putObj(t, w.c, cfgBucket, "k", "data")

	err := putRetention(w.c, lockedBucket, id, types.ObjectLockRetentionModeGovernance, w.srv.Now().Add(-time.Hour), false)
	w.requireRefused(t, err, wantInvalid("InvalidArgument", "The retain until date must be in the future!"))
	err = putRetention(w.c, cfgBucket, "", types.ObjectLockRetentionModeGovernance, w.srv.Now().Add(time.Hour), false)
	w.requireRefused(t, err, wantInvalid("InvalidRequest", noLockConfig))
	_, err = getRetention(w.c, cfgBucket, "")
	w.requireRefused(t, err, wantInvalid("InvalidRequest", noLockConfig))
	_, err = w.c.GetObjectRetention(cfgCtx, &s3.GetObjectRetentionInput{Bucket: aws.String(lockedBucket), Key: aws.String("missing")})
	w.requireRefused(t, err, wantS3Error{status: http.StatusNotFound, code: "NoSuchKey"})

	for _, doc := range []string{
		`<Retention><Mode>FOREVER</Mode><RetainUntilDate>2099-01-01T00:00:00Z</RetainUntilDate></Retention>`,
		`<Retention><Mode>GOVERNANCE</Mode></Retention>`,
		`<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>soon</RetainUntilDate></Retention>`,
	} {
		requireS3Error(t, objLockRaw(t, w, "retention", doc), wantMalformed())
	}
	_, err = getRetention(w.c, lockedBucket, id)
	w.requireRefused(t, err, wantNoObjectLockConf())
}

func TestObjectLegalHold(t *testing.T) {
	w, id := lockedWorld(t)
	get := func() (types.ObjectLockLegalHoldStatus, error) {
		out, err := w.c.GetObjectLegalHold(cfgCtx, &s3.GetObjectLegalHoldInput{Bucket: aws.String(lockedBucket), Key: aws.String("k"), VersionId: aws.String(id)})
		if err != nil {
			return "", err
		}
		return out.LegalHold.Status, nil
	}
	_, err := get()
	w.requireRefused(t, err, wantNoObjectLockConf())

	require.NoError(t, putLegalHold(w.c, lockedBucket, id, types.ObjectLockLegalHoldStatusOn))
	status, err := get()
	require.NoError(t, err)
	assert.Equal(t, types.ObjectLockLegalHoldStatusOn, status)
	require.NoError(t, deleteVersionRefused(t, w, id, true), "a legal hold is never bypassed")

	require.NoError(t, putLegalHold(w.c, lockedBucket, id, types.ObjectLockLegalHoldStatusOff))
	status, err = get()
	require.NoError(t, err)
	assert.Equal(t, types.ObjectLockLegalHoldStatusOff, status)
	require.NoError(t, deleteVersion(w.c, lockedBucket, id, false))
}

func TestObjectLegalHoldRefusals(t *testing.T) {
	w, id := lockedWorld(t)
	putObj(t, w.c, cfgBucket, "k", "data")
	err := putLegalHold(w.c, cfgBucket, "", types.ObjectLockLegalHoldStatusOn)
	w.requireRefused(t, err, wantInvalid("InvalidRequest", noLockConfig))
	for _, doc := range []string{`<LegalHold><Status>on</Status></LegalHold>`, `<LegalHold/>`, `<Hold><Status>ON</Status></Hold>`} {
		requireS3Error(t, objLockRaw(t, w, "legal-hold", doc), wantMalformed())
	}
	_, err = w.c.GetObjectLegalHold(cfgCtx, &s3.GetObjectLegalHoldInput{Bucket: aws.String(lockedBucket), Key: aws.String("k"), VersionId: aws.String(id)})
	w.requireRefused(t, err, wantNoObjectLockConf())
}

// The bucket's default retention applies to each new version.
func TestDefaultRetentionOnPut(t *testing.T) {
	w := newCfgWorld(t)
	w.createLocked(t, lockedBucket)
	require.NoError(t, putObjectLock(w.c, lockedBucket, retention(types.ObjectLockRetentionModeGovernance, aws.Int32(2), nil)))
	id := putObj(t, w.c, lockedBucket, "k", "data")
	got, err := getRetention(w.c, lockedBucket, id)
	require.NoError(t, err)
	assert.Equal(t, types.ObjectLockRetentionModeGovernance, got.Mode)
	assert.True(t, w.srv.Now().Add(48*time.Hour).Truncate(time.Second).Equal(aws.ToTime(got.RetainUntilDate)), "%v", got.RetainUntilDate)
	require.NoError(t, deleteVersionRefused(t, w, id, false))
}

// objLockRaw sends a PUT ?sub to lockedBucket/k with doc, signed as the
// owner.
func objLockRaw(t *testing.T, w *cfgWorld, sub, doc string) wireResponse {
	t.Helper()
	req := newRawRequest(t, w.srv, http.MethodPut, "/"+lockedBucket+"/k?"+sub, []byte(doc))
	req.Header.Set("Content-MD5", contentMD5(doc))
	require.NoError(t, w.srv.SignRequest(req, []byte(doc), w.owner))
	return sendRaw(t, req)
}

// Each call is refused to a caller granted every other Object Lock action;
// a GOVERNANCE bypass needs s3:BypassGovernanceRetention.
func TestObjectLockAccess(t *testing.T) {
	all := []string{"s3:GetObject", "s3:PutObjectRetention", "s3:GetObjectRetention", "s3:PutObjectLegalHold", "s3:GetObjectLegalHold"}
	calls := []struct {
		action string
		call   func(c *s3.Client, id string, until time.Time) error
	}{
		{"s3:PutObjectRetention", func(c *s3.Client, id string, until time.Time) error {
			return putRetention(c, lockedBucket, id, types.ObjectLockRetentionModeGovernance, until, false)
		}},
		{"s3:GetObjectRetention", func(c *s3.Client, id string, _ time.Time) error {
			_, err := getRetention(c, lockedBucket, id)
			return err
		}},
		{"s3:PutObjectLegalHold", func(c *s3.Client, id string, _ time.Time) error {
			return putLegalHold(c, lockedBucket, id, types.ObjectLockLegalHoldStatusOn)
		}},
		{"s3:GetObjectLegalHold", func(c *s3.Client, id string, _ time.Time) error {
			_, err := c.GetObjectLegalHold(cfgCtx, &s3.GetObjectLegalHoldInput{Bucket: aws.String(lockedBucket), Key: aws.String("k"), VersionId: aws.String(id)})
			return err
		}},
	}
	for _, c := range calls {
		t.Run(c.action, func(t *testing.T) {
			w, id := lockedWorld(t)
			until := w.srv.Now().Add(time.Hour)
			require.NoError(t, putRetention(w.c, lockedBucket, id, types.ObjectLockRetentionModeGovernance, until, false))
			require.NoError(t, putLegalHold(w.c, lockedBucket, id, types.ObjectLockLegalHoldStatusOff))
			other, tap := tappedClient(w.srv, w.srv.CreateAccount(fixtures.Other))
			var others []string
			for _, a := range all {
				if a != c.action {
					others = append(others, a)
				}
			}
			require.NoError(t, w.srv.PutBucketPolicy(lockedBucket, fixtures.AllowAccount(lockedBucket, fixtures.Other, others...)))
			err := c.call(other, id, until.Add(time.Hour))
			requireSDKError(t, err, wantAccessDenied())
			requireS3Error(t, tap.response(t), wantAccessDenied())

			require.NoError(t, w.srv.PutBucketPolicy(lockedBucket, fixtures.AllowAccount(lockedBucket, fixtures.Other, c.action)))
			require.NoError(t, c.call(other, id, until.Add(time.Hour)))
		})
	}

	t.Run("s3:BypassGovernanceRetention", func(t *testing.T) {
		w, id := lockedWorld(t)
		until := w.srv.Now().Add(time.Hour)
		require.NoError(t, putRetention(w.c, lockedBucket, id, types.ObjectLockRetentionModeGovernance, until, false))
		other, tap := tappedClient(w.srv, w.srv.CreateAccount(fixtures.Other))
		require.NoError(t, w.srv.PutBucketPolicy(lockedBucket, fixtures.AllowAccount(lockedBucket, fixtures.Other, "s3:PutObjectRetention")))
		err := putRetention(other, lockedBucket, id, types.ObjectLockRetentionModeGovernance, until.Add(-time.Minute), true)
		requireSDKError(t, err, wantAccessDenied())
		requireS3Error(t, tap.response(t), wantAccessDenied())

		require.NoError(t, w.srv.PutBucketPolicy(lockedBucket, fixtures.AllowAccount(lockedBucket, fixtures.Other,
			"s3:PutObjectRetention", "s3:BypassGovernanceRetention")))
		require.NoError(t, putRetention(other, lockedBucket, id, types.ObjectLockRetentionModeGovernance, until.Add(-time.Minute), true))
	})
}

// TestGovernanceBypassOnDelete: a GOVERNANCE version is deleted by id with
// x-amz-bypass-governance-retention (the owner has s3:BypassGovernanceRetention),
// through DeleteObject and DeleteObjects; COMPLIANCE never is.
func TestGovernanceBypassOnDelete(t *testing.T) {
	w, id := lockedWorld(t)
	day := w.srv.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	require.NoError(t, putRetention(w.c, lockedBucket, id, types.ObjectLockRetentionModeGovernance, day, false))
	require.NoError(t, deleteVersionRefused(t, w, id, false))
	require.NoError(t, deleteVersion(w.c, lockedBucket, id, true), "the bypass deletes a GOVERNANCE version")
	_, err := w.c.HeadObject(cfgCtx, &s3.HeadObjectInput{Bucket: aws.String(lockedBucket), Key: aws.String("k"), VersionId: aws.String(id)})
	require.Error(t, err)

	id2 := putObj(t, w.c, lockedBucket, "k", "again")
	require.NoError(t, putRetention(w.c, lockedBucket, id2, types.ObjectLockRetentionModeGovernance, day, false))
	out, err := w.c.DeleteObjects(cfgCtx, &s3.DeleteObjectsInput{Bucket: aws.String(lockedBucket), BypassGovernanceRetention: aws.Bool(true),
		Delete: &types.Delete{Objects: []types.ObjectIdentifier{{Key: aws.String("k"), VersionId: aws.String(id2)}}}})
	require.NoError(t, err)
	assert.Empty(t, out.Errors)
	require.Len(t, out.Deleted, 1)

	id3 := putObj(t, w.c, lockedBucket, "k", "compliance")
	require.NoError(t, putRetention(w.c, lockedBucket, id3, types.ObjectLockRetentionModeCompliance, day, false))
	require.NoError(t, deleteVersionRefused(t, w, id3, true))
}

// TestDefaultRetentionOnCopyAndMultipart: a copy and a completed upload
// are new versions, so the bucket's default retention applies to them too.
func TestDefaultRetentionOnCopyAndMultipart(t *testing.T) {
	w := newCfgWorld(t)
	w.createLocked(t, lockedBucket)
	require.NoError(t, putObjectLock(w.c, lockedBucket, retention(types.ObjectLockRetentionModeGovernance, aws.Int32(2), nil)))
	putObj(t, w.c, lockedBucket, "src", "data")

	cp, err := w.c.CopyObject(cfgCtx, &s3.CopyObjectInput{Bucket: aws.String(lockedBucket), Key: aws.String("k"),
		CopySource: aws.String(lockedBucket + "/src")})
	require.NoError(t, err)
	got, err := getRetention(w.c, lockedBucket, aws.ToString(cp.VersionId))
	require.NoError(t, err)
	assert.Equal(t, types.ObjectLockRetentionModeGovernance, got.Mode)

	up, err := w.c.CreateMultipartUpload(cfgCtx, &s3.CreateMultipartUploadInput{Bucket: aws.String(lockedBucket), Key: aws.String("k")})
	require.NoError(t, err)
	part, err := w.c.UploadPart(cfgCtx, &s3.UploadPartInput{Bucket: aws.String(lockedBucket), Key: aws.String("k"),
		UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: strings.NewReader("one part")})
	require.NoError(t, err)
	done, err := w.c.CompleteMultipartUpload(cfgCtx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(lockedBucket), Key: aws.String("k"),
		UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{
			{PartNumber: aws.Int32(1), ETag: part.ETag, ChecksumCRC32: part.ChecksumCRC32}}}})
	require.NoError(t, err)
	got, err = getRetention(w.c, lockedBucket, aws.ToString(done.VersionId))
	require.NoError(t, err)
	assert.Equal(t, types.ObjectLockRetentionModeGovernance, got.Mode)
	assert.True(t, w.srv.Now().Add(48*time.Hour).Truncate(time.Second).Equal(aws.ToTime(got.RetainUntilDate)), "%v", got.RetainUntilDate)
}
