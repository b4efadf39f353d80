package backend

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Kind is the kind of value a column holds, as both backends store it.
type Kind int

// The kinds of column values. A row's values are, by kind: int64, float64,
// string, []byte and bool, or nil for NULL.
const (
	KindInt Kind = iota
	KindFloat
	KindText
	KindBlob
	KindBool
)

// Column is a column that a whole-database copy reads and writes.
type Column struct {
	Name string
	Kind Kind
}

// Table is a table that a whole-database copy reads and writes, with the
// columns of its data (not those a backend computes, such as PostgreSQL's
// tsvector columns) and the columns that order its rows (its key).
type Table struct {
	Name    string
	Columns []Column
	Key     []string
}

// Names returns the table's column names in order.
func (t Table) Names() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

func cols(kinds ...any) []Column {
	out := make([]Column, 0, len(kinds)/2)
	for i := 0; i < len(kinds); i += 2 {
		out = append(out, Column{kinds[i].(string), kinds[i+1].(Kind)})
	}
	return out
}

// Tables are the tables of a padan database that a copy carries, the
// same on every backend, in an order in which every row's references come
// before it. The tables every backend computes from them (each unit's
// latest revision, the counts by version, language and status, the
// documents' languages, full-text indexes) are not among them: the target
// computes them after the copy ([TableTx.AfterCopy]).
var Tables = []Table{
	{"documents", cols("id", KindInt, "name", KindText, "language", KindText, "created", KindText), []string{"id"}},
	{"versions", cols("id", KindInt, "document_id", KindInt, "number", KindInt, "original", KindBlob,
		"sha256", KindText, "metadata", KindText, "created", KindText), []string{"id"}},
	{"units", cols("id", KindInt, "document_id", KindInt, "source", KindText, "words", KindInt, "previous_id", KindInt), []string{"id"}},
	{"version_units", cols("version_id", KindInt, "idx", KindInt, "unit_id", KindInt, "kind", KindText,
		"start", KindInt, "end", KindInt), []string{"version_id", "idx"}},
	{"revisions", cols("id", KindInt, "unit_id", KindInt, "language", KindText, "event", KindText, "role", KindText,
		"status", KindText, "text", KindText, "author", KindText, "time", KindText, "note", KindText,
		"codes", KindText, "score", KindFloat, "origin", KindText, "merged_into", KindInt,
		"match_source", KindText, "review_skipped", KindInt), []string{"id"}},
	{"post_edits", cols("translator_id", KindInt, "editor_id", KindInt, "changed", KindBool, "insertions", KindInt,
		"deletions", KindInt, "substitutions", KindInt, "shifts", KindInt, "words", KindInt, "ter", KindFloat,
		"similarity", KindFloat, "classes", KindText, "approximate", KindBool, "translator_author", KindText,
		"editor_author", KindText), []string{"translator_id", "editor_id"}},
	{"terms", cols("id", KindInt, "source_lang", KindText, "target_lang", KindText, "source", KindText, "target", KindText,
		"status", KindText, "note", KindText, "author", KindText, "created", KindText), []string{"id"}},
	{"repairs", cols("id", KindInt, "time", KindText, "author", KindText, "changes", KindInt, "report", KindText), []string{"id"}},
	{"memory_pair", cols("id", KindInt, "source_lang", KindText, "target_lang", KindText), []string{"id"}},
	{"memory_entry", cols("id", KindInt, "pair", KindInt, "hash", KindBlob, "source", KindText, "target", KindText,
		"codes", KindText, "origin", KindText, "file", KindText, "unit_id", KindInt, "document", KindText,
		"segment", KindText, "author", KindText, "role", KindText, "status", KindText, "time", KindText,
		"context", KindBlob, "nkeys", KindInt), []string{"id"}},
	{"memory_keys", cols("id", KindInt, "keys", KindBlob), []string{"id"}},
	{"memory_token", cols("id", KindInt, "key", KindText, "df", KindInt), []string{"id"}},
	{"memory_posting", cols("pair", KindInt, "token", KindInt, "len", KindInt, "first", KindInt, "ids", KindBlob),
		[]string{"pair", "token", "len", "first"}},
}

// TableTx is what copying a whole database needs of a transaction (padan
// db copy): rows out of the source's tables, rows into the target's, and
// what the target computes after.
type TableTx interface {
	// SchemaVersion returns the version of the database's schema (the
	// number of its last migration).
	SchemaVersion(ctx context.Context) (int, error)
	// CountRows returns the number of rows of table.
	CountRows(ctx context.Context, table Table) (int64, error)
	// ScanTable calls fn with each row of table in key order, its values
	// in the table's column order and of their columns' kinds; fn must not
	// keep row.
	ScanTable(ctx context.Context, table Table, fn func(row []any) error) error
	// InsertRows adds rows to table as they are, ids included.
	InsertRows(ctx context.Context, table Table, rows [][]any) error
	// Sequences returns, for each table whose ids the database numbers,
	// the highest id it has given (which may be above the table's highest
	// id, when rows were deleted).
	Sequences(ctx context.Context) (map[string]int64, error)
	// AfterCopy makes the database whole after rows were inserted: its id
	// counters continue after seqs (and after every id present), and what
	// it computes from the tables (statistics, full-text indexes) is
	// computed again.
	AfterCopy(ctx context.Context, seqs map[string]int64) error
}

// DerivedTables are the tables each backend computes from [Tables]: a
// copy does not carry them, but its target must hold none of their rows
// either.
var DerivedTables = []Table{
	{"unit_latest", nil, nil}, {"version_totals", nil, nil}, {"version_stats", nil, nil}, {"document_languages", nil, nil},
}

// SettingTables are the tables of one row that every padan database has
// from its migrations and that padan keeps up to date when it opens one
// (the version of the analysis that computed the memory's keys): a copy
// does not write them, but finds them equal in source and target.
var SettingTables = []Table{
	{"memory_analysis", cols("id", KindInt, "version", KindInt), []string{"id"}},
}

// CoverageProblems compares a schema's tables and columns (sorted column
// names by table, as a backend reads them from its catalogue) with what
// padan db copy carries ([Tables], [SettingTables]) or lets the target
// compute ([DerivedTables]), and describes every table or column that
// would be lost or is named but absent. A backend's test calls it, so that
// a migration adding a table or a column cannot be forgotten by the copy.
func CoverageProblems(schema map[string][]string) []string {
	want := map[string][]string{}
	for _, tb := range append(slices.Clone(Tables), SettingTables...) {
		want[tb.Name] = slices.Sorted(slices.Values(tb.Names()))
	}
	for _, tb := range DerivedTables {
		want[tb.Name] = schema[tb.Name]
	}
	var out []string
	for _, name := range slices.Sorted(maps.Keys(schema)) {
		cols := schema[name]
		if w, ok := want[name]; !ok {
			out = append(out, fmt.Sprintf("table %s (%s) is neither copied, compared nor derived (backend.Tables, backend.SettingTables, backend.DerivedTables)", name, strings.Join(cols, ", ")))
		} else if !slices.Equal(cols, w) {
			out = append(out, fmt.Sprintf("table %s: columns %v, backend.Tables copies %v", name, cols, w))
		}
	}
	for _, tb := range append(append(slices.Clone(Tables), SettingTables...), DerivedTables...) {
		if _, ok := schema[tb.Name]; !ok {
			out = append(out, fmt.Sprintf("backend.Tables names %s, which the schema lacks", tb.Name))
		}
	}
	return out
}
