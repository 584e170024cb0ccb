package xmlcodec

import (
	"bytes"
	"encoding/xml"
	"math/rand/v2"
	"testing"
)

// TestLeafMatchesEscapeText: writer.leaf's fast path for plain text writes
// exactly what xml.EscapeText writes, for every single byte and for random
// strings mixing plain ASCII with bytes it must escape or replace.
func TestLeafMatchesEscapeText(t *testing.T) {
	check := func(text string) {
		t.Helper()
		var want bytes.Buffer
		want.WriteString("<a>")
		_ = xml.EscapeText(&want, []byte(text))
		want.WriteString("</a>")
		var w writer
		w.leaf("a", text)
		if got := w.buf.String(); got != want.String() {
			t.Fatalf("leaf(%q) = %q, want %q", text, got, want.String())
		}
	}
	for c := range 256 {
		check(string([]byte{byte(c)}))
		check("key/" + string([]byte{byte(c)}) + ".txt")
	}
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := []byte("abcXYZ019 -_./:<>&'\"\t\n\r\x00\x7f\xc3\xa9\xff")
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		check(string(b))
	}
	check("")
	check("arn:aws:kms:us-east-1:000000000000:key/k")
}
