package xmlcodec_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/s3fake/s3fake/internal/golden"
	"github.com/s3fake/s3fake/xmlcodec"
)

// Every code has a real status and a message: the table is the only place
// they live, and this keeps it complete.
func TestEveryCodeHasStatusAndMessage(t *testing.T) {
	for _, c := range xmlcodec.Codes() {
		assert.NotEmpty(t, c.Message(), c)
		if c != xmlcodec.InternalError {
			assert.NotEqual(t, http.StatusInternalServerError, c.Status(), c)
		}
		assert.GreaterOrEqual(t, c.Status(), 400, c)
	}
	assert.Equal(t, http.StatusInternalServerError, xmlcodec.Code("Nope").Status())
}

func TestErrorBodyGolden(t *testing.T) {
	e := xmlcodec.NewError(xmlcodec.NoSuchBucket, "")
	e.BucketName = "nosuch"
	e.RequestID = "0000000000000001"
	e.HostID = "host"
	golden.Compare(t, "error-nosuchbucket.xml", e.Marshal())
}
