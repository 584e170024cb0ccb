package xmlcodec

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetentionDocument(t *testing.T) {
	r, err := DecodeRetention([]byte(`<Retention xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-02T03:04:05Z</RetainUntilDate></Retention>`))
	require.NoError(t, err)
	assert.Equal(t, ObjectRetention{Mode: "GOVERNANCE", RetainUntil: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)}, r)
	assert.Equal(t, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<Retention xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-02T03:04:05.000Z</RetainUntilDate></Retention>`,
		string(EncodeRetention(r)))

	r, err = DecodeRetention([]byte(`<Retention/>`))
	require.NoError(t, err)
	assert.Zero(t, r)

	for _, bad := range []string{
		`<Retention><Mode>SOMETIMES</Mode><RetainUntilDate>2030-01-02T03:04:05Z</RetainUntilDate></Retention>`,
		`<Retention><Mode>COMPLIANCE</Mode></Retention>`,
		`<Retention><RetainUntilDate>2030-01-02T03:04:05Z</RetainUntilDate></Retention>`,
		`<Retention><Mode>COMPLIANCE</Mode><RetainUntilDate>tomorrow</RetainUntilDate></Retention>`,
		`<Retention><Mode>COMPLIANCE</Mode><Mode>COMPLIANCE</Mode></Retention>`,
		`<Retain/>`,
	} {
		_, err := DecodeRetention([]byte(bad))
		var me *MalformedError
		assert.ErrorAs(t, err, &me, bad)
	}
}

func TestLegalHoldDocument(t *testing.T) {
	s, err := DecodeLegalHold([]byte(`<LegalHold><Status>ON</Status></LegalHold>`))
	require.NoError(t, err)
	assert.Equal(t, "ON", s)
	assert.Contains(t, string(EncodeLegalHold("OFF")), `<LegalHold xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>OFF</Status></LegalHold>`)
	for _, bad := range []string{`<LegalHold/>`, `<LegalHold><Status>on</Status></LegalHold>`, `<LegalHold><Status>ON</Status><X/></LegalHold>`} {
		_, err := DecodeLegalHold([]byte(bad))
		var me *MalformedError
		assert.ErrorAs(t, err, &me, bad)
	}
}
