package ui

import (
	"io/fs"
	"sort"
	"strings"
	"sync"

	"chidao/assets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// Interface languages. Vietnamese is the default whatever the operating
// system's locale; English is a setting.
const (
	LangVietnamese = "vi"
	LangEnglish    = "en"
)

var (
	langOnce sync.Once
	langUsed = LangVietnamese
)

// setLanguage loads the translations of one interface language, once per
// process (a change of language takes effect at the next start). chidao's
// strings are written in Vietnamese and go through lang.L; Fyne's own are
// English. The chosen language's files are registered for both the "vi" and
// "en" locales, so the system's locale never picks another one:
//   - Vietnamese: vi.json (Fyne's strings in Vietnamese); chidao's strings
//     fall back to their Vietnamese keys;
//   - English: en*.json (chidao's strings in English); Fyne's strings keep
//     their English.
func setLanguage(code string) {
	langOnce.Do(func() {
		if code != LangEnglish {
			code = LangVietnamese
		}
		langUsed = code
		for _, name := range translationFiles(code) {
			data, err := fs.ReadFile(assets.Translations, "translations/"+name)
			if err != nil {
				fyne.LogError("chidao: translation "+name, err)
				continue
			}
			for _, l := range []fyne.Locale{"vi", "en"} {
				if err := lang.AddTranslationsForLocale(data, l); err != nil {
					fyne.LogError("chidao: translation "+name, err)
				}
			}
		}
	})
}

// translationFiles are the files of a language in assets/translations.
func translationFiles(code string) []string {
	if code == LangVietnamese {
		return []string{"vi.json"}
	}
	ents, _ := fs.ReadDir(assets.Translations, "translations")
	var out []string
	for _, e := range ents {
		if n := e.Name(); strings.HasPrefix(n, "en") && strings.HasSuffix(n, ".json") {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// useVietnamese is setLanguage(LangVietnamese), for tests and callers that
// have no settings.
func useVietnamese() { setLanguage(LangVietnamese) }
