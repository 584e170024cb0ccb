package xmlcodec

import (
	"strings"
	"testing"
)

// texts returns the text of each node.
func texts(ns []*node) string {
	var out []string
	for _, n := range ns {
		out = append(out, n.text)
	}
	return strings.Join(out, ",")
}

// childrenBy sorts repeated elements by slot in document order, whether
// their run is adjacent (a slice of the children list) or interleaved with
// others (a copy), and keeps more slots than fit inline.
func TestChildrenBySlots(t *testing.T) {
	s := schema{{name: "A", repeated: true}, {name: "B", repeated: true}, {name: "C"}}
	for doc, want := range map[string][2]string{
		"<R><A>1</A><A>2</A><A>3</A><B>x</B></R>":                 {"1,2,3", "x"},
		"<R><A>1</A><B>x</B><A>2</A><A>3</A><B>y</B><A>4</A></R>": {"1,2,3,4", "x,y"},
		"<R><B>x</B><A>1</A><C>c</C><A>2</A></R>":                 {"1,2", "x"},
		"<R><C>c</C></R>": {"", ""},
	} {
		if err := withTree([]byte(doc), func(root *node) error {
			k, err := root.childrenBy(s)
			if err != nil {
				return err
			}
			if a, b := texts(k.get("A")), texts(k.get("B")); a != want[0] || b != want[1] {
				t.Errorf("%s: A=%q B=%q, want %q", doc, a, b, want)
			}
			return nil
		}); err != nil {
			t.Errorf("%s: %v", doc, err)
		}
	}
	wide := schema{}
	var doc strings.Builder
	doc.WriteString("<R>")
	for i := range kidsInline + 3 {
		name := string(rune('D' + i))
		wide = append(wide, childRule{name: name, required: true})
		doc.WriteString("<" + name + ">" + name + "</" + name + ">")
	}
	doc.WriteString("</R>")
	root, err := parseTree([]byte(doc.String()))
	if err != nil {
		t.Fatal(err)
	}
	k, err := root.childrenBy(wide)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range wide {
		if got := texts(k.get(r.name)); got != r.name {
			t.Errorf("slot %s holds %q", r.name, got)
		}
	}
	if _, err := root.childrenBy(wide[:len(wide)-1]); err == nil {
		t.Error("an element outside the schema was accepted")
	}
}

// A tree parsed by withTree leaves nothing behind in the pooled arenas:
// the next document starts from zeroed nodes.
func TestWithTreeReusesClearedArenas(t *testing.T) {
	for _, doc := range []string{"<R><A>one</A><A>two</A></R>", "<R><B/></R>", "<R><A>three</A></R>"} {
		if err := withTree([]byte(doc), func(root *node) error {
			for _, c := range root.children {
				if len(c.children) != 0 {
					t.Errorf("%s: %s has stale children", doc, c.name)
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
}
