package s3fake

// Listings: ListObjects, ListObjectsV2 and ListObjectVersions, over the
// store's pages, encoded by xmlcodec with encoding-type honoured.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html

import (
	"net/http"
	"strings"

	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/xmlcodec"
)

// listObjectsNegative is S3's message for a negative max-keys on
// ListObjects and ListObjectsV2.
const listObjectsNegative = "Argument maxKeys must be an integer between 0 and 2147483647"

// listCommon reads what ListObjects v1 and v2 share, in S3's order of
// checks: max-keys, encoding-type, then the key-like parameters.
func listCommon(req *request, keyParams ...string) (xmlcodec.ListCommon, objstore.ObjectQuery, error) {
	q := req.query
	var c xmlcodec.ListCommon
	maxKeys, err := listMaxKeys(q, listObjectsNegative)
	if err != nil {
		return c, objstore.ObjectQuery{}, err
	}
	if c.URLEncoded, err = listURLEncoding(q); err != nil {
		return c, objstore.ObjectQuery{}, err
	}
	if err := listCheckText(q, append([]string{"prefix", "delimiter"}, keyParams...)...); err != nil {
		return c, objstore.ObjectQuery{}, err
	}
	// ListObjects caps and echoes the page size (Versity's AWS-checked
	// ListObjectsV2_exceeding_max_keys expects MaxKeys 1000 back).
	c.MaxKeys = min(maxKeys, listPageMax)
	c.Bucket, c.Prefix, c.Delimiter = req.bucket, q.Get("prefix"), q.Get("delimiter")
	return c, objstore.ObjectQuery{Prefix: c.Prefix, Delimiter: c.Delimiter, MaxKeys: c.MaxKeys}, nil
}

// listContents converts a store page into the document's entries;
// withOwner adds <Owner>.
func listContents(c *xmlcodec.ListCommon, page objstore.ObjectPage, withOwner bool) {
	c.IsTruncated = page.IsTruncated
	c.CommonPrefixes = page.CommonPrefixes
	c.Contents = make([]xmlcodec.ListEntry, len(page.Objects))
	for i, o := range page.Objects {
		c.Contents[i] = listEntry(o)
		if !withOwner {
			c.Contents[i].OwnerID = ""
		}
	}
}

func listEntry(v objstore.VersionInfo) xmlcodec.ListEntry {
	return xmlcodec.ListEntry{
		Key: v.Key, VersionID: v.VersionID, IsLatest: v.IsLatest, DeleteMarker: v.IsDeleteMarker,
		LastModified: v.LastModified, ETag: v.ETag, Size: v.Size,
		ChecksumAlgorithm: v.ChecksumAlgorithm, ChecksumType: v.ChecksumType,
		OwnerID: v.OwnerID, StorageClass: v.StorageClass,
	}
}

func (s *Server) listObjects(req *request) (response, error) {
	c, query, err := listCommon(req, "marker")
	if err != nil {
		return response{}, err
	}
	r := xmlcodec.ListObjectsResult{ListCommon: c, Marker: req.query.Get("marker")}
	query.After = r.Marker
	page, err := s.objects.ListObjectsPage(req.bucket, query)
	if err != nil {
		return response{}, err
	}
	listContents(&r.ListCommon, page, true) // v1 always shows the owner
	if page.IsTruncated && c.Delimiter != "" {
		// S3 sends NextMarker only with a delimiter; without one the
		// last key is the next marker.
		r.NextMarker = page.Last
	}
	return response{status: http.StatusOK, body: xmlcodec.EncodeListObjects(r)}, nil
}

func (s *Server) listObjectsV2(req *request) (response, error) {
	c, query, err := listCommon(req, "start-after")
	if err != nil {
		return response{}, err
	}
	q := req.query
	r := xmlcodec.ListObjectsV2Result{ListCommon: c}
	if tokens, ok := q["continuation-token"]; ok {
		token := ""
		if len(tokens) > 0 {
			token = tokens[0]
		}
		if query.After, err = listTokenKey(token); err != nil {
			return response{}, err
		}
		r.ContinuationToken = token
	} else {
		// start-after only starts a listing; a continuation replaces it.
		r.StartAfter = q.Get("start-after")
		query.After = r.StartAfter
	}
	page, err := s.objects.ListObjectsPage(req.bucket, query)
	if err != nil {
		return response{}, err
	}
	listContents(&r.ListCommon, page, strings.EqualFold(q.Get("fetch-owner"), "true"))
	if page.IsTruncated {
		r.NextContinuationToken = listToken(page.Last)
	}
	return response{status: http.StatusOK, body: xmlcodec.EncodeListObjectsV2(r)}, nil
}

func (s *Server) listObjectVersions(req *request) (response, error) {
	q := req.query
	// S3's order of checks, as recorded from S3 itself: max-keys, the
	// version-id-marker (needs a key-marker, must not be empty, must be an
	// id), encoding-type, then NUL in the key-like parameters.
	maxKeys, err := listMaxKeys(q, "max-keys cannot be negative")
	if err != nil {
		return response{}, err
	}
	if err := s.checkVersionIDMarker(req); err != nil {
		return response{}, err
	}
	urlEncoded, err := listURLEncoding(q)
	if err != nil {
		return response{}, err
	}
	if err := listCheckText(q, "prefix", "key-marker", "delimiter"); err != nil {
		return response{}, err
	}
	_, hasDelimiter := q["delimiter"]
	r := xmlcodec.ListVersionsResult{
		Bucket: req.bucket, Prefix: q.Get("prefix"), KeyMarker: q.Get("key-marker"),
		VersionIDMarker: q.Get("version-id-marker"), MaxKeys: maxKeys,
		Delimiter: q.Get("delimiter"), HasDelimiter: hasDelimiter, URLEncoded: urlEncoded,
	}
	page, err := s.objects.ListVersionsPage(req.bucket, objstore.VersionQuery{
		Prefix: r.Prefix, Delimiter: r.Delimiter, KeyMarker: r.KeyMarker,
		VersionIDMarker: r.VersionIDMarker, MaxKeys: maxKeys,
	})
	if err != nil {
		return response{}, err
	}
	r.IsTruncated, r.CommonPrefixes = page.IsTruncated, page.CommonPrefixes
	if page.IsTruncated {
		r.NextKeyMarker, r.NextVersionIDMarker = page.NextKeyMarker, page.NextVersionIDMarker
	}
	r.Entries = make([]xmlcodec.ListEntry, len(page.Versions))
	for i, v := range page.Versions {
		r.Entries[i] = listEntry(v)
	}
	return response{status: http.StatusOK, body: xmlcodec.EncodeListVersions(r)}, nil
}

// checkVersionIDMarker applies S3's rules to version-id-marker: it needs
// a key-marker parameter (an empty one counts), must not be empty, and
// must be "null" or a version id.
func (s *Server) checkVersionIDMarker(req *request) error {
	ids, ok := req.query["version-id-marker"]
	if !ok {
		return nil
	}
	id := ""
	if len(ids) > 0 {
		id = ids[0]
	}
	if _, hasKey := req.query["key-marker"]; !hasKey {
		return listArgError("A version-id marker cannot be specified without a key marker.", "version-id-marker", id)
	}
	if id == "" {
		return listArgError("A version-id marker cannot be empty.", "version-id-marker", "")
	}
	if !s.objects.ValidVersionID(id) {
		return listArgError("Invalid version id specified", "version-id-marker", id)
	}
	return nil
}
