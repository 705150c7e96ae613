// Package assets holds what is embedded in the chidao binary: the icon and the
// sample library (the 2020 plan implementing Conclusion 74-KL/TW).
package assets

import (
	"embed"
	_ "embed" // for the icon
)

// Icon is the application icon (PNG).
//
//go:embed icon.png
var Icon []byte

// Known lists the central documents the library knows of before their text
// is imported (JSON: number, kind, date, issuer, title).
//
//go:embed known.json
var Known []byte

// Units is the default unit catalog of a province's political system (CSV:
// id, name, aliases separated by ";", kind, level, parent).
//
//go:embed units.csv
var Units []byte

// Sample holds the sample documents imported into a new default library.
//
//go:embed sample/*
var Sample embed.FS

// Translations holds the interface's translation files: vi.json turns Fyne's
// own English strings into Vietnamese; en*.json turn chidao's Vietnamese
// strings (the keys of lang.L in package ui) into English, one file per part
// of the interface.
//
//go:embed translations/*.json
var Translations embed.FS
