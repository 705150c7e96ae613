package docs

import "time"

// NextOccurrence returns the end of the reporting period of a recurrence
// that is on or after after's date: the last day of the month (RecurMonthly),
// of the quarter (31 March, 30 June, 30 September, 31 December:
// RecurQuarterly), of the half-year (30 June, 31 December: RecurSemiannual)
// or of the year (31 December: RecurAnnual). Only dates are compared, in
// after's location: a period that ends on after's own day is that day's, at
// any hour. The result is that day at 00:00 in after's location.
//
// A standing duty (RecurContinuous) and a one-off (RecurNone, or any value it
// does not know) have no period end: the result is the zero time.
//
// The period ends after a given end are walked by calling it again with the
// day after: NextOccurrence(r, end.AddDate(0, 0, 1)).
func NextOccurrence(r Recurrence, after time.Time) time.Time {
	var months int // length of the period in months; periods start in January
	switch r {
	case RecurMonthly:
		months = 1
	case RecurQuarterly:
		months = 3
	case RecurSemiannual:
		months = 6
	case RecurAnnual:
		months = 12
	default:
		return time.Time{}
	}
	y, m, _ := after.Date()
	// The period holding after's date ends on the last day of month
	// (its last month); after's date is never past it.
	last := ((int(m)-1)/months+1)*months + 1 // the month after the period, 2..13
	return time.Date(y, time.Month(last), 0, 0, 0, 0, 0, after.Location())
}
