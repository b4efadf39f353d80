// Package workflow names where a unit's translation stands (its [Status])
// and who made a revision of it (its [Role]): the words padan stores in its
// database and writes into the files it exchanges. It is a leaf that both
// the store (tm) and the file formats (exports) use, so that each concept
// has one definition and no conversion between copies.
package workflow

import (
	"errors"
	"fmt"
	"slices"
)

// Status is where a unit's translation stands, in XLIFF 2.0's words (its
// state attribute). The words do not sort in workflow order: compare
// statuses with [Status.Reached], never with < or >.
type Status string

// The statuses, in the order a unit goes through them.
const (
	// Initial: not translated yet, or only pre-translated.
	Initial Status = "initial"
	// Translated: translated, not reviewed yet.
	Translated Status = "translated"
	// Reviewed: reviewed by the editor.
	Reviewed Status = "reviewed"
	// Final: approved for publication.
	Final Status = "final"
)

// Statuses lists the statuses in workflow order.
var Statuses = []Status{Initial, Translated, Reviewed, Final}

// ErrUnknownStatus is wrapped by [ParseStatus] for a word that names no
// status.
var ErrUnknownStatus = errors.New("workflow: unknown status")

// ParseStatus returns the status named by word (initial, translated,
// reviewed or final), or an error wrapping [ErrUnknownStatus].
func ParseStatus(word string) (Status, error) {
	s := Status(word)
	if !s.Known() {
		return "", fmt.Errorf("status %q: %w", word, ErrUnknownStatus)
	}
	return s, nil
}

// Known reports whether s is one of [Statuses].
func (s Status) Known() bool { return slices.Contains(Statuses, s) }

// Reached reports whether s is at least as far along the workflow as other
// (reviewed has reached translated); an unknown status has reached nothing
// and is reached by nothing.
func (s Status) Reached(other Status) bool {
	i, j := slices.Index(Statuses, s), slices.Index(Statuses, other)
	return i >= 0 && j >= 0 && i >= j
}

// Role is who made a revision. Files may carry roles padan does not know.
type Role string

// The roles padan knows.
const (
	Translator Role = "translator"
	Editor     Role = "editor"
	// Pretranslation: text filled in from the memory, not by a person.
	Pretranslation Role = "pretranslation"
)

// Sets returns the status a revision by role sets: translated for a
// translator or pre-translation, reviewed for an editor; false for another
// role.
func (r Role) Sets() (Status, bool) {
	switch r {
	case Translator, Pretranslation:
		return Translated, true
	case Editor:
		return Reviewed, true
	}
	return "", false
}
