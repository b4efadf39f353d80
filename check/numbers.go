package check

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/padan-tm/padan/internal/anchor"
)

// quantity is a number of a text, as the number check compares it: its key
// (value with scale, a time, a month or a day) and where it is written.
type quantity struct {
	key  string
	span Span
	// alt is another key the quantity may match: a time's digits as a
	// number (pukul 23.45 = at 23.45).
	alt string
}

// scales are the words that multiply the number before them.
var scales = map[string]int{
	"ribu": 3, "thousand": 3, "rb": 3,
	"juta": 6, "million": 6, "mln": 6, "mn": 6, "jt": 6,
	"miliar": 9, "milyar": 9, "billion": 9, "bn": 9,
	"triliun": 12, "trillion": 12, "tn": 12,
}

// gluedScales are the scales written right after the digits ($221bn).
var gluedScales = map[string]int{"k": 3, "m": 6, "mn": 6, "bn": 9, "tn": 12}

// percents are the words (and sign) that make a number a percentage.
var percents = map[string]bool{"persen": true, "percent": true, "%": true, "pct": true}

// timeWords mark the number after them as a time; zones mark the number
// before them as one.
var timeWords = map[string]bool{"pukul": true, "jam": true, "pkl": true}
var zones = map[string]bool{"wib": true, "wita": true, "wit": true, "a.m": true, "p.m": true, "am": true, "pm": true,
	"gmt": true, "utc": true, "local": true, "waktu": true}

// numberWords are number words that can stand for a digit of the other
// side (they excuse a missing number, never make one).
var numberWords = map[string]string{
	"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
	"nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12", "hundred": "100",
	"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7",
	"eighth": "8", "ninth": "9", "tenth": "10", "twice": "2", "half": "0.5",
	"satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5", "enam": "6", "tujuh": "7",
	"delapan": "8", "sembilan": "9", "sepuluh": "10", "sebelas": "11", "seratus": "100", "setengah": "0.5",
	"twenties": "20", "thirties": "30", "forties": "40", "fifties": "50", "sixties": "60",
	"seventies": "70", "eighties": "80", "nineties": "90",
	"pertama": "1", "kedua": "2", "ketiga": "3", "keempat": "4", "kelima": "5", "keenam": "6",
	"ketujuh": "7", "kedelapan": "8", "kesembilan": "9", "kesepuluh": "10", "separuh": "0.5", "lusin": "12",
}

// quantities returns the numbers, times, months and days of s, and the
// number words it holds (keys that only excuse).
func quantities(s string, words []word) (qs []quantity, spoken map[string]bool) {
	spoken = map[string]bool{}
	// The word after each byte offset, to find scales and zones.
	next := func(end int) (word, bool) {
		for _, w := range words {
			if w.start >= end {
				between := s[end:w.start]
				if strings.TrimSpace(between) == "" || between == "-" {
					return w, true
				}
				return word{}, false
			}
		}
		return word{}, false
	}
	prev := func(start int) (word, bool) {
		var p word
		ok := false
		for _, w := range words {
			if w.end <= start {
				p, ok = w, true
			}
		}
		if ok && strings.TrimSpace(s[p.end:start]) != "" {
			return word{}, false
		}
		return p, ok
	}
	consumed := 0 // the end of a time's minutes written after a colon
	for _, n := range anchor.NumbersAt(s) {
		if n.Start < consumed {
			continue
		}
		raw := s[n.Start:n.End]
		key := n.Value
		end := n.End
		if t, ok := clock(s, n, raw, prev, next); ok {
			if n.End < len(s) && s[n.End] == ':' {
				consumed = n.End + 3
			}
			qs = append(qs, quantity{key: t, span: Span{Start: n.Start, End: n.End}, alt: n.Value})
			continue
		}
		glued := n.End
		for glued < len(s) && (s[glued] >= 'a' && s[glued] <= 'z' || s[glued] >= 'A' && s[glued] <= 'Z') {
			glued++
		}
		if e, ok := gluedScales[strings.ToLower(s[n.End:glued])]; ok && glued > n.End {
			key = scale(key, e)
			end = glued
		} else if w, ok := next(end); ok {
			if e, ok := scales[strings.TrimSuffix(w.key, "nya")]; ok {
				key = scale(key, e)
				end = w.end
			}
		}
		// A percent sign or word right after the number (or its scale).
		rest := strings.TrimLeft(s[end:], " \u00a0")
		if strings.HasPrefix(rest, "%") {
			key += "%"
		} else if w, ok := next(end); ok && percents[w.key] {
			key += "%"
		} else if strings.HasPrefix(strings.ToLower(rest), "per cent") {
			key += "%"
		}
		qs = append(qs, quantity{key: key, span: Span{Start: n.Start, End: n.End}})
	}
	for i, w := range words {
		if c, ok := anchor.Pairs[w.key]; ok && len(c) == 4 && (c[1] == 'm' || c[1] == 'd') {
			// A month or day name counts when written as a name: capitalised,
			// and not a sentence's first word when it is also a common word
			// (Minggu "week", May the verb).
			if !anchor.IsCapitalised(w.text) || (w.initial && (w.key == "minggu" || w.key == "may")) {
				continue
			}
			_ = i
			qs = append(qs, quantity{key: c, span: Span{Start: w.start, End: w.end}})
			continue
		}
		if v, ok := numberWords[w.key]; ok {
			spoken[v] = true
		}
	}
	return qs, spoken
}

// clock reports whether the number n is a time of day (pukul 09.30, 9:30
// a.m., 21.00 WIB) and returns its key, "t" and the minutes since
// midnight.
func clock(s string, n anchor.Number, raw string, prev func(int) (word, bool), next func(int) (word, bool)) (string, bool) {
	colon := false
	h, m := -1, -1
	if i := strings.IndexAny(raw, ".:"); i > 0 && len(raw)-i == 3 {
		h, _ = strconv.Atoi(raw[:i])
		m, _ = strconv.Atoi(raw[i+1:])
	} else if n.End+3 <= len(s) && s[n.End] == ':' && isDigits(s[n.End+1:n.End+3]) && (n.End+3 == len(s) || !isDigit(s[n.End+3])) {
		h, _ = strconv.Atoi(raw)
		m, _ = strconv.Atoi(s[n.End+1 : n.End+3])
		colon = true
	} else if w, ok := next(n.End); ok && (w.key == "a.m" || w.key == "p.m" || w.key == "am" || w.key == "pm") {
		h, _ = strconv.Atoi(raw)
		m = 0
	}
	if h < 0 || h > 24 || m < 0 || m > 59 {
		return "", false
	}
	marked := colon
	zoneEnd := n.End
	if colon {
		zoneEnd += 3
	}
	pm := false
	if w, ok := next(zoneEnd); ok && zones[w.key] {
		marked = true
		pm = w.key == "p.m" || w.key == "pm"
		if (w.key == "a.m" || w.key == "am") && h == 12 {
			h = 0
		}
	}
	if w, ok := prev(n.Start); ok && timeWords[w.key] {
		marked = true
	}
	if !marked {
		return "", false
	}
	if pm && h < 12 {
		h += 12
	}
	return "t" + strconv.Itoa(h*60+m), true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// scale multiplies a normalized number by 10^e.
func scale(v string, e int) string {
	r, ok := new(big.Rat).SetString(v)
	if !ok {
		return v
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil)))
	if r.IsInt() {
		return r.Num().String()
	}
	return r.FloatString(6)
}

// numbers is the number check.
func (c *checker) numbers(u Unit) []Issue {
	sq, sspoken := quantities(u.Source, c.words(u.Source))
	tq, tspoken := quantities(u.Target, c.words(u.Target))
	count := map[string]int{}
	for _, q := range tq {
		count[q.key]++
	}
	// A time on one side may be the same digits as a plain number on the
	// other: count the alternative keys too.
	alts := map[string]int{}
	for _, q := range tq {
		if q.alt != "" {
			alts[q.alt]++
		}
	}
	var out []Issue
	for _, q := range sq {
		if count[q.key] > 0 {
			count[q.key]--
			continue
		}
		if q.alt != "" && count[q.alt] > 0 {
			count[q.alt]--
			continue
		}
		if alts[q.key] > 0 {
			alts[q.key]--
			for i := range tq {
				if tq[i].alt == q.key && count[tq[i].key] > 0 {
					count[tq[i].key]--
					break
				}
			}
			continue
		}
		count[q.key]-- // a source quantity left unmatched
		if tspoken[q.key] {
			continue
		}
		msg := "CheckNumberMissing"
		if len(q.key) == 4 && q.key[0] == '=' {
			msg = "CheckDateMissing"
		}
		out = append(out, issue(Number, Error, msg, map[string]any{"Number": u.Source[q.span.Start:q.span.End]}, []Span{q.span}, nil))
	}
	for _, q := range tq {
		if len(q.key) == 4 && q.key[0] == '=' {
			continue // an added month or day is not reported
		}
		if count[q.key] > 0 {
			count[q.key]--
			if sspoken[q.key] {
				continue
			}
			out = append(out, issue(Number, Error, "CheckNumberExtra", map[string]any{"Number": u.Target[q.span.Start:q.span.End]}, nil, []Span{q.span}))
		}
	}
	return out
}
