package exchange

import (
	"errors"
	"fmt"
)

// Errors about a unit of an imported file, wrapped in a [*UnitError].
var (
	// ErrBadLanguage means a unit's language tag is not one padan knows.
	ErrBadLanguage = errors.New("exchange: bad language tag")
	// ErrNoTargetLang means a file going back into a document names no
	// target language.
	ErrNoTargetLang = errors.New("exchange: the file names no target language")
	// ErrUnitMismatch means a unit's id is not a segment of its document.
	ErrUnitMismatch = errors.New("exchange: unit is not a segment of the document")
	// ErrSourceChanged means a unit's source is not its segment's source
	// any more.
	ErrSourceChanged = errors.New("exchange: the unit's source is not the segment's")
	// ErrNoAuthor means neither the file nor the caller says who
	// translated a unit.
	ErrNoAuthor = errors.New("exchange: no author")
	// ErrBadCodes means a unit's inline codes cannot be stored.
	ErrBadCodes = errors.New("exchange: bad inline codes")
)

// UnitError is an error about one unit of an imported file.
type UnitError struct {
	File string
	// Document is the document the unit belongs to, as the file names it;
	// Unit is the unit's id in the file.
	Document, Unit string
	// Index is the segment the unit goes back into, when known; Count the
	// number of segments of the document.
	Index, Count int
	// Err is one of the Err sentinels, possibly wrapping the cause.
	Err error
}

func (e *UnitError) Error() string {
	return fmt.Sprintf("%s: document %s: unit %s: %v", e.File, e.Document, e.Unit, e.Err)
}

func (e *UnitError) Unwrap() error { return e.Err }

// wrapped is a sentinel with its cause, matching both.
type wrapped struct{ kind, cause error }

func (w *wrapped) Error() string   { return w.kind.Error() + ": " + w.cause.Error() }
func (w *wrapped) Unwrap() []error { return []error{w.kind, w.cause} }
