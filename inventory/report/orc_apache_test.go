package report

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the reference files name their writer's time zone

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reader against Apache ORC's own files (testdata/orc, written by the
// Java and C++ reference writers): every row of every file equals Apache's
// expected dump, every column (primitive ones, and the structs, lists and
// maps that hold them).
func TestORCReaderAgreesWithApacheDumps(t *testing.T) {
	dumps, err := filepath.Glob("testdata/orc/expected/*.jsn.gz")
	require.NoError(t, err)
	require.Len(t, dumps, 6)
	for _, dump := range dumps {
		name := strings.TrimSuffix(filepath.Base(dump), ".jsn.gz")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/orc", name+".orc"))
			require.NoError(t, err)
			f, err := OpenORC(data)
			require.NoError(t, err)
			cols, err := f.Columns()
			require.NoError(t, err)
			want := readJSONLines(t, dump)
			require.Equal(t, uint64(len(want)), f.NumRows())
			a := orcAssembler{cols: cols, next: make([]int, len(cols))}
			for row := range want {
				got := a.value(0)
				if err := compareJSON("", want[row], got); err != nil {
					t.Fatalf("row %d: %v\nwant %v\ngot  %v", row, err, want[row], got)
				}
			}
			// Every slot of every column was consumed: nothing decoded is
			// left over.
			for id := range cols {
				assert.Equal(t, cols[id].Len, a.next[id], "column %d", id)
			}
		})
	}
}

// readJSONLines decodes a gzipped file of one JSON value per line, numbers
// kept as written.
func readJSONLines(t *testing.T, path string) []any {
	t.Helper()
	fh, err := os.Open(path)
	require.NoError(t, err)
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	require.NoError(t, err)
	dec := json.NewDecoder(bufio.NewReader(zr))
	dec.UseNumber()
	var out []any
	for {
		var v any
		err := dec.Decode(&v)
		if err == io.EOF {
			return out
		}
		require.NoError(t, err)
		out = append(out, v)
	}
}

// orcAssembler rebuilds rows from decoded columns: each column's slots are
// consumed in order, as a pre-order walk of each row meets them.
type orcAssembler struct {
	cols []ORCColumn
	next []int
}

// value returns the next slot of column id as Go values shaped like
// Apache's JSON dump: structs as maps, lists as slices, maps as a list of
// {key, value}, binary as a list of byte values, dates and timestamps as
// Hive prints them.
func (a *orcAssembler) value(id int) any {
	c := &a.cols[id]
	i := a.next[id]
	a.next[id]++
	if c.Null(i) {
		return nil
	}
	switch c.Kind {
	case ORCStruct:
		m := map[string]any{}
		for _, ch := range c.Children {
			m[a.cols[ch].Name] = a.value(ch)
		}
		return m
	case ORCList:
		l := []any{}
		for j := int64(0); j < c.Ints[i]; j++ {
			l = append(l, a.value(c.Children[0]))
		}
		return l
	case ORCMap:
		l := []any{}
		for j := int64(0); j < c.Ints[i]; j++ {
			k := a.value(c.Children[0])
			l = append(l, map[string]any{"key": k, "value": a.value(c.Children[1])})
		}
		return l
	case ORCUnion:
		return map[string]any{"tag": int64(c.Tags[i]), "value": a.value(c.Children[c.Tags[i]])}
	case ORCBoolean:
		return c.Bools[i]
	case ORCByte, ORCShort, ORCInt, ORCLong:
		return c.Ints[i]
	case ORCDate:
		return time.Unix(c.Ints[i]*86400, 0).UTC().Format("2006-01-02")
	case ORCFloat:
		return float32(c.Floats[i])
	case ORCDouble:
		return c.Floats[i]
	case ORCBinary:
		l := []any{}
		for _, b := range []byte(c.Strings[i]) {
			l = append(l, int64(b))
		}
		return l
	case ORCTimestamp, ORCTimestampInstant:
		return hiveTimestamp(c.Times[i])
	case ORCDecimal:
		return c.Decimals[i]
	}
	return c.Strings[i]
}

// hiveTimestamp prints a time as java.sql.Timestamp does: the wall clock
// and the nanoseconds without trailing zeros, at least one digit.
func hiveTimestamp(t time.Time) string {
	frac := strings.TrimRight(fmt.Sprintf("%09d", t.Nanosecond()), "0")
	if frac == "" {
		frac = "0"
	}
	return t.Format("2006-01-02 15:04:05") + "." + frac
}

// compareJSON compares a value of the expected dump with an assembled one.
func compareJSON(path string, want, got any) error {
	switch w := want.(type) {
	case nil:
		if got != nil {
			return fmt.Errorf("%s: want null, got %v", path, got)
		}
		return nil
	case json.Number:
		var ok bool
		switch g := got.(type) {
		case int64:
			ok = w.String() == strconv.FormatInt(g, 10)
		case float32:
			f, err := strconv.ParseFloat(w.String(), 64)
			ok = err == nil && float32(f) == g
		case float64:
			f, err := strconv.ParseFloat(w.String(), 64)
			ok = err == nil && f == g
		}
		if !ok {
			return fmt.Errorf("%s: want %s, got %v (%T)", path, w, got, got)
		}
		return nil
	case string, bool:
		if want != got {
			return fmt.Errorf("%s: want %v, got %v", path, want, got)
		}
		return nil
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Errorf("%s: want %v, got %v", path, want, got)
		}
		for i := range w {
			if err := compareJSON(path+"["+strconv.Itoa(i)+"]", w[i], g[i]); err != nil {
				return err
			}
		}
		return nil
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return fmt.Errorf("%s: want %v, got %v", path, want, got)
		}
		for k := range w {
			gv, ok := g[k]
			if !ok {
				return fmt.Errorf("%s: field %s missing", path, k)
			}
			if err := compareJSON(path+"."+k, w[k], gv); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("%s: unexpected %T in the dump", path, want)
}

// demo-12-zlib.orc has no expected dump: its schema and row count are
// known, and every column decoded agrees with the footer's statistics
// (count, minimum, maximum, sum) that the reference writer computed.
func TestORCReaderDemoFileMatchesItsStatistics(t *testing.T) {
	data, err := os.ReadFile("testdata/orc/demo-12-zlib.orc")
	require.NoError(t, err)
	f, err := OpenORC(data)
	require.NoError(t, err)
	assert.Equal(t, "0.12", f.Version())
	assert.Equal(t, "ZLIB", f.Compression())
	assert.Equal(t, uint64(1920800), f.NumRows())
	assert.Equal(t, "struct<_col0:int,_col1:string,_col2:string,_col3:string,_col4:int,_col5:string,_col6:int,_col7:int,_col8:int>", f.Schema())
	cols, err := f.Columns()
	require.NoError(t, err)
	for id := 1; id < len(cols); id++ {
		assert.Equal(t, f.footer.statistics[id], computeStats(&cols[id]), "column %d", id)
		require.Len(t, f.metadata.stripeStats, 1)
		assert.Equal(t, f.metadata.stripeStats[0][id], computeStats(&cols[id]), "column %d, stripe statistics", id)
	}
}

// computeStats is what a writer records for an int or string column.
func computeStats(c *ORCColumn) orcColumnStats {
	var s orcColumnStats
	for i := 0; i < c.Len; i++ {
		if c.Null(i) {
			s.hasNull = true
			continue
		}
		s.numberOfValues++
		switch c.Kind {
		case ORCInt, ORCLong, ORCShort:
			if s.ints == nil {
				s.ints = &orcIntStats{hasMinMax: true, min: c.Ints[i], max: c.Ints[i], hasSum: true}
			}
			s.ints.min, s.ints.max = min(s.ints.min, c.Ints[i]), max(s.ints.max, c.Ints[i])
			s.ints.sum += c.Ints[i]
		case ORCString:
			if s.strings == nil {
				s.strings = &orcStringStats{hasMinMax: true, min: c.Strings[i], max: c.Strings[i]}
			}
			s.strings.min, s.strings.max = min(s.strings.min, c.Strings[i]), max(s.strings.max, c.Strings[i])
			s.strings.sum += int64(len(c.Strings[i]))
		}
	}
	return s
}
