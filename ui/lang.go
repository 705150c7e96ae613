package ui

import (
	"encoding/json"
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
// English. The chosen language's files are registered for every locale
// Fyne knows (fyneLocales), so the system's locale never picks another one:
//   - Vietnamese: vi.json (Fyne's strings in Vietnamese), and every key of
//     en*.json translated to itself, so that lang.L finds chidao's strings
//     (and does not log a translation failure for each);
//   - English: en*.json (chidao's strings in English); Fyne's strings keep
//     their English.
func setLanguage(code string) {
	langOnce.Do(func() {
		if code != LangEnglish {
			code = LangVietnamese
		}
		langUsed = code
		files := translationData(code)
		names := make([]string, 0, len(files))
		for name := range files {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			data := files[name]
			for _, l := range fyneLocales {
				if err := lang.AddTranslationsForLocale(data, l); err != nil {
					fyne.LogError("chidao: translation "+name, err)
				}
			}
		}
	})
}

// fyneLocales are the locales Fyne 2.7 ships translations for, and vi: the
// chosen language is registered for each, so that whatever the system's
// locale (a French or Chinese Windows included) the localizer lands on it.
var fyneLocales = []fyne.Locale{"vi", "en", "cs", "de", "el", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans"}

// translationData is the translation files setLanguage registers for a
// language, by name.
func translationData(code string) map[string][]byte {
	out := map[string][]byte{}
	for _, name := range translationFiles(code) {
		data, err := fs.ReadFile(assets.Translations, "translations/"+name)
		if err != nil {
			fyne.LogError("chidao: translation "+name, err)
			continue
		}
		out[name] = data
	}
	if code != LangVietnamese {
		return out
	}
	fyneVi := map[string]json.RawMessage{}
	json.Unmarshal(out["vi.json"], &fyneVi)
	same := map[string]any{}
	for _, name := range translationFiles(LangEnglish) {
		data, err := fs.ReadFile(assets.Translations, "translations/"+name)
		if err != nil {
			continue
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			fyne.LogError("chidao: translation "+name, err)
			continue
		}
		for k, v := range m {
			if _, ok := fyneVi[k]; ok {
				continue
			}
			if len(v) > 0 && v[0] == '{' {
				same[k] = map[string]string{"other": k}
			} else {
				same[k] = k
			}
		}
	}
	if data, err := json.Marshal(same); err == nil {
		out["vi-chidao.json"] = data
	}
	return out
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
