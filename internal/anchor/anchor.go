// Package anchor holds what survives translation between Indonesian and
// English news, shared by the aligner and the quality checks: numbers
// normalized across notations, and a short bilingual list of acronyms,
// month and day names, countries and percent.
package anchor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pairs is the small bilingual list of words that do not look alike but
// denote the same thing: acronyms (PBB/UN, AS/US, DK/UNSC), a few
// two-word names (United States/Amerika Serikat), month and day names, a
// dozen countries (England/Inggris) and percent/persen. Each entry maps a
// lowercased word, or two words, to a language-neutral concept. It is
// deliberately short and general: it covers closed classes that news text
// uses constantly, not vocabulary. Align and the quality checks only read
// it.
var Pairs = map[string]string{
	// Acronyms of institutions named in every Indonesian news article.
	"pbb": "=un", "un": "=un", "as": "=us", "us": "=us", "usa": "=us",
	"ue": "=eu", "eu": "=eu", "nato": "=nato",
	"who": "=who", "imf": "=imf", "asean": "=asean",
	"dk": "=sc", "unsc": "=sc", "ri": "=ri", "ki": "=ri",
	// Months.
	"january": "=m01", "januari": "=m01", "february": "=m02", "februari": "=m02",
	"march": "=m03", "maret": "=m03", "april": "=m04", "may": "=m05", "mei": "=m05",
	"june": "=m06", "juni": "=m06", "july": "=m07", "juli": "=m07",
	"august": "=m08", "agustus": "=m08", "september": "=m09",
	"october": "=m10", "oktober": "=m10", "november": "=m11", "nopember": "=m11",
	"december": "=m12", "desember": "=m12",
	// Days.
	"monday": "=d1", "senin": "=d1", "tuesday": "=d2", "selasa": "=d2",
	"wednesday": "=d3", "rabu": "=d3", "thursday": "=d4", "kamis": "=d4",
	"friday": "=d5", "jumat": "=d5", "saturday": "=d6", "sabtu": "=d6",
	"sunday": "=d7", "minggu": "=d7",
	// Countries whose Indonesian name does not resemble the English one.
	"england": "=gb", "britain": "=gb", "uk": "=gb", "inggris": "=gb", "british": "=gb",
	"china": "=cn", "chinese": "=cn", "tiongkok": "=cn", "cina": "=cn",
	"japan": "=jp", "japanese": "=jp", "jepang": "=jp", "germany": "=de", "german": "=de", "jerman": "=de",
	"france": "=fr", "french": "=fr", "prancis": "=fr", "perancis": "=fr",
	"netherlands": "=nl", "dutch": "=nl", "belanda": "=nl", "egypt": "=eg", "mesir": "=eg",
	"greece": "=gr", "yunani": "=gr", "spain": "=es", "spanyol": "=es",
	"switzerland": "=ch", "swiss": "=ch",
	// Percent, written as a sign or a word.
	"united states": "=us", "amerika serikat": "=us", "united nations": "=un",
	"european union": "=eu", "uni eropa": "=eu", "security council": "=sc", "dewan keamanan": "=sc",
	"percent": "=%", "per cent": "=%", "persen": "=%", "%": "=%",
}

// Numbers returns the numbers written in s, normalized so that the English
// and the Indonesian way of writing a number give the same string:
//
//   - digit groups of exactly three after a separator are thousands:
//     "20.000", "20,000" and "20 000" give "20000";
//   - one separator followed by other than three digits is a decimal mark:
//     "12,5" and "12.5" give "12.5";
//   - a range or a date is several numbers: "1950-1953" gives "1950", "1953";
//   - leading zeros are dropped ("07" gives "7"), so "07.30" and "7.30" match.
//
// A number followed by a single letter or a unit ("5km", "3rd") keeps only
// its digits.
func Numbers(s string) []string {
	var out []string
	for _, n := range NumbersAt(s) {
		out = append(out, n.Value)
	}
	return out
}

// Number is a number of a text: its normalized value (see [Numbers]) and
// its byte span.
type Number struct {
	Value      string
	Start, End int
}

// NumbersAt is [Numbers] with the byte span of each number.
func NumbersAt(s string) []Number {
	var out []Number
	// rs are the runes of s and pos[i] the byte offset of rs[i] (an
	// invalid byte is one rune U+FFFD of one byte).
	rs := make([]rune, 0, len(s))
	pos := make([]int, 0, len(s)+1)
	for b := 0; b < len(s); {
		r, size := utf8.DecodeRuneInString(s[b:])
		rs = append(rs, r)
		pos = append(pos, b)
		b += size
	}
	pos = append(pos, len(s))
	for i := 0; i < len(rs); {
		if !unicode.IsDigit(rs[i]) {
			i++
			continue
		}
		// Collect digit groups joined by single '.' or ',' (or a thin or
		// no-break space between thousands) followed by a digit.
		var groups []string
		var seps []rune
		j := i
		for {
			k := j
			for k < len(rs) && unicode.IsDigit(rs[k]) {
				k++
			}
			groups = append(groups, string(rs[j:k]))
			if k+1 < len(rs) && isNumSep(rs[k]) && unicode.IsDigit(rs[k+1]) {
				seps = append(seps, rs[k])
				j = k + 1
				continue
			}
			j = k
			break
		}
		out = append(out, Number{Value: normalizeNumber(groups, seps), Start: pos[i], End: pos[j]})
		i = j
	}
	return out
}

func isNumSep(r rune) bool {
	return r == '.' || r == ',' || r == '\u202f' || r == '\u00a0' || r == '\u2009'
}

func normalizeNumber(groups []string, seps []rune) string {
	if len(groups) == 1 {
		return trimZeros(groups[0])
	}
	thousands := len(groups[0]) <= 3
	for _, g := range groups[1:] {
		if len(g) != 3 {
			thousands = false
		}
	}
	if thousands {
		// "1.500" is 1500 in Indonesian and 1.5 (written 1.500) almost never
		// in English news, so three digits after one separator are thousands.
		return trimZeros(strings.Join(groups, ""))
	}
	if len(groups) == 2 {
		return decimal(groups[0], groups[1])
	}
	// Mixed: the last separator is the decimal mark if it differs from the
	// others ("1.234,5", "1,234.5"); otherwise the groups are a list (a date
	// such as 12.05.2016) and are kept apart by dots.
	last := seps[len(seps)-1]
	same := true
	for _, s := range seps[:len(seps)-1] {
		if s != seps[0] {
			same = false
		}
	}
	if same && last != seps[0] {
		return decimal(strings.Join(groups[:len(groups)-1], ""), groups[len(groups)-1])
	}
	for i := range groups {
		groups[i] = trimZeros(groups[i])
	}
	return strings.Join(groups, ".")
}

func trimZeros(d string) string {
	t := strings.TrimLeft(d, "0")
	if t == "" {
		return "0"
	}
	return t
}

// decimal writes a number with integer part i and fraction f canonically.
func decimal(i, f string) string {
	f = strings.TrimRight(f, "0")
	if f == "" {
		return trimZeros(i)
	}
	return trimZeros(i) + "." + f
}

// IsCapitalised reports whether w begins with a capital letter, as a name
// does.
func IsCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// IsAcronym reports whether w is written in capitals: at least two letters,
// all of them upper case (AS, PBB, UNSC).
func IsAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}
