package index

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	fragmentRunes = 200 // about how many characters a fragment shows
	maxFragments  = 2
)

// fragments cuts up to max windows of about width characters out of text
// around the densest clusters of matches, at word boundaries; Highlights are
// relative to each fragment. With no match it returns the start of the text
// (a clause found through its heading or title); with an empty text, nothing.
func fragments(text string, sp [][2]int, width, max int) []Fragment {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	sp = mergeSpans(text, sp)
	if len(sp) == 0 {
		a, b := window(text, 0, 0, width)
		return []Fragment{{Text: text[a:b]}}
	}
	var out []Fragment
	used := make([]bool, len(sp))
	for len(out) < max {
		// The best cluster: most distinct words, then most matches, within width.
		bi, bj, best := -1, -1, -1
		for i := range sp {
			if used[i] {
				continue
			}
			distinct := map[string]bool{}
			j := i
			for ; j < len(sp) && !used[j]; j++ {
				if j > i && utf8.RuneCountInString(text[sp[i][0]:sp[j][1]]) > width {
					break
				}
				distinct[strings.ToLower(text[sp[j][0]:sp[j][1]])] = true
			}
			score := len(distinct)*1000 + (j - i)
			if score > best {
				bi, bj, best = i, j, score
			}
		}
		if bi < 0 {
			break
		}
		a, b := window(text, sp[bi][0], sp[bj-1][1], width)
		f := Fragment{Text: text[a:b]}
		for k := range sp {
			if !used[k] && sp[k][0] >= a && sp[k][1] <= b {
				f.Highlights = append(f.Highlights, [2]int{sp[k][0] - a, sp[k][1] - a})
				used[k] = true
			}
		}
		if len(f.Highlights) == 0 {
			break // cannot happen: the cluster lies in its window
		}
		out = append(out, f)
	}
	return out
}

// mergeSpans sorts spans, drops overlaps, and joins spans separated only by
// spaces, so that "tinh giản" matched word by word is one highlight.
func mergeSpans(text string, sp [][2]int) [][2]int {
	if len(sp) == 0 {
		return nil
	}
	sort.Slice(sp, func(i, j int) bool {
		if sp[i][0] != sp[j][0] {
			return sp[i][0] < sp[j][0]
		}
		return sp[i][1] > sp[j][1]
	})
	out := [][2]int{sp[0]}
	for _, s := range sp[1:] {
		last := &out[len(out)-1]
		if s[0] <= last[1] || strings.TrimFunc(text[last[1]:s[0]], isHSpace) == "" {
			if s[1] > last[1] {
				last[1] = s[1]
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

func isHSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u00a0' }

// window widens [s, e) to about width characters, evenly on both sides
// (more on one side when the other reaches the text's edge), then cuts at
// word boundaries without cutting into [s, e).
func window(text string, s, e, width int) (int, int) {
	have := utf8.RuneCountInString(text[s:e])
	budget := max(width-have, 0)
	left := budget / 2
	a := s
	for n := 0; n < left && a > 0; n++ {
		_, sz := utf8.DecodeLastRuneInString(text[:a])
		a -= sz
	}
	right := budget - utf8.RuneCountInString(text[a:s])
	b := e
	for n := 0; n < right && b < len(text); n++ {
		_, sz := utf8.DecodeRuneInString(text[b:])
		b += sz
	}
	// Give what the right side could not use back to the left.
	if rest := budget - utf8.RuneCountInString(text[a:s]) - utf8.RuneCountInString(text[e:b]); rest > 0 {
		for n := 0; n < rest && a > 0; n++ {
			_, sz := utf8.DecodeLastRuneInString(text[:a])
			a -= sz
		}
	}
	// Word boundaries: start after a space, end before one.
	if a > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:a]); !unicode.IsSpace(r) {
			if k := strings.IndexFunc(text[a:s], unicode.IsSpace); k >= 0 {
				a += k
			}
		}
	}
	if b < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[b:]); !unicode.IsSpace(r) {
			if k := strings.LastIndexFunc(text[e:b], unicode.IsSpace); k >= 0 {
				b = e + k
			}
		}
	}
	for a < s {
		r, sz := utf8.DecodeRuneInString(text[a:])
		if !unicode.IsSpace(r) {
			break
		}
		a += sz
	}
	for b > e {
		r, sz := utf8.DecodeLastRuneInString(text[:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= sz
	}
	return a, b
}
