package report

// The ColumnStatistics message and its typed parts (docs/orc.md §2, §7).

// orcColumnStats is ColumnStatistics: a count and at most one typed part.
type orcColumnStats struct {
	numberOfValues uint64             // 1
	ints           *orcIntStats       // 2
	doubles        *orcDoubleStats    // 3
	strings        *orcStringStats    // 4
	bucket         []uint64           // 5: BucketStatistics.count (packed)
	hasBucket      bool               // bucket was present
	decimal        *orcDecimalStats   // 6
	date           *orcDateStats      // 7
	binary         *int64             // 8: BinaryStatistics.sum
	timestamp      *orcTimestampStats // 9
	hasNull        bool               // 10
}

// orcIntStats is IntegerStatistics; minimum and maximum exist only when
// the column has values, the sum only when it did not overflow.
type orcIntStats struct {
	hasMinMax bool
	min, max  int64 // 1, 2 (sint64)
	hasSum    bool
	sum       int64 // 3 (sint64)
}

// orcDoubleStats is DoubleStatistics.
type orcDoubleStats struct {
	hasMinMax     bool
	min, max, sum float64 // 1, 2, 3
}

// orcStringStats is StringStatistics: minimum and maximum in UTF-8 byte
// order, and the total length in bytes.
type orcStringStats struct {
	hasMinMax bool
	min, max  string // 1, 2
	sum       int64  // 3 (sint64)
}

// orcDecimalStats is DecimalStatistics, as decimal strings.
type orcDecimalStats struct {
	min, max, sum string // 1, 2, 3
}

// orcDateStats is DateStatistics: days since 1970-01-01.
type orcDateStats struct {
	hasMinMax bool
	min, max  int64 // 1, 2 (sint32)
}

// orcTimestampStats is TimestampStatistics, milliseconds since the UNIX
// epoch: min/max in the writer's time zone, minUtc/maxUtc in UTC.
type orcTimestampStats struct {
	hasMinMax              bool
	min, max               int64 // 1, 2 (sint64)
	minUtc, maxUtc         int64 // 3, 4 (sint64)
	hasUtc, hasLocalMinMax bool
}

func (m *orcColumnStats) marshal(b []byte) []byte {
	b = pbAppendUint(b, 1, m.numberOfValues)
	var sub []byte
	switch {
	case m.ints != nil:
		if m.ints.hasMinMax {
			sub = pbAppendSint(sub, 1, m.ints.min)
			sub = pbAppendSint(sub, 2, m.ints.max)
		}
		if m.ints.hasSum {
			sub = pbAppendSint(sub, 3, m.ints.sum)
		}
		b = pbAppendBytes(b, 2, sub)
	case m.doubles != nil:
		if m.doubles.hasMinMax {
			sub = pbAppendDouble(sub, 1, m.doubles.min)
			sub = pbAppendDouble(sub, 2, m.doubles.max)
		}
		sub = pbAppendDouble(sub, 3, m.doubles.sum)
		b = pbAppendBytes(b, 3, sub)
	case m.strings != nil:
		if m.strings.hasMinMax {
			sub = pbAppendString(sub, 1, m.strings.min)
			sub = pbAppendString(sub, 2, m.strings.max)
		}
		sub = pbAppendSint(sub, 3, m.strings.sum)
		b = pbAppendBytes(b, 4, sub)
	case m.hasBucket:
		b = pbAppendBytes(b, 5, pbAppendPacked(nil, 1, m.bucket))
	case m.decimal != nil:
		sub = pbAppendString(sub, 1, m.decimal.min)
		sub = pbAppendString(sub, 2, m.decimal.max)
		sub = pbAppendString(sub, 3, m.decimal.sum)
		b = pbAppendBytes(b, 6, sub)
	case m.date != nil:
		if m.date.hasMinMax {
			sub = pbAppendSint(sub, 1, m.date.min)
			sub = pbAppendSint(sub, 2, m.date.max)
		}
		b = pbAppendBytes(b, 7, sub)
	case m.binary != nil:
		b = pbAppendBytes(b, 8, pbAppendSint(nil, 1, *m.binary))
	case m.timestamp != nil:
		if m.timestamp.hasMinMax {
			sub = pbAppendSint(sub, 1, m.timestamp.min)
			sub = pbAppendSint(sub, 2, m.timestamp.max)
			sub = pbAppendSint(sub, 3, m.timestamp.minUtc)
			sub = pbAppendSint(sub, 4, m.timestamp.maxUtc)
		}
		b = pbAppendBytes(b, 9, sub)
	}
	return pbAppendUint(b, 10, boolUint(m.hasNull))
}

func boolUint(v bool) uint64 {
	if v {
		return 1
	}
	return 0
}

func (m *orcColumnStats) unmarshal(msg []byte) error {
	return pbWalk(msg, func(f pbField) (err error) {
		var sub []byte
		if f.num >= 2 && f.num <= 9 {
			if sub, err = f.bytes(); err != nil {
				return err
			}
		}
		switch f.num {
		case 1:
			m.numberOfValues, err = f.uint()
		case 2:
			m.ints = &orcIntStats{}
			err = pbWalk(sub, func(g pbField) (err error) {
				switch g.num {
				case 1:
					m.ints.min, err = g.sint()
					m.ints.hasMinMax = true
				case 2:
					m.ints.max, err = g.sint()
				case 3:
					m.ints.sum, err = g.sint()
					m.ints.hasSum = true
				}
				return err
			})
		case 3:
			m.doubles = &orcDoubleStats{}
			err = pbWalk(sub, func(g pbField) (err error) {
				switch g.num {
				case 1:
					m.doubles.min, err = g.double()
					m.doubles.hasMinMax = true
				case 2:
					m.doubles.max, err = g.double()
				case 3:
					m.doubles.sum, err = g.double()
				}
				return err
			})
		case 4:
			m.strings = &orcStringStats{}
			err = pbWalk(sub, func(g pbField) (err error) {
				var b []byte
				switch g.num {
				case 1:
					b, err = g.bytes()
					m.strings.min, m.strings.hasMinMax = string(b), true
				case 2:
					b, err = g.bytes()
					m.strings.max = string(b)
				case 3:
					m.strings.sum, err = g.sint()
				}
				return err
			})
		case 5:
			m.hasBucket = true
			err = pbWalk(sub, func(g pbField) (err error) {
				if g.num == 1 {
					m.bucket, err = g.uints(m.bucket)
				}
				return err
			})
		case 6:
			m.decimal = &orcDecimalStats{}
			err = pbWalk(sub, func(g pbField) (err error) {
				var b []byte
				if g.num >= 1 && g.num <= 3 {
					b, err = g.bytes()
				}
				switch g.num {
				case 1:
					m.decimal.min = string(b)
				case 2:
					m.decimal.max = string(b)
				case 3:
					m.decimal.sum = string(b)
				}
				return err
			})
		case 7:
			m.date = &orcDateStats{}
			err = pbWalk(sub, func(g pbField) (err error) {
				switch g.num {
				case 1:
					m.date.min, err = g.sint()
					m.date.hasMinMax = true
				case 2:
					m.date.max, err = g.sint()
				}
				return err
			})
		case 8:
			var sum int64
			m.binary = &sum
			err = pbWalk(sub, func(g pbField) (err error) {
				if g.num == 1 {
					sum, err = g.sint()
				}
				return err
			})
		case 9:
			m.timestamp = &orcTimestampStats{}
			t := m.timestamp
			err = pbWalk(sub, func(g pbField) (err error) {
				switch g.num {
				case 1:
					t.min, err = g.sint()
					t.hasLocalMinMax, t.hasMinMax = true, true
				case 2:
					t.max, err = g.sint()
				case 3:
					t.minUtc, err = g.sint()
					t.hasUtc, t.hasMinMax = true, true
				case 4:
					t.maxUtc, err = g.sint()
				}
				return err
			})
		case 10:
			var v uint64
			v, err = f.uint()
			m.hasNull = v != 0
		}
		return err
	})
}
