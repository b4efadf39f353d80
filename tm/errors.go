package tm

import (
	"errors"
	"fmt"
	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/memory"
	"strings"
)

// Sentinel errors. The CLI maps them to localized messages with errors.Is.
var (
	// ErrNotDatabase means the file is not a padan database: not SQLite at
	// all, or an SQLite database of another application.
	ErrNotDatabase = backend.ErrNotDatabase
	// ErrTooNew means the database was written by a newer padan, whose
	// schema this binary does not know.
	ErrTooNew = backend.ErrTooNew
	// ErrNoFolder means the folder that should hold the database does not
	// exist.
	ErrNoFolder = backend.ErrNoFolder
	// ErrNoDatabase means there is no database at the path given to a
	// read-only [OpenWith], which creates none.
	ErrNoDatabase = backend.ErrNoDatabase
	// ErrReadOnly means the database cannot be written: a read-only file or
	// folder, or a store opened read-only.
	ErrReadOnly = backend.ErrReadOnly
	// ErrBusy means another process kept the database's write lock for
	// longer than the store waits (see [Options.Wait]); a [*BusyError]
	// says how long that was.
	ErrBusy = backend.ErrBusy
	// ErrBehind means a PostgreSQL database's schema is older than this
	// program, or not created yet, and [Options.NoMigrate] kept the open
	// from changing it: its owner runs [Init] (padan db init).
	ErrBehind = backend.ErrBehind
	// ErrOwnerOnly means a write that only the database's owner may make
	// was asked of another role: on PostgreSQL, [Store.RepairFields] of
	// revisions, whose append-only rule only the schema's owner may lift.
	ErrOwnerOnly = backend.ErrOwnerOnly
	// ErrNoDocument means no document has the name or id given.
	ErrNoDocument = errors.New("tm: no such document")
	// ErrNoSegment means a segment index is outside the document.
	ErrNoSegment = errors.New("tm: no such segment")
	// ErrNoLanguage means the document has no translation into the language.
	ErrNoLanguage = errors.New("tm: no translation into this language")
	// ErrBadLanguage means a language tag is not valid BCP 47 (or, for the
	// memory, missing).
	ErrBadLanguage = memory.ErrBadLanguage
	// ErrNotTranslated means an operation needs a translated unit (approve,
	// reject) and the unit has none.
	ErrNotTranslated = errors.New("tm: unit has no translation")
	// ErrLanguageChanged means a new version of a document was imported
	// with another source language than the document's.
	ErrLanguageChanged = errors.New("tm: source language differs from the document's")
	// ErrEmpty means a required text (document name, author) is empty.
	ErrEmpty = errors.New("tm: empty value")
)

// Reasons a line of a bulk file is refused, wrapped in a [*LineError].
var (
	// ErrNoTab means the line has no tab between index and text.
	ErrNoTab = errors.New("tm: line has no tab after the segment number")
	// ErrBadIndex means the text before the tab is not a positive integer.
	ErrBadIndex = errors.New("tm: not a segment number")
	// ErrBadEscape means a backslash is followed by something other than
	// t, n or a backslash.
	ErrBadEscape = errors.New("tm: invalid escape")
	// ErrEmptyText means the text after the tab is empty.
	ErrEmptyText = errors.New("tm: empty translation")
	// ErrInvalidUTF8 means the line is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("tm: invalid UTF-8")
	// ErrNUL means the line holds a NUL character: the file is not text.
	ErrNUL = errors.New("tm: NUL character")
)

// LineError reports a bad line in a bulk revision file. Err is one of
// [ErrNoTab], [ErrBadIndex], [ErrBadEscape], [ErrEmptyText],
// [ErrInvalidUTF8], [ErrNUL] or a [*SegmentError].
type LineError struct {
	File string
	Line int
	Err  error
}

// Error returns "file:line: reason".
func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

// Unwrap returns the reason.
func (e *LineError) Unwrap() error { return e.Err }

// SegmentError reports a segment index outside a document of Count units.
// It matches [ErrNoSegment]. Line is the line of the bulk file that named
// it, or 0.
type SegmentError struct {
	Document string
	Index    int
	Count    int
	Line     int
}

// Error says which index is out of range.
func (e *SegmentError) Error() string {
	return fmt.Sprintf("document %s has no segment %d (it has %d)", e.Document, e.Index, e.Count)
}

// Is makes errors.Is(err, ErrNoSegment) true.
func (e *SegmentError) Is(target error) bool { return target == ErrNoSegment }

// DocumentError reports a document reference (name or id) that names no
// document. It matches [ErrNoDocument].
type DocumentError struct{ Ref string }

// Error names the reference.
func (e *DocumentError) Error() string { return fmt.Sprintf("no document %q", e.Ref) }

// Is makes errors.Is(err, ErrNoDocument) true.
func (e *DocumentError) Is(target error) bool { return target == ErrNoDocument }

// LanguageError reports a language the document has no translation into;
// Have lists the languages it has. It matches [ErrNoLanguage].
type LanguageError struct {
	Document string
	Language string
	Have     []string
}

// Error names the document, the language and the languages it has.
func (e *LanguageError) Error() string {
	return fmt.Sprintf("document %s has no translation into %s (it has: %s)", e.Document, e.Language, strings.Join(e.Have, ", "))
}

// Is makes errors.Is(err, ErrNoLanguage) true.
func (e *LanguageError) Is(target error) bool { return target == ErrNoLanguage }

// MissingError reports units that have no translation at the stage asked
// for (see [Translation.Complete]); Indexes are 1-based.
type MissingError struct {
	Document string
	Language string
	Stage    Stage
	Indexes  []int
	// Proposals are the missing units that hold a pre-translation
	// proposal (see [Unit.ProposalAt]).
	Proposals []int
}

// Error lists the missing units.
func (e *MissingError) Error() string {
	s := make([]string, len(e.Indexes))
	for i, n := range e.Indexes {
		s[i] = fmt.Sprint(n)
	}
	return fmt.Sprintf("document %s: no %s translation into %s of segments %s", e.Document, e.Stage, e.Language, strings.Join(s, ", "))
}

// NotTranslatedError reports a unit that an operation needs translated
// (approve, reject) but that has no translation in the language. It matches
// [ErrNotTranslated].
type NotTranslatedError struct {
	Document string
	Language string
	Index    int
}

// Error names the unit.
func (e *NotTranslatedError) Error() string {
	return fmt.Sprintf("segment %d of %s has no translation into %s", e.Index, e.Document, e.Language)
}

// Is makes errors.Is(err, ErrNotTranslated) true.
func (e *NotTranslatedError) Is(target error) bool { return target == ErrNotTranslated }

// BusyError reports a write that gave up waiting for another process's
// write lock after Wait. It matches [ErrBusy].
type BusyError = backend.BusyError
