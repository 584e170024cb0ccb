package xmlcodec

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// writer builds a response document by hand, so that the element order,
// namespaces and empty elements are exactly ours and not encoding/xml's.
type writer struct {
	buf bytes.Buffer
}

func (w *writer) raw(s string) { w.buf.WriteString(s) }

func (w *writer) open(name, ns string) {
	w.buf.WriteByte('<')
	w.buf.WriteString(name)
	if ns != "" {
		w.buf.WriteString(` xmlns="`)
		w.buf.WriteString(ns)
		w.buf.WriteByte('"')
	}
	w.buf.WriteByte('>')
}

func (w *writer) close(name string) {
	w.buf.WriteString("</")
	w.buf.WriteString(name)
	w.buf.WriteByte('>')
}

func (w *writer) empty(name string) {
	w.buf.WriteByte('<')
	w.buf.WriteString(name)
	w.buf.WriteString("/>")
}

func (w *writer) leaf(name, text string) {
	w.open(name, "")
	if plainText(text) {
		w.buf.WriteString(text) // what EscapeText would write, without its copy and rune loop
	} else {
		// EscapeText only fails when the buffer does; bytes.Buffer does not.
		_ = xml.EscapeText(&w.buf, []byte(text))
	}
	w.close(name)
}

// plainText reports whether xml.EscapeText leaves text as it is: printable
// ASCII without the five characters it escapes.
func plainText(text string) bool {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c < 0x20 || c > 0x7e, c == '<', c == '>', c == '&', c == '\'', c == '"':
			return false
		}
	}
	return true
}

func (w *writer) bytes() []byte { return w.buf.Bytes() }

func trimSpace(s string) string { return strings.TrimSpace(s) }
