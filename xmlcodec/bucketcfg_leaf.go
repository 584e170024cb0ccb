package xmlcodec

// Shared pieces of the bucket configuration codecs (bucketcfg_*.go):
// strict readers of optional leaves and writers of optional elements.

import (
	"strconv"
	"strings"
	"time"

	"github.com/s3fake/s3fake/internal/bucketcfg"
)

// cfgRoot parses a configuration document strictly: its root must be
// name and its children must follow s.
func cfgRoot(data []byte, name string, s schema) (kids, error) {
	root, err := parseTree(data)
	if err != nil {
		return kids{}, err
	}
	if root.name != name {
		return kids{}, malformed("root element %s", root.name)
	}
	return root.childrenBy(s)
}

// cfgText is the text of an optional leaf, "" when absent.
func cfgText(ns []*node) (string, error) {
	if len(ns) == 0 {
		return "", nil
	}
	return ns[0].leaf()
}

// cfgTexts are the texts of a repeated leaf.
func cfgTexts(ns []*node) ([]string, error) {
	var out []string
	for _, n := range ns {
		v, err := n.leaf()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// cfgInt32 is an optional integer leaf (nil when absent); anything but a
// decimal integer is malformed.
func cfgInt32(ns []*node) (*int32, error) {
	v, err := cfgInt(ns, 32)
	if v == nil || err != nil {
		return nil, err
	}
	n := int32(*v)
	return &n, nil
}

// cfgInt64 is cfgInt32 for 64-bit values.
func cfgInt64(ns []*node) (*int64, error) { return cfgInt(ns, 64) }

func cfgInt(ns []*node, bits int) (*int64, error) {
	if len(ns) == 0 {
		return nil, nil
	}
	text, err := ns[0].leaf()
	if err != nil {
		return nil, err
	}
	n, err := strconv.ParseInt(trimSpace(text), 10, bits)
	if err != nil {
		return nil, malformed("%s %q is not an integer", ns[0].name, text)
	}
	return &n, nil
}

// cfgBool is an optional true/false leaf (nil when absent).
func cfgBool(ns []*node) (*bool, error) {
	if len(ns) == 0 {
		return nil, nil
	}
	text, err := ns[0].leaf()
	if err != nil {
		return nil, err
	}
	var b bool
	switch strings.ToLower(trimSpace(text)) {
	case "true":
		b = true
	case "false":
	default:
		return nil, malformed("%s %q is not a boolean", ns[0].name, text)
	}
	return &b, nil
}

// cfgTime is an optional ISO 8601 date-time leaf (nil when absent).
func cfgTime(ns []*node) (*time.Time, error) {
	if len(ns) == 0 {
		return nil, nil
	}
	text, err := ns[0].leaf()
	if err != nil {
		return nil, err
	}
	t, err := time.Parse(time.RFC3339Nano, trimSpace(text))
	if err != nil {
		return nil, malformed("%s %q is not a date-time", ns[0].name, text)
	}
	return &t, nil
}

// cfgRequiredEnum is a required leaf's text, which must be one of values.
func cfgRequiredEnum(ns []*node, values ...string) (string, error) {
	v, err := enumLeaf(ns, values...)
	if err == nil && v == "" {
		return "", malformed("missing enumeration")
	}
	return v, err
}

var cfgTagSchema = schema{{name: "Key", required: true}, {name: "Value", required: true}}

// cfgTags reads repeated <Tag><Key/><Value/></Tag> elements.
func cfgTags(ns []*node) ([]bucketcfg.Tag, error) {
	var out []bucketcfg.Tag
	for _, n := range ns {
		kids, err := n.childrenBy(cfgTagSchema)
		if err != nil {
			return nil, err
		}
		var t bucketcfg.Tag
		if t.Key, err = kids.get("Key")[0].leaf(); err != nil {
			return nil, err
		}
		if t.Value, err = kids.get("Value")[0].leaf(); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// cfgStart begins a configuration answer: the prolog and the root with
// S3's namespace.
func cfgStart(w *writer, root string) {
	w.raw(header)
	w.open(root, Namespace)
}

// cfgEmpty is a configuration answer with nothing in it: <root xmlns=".."/>.
func cfgEmpty(root string) []byte {
	var w writer
	w.raw(header)
	w.raw("<" + root + ` xmlns="` + Namespace + `"/>`)
	return w.bytes()
}

func (w *writer) cfgOpt(name string, v *string) {
	if v != nil {
		w.leaf(name, *v)
	}
}

func (w *writer) cfgNonEmpty(name, v string) {
	if v != "" {
		w.leaf(name, v)
	}
}

func (w *writer) cfgInt32Leaf(name string, v *int32) {
	if v != nil {
		w.leaf(name, strconv.FormatInt(int64(*v), 10))
	}
}

func (w *writer) cfgInt64Leaf(name string, v *int64) {
	if v != nil {
		w.leaf(name, strconv.FormatInt(*v, 10))
	}
}

func (w *writer) cfgTag(t bucketcfg.Tag) {
	w.open("Tag", "")
	w.leaf("Key", t.Key)
	w.leaf("Value", t.Value)
	w.close("Tag")
}

// cfgOptional is the text of an optional leaf, nil when absent (an empty
// element is "", not nil).
func cfgOptional(ns []*node) (*string, error) {
	if len(ns) == 0 {
		return nil, nil
	}
	v, err := ns[0].leaf()
	if err != nil {
		return nil, err
	}
	return &v, nil
}
