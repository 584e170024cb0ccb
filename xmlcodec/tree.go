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

// ErrIncompleteBody is a body that ended before its Content-Length
// (IncompleteBody).
var ErrIncompleteBody = errors.New("xmlcodec: request body ended early")

// MalformedError is a document that is not well-formed or does not match the
// schema (MalformedXML). Reason is for logs and tests, never sent.
type MalformedError struct {
	Reason string
}

// Error implements error.
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
		return nil, ErrIncompleteBody
	}
	if len(data) > MaxBodySize {
		return nil, ErrBodyTooLarge
	}
	return data, nil
}

// schema describes the children an element may have. It is a short
// slice searched linearly: faster than a map for S3's handful of children.
type schema []childRule

type childRule struct {
	name     string
	required bool
	repeated bool
}

func (s schema) index(name string) int {
	for i := range s {
		if s[i].name == name {
			return i
		}
	}
	return -1
}

// kidsInline is how many schema slots kids holds without allocating;
// larger schemas (a handful) get a slice.
const kidsInline = 8

// kids are an element's children sorted by schema slot. Each slot is a
// slice of the element's own children list when that slot's elements are
// adjacent (always, for a single element), so sorting allocates nothing
// in the usual case.
type kids struct {
	s     schema
	small [kidsInline][]*node
	large [][]*node // instead of small when the schema is larger
}

// slots returns the slots of k, len(k.s) of them.
func (k *kids) slots() [][]*node {
	if k.large != nil {
		return k.large
	}
	return k.small[:len(k.s)]
}

// get returns the children called name (nil when absent); name must be in
// the schema.
func (k kids) get(name string) []*node { return k.slots()[k.s.index(name)] }

// childrenBy checks n's children against s: unknown, duplicated (unless
// repeated) and missing required elements are malformed.
func (n *node) childrenBy(s schema) (kids, error) {
	k := kids{s: s}
	if len(s) > kidsInline {
		k.large = make([][]*node, len(s))
	}
	found := k.slots()
	var owned uint64 // slots holding a copy of their own, free to append to
	for i, c := range n.children {
		j := s.index(c.name)
		if j < 0 {
			return k, malformed("unknown element %s in %s", c.name, n.name)
		}
		f := found[j]
		switch {
		case len(f) == 0:
			found[j] = n.children[i : i+1 : i+1]
		case !s[j].repeated:
			return k, malformed("duplicate element %s in %s", c.name, n.name)
		case &f[len(f)-1] == &n.children[i-1]:
			// Adjacent to the run so far, which is still a slice of
			// n.children: extend it.
			found[j] = n.children[i-len(f) : i+1 : i+1]
		case owned&(1<<j) != 0:
			found[j] = append(f, c)
		default:
			found[j] = append(f[:len(f):len(f)], c) // not adjacent: a copy
			owned |= 1 << j
		}
	}
	for j, rule := range s {
		if rule.required && len(found[j]) == 0 {
			return k, malformed("missing element %s in %s", rule.name, n.name)
		}
	}
	return k, nil
}

// leaf returns the text of a leaf element.
func (n *node) leaf() (string, error) {
	if len(n.children) > 0 {
		return "", malformed("element %s must not have children", n.name)
	}
	return n.text, nil
}
