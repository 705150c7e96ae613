package ui

import (
	_ "embed" // the Vietnamese translation of Fyne's own strings
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

//go:embed translations/vi.json
var viTranslation []byte

var translateOnce sync.Once

// useVietnamese makes Fyne's own strings (file dialogs, menus, entry menus)
// Vietnamese. chidao speaks only Vietnamese, so the translation also replaces
// the English fallback used when the system locale is unknown ("C") or English.
func useVietnamese() {
	translateOnce.Do(func() {
		for _, l := range []fyne.Locale{"vi", "en"} {
			if err := lang.AddTranslationsForLocale(viTranslation, l); err != nil {
				fyne.LogError("chidao: Vietnamese translation", err)
			}
		}
	})
}
