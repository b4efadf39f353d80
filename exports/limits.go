package exports

import "fmt"

// The limits of padan's TMX and XLIFF readers. Its writers refuse a unit
// that goes beyond them, so that padan reads back whatever it writes.
const (
	// MaxText is the most bytes one text of a unit may hold: a source, a
	// target, a revision, a note, a prop's value, a code's content (UTF-8,
	// each inline code counted as its private use character).
	MaxText = 1 << 20
	// MaxUnitBytes is the most bytes of XML one unit (a TMX tu, an XLIFF
	// trans-unit or unit) may take in a file.
	MaxUnitBytes = 16 << 20
	// MaxDepth is the deepest nesting of XML elements a reader accepts.
	MaxDepth = 64
)

// LimitError is a unit a writer refuses because a reader would refuse it:
// one of its texts, or its XML, is larger than the limit. It matches
// [ErrTooLarge].
type LimitError struct {
	Unit  string // the unit's ID
	Field string // which text: "target", "note"…, or "unit" for its XML
	Size  int    // its size in bytes
	Limit int    // the limit it goes beyond: MaxText or MaxUnitBytes
}

// Error describes the problem in English.
func (e *LimitError) Error() string {
	return fmt.Sprintf("unit %s: %s: %d bytes, more than the %d padan reads", e.Unit, e.Field, e.Size, e.Limit)
}

// Unwrap returns [ErrTooLarge].
func (e *LimitError) Unwrap() error { return ErrTooLarge }

// CheckSize returns a [*LimitError] when a text of unit id is longer than
// [MaxText].
func CheckSize(id, field, text string) error {
	if len(text) > MaxText {
		return &LimitError{Unit: id, Field: field, Size: len(text), Limit: MaxText}
	}
	return nil
}

// CheckUnitSize returns a [*LimitError] when the XML of unit id, n bytes,
// is larger than [MaxUnitBytes].
func CheckUnitSize(id string, n int) error {
	if n > MaxUnitBytes {
		return &LimitError{Unit: id, Field: "unit", Size: n, Limit: MaxUnitBytes}
	}
	return nil
}
