package exports

import (
	"errors"
	"fmt"
)

// Sentinels, the Kind of a [*SyntaxError] or the Err of a [*TextError], or
// wrapped by other errors. The command maps them to localized messages.
var (
	// ErrNotWellFormed: the file is not well-formed XML (or is truncated).
	ErrNotWellFormed = errors.New("exports: not well-formed XML")
	// ErrWrongRoot: the root element is not the format's.
	ErrWrongRoot = errors.New("exports: wrong root element")
	// ErrMissingAttr: a required attribute is missing or empty.
	ErrMissingAttr = errors.New("exports: required attribute missing")
	// ErrBadValue: an attribute has a value the format does not allow.
	ErrBadValue = errors.New("exports: invalid attribute value")
	// ErrEntity: the file declares entities (entity bombs, external
	// entities), which padan refuses.
	ErrEntity = errors.New("exports: entity declarations are not allowed")
	// ErrTooDeep: elements are nested deeper than the reader allows.
	ErrTooDeep = errors.New("exports: elements nested too deep")
	// ErrTooLarge: a segment, element or unit is larger than the reader
	// allows.
	ErrTooLarge = errors.New("exports: element too large")
	// ErrEncoding: the file is not in an encoding the format allows.
	ErrEncoding = errors.New("exports: unsupported encoding")
	// ErrTooManyCodes: a unit has more inline codes than [MaxCodes].
	ErrTooManyCodes = errors.New("exports: too many inline codes")
	// ErrInvalidUTF8: a text is not valid UTF-8 (e.g. an unpaired
	// surrogate).
	ErrInvalidUTF8 = errors.New("exports: text is not valid UTF-8")
	// ErrUnknownCode: a text holds a code rune with no code in the unit.
	ErrUnknownCode = errors.New("exports: code rune without a code")
	// ErrNotXMLChar: an attribute value holds a character XML cannot carry.
	ErrNotXMLChar = errors.New("exports: character not allowed in XML")
	// ErrNoTarget: a unit without a target was given to a TMX writer (a
	// TMX holds translations only).
	ErrNoTarget = errors.New("exports: unit has no target text")
	// ErrBadLanguage: a language tag is not a well-formed BCP 47 tag.
	ErrBadLanguage = errors.New("exports: language tag is not well-formed")
	// ErrEmpty: a format that needs at least one unit was given none.
	ErrEmpty = errors.New("exports: no unit to write")
	// ErrBadID: a unit identifier the format cannot carry.
	ErrBadID = errors.New("exports: invalid unit identifier")
)

// SyntaxError is a file a reader cannot read: where, and why.
type SyntaxError struct {
	File string
	Line int
	Msg  string
	// Kind is one of the Err sentinels of this package.
	Kind error
}

// Error returns "FILE:LINE: MSG".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Unwrap returns the kind of the error, so that errors.Is(err, ErrEntity)
// works.
func (e *SyntaxError) Unwrap() error { return e.Kind }

// TextError is a text a writer cannot write.
type TextError struct {
	Unit   string // the unit's ID
	Field  string // which text: "source", "target", "author"…
	Offset int    // byte offset in the text
	Rune   rune   // the offending character, when there is one
	Err    error  // one of the Err sentinels
}

// Error describes the problem in English.
func (e *TextError) Error() string {
	if e.Rune != 0 {
		return fmt.Sprintf("unit %s: %s: character U+%04X at byte %d: %v", e.Unit, e.Field, e.Rune, e.Offset, e.Err)
	}
	return fmt.Sprintf("unit %s: %s: byte %d: %v", e.Unit, e.Field, e.Offset, e.Err)
}

// Unwrap returns Err.
func (e *TextError) Unwrap() error { return e.Err }
