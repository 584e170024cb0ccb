package s3fake

// The operation table: every S3 REST operation, how a request selects it,
// the IAM action it is authorized as, and the handler that serves it. The
// front handler (routes.go) matches a request to exactly one row, and
// fault injection, authorization, logging and dispatch all read that row,
// so a request cannot be authorized as one operation and run as another.
// A row without a handler answers 501 NotImplemented.
//
// Adding an operation: give its row a handler (a method of *Server with
// the handlerFunc shape, in the api_*.go file of its family), put its
// state in the store it belongs to (internal/objstore for objects and
// buckets), and its wire shapes in xmlcodec.
//
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/xmlcodec"
)

// target is what a request's path names.
type target uint8

const (
	onService target = iota // "/"
	onBucket                // "/bucket"
	onObject                // "/bucket/key"
)

// authzMode says who makes the authorization decision.
type authzMode uint8

const (
	// authzRow: the front handler authorizes the row's action on the
	// row's resource before the handler runs.
	authzRow authzMode = iota
	// authzHandler: the front handler checks the bucket (existence,
	// expected owner) and the handler authorizes what the request names
	// inside its body (DeleteObjects per key, PostObject for the form's
	// key), with Server.decide.
	authzHandler
)

// opRow is one operation.
type opRow struct {
	name   string // the S3 operation, one of the Op* constants
	method string
	on     target
	// query are the query parameters that select the row: all must be
	// present; "k=v" also requires the value.
	query []string
	// header, when set, is a request header that must be present
	// (x-amz-copy-source selects CopyObject and UploadPartCopy).
	header string
	// action is the IAM action; versionAction, when set, replaces it for
	// a request that names a versionId (s3:GetObjectVersion).
	action, versionAction string
	authz                 authzMode
	// handler serves the operation; nil answers 501 NotImplemented.
	handler func(*Server, *request) (response, error)
	// selectors is query split at "=", once (init), for matches.
	selectors []selector
}

// selector is one query selector of a row: a key, and the value it must
// have when hasValue.
type selector struct {
	key, value string
	hasValue   bool
}

func init() {
	for i := range operationTable {
		r := &operationTable[i]
		for _, k := range r.query {
			k, v, hasValue := strings.Cut(k, "=")
			r.selectors = append(r.selectors, selector{k, v, hasValue})
		}
	}
}

// operationTable lists every row. Order matters within a method and
// target: the first row whose selectors all match wins, so the rows with
// more selectors come first.
var operationTable = []opRow{
	// The service.
	{name: OpListBuckets, method: http.MethodGet, on: onService, action: "s3:ListAllMyBuckets", handler: (*Server).listBuckets},

	// Bucket subresources.
	{name: OpGetBucketAbac, method: http.MethodGet, on: onBucket, query: q("abac"), action: "s3:GetBucketAbac"},
	{name: OpPutBucketAbac, method: http.MethodPut, on: onBucket, query: q("abac"), action: "s3:PutBucketAbac"},
	{name: OpGetBucketAccelerateConfiguration, method: http.MethodGet, on: onBucket, query: q("accelerate"), action: "s3:GetAccelerateConfiguration", handler: (*Server).getBucketAccelerate},
	{name: OpPutBucketAccelerateConfiguration, method: http.MethodPut, on: onBucket, query: q("accelerate"), action: "s3:PutAccelerateConfiguration", handler: (*Server).putBucketAccelerate},
	{name: OpGetBucketAcl, method: http.MethodGet, on: onBucket, query: q("acl"), action: "s3:GetBucketAcl", handler: (*Server).getBucketAcl},
	{name: OpPutBucketAcl, method: http.MethodPut, on: onBucket, query: q("acl"), action: "s3:PutBucketAcl", handler: (*Server).putBucketAcl},
	{name: OpGetBucketAnalyticsConfiguration, method: http.MethodGet, on: onBucket, query: q("analytics", "id"), action: "s3:GetAnalyticsConfiguration"},
	{name: OpListBucketAnalyticsConfigurations, method: http.MethodGet, on: onBucket, query: q("analytics"), action: "s3:GetAnalyticsConfiguration"},
	{name: OpPutBucketAnalyticsConfiguration, method: http.MethodPut, on: onBucket, query: q("analytics"), action: "s3:PutAnalyticsConfiguration"},
	{name: OpDeleteBucketAnalyticsConfiguration, method: http.MethodDelete, on: onBucket, query: q("analytics"), action: "s3:PutAnalyticsConfiguration"},
	{name: OpGetBucketCors, method: http.MethodGet, on: onBucket, query: q("cors"), action: "s3:GetBucketCORS", handler: (*Server).getBucketCors},
	{name: OpPutBucketCors, method: http.MethodPut, on: onBucket, query: q("cors"), action: "s3:PutBucketCORS", handler: (*Server).putBucketCors},
	{name: OpDeleteBucketCors, method: http.MethodDelete, on: onBucket, query: q("cors"), action: "s3:PutBucketCORS", handler: (*Server).deleteBucketCors},
	{name: OpDeleteObjects, method: http.MethodPost, on: onBucket, query: q("delete"), action: "s3:DeleteObject", authz: authzHandler, handler: (*Server).deleteObjects},
	{name: OpGetBucketEncryption, method: http.MethodGet, on: onBucket, query: q("encryption"), action: "s3:GetEncryptionConfiguration", handler: (*Server).getBucketEncryption},
	{name: OpPutBucketEncryption, method: http.MethodPut, on: onBucket, query: q("encryption"), action: "s3:PutEncryptionConfiguration", handler: (*Server).putBucketEncryption},
	{name: OpDeleteBucketEncryption, method: http.MethodDelete, on: onBucket, query: q("encryption"), action: "s3:PutEncryptionConfiguration", handler: (*Server).deleteBucketEncryption},
	{name: OpGetBucketIntelligentTieringConfiguration, method: http.MethodGet, on: onBucket, query: q("intelligent-tiering", "id"), action: "s3:GetIntelligentTieringConfiguration"},
	{name: OpListBucketIntelligentTieringConfigurations, method: http.MethodGet, on: onBucket, query: q("intelligent-tiering"), action: "s3:GetIntelligentTieringConfiguration"},
	{name: OpPutBucketIntelligentTieringConfiguration, method: http.MethodPut, on: onBucket, query: q("intelligent-tiering"), action: "s3:PutIntelligentTieringConfiguration"},
	{name: OpDeleteBucketIntelligentTieringConfiguration, method: http.MethodDelete, on: onBucket, query: q("intelligent-tiering"), action: "s3:PutIntelligentTieringConfiguration"},
	{name: OpGetBucketInventoryConfiguration, method: http.MethodGet, on: onBucket, query: q("inventory", "id"), action: "s3:GetInventoryConfiguration", handler: (*Server).getInventory},
	{name: OpListBucketInventoryConfigurations, method: http.MethodGet, on: onBucket, query: q("inventory"), action: "s3:GetInventoryConfiguration", handler: (*Server).listInventory},
	{name: OpPutBucketInventoryConfiguration, method: http.MethodPut, on: onBucket, query: q("inventory"), action: "s3:PutInventoryConfiguration", handler: (*Server).putInventory},
	{name: OpDeleteBucketInventoryConfiguration, method: http.MethodDelete, on: onBucket, query: q("inventory"), action: "s3:PutInventoryConfiguration", handler: (*Server).deleteInventory},
	{name: OpGetBucketLifecycleConfiguration, method: http.MethodGet, on: onBucket, query: q("lifecycle"), action: "s3:GetLifecycleConfiguration", handler: (*Server).getBucketLifecycle},
	{name: OpPutBucketLifecycleConfiguration, method: http.MethodPut, on: onBucket, query: q("lifecycle"), action: "s3:PutLifecycleConfiguration", handler: (*Server).putBucketLifecycle},
	{name: OpDeleteBucketLifecycle, method: http.MethodDelete, on: onBucket, query: q("lifecycle"), action: "s3:PutLifecycleConfiguration", handler: (*Server).deleteBucketLifecycle},
	{name: OpGetBucketLocation, method: http.MethodGet, on: onBucket, query: q("location"), action: "s3:GetBucketLocation", handler: (*Server).getBucketLocation},
	{name: OpGetBucketLogging, method: http.MethodGet, on: onBucket, query: q("logging"), action: "s3:GetBucketLogging", handler: (*Server).getBucketLogging},
	{name: OpPutBucketLogging, method: http.MethodPut, on: onBucket, query: q("logging"), action: "s3:PutBucketLogging", handler: (*Server).putBucketLogging},
	{name: OpUpdateBucketMetadataAnnotationTableConfiguration, method: http.MethodPut, on: onBucket, query: q("metadataAnnotationTable"), action: "s3:UpdateBucketMetadataAnnotationTableConfiguration"},
	{name: OpGetBucketMetadataConfiguration, method: http.MethodGet, on: onBucket, query: q("metadataConfiguration"), action: "s3:GetBucketMetadataTableConfiguration"},
	{name: OpCreateBucketMetadataConfiguration, method: http.MethodPost, on: onBucket, query: q("metadataConfiguration"), action: "s3:CreateBucketMetadataTableConfiguration"},
	{name: OpDeleteBucketMetadataConfiguration, method: http.MethodDelete, on: onBucket, query: q("metadataConfiguration"), action: "s3:DeleteBucketMetadataTableConfiguration"},
	{name: OpUpdateBucketMetadataInventoryTableConfiguration, method: http.MethodPut, on: onBucket, query: q("metadataInventoryTable"), action: "s3:UpdateBucketMetadataInventoryTableConfiguration"},
	{name: OpUpdateBucketMetadataJournalTableConfiguration, method: http.MethodPut, on: onBucket, query: q("metadataJournalTable"), action: "s3:UpdateBucketMetadataJournalTableConfiguration"},
	{name: OpGetBucketMetadataTableConfiguration, method: http.MethodGet, on: onBucket, query: q("metadataTable"), action: "s3:GetBucketMetadataTableConfiguration"},
	{name: OpCreateBucketMetadataTableConfiguration, method: http.MethodPost, on: onBucket, query: q("metadataTable"), action: "s3:CreateBucketMetadataTableConfiguration"},
	{name: OpDeleteBucketMetadataTableConfiguration, method: http.MethodDelete, on: onBucket, query: q("metadataTable"), action: "s3:DeleteBucketMetadataTableConfiguration"},
	{name: OpGetBucketMetricsConfiguration, method: http.MethodGet, on: onBucket, query: q("metrics", "id"), action: "s3:GetMetricsConfiguration"},
	{name: OpListBucketMetricsConfigurations, method: http.MethodGet, on: onBucket, query: q("metrics"), action: "s3:GetMetricsConfiguration"},
	{name: OpPutBucketMetricsConfiguration, method: http.MethodPut, on: onBucket, query: q("metrics"), action: "s3:PutMetricsConfiguration"},
	{name: OpDeleteBucketMetricsConfiguration, method: http.MethodDelete, on: onBucket, query: q("metrics"), action: "s3:PutMetricsConfiguration"},
	{name: OpGetBucketNotificationConfiguration, method: http.MethodGet, on: onBucket, query: q("notification"), action: "s3:GetBucketNotification", handler: (*Server).getBucketNotification},
	{name: OpPutBucketNotificationConfiguration, method: http.MethodPut, on: onBucket, query: q("notification"), action: "s3:PutBucketNotification", handler: (*Server).putBucketNotification},
	{name: OpGetObjectLockConfiguration, method: http.MethodGet, on: onBucket, query: q("object-lock"), action: "s3:GetBucketObjectLockConfiguration", handler: (*Server).getObjectLockConfiguration},
	{name: OpPutObjectLockConfiguration, method: http.MethodPut, on: onBucket, query: q("object-lock"), action: "s3:PutBucketObjectLockConfiguration", handler: (*Server).putObjectLockConfiguration},
	{name: OpGetBucketOwnershipControls, method: http.MethodGet, on: onBucket, query: q("ownershipControls"), action: "s3:GetBucketOwnershipControls", handler: (*Server).getBucketOwnershipControls},
	{name: OpPutBucketOwnershipControls, method: http.MethodPut, on: onBucket, query: q("ownershipControls"), action: "s3:PutBucketOwnershipControls", handler: (*Server).putBucketOwnershipControls},
	{name: OpDeleteBucketOwnershipControls, method: http.MethodDelete, on: onBucket, query: q("ownershipControls"), action: "s3:PutBucketOwnershipControls", handler: (*Server).deleteBucketOwnershipControls},
	{name: OpGetBucketPolicy, method: http.MethodGet, on: onBucket, query: q("policy"), action: "s3:GetBucketPolicy", handler: (*Server).getBucketPolicy},
	{name: OpPutBucketPolicy, method: http.MethodPut, on: onBucket, query: q("policy"), action: "s3:PutBucketPolicy", handler: (*Server).putBucketPolicy},
	{name: OpDeleteBucketPolicy, method: http.MethodDelete, on: onBucket, query: q("policy"), action: "s3:DeleteBucketPolicy", handler: (*Server).deleteBucketPolicy},
	{name: OpGetBucketPolicyStatus, method: http.MethodGet, on: onBucket, query: q("policyStatus"), action: "s3:GetBucketPolicyStatus"},
	{name: OpGetPublicAccessBlock, method: http.MethodGet, on: onBucket, query: q("publicAccessBlock"), action: "s3:GetBucketPublicAccessBlock", handler: (*Server).getPublicAccessBlock},
	{name: OpPutPublicAccessBlock, method: http.MethodPut, on: onBucket, query: q("publicAccessBlock"), action: "s3:PutBucketPublicAccessBlock", handler: (*Server).putPublicAccessBlock},
	{name: OpDeletePublicAccessBlock, method: http.MethodDelete, on: onBucket, query: q("publicAccessBlock"), action: "s3:PutBucketPublicAccessBlock", handler: (*Server).deletePublicAccessBlock},
	{name: OpGetBucketReplication, method: http.MethodGet, on: onBucket, query: q("replication"), action: "s3:GetReplicationConfiguration", handler: (*Server).getBucketReplication},
	{name: OpPutBucketReplication, method: http.MethodPut, on: onBucket, query: q("replication"), action: "s3:PutReplicationConfiguration", handler: (*Server).putBucketReplication},
	{name: OpDeleteBucketReplication, method: http.MethodDelete, on: onBucket, query: q("replication"), action: "s3:PutReplicationConfiguration", handler: (*Server).deleteBucketReplication},
	{name: OpGetBucketRequestPayment, method: http.MethodGet, on: onBucket, query: q("requestPayment"), action: "s3:GetBucketRequestPayment", handler: (*Server).getBucketRequestPayment},
	{name: OpPutBucketRequestPayment, method: http.MethodPut, on: onBucket, query: q("requestPayment"), action: "s3:PutBucketRequestPayment", handler: (*Server).putBucketRequestPayment},
	{name: OpCreateSession, method: http.MethodGet, on: onBucket, query: q("session"), action: "s3express:CreateSession"},
	{name: OpGetBucketTagging, method: http.MethodGet, on: onBucket, query: q("tagging"), action: "s3:GetBucketTagging", handler: (*Server).getBucketTagging},
	{name: OpPutBucketTagging, method: http.MethodPut, on: onBucket, query: q("tagging"), action: "s3:PutBucketTagging", handler: (*Server).putBucketTagging},
	{name: OpDeleteBucketTagging, method: http.MethodDelete, on: onBucket, query: q("tagging"), action: "s3:PutBucketTagging", handler: (*Server).deleteBucketTagging},
	{name: OpListMultipartUploads, method: http.MethodGet, on: onBucket, query: q("uploads"), action: "s3:ListBucketMultipartUploads", handler: (*Server).listMultipartUploads},
	{name: OpGetBucketVersioning, method: http.MethodGet, on: onBucket, query: q("versioning"), action: "s3:GetBucketVersioning", handler: (*Server).getBucketVersioning},
	{name: OpPutBucketVersioning, method: http.MethodPut, on: onBucket, query: q("versioning"), action: "s3:PutBucketVersioning", handler: (*Server).putBucketVersioning},
	{name: OpListObjectVersions, method: http.MethodGet, on: onBucket, query: q("versions"), action: "s3:ListBucketVersions", handler: (*Server).listObjectVersions},
	{name: OpGetBucketWebsite, method: http.MethodGet, on: onBucket, query: q("website"), action: "s3:GetBucketWebsite", handler: (*Server).getBucketWebsite},
	{name: OpPutBucketWebsite, method: http.MethodPut, on: onBucket, query: q("website"), action: "s3:PutBucketWebsite", handler: (*Server).putBucketWebsite},
	{name: OpDeleteBucketWebsite, method: http.MethodDelete, on: onBucket, query: q("website"), action: "s3:DeleteBucketWebsite", handler: (*Server).deleteBucketWebsite},
	{name: OpListObjectsV2, method: http.MethodGet, on: onBucket, query: q("list-type=2"), action: "s3:ListBucket", handler: (*Server).listObjectsV2},

	// The bucket itself.
	{name: OpListObjects, method: http.MethodGet, on: onBucket, action: "s3:ListBucket", handler: (*Server).listObjects},
	{name: OpCreateBucket, method: http.MethodPut, on: onBucket, action: "s3:CreateBucket", handler: (*Server).createBucket},
	{name: OpDeleteBucket, method: http.MethodDelete, on: onBucket, action: "s3:DeleteBucket", handler: (*Server).deleteBucket},
	{name: OpHeadBucket, method: http.MethodHead, on: onBucket, action: "s3:ListBucket", handler: (*Server).headBucket},
	{name: OpPostObject, method: http.MethodPost, on: onBucket, action: "s3:PutObject", authz: authzHandler, handler: (*Server).postObject},

	// Object subresources.
	{name: OpUploadPartCopy, method: http.MethodPut, on: onObject, query: q("uploadId"), header: "X-Amz-Copy-Source", action: "s3:PutObject", handler: (*Server).uploadPartCopy},
	{name: OpUploadPart, method: http.MethodPut, on: onObject, query: q("uploadId"), action: "s3:PutObject", handler: (*Server).uploadPart},
	{name: OpCompleteMultipartUpload, method: http.MethodPost, on: onObject, query: q("uploadId"), action: "s3:PutObject", handler: (*Server).completeMultipartUpload},
	{name: OpAbortMultipartUpload, method: http.MethodDelete, on: onObject, query: q("uploadId"), action: "s3:AbortMultipartUpload", handler: (*Server).abortMultipartUpload},
	{name: OpListParts, method: http.MethodGet, on: onObject, query: q("uploadId"), action: "s3:ListMultipartUploadParts", handler: (*Server).listParts},
	{name: OpCreateMultipartUpload, method: http.MethodPost, on: onObject, query: q("uploads"), action: "s3:PutObject", handler: (*Server).createMultipartUpload},
	{name: OpGetObjectAcl, method: http.MethodGet, on: onObject, query: q("acl"), action: "s3:GetObjectAcl", versionAction: "s3:GetObjectVersionAcl", handler: (*Server).getObjectAcl},
	{name: OpPutObjectAcl, method: http.MethodPut, on: onObject, query: q("acl"), action: "s3:PutObjectAcl", versionAction: "s3:PutObjectVersionAcl", handler: (*Server).putObjectAcl},
	{name: OpGetObjectAnnotation, method: http.MethodGet, on: onObject, query: q("annotation", "x-id=GetObjectAnnotation"), action: "s3:GetObjectAnnotation"},
	{name: OpListObjectAnnotations, method: http.MethodGet, on: onObject, query: q("annotation"), action: "s3:ListObjectAnnotations"},
	{name: OpPutObjectAnnotation, method: http.MethodPut, on: onObject, query: q("annotation"), action: "s3:PutObjectAnnotation"},
	{name: OpDeleteObjectAnnotation, method: http.MethodDelete, on: onObject, query: q("annotation"), action: "s3:DeleteObjectAnnotation"},
	{name: OpGetObjectAttributes, method: http.MethodGet, on: onObject, query: q("attributes"), action: "s3:GetObjectAttributes", versionAction: "s3:GetObjectVersionAttributes", handler: (*Server).getObjectAttributes},
	{name: OpUpdateObjectEncryption, method: http.MethodPut, on: onObject, query: q("encryption"), action: "s3:PutObject"},
	{name: OpGetObjectLegalHold, method: http.MethodGet, on: onObject, query: q("legal-hold"), action: "s3:GetObjectLegalHold", handler: (*Server).getObjectLegalHold},
	{name: OpPutObjectLegalHold, method: http.MethodPut, on: onObject, query: q("legal-hold"), action: "s3:PutObjectLegalHold", handler: (*Server).putObjectLegalHold},
	{name: OpRenameObject, method: http.MethodPut, on: onObject, query: q("renameObject"), action: "s3:PutObject"},
	{name: OpRestoreObject, method: http.MethodPost, on: onObject, query: q("restore"), action: "s3:RestoreObject"},
	{name: OpGetObjectRetention, method: http.MethodGet, on: onObject, query: q("retention"), action: "s3:GetObjectRetention", handler: (*Server).getObjectRetention},
	{name: OpPutObjectRetention, method: http.MethodPut, on: onObject, query: q("retention"), action: "s3:PutObjectRetention", handler: (*Server).putObjectRetention},
	{name: OpSelectObjectContent, method: http.MethodPost, on: onObject, query: q("select"), action: "s3:GetObject"},
	{name: OpGetObjectTagging, method: http.MethodGet, on: onObject, query: q("tagging"), action: "s3:GetObjectTagging", versionAction: "s3:GetObjectVersionTagging", handler: (*Server).getObjectTagging},
	{name: OpPutObjectTagging, method: http.MethodPut, on: onObject, query: q("tagging"), action: "s3:PutObjectTagging", versionAction: "s3:PutObjectVersionTagging", handler: (*Server).putObjectTagging},
	{name: OpDeleteObjectTagging, method: http.MethodDelete, on: onObject, query: q("tagging"), action: "s3:DeleteObjectTagging", versionAction: "s3:DeleteObjectVersionTagging", handler: (*Server).deleteObjectTagging},
	{name: OpGetObjectTorrent, method: http.MethodGet, on: onObject, query: q("torrent"), action: "s3:GetObjectTorrent", versionAction: "s3:GetObjectVersionTorrent"},

	// The object itself.
	{name: OpCopyObject, method: http.MethodPut, on: onObject, header: "X-Amz-Copy-Source", action: "s3:PutObject", handler: (*Server).copyObject},
	{name: OpPutObject, method: http.MethodPut, on: onObject, action: "s3:PutObject", handler: (*Server).putObject},
	{name: OpGetObject, method: http.MethodGet, on: onObject, action: "s3:GetObject", versionAction: "s3:GetObjectVersion", handler: (*Server).getObject},
	{name: OpHeadObject, method: http.MethodHead, on: onObject, action: "s3:GetObject", versionAction: "s3:GetObjectVersion", handler: (*Server).headObject},
	{name: OpDeleteObject, method: http.MethodDelete, on: onObject, action: "s3:DeleteObject", versionAction: "s3:DeleteObjectVersion", handler: (*Server).deleteObject},
}

// Operations S3 has that are not addressed by bucket and key, and so have
// no row: ListDirectoryBuckets (directory buckets, S3 Express) and
// WriteGetObjectResponse (Object Lambda, its own endpoint). They are
// listed so that every SDK operation is accounted for.
var operationsWithoutRow = []string{OpListDirectoryBuckets, OpWriteGetObjectResponse}

func q(keys ...string) []string { return keys }

// operationNames is every operation name, for FailNext's check.
var operationNames = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range operationTable {
		m[r.name] = true
	}
	for _, n := range operationsWithoutRow {
		m[n] = true
	}
	return m
}()

// subresources are the query keys that select a row: a request carrying
// one that no row of its target and method matches is refused, never
// served as its bare-verb twin.
var subresources = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range operationTable {
		for _, k := range r.query {
			k, _, _ = strings.Cut(k, "=")
			if k != "id" && k != "x-id" && k != "list-type" {
				m[k] = true
			}
		}
	}
	return m
}()

// matches reports whether the row selects a request with method, target,
// query and header.
func (r *opRow) matches(method string, on target, query url.Values, header http.Header) bool {
	if r.method != method || r.on != on {
		return false
	}
	for _, sel := range r.selectors {
		vs, ok := query[sel.key]
		if !ok || (sel.hasValue && (len(vs) == 0 || vs[0] != sel.value)) {
			return false
		}
	}
	return r.header == "" || header.Get(r.header) != ""
}

// names reports whether r is selected by query parameter k.
func (r *opRow) names(k string) bool {
	for _, sel := range r.selectors {
		if sel.key == k {
			return true
		}
	}
	return false
}

// operation is the row a request matched, with its resource.
type operation struct {
	*opRow
	// action is the IAM action authorized (versionAction when the request
	// names a versionId).
	action string
	// resource is the ARN the action is on.
	resource string
}

// needsBucket is true for every call on an existing bucket (all but
// ListBuckets and CreateBucket): the bucket's existence, owner and policy
// are checked before it runs.
func (op operation) needsBucket() bool {
	return op.on != onService && op.name != OpCreateBucket
}

// route finds the row of a request. It returns the S3 error for a request
// that matches no row: 405 MethodNotAllowed for a method the resource
// does not have, 501 NotImplemented for a subresource the target does not
// have (a bucket subresource on an object key, say).
func route(method, bucket, key string, query url.Values, header http.Header) (operation, error) {
	on := onService
	switch {
	case key != "":
		on = onObject
	case bucket != "":
		on = onBucket
	}
	var subs []string
	for k := range query {
		if subresources[k] {
			subs = append(subs, k)
		}
	}
	var rows []*opRow
	if byTarget := rowsByMethod[method]; byTarget != nil {
		rows = byTarget[on]
	}
	for _, r := range rows {
		if r.matches(method, on, query, header) && r.namesAll(subs) {
			return newOperation(r, bucket, key, query), nil
		}
	}
	return operation{}, unrouted(method, on, subs)
}

// rowsByMethod holds the rows of each method and target in table order,
// so that route tries only the rows that could match.
var rowsByMethod = func() map[string]*[onObject + 1][]*opRow {
	m := map[string]*[onObject + 1][]*opRow{}
	for i := range operationTable {
		r := &operationTable[i]
		if m[r.method] == nil {
			m[r.method] = new([onObject + 1][]*opRow)
		}
		m[r.method][r.on] = append(m[r.method][r.on], r)
	}
	return m
}()

// namesAll reports whether r names every one of subs: a request naming a
// subresource its row does not have must not be served as that row.
func (r *opRow) namesAll(subs []string) bool {
	for _, k := range subs {
		if !r.names(k) {
			return false
		}
	}
	return true
}

func newOperation(r *opRow, bucket, key string, query url.Values) operation {
	op := operation{opRow: r, action: r.action}
	if r.versionAction != "" && query.Get("versionId") != "" {
		op.action = r.versionAction
	}
	switch r.on {
	case onService:
		op.resource = "arn:aws:s3:::*"
	case onBucket:
		op.resource = access.BucketARN(bucket)
	default:
		op.resource = access.ObjectARN(bucket, key)
	}
	return op
}

// unrouted is the error for a request no row matches.
func unrouted(method string, on target, subs []string) error {
	if len(subs) > 1 {
		return xmlcodec.NewError(xmlcodec.NotImplemented,
			"A parameter you provided implies functionality that is not implemented (several subresources in one request)")
	}
	if len(subs) == 1 {
		sub := subs[0]
		for _, r := range operationTable {
			if r.on == on && r.names(sub) {
				return xmlcodec.NewError(xmlcodec.MethodNotAllowed, "")
			}
		}
		where := "an object"
		if on != onObject {
			where = "a bucket"
		}
		return xmlcodec.NewError(xmlcodec.NotImplemented,
			"A parameter you provided implies functionality that is not implemented (?"+sub+" on "+where+")")
	}
	return xmlcodec.NewError(xmlcodec.MethodNotAllowed, "")
}

// notServed is the answer of a row without a handler.
func notServed(op operation) error {
	return xmlcodec.NewError(xmlcodec.NotImplemented,
		"A parameter you provided implies functionality that is not implemented (s3fake does not serve ?"+op.query[0]+")")
}
