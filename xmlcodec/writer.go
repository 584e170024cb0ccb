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
	// EscapeText only fails when the buffer does; bytes.Buffer does not.
	_ = xml.EscapeText(&w.buf, []byte(text))
	w.close(name)
}

func (w *writer) bytes() []byte { return w.buf.Bytes() }

func trimSpace(s string) string { return strings.TrimSpace(s) }
