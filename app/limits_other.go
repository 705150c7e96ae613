//go:build !linux

package app

import "runtime/debug"

// limitChild caps the Go heap of an extraction child; on these systems the
// child's time limit is what stops a runaway MuPDF.
func limitChild() {
	debug.SetMemoryLimit(childMemoryLimit / 2)
}
