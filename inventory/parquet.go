package inventory

import (
	"bytes"
	"fmt"
	"reflect"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"
)

// parquetRowType builds, per column list, a struct type whose parquet tags
// give the schema of inventory-report.md §4 in column order: bucket and key
// required strings, everything else optional; booleans, int64 sizes and
// TIMESTAMP(MILLIS, UTC) times. A struct (rather than parquet.Group, which
// sorts its fields by name) keeps S3's column order.
func parquetRowType(cols []Column) reflect.Type {
	fields := make([]reflect.StructField, len(cols))
	for i, c := range cols {
		var t reflect.Type
		tag := c.ColumnarName
		switch c.Kind {
		case KindBool:
			t = reflect.TypeFor[*bool]()
		case KindInt:
			t = reflect.TypeFor[*int64]()
		case KindTime:
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

// EncodeParquet writes versions as one Parquet data file (Snappy), keys not
// URL-encoded, nulls for empty values.
func EncodeParquet(cols []Column, bucket string, versions []ObjectVersion) ([]byte, error) {
	typ := parquetRowType(cols)
	schema := parquet.SchemaOf(reflect.New(typ).Interface())
	var out bytes.Buffer
	w := parquet.NewWriter(&out, schema, parquet.Compression(&snappy.Codec{}))
	row := reflect.New(typ).Elem()
	for _, v := range versions {
		fillParquetRow(row, MakeRow(cols, bucket, v))
		if err := w.Write(row.Addr().Interface()); err != nil {
			return nil, fmt.Errorf("inventory: parquet: %w", err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("inventory: parquet: %w", err)
	}
	return out.Bytes(), nil
}

func fillParquetRow(row reflect.Value, cells Row) {
	for i, c := range cells {
		f := row.Field(i)
		if f.Kind() != reflect.Pointer {
			f.SetString(c.Str)
			continue
		}
		if c.Null {
			f.SetZero()
			continue
		}
		switch c.Kind {
		case KindBool:
			b := c.Bool
			f.Set(reflect.ValueOf(&b))
		case KindInt:
			n := c.Int
			f.Set(reflect.ValueOf(&n))
		case KindTime:
			t := c.Time.UTC().Truncate(time.Second)
			f.Set(reflect.ValueOf(&t))
		default:
			s := c.Str
			f.Set(reflect.ValueOf(&s))
		}
	}
}
