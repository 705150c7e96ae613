package report

import (
	"testing"
	"time"
)

// TestDateLine: place and date as the presentation rules write them; blank
// day and month left wide enough to write in; no place, a capital.
func TestDateLine(t *testing.T) {
	for _, c := range []struct {
		place string
		date  time.Time
		want  string
	}{
		{"Kiên Giang", time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC), "Kiên Giang, ngày 05 tháng 3 năm 2026"}, // months 1–2 only take a zero,
		{"Kiên Giang", time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC), "Kiên Giang, ngày 15 tháng 7 năm 2026"},
		{"Hà Nội", time.Time{}, "Hà Nội, ngày       tháng       năm 2026"},
		{"", time.Time{}, "Ngày       tháng       năm 2026"},
		{"", time.Date(2026, 1, 9, 0, 0, 0, 0, time.UTC), "Ngày 09 tháng 01 năm 2026"},
	} {
		r := Report{Office: Office{Place: c.place}, Date: c.date, Year: 2026}
		if got := r.DateLine(); got != c.want {
			t.Errorf("DateLine(%q, %v) = %q, want %q", c.place, c.date, got, c.want)
		}
	}
}
