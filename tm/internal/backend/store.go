package backend

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Errors a backend returns when opening a database; package tm gives them
// to its callers as they are.
var (
	// ErrNotDatabase means the database is not a padan database.
	ErrNotDatabase = errors.New("tm: not a padan database")
	// ErrTooNew means the database was written by a newer padan.
	ErrTooNew = errors.New("tm: database schema is newer than this program")
	// ErrNoFolder means the folder that should hold the database does not
	// exist.
	ErrNoFolder = errors.New("tm: database folder does not exist")
	// ErrNoDatabase means there is no database where a read-only open
	// looked, and it created none.
	ErrNoDatabase = errors.New("tm: no database")
	// ErrOwnerOnly means a write that only the database's owner may make
	// (on PostgreSQL, the role that owns the schema) was asked of another
	// role.
	ErrOwnerOnly = errors.New("tm: only the database's owner may do this")
	// ErrReadOnly means the database cannot be written: a read-only file or
	// folder, or a database opened read-only.
	ErrReadOnly = errors.New("tm: database is read-only")
	// ErrBusy means another process kept the database's write lock for
	// longer than a write waits; a [*BusyError] says how long that was.
	ErrBusy = errors.New("tm: database is busy")
	// ErrBehind means a server database's schema is older than this
	// program (or not created yet) and the open was not to change it: its
	// owner creates or migrates it (padan db init).
	ErrBehind = errors.New("tm: database schema is older than this program")
)

// BusyError reports a write that gave up waiting for another process's
// write lock after Wait. It matches [ErrBusy].
type BusyError struct {
	Wait time.Duration
	Err  error // the driver's error
}

// Error says how long the write waited.
func (e *BusyError) Error() string {
	return fmt.Sprintf("database is busy: another process kept it locked for more than %s", e.Wait)
}

// Is makes errors.Is(err, ErrBusy) true.
func (e *BusyError) Is(target error) bool { return target == ErrBusy }

// Unwrap returns the driver's error.
func (e *BusyError) Unwrap() error { return e.Err }

// Options tune how a backend opens a database (see tm.OpenWith).
type Options struct {
	// ReadOnly opens an existing database for reading only: where there is
	// none, the open fails with [ErrNoDatabase] and creates nothing; every
	// write fails with [ErrReadOnly].
	ReadOnly bool
	// Wait is how long a write waits for another process's write to end
	// before failing with [ErrBusy] (0: the backend's default).
	Wait time.Duration
	// OnWait, when set, is called when a write has waited a second for
	// another process's write to end and goes on waiting (once per write).
	OnWait func()
	// NoMigrate opens a server database (PostgreSQL) without any DDL:
	// one whose schema is empty or older fails with [ErrBehind]. SQLite
	// files are created and migrated regardless.
	NoMigrate bool
}

// DB is an open padan database on one backend. It is safe for concurrent
// use. Every transaction is a value handed to the function that needs it.
type DB interface {
	// Read runs fn in a read-only transaction that sees one consistent
	// state of the database.
	Read(ctx context.Context, fn func(Tx) error) error
	// Write runs fn in a write transaction: committed when fn returns nil,
	// rolled back otherwise. A backend queues concurrent writers (SQLite:
	// BEGIN IMMEDIATE and a busy timeout) or retries them (PostgreSQL:
	// serialization failures), so that both succeed.
	Write(ctx context.Context, fn func(Tx) error) error
	// Bulk is Write for a transaction that adds many memory entries; a
	// backend may tune it (SQLite: statement journals in memory, no
	// foreign-key checks, since those rows refer only to rows the
	// transaction writes).
	Bulk(ctx context.Context, fn func(Tx) error) error
	// Search runs fn with a reader of the memory and of the translators'
	// revisions tuned for lookups (SQLite: a connection with a big page
	// cache and a memory map), outside any write transaction.
	Search(ctx context.Context, fn func(Searcher) error) error
	// IntegrityCheck checks the database's storage ("ok" when sound).
	IntegrityCheck(ctx context.Context) (string, error)
	// Close closes the database.
	Close() error
}

// Searcher is what a lookup reads: the memory, and the translator's
// latest text of a document unit (a match's history).
type Searcher interface {
	Memory() MemoryReader
	// TranslatorText returns the latest text revision of a unit in a
	// language by its translator, and false when there is none.
	TranslatorText(ctx context.Context, unitID int64, lang string) (RevisionRow, bool, error)
}

// DocRef selects documents: by Name, else by ID, else (both zero) all.
type DocRef struct {
	Name string
	ID   int64
}

// DocumentRow is a document at its latest version with the counts of
// that version: Units (places), Words (their source words), and the
// Languages the document has revisions in (sorted), as the store lists
// documents, in time that does not grow with its units. Times and
// metadata are as stored.
type DocumentRow struct {
	HeadRow
	Metadata  string // JSON object
	Updated   string // the latest version's creation time
	Words     int
	Languages []string
}

// HeadRow is a document and its latest version, without what depends on
// the number of its units beyond Units (its last index).
type HeadRow struct {
	ID        int64
	Name      string
	Language  string
	Created   string
	VersionID int64
	Version   int
	Units     int
}

// LatestVersionRow is what an import needs of a document's latest
// version.
type LatestVersionRow struct {
	DocumentID int64
	Language   string
	VersionID  int64
	Number     int
	SHA256     string
}

// VersionRow is a new version of a document.
type VersionRow struct {
	DocumentID int64
	Number     int
	Original   []byte
	SHA256     string
	Metadata   string
	Created    string
}

// UnitSource is a unit's id and source text.
type UnitSource struct {
	ID     int64
	Source string
}

// NewUnit is a unit to add to a document; Previous is the unit it
// replaces, or 0.
type NewUnit struct {
	Source   string
	Words    int
	Previous int64
}

// Placement puts a unit at a 1-based index of a version.
type Placement struct {
	Index      int
	UnitID     int64
	Kind       string
	Start, End int
}

// RevisionRow is one revision. Score is used when HasScore; Codes, Origin
// are "" when absent; MergedInto is a unit id (0: none) when written, and
// when read by [Tx.ReadUnits] the 1-based index in the version read of the
// unit it merges into (0 when that unit is not in it), with Merges set
// whenever the revision marks a merge.
type RevisionRow struct {
	ID         int64
	UnitID     int64
	Language   string
	Event      string
	Role       string
	Status     string
	Text       string
	Author     string
	Time       string
	Note       string
	Codes      string
	Score      float64
	HasScore   bool
	Origin     string
	MergedInto int64
	Merges     bool
	// MatchSource is the source text of the memory unit a pre-translation
	// came from ("" when none); ReviewSkipped marks an approval of a unit
	// no editor reviewed.
	MatchSource   string
	ReviewSkipped bool
}

// UnitRow is a unit of a version as a translated document reads it: its
// place, source, words and the latest text of the unit it replaced (its
// suggestion, "" when none).
type UnitRow struct {
	Index      int
	Kind       string
	Start, End int
	Source     string
	Words      int
	Suggestion string
}

// LatestRow is a unit of a version with its latest revision in one
// language (Has false when it has none).
type LatestRow struct {
	Index      int
	UnitID     int64
	Source     string
	Has        bool
	Status     string
	Text       string
	Codes      string
	MergedInto int64 // unit id, 0: none
}

// LineageRow is one unit of a unit's lineage (the unit, the unit it
// replaced, that one's, and so on): its source, the versions that place
// it, oldest first, and its revisions in a language, oldest first, with
// MergedInto a unit id.
type LineageRow struct {
	UnitID    int64
	Source    string
	Places    []LineagePlace
	Revisions []RevisionRow
}

// LineagePlace is a version that places a unit: its number, its creation
// time (as stored) and the unit's 1-based index in it.
type LineagePlace struct {
	Version int
	Created string
	Index   int
}

// StatRow counts the units of a version, and their source words, whose
// latest revision in Language has Status (and, with Proposed, is a
// pre-translation proposal: role pretranslation, status initial).
type StatRow struct {
	Language string
	Status   string
	Proposed bool
	Units    int
	Words    int
}

// SyncRow is a unit of a version with its latest revision in a language,
// as the memory's sync reads it (Status "" when it has none).
type SyncRow struct {
	Index                             int
	UnitID                            int64
	Source                            string
	Status, Text, Codes, Author, Role string
	Time                              string
}

// Tx is a transaction of a [DB]: the operations of the store's domain,
// each the SQL (or other query) of one step, with plain values in and out,
// and the memory's storage. The domain's rules stay in package tm.
type Tx interface {
	PostEditStore
	TableTx
	// Savepoint runs fn in a savepoint: a failure of fn undoes what fn
	// wrote, and only that.
	Savepoint(ctx context.Context, fn func() error) error
	// Memory returns the memory index's storage in this transaction.
	Memory() MemoryTx
	Repairer

	// Documents returns the documents ref selects, by name.
	Documents(ctx context.Context, ref DocRef) ([]DocumentRow, error)
	// Head returns the document ref selects (a name or an id), and false
	// when there is none, in time that depends on neither the number of
	// its units nor the size of its text.
	Head(ctx context.Context, ref DocRef) (HeadRow, bool, error)
	// VersionInfo returns a version's metadata (JSON) and creation time.
	VersionInfo(ctx context.Context, versionID int64) (metadata, created string, err error)
	// Original returns a version's bytes.
	Original(ctx context.Context, versionID int64) ([]byte, error)
	// VersionDocument returns the name and source language of a version's
	// document.
	VersionDocument(ctx context.Context, versionID int64) (name, language string, err error)

	// LatestVersion returns the latest version of the document named
	// name, and false when there is no such document.
	LatestVersion(ctx context.Context, name string) (LatestVersionRow, bool, error)
	// InsertDocument adds a document and returns its id.
	InsertDocument(ctx context.Context, name, language, created string) (int64, error)
	// InsertVersion adds a version and returns its id.
	InsertVersion(ctx context.Context, v VersionRow) (int64, error)
	// VersionSources returns the units of a version in order.
	VersionSources(ctx context.Context, versionID int64) ([]UnitSource, error)
	// OtherUnits returns the units of a document that a version does not
	// hold.
	OtherUnits(ctx context.Context, documentID, versionID int64) ([]UnitSource, error)
	// NewestPlacement returns the newest version (by number) that holds a
	// unit and the unit's index there, and false when none does.
	NewestPlacement(ctx context.Context, unitID int64) (versionID int64, index int, found bool, err error)
	// InsertUnits adds units to a document and returns their ids.
	InsertUnits(ctx context.Context, documentID int64, units []NewUnit) ([]int64, error)
	// PlaceUnits places units in a version.
	PlaceUnits(ctx context.Context, versionID int64, places []Placement) error

	// UnitIDs returns the unit ids at the given 1-based indexes of a
	// version (every index when indexes is nil), by index.
	UnitIDs(ctx context.Context, versionID int64, indexes []int) (map[int]int64, error)
	// InsertRevisions adds revisions, in order, and keeps what Stats,
	// Documents and PostEdits read up to date with them (each unit's
	// latest revision and its translator's and editor's, the counts by
	// version, language and status, the documents' languages).
	InsertRevisions(ctx context.Context, revs []RevisionRow) error
	// Latest returns the units at the given indexes of a version (every
	// unit when indexes is nil) with their latest revisions in lang, in
	// index order.
	Latest(ctx context.Context, versionID int64, lang string, indexes []int) ([]LatestRow, error)
	// ReadUnits calls fn with each unit of a version in order and its
	// revisions in lang, oldest first, streaming. The slice of revisions
	// is reused for the next unit: fn copies what it keeps.
	ReadUnits(ctx context.Context, versionID int64, lang string, fn func(UnitRow, []RevisionRow) error) error
	// Stats counts the distinct units of a version by language and status
	// of their latest revisions (units with no revision in a language are
	// not counted), in time that does not grow with the version's units.
	Stats(ctx context.Context, versionID int64) ([]StatRow, error)
	// UnitLineage returns the lineage of a unit in a language: the unit
	// first, then the unit it replaced (its previous unit), that one's,
	// and so on.
	UnitLineage(ctx context.Context, unitID int64, lang string) ([]LineageRow, error)
	// SyncRows returns the units at the given indexes of a version and
	// their neighbours (every unit when indexes is nil), in order, with
	// their latest revisions in lang.
	SyncRows(ctx context.Context, versionID int64, lang string, indexes []int) ([]SyncRow, error)
	// LatestRole returns the role of a unit's latest revision in lang, ""
	// when it has none.
	LatestRole(ctx context.Context, unitID int64, lang string) (string, error)

	// Term returns the status and note of a term base pair, and false when
	// the term base does not hold it.
	Term(ctx context.Context, sourceLang, targetLang, source, target string) (status, note string, found bool, err error)
	// PutTerm adds a term, or, when the pair is there, sets its status and
	// note (keeping its author and creation time).
	PutTerm(ctx context.Context, t TermRow) error
	// Terms returns the terms from sourceLang into targetLang (either ""
	// for any), by languages, source (byte order), status (preferred,
	// admitted, forbidden) and target.
	Terms(ctx context.Context, sourceLang, targetLang string) ([]TermRow, error)
	// EachEntryText calls fn with the source and target of every memory
	// entry from srcLang into tgtLang, except those from the document
	// named except.
	EachEntryText(ctx context.Context, srcLang, tgtLang, except string, fn func(source, target string) error) error
}

// TermRow is a row of the term base.
type TermRow struct {
	SourceLang, TargetLang, Source, Target string
	Status, Note, Author, Created          string
}

// FiguresRow is the post-edit figures kept of a translator's text against
// an editor's (see worddiff.Figures); Classes is a JSON object of change
// counts by class name.
type FiguresRow struct {
	Changed                                             bool
	Insertions, Deletions, Substitutions, Shifts, Words int
	TER, Similarity                                     float64
	Classes                                             string
	Approximate                                         bool
}

// PostEditRow is a unit's latest text revision by a translator (or
// pre-translation) and its latest by an editor, with their texts and
// authors, and the figures kept of that pair (nil when none are).
type PostEditRow struct {
	Index                  int // in the version read (PostEdits only)
	TranslatorID, EditorID int64
	From, FromAuthor       string
	To, ToAuthor           string
	Figures                *FiguresRow
}

// PostEditStore is what the store's post-edit figures need: the units'
// latest translator and editor texts, and figures kept of them.
type PostEditStore interface {
	// PostEdits calls fn, in the order of the version's units, with each
	// unit of a version that has both a translator's and an editor's text
	// in lang.
	PostEdits(ctx context.Context, versionID int64, lang string, fn func(PostEditRow) error) error
	// NewPostEdits returns the latest pairs of the given units in lang of
	// which no figures are kept.
	NewPostEdits(ctx context.Context, lang string, units []int64) ([]PostEditRow, error)
	// KeepPostEdits stores the figures of pairs.
	KeepPostEdits(ctx context.Context, rows []PostEditRow) error
}

// WordsRepairer is a transaction of a backend that stores the words of
// concordance itself, beside the texts (PostgreSQL's tsvector columns;
// SQLite's FTS5 index computes them): [Store.CheckFields] of package tm
// reports those that are not the words of their texts, and
// [Store.RepairFields] rewrites them.
type WordsRepairer interface {
	// StaleWords returns the ids of the memory entries whose stored words
	// are not those of their texts.
	StaleWords(ctx context.Context) ([]int64, error)
	// RepairWords rewrites the stored words of every memory entry that are
	// not those of its texts and returns the ids of those entries.
	RepairWords(ctx context.Context) ([]int64, error)
}

// Repairer is what [Store.RepairFields] of package tm writes through:
// every backend's transaction is one.
type Repairer interface {
	// RepairValues rewrites stored values in place, in order, keeping
	// what is derived from them in step (SQLite's full-text index of the
	// memory's texts). It is the one write that changes revisions: their
	// append-only rule is lifted for these writes only, within the
	// transaction (on PostgreSQL only the schema's owner may do that:
	// [ErrOwnerOnly] otherwise).
	RepairValues(ctx context.Context, repairs []ValueRepair) error
	// InsertRepair records a repair in the repairs table.
	InsertRepair(ctx context.Context, time, author string, changes int, report string) error
}

// ValueRepair is a stored value to rewrite: in the row of Table (the name
// of one of [Tables]) whose key columns hold Key, Column becomes Fix of
// the value it holds.
type ValueRepair struct {
	Table  string
	Key    []int64
	Column string
	Fix    func(stored string) (string, error)
}

// Target returns the table r names and the condition on its key (the
// columns in order, each compared with a placeholder that param makes
// from its 1-based position), after checking that the table, its column
// and the number of key values are those of [Tables]: the names go into
// SQL.
func (r ValueRepair) Target(param func(i int) string) (Table, string, error) {
	for _, t := range Tables {
		if t.Name != r.Table {
			continue
		}
		if !slices.Contains(t.Names(), r.Column) || len(r.Key) != len(t.Key) {
			break
		}
		conds := make([]string, len(t.Key))
		for i, k := range t.Key {
			conds[i] = k + " = " + param(i+1)
		}
		return t, strings.Join(conds, " AND "), nil
	}
	return Table{}, "", fmt.Errorf("no stored value %s.%s with a key of %d values", r.Table, r.Column, len(r.Key))
}
