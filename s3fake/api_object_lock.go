package s3fake

// Object Lock on one version: PutObjectRetention, GetObjectRetention,
// PutObjectLegalHold, GetObjectLegalHold.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectRetention.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectLegalHold.html
// The rules (future dates, COMPLIANCE only extended, GOVERNANCE changes
// with a bypass, buckets without Object Lock refused) are objstore's.

import (
	"net/http"
	"strings"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

func (s *Server) putObjectRetention(req *request) (response, error) {
	versionID, err := versionParam(req)
	if err != nil {
		return response{}, err
	}
	data, err := s.configDocument(req, digestMandatory)
	if err != nil {
		return response{}, err
	}
	doc, err := xmlcodec.DecodeRetention(data)
	if err != nil {
		return response{}, err
	}
	o, err := s.objects.SetObjectRetention(req.bucket, req.key, versionID,
		objstore.Retention{Mode: doc.Mode, RetainUntil: doc.RetainUntil}, s.governanceBypass(req))
	return lockAnswer(req, o, versionID, err, nil)
}

// getObjectRetention answers the version's retention, or
// NoSuchObjectLockConfiguration when it has none.
func (s *Server) getObjectRetention(req *request) (response, error) {
	return s.readLockState(req, func(f objstore.Facts) []byte {
		if f.LockMode == "" {
			return nil
		}
		return xmlcodec.EncodeRetention(xmlcodec.ObjectRetention{Mode: f.LockMode, RetainUntil: f.LockRetainUntil})
	})
}

func (s *Server) putObjectLegalHold(req *request) (response, error) {
	versionID, err := versionParam(req)
	if err != nil {
		return response{}, err
	}
	data, err := s.configDocument(req, digestMandatory)
	if err != nil {
		return response{}, err
	}
	status, err := xmlcodec.DecodeLegalHold(data)
	if err != nil {
		return response{}, err
	}
	o, err := s.objects.SetObjectLegalHold(req.bucket, req.key, versionID, status)
	return lockAnswer(req, o, versionID, err, nil)
}

// getObjectLegalHold answers the version's legal hold, or
// NoSuchObjectLockConfiguration when none was ever set.
func (s *Server) getObjectLegalHold(req *request) (response, error) {
	return s.readLockState(req, func(f objstore.Facts) []byte {
		if f.LegalHold == "" {
			return nil
		}
		return xmlcodec.EncodeLegalHold(f.LegalHold)
	})
}

// readLockState serves the two Gets: a bucket without Object Lock is S3's
// InvalidRequest; encode returns nil for a version without the state.
func (s *Server) readLockState(req *request, encode func(objstore.Facts) []byte) (response, error) {
	versionID, err := versionParam(req)
	if err != nil {
		return response{}, err
	}
	enabled, err := s.objects.LockEnabled(req.bucket)
	if err != nil {
		return response{}, err
	}
	if !enabled {
		return response{}, xmlcodec.NewError(xmlcodec.InvalidRequest, "Bucket is missing Object Lock Configuration")
	}
	o, err := s.objects.ReadObject(req.bucket, req.key, versionID)
	var body []byte
	if err == nil && !o.DeleteMarker {
		if body = encode(o.Facts); body == nil {
			return response{}, xmlcodec.NewError(xmlcodec.NoSuchObjectLockConfiguration, "")
		}
	}
	return lockAnswer(req, o, versionID, err, body)
}

// lockAnswer is stateAnswer for the Object Lock calls, which S3 answers
// with 200 and without x-amz-version-id.
func lockAnswer(req *request, o *objstore.Object, versionID string, err error, body []byte) (response, error) {
	resp, err := stateAnswer(req, o, versionID, err, http.StatusOK, body)
	delete(resp.header, "x-amz-version-id")
	return resp, err
}

// governanceBypass reports whether the request may override a GOVERNANCE
// retention: it sends x-amz-bypass-governance-retention: true and the
// caller is allowed s3:BypassGovernanceRetention on the object. Without
// the permission the header is ignored, so the lock refuses the change
// with AccessDenied, as S3 does.
func (s *Server) governanceBypass(req *request) bool {
	if !strings.EqualFold(strings.TrimSpace(req.r.Header.Get("X-Amz-Bypass-Governance-Retention")), "true") {
		return false
	}
	owner, _ := s.objects.BucketOwner(req.bucket)
	return s.decide(req, "s3:BypassGovernanceRetention", access.ObjectARN(req.bucket, req.key), owner) == nil
}
