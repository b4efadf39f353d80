package terms

import (
	"sort"
	"strings"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Found is a term of the base found in a source text: the entry and where
// its words are.
type Found struct {
	Entry *Entry
	Span  Span
}

// Matcher finds the terms of a term base in source texts and their
// translations in target texts. It is safe for concurrent use once made.
type Matcher struct {
	entries []Entry
	// byFirst maps the key of each term's first word to its entries.
	byFirst map[string][]int
	keys    [][]string // the keys of each entry's source
	// indonesian is set when the source language is Indonesian: affixes
	// are then taken off source words; english likewise for targets.
	indonesian, english bool
}

// NewMatcher returns a matcher for entries, whose source language should
// be sourceLang and target language targetLang (entries of other pairs are
// left out). Indonesian sources are matched with their affixes, English
// targets with their inflections (see the package documentation).
func NewMatcher(entries []Entry, sourceLang, targetLang string) *Matcher {
	m := &Matcher{byFirst: map[string][]int{},
		indonesian: primary(sourceLang) == "id", english: primary(targetLang) == "en"}
	for _, e := range entries {
		if (sourceLang != "" && !sameLang(e.SourceLang, sourceLang)) || (targetLang != "" && !sameLang(e.TargetLang, targetLang)) {
			continue
		}
		k := Keys(e.Source)
		if len(k) == 0 {
			continue
		}
		m.byFirst[k[0]] = append(m.byFirst[k[0]], len(m.entries))
		m.entries = append(m.entries, e)
		m.keys = append(m.keys, k)
	}
	return m
}

// Len returns how many entries the matcher holds.
func (m *Matcher) Len() int { return len(m.entries) }

func primary(tag string) string {
	tag = strings.ToLower(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

func sameLang(a, b string) bool { return primary(a) == primary(b) }

// sourceForms returns the forms a source word may stand for.
func (m *Matcher) sourceForms(w Word) []string {
	if m.indonesian {
		return IndonesianStems(w.Key)
	}
	return EnglishBases(w.Key)
}

// Find returns the terms found in source, in order of position; where
// terms overlap, the longest wins.
func (m *Matcher) Find(source string) []Found {
	if len(m.entries) == 0 {
		return nil
	}
	words := Words(source)
	forms := make([][]string, len(words))
	formsAt := func(i int) []string {
		if forms[i] == nil {
			forms[i] = m.sourceForms(words[i])
		}
		return forms[i]
	}
	var out []Found
	for i := 0; i < len(words); {
		best, bestLen := -1, 0
		seen := map[int]bool{}
		for _, f := range formsAt(i) {
			for _, e := range m.byFirst[f] {
				if seen[e] {
					continue
				}
				seen[e] = true
				k := m.keys[e]
				if len(k) <= bestLen || i+len(k) > len(words) {
					continue
				}
				if matchRest(k, i, func(j int) []string { return formsAt(j) }) {
					best, bestLen = e, len(k)
				}
			}
		}
		if best < 0 {
			i++
			continue
		}
		// Every entry with the same source words is found together.
		for _, e := range m.sameSource(best) {
			out = append(out, Found{Entry: &m.entries[e], Span: Span{words[i].Start, words[i+bestLen-1].End}})
		}
		i += bestLen
	}
	return out
}

// sameSource returns the entries whose source keys equal entry e's.
func (m *Matcher) sameSource(e int) []int {
	var out []int
	for _, x := range m.byFirst[m.keys[e][0]] {
		if equalKeys(m.keys[x], m.keys[e]) {
			out = append(out, x)
		}
	}
	sort.Ints(out)
	return out
}

func equalKeys(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// matchRest reports whether the words from i on match keys k, the first
// already matched.
func matchRest(k []string, i int, formsAt func(int) []string) bool {
	for j := 1; j < len(k); j++ {
		ok := false
		for _, f := range formsAt(i + j) {
			if f == k[j] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// Target is a target text prepared for finding translations in it.
type Target struct {
	words []Word
	forms [][]string
}

// PrepareTarget cuts a target text into words for [Matcher.InTarget].
func (m *Matcher) PrepareTarget(target string) *Target {
	t := &Target{words: Words(target)}
	t.forms = make([][]string, len(t.words))
	for i, w := range t.words {
		if m.english {
			t.forms[i] = EnglishBases(w.Key)
		} else {
			t.forms[i] = []string{w.Key}
		}
	}
	return t
}

// InTarget returns where a translation occurs in the target, in order.
func (m *Matcher) InTarget(t *Target, translation string) []Span {
	k := Keys(translation)
	if len(k) == 0 {
		return nil
	}
	var out []Span
	has := func(j int, key string) bool {
		for _, f := range t.forms[j] {
			if f == key {
				return true
			}
		}
		return false
	}
	for i := 0; i+len(k) <= len(t.words); i++ {
		ok := true
		for j := range k {
			if !has(i+j, k[j]) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, Span{t.words[i].Start, t.words[i+len(k)-1].End})
		}
	}
	return out
}
