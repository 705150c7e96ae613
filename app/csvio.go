package app

import (
	"encoding/csv"
	"io"
)

func csvWriter(w io.Writer) *csv.Writer { return csv.NewWriter(w) }

func csvReader(r io.Reader) *csv.Reader {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	return cr
}
