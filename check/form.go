package check

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

func itoa(n int) string { return strconv.Itoa(n) }

// isCode reports whether r is an inline-code placeholder.
func isCode(r rune) bool { return r >= 0xE000 && r <= 0xF8FF }

type codeAt struct {
	r    rune
	span Span
}

func codesOf(s string) []codeAt {
	var out []codeAt
	for i, r := range s {
		if isCode(r) {
			out = append(out, codeAt{r, Span{Start: i, End: i + utf8.RuneLen(r)}})
		}
	}
	return out
}

// codes is the inline-code check: a code is the same code on both sides
// when it is the same placeholder character.
func codes(u Unit) []Issue {
	sc, tc := codesOf(u.Source), codesOf(u.Target)
	if len(sc) == 0 && len(tc) == 0 {
		return nil
	}
	count := map[rune]int{}
	for _, c := range tc {
		count[c.r]++
	}
	var out []Issue
	var missing []Span
	for _, c := range sc {
		if count[c.r] > 0 {
			count[c.r]--
		} else {
			missing = append(missing, c.span)
		}
	}
	if len(missing) > 0 {
		out = append(out, issue(Codes, Error, "CheckCodesMissing", map[string]any{"Count": len(missing)}, missing, nil))
	}
	var extra []Span
	for _, c := range tc {
		if count[c.r] > 0 {
			count[c.r]--
			extra = append(extra, c.span)
		}
	}
	if len(extra) > 0 {
		out = append(out, issue(Codes, Error, "CheckCodesExtra", map[string]any{"Count": len(extra)}, nil, extra))
	}
	if len(missing) == 0 && len(extra) == 0 {
		for i := range sc {
			if sc[i].r != tc[i].r {
				var ss, ts []Span
				for _, c := range sc {
					ss = append(ss, c.span)
				}
				for _, c := range tc {
					ts = append(ts, c.span)
				}
				out = append(out, issue(Codes, Warning, "CheckCodesOrder", nil, ss, ts))
				break
			}
		}
	}
	return out
}

// marks counts what the punctuation check compares: double quotes (of any
// kind) and the balance of parentheses and brackets.
func marks(s string) (quotes, parens, brackets int) {
	for _, r := range s {
		switch r {
		case '"', '“', '”', '„', '«', '»':
			quotes++
		case '(':
			parens++
		case ')':
			parens--
		case '[':
			brackets++
		case ']':
			brackets--
		}
	}
	return
}

// endMark returns the class of the mark that ends s, closing quotes and
// brackets passed over: ".", "?", "!", ":", ";", ",", "…" or "" for none.
func endMark(s string) string {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || isCode(r) || strings.ContainsRune("\"'”’»)]", r)
	})
	switch {
	case strings.HasSuffix(s, "..."), strings.HasSuffix(s, "…"):
		return "…"
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '?', '!', ':', ';', ',':
		return string(r)
	case '。':
		return "."
	case '？':
		return "?"
	case '！':
		return "!"
	}
	return ""
}

// punctuation is the punctuation check.
func punctuation(u Unit) []Issue {
	var out []Issue
	sq, sp, sb := marks(u.Source)
	tq, tp, tb := marks(u.Target)
	if sq%2 != tq%2 {
		out = append(out, issue(Punctuation, Warning, "CheckQuotes", nil, nil, nil))
	}
	if sp != tp || sb != tb {
		out = append(out, issue(Punctuation, Warning, "CheckBrackets", nil, nil, nil))
	}
	if se, te := endMark(u.Source), endMark(u.Target); se != te {
		n := len(strings.TrimRightFunc(u.Target, unicode.IsSpace))
		var ts []Span
		if n > 0 {
			_, size := utf8.DecodeLastRuneInString(u.Target[:n])
			ts = []Span{{Start: n - size, End: n}}
		}
		out = append(out, issue(Punctuation, Warning, "CheckEndMark", map[string]any{"Source": orNone(se), "Target": orNone(te)}, nil, ts))
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// spacing is the spacing check.
func spacing(u Unit) []Issue {
	var out []Issue
	if strings.Count(u.Target, "  ") > strings.Count(u.Source, "  ") {
		var ts []Span
		for i := 0; i+1 < len(u.Target); i++ {
			if u.Target[i] == ' ' && u.Target[i+1] == ' ' {
				j := i
				for j < len(u.Target) && u.Target[j] == ' ' {
					j++
				}
				ts = append(ts, Span{Start: i, End: j})
				i = j
			}
		}
		out = append(out, issue(Spacing, Warning, "CheckDoubleSpace", nil, nil, ts))
	}
	lead := func(s string) int { return len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace)) }
	trail := func(s string) int { return len(s) - len(strings.TrimRightFunc(s, unicode.IsSpace)) }
	if n := lead(u.Target); n > 0 && lead(u.Source) == 0 && n < len(u.Target) {
		out = append(out, issue(Spacing, Warning, "CheckLeadingSpace", nil, nil, []Span{{Start: 0, End: n}}))
	}
	if n := trail(u.Target); n > 0 && trail(u.Source) == 0 && n < len(u.Target) {
		out = append(out, issue(Spacing, Warning, "CheckTrailingSpace", nil, nil, []Span{{Start: len(u.Target) - n, End: len(u.Target)}}))
	}
	return out
}

// Length band: units with a source of at least minLengthSource characters
// take part, at least minBandUnits of them; the band is the median log
// ratio ± max(3 robust deviations, ln 1.5).
const (
	minLengthSource = 20
	minBandUnits    = 5
)

func ratio(u Unit) (float64, bool) {
	s, t := utf8.RuneCountInString(strings.TrimSpace(u.Source)), utf8.RuneCountInString(strings.TrimSpace(u.Target))
	if s < minLengthSource || t == 0 || !u.Translated {
		return 0, false
	}
	return float64(t) / float64(s), true
}

func (d *docInfo) lengthBand(units []Unit) {
	var logs []float64
	for _, u := range units {
		if r, ok := ratio(u); ok {
			logs = append(logs, math.Log(r))
		}
	}
	if len(logs) < minBandUnits {
		return
	}
	sort.Float64s(logs)
	med := median(logs)
	dev := make([]float64, len(logs))
	for i, l := range logs {
		dev[i] = math.Abs(l - med)
	}
	sort.Float64s(dev)
	w := max(3*1.4826*median(dev), math.Log(1.5))
	d.lo, d.hi, d.bandOK = math.Exp(med-w), math.Exp(med+w), true
}

func median(xs []float64) float64 {
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// length is the length check.
func (c *checker) length(u Unit) []Issue {
	d := c.doc
	r, ok := ratio(u)
	if !ok || !d.bandOK || (r >= d.lo && r <= d.hi) {
		return nil
	}
	msg := "CheckTooLong"
	if r < d.lo {
		msg = "CheckTooShort"
	}
	return []Issue{issue(Length, Warning, msg, map[string]any{"Ratio": r, "Low": d.lo, "High": d.hi}, nil, nil)}
}
