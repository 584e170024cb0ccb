package report

import "github.com/s3fake/s3fake/inventory"

// Column statistics as the writer accumulates them (docs/orc.md §7): per
// row group for the row index, merged per stripe for the Metadata section
// and per file for the Footer.

// newStats returns empty statistics for a report column kind: with their
// typed part, as a reader expects even when the column has no values.
func newStats(kind inventory.ColumnKind) orcColumnStats {
	switch kind {
	case inventory.KindString:
		return orcColumnStats{strings: &orcStringStats{}}
	case inventory.KindBool:
		return orcColumnStats{hasBucket: true, bucket: []uint64{0}}
	case inventory.KindInt:
		return orcColumnStats{ints: &orcIntStats{hasSum: true}}
	case inventory.KindTime:
		return orcColumnStats{timestamp: &orcTimestampStats{}}
	}
	return orcColumnStats{}
}

func (s *orcColumnStats) addNull() { s.hasNull = true }

func (s *orcColumnStats) addString(v string) {
	s.numberOfValues++
	t := s.strings
	if !t.hasMinMax {
		t.min, t.max, t.hasMinMax = v, v, true
	} else if v < t.min {
		t.min = v
	} else if v > t.max {
		t.max = v
	}
	t.sum += int64(len(v))
}

// addBool counts a value; BucketStatistics holds the number of true values
// (the reference files show one count: the false ones are the rest).
func (s *orcColumnStats) addBool(v bool) {
	s.numberOfValues++
	if v {
		s.bucket[0]++
	}
}

func (s *orcColumnStats) addInt(v int64) {
	s.numberOfValues++
	t := s.ints
	if !t.hasMinMax {
		t.min, t.max, t.hasMinMax = v, v, true
	} else {
		t.min, t.max = min(t.min, v), max(t.max, v)
	}
	t.sum, t.hasSum = addNoOverflow(t.sum, v, t.hasSum)
}

// addNoOverflow adds v to sum while ok; the sum is dropped (ok false) once
// it overflows, as the specification asks.
func addNoOverflow(sum, v int64, ok bool) (int64, bool) {
	if !ok {
		return 0, false
	}
	r := sum + v
	if (v > 0 && r < sum) || (v < 0 && r > sum) {
		return 0, false
	}
	return r, true
}

// addTime records a time in milliseconds since the UNIX epoch; the writer
// writes in UTC, so local and UTC statistics are the same.
func (s *orcColumnStats) addTime(ms int64) {
	s.numberOfValues++
	t := s.timestamp
	if !t.hasMinMax {
		t.min, t.max, t.hasMinMax = ms, ms, true
	} else {
		t.min, t.max = min(t.min, ms), max(t.max, ms)
	}
	t.minUtc, t.maxUtc = t.min, t.max
	t.hasUtc, t.hasLocalMinMax = true, true
}

// merge adds o (statistics of the same column kind) to s.
func (s *orcColumnStats) merge(o *orcColumnStats) {
	s.numberOfValues += o.numberOfValues
	s.hasNull = s.hasNull || o.hasNull
	switch {
	case s.strings != nil && o.strings.hasMinMax:
		if !s.strings.hasMinMax {
			*s.strings = *o.strings
			return
		}
		s.strings.min = min(s.strings.min, o.strings.min)
		s.strings.max = max(s.strings.max, o.strings.max)
		s.strings.sum += o.strings.sum
	case s.hasBucket:
		s.bucket[0] += o.bucket[0]
	case s.ints != nil && o.ints.hasMinMax:
		sum, ok := addNoOverflow(s.ints.sum, o.ints.sum, s.ints.hasSum && o.ints.hasSum)
		if !s.ints.hasMinMax {
			*s.ints = *o.ints
		} else {
			s.ints.min, s.ints.max = min(s.ints.min, o.ints.min), max(s.ints.max, o.ints.max)
		}
		s.ints.sum, s.ints.hasSum = sum, ok
	case s.timestamp != nil && o.timestamp.hasMinMax:
		if !s.timestamp.hasMinMax {
			*s.timestamp = *o.timestamp
			return
		}
		s.timestamp.min = min(s.timestamp.min, o.timestamp.min)
		s.timestamp.max = max(s.timestamp.max, o.timestamp.max)
		s.timestamp.minUtc, s.timestamp.maxUtc = s.timestamp.min, s.timestamp.max
	}
}

// clone returns a deep copy (the typed parts are pointers).
func (s orcColumnStats) clone() orcColumnStats {
	c := s
	if s.strings != nil {
		v := *s.strings
		c.strings = &v
	}
	if s.ints != nil {
		v := *s.ints
		c.ints = &v
	}
	if s.timestamp != nil {
		v := *s.timestamp
		c.timestamp = &v
	}
	if s.bucket != nil {
		c.bucket = append([]uint64(nil), s.bucket...)
	}
	return c
}
