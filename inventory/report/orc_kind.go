package report

import (
	"strconv"
	"strings"
)

// ORCKind is the kind of an ORC type (the Type message's Kind).
type ORCKind uint32

// The ORC type kinds, numbered as in the file format.
const (
	ORCBoolean ORCKind = iota
	ORCByte
	ORCShort
	ORCInt
	ORCLong
	ORCFloat
	ORCDouble
	ORCString
	ORCBinary
	ORCTimestamp
	ORCList
	ORCMap
	ORCStruct
	ORCUnion
	ORCDecimal
	ORCDate
	ORCVarchar
	ORCChar
	ORCTimestampInstant
)

var orcKindNames = []string{"boolean", "tinyint", "smallint", "int", "bigint", "float", "double",
	"string", "binary", "timestamp", "array", "map", "struct", "uniontype", "decimal", "date",
	"varchar", "char", "timestamp with local time zone"}

// String is the kind's name in Hive's type syntax, e.g. "bigint".
func (k ORCKind) String() string {
	if int(k) < len(orcKindNames) {
		return orcKindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// orcTypeString writes the type tree rooted at id in Hive's syntax, as S3
// writes it in the manifest's fileSchema: struct<name:type,...>, no spaces.
func orcTypeString(types []orcTypeNode, id int) string {
	var b strings.Builder
	var walk func(id int)
	walk = func(id int) {
		t := &types[id]
		b.WriteString(t.kind.String())
		switch t.kind {
		case ORCStruct:
			b.WriteByte('<')
			for i, sub := range t.subtypes {
				if i > 0 {
					b.WriteByte(',')
				}
				if i < len(t.fieldNames) {
					b.WriteString(t.fieldNames[i])
				}
				b.WriteByte(':')
				walk(int(sub))
			}
			b.WriteByte('>')
		case ORCList, ORCMap, ORCUnion:
			b.WriteByte('<')
			for i, sub := range t.subtypes {
				if i > 0 {
					b.WriteByte(',')
				}
				walk(int(sub))
			}
			b.WriteByte('>')
		case ORCDecimal:
			b.WriteString("(" + strconv.Itoa(int(t.precision)) + "," + strconv.Itoa(int(t.scale)) + ")")
		case ORCVarchar, ORCChar:
			b.WriteString("(" + strconv.Itoa(int(t.maximumLength)) + ")")
		}
	}
	walk(id)
	return b.String()
}
