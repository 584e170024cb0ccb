package s3fake_test

// The inventory acceptance suite in dialect COS (docs/decisions.md §3): the
// shared cases of acceptance_test.go, plus the COS side of the cases whose
// outcome depends on the dialect. COS accepts only Format CSV, ten optional
// fields and no Encryption, refusing the rest with 400 InvalidArgument
// "Invalid Argument" and ArgumentName/ArgumentValue; structural errors stay
// MalformedXML; x-amz-expected-bucket-owner is ignored.

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/s3fake"
)

func TestInventoryAcceptanceCOS(t *testing.T) {
	runCases(t, s3fake.DialectCOS, sharedCases, cosCases)
}

var cosCases = []acceptanceCase{
	{"14_ORCAndParquetRefused", case14ORCAndParquetCOS},
	{"16_OptionalFieldsCOS", case16OptionalFieldsCOS},
	{"18_EncryptionSSES3Refused", case18EncryptionSSES3COS},
	{"19_EncryptionSSEKMSRefused", case19EncryptionSSEKMSCOS},
	{"24_FormatWrong", case24FormatWrongCOS},
	{"25_FormatJSONAndLowerCase", case25FormatJSONAndLowerCaseCOS},
	{"28_FieldUnknown", case28FieldUnknownCOS},
	{"29_FieldWrongCase", case29FieldWrongCaseCOS},
	{"39_ValueBeforeIdMismatch", case39ValueBeforeIDMismatchCOS},
	{"47_ExpectedOwnerOtherIgnored", case47ExpectedOwnerOtherCOS},
	{"48_ExpectedOwnerInvalidIgnored", case48ExpectedOwnerInvalidCOS},
	{"58_ExpectedOwnerIgnoredOnPut", case58ExpectedOwnerIgnoredOnPut},
	{"59_ORCOrEncryptionRefused", case59ORCOrEncryptionRefused},
}

func case14ORCAndParquetCOS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	for _, format := range []string{"ORC", "Parquet"} {
		f.requirePutRejected(t, "test-inventory", withFormat(format), errCOSUnsupported("Format", format))
	}
}

func case16OptionalFieldsCOS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	// COS's ten are accepted and echoed in order.
	cfg := validConfig("test-inventory")
	cfg.OptionalFields = cosFields
	f.mustPut(t, cfg)
	assert.Equal(t, cosFields, f.mustGet(t, "test-inventory").OptionalFields)

	// All of AWS's: the first outside the ten (in enum order) is refused.
	all := validConfig("test-inventory")
	all.OptionalFields = types.InventoryOptionalField("").Values()
	f.requirePutRejected(t, "test-inventory", all, errCOSUnsupported("Field", "EncryptionStatus"))
	for _, field := range []string{"IntelligentTieringAccessTier", "ObjectOwner", "ChecksumAlgorithm"} {
		f.requirePutRejected(t, "test-inventory", withFields("Size", field), errCOSUnsupported("Field", field))
	}
}

// withEncryption is VALID(test-inventory) with Encryption enc.
func withEncryption(enc *types.InventoryEncryption) *types.InventoryConfiguration {
	cfg := validConfig("test-inventory")
	cfg.Destination.S3BucketDestination.Encryption = enc
	return cfg
}

func case18EncryptionSSES3COS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	f.requirePutRejected(t, "test-inventory", withEncryption(&types.InventoryEncryption{SSES3: &types.SSES3{}}),
		errCOSUnsupported("Encryption", "SSE-S3"))
}

func case19EncryptionSSEKMSCOS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	enc := &types.InventoryEncryption{SSEKMS: &types.SSEKMS{KeyId: aws.String("arn:aws:kms:us-east-1:" + ownerAccount + ":key/k")}}
	f.requirePutRejected(t, "test-inventory", withEncryption(enc), errCOSUnsupported("Encryption", "SSE-KMS"))
}

func case24FormatWrongCOS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	f.requirePutRejected(t, "test-inventory", withFormat("WRONG-FORMAT"), errCOSUnsupported("Format", "WRONG-FORMAT"))
}

func case25FormatJSONAndLowerCaseCOS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	for _, format := range []string{"JSON", "csv"} {
		f.requirePutRejected(t, "test-inventory", withFormat(format), errCOSUnsupported("Format", format))
	}
}

func case28FieldUnknownCOS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	f.requirePutRejected(t, "test-inventory", withFields("TestField"), errCOSUnsupported("Field", "TestField"))
}

func case29FieldWrongCaseCOS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	for _, field := range []string{"Etag", "SIZE"} {
		f.requirePutRejected(t, "test-inventory", withFields("Size", field), errCOSUnsupported("Field", field))
	}
}

func case39ValueBeforeIDMismatchCOS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	cfg := withFormat("WRONG")
	cfg.Id = aws.String("other-id")
	f.requirePutRejected(t, "test-inventory", cfg, errCOSUnsupported("Format", "WRONG"))
	// A structural fault still wins as MalformedXML.
	cfg = validConfig("other-id")
	cfg.Schedule.Frequency = "Hourly"
	f.requirePutRejected(t, "test-inventory", cfg, errMalformedXML())
}

func case47ExpectedOwnerOtherCOS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	requireAllFourSucceed(t, f.withOwner(otherAccount))
}

func case48ExpectedOwnerInvalidCOS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	requireAllFourSucceed(t, f.withOwner("invalid"))
	// Ignored also on a missing bucket: NoSuchBucket, not InvalidBucketOwnerAWSAccountID.
	g := f.withBucket("nosuch").withOwner("invalid")
	g.requirePutRejected(t, "test-inventory", validConfig("test-inventory"), errNoSuchBucket("nosuch"))
}

func case58ExpectedOwnerIgnoredOnPut(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	cfg := validConfig("test-inventory")
	f.withOwner(otherAccount).mustPut(t, cfg)
	require.Equal(t, otherAccount, f.last().reqHeader.Get("x-amz-expected-bucket-owner"), "the header was not sent")
	assert.Equal(t, cfg, f.mustGet(t, "test-inventory"))
}

func case59ORCOrEncryptionRefused(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	f.requirePutRejected(t, "test-inventory", withFormat("ORC"), errCOSUnsupported("Format", "ORC"))
	f.requirePutRejected(t, "test-inventory", withEncryption(&types.InventoryEncryption{SSES3: &types.SSES3{}}),
		errCOSUnsupported("Encryption", "SSE-S3"))
}
