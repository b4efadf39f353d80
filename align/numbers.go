package align

import (
	"strings"
	"unicode"
)

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
	rs := []rune(s)
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
		out = append(out, normalizeNumber(groups, seps))
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
