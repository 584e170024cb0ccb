package inventory

import "time"

// NextRun returns the first due time strictly after t for frequency f:
// Daily at every 00:00 UTC, Weekly at every Sunday 00:00 UTC.
func NextRun(f Frequency, t time.Time) time.Time {
	t = t.UTC()
	midnight := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	next := midnight.AddDate(0, 0, 1)
	if f == Weekly {
		days := (7 - int(next.Weekday())) % 7 // to the next Sunday on or after next
		next = next.AddDate(0, 0, days)
	}
	return next
}

// DueRuns returns every due time of frequency f in (from, to], in order.
func DueRuns(f Frequency, from, to time.Time) []time.Time {
	var out []time.Time
	for t := NextRun(f, from); !t.After(to); t = NextRun(f, t) {
		out = append(out, t)
	}
	return out
}
