package inventory_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/inventory"
)

func TestValidID(t *testing.T) {
	assert.True(t, inventory.ValidID(strings.Repeat("aZ9._-", 10)+"abcd"))
	for _, bad := range []string{"", strings.Repeat("a", 65), "a/b", "a b", "é", "a+b"} {
		assert.False(t, inventory.ValidID(bad), bad)
	}
}

func TestCheckPutOrder(t *testing.T) {
	schema := fixtures.Minimal("r", "dst")
	schema.Destination.Format = "WRONG"
	err := inventory.CheckPut("other", schema, inventory.DialectAWS)
	var se *inventory.SchemaError
	require.ErrorAs(t, err, &se, "schema is checked before the id")

	mismatch := fixtures.Minimal("r", "dst")
	mismatch.Destination.BucketARN = "dst"
	require.ErrorIs(t, inventory.CheckPut("other", mismatch, inventory.DialectAWS), inventory.ErrIDMismatch,
		"the id is checked before the destination")
}

func TestDestinationARN(t *testing.T) {
	assert.NoError(t, inventory.CheckDestinationARN("arn:aws:s3:::my.bucket-1"))
	assert.NoError(t, inventory.CheckDestinationARN("arn:aws-cn:s3:::dst"))
	cases := map[string]inventory.DestinationProblem{
		"dst":                                  inventory.DestinationNotBucketARN,
		"arn:aws:sqs:us-east-1:123456789012:q": inventory.DestinationNotBucketARN,
		"arn:aws:s3:::":                        inventory.DestinationNotBucketARN,
		"arn:aws:s3:::dst/prefix":              inventory.DestinationNotBucketARN,
		"arn:aws:s3::123456789012:dst":         inventory.DestinationHasNamespace,
		"arn:aws:s3:us-east-1::dst":            inventory.DestinationHasNamespace,
	}
	for arn, want := range cases {
		var de *inventory.DestinationError
		require.ErrorAs(t, inventory.CheckDestinationARN(arn), &de, arn)
		assert.Equal(t, want, de.Problem, arn)
	}
	assert.Equal(t, "dst", inventory.BucketFromARN("arn:aws:s3:::dst"))
	assert.Equal(t, "", inventory.BucketFromARN("dst"))
}

func TestCOSDialect(t *testing.T) {
	require.NoError(t, inventory.Validate(fixtures.COS("r", "dst"), inventory.DialectCOS))
	every := fixtures.EveryField("r", "dst", "000000000000")
	require.NoError(t, inventory.Validate(every, inventory.DialectAWS))
	var ue *inventory.UnsupportedValueError
	require.ErrorAs(t, inventory.Validate(every, inventory.DialectCOS), &ue)
	assert.Equal(t, "Format", ue.Argument)

	field := fixtures.COS("r", "dst")
	field.OptionalFields = append(field.OptionalFields, inventory.FieldChecksumAlgorithm)
	require.ErrorAs(t, inventory.Validate(field, inventory.DialectCOS), &ue)
	assert.Equal(t, "Field", ue.Argument)
	assert.Equal(t, "ChecksumAlgorithm", ue.Value)

	// A structural fault stays a schema error in COS too.
	bad := fixtures.COS("r", "dst")
	bad.Frequency = "Hourly"
	var se *inventory.SchemaError
	require.ErrorAs(t, inventory.Validate(bad, inventory.DialectCOS), &se)
}

func TestEncryptionRules(t *testing.T) {
	cfg := fixtures.Minimal("r", "dst")
	cfg.Destination.Encryption = &inventory.Encryption{}
	var se *inventory.SchemaError
	require.ErrorAs(t, inventory.Validate(cfg, inventory.DialectAWS), &se)
	cfg.Destination.Encryption = &inventory.Encryption{SSES3: true, SSEKMS: &inventory.SSEKMS{KeyID: "k"}}
	require.ErrorAs(t, inventory.Validate(cfg, inventory.DialectAWS), &se)
	cfg.Destination.Encryption = &inventory.Encryption{SSEKMS: &inventory.SSEKMS{}}
	require.ErrorAs(t, inventory.Validate(cfg, inventory.DialectAWS), &se)
	cfg.Destination.Encryption = &inventory.Encryption{SSES3: true}
	require.NoError(t, inventory.Validate(cfg, inventory.DialectAWS))
}
