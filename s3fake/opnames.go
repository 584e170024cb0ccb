package s3fake

// Operation names: every operation of the S3 REST API as aws-sdk-go-v2's
// service/s3 names it, plus PostObject (the browser-form upload, which
// has no SDK operation). They name operations in FailNext, FailAlways and
// the request log; operations.go says which of them s3fake serves.

const (
	// OpAbortMultipartUpload is S3's AbortMultipartUpload operation.
	OpAbortMultipartUpload = "AbortMultipartUpload"
	// OpCompleteMultipartUpload is S3's CompleteMultipartUpload operation.
	OpCompleteMultipartUpload = "CompleteMultipartUpload"
	// OpCopyObject is S3's CopyObject operation.
	OpCopyObject = "CopyObject"
	// OpCreateBucket is S3's CreateBucket operation.
	OpCreateBucket = "CreateBucket"
	// OpCreateBucketMetadataConfiguration is S3's CreateBucketMetadataConfiguration operation.
	OpCreateBucketMetadataConfiguration = "CreateBucketMetadataConfiguration"
	// OpCreateBucketMetadataTableConfiguration is S3's CreateBucketMetadataTableConfiguration operation.
	OpCreateBucketMetadataTableConfiguration = "CreateBucketMetadataTableConfiguration"
	// OpCreateMultipartUpload is S3's CreateMultipartUpload operation.
	OpCreateMultipartUpload = "CreateMultipartUpload"
	// OpCreateSession is S3's CreateSession operation.
	OpCreateSession = "CreateSession"
	// OpDeleteBucket is S3's DeleteBucket operation.
	OpDeleteBucket = "DeleteBucket"
	// OpDeleteBucketAnalyticsConfiguration is S3's DeleteBucketAnalyticsConfiguration operation.
	OpDeleteBucketAnalyticsConfiguration = "DeleteBucketAnalyticsConfiguration"
	// OpDeleteBucketCors is S3's DeleteBucketCors operation.
	OpDeleteBucketCors = "DeleteBucketCors"
	// OpDeleteBucketEncryption is S3's DeleteBucketEncryption operation.
	OpDeleteBucketEncryption = "DeleteBucketEncryption"
	// OpDeleteBucketIntelligentTieringConfiguration is S3's DeleteBucketIntelligentTieringConfiguration operation.
	OpDeleteBucketIntelligentTieringConfiguration = "DeleteBucketIntelligentTieringConfiguration"
	// OpDeleteBucketInventoryConfiguration is S3's DeleteBucketInventoryConfiguration operation.
	OpDeleteBucketInventoryConfiguration = "DeleteBucketInventoryConfiguration"
	// OpDeleteBucketLifecycle is S3's DeleteBucketLifecycle operation.
	OpDeleteBucketLifecycle = "DeleteBucketLifecycle"
	// OpDeleteBucketMetadataConfiguration is S3's DeleteBucketMetadataConfiguration operation.
	OpDeleteBucketMetadataConfiguration = "DeleteBucketMetadataConfiguration"
	// OpDeleteBucketMetadataTableConfiguration is S3's DeleteBucketMetadataTableConfiguration operation.
	OpDeleteBucketMetadataTableConfiguration = "DeleteBucketMetadataTableConfiguration"
	// OpDeleteBucketMetricsConfiguration is S3's DeleteBucketMetricsConfiguration operation.
	OpDeleteBucketMetricsConfiguration = "DeleteBucketMetricsConfiguration"
	// OpDeleteBucketOwnershipControls is S3's DeleteBucketOwnershipControls operation.
	OpDeleteBucketOwnershipControls = "DeleteBucketOwnershipControls"
	// OpDeleteBucketPolicy is S3's DeleteBucketPolicy operation.
	OpDeleteBucketPolicy = "DeleteBucketPolicy"
	// OpDeleteBucketReplication is S3's DeleteBucketReplication operation.
	OpDeleteBucketReplication = "DeleteBucketReplication"
	// OpDeleteBucketTagging is S3's DeleteBucketTagging operation.
	OpDeleteBucketTagging = "DeleteBucketTagging"
	// OpDeleteBucketWebsite is S3's DeleteBucketWebsite operation.
	OpDeleteBucketWebsite = "DeleteBucketWebsite"
	// OpDeleteObject is S3's DeleteObject operation.
	OpDeleteObject = "DeleteObject"
	// OpDeleteObjectAnnotation is S3's DeleteObjectAnnotation operation.
	OpDeleteObjectAnnotation = "DeleteObjectAnnotation"
	// OpDeleteObjectTagging is S3's DeleteObjectTagging operation.
	OpDeleteObjectTagging = "DeleteObjectTagging"
	// OpDeleteObjects is S3's DeleteObjects operation.
	OpDeleteObjects = "DeleteObjects"
	// OpDeletePublicAccessBlock is S3's DeletePublicAccessBlock operation.
	OpDeletePublicAccessBlock = "DeletePublicAccessBlock"
	// OpGetBucketAbac is S3's GetBucketAbac operation.
	OpGetBucketAbac = "GetBucketAbac"
	// OpGetBucketAccelerateConfiguration is S3's GetBucketAccelerateConfiguration operation.
	OpGetBucketAccelerateConfiguration = "GetBucketAccelerateConfiguration"
	// OpGetBucketAcl is S3's GetBucketAcl operation.
	OpGetBucketAcl = "GetBucketAcl"
	// OpGetBucketAnalyticsConfiguration is S3's GetBucketAnalyticsConfiguration operation.
	OpGetBucketAnalyticsConfiguration = "GetBucketAnalyticsConfiguration"
	// OpGetBucketCors is S3's GetBucketCors operation.
	OpGetBucketCors = "GetBucketCors"
	// OpGetBucketEncryption is S3's GetBucketEncryption operation.
	OpGetBucketEncryption = "GetBucketEncryption"
	// OpGetBucketIntelligentTieringConfiguration is S3's GetBucketIntelligentTieringConfiguration operation.
	OpGetBucketIntelligentTieringConfiguration = "GetBucketIntelligentTieringConfiguration"
	// OpGetBucketInventoryConfiguration is S3's GetBucketInventoryConfiguration operation.
	OpGetBucketInventoryConfiguration = "GetBucketInventoryConfiguration"
	// OpGetBucketLifecycleConfiguration is S3's GetBucketLifecycleConfiguration operation.
	OpGetBucketLifecycleConfiguration = "GetBucketLifecycleConfiguration"
	// OpGetBucketLocation is S3's GetBucketLocation operation.
	OpGetBucketLocation = "GetBucketLocation"
	// OpGetBucketLogging is S3's GetBucketLogging operation.
	OpGetBucketLogging = "GetBucketLogging"
	// OpGetBucketMetadataConfiguration is S3's GetBucketMetadataConfiguration operation.
	OpGetBucketMetadataConfiguration = "GetBucketMetadataConfiguration"
	// OpGetBucketMetadataTableConfiguration is S3's GetBucketMetadataTableConfiguration operation.
	OpGetBucketMetadataTableConfiguration = "GetBucketMetadataTableConfiguration"
	// OpGetBucketMetricsConfiguration is S3's GetBucketMetricsConfiguration operation.
	OpGetBucketMetricsConfiguration = "GetBucketMetricsConfiguration"
	// OpGetBucketNotificationConfiguration is S3's GetBucketNotificationConfiguration operation.
	OpGetBucketNotificationConfiguration = "GetBucketNotificationConfiguration"
	// OpGetBucketOwnershipControls is S3's GetBucketOwnershipControls operation.
	OpGetBucketOwnershipControls = "GetBucketOwnershipControls"
	// OpGetBucketPolicy is S3's GetBucketPolicy operation.
	OpGetBucketPolicy = "GetBucketPolicy"
	// OpGetBucketPolicyStatus is S3's GetBucketPolicyStatus operation.
	OpGetBucketPolicyStatus = "GetBucketPolicyStatus"
	// OpGetBucketReplication is S3's GetBucketReplication operation.
	OpGetBucketReplication = "GetBucketReplication"
	// OpGetBucketRequestPayment is S3's GetBucketRequestPayment operation.
	OpGetBucketRequestPayment = "GetBucketRequestPayment"
	// OpGetBucketTagging is S3's GetBucketTagging operation.
	OpGetBucketTagging = "GetBucketTagging"
	// OpGetBucketVersioning is S3's GetBucketVersioning operation.
	OpGetBucketVersioning = "GetBucketVersioning"
	// OpGetBucketWebsite is S3's GetBucketWebsite operation.
	OpGetBucketWebsite = "GetBucketWebsite"
	// OpGetObject is S3's GetObject operation.
	OpGetObject = "GetObject"
	// OpGetObjectAcl is S3's GetObjectAcl operation.
	OpGetObjectAcl = "GetObjectAcl"
	// OpGetObjectAnnotation is S3's GetObjectAnnotation operation.
	OpGetObjectAnnotation = "GetObjectAnnotation"
	// OpGetObjectAttributes is S3's GetObjectAttributes operation.
	OpGetObjectAttributes = "GetObjectAttributes"
	// OpGetObjectLegalHold is S3's GetObjectLegalHold operation.
	OpGetObjectLegalHold = "GetObjectLegalHold"
	// OpGetObjectLockConfiguration is S3's GetObjectLockConfiguration operation.
	OpGetObjectLockConfiguration = "GetObjectLockConfiguration"
	// OpGetObjectRetention is S3's GetObjectRetention operation.
	OpGetObjectRetention = "GetObjectRetention"
	// OpGetObjectTagging is S3's GetObjectTagging operation.
	OpGetObjectTagging = "GetObjectTagging"
	// OpGetObjectTorrent is S3's GetObjectTorrent operation.
	OpGetObjectTorrent = "GetObjectTorrent"
	// OpGetPublicAccessBlock is S3's GetPublicAccessBlock operation.
	OpGetPublicAccessBlock = "GetPublicAccessBlock"
	// OpHeadBucket is S3's HeadBucket operation.
	OpHeadBucket = "HeadBucket"
	// OpHeadObject is S3's HeadObject operation.
	OpHeadObject = "HeadObject"
	// OpListBucketAnalyticsConfigurations is S3's ListBucketAnalyticsConfigurations operation.
	OpListBucketAnalyticsConfigurations = "ListBucketAnalyticsConfigurations"
	// OpListBucketIntelligentTieringConfigurations is S3's ListBucketIntelligentTieringConfigurations operation.
	OpListBucketIntelligentTieringConfigurations = "ListBucketIntelligentTieringConfigurations"
	// OpListBucketInventoryConfigurations is S3's ListBucketInventoryConfigurations operation.
	OpListBucketInventoryConfigurations = "ListBucketInventoryConfigurations"
	// OpListBucketMetricsConfigurations is S3's ListBucketMetricsConfigurations operation.
	OpListBucketMetricsConfigurations = "ListBucketMetricsConfigurations"
	// OpListBuckets is S3's ListBuckets operation.
	OpListBuckets = "ListBuckets"
	// OpListDirectoryBuckets is S3's ListDirectoryBuckets operation.
	OpListDirectoryBuckets = "ListDirectoryBuckets"
	// OpListMultipartUploads is S3's ListMultipartUploads operation.
	OpListMultipartUploads = "ListMultipartUploads"
	// OpListObjectAnnotations is S3's ListObjectAnnotations operation.
	OpListObjectAnnotations = "ListObjectAnnotations"
	// OpListObjectVersions is S3's ListObjectVersions operation.
	OpListObjectVersions = "ListObjectVersions"
	// OpListObjects is S3's ListObjects operation.
	OpListObjects = "ListObjects"
	// OpListObjectsV2 is S3's ListObjectsV2 operation.
	OpListObjectsV2 = "ListObjectsV2"
	// OpListParts is S3's ListParts operation.
	OpListParts = "ListParts"
	// OpPostObject is S3's PostObject operation.
	OpPostObject = "PostObject"
	// OpPutBucketAbac is S3's PutBucketAbac operation.
	OpPutBucketAbac = "PutBucketAbac"
	// OpPutBucketAccelerateConfiguration is S3's PutBucketAccelerateConfiguration operation.
	OpPutBucketAccelerateConfiguration = "PutBucketAccelerateConfiguration"
	// OpPutBucketAcl is S3's PutBucketAcl operation.
	OpPutBucketAcl = "PutBucketAcl"
	// OpPutBucketAnalyticsConfiguration is S3's PutBucketAnalyticsConfiguration operation.
	OpPutBucketAnalyticsConfiguration = "PutBucketAnalyticsConfiguration"
	// OpPutBucketCors is S3's PutBucketCors operation.
	OpPutBucketCors = "PutBucketCors"
	// OpPutBucketEncryption is S3's PutBucketEncryption operation.
	OpPutBucketEncryption = "PutBucketEncryption"
	// OpPutBucketIntelligentTieringConfiguration is S3's PutBucketIntelligentTieringConfiguration operation.
	OpPutBucketIntelligentTieringConfiguration = "PutBucketIntelligentTieringConfiguration"
	// OpPutBucketInventoryConfiguration is S3's PutBucketInventoryConfiguration operation.
	OpPutBucketInventoryConfiguration = "PutBucketInventoryConfiguration"
	// OpPutBucketLifecycleConfiguration is S3's PutBucketLifecycleConfiguration operation.
	OpPutBucketLifecycleConfiguration = "PutBucketLifecycleConfiguration"
	// OpPutBucketLogging is S3's PutBucketLogging operation.
	OpPutBucketLogging = "PutBucketLogging"
	// OpPutBucketMetricsConfiguration is S3's PutBucketMetricsConfiguration operation.
	OpPutBucketMetricsConfiguration = "PutBucketMetricsConfiguration"
	// OpPutBucketNotificationConfiguration is S3's PutBucketNotificationConfiguration operation.
	OpPutBucketNotificationConfiguration = "PutBucketNotificationConfiguration"
	// OpPutBucketOwnershipControls is S3's PutBucketOwnershipControls operation.
	OpPutBucketOwnershipControls = "PutBucketOwnershipControls"
	// OpPutBucketPolicy is S3's PutBucketPolicy operation.
	OpPutBucketPolicy = "PutBucketPolicy"
	// OpPutBucketReplication is S3's PutBucketReplication operation.
	OpPutBucketReplication = "PutBucketReplication"
	// OpPutBucketRequestPayment is S3's PutBucketRequestPayment operation.
	OpPutBucketRequestPayment = "PutBucketRequestPayment"
	// OpPutBucketTagging is S3's PutBucketTagging operation.
	OpPutBucketTagging = "PutBucketTagging"
	// OpPutBucketVersioning is S3's PutBucketVersioning operation.
	OpPutBucketVersioning = "PutBucketVersioning"
	// OpPutBucketWebsite is S3's PutBucketWebsite operation.
	OpPutBucketWebsite = "PutBucketWebsite"
	// OpPutObject is S3's PutObject operation.
	OpPutObject = "PutObject"
	// OpPutObjectAcl is S3's PutObjectAcl operation.
	OpPutObjectAcl = "PutObjectAcl"
	// OpPutObjectAnnotation is S3's PutObjectAnnotation operation.
	OpPutObjectAnnotation = "PutObjectAnnotation"
	// OpPutObjectLegalHold is S3's PutObjectLegalHold operation.
	OpPutObjectLegalHold = "PutObjectLegalHold"
	// OpPutObjectLockConfiguration is S3's PutObjectLockConfiguration operation.
	OpPutObjectLockConfiguration = "PutObjectLockConfiguration"
	// OpPutObjectRetention is S3's PutObjectRetention operation.
	OpPutObjectRetention = "PutObjectRetention"
	// OpPutObjectTagging is S3's PutObjectTagging operation.
	OpPutObjectTagging = "PutObjectTagging"
	// OpPutPublicAccessBlock is S3's PutPublicAccessBlock operation.
	OpPutPublicAccessBlock = "PutPublicAccessBlock"
	// OpRenameObject is S3's RenameObject operation.
	OpRenameObject = "RenameObject"
	// OpRestoreObject is S3's RestoreObject operation.
	OpRestoreObject = "RestoreObject"
	// OpSelectObjectContent is S3's SelectObjectContent operation.
	OpSelectObjectContent = "SelectObjectContent"
	// OpUpdateBucketMetadataAnnotationTableConfiguration is S3's UpdateBucketMetadataAnnotationTableConfiguration operation.
	OpUpdateBucketMetadataAnnotationTableConfiguration = "UpdateBucketMetadataAnnotationTableConfiguration"
	// OpUpdateBucketMetadataInventoryTableConfiguration is S3's UpdateBucketMetadataInventoryTableConfiguration operation.
	OpUpdateBucketMetadataInventoryTableConfiguration = "UpdateBucketMetadataInventoryTableConfiguration"
	// OpUpdateBucketMetadataJournalTableConfiguration is S3's UpdateBucketMetadataJournalTableConfiguration operation.
	OpUpdateBucketMetadataJournalTableConfiguration = "UpdateBucketMetadataJournalTableConfiguration"
	// OpUpdateObjectEncryption is S3's UpdateObjectEncryption operation.
	OpUpdateObjectEncryption = "UpdateObjectEncryption"
	// OpUploadPart is S3's UploadPart operation.
	OpUploadPart = "UploadPart"
	// OpUploadPartCopy is S3's UploadPartCopy operation.
	OpUploadPartCopy = "UploadPartCopy"
	// OpWriteGetObjectResponse is S3's WriteGetObjectResponse operation.
	OpWriteGetObjectResponse = "WriteGetObjectResponse"
)
