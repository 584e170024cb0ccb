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
// directly (no reflection per row) in batches, and written by a second
// goroutine while the next batch is built: building the cells and
// encoding the columns take about the same time, so on two cores they
// overlap.
func encodeParquet(cols []inventory.Column, bucket string, versions []inventory.ObjectVersion) ([]byte, error) {
	schema := parquet.SchemaOf(reflect.New(parquetRowType(cols)).Interface())
	var out bytes.Buffer
	w := parquet.NewWriter(&out, schema, parquet.Compression(&snappy.Codec{}),
		parquet.MaxRowsPerRowGroup(parquetRowGroup))
	const batch, batches = 1024, 3
	type rowBatch struct {
		rows   []parquet.Row
		values []parquet.Value
	}
	free := make(chan *rowBatch, batches) // room for every batch: nobody blocks handing one back
	full := make(chan *rowBatch, batches)
	for range batches {
		free <- &rowBatch{rows: make([]parquet.Row, 0, batch), values: make([]parquet.Value, 0, batch*len(cols))}
	}
	written := make(chan error, 1)
	go func() {
		var err error
		for b := range full {
			if err == nil {
				_, err = w.WriteRows(b.rows) // parquet-go copies the values it keeps
			}
			b.rows, b.values = b.rows[:0], b.values[:0]
			free <- b
		}
		written <- err
	}()
	b := <-free
	row := make(Row, 0, len(cols))
	for _, v := range versions {
		start := len(b.values)
		row = appendRow(row[:0], cols, bucket, v)
		for i, c := range row {
			b.values = append(b.values, parquetValue(c, i))
		}
		b.rows = append(b.rows, b.values[start:len(b.values):len(b.values)])
		if len(b.rows) == batch {
			full <- b
			b = <-free
		}
	}
	full <- b
	close(full)
	if err := <-written; err != nil {
		return nil, fmt.Errorf("inventory: parquet: %w", err)
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
