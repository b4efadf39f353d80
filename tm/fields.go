package tm

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Errors of the check that every value written to the store goes through
// (see [FieldError]).
var (
	// ErrForbiddenChar means a name or a note holds a character that padan
	// does not store there: a control character or U+FFFE/U+FFFF.
	ErrForbiddenChar = errors.New("tm: character not allowed here")
	// ErrNoSegments means a document to import has no segment at all (an
	// empty file, say).
	ErrNoSegments = errors.New("tm: the document has no segments")
	// ErrShrunk means a new version of a document lost more than half of
	// the previous version's units; see [ShrinkError].
	ErrShrunk = errors.New("tm: the new version lost more than half of the segments")
)

// ShrinkError reports a new version of a document with fewer than half of
// the previous version's units: most likely a file cut short. It matches
// [ErrShrunk]; [NewDocument.Force] imports the version anyway.
type ShrinkError struct {
	Document      string
	Previous, New int
}

// Error gives both counts.
func (e *ShrinkError) Error() string {
	return fmt.Sprintf("new version of %s has %d segments, the previous one %d", e.Document, e.New, e.Previous)
}

// Is makes errors.Is(err, ErrShrunk) true.
func (e *ShrinkError) Is(target error) bool { return target == ErrShrunk }

// fieldKind says what a stored value is, and so which characters it may
// hold.
type fieldKind int

const (
	// fieldName is a one-line value: a document name, an author, a
	// language, a metadata value, an origin. No control character at all.
	fieldName fieldKind = iota
	// fieldNote is a note: tab, line feed and carriage return are allowed,
	// no other control character.
	fieldNote
	// fieldText is a segment's or a translation's text (or JSON): any
	// character, since writers carry control characters as inline codes;
	// only invalid UTF-8 is refused.
	fieldText
)

// FieldError reports a value that the store refuses to write, or, from
// [Store.CheckFields], one that it holds. It wraps [ErrForbiddenChar] or
// [ErrInvalidUTF8].
type FieldError struct {
	// Field names the value: "author", "note", "document name",
	// "metadata translator", "origin file", …
	Field string
	// Unit names the unit or entry the value belongs to ("" for a
	// document's own fields), and Line the line of the bulk file it came
	// from (0 when it came from elsewhere).
	Unit string
	Line int
	// Offset is the byte offset in the value of the first bad character,
	// and Rune that character (utf8.RuneError for a byte that is not
	// UTF-8).
	Offset int
	Rune   rune
	Err    error
}

// Error names the field, the unit and the character.
func (e *FieldError) Error() string {
	where := e.Field
	if e.Unit != "" {
		where = e.Unit + ": " + where
	}
	if e.Line > 0 {
		where = "line " + strconv.Itoa(e.Line) + ": " + where
	}
	if errors.Is(e.Err, ErrInvalidUTF8) {
		return fmt.Sprintf("%s: byte %d: %v", where, e.Offset, e.Err)
	}
	return fmt.Sprintf("%s: byte %d: %v (%s)", where, e.Offset, e.Err, CharName(e.Rune))
}

// Unwrap returns ErrForbiddenChar or ErrInvalidUTF8.
func (e *FieldError) Unwrap() error { return e.Err }

// CharName returns the code point of r as "U+000B".
func CharName(r rune) string { return fmt.Sprintf("U+%04X", r) }

// forbidden reports whether a value of kind k may not hold r: for names,
// every control character (C0, DEL and C1); for notes, the same but tab,
// line feed and carriage return; and for both, U+FFFE and U+FFFF. Texts may
// hold any character.
func (k fieldKind) forbidden(r rune) bool {
	switch {
	case k == fieldText:
		return false
	case k == fieldNote && (r == '\t' || r == '\n' || r == '\r'):
		return false
	case r < 0x20, r >= 0x7F && r <= 0x9F, r == 0xFFFE, r == 0xFFFF:
		return true
	}
	return false
}

// checkField is the one check of every value written to the store: it
// returns a [*FieldError] naming field when v is not UTF-8 or holds a
// character that a value of kind k may not hold (see fieldKind.forbidden).
// Every write path of the store calls it, so that no value that would break
// an export or a terminal gets in, whatever the caller.
func checkField(k fieldKind, field, v string) error {
	for i := 0; i < len(v); {
		c := v[i]
		if c >= 0x20 && c < 0x7F {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(v[i:])
		if r == utf8.RuneError && size == 1 {
			return &FieldError{Field: field, Offset: i, Rune: utf8.RuneError, Err: ErrInvalidUTF8}
		}
		if k.forbidden(r) {
			return &FieldError{Field: field, Offset: i, Rune: r, Err: ErrForbiddenChar}
		}
		i += size
	}
	return nil
}

// inUnit returns err with the unit and line set when it is a
// [*FieldError].
func inUnit(err error, unit string, line int) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		fe.Unit, fe.Line = unit, line
	}
	return err
}

// checkDocumentFields checks an imported document's name and metadata.
func checkDocumentFields(name string, meta map[string]string) error {
	if err := checkField(fieldName, "document name", name); err != nil {
		return err
	}
	keys := slices.Sorted(maps.Keys(meta))
	for _, k := range keys {
		v := meta[k]
		if err := checkField(fieldName, "metadata key", k); err != nil {
			return err
		}
		if err := checkField(fieldName, "metadata "+k, v); err != nil {
			return err
		}
	}
	return nil
}

// checkUnitFields checks an imported unit's kind and text.
func checkUnitFields(u SourceUnit) error {
	if err := checkField(fieldName, "kind", u.Kind); err != nil {
		return inUnit(err, "segment "+strconv.Itoa(u.Index), 0)
	}
	return inUnit(checkField(fieldText, "text", u.Text), "segment "+strconv.Itoa(u.Index), 0)
}

// checkEntryFields checks the values of a revision entry.
func checkEntryFields(e Entry) error {
	for _, f := range [...]struct {
		k     fieldKind
		field string
		v     string
	}{{fieldText, "text", e.Text}, {fieldNote, "note", e.Note}, {fieldText, "codes", e.Codes}, {fieldText, "origin", e.Origin}} {
		if err := checkField(f.k, f.field, f.v); err != nil {
			return inUnit(err, "segment "+strconv.Itoa(e.Index), e.Line)
		}
	}
	return nil
}

// checkMemoryFields checks the values of a memory entry; unit names it
// in the error.
func checkMemoryFields(e *MemoryEntry, unit string) error {
	o := &e.Origin
	for _, f := range [...]struct {
		k     fieldKind
		field string
		v     string
	}{
		{fieldName, "source language", e.SourceLang}, {fieldName, "target language", e.TargetLang},
		{fieldText, "source", e.Source}, {fieldText, "target", e.Target}, {fieldText, "codes", e.Codes},
		{fieldName, "origin kind", o.Kind}, {fieldName, "origin file", o.File}, {fieldName, "origin document", o.Document},
		{fieldName, "origin segment", o.Segment}, {fieldName, "author", o.Author}, {fieldName, "role", o.Role},
		{fieldName, "status", o.Status},
	} {
		if err := checkField(f.k, f.field, f.v); err != nil {
			return inUnit(err, unit, 0)
		}
	}
	return nil
}

// checkAuthor checks an author's name (already trimmed and in NFC).
func checkAuthor(author string) error {
	if author == "" {
		return fmt.Errorf("author: %w", ErrEmpty)
	}
	return checkField(fieldName, "author", author)
}
