package xmlcodec

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxDepth bounds element nesting. S3 documents are shallow; a deeper
// document is malformed, and the bound keeps hostile nesting cheap.
const maxDepth = 16

// maxElements bounds the number of elements in one document.
const maxElements = 10000

// ErrBodyTooLarge is a request body over MaxBodySize (MaxMessageLengthExceeded).
var ErrBodyTooLarge = errors.New("xmlcodec: request body too large")

// MalformedError is a document that is not well-formed or does not match the
// schema (MalformedXML). Reason is for logs and tests, never sent.
type MalformedError struct {
	Reason string
}

func (e *MalformedError) Error() string { return "xmlcodec: malformed: " + e.Reason }

func malformed(format string, args ...any) error {
	return &MalformedError{Reason: fmt.Sprintf(format, args...)}
}

// node is one element of a strictly parsed document.
type node struct {
	name     string
	children []*node
	text     string
}

// ReadBody reads at most MaxBodySize bytes of r; a longer body is
// ErrBodyTooLarge.
func ReadBody(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBodySize+1))
	if err != nil {
		return nil, malformed("reading body: %v", err)
	}
	if len(data) > MaxBodySize {
		return nil, ErrBodyTooLarge
	}
	return data, nil
}

// parseTree parses data into elements, refusing anything an S3 request
// document never contains: DTDs and entities, processing instructions other
// than the prolog, foreign namespaces, attributes other than namespace
// declarations, mixed content, several roots, deep nesting.
func parseTree(data []byte) (*node, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark is an encoding signature, not content
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, malformed("empty body")
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var (
		root     *node
		stack    []*node
		texts    []*strings.Builder
		elements int
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, malformed("%v", err)
		}
		switch t := tok.(type) {
		case xml.ProcInst:
			if t.Target != "xml" || root != nil || elements > 0 {
				return nil, malformed("processing instruction %q", t.Target)
			}
		case xml.Directive:
			return nil, malformed("directive not allowed")
		case xml.Comment:
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return nil, malformed("more than one root element")
			}
			if len(stack) >= maxDepth {
				return nil, malformed("nesting deeper than %d", maxDepth)
			}
			if elements++; elements > maxElements {
				return nil, malformed("more than %d elements", maxElements)
			}
			if t.Name.Space != "" && t.Name.Space != Namespace {
				return nil, malformed("element %s in namespace %q", t.Name.Local, t.Name.Space)
			}
			for _, a := range t.Attr {
				if a.Name.Space != "xmlns" && !(a.Name.Space == "" && a.Name.Local == "xmlns") {
					return nil, malformed("attribute %s on %s", a.Name.Local, t.Name.Local)
				}
			}
			n := &node{name: t.Name.Local}
			if len(stack) == 0 {
				root = n
			} else {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, n)
			}
			stack = append(stack, n)
			texts = append(texts, &strings.Builder{})
		case xml.EndElement:
			n := stack[len(stack)-1]
			n.text = texts[len(texts)-1].String()
			if len(n.children) > 0 && strings.TrimSpace(n.text) != "" {
				return nil, malformed("mixed content in %s", n.name)
			}
			stack, texts = stack[:len(stack)-1], texts[:len(texts)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(t)) != 0 {
					return nil, malformed("text outside the root element")
				}
				continue
			}
			texts[len(texts)-1].Write(t)
		}
	}
	if root == nil {
		return nil, malformed("no root element")
	}
	return root, nil
}

// schema describes the children an element may have.
type schema map[string]childRule

type childRule struct {
	required bool
	repeated bool
}

// children checks n's children against s and returns them by name. Every
// name in s appears in the result map only if present.
func (n *node) childrenBy(s schema) (map[string][]*node, error) {
	out := map[string][]*node{}
	for _, c := range n.children {
		rule, ok := s[c.name]
		if !ok {
			return nil, malformed("unknown element %s in %s", c.name, n.name)
		}
		if !rule.repeated && len(out[c.name]) > 0 {
			return nil, malformed("duplicate element %s in %s", c.name, n.name)
		}
		out[c.name] = append(out[c.name], c)
	}
	for name, rule := range s {
		if rule.required && len(out[name]) == 0 {
			return nil, malformed("missing element %s in %s", name, n.name)
		}
	}
	return out, nil
}

// leaf returns the text of a leaf element.
func (n *node) leaf() (string, error) {
	if len(n.children) > 0 {
		return "", malformed("element %s must not have children", n.name)
	}
	return n.text, nil
}
