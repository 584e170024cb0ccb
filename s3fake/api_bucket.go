package s3fake

// CreateBucket and ListBuckets. They depend on the caller: the creator's
// account owns the bucket, and a listing shows only the caller's buckets.
// gofakes3 only still checks bucket names (its rules are S3's).
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/johannesboyne/gofakes3"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/internal/objstore"
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
	ownership, acl, err := createBucketACL(req)
	if err != nil {
		return response{}, err
	}
	caller := req.auth.Principal().AccountID
	if existing, exists := s.objects.Bucket(req.bucket); exists {
		code := xmlcodec.BucketAlreadyExists
		if existing.Owner == caller {
			if s.cfg.region == "us-east-1" && s.bucketRegion(existing) == "us-east-1" {
				// S3's documented legacy: us-east-1 answers 200 OK to the
				// owner of a us-east-1 bucket and changes nothing; every
				// other case 409s.
				return response{status: http.StatusOK, header: map[string]string{"Location": "/" + req.bucket}}, nil
			}
			code = xmlcodec.BucketAlreadyOwnedByYou
		}
		e := xmlcodec.NewError(code, "")
		e.BucketName = req.bucket
		return response{}, e
	}
	spec := objstore.BucketSpec{
		Name: req.bucket, Owner: caller, Region: location,
		ObjectLock: strings.EqualFold(req.r.Header.Get("X-Amz-Bucket-Object-Lock-Enabled"), "true"),
	}
	if err := s.objects.CreateBucketWith(spec); err != nil {
		if !objstore.IsCode(err, "BucketAlreadyExists") {
			return response{}, err // not persisted (WithDataDir)
		}
		// Lost a race with another creator.
		e := xmlcodec.NewError(xmlcodec.BucketAlreadyExists, "")
		e.BucketName = req.bucket
		return response{}, e
	}
	if err := s.applyCreateBucketACL(req.bucket, ownership, acl); err != nil {
		return response{}, err
	}
	where := "/" + req.bucket
	if objstore.RegionOf(location, s.cfg.region) != "us-east-1" {
		// S3 answers a bucket outside us-east-1 with its virtual-host URL.
		where = "http://" + req.bucket + ".s3.amazonaws.com/"
	}
	return response{status: http.StatusOK, header: map[string]string{"Location": where}}, nil
}

// checkLocation applies S3's rules to a CreateBucket location constraint.
// The us-east-1 endpoint creates buckets in every region: no constraint
// is us-east-1 itself (naming it is InvalidLocationConstraint), any other
// region's constraint puts the bucket there. Every other endpoint only
// creates buckets in its own region, which the constraint must name.
func (s *Server) checkLocation(location string) error {
	region := s.cfg.region
	switch {
	case region == "us-east-1" && location == "":
		return nil
	case region == "us-east-1" && location == "us-east-1":
		return xmlcodec.NewError(xmlcodec.InvalidLocationConstraint, "")
	case region == "us-east-1" && bucketRegions[location]:
		return nil
	case location != "" && objstore.RegionOf(location, region) == region:
		return nil
	case location == "":
		return xmlcodec.NewError(xmlcodec.IllegalLocationConstraintException, "")
	}
	return xmlcodec.NewError(xmlcodec.IllegalLocationConstraintException,
		"The "+location+" location constraint is incompatible for the region specific endpoint this request was sent to.")
}

// bucketRegion is the region a bucket is in (x-amz-bucket-region).
func (s *Server) bucketRegion(b objstore.BucketInfo) string {
	return objstore.RegionOf(b.Region, s.cfg.region)
}

// listBucketsParams are ListBuckets' paging parameters: S3 pages (10,000
// at a time by default) and names each bucket's region once a request
// has any of them.
var listBucketsParams = []string{"prefix", "max-buckets", "continuation-token", "bucket-region"}

// listBucketsMax is the largest and default page of a paged ListBuckets.
const listBucketsMax = 10000

func (s *Server) listBuckets(req *request) (response, error) {
	q := req.query
	caller := req.auth.Principal().AccountID
	query := objstore.BucketQuery{Owner: caller, Prefix: q.Get("prefix"), Region: q.Get("bucket-region"), HomeRegion: s.cfg.region}
	paged := false
	for _, p := range listBucketsParams {
		if _, ok := q[p]; ok {
			paged = true
		}
	}
	if paged {
		query.Max = listBucketsMax
	}
	if _, ok := q["max-buckets"]; ok {
		raw := q.Get("max-buckets")
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > listBucketsMax {
			return response{}, listArgError("Argument max-buckets must be an integer between 1 and 10000", "max-buckets", raw)
		}
		query.Max = n
	}
	if tokens, ok := q["continuation-token"]; ok {
		token := ""
		if len(tokens) > 0 {
			token = tokens[0]
		}
		after, err := listTokenKey(token)
		if err != nil {
			return response{}, err
		}
		query.After = after
	}
	page := s.objects.ListBucketPage(query)
	r := xmlcodec.ListBucketsResult{OwnerID: access.CanonicalID(caller), OwnerName: caller, Prefix: query.Prefix}
	for _, b := range page.Buckets {
		e := xmlcodec.BucketEntry{Name: b.Name, Created: b.Created}
		if paged {
			e.Region = s.bucketRegion(b)
		}
		r.Buckets = append(r.Buckets, e)
	}
	if page.IsTruncated {
		r.ContinuationToken = listToken(page.Buckets[len(page.Buckets)-1].Name)
	}
	return response{status: http.StatusOK, body: xmlcodec.EncodeListBucketsResult(r)}, nil
}
