package xmlcodec

import (
	"errors"
	"fmt"
	"io"
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
