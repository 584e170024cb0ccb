package compat

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// xnode is an XML element reduced to what the shape comparison looks at:
// its name (namespace URI and local name), its trimmed text and its child
// elements in order. Namespace declarations, prefixes and whitespace
// between elements are gone.
type xnode struct {
	Name xml.Name
	Text string
	Kids []*xnode
}

// parseXML reads one XML document into an xnode tree.
func parseXML(t *testing.T, data []byte) *xnode {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var root *xnode
	var stack []*xnode
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v\n%s", err, data)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &xnode{Name: tok.Name}
			for _, a := range tok.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue // a namespace declaration: already resolved into Name.Space
				}
				n.Kids = append(n.Kids, &xnode{Name: xml.Name{Space: a.Name.Space, Local: "@" + a.Name.Local}, Text: a.Value})
			}
			if len(stack) == 0 {
				if root != nil {
					t.Fatalf("more than one root element:\n%s", data)
				}
				root = n
			} else {
				parent := stack[len(stack)-1]
				parent.Kids = append(parent.Kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			top := stack[len(stack)-1]
			top.Text = strings.TrimSpace(top.Text)
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(tok)
			}
		}
	}
	if root == nil {
		t.Fatalf("no XML element in %q", data)
	}
	return root
}

// lines flattens the tree to one line per element, in document order:
// its path (each step's namespace in braces where it changes), then
// = "text" for an element without children.
func (n *xnode) lines() []string {
	var out []string
	var walk func(n *xnode, prefix, ns string)
	walk = func(n *xnode, prefix, ns string) {
		step := n.Name.Local
		if n.Name.Space != ns {
			step = "{" + n.Name.Space + "}" + step
		}
		path := step
		if prefix != "" {
			path = prefix + "/" + step
		}
		switch {
		case len(n.Kids) == 0:
			out = append(out, path+" = "+strconv.Quote(n.Text))
		case n.Text != "":
			out = append(out, path+" (text "+strconv.Quote(n.Text)+")")
		default:
			out = append(out, path)
		}
		for _, k := range n.Kids {
			walk(k, path, n.Name.Space)
		}
	}
	walk(n, "", "")
	return out
}

// child is n's first child element named local, or nil.
func (n *xnode) child(local string) *xnode {
	for _, k := range n.Kids {
		if k.Name.Local == local {
			return k
		}
	}
	return nil
}

// path follows child by child; nil if a step is missing.
func (n *xnode) path(locals ...string) *xnode {
	for _, l := range locals {
		if n = n.child(l); n == nil {
			return nil
		}
	}
	return n
}

func (n *xnode) clone() *xnode {
	c := &xnode{Name: n.Name, Text: n.Text}
	for _, k := range n.Kids {
		c.Kids = append(c.Kids, k.clone())
	}
	return c
}

func (n *xnode) equal(o *xnode) bool { return equalLines(n.lines(), o.lines()) }

// setNamespace puts n and its descendants in namespace ns (a document sent
// without one comes back in S3's).
func (n *xnode) setNamespace(ns string) {
	n.Name.Space = ns
	for _, k := range n.Kids {
		k.setNamespace(ns)
	}
}

// pairConfigs pairs the InventoryConfiguration elements of two Get or two
// List answers by position; none if their counts differ (the comparison
// then reports it).
func pairConfigs(a, b *xnode) [][2]*xnode {
	ca, cb := configsOf(a), configsOf(b)
	if len(ca) != len(cb) {
		return nil
	}
	pairs := make([][2]*xnode, len(ca))
	for i := range ca {
		pairs[i] = [2]*xnode{ca[i], cb[i]}
	}
	return pairs
}

func configsOf(root *xnode) []*xnode {
	if root.Name.Local == "InventoryConfiguration" {
		return []*xnode{root}
	}
	var out []*xnode
	for _, k := range root.Kids {
		if k.Name.Local == "InventoryConfiguration" {
			out = append(out, k)
		}
	}
	return out
}

func equalLines(a, b []string) bool { return slices.Equal(a, b) }

// diffLines shows two line lists side by side from their first
// difference on.
func diffLines(fake, other []string) string {
	i := 0
	for i < len(fake) && i < len(other) && fake[i] == other[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d:\n", i+1)
	for j := i; j < len(fake) || j < len(other); j++ {
		if j >= i+12 {
			b.WriteString("...\n")
			break
		}
		var l, r string
		if j < len(fake) {
			l = fake[j]
		}
		if j < len(other) {
			r = other[j]
		}
		mark := "  "
		if l != r {
			mark = "≠ "
		}
		fmt.Fprintf(&b, "%s s3fake: %s\n   other:  %s\n", mark, l, r)
	}
	return b.String()
}

func containsInt(list []int, v int) bool { return slices.Contains(list, v) }
