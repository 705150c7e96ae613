package ui

import (
	"sort"
	"strconv"
	"strings"

	"chidao/app"
	"chidao/store"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// sortDocuments sorts the library by a column: kind, number, date and issuer
// here (documents lacking the value last either way), the others by
// app.SortDocuments.
func sortDocuments(ds []store.Document, by string, asc bool) {
	var key func(store.Document) string
	var cmp func(a, b string) int
	col := collate.New(language.Vietnamese, collate.IgnoreCase)
	switch by {
	case "kind":
		key, cmp = func(d store.Document) string { return d.Kind }, col.CompareString
	case "issuer":
		key, cmp = func(d store.Document) string { return d.Issuer }, col.CompareString
	case "number":
		key = func(d store.Document) string { return d.Number }
		cmp = func(a, b string) int { return compareNumbers(col, a, b) }
	case "date":
		key, cmp = func(d store.Document) string { return d.Date }, strings.Compare
	default:
		app.SortDocuments(ds, by, asc)
		return
	}
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := key(ds[i]), key(ds[j])
		if (a == "") != (b == "") {
			return a != ""
		}
		c := cmp(a, b)
		if c == 0 { // the latest import first, as the list opens
			c = -ds[i].ImportedAt.Compare(ds[j].ImportedAt)
			if c == 0 {
				c = int(ds[j].ID - ds[i].ID)
			}
			return c < 0
		}
		if asc {
			return c < 0
		}
		return c > 0
	})
}

// compareNumbers orders document numbers by their leading number, then the
// rest: "9-KL/TW" before "74-KL/TW" before "74-NQ/TW".
func compareNumbers(col *collate.Collator, a, b string) int {
	na, ra := leadingNumber(a)
	nb, rb := leadingNumber(b)
	switch {
	case na >= 0 && nb >= 0 && na != nb:
		if na < nb {
			return -1
		}
		return 1
	case (na >= 0) != (nb >= 0):
		if na >= 0 {
			return -1
		}
		return 1
	}
	return col.CompareString(ra, rb)
}

// leadingNumber splits "74-KL/TW" into 74 and "-KL/TW"; -1 when s does not
// start with a digit.
func leadingNumber(s string) (int, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return -1, s
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil {
		return -1, s
	}
	return n, s[i:]
}
