package fuzzy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/padan-tm/padan/worddiff"
)

// AnalysisVersion numbers the analysis that [Keys] and [Analyze] do: it
// changes whenever the keys of some text change, so that a store that keeps
// keys computed by an older analysis knows it must compute them again.
// Version 1 keyed every number token alone; version 2 joins currency and
// unit affixes to their numbers (see the package documentation).
const AnalysisVersion = 2

// The affixes that make one number with the number they touch (see the
// package documentation). Words are compared case-folded (ASCII).
var (
	// currencyWords come before a number, glued or after one space
	// (Rp400.000, Rp 400.000, Rp. 400.000, IDR 5 juta).
	currencyWords = wordSet("rp", "idr", "usd", "eur", "sgd", "myr", "jpy", "gbp", "aud", "cny", "rmb",
		"hkd", "krw", "sar", "inr", "thb", "php", "chf", "cad", "nzd")
	// symbolWords come glued before a currency symbol (US$, S$, HK$).
	symbolWords = wordSet("us", "s", "a", "au", "hk", "nz", "c", "nt", "r")
	// currencySymbols come before a number or after it ($400, €400, 400€).
	currencySymbols = wordSet("$", "€", "£", "¥", "₹", "₩", "₱", "฿", "₫", "₽", "¢")
	// suffixSymbols come after a number, glued or after one space.
	suffixSymbols = wordSet("%", "‰", "‱")
	// unitWords come after a number, glued or after one space (10km,
	// 10 km, 5kg, 3,5bn, 400rb, 5 jt, 100 USD): units of measure,
	// magnitudes and the currency codes (not Rp, which precedes).
	unitWords = wordSet("km", "m", "cm", "mm", "kg", "g", "mg", "ha", "l", "ml", "km2", "m2", "m3", "cm2",
		"kw", "kwh", "mw", "gw", "gb", "mb", "tb", "k", "bn", "mn", "rb", "jt",
		"idr", "usd", "eur", "sgd", "myr", "jpy", "gbp", "aud", "cny", "hkd")
)

// Affixes returns the affixes joined to numbers, for documentation and
// tests: the currency words that precede a number, the words that precede
// a currency symbol, the currency symbols, the symbols that follow a
// number, and the unit words that follow one.
func Affixes() (currency, symbolPrefixes, symbols, suffixes, units []string) {
	return currencyWords.list, symbolWords.list, currencySymbols.list, suffixSymbols.list, unitWords.list
}

// affixSet is a small set of affixes, kept with the list it was made of.
type affixSet struct {
	m    map[string]bool
	list []string
	max  int // the longest, in bytes
}

func wordSet(words ...string) affixSet {
	s := affixSet{m: map[string]bool{}, list: words}
	for _, w := range words {
		s.m[w] = true
		s.max = max(s.max, len(w))
	}
	return s
}

// has reports whether the set holds w, ASCII letters compared without case.
func (s affixSet) has(w string) bool {
	if len(w) == 0 || len(w) > s.max {
		return false
	}
	var buf [8]byte
	b := buf[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return s.m[string(b)]
}

// numberAt reports whether the tokens from i on start with a number and
// returns the end of that number: a [worddiff.Number] token, or a word made of a
// number with a currency or unit affix glued to it (Rp400.000, 10km),
// with the affixes around it (Rp 400.000, US$400, 5 %). A number is one
// scoring token; the rest of the text keeps its tokens.
func numberAt(ts []worddiff.Token, i int) (end int, ok bool) {
	j := i
	prefixed := false
	switch t := ts[i]; t.Kind {
	case worddiff.Word:
		switch {
		case currencyWords.has(t.Text):
			j, prefixed = i+1, true
			if j+1 < len(ts) && ts[j].Kind == worddiff.Punct && ts[j].Text == "." {
				j++ // Rp.
			}
		case symbolWords.has(t.Text) && i+1 < len(ts) && ts[i+1].Kind == worddiff.Punct && currencySymbols.has(ts[i+1].Text):
			j, prefixed = i+2, true // US$
		}
	case worddiff.Punct:
		if !currencySymbols.has(t.Text) {
			return 0, false
		}
		j, prefixed = i+1, true
	case worddiff.Number:
	default:
		return 0, false
	}
	if prefixed && j < len(ts) && inlineSpace(ts[j]) {
		j++
	}
	if j >= len(ts) {
		return 0, false
	}
	core := ts[j]
	suffixed := false
	switch core.Kind {
	case worddiff.Number:
	case worddiff.Word:
		pre, suf, ok := gluedNumber(core.Text)
		if !ok || prefixed && pre {
			return 0, false
		}
		suffixed = suf
	default:
		return 0, false
	}
	end = j + 1
	if !suffixed {
		k := end
		if k < len(ts) && inlineSpace(ts[k]) {
			k++
		}
		if k < len(ts) && isSuffix(ts[k]) {
			end = k + 1
		}
	}
	return end, true
}

// isSuffix reports whether a token may follow a number as part of it.
func isSuffix(t worddiff.Token) bool {
	switch t.Kind {
	case worddiff.Punct:
		return suffixSymbols.has(t.Text) || currencySymbols.has(t.Text)
	case worddiff.Word:
		return unitWords.has(t.Text)
	}
	return false
}

// inlineSpace reports whether t is white space within a line.
func inlineSpace(t worddiff.Token) bool {
	return t.Kind == worddiff.Space && !strings.ContainsAny(t.Text, "\n\r\v\f\u0085\u2028\u2029")
}

// gluedNumber reports whether a word is a number with a currency prefix or
// a unit suffix glued to it (Rp400.000, IDR5, 10km, 3,5bn, Rp5jt), and
// which of the two it has. The number is digits with a full stop, a comma
// or an apostrophe between them.
func gluedNumber(w string) (prefix, suffix, ok bool) {
	a := strings.IndexFunc(w, unicode.IsDigit)
	if a < 0 {
		return false, false, false
	}
	b := a
	for b < len(w) {
		r, n := utf8.DecodeRuneInString(w[b:])
		if unicode.IsDigit(r) {
			b += n
			continue
		}
		if (r == '.' || r == ',' || r == '\'') && b+n < len(w) {
			if r2, _ := utf8.DecodeRuneInString(w[b+n:]); unicode.IsDigit(r2) {
				b += n
				continue
			}
		}
		break
	}
	pre, suf := w[:a], w[b:]
	if pre != "" && !currencyWords.has(pre) || suf != "" && !unitWords.has(suf) {
		return false, false, false
	}
	return pre != "", suf != "", pre != "" || suf != ""
}

// numberText is the text of the number ts[i:end] as the number penalty
// compares it: as written, each run of white space as one space.
func numberText(ts []worddiff.Token) string {
	if len(ts) == 1 {
		return ts[0].Text
	}
	var b strings.Builder
	for _, t := range ts {
		if t.Kind == worddiff.Space {
			b.WriteByte(' ')
		} else {
			b.WriteString(t.Text)
		}
	}
	return b.String()
}
