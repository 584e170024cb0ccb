package s3fake

// CreateBucket and ListBuckets, served here rather than by gofakes3 because
// they depend on the caller: the creator's account owns the bucket, and a
// listing shows only the caller's buckets.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html

import (
	"net/http"
	"sort"

	"github.com/johannesboyne/gofakes3"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/xmlcodec"
)

func (s *Server) createBucket(req *request) (response, error) {
	if err := gofakes3.ValidateBucketName(req.bucket); err != nil {
		e := xmlcodec.NewError(xmlcodec.InvalidBucketName, "")
		e.BucketName = req.bucket
		return response{}, e
	}
	data, err := req.readDocument()
	if err != nil {
		return response{}, err
	}
	location, err := xmlcodec.DecodeLocationConstraint(data)
	if err != nil {
		return response{}, err
	}
	if err := s.checkLocation(location); err != nil {
		return response{}, err
	}
	caller := req.auth.Principal().AccountID
	if owner, exists := s.objects.BucketOwner(req.bucket); exists {
		code := xmlcodec.BucketAlreadyExists
		if owner == caller {
			if s.cfg.region == "us-east-1" {
				// S3's documented legacy: us-east-1 answers 200 OK to the
				// owner and changes nothing; every other region 409s.
				return response{status: http.StatusOK, header: map[string]string{"Location": "/" + req.bucket}}, nil
			}
			code = xmlcodec.BucketAlreadyOwnedByYou
		}
		e := xmlcodec.NewError(code, "")
		e.BucketName = req.bucket
		return response{}, e
	}
	if err := s.objects.CreateBucketOwned(req.bucket, caller); err != nil {
		// Lost a race with another creator.
		e := xmlcodec.NewError(xmlcodec.BucketAlreadyExists, "")
		e.BucketName = req.bucket
		return response{}, e
	}
	return response{status: http.StatusOK, header: map[string]string{"Location": "/" + req.bucket}}, nil
}

// checkLocation applies S3's rule: the location constraint must name the
// endpoint's region, and is omitted for us-east-1.
func (s *Server) checkLocation(location string) error {
	region := s.cfg.region
	switch {
	case region == "us-east-1" && location == "":
		return nil
	case region == "us-east-1" && location == "us-east-1":
		return xmlcodec.NewError(xmlcodec.InvalidLocationConstraint, "")
	case location == region:
		return nil
	case location == "":
		return xmlcodec.NewError(xmlcodec.IllegalLocationConstraintException, "")
	}
	return xmlcodec.NewError(xmlcodec.IllegalLocationConstraintException,
		"The "+location+" location constraint is incompatible for the region specific endpoint this request was sent to.")
}

func (s *Server) listBuckets(req *request) (response, error) {
	caller := req.auth.Principal().AccountID
	infos, err := s.objects.ListBuckets()
	if err != nil {
		return response{}, err
	}
	var mine []xmlcodec.BucketEntry
	for _, b := range infos {
		if owner, ok := s.objects.BucketOwner(b.Name); ok && owner == caller {
			mine = append(mine, xmlcodec.BucketEntry{Name: b.Name, Created: b.CreationDate.Time})
		}
	}
	sort.Slice(mine, func(i, j int) bool { return mine[i].Name < mine[j].Name })
	body := xmlcodec.EncodeListBuckets(access.CanonicalID(caller), caller, mine)
	return response{status: http.StatusOK, body: body}, nil
}
