package s3fake_test

// Acceptance suite of the inventory configuration API: the cases of
// docs/inventory-api.md §6 ("Acceptance tests for a strict fake"),
// numbered as there, plus the rules docs/decisions.md §3 fixes where AWS
// evidence is missing. Case 50 (permissions) belongs to a later issue.
//
// sharedCases behave alike in both dialects and also run from
// TestInventoryAcceptanceCOS (acceptance_cos_test.go); awsCases are the AWS
// side of the cases whose outcome depends on the dialect.

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/invstore"
	"github.com/s3fake/s3fake/s3fake"
)

func TestInventoryAcceptanceAWS(t *testing.T) {
	runCases(t, s3fake.DialectAWS, sharedCases, awsCases)
}

var sharedCases = []acceptanceCase{
	{"01_PutValid", case01PutValid},
	{"02_GetEchoesDocument", case02GetEchoesDocument},
	{"03_OptionalFieldsOrderKept", case03OptionalFieldsOrderKept},
	{"04_ListOne", case04ListOne},
	{"05_Delete", case05Delete},
	{"06_ListAfterDelete", case06ListAfterDelete},
	{"07_GetAfterDelete", case07GetAfterDelete},
	{"08_DeleteTwice", case08DeleteTwice},
	{"09_ListNeverConfigured", case09ListNeverConfigured},
	{"10_ListSortedByID", case10ListSortedByID},
	{"11_DeleteKeepsOrder", case11DeleteKeepsOrder},
	{"12_PutReplaces", case12PutReplaces},
	{"13_Disabled", case13Disabled},
	{"15_CurrentWeekly", case15CurrentWeekly},
	{"17_FilterPrefixAccount", case17FilterPrefixAccount},
	{"20_ID64Chars", case20ID64Chars},
	{"21_IdMismatch", case21IDMismatch},
	{"22_DestinationNotARN", case22DestinationNotARN},
	{"23_DestinationNamespace", case23DestinationNamespace},
	{"26_FrequencyHourly", case26FrequencyHourly},
	{"27_VersionsEnum", case27VersionsEnum},
	{"30_ID65Chars", case30ID65Chars},
	{"31_IDBadChars", case31IDBadChars},
	{"32_IDEmpty", case32IDEmpty},
	{"33_MissingSchedule", case33MissingSchedule},
	{"34_MissingIsEnabled", case34MissingIsEnabled},
	{"35_MissingDestination", case35MissingDestination},
	{"36_MissingFormatOrBucket", case36MissingFormatOrBucket},
	{"37_MissingBodyID", case37MissingBodyID},
	{"38_TruncatedXML", case38TruncatedXML},
	{"40_IDMismatchBeforeARN", case40IDMismatchBeforeARN},
	{"41_SSEKMSWithoutKeyID", case41SSEKMSWithoutKeyID},
	{"42_FilterWithoutPrefix", case42FilterWithoutPrefix},
	{"43_IsEnabledNotBoolean", case43IsEnabledNotBoolean},
	{"44_NoSuchBucket", case44NoSuchBucket},
	{"45_NoSuchBucketBeforeBody", case45NoSuchBucketBeforeBody},
	{"46_DestinationNotChecked", case46DestinationNotChecked},
	{"49_ExpectedOwnerMatches", case49ExpectedOwnerMatches},
	{"51_TooManyConfigurations", case51TooManyConfigurations},
	{"52_ReplaceAtLimit", case52ReplaceAtLimit},
	{"53_ListFirstPage", case53ListFirstPage},
	{"54_ListSecondPage", case54ListSecondPage},
	{"55_ListExactly100", case55ListExactly100},
	{"56_ListGarbageToken", case56ListGarbageToken},
	{"57_Namespace", case57Namespace},
	{"decision_MissingIDQuery", decisionMissingIDQuery},
	{"decision_BodyTooLarge", decisionBodyTooLarge},
	{"decision_EmptyBody", decisionEmptyBody},
	{"decision_UnknownOrDuplicateElement", decisionUnknownOrDuplicateElement},
	{"decision_Namespaces", decisionNamespaces},
	{"decision_EncryptionShape", decisionEncryptionShape},
	{"decision_DuplicateFieldsEchoed", decisionDuplicateFieldsEchoed},
	{"decision_NonS3ARN", decisionNonS3ARN},
}

var awsCases = []acceptanceCase{
	{"14_ORCAndParquet", case14ORCAndParquetAWS},
	{"16_AllOptionalFields", case16AllOptionalFieldsAWS},
	{"18_EncryptionSSES3", case18EncryptionSSES3AWS},
	{"19_EncryptionSSEKMS", case19EncryptionSSEKMSAWS},
	{"24_FormatWrong", case24FormatWrongAWS},
	{"25_FormatJSONAndLowerCase", case25FormatJSONAndLowerCaseAWS},
	{"28_FieldUnknown", case28FieldUnknownAWS},
	{"29_FieldWrongCase", case29FieldWrongCaseAWS},
	{"39_SchemaBeforeIdMismatch", case39SchemaBeforeIDMismatchAWS},
	{"47_ExpectedOwnerOther", case47ExpectedOwnerOtherAWS},
	{"48_ExpectedOwnerInvalid", case48ExpectedOwnerInvalidAWS},
}

// ---------------------------------------------------------------------------
// Happy path and state (1-20)

func case01PutValid(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.mustPut(t, validConfig("test-inventory"))
	_, ok := f.srv.InventoryConfiguration(srcBucket, "test-inventory")
	assert.True(t, ok, "PUT stored nothing")
}

func case02GetEchoesDocument(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	sent := validConfig("test-inventory")
	f.mustPut(t, sent)
	sentDoc := parseXML(t, f.last().reqBody)

	got := f.mustGet(t, "test-inventory")
	assert.Equal(t, sent, got)
	doc := requireS3Document(t, f.last(), "InventoryConfiguration")
	assert.Equal(t, sentDoc.canonical(), doc.canonical(), "GET must echo exactly the sent elements")
	for _, absent := range []string{"Filter", "OptionalFields"} {
		assert.Nil(t, doc.child(absent), "GET added %s", absent)
	}
	assert.Equal(t, []string{"Bucket", "Format"}, doc.child("Destination").child("S3BucketDestination").childNames())
}

func case03OptionalFieldsOrderKept(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	for id, fields := range map[string][]types.InventoryOptionalField{
		"test-inventory": {types.InventoryOptionalFieldSize, types.InventoryOptionalFieldETag},
		"reversed":       {types.InventoryOptionalFieldETag, types.InventoryOptionalFieldSize},
	} {
		cfg := validConfig(id)
		cfg.OptionalFields = fields
		f.mustPut(t, cfg)
		sentDoc := parseXML(t, f.last().reqBody)
		assert.Equal(t, fields, f.mustGet(t, id).OptionalFields)
		doc := requireS3Document(t, f.last(), "InventoryConfiguration")
		assert.Equal(t, sentDoc.canonical(), doc.canonical())
	}
}

func case04ListOne(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	sent := validConfig("test-inventory")
	f.mustPut(t, sent)
	out := f.mustList(t, "")
	require.Len(t, out.InventoryConfigurationList, 1)
	assert.Equal(t, *sent, out.InventoryConfigurationList[0])
	assert.False(t, aws.ToBool(out.IsTruncated))
	assert.Nil(t, out.ContinuationToken)
	assert.Nil(t, out.NextContinuationToken)
	doc := f.requireListShape(t, "InventoryConfiguration", "IsTruncated")
	assert.Equal(t, "false", doc.child("IsTruncated").text)
	assert.Equal(t, "test-inventory", doc.child("InventoryConfiguration").child("Id").text)
}

func case05Delete(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.mustPut(t, validConfig("test-inventory"))
	require.NoError(t, f.del("test-inventory"))
	f.requireNoContent(t)
	assert.Empty(t, f.configs())
	assert.True(t, f.srv.BucketExists(srcBucket), "DELETE ?inventory deleted the bucket")
}

func case06ListAfterDelete(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.mustPut(t, validConfig("test-inventory"))
	require.NoError(t, f.del("test-inventory"))
	f.requireEmptyList(t)
	assert.True(t, f.srv.BucketExists(srcBucket), "DELETE ?inventory deleted the bucket")
}

func case07GetAfterDelete(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.mustPut(t, validConfig("test-inventory"))
	require.NoError(t, f.del("test-inventory"))
	_, err := f.get("test-inventory")
	f.requireError(t, err, errNoSuchConfiguration())
}

func case08DeleteTwice(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.mustPut(t, validConfig("test-inventory"))
	require.NoError(t, f.del("test-inventory"))
	f.requireError(t, f.del("test-inventory"), errNoSuchConfiguration())
	assert.True(t, f.srv.BucketExists(srcBucket), "DELETE ?inventory deleted the (empty) bucket")
	// Raw, in the SDK's query shape, on the empty bucket.
	requireRawError(t, f.raw(t, http.MethodDelete, putQuery("test-inventory"), nil), errNoSuchConfiguration())
	assert.True(t, f.srv.BucketExists(srcBucket), "DELETE ?inventory deleted the (empty) bucket")
}

func case09ListNeverConfigured(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.requireEmptyList(t)
	// Raw too: GET /src?inventory= is the list, never a ListBucketResult.
	requireS3Document(t, f.raw(t, http.MethodGet, "inventory=", nil), "ListInventoryConfigurationsResult")
	f.srv.PutObject(srcBucket, "some-object", []byte("x"))
	f.requireEmptyList(t)
}

func case10ListSortedByID(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	for _, id := range []string{"test-1", "z-test", "a-test"} {
		f.mustPut(t, validConfig(id))
	}
	assert.Equal(t, []string{"a-test", "test-1", "z-test"}, ids(f.mustList(t, "").InventoryConfigurationList))
	f.requireListShape(t, "InventoryConfiguration", "InventoryConfiguration", "InventoryConfiguration", "IsTruncated")
}

func case11DeleteKeepsOrder(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	for _, id := range []string{"test-1", "z-test", "a-test"} {
		f.mustPut(t, validConfig(id))
	}
	require.NoError(t, f.del("z-test"))
	f.requireNoContent(t)
	assert.Equal(t, []string{"a-test", "test-1"}, ids(f.mustList(t, "").InventoryConfigurationList))
}

func case12PutReplaces(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	first := validConfig("r")
	first.OptionalFields = []types.InventoryOptionalField{types.InventoryOptionalFieldSize}
	f.mustPut(t, first)
	second := validConfig("r")
	second.Schedule.Frequency = types.InventoryFrequencyWeekly
	f.mustPut(t, second)
	got := f.mustGet(t, "r")
	assert.Equal(t, types.InventoryFrequencyWeekly, got.Schedule.Frequency)
	assert.Equal(t, second, got, "a replacing PUT must not merge with the old document")
	assert.Len(t, f.mustList(t, "").InventoryConfigurationList, 1)
}

func case13Disabled(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	cfg := validConfig("test-inventory")
	cfg.IsEnabled = aws.Bool(false)
	f.mustPut(t, cfg)
	got := f.mustGet(t, "test-inventory")
	require.NotNil(t, got.IsEnabled)
	assert.False(t, *got.IsEnabled)
	assert.Equal(t, "false", requireS3Document(t, f.last(), "InventoryConfiguration").child("IsEnabled").text)
	assert.Len(t, f.mustList(t, "").InventoryConfigurationList, 1, "a disabled configuration is still listed")
}

func case14ORCAndParquetAWS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	for _, format := range []types.InventoryFormat{types.InventoryFormatOrc, types.InventoryFormatParquet} {
		cfg := validConfig("inv-" + string(format))
		cfg.Destination.S3BucketDestination.Format = format
		f.mustPut(t, cfg)
		assert.Equal(t, format, f.mustGet(t, *cfg.Id).Destination.S3BucketDestination.Format)
	}
}

func case15CurrentWeekly(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	cfg := validConfig("test-inventory")
	cfg.IncludedObjectVersions = types.InventoryIncludedObjectVersionsCurrent
	cfg.Schedule.Frequency = types.InventoryFrequencyWeekly
	f.mustPut(t, cfg)
	assert.Equal(t, cfg, f.mustGet(t, "test-inventory"))
}

func case16AllOptionalFieldsAWS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	all := types.InventoryOptionalField("").Values()
	require.Len(t, all, 19)
	cfg := validConfig("test-inventory")
	cfg.OptionalFields = all
	f.mustPut(t, cfg)
	assert.Equal(t, all, f.mustGet(t, "test-inventory").OptionalFields)
	doc := requireS3Document(t, f.last(), "InventoryConfiguration")
	assert.Len(t, doc.child("OptionalFields").kids, 19)
}

func case17FilterPrefixAccount(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	cfg := validConfig("test-inventory")
	cfg.Filter = &types.InventoryFilter{Prefix: aws.String("logs/")}
	cfg.Destination.S3BucketDestination.Prefix = aws.String("inv")
	cfg.Destination.S3BucketDestination.AccountId = aws.String(ownerAccount)
	f.mustPut(t, cfg)
	sentDoc := parseXML(t, f.last().reqBody)
	assert.Equal(t, cfg, f.mustGet(t, "test-inventory"))
	assert.Equal(t, sentDoc.canonical(), requireS3Document(t, f.last(), "InventoryConfiguration").canonical())
}

func case18EncryptionSSES3AWS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	cfg := validConfig("test-inventory")
	cfg.Destination.S3BucketDestination.Encryption = &types.InventoryEncryption{SSES3: &types.SSES3{}}
	f.mustPut(t, cfg)
	got := f.mustGet(t, "test-inventory")
	require.NotNil(t, got.Destination.S3BucketDestination.Encryption)
	assert.NotNil(t, got.Destination.S3BucketDestination.Encryption.SSES3)
	assert.Nil(t, got.Destination.S3BucketDestination.Encryption.SSEKMS)
	assert.Contains(t, string(f.last().body), "<Encryption><SSE-S3/></Encryption>")
}

func case19EncryptionSSEKMSAWS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	const key = "arn:aws:kms:us-east-1:" + ownerAccount + ":key/k"
	cfg := validConfig("test-inventory")
	cfg.Destination.S3BucketDestination.Encryption = &types.InventoryEncryption{SSEKMS: &types.SSEKMS{KeyId: aws.String(key)}}
	f.mustPut(t, cfg)
	got := f.mustGet(t, "test-inventory")
	require.NotNil(t, got.Destination.S3BucketDestination.Encryption)
	require.NotNil(t, got.Destination.S3BucketDestination.Encryption.SSEKMS)
	assert.Equal(t, key, aws.ToString(got.Destination.S3BucketDestination.Encryption.SSEKMS.KeyId))
	assert.Nil(t, got.Destination.S3BucketDestination.Encryption.SSES3)
}

func case20ID64Chars(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	id := "ABCDEFGHIJKLMNOPQRSTUVWXYabcdefghijklmnopqrstuvwxyz0123456789._-"
	require.Len(t, id, 64)
	f.mustPut(t, validConfig(id))
	assert.Equal(t, id, aws.ToString(f.mustGet(t, id).Id))
}

// ---------------------------------------------------------------------------
// Body validation (21-43). Each starts from a stored VALID(test-inventory),
// so that a rejected PUT is also seen not to replace it.

func case21IDMismatch(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	f.requirePutRejected(t, "test-inventory", validConfig("test-inventorywrong"), errIDMismatch())
}

func case22DestinationNotARN(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	cfg := validConfig("test-inventory")
	cfg.Destination.S3BucketDestination.Bucket = aws.String("dst")
	f.requirePutRejected(t, "test-inventory", cfg, errDestination(msgInvalidBucketARN))
}

func case23DestinationNamespace(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	cfg := validConfig("test-inventory")
	cfg.Destination.S3BucketDestination.Bucket = aws.String("arn:aws:s3::" + otherAccount + ":dst")
	f.requirePutRejected(t, "test-inventory", cfg, errDestination(msgARNHasNamespace))
}

// withFormat is VALID(test-inventory) with Format format.
func withFormat(format string) *types.InventoryConfiguration {
	cfg := validConfig("test-inventory")
	cfg.Destination.S3BucketDestination.Format = types.InventoryFormat(format)
	return cfg
}

// withFields is VALID(test-inventory) with OptionalFields fields.
func withFields(fields ...string) *types.InventoryConfiguration {
	cfg := validConfig("test-inventory")
	for _, fl := range fields {
		cfg.OptionalFields = append(cfg.OptionalFields, types.InventoryOptionalField(fl))
	}
	return cfg
}

func case24FormatWrongAWS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	f.requirePutRejected(t, "test-inventory", withFormat("WRONG-FORMAT"), errMalformedXML())
}

func case25FormatJSONAndLowerCaseAWS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	for _, format := range []string{"JSON", "csv"} {
		f.requirePutRejected(t, "test-inventory", withFormat(format), errMalformedXML())
	}
}

func case26FrequencyHourly(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	cfg := validConfig("test-inventory")
	cfg.Schedule.Frequency = "Hourly"
	f.requirePutRejected(t, "test-inventory", cfg, errMalformedXML())
}

func case27VersionsEnum(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	for _, v := range []string{"Wrong", "CURRENT", "CUrrENT"} {
		cfg := validConfig("test-inventory")
		cfg.IncludedObjectVersions = types.InventoryIncludedObjectVersions(v)
		f.requirePutRejected(t, "test-inventory", cfg, errMalformedXML())
	}
}

func case28FieldUnknownAWS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	f.requirePutRejected(t, "test-inventory", withFields("TestField"), errMalformedXML())
}

func case29FieldWrongCaseAWS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	for _, field := range []string{"Etag", "SIZE"} {
		f.requirePutRejected(t, "test-inventory", withFields("Size", field), errMalformedXML())
	}
}

func case30ID65Chars(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	id := strings.Repeat("a", 65)
	f.requirePutRejected(t, id, validConfig(id), errMalformedXML())
}

func case31IDBadChars(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	for _, id := range []string{"a/b", "a b"} {
		f.requirePutRejected(t, id, validConfig(id), errMalformedXML())
		assert.Equal(t, id, f.last().query.Get("id"), "the SDK sent another id")
	}
}

func case32IDEmpty(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	f.requirePutRejected(t, "", validConfig(""), errMalformedXML())
	q := f.last().query
	assert.True(t, q.Has("id") && q.Get("id") == "", "the SDK must send id= (empty), sent %v", q)
	f.requireRawPutRejected(t, "inventory=&id=", validXML(""), errMalformedXML())
}

func case33MissingSchedule(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	body := edit(t, validXML("test-inventory"), "<Schedule><Frequency>Daily</Frequency></Schedule>", "")
	f.requireRawPutRejected(t, putQuery("test-inventory"), body, errMalformedXML())
	body = edit(t, validXML("test-inventory"), "<Frequency>Daily</Frequency>", "")
	f.requireRawPutRejected(t, putQuery("test-inventory"), body, errMalformedXML())
}

func case34MissingIsEnabled(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	body := edit(t, validXML("test-inventory"), "<IsEnabled>true</IsEnabled>", "")
	f.requireRawPutRejected(t, putQuery("test-inventory"), body, errMalformedXML())
}

func case35MissingDestination(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	dest := "<Destination><S3BucketDestination><Bucket>" + dstARN + "</Bucket><Format>CSV</Format></S3BucketDestination></Destination>"
	body := edit(t, validXML("test-inventory"), dest, "")
	f.requireRawPutRejected(t, putQuery("test-inventory"), body, errMalformedXML())
	body = edit(t, validXML("test-inventory"), dest, "<Destination></Destination>")
	f.requireRawPutRejected(t, putQuery("test-inventory"), body, errMalformedXML())
}

func case36MissingFormatOrBucket(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	body := edit(t, validXML("test-inventory"), "<Format>CSV</Format>", "")
	f.requireRawPutRejected(t, putQuery("test-inventory"), body, errMalformedXML())
	body = edit(t, validXML("test-inventory"), "<Bucket>"+dstARN+"</Bucket>", "")
	f.requireRawPutRejected(t, putQuery("test-inventory"), body, errMalformedXML())
}

func case37MissingBodyID(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	body := edit(t, validXML("test-inventory"), "<Id>test-inventory</Id>", "")
	f.requireRawPutRejected(t, putQuery("test-inventory"), body, errMalformedXML())
}

func case38TruncatedXML(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	f.requireRawPutRejected(t, putQuery("x"), "<InventoryConfiguration><Id>x", errMalformedXML())
	whole := validXML("test-inventory")
	f.requireRawPutRejected(t, putQuery("test-inventory"), whole[:len(whole)-10], errMalformedXML())
}

func case39SchemaBeforeIDMismatchAWS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	cfg := withFormat("WRONG")
	cfg.Id = aws.String("other-id")
	f.requirePutRejected(t, "test-inventory", cfg, errMalformedXML())
}

func case40IDMismatchBeforeARN(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	cfg := validConfig("other-id")
	cfg.Destination.S3BucketDestination.Bucket = aws.String("dst")
	f.requirePutRejected(t, "test-inventory", cfg, errIDMismatch())
}

func case41SSEKMSWithoutKeyID(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	for _, enc := range []string{"<SSE-KMS></SSE-KMS>", "<SSE-KMS/>"} {
		body := edit(t, validXML("test-inventory"), "<Format>CSV</Format>",
			"<Format>CSV</Format><Encryption>"+enc+"</Encryption>")
		f.requireRawPutRejected(t, putQuery("test-inventory"), body, errMalformedXML())
	}
}

func case42FilterWithoutPrefix(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	for _, filter := range []string{"<Filter></Filter>", "<Filter/>"} {
		body := edit(t, validXML("test-inventory"), "<IsEnabled>true</IsEnabled>", "<IsEnabled>true</IsEnabled>"+filter)
		f.requireRawPutRejected(t, putQuery("test-inventory"), body, errMalformedXML())
	}
}

func case43IsEnabledNotBoolean(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	for _, v := range []string{"yes", "", "True"} {
		body := edit(t, validXML("test-inventory"), "<IsEnabled>true</IsEnabled>", "<IsEnabled>"+v+"</IsEnabled>")
		f.requireRawPutRejected(t, putQuery("test-inventory"), body, errMalformedXML())
	}
}

// ---------------------------------------------------------------------------
// Bucket, owner, limits, paging (44-57)

func case44NoSuchBucket(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	g := f.withBucket("nosuch")
	want := errNoSuchBucket("nosuch")
	t.Run("PUT", func(t *testing.T) {
		g.requirePutRejected(t, "test-inventory", validConfig("test-inventory"), want)
		assert.False(t, f.srv.BucketExists("nosuch"), "PUT ?inventory created the bucket")
	})
	t.Run("GET", func(t *testing.T) {
		_, err := g.get("test-inventory")
		g.requireError(t, err, want)
	})
	t.Run("LIST", func(t *testing.T) {
		_, err := g.list("")
		g.requireError(t, err, want)
	})
	t.Run("DELETE", func(t *testing.T) {
		g.requireError(t, g.del("test-inventory"), want)
	})
	assert.False(t, f.srv.BucketExists("nosuch"))
}

func case45NoSuchBucketBeforeBody(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	g := f.withBucket("nosuch")
	g.requireRawPutRejected(t, putQuery("test-inventory"), "<InventoryConfiguration><Id>x", errNoSuchBucket("nosuch"))
	g.requirePutRejected(t, "test-inventory", withFormat("WRONG"), errNoSuchBucket("nosuch"))
	assert.False(t, f.srv.BucketExists("nosuch"), "PUT ?inventory created the bucket")
}

func case46DestinationNotChecked(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	cfg := validConfig("test-inventory")
	cfg.Destination.S3BucketDestination.Bucket = aws.String("arn:aws:s3:::no-such-destination")
	f.mustPut(t, cfg)
	assert.Equal(t, cfg, f.mustGet(t, "test-inventory"))
	assert.False(t, f.srv.BucketExists("no-such-destination"), "PUT created the destination bucket")
}

// requireAllFourRejected runs PUT (of a new Id), GET, LIST and DELETE (of
// the stored test-inventory) through g, requiring want from each and the
// stored configurations unchanged.
func requireAllFourRejected(t *testing.T, g *fixture, want wantErr) {
	t.Helper()
	before := g.configs()
	require.NotEmpty(t, before)
	t.Run("PUT", func(t *testing.T) {
		g.requirePutRejected(t, "new-id", validConfig("new-id"), want)
	})
	t.Run("GET", func(t *testing.T) {
		_, err := g.get("test-inventory")
		g.requireError(t, err, want)
	})
	t.Run("LIST", func(t *testing.T) {
		_, err := g.list("")
		g.requireError(t, err, want)
	})
	t.Run("DELETE", func(t *testing.T) {
		g.requireError(t, g.del("test-inventory"), want)
	})
	assert.Equal(t, before, g.configs())
}

// requireAllFourSucceed runs PUT, GET, LIST and DELETE of a new Id through
// g, requiring each to succeed.
func requireAllFourSucceed(t *testing.T, g *fixture) {
	t.Helper()
	cfg := validConfig("owner-check")
	t.Run("PUT", func(t *testing.T) {
		g.mustPut(t, cfg)
	})
	t.Run("GET", func(t *testing.T) {
		assert.Equal(t, cfg, g.mustGet(t, "owner-check"))
	})
	t.Run("LIST", func(t *testing.T) {
		assert.Contains(t, ids(g.mustList(t, "").InventoryConfigurationList), "owner-check")
	})
	t.Run("DELETE", func(t *testing.T) {
		require.NoError(t, g.del("owner-check"))
		g.requireNoContent(t)
		_, ok := g.srv.InventoryConfiguration(srcBucket, "owner-check")
		assert.False(t, ok)
	})
}

func case47ExpectedOwnerOtherAWS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	requireAllFourRejected(t, f.withOwner(otherAccount), errAccessDenied())
}

func case48ExpectedOwnerInvalidAWS(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	requireAllFourRejected(t, f.withOwner("invalid"), errInvalidOwner("invalid"))
	// The header's syntax is checked before the bucket is looked up.
	g := f.withBucket("nosuch").withOwner("12345")
	g.requirePutRejected(t, "test-inventory", validConfig("test-inventory"), errInvalidOwner("12345"))
}

func case49ExpectedOwnerMatches(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	requireAllFourSucceed(t, f.withOwner(ownerAccount))
}

// seedNumbered stores VALID(id) for fmt.Sprintf(format, n), n in [from, to],
// directly, and returns the Ids.
func seedNumbered(f *fixture, format string, from, to int) []string {
	list := numberedIDs(format, from, to)
	f.seed(list...)
	return list
}

// listAll lists every page through the SDK, requiring each page but the
// last to be full and truncated, and returns the pages' Ids.
func listAll(t *testing.T, f *fixture) (pages [][]string) {
	t.Helper()
	token := ""
	for {
		out := f.mustList(t, token)
		pages = append(pages, ids(out.InventoryConfigurationList))
		assert.Equal(t, token, aws.ToString(out.ContinuationToken))
		if !aws.ToBool(out.IsTruncated) {
			assert.Nil(t, out.NextContinuationToken)
			return pages
		}
		require.Len(t, out.InventoryConfigurationList, 100)
		token = aws.ToString(out.NextContinuationToken)
		require.NotEmpty(t, token)
		require.Less(t, len(pages), 20, "listing does not end")
	}
}

func case51TooManyConfigurations(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	seeded := seedNumbered(f, "cfg-%04d", 0, 999)
	f.requirePutRejected(t, "one-too-many", validConfig("one-too-many"), errTooMany())
	_, ok := f.srv.InventoryConfiguration(srcBucket, "one-too-many")
	assert.False(t, ok)
	pages := listAll(t, f)
	require.Len(t, pages, 10)
	var all []string
	for _, p := range pages {
		assert.Len(t, p, 100)
		all = append(all, p...)
	}
	assert.Equal(t, seeded, all)
}

func case52ReplaceAtLimit(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	seedNumbered(f, "cfg-%04d", 0, 999)
	cfg := validConfig("cfg-0500")
	cfg.Schedule.Frequency = types.InventoryFrequencyWeekly
	f.mustPut(t, cfg)
	assert.Equal(t, types.InventoryFrequencyWeekly, f.mustGet(t, "cfg-0500").Schedule.Frequency)
	assert.Len(t, f.configs(), invstore.MaxConfigurations)
}

func case53ListFirstPage(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	seeded := seedNumbered(f, "%d-inventory", 100, 201)
	out := f.mustList(t, "")
	assert.Equal(t, seeded[:100], ids(out.InventoryConfigurationList))
	assert.True(t, aws.ToBool(out.IsTruncated))
	assert.NotEmpty(t, aws.ToString(out.NextContinuationToken))
	assert.Nil(t, out.ContinuationToken)
	doc := requireS3Document(t, f.last(), "ListInventoryConfigurationsResult")
	names := doc.childNames()
	assert.NotContains(t, names, "ContinuationToken")
	assert.Equal(t, []string{"IsTruncated", "NextContinuationToken"}, names[len(names)-2:])
}

func case54ListSecondPage(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	seeded := seedNumbered(f, "%d-inventory", 100, 201)
	token := aws.ToString(f.mustList(t, "").NextContinuationToken)
	require.NotEmpty(t, token)
	out := f.mustList(t, token)
	assert.Equal(t, seeded[100:], ids(out.InventoryConfigurationList))
	assert.Equal(t, token, aws.ToString(out.ContinuationToken))
	assert.False(t, aws.ToBool(out.IsTruncated))
	assert.Nil(t, out.NextContinuationToken)
	f.requireListShape(t, "ContinuationToken", "InventoryConfiguration", "InventoryConfiguration", "IsTruncated")
}

func case55ListExactly100(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	seeded := seedNumbered(f, "%d-inventory", 100, 199)
	out := f.mustList(t, "")
	assert.Equal(t, seeded, ids(out.InventoryConfigurationList))
	assert.False(t, aws.ToBool(out.IsTruncated))
	assert.Nil(t, out.NextContinuationToken)
	assert.Nil(t, out.ContinuationToken)
	want := make([]string, 0, 101)
	for range 100 {
		want = append(want, "InventoryConfiguration")
	}
	f.requireListShape(t, append(want, "IsTruncated")...)
}

func case56ListGarbageToken(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	_, err := f.list("garbage")
	f.requireError(t, err, errBadToken("garbage"))
	requireRawError(t, f.raw(t, http.MethodGet, "inventory=&continuation-token=garbage", nil), errBadToken("garbage"))
}

func case57Namespace(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.mustPut(t, validConfig("test-inventory"))
	requireS3Document(t, f.raw(t, http.MethodGet, putQuery("test-inventory"), nil), "InventoryConfiguration")
	requireS3Document(t, f.raw(t, http.MethodGet, "inventory=", nil), "ListInventoryConfigurationsResult")
	requireS3Document(t, f.raw(t, http.MethodGet, "inventory", nil), "ListInventoryConfigurationsResult")
}

// ---------------------------------------------------------------------------
// Rules docs/decisions.md §3 fixes where AWS evidence is missing

func decisionMissingIDQuery(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	// PUT and DELETE without id; the SDK cannot send these.
	f.requireRawPutRejected(t, "inventory=", validXML("test-inventory"), errMissingID())
	requireRawError(t, f.raw(t, http.MethodDelete, "inventory=", nil), errMissingID())
	// GET and DELETE with an empty id (GET without id is LIST).
	_, err := f.get("")
	f.requireError(t, err, errMissingID())
	f.requireError(t, f.del(""), errMissingID())
	assert.Equal(t, []string{"test-inventory"}, storedIDs(f.configs()))
	assert.True(t, f.srv.BucketExists(srcBucket), "DELETE ?inventory deleted the bucket")
}

func decisionBodyTooLarge(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	cfg := validConfig("test-inventory")
	cfg.Filter = &types.InventoryFilter{Prefix: aws.String(strings.Repeat("p", 1<<20))}
	f.requirePutRejected(t, "test-inventory", cfg, errTooBig())
	assert.Greater(t, len(f.last().reqBody), 1<<20)
}

func decisionEmptyBody(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	f.requireRawPutRejected(t, putQuery("test-inventory"), "", errMalformedXML())
	f.requireRawPutRejected(t, putQuery("test-inventory"), "  \n", errMalformedXML())
}

func decisionUnknownOrDuplicateElement(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	q := putQuery("test-inventory")
	valid := validXML("test-inventory")
	for _, body := range []string{
		edit(t, valid, "<IsEnabled>true</IsEnabled>", "<IsEnabled>true</IsEnabled><Unknown>x</Unknown>"),
		edit(t, valid, "<IsEnabled>true</IsEnabled>", "<IsEnabled>true</IsEnabled><IsEnabled>true</IsEnabled>"),
		edit(t, valid, "<Format>CSV</Format>", "<Format>CSV</Format><Format>CSV</Format>"),
		strings.ReplaceAll(valid, "InventoryConfiguration", "MetricsConfiguration"), // wrong root
	} {
		f.requireRawPutRejected(t, q, body, errMalformedXML())
	}
}

func decisionNamespaces(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	foreign := strings.Replace(validXML("test-inventory"), s3Namespace, "http://example.com/other/", 1)
	f.requireRawPutRejected(t, putQuery("test-inventory"), foreign, errMalformedXML())

	plain := strings.Replace(validXML("no-namespace"), ` xmlns="`+s3Namespace+`"`, "", 1)
	require.NotContains(t, plain, "xmlns")
	ex := f.raw(t, http.MethodPut, putQuery("no-namespace"), []byte(plain))
	require.Equal(t, http.StatusNoContent, ex.status, "body %s", ex.body)
	assert.Empty(t, ex.body)
	assert.Equal(t, validConfig("no-namespace"), f.mustGet(t, "no-namespace"))
}

func decisionEncryptionShape(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	for _, enc := range []string{
		"<Encryption><SSE-S3/><SSE-KMS><KeyId>k</KeyId></SSE-KMS></Encryption>",
		"<Encryption></Encryption>",
		"<Encryption/>",
	} {
		body := edit(t, validXML("test-inventory"), "<Format>CSV</Format>", "<Format>CSV</Format>"+enc)
		f.requireRawPutRejected(t, putQuery("test-inventory"), body, errMalformedXML())
	}
}

func decisionDuplicateFieldsEchoed(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	cfg := withFields("Size", "ETag", "Size")
	f.mustPut(t, cfg)
	assert.Equal(t, cfg.OptionalFields, f.mustGet(t, "test-inventory").OptionalFields)
}

func decisionNonS3ARN(t *testing.T, d s3fake.Dialect) {
	f := newFixture(t, d)
	f.seed("test-inventory")
	cfg := validConfig("test-inventory")
	cfg.Destination.S3BucketDestination.Bucket = aws.String("arn:aws:sqs:us-east-1:" + ownerAccount + ":queue")
	f.requirePutRejected(t, "test-inventory", cfg, errDestination(msgInvalidBucketARN))
}
