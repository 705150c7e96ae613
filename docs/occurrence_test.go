package docs

import (
	"testing"
	"time"
)

func TestNextOccurrence(t *testing.T) {
	hcm := time.FixedZone("ICT", 7*3600)
	at := func(s string) time.Time {
		d, err := time.ParseInLocation("2006-01-02 15:04", s, hcm)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	day := func(s string) time.Time {
		d, err := time.ParseInLocation("2006-01-02", s, hcm)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		r     Recurrence
		after string // "2006-01-02 15:04" in ICT
		want  string // "" for the zero time
	}{
		// Month ends, February in leap and common years.
		{RecurMonthly, "2024-02-10 09:00", "2024-02-29"},
		{RecurMonthly, "2025-02-10 09:00", "2025-02-28"},
		{RecurMonthly, "2100-02-01 00:00", "2100-02-28"}, // not a leap year
		{RecurMonthly, "2000-02-29 23:59", "2000-02-29"}, // the day itself, late in the day
		{RecurMonthly, "2024-03-01 00:00", "2024-03-31"},
		{RecurMonthly, "2025-04-30 18:00", "2025-04-30"},
		{RecurMonthly, "2025-12-31 00:00", "2025-12-31"},
		{RecurMonthly, "2026-01-01 00:00", "2026-01-31"},
		// Quarter ends and the days around them.
		{RecurQuarterly, "2026-01-01 00:00", "2026-03-31"},
		{RecurQuarterly, "2026-03-31 12:00", "2026-03-31"},
		{RecurQuarterly, "2026-04-01 00:00", "2026-06-30"},
		{RecurQuarterly, "2026-06-30 08:00", "2026-06-30"},
		{RecurQuarterly, "2026-07-01 08:00", "2026-09-30"},
		{RecurQuarterly, "2026-09-30 08:00", "2026-09-30"},
		{RecurQuarterly, "2026-10-01 08:00", "2026-12-31"},
		{RecurQuarterly, "2026-12-31 23:59", "2026-12-31"},
		// Half-years: 30 June and 31 December themselves.
		{RecurSemiannual, "2026-01-15 10:00", "2026-06-30"},
		{RecurSemiannual, "2026-06-30 00:00", "2026-06-30"},
		{RecurSemiannual, "2026-06-30 23:59", "2026-06-30"},
		{RecurSemiannual, "2026-07-01 00:00", "2026-12-31"},
		{RecurSemiannual, "2026-12-31 17:00", "2026-12-31"},
		{RecurSemiannual, "2027-01-01 00:00", "2027-06-30"},
		// Years.
		{RecurAnnual, "2026-01-01 00:00", "2026-12-31"},
		{RecurAnnual, "2026-12-31 23:59", "2026-12-31"},
		{RecurAnnual, "2027-01-01 00:01", "2027-12-31"},
		// No period end.
		{RecurContinuous, "2026-05-05 10:00", ""},
		{RecurNone, "2026-05-05 10:00", ""},
		{Recurrence("weekly"), "2026-05-05 10:00", ""},
	} {
		got := NextOccurrence(c.r, at(c.after))
		if c.want == "" {
			if !got.IsZero() {
				t.Errorf("NextOccurrence(%q, %s) = %v, want the zero time", c.r, c.after, got)
			}
			continue
		}
		want := day(c.want)
		if !got.Equal(want) || got.Location() != hcm {
			t.Errorf("NextOccurrence(%q, %s) = %v, want %v", c.r, c.after, got, want)
		}
		if h, m, s := got.Clock(); h != 0 || m != 0 || s != 0 || got.Nanosecond() != 0 {
			t.Errorf("NextOccurrence(%q, %s) = %v, not at midnight", c.r, c.after, got)
		}
	}
}

// TestNextOccurrenceLocation: the date compared is after's date in its own
// location, not in UTC.
func TestNextOccurrenceLocation(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	// 1 July 2026 at 02:00 in Hà Nội is still 30 June in UTC.
	after := time.Date(2026, 7, 1, 2, 0, 0, 0, ict)
	if got, want := NextOccurrence(RecurSemiannual, after), time.Date(2026, 12, 31, 0, 0, 0, 0, ict); !got.Equal(want) {
		t.Errorf("ICT: %v, want %v", got, want)
	}
	if got, want := NextOccurrence(RecurSemiannual, after.UTC()), time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("UTC: %v, want %v", got, want)
	}
}

// TestNextOccurrenceWalk: walking the period ends from one day after the
// last gives every end in order, never the same twice.
func TestNextOccurrenceWalk(t *testing.T) {
	for r, want := range map[Recurrence][]string{
		RecurMonthly:    {"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"},
		RecurQuarterly:  {"2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31"},
		RecurSemiannual: {"2024-06-30", "2024-12-31", "2025-06-30"},
		RecurAnnual:     {"2024-12-31", "2025-12-31"},
	} {
		d := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		for _, w := range want {
			end := NextOccurrence(r, d)
			if got := end.Format("2006-01-02"); got != w {
				t.Errorf("%s: %s, want %s", r, got, w)
				break
			}
			d = end.AddDate(0, 0, 1)
		}
	}
}
