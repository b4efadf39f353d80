package terms

import (
	"errors"
	"fmt"
	"time"
)

// Status says how the desk regards a translation of a term.
type Status int

// The statuses, from the desk's choice to what it forbids; the words are
// TBX's administrative statuses without "Term-admn-sts".
const (
	Preferred Status = iota // the agreed translation
	Admitted                // allowed as well
	Forbidden               // must not be used
)

var statusWords = [...]string{"preferred", "admitted", "forbidden"}

// String returns the status's word: preferred, admitted or forbidden.
func (s Status) String() string {
	if s < 0 || int(s) >= len(statusWords) {
		return fmt.Sprintf("Status(%d)", int(s))
	}
	return statusWords[s]
}

// ErrStatus is the error of [ParseStatus] for a word that is no status.
var ErrStatus = errors.New("terms: unknown status")

// ParseStatus returns the status named by word: preferred, admitted or
// forbidden (also deprecated, TBX's word for forbidden), or an error
// wrapping [ErrStatus].
func ParseStatus(word string) (Status, error) {
	switch word {
	case "preferred", "":
		return Preferred, nil
	case "admitted":
		return Admitted, nil
	case "forbidden", "deprecated":
		return Forbidden, nil
	}
	return 0, fmt.Errorf("status %q: %w", word, ErrStatus)
}

// Translation is one target-language term of an entry and its status.
type Translation struct {
	Text   string
	Status Status
}

// Entry is one source term with its translations: the agreed ones and the
// forbidden ones.
type Entry struct {
	// SourceLang and TargetLang are BCP 47 tags.
	SourceLang, TargetLang string
	Source                 string
	Targets                []Translation
	Note                   string
	// By is who added the entry and Added when (zero when unknown).
	By    string
	Added time.Time
}

// Agreed returns the entry's preferred and admitted translations, the
// preferred first.
func (e Entry) Agreed() []Translation {
	var out []Translation
	for _, s := range []Status{Preferred, Admitted} {
		for _, t := range e.Targets {
			if t.Status == s {
				out = append(out, t)
			}
		}
	}
	return out
}

// Forbidden returns the entry's forbidden translations.
func (e Entry) Forbidden() []Translation {
	var out []Translation
	for _, t := range e.Targets {
		if t.Status == Forbidden {
			out = append(out, t)
		}
	}
	return out
}
