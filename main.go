// Command chidao is a desktop application for Party committee and People's
// Committee offices: it keeps every directive searchable, links its clauses to
// the units that must act, follows tasks to their deadlines and prints the
// follow-up report. With a sub-command it works headless (see chidao help).
package main

import (
	"os"

	_ "chidao/internal/earlyenv" // before Fyne reads the locale

	"chidao/app"
	"chidao/cli"
	"chidao/ui"
)

func main() {
	if app.RunChild(os.Args[1:]) {
		return
	}
	g, cmd, _, err := cli.Parse(os.Args[1:])
	if err != nil || cmd != "" {
		os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(ui.Run(g.Library))
}
