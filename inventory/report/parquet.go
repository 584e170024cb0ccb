package report

import (
	"bytes"
	"fmt"
	"reflect"
	"time"
	"unsafe"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"

	"github.com/s3fake/s3fake/inventory"
)

// parquetRowType builds, per column list, a struct type whose parquet tags
// give the schema of docs/inventory-report.md §4 in column order: bucket and key
// required strings, everything else optional; booleans, int64 sizes and
// TIMESTAMP(MILLIS, UTC) times. A struct (rather than parquet.Group, which
// sorts its fields by name) keeps S3's column order.
func parquetRowType(cols []inventory.Column) reflect.Type {
	fields := make([]reflect.StructField, len(cols))
	for i, c := range cols {
		var t reflect.Type
		tag := c.ColumnarName
		switch c.Kind {
		case inventory.KindBool:
			t = reflect.TypeFor[*bool]()
		case inventory.KindInt:
			t = reflect.TypeFor[*int64]()
		case inventory.KindTime:
			t = reflect.TypeFor[*time.Time]()
			tag += ",timestamp(millisecond:utc)"
		default:
			t = reflect.TypeFor[*string]()
		}
		if i < 2 {
			t = t.Elem() // bucket and key are required
		} else {
			tag += ",optional"
		}
		fields[i] = reflect.StructField{
			Name: fmt.Sprintf("F%d", i),
			Type: t,
			Tag:  reflect.StructTag(`parquet:"` + tag + `"`),
		}
	}
	return reflect.StructOf(fields)
}

// parquetRowGroup is the number of rows per row group: it bounds the
// writer's buffered memory on large reports.
const parquetRowGroup = 128 * 1024

// encodeParquet writes versions as one Parquet data file (Snappy), keys not
// URL-encoded, nulls for empty values. Rows are built as parquet.Row values
// directly (no reflection per row) and written in batches.
func encodeParquet(cols []inventory.Column, bucket string, versions []inventory.ObjectVersion) ([]byte, error) {
	schema := parquet.SchemaOf(reflect.New(parquetRowType(cols)).Interface())
	var out bytes.Buffer
	w := parquet.NewWriter(&out, schema, parquet.Compression(&snappy.Codec{}),
		parquet.MaxRowsPerRowGroup(parquetRowGroup))
	const batch = 1024
	rows := make([]parquet.Row, 0, batch)
	values := make([]parquet.Value, 0, batch*len(cols))
	flush := func() error {
		if _, err := w.WriteRows(rows); err != nil {
			return fmt.Errorf("inventory: parquet: %w", err)
		}
		rows, values = rows[:0], values[:0]
		return nil
	}
	row := make(Row, 0, len(cols))
	for _, v := range versions {
		start := len(values)
		row = appendRow(row[:0], cols, bucket, v)
		for i, c := range row {
			values = append(values, parquetValue(c, i))
		}
		rows = append(rows, values[start:len(values):len(values)])
		if len(rows) == batch {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("inventory: parquet: %w", err)
	}
	return out.Bytes(), nil
}

// parquetValue is cell c of column i: bucket and key (columns 0 and 1) are
// required, every other column optional (definition level 1 when set).
func parquetValue(c Value, i int) parquet.Value {
	def := 1
	if i < 2 {
		def = 0
	}
	if c.Null {
		return parquet.Value{}.Level(0, 0, i)
	}
	var v parquet.Value
	switch c.Kind {
	case inventory.KindBool:
		v = parquet.BooleanValue(c.Bool)
	case inventory.KindInt:
		v = parquet.Int64Value(c.Int)
	case inventory.KindTime:
		// Whole seconds, as milliseconds: Unix() is already the second
		// the time falls in.
		v = parquet.Int64Value(c.Time.Unix() * 1000)
	default:
		v = parquet.ByteArrayValue(stringBytes(c.Str))
	}
	return v.Level(0, def, i)
}

// stringBytes is s's bytes without a copy. parquet-go only reads a value's
// bytes, to copy them into its page buffers before WriteRows returns; a
// copy here would be about 15 allocations per row, most of a large
// report's garbage.
func stringBytes(s string) []byte {
	if s == "" {
		return []byte{}
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
