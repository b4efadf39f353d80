package tm

import (
	"fmt"
	"unicode"

	"github.com/rivo/uniseg"
	"golang.org/x/text/language"
)

// CanonicalLanguage returns the canonical BCP 47 form of a language tag
// ("EN-gb" → "en-GB", "in" → "id"), or an error matching [ErrBadLanguage].
func CanonicalLanguage(tag string) (string, error) {
	t, err := language.Parse(tag)
	if err != nil || tag == "" {
		return "", fmt.Errorf("%w %q", ErrBadLanguage, tag)
	}
	return t.String(), nil
}

// CountWords returns the number of words in s: the Unicode word-boundary
// segments (UAX #29) that hold a letter or a digit. Each ideograph of
// Chinese or Japanese counts as a word.
func CountWords(s string) int {
	n := 0
	state := -1
	var word string
	for len(s) > 0 {
		word, s, state = uniseg.FirstWordInString(s, state)
		for _, r := range word {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
				break
			}
		}
	}
	return n
}
