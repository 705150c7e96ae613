//go:build linux

package app

import "syscall"

// limitChild caps the address space of an extraction child, so that a file that
// makes MuPDF allocate without end fails that file instead of the machine.
func limitChild() {
	lim := &syscall.Rlimit{Cur: childMemoryLimit, Max: childMemoryLimit}
	syscall.Setrlimit(syscall.RLIMIT_AS, lim)
}
