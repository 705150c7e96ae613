// Package earlyenv settles the process environment before the GUI toolkit's
// packages initialise. Import it first, for its side effect, from main.
//
// Fyne reads the locale while its packages initialise and logs an error for
// the common "C.UTF-8" locale of servers and containers, so every headless
// command printed three lines of noise on stderr. chidao speaks Vietnamese
// whatever the system locale, so a C or POSIX locale is given LANGUAGE=vi.
// Go initialises "chidao/..." before "fyne.io/...", and this package imports
// nothing that imports Fyne, so its init runs first.
package earlyenv

import (
	"os"
	"strings"
)

func init() {
	loc := ""
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = os.Getenv(v); loc != "" {
			break
		}
	}
	base, _, _ := strings.Cut(loc, ".")
	if (base == "C" || base == "POSIX") && loc != base && os.Getenv("LANGUAGE") == "" {
		os.Setenv("LANGUAGE", "vi")
	}
}
