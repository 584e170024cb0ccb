package xmlcodec_test

// The bucket configuration codecs: each document decoded from a request
// written the way clients write them (prolog, indentation, namespace),
// encoded canonically (golden file), and decoded back to the same model;
// then what S3's schema refuses, each a *MalformedError.

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/golden"
	"github.com/s3fake/s3fake/xmlcodec"
)

// cfgCodec decodes a document and encodes the model again.
type cfgCodec struct {
	root      string
	roundTrip func(data []byte) ([]byte, error)
}

func codecOf[T any](root string, dec func([]byte) (T, error), enc func(T) []byte) cfgCodec {
	return cfgCodec{root: root, roundTrip: func(data []byte) ([]byte, error) {
		v, err := dec(data)
		if err != nil {
			return nil, err
		}
		return enc(v), nil
	}}
}

var cfgCodecs = map[string]cfgCodec{
	"tagging":         codecOf("Tagging", xmlcodec.DecodeTagging, xmlcodec.EncodeTagging),
	"encryption":      codecOf("ServerSideEncryptionConfiguration", xmlcodec.DecodeEncryption, xmlcodec.EncodeEncryption),
	"cors":            codecOf("CORSConfiguration", xmlcodec.DecodeCORS, xmlcodec.EncodeCORS),
	"website":         codecOf("WebsiteConfiguration", xmlcodec.DecodeWebsite, xmlcodec.EncodeWebsite),
	"lifecycle":       codecOf("LifecycleConfiguration", xmlcodec.DecodeLifecycle, xmlcodec.EncodeLifecycle),
	"replication":     codecOf("ReplicationConfiguration", xmlcodec.DecodeReplication, xmlcodec.EncodeReplication),
	"ownership":       codecOf("OwnershipControls", xmlcodec.DecodeOwnershipControls, xmlcodec.EncodeOwnershipControls),
	"object-lock":     codecOf("ObjectLockConfiguration", xmlcodec.DecodeObjectLock, xmlcodec.EncodeObjectLock),
	"logging":         codecOf("BucketLoggingStatus", xmlcodec.DecodeLogging, xmlcodec.EncodeLogging),
	"accelerate":      codecOf("AccelerateConfiguration", xmlcodec.DecodeAccelerate, xmlcodec.EncodeAccelerate),
	"request-payment": codecOf("RequestPaymentConfiguration", xmlcodec.DecodeRequestPayment, xmlcodec.EncodeRequestPayment),
	"notification":    codecOf("NotificationConfiguration", xmlcodec.DecodeNotification, xmlcodec.EncodeNotification),
	"public-access-block": {root: "PublicAccessBlockConfiguration", roundTrip: func(data []byte) ([]byte, error) {
		p, _, err := xmlcodec.DecodePublicAccessBlock(data)
		return xmlcodec.EncodePublicAccessBlock(p), err
	}},
}

// cfgRequests are documents as clients send them; their names are
// "codec/case".
var cfgRequests = map[string]string{
	"tagging/two": `<Tagging><TagSet>
  <Tag><Key>a</Key><Value>1 &amp; 2</Value></Tag>
  <Tag><Key>b</Key><Value></Value></Tag>
</TagSet></Tagging>`,
	"encryption/kms": `<ServerSideEncryptionConfiguration><Rule>
  <ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>alias/k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault>
  <BucketKeyEnabled>TRUE</BucketKeyEnabled>
  <BlockedEncryptionTypes><EncryptionType>NONE</EncryptionType></BlockedEncryptionTypes>
</Rule></ServerSideEncryptionConfiguration>`,
	"cors/rule": `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>
  <MaxAgeSeconds> 60 </MaxAgeSeconds><ID>r</ID><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`,
	"website/redirect-all": `<WebsiteConfiguration><RedirectAllRequestsTo><HostName>example.com</HostName></RedirectAllRequestsTo></WebsiteConfiguration>`,
	"website/routing": `<WebsiteConfiguration><ErrorDocument><Key>e.html</Key></ErrorDocument><IndexDocument><Suffix>i.html</Suffix></IndexDocument>
  <RoutingRules><RoutingRule><Redirect><ReplaceKeyPrefixWith></ReplaceKeyPrefixWith></Redirect></RoutingRule></RoutingRules></WebsiteConfiguration>`,
	"lifecycle/rules": `<LifecycleConfiguration>
  <Rule><Status>Enabled</Status><Prefix>old/</Prefix><Expiration><Date>2030-01-01T00:00:00Z</Date></Expiration></Rule>
  <Rule><ID>s</ID><Filter><ObjectSizeLessThan>1048576</ObjectSizeLessThan></Filter><Status>Disabled</Status>
    <NoncurrentVersionExpiration><NewerNoncurrentVersions>3</NewerNoncurrentVersions><NoncurrentDays>1</NoncurrentDays></NoncurrentVersionExpiration>
    <Transition><Date>2031-06-01T00:00:00.000Z</Date><StorageClass>DEEP_ARCHIVE</StorageClass></Transition>
  </Rule>
</LifecycleConfiguration>`,
	"replication/v1": `<ReplicationConfiguration><Rule><Status>Enabled</Status><Prefix></Prefix>
  <Destination><Bucket>arn:aws:s3:::dest</Bucket><StorageClass>GLACIER</StorageClass></Destination></Rule>
  <Role>arn:aws:iam::111111111111:role/r</Role></ReplicationConfiguration>`,
	"ownership/writer":      `<OwnershipControls><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls>`,
	"object-lock/years":     `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Years>1</Years><Mode>COMPLIANCE</Mode><DefaultEventHold><Days>10</Days></DefaultEventHold></DefaultRetention></Rule></ObjectLockConfiguration>`,
	"object-lock/enabled":   `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>`,
	"logging/simple":        `<BucketLoggingStatus><LoggingEnabled><TargetPrefix>p/</TargetPrefix><TargetBucket>logs</TargetBucket><TargetObjectKeyFormat><SimplePrefix/></TargetObjectKeyFormat></LoggingEnabled></BucketLoggingStatus>`,
	"logging/off":           `<BucketLoggingStatus/>`,
	"accelerate/enabled":    `<AccelerateConfiguration><Status>Enabled</Status></AccelerateConfiguration>`,
	"request-payment/payer": `<RequestPaymentConfiguration><Payer>Requester</Payer></RequestPaymentConfiguration>`,
	"notification/queue": `<NotificationConfiguration><QueueConfiguration><Event>s3:ObjectCreated:*</Event><Queue>arn:aws:sqs:us-east-1:1:q</Queue>
  <Filter><S3Key><FilterRule><Name>suffix</Name><Value>.csv</Value></FilterRule></S3Key></Filter></QueueConfiguration>
  <EventBridgeConfiguration></EventBridgeConfiguration></NotificationConfiguration>`,
	"notification/empty":       `<NotificationConfiguration/>`,
	"public-access-block/some": `<PublicAccessBlockConfiguration><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`,
}

func TestBucketConfigurationDocumentsGolden(t *testing.T) {
	for name, doc := range cfgRequests {
		t.Run(name, func(t *testing.T) {
			codec := cfgCodecs[filepath.Dir(name)]
			require.NotNil(t, codec.roundTrip, "no codec for %s", name)
			body := withNamespace(doc, codec.root)
			out, err := codec.roundTrip([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + body))
			require.NoError(t, err)
			golden.Compare(t, filepath.Join("bucketcfg", filepath.Dir(name)+"-"+filepath.Base(name)+".xml"), out)
			again, err := codec.roundTrip(out)
			require.NoError(t, err)
			assert.Equal(t, string(out), string(again), "the canonical form is stable")
		})
	}
}

// withNamespace puts S3's namespace on the root of doc, as the SDKs do.
func withNamespace(doc, root string) string {
	open := "<" + root
	return open + ` xmlns="http://s3.amazonaws.com/doc/2006-03-01/"` + doc[len(open):]
}

func TestBucketConfigurationDocumentsMalformed(t *testing.T) {
	cases := map[string]string{
		"tagging/no TagSet":                  `<Tagging></Tagging>`,
		"tagging/Tag without Key":            `<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>`,
		"tagging/two TagSets":                `<Tagging><TagSet/><TagSet/></Tagging>`,
		"tagging/attribute":                  `<Tagging a="b"><TagSet/></Tagging>`,
		"encryption/no Rule":                 `<ServerSideEncryptionConfiguration/>`,
		"encryption/no SSEAlgorithm":         `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault/></Rule></ServerSideEncryptionConfiguration>`,
		"encryption/lower-case algorithm":    `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aes256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`,
		"encryption/empty blocked types":     `<ServerSideEncryptionConfiguration><Rule><BlockedEncryptionTypes/></Rule></ServerSideEncryptionConfiguration>`,
		"cors/no rule":                       `<CORSConfiguration/>`,
		"cors/two IDs":                       `<CORSConfiguration><CORSRule><ID>a</ID><ID>b</ID></CORSRule></CORSConfiguration>`,
		"cors/MaxAgeSeconds overflows":       `<CORSConfiguration><CORSRule><MaxAgeSeconds>9999999999</MaxAgeSeconds></CORSRule></CORSConfiguration>`,
		"website/IndexDocument empty":        `<WebsiteConfiguration><IndexDocument/></WebsiteConfiguration>`,
		"website/RoutingRules empty":         `<WebsiteConfiguration><RoutingRules/></WebsiteConfiguration>`,
		"website/RedirectAll without host":   `<WebsiteConfiguration><RedirectAllRequestsTo><Protocol>http</Protocol></RedirectAllRequestsTo></WebsiteConfiguration>`,
		"lifecycle/no rule":                  `<LifecycleConfiguration/>`,
		"lifecycle/no Status":                `<LifecycleConfiguration><Rule><Filter/></Rule></LifecycleConfiguration>`,
		"lifecycle/Days not a number":        `<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><Expiration><Days>ten</Days></Expiration></Rule></LifecycleConfiguration>`,
		"lifecycle/transition to STANDARD":   `<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><Transition><Days>1</Days><StorageClass>STANDARD</StorageClass></Transition></Rule></LifecycleConfiguration>`,
		"lifecycle/date without zone":        `<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><Expiration><Date>2030-01-01T00:00:00</Date></Expiration></Rule></LifecycleConfiguration>`,
		"lifecycle/abort without days":       `<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><AbortIncompleteMultipartUpload/></Rule></LifecycleConfiguration>`,
		"replication/no Role":                `<ReplicationConfiguration><Rule><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::d</Bucket></Destination></Rule></ReplicationConfiguration>`,
		"replication/no Destination":         `<ReplicationConfiguration><Role>r</Role><Rule><Status>Enabled</Status></Rule></ReplicationConfiguration>`,
		"replication/status Paused":          `<ReplicationConfiguration><Role>r</Role><Rule><Status>Paused</Status><Destination><Bucket>arn:aws:s3:::d</Bucket></Destination></Rule></ReplicationConfiguration>`,
		"replication/time without minutes":   `<ReplicationConfiguration><Role>r</Role><Rule><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::d</Bucket><ReplicationTime><Status>Enabled</Status><Time/></ReplicationTime></Destination></Rule></ReplicationConfiguration>`,
		"ownership/two rules":                `<OwnershipControls><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls>`,
		"ownership/unknown setting":          `<OwnershipControls><Rule><ObjectOwnership>Anyone</ObjectOwnership></Rule></OwnershipControls>`,
		"object-lock/empty":                  `<ObjectLockConfiguration/>`,
		"object-lock/Disabled":               `<ObjectLockConfiguration><ObjectLockEnabled>Disabled</ObjectLockEnabled></ObjectLockConfiguration>`,
		"object-lock/rule without retention": `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule/></ObjectLockConfiguration>`,
		"logging/no target":                  `<BucketLoggingStatus><LoggingEnabled><TargetPrefix/></LoggingEnabled></BucketLoggingStatus>`,
		"logging/grants":                     `<BucketLoggingStatus><LoggingEnabled><TargetBucket>b</TargetBucket><TargetPrefix/><TargetGrants/></LoggingEnabled></BucketLoggingStatus>`,
		"accelerate/no status":               `<AccelerateConfiguration/>`,
		"accelerate/Disabled":                `<AccelerateConfiguration><Status>Disabled</Status></AccelerateConfiguration>`,
		"request-payment/no payer":           `<RequestPaymentConfiguration/>`,
		"notification/no ARN":                `<NotificationConfiguration><TopicConfiguration><Event>s3:ObjectCreated:*</Event></TopicConfiguration></NotificationConfiguration>`,
		"notification/EventBridge content":   `<NotificationConfiguration><EventBridgeConfiguration><On>true</On></EventBridgeConfiguration></NotificationConfiguration>`,
		"notification/filter rule no value":  `<NotificationConfiguration><QueueConfiguration><Queue>q</Queue><Event>e</Event><Filter><S3Key><FilterRule><Name>prefix</Name></FilterRule></S3Key></Filter></QueueConfiguration></NotificationConfiguration>`,
		"public-access-block/not boolean":    `<PublicAccessBlockConfiguration><BlockPublicAcls>1</BlockPublicAcls></PublicAccessBlockConfiguration>`,
		"public-access-block/another root":   `<PublicAccessBlock><BlockPublicAcls>true</BlockPublicAcls></PublicAccessBlock>`,
	}
	for name, doc := range cases {
		t.Run(name, func(t *testing.T) {
			codec := cfgCodecs[filepath.Dir(name)]
			require.NotNil(t, codec.roundTrip, "no codec for %s", name)
			_, err := codec.roundTrip([]byte(doc))
			var m *xmlcodec.MalformedError
			require.True(t, errors.As(err, &m), "want MalformedXML, got %v", err)
		})
	}
}
