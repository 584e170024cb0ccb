package report

import (
	"fmt"
	"strconv"

	"github.com/s3fake/s3fake/inventory"
)

// ReadORC reads an ORC data file of a report, whatever its columns: the
// root struct's fields by their snake_case names, keys as stored (ORC keys
// are not URL-encoded), nulls left zero. It refuses a field it does not
// know and a field whose type is not S3's for it.
func ReadORC(data []byte) ([]Record, error) {
	f, err := OpenORC(data)
	if err != nil {
		return nil, fmt.Errorf("inventory: %w", err)
	}
	root := f.footer.types[0]
	if root.kind != ORCStruct {
		return nil, fmt.Errorf("inventory: orc: root type is %s, want struct", root.kind)
	}
	names := make([]string, len(root.subtypes))
	for i, sub := range root.subtypes {
		name, ok := columnarToCSV[root.fieldNames[i]]
		if !ok {
			return nil, fmt.Errorf("inventory: orc: unknown column %s", root.fieldNames[i])
		}
		if got, want := f.footer.types[sub].kind, orcKindOf(csvColumnKind(name)); got != want {
			return nil, fmt.Errorf("inventory: orc: column %s is %s, want %s", root.fieldNames[i], got, want)
		}
		names[i] = name
	}
	cols, err := f.Columns()
	if err != nil {
		return nil, fmt.Errorf("inventory: %w", err)
	}
	top := &cols[0]
	out := make([]Record, top.Len)
	slot := make([]int, len(root.subtypes)) // next slot of each field
	for row := range out {
		if top.Null(row) {
			continue // a null row has no fields
		}
		rec := &out[row]
		for i, sub := range root.subtypes {
			c := &cols[sub]
			j := slot[i]
			slot[i]++
			if c.Null(j) {
				continue
			}
			name := names[i]
			var cell string
			switch c.Kind {
			case ORCBoolean:
				cell = strconv.FormatBool(c.Bools[j])
			case ORCLong:
				cell = strconv.FormatInt(c.Ints[j], 10)
			case ORCTimestamp:
				cell = c.Times[j].UTC().Format(TimeLayout)
			default:
				cell = c.Strings[j]
			}
			if name == "Key" {
				rec.Key = cell
				continue
			}
			if err := setField(rec, name, cell); err != nil {
				return nil, fmt.Errorf("inventory: orc: row %d: %s: %w", row, name, err)
			}
		}
	}
	return out, nil
}

// csvColumnKind is the value kind of a column by its CSV name.
func csvColumnKind(name string) inventory.ColumnKind {
	if c, ok := columnByName[name]; ok {
		return c.Kind
	}
	return inventory.KindString
}
