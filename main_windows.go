package main

// On Windows the GUI build (-H windowsgui) has no console of its own: this
// attaches the sub-commands to the console of the shell that started them.
// See the package's doc.
import _ "chidao/internal/winconsole"
