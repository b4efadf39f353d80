package check

import (
	"sort"
	"strings"

	"github.com/padan-tm/padan/terms"
)

// terms is the term check.
func (c *checker) terms(u Unit) []Issue {
	m := c.o.Terms
	found := c.found(u.Source)
	if len(found) == 0 {
		return nil
	}
	tgt := m.PrepareTarget(u.Target)
	var out []Issue
	// Entries with the same source span are one term (a glossary may give
	// its agreed and forbidden translations on separate rows).
	for i := 0; i < len(found); {
		j := i
		var agreed, forbidden []terms.Translation
		for j < len(found) && found[j].Span == found[i].Span {
			agreed = append(agreed, found[j].Entry.Agreed()...)
			forbidden = append(forbidden, found[j].Entry.Forbidden()...)
			j++
		}
		span := found[i].Span
		name := u.Source[span.Start:span.End]
		var agreedSpans []Span
		for _, t := range agreed {
			agreedSpans = append(agreedSpans, m.InTarget(tgt, t.Text)...)
		}
		preferred := ""
		if len(agreed) > 0 {
			preferred = agreed[0].Text
		}
		reported := false
		for _, t := range forbidden {
			for _, s := range m.InTarget(tgt, t.Text) {
				if within(s, agreedSpans) {
					continue // part of an agreed translation ("arms" in "arms deal")
				}
				out = append(out, issue(Term, Error, "CheckTermForbidden",
					map[string]any{"Term": name, "Forbidden": u.Target[s.Start:s.End], "Translation": preferred},
					[]Span{span}, []Span{s}))
				reported = true
			}
		}
		if len(agreed) > 0 && len(agreedSpans) == 0 && !reported {
			var names []string
			for _, t := range agreed {
				names = append(names, t.Text)
			}
			out = append(out, issue(Term, Warning, "CheckTermMissing",
				map[string]any{"Term": name, "Translation": strings.Join(names, " / ")}, []Span{span}, nil))
		}
		i = j
	}
	return out
}

func within(s Span, in []Span) bool {
	for _, x := range in {
		if s.Start >= x.Start && s.End <= x.End {
			return true
		}
	}
	return false
}

// functionWords are frequent function words of a language that are not
// words of the other: at least a quarter of a target's lower-case words
// among the source language's means the target was left (mostly) in the
// source language.
var functionWords = map[string]map[string]bool{
	"id": setOf(`yang dan di ke dari dengan untuk pada ini itu adalah akan tidak dalam juga sudah telah
		bahwa oleh karena atau tetapi namun jika kalau saat ketika sebagai seperti lebih masih hanya
		bisa dapat harus sangat kami kita mereka dia ia saya kepada terhadap antara setelah sebelum
		tersebut para sebuah seorang yakni yaitu agar supaya sehingga bagi tentang atas hingga sampai
		belum pernah sedang ada apa siapa bagaimana mengapa kapan dimana lalu kemudian serta maupun
		bahkan tanpa selama sejak tetap lagi pun nya`),
	"en": setOf(`the and of to in is are was were that this with for from by on at as be been has have
		had not but or which who whom whose what when where why how will would should could can may
		its their they them he she his her we our you your it an a there these those than then also
		into over after before about between during through under while because if so very only`),
}

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func primary(tag string) string {
	tag = strings.ToLower(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		return tag[:i]
	}
	return tag
}

// normalize folds a text for comparing translations: case-folded, accents
// dropped, white space collapsed.
func normalize(s string) string {
	var b strings.Builder
	for i, w := range strings.Fields(s) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(terms.Fold(w))
	}
	return b.String()
}

// untranslated is the untranslated check.
func (c *checker) untranslated(u Unit) []Issue {
	if !u.Translated || strings.TrimSpace(u.Target) == "" {
		if strings.TrimSpace(u.Source) == "" {
			return nil
		}
		return []Issue{issue(Untranslated, Error, "CheckEmpty", nil, nil, nil)}
	}
	srcWords := c.words(u.Source)
	ns, ok := c.doc.sources[u.Index]
	nt := c.doc.targets[u.Index]
	if !ok {
		ns, nt = normalize(u.Source), normalize(u.Target)
	}
	if ns == nt {
		// A unit of names and numbers only (a dateline) is the same in
		// both languages.
		lower := 0
		for _, w := range srcWords {
			if isLower(w.text) {
				lower++
			}
		}
		if lower > 0 {
			return []Issue{issue(Untranslated, Error, "CheckSameAsSource", nil, nil, []Span{{Start: 0, End: len(u.Target)}})}
		}
		return nil
	}
	fw := functionWords[primary(c.o.SourceLang)]
	if fw == nil || primary(c.o.SourceLang) == primary(c.o.TargetLang) {
		return nil
	}
	other := functionWords[primary(c.o.TargetLang)]
	lower, hits := 0, 0
	var spans []Span
	for _, w := range c.words(u.Target) {
		if !isLower(w.text) {
			continue
		}
		lower++
		if fw[w.key] && !other[w.key] {
			hits++
			spans = append(spans, Span{Start: w.start, End: w.end})
		}
	}
	if lower >= 3 && hits*4 >= lower {
		return []Issue{issue(Untranslated, Error, "CheckSourceLanguage",
			map[string]any{"Share": float64(hits) / float64(lower)}, nil, spans)}
	}
	return nil
}

// consistencyGroups groups the translated units by source and by target,
// and within each group by the other text.
func (d *docInfo) consistencyGroups(units []Unit) {
	for _, u := range units {
		if !u.Translated || strings.TrimSpace(u.Target) == "" || !hasLetter(u.Source) {
			continue
		}
		s, t := normalize(u.Source), normalize(u.Target)
		d.sources[u.Index], d.targets[u.Index] = s, t
		if d.bySource[s] == nil {
			d.bySource[s] = map[string][]int{}
		}
		d.bySource[s][t] = append(d.bySource[s][t], u.Index)
		if len(strings.Fields(t)) >= 3 {
			if d.byTarget[t] == nil {
				d.byTarget[t] = map[string][]int{}
			}
			d.byTarget[t][s] = append(d.byTarget[t][s], u.Index)
		}
	}
}

// maxListed is how many other segments a consistency message names.
const maxListed = 5

// others returns up to maxListed segments of a group that are not under
// the key mine, in order.
func others(group map[string][]int, mine string) []int {
	var out []int
	for k, segs := range group {
		if k != mine {
			out = append(out, segs...)
		}
	}
	sort.Ints(out)
	if len(out) > maxListed {
		out = out[:maxListed]
	}
	return out
}

// consistency is the consistency check.
func (c *checker) consistency(u Unit) ([]Issue, error) {
	d := c.doc
	s, ok := d.sources[u.Index]
	if !ok {
		return nil, nil
	}
	t := d.targets[u.Index]
	var out []Issue
	if g := d.bySource[s]; len(g) > 1 {
		out = append(out, issue(Consistency, Warning, "CheckSourceTranslatedDifferently", map[string]any{"Segments": joinInts(others(g, t))}, nil, nil))
	}
	if g := d.byTarget[t]; len(g) > 1 {
		out = append(out, issue(Consistency, Warning, "CheckSameTranslation", map[string]any{"Segments": joinInts(others(g, s))}, nil, nil))
	}
	if c.o.Memory == nil {
		return out, nil
	}
	ts, err := c.o.Memory.Translations(u)
	if err != nil {
		return nil, err
	}
	for _, x := range ts {
		if normalize(x) != t {
			out = append(out, issue(Consistency, Warning, "CheckMemoryTranslation", map[string]any{"Translation": x}, nil, nil))
			break
		}
	}
	if len(strings.Fields(t)) >= 3 {
		ss, err := c.o.Memory.Sources(u)
		if err != nil {
			return nil, err
		}
		for _, x := range ss {
			if normalize(x) != s {
				out = append(out, issue(Consistency, Warning, "CheckMemorySource", map[string]any{"Source": x}, nil, nil))
				break
			}
		}
	}
	return out, nil
}

func joinInts(xs []int) string {
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(itoa(x))
	}
	return b.String()
}
