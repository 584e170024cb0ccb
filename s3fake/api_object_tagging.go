package s3fake

// Object tagging: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html
// and its Get and Delete siblings. The tags are the version's own (the
// ones x-amz-tagging sets on PutObject); changing them makes no new
// version.

import (
	"net/http"

	"github.com/s3fake/s3fake/internal/bucketcfg"
	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// putObjectTagging replaces the version's tags and answers 200 with its
// version id. S3 requires Content-MD5 or a checksum (the SDKs send one);
// the <Tagging> document is the bucket one, with the object limits (10
// tags, InvalidTag).
func (s *Server) putObjectTagging(req *request) (response, error) {
	versionID, err := versionParam(req)
	if err != nil {
		return response{}, err
	}
	data, err := s.configDocument(req, digestMandatory)
	if err != nil {
		return response{}, err
	}
	doc, err := xmlcodec.DecodeTagging(data)
	if err != nil {
		return response{}, err
	}
	tags := make([]objstore.Tag, len(doc.Tags))
	for i, t := range doc.Tags {
		tags[i] = objstore.Tag{Key: t.Key, Value: t.Value}
	}
	o, err := s.objects.SetObjectTags(req.bucket, req.key, versionID, tags)
	return stateAnswer(req, o, versionID, err, http.StatusOK, nil)
}

// getObjectTagging answers the version's tags; an object without tags
// has an empty TagSet (200, as S3 answers).
func (s *Server) getObjectTagging(req *request) (response, error) {
	versionID, err := versionParam(req)
	if err != nil {
		return response{}, err
	}
	o, err := s.objects.ReadObject(req.bucket, req.key, versionID)
	var body []byte
	if err == nil && !o.DeleteMarker {
		var t bucketcfg.Tagging
		for _, tag := range o.Tags {
			t.Tags = append(t.Tags, bucketcfg.Tag{Key: tag.Key, Value: tag.Value})
		}
		body = xmlcodec.EncodeTagging(t)
	}
	return stateAnswer(req, o, versionID, err, http.StatusOK, body)
}

// deleteObjectTagging removes the version's tags: 204 with its version id.
func (s *Server) deleteObjectTagging(req *request) (response, error) {
	versionID, err := versionParam(req)
	if err != nil {
		return response{}, err
	}
	o, err := s.objects.SetObjectTags(req.bucket, req.key, versionID, nil)
	return stateAnswer(req, o, versionID, err, http.StatusNoContent, nil)
}

// stateAnswer is the answer of a call on a version's state: the store's
// error, S3's delete-marker answer (404 NoSuchKey for a current marker,
// 405 for one named by id), or status with body and x-amz-version-id
// (in a bucket that has had versioning).
func stateAnswer(req *request, o *objstore.Object, versionID string, err error, status int, body []byte) (response, error) {
	if err != nil {
		return response{}, err
	}
	if o.DeleteMarker {
		return response{}, deleteMarkerError(req, o, versionID != "")
	}
	h := map[string]string{}
	if o.Versioned {
		h["x-amz-version-id"] = o.VersionID
	}
	return response{status: status, body: body, header: h}, nil
}
