package tm

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/stored"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// StoredProblem is a stored value that holds what the store's check of
// written values (see [FieldError]) refuses: a database written by an older
// padan may hold such values, which break exports or a terminal.
type StoredProblem struct {
	// Table and Row name the row: its table and key ("12"; for
	// version_units, "version/index").
	Table, Row string
	// Document is the name of the document the row belongs to, or "".
	Document string
	// Segment is the unit's 1-based index in the newest version that holds
	// it, or 0 when the row is not a unit's.
	Segment int
	// Field is the column ("author", "note", …; "metadata translator" for
	// a value of a version's metadata).
	Field string
	// Offset is the byte offset of the first bad character in the value,
	// Rune that character (utf8.RuneError for a byte that is not UTF-8).
	Offset int
	Rune   rune
	// Value is the value as stored, Repaired as [Store.RepairFields] writes
	// it.
	Value, Repaired string
}

// checkedColumn is a stored column and the kind of value it holds.
type checkedColumn struct {
	name string
	kind fieldKind
	meta bool // a JSON object of strings (versions.metadata)
}

// checkedTable is a table whose values CheckFields reads: unit and doc
// name the columns holding the unit and the document a row belongs to (""
// for none; doc "unit" for the unit's document).
type checkedTable struct {
	table     string
	unit, doc string
	cols      []checkedColumn
}

// checkedTables lists every stored value that people or files give.
var checkedTables = []checkedTable{
	{"documents", "", "id", []checkedColumn{{"name", fieldName, false}, {"language", fieldName, false}}},
	{"versions", "", "document_id", []checkedColumn{{"metadata", fieldText, true}}},
	{"units", "id", "document_id", []checkedColumn{{"source", fieldText, false}}},
	{"version_units", "unit_id", "unit", []checkedColumn{{"kind", fieldName, false}}},
	{"revisions", "unit_id", "unit", []checkedColumn{
		{"language", fieldName, false}, {"author", fieldName, false}, {"note", fieldNote, false},
		{"text", fieldText, false}, {"codes", fieldText, false}, {"origin", fieldText, false}}},
	// The authors of revisions, kept beside a pair's post-edit figures.
	{"post_edits", "", "", []checkedColumn{{"translator_author", fieldName, false}, {"editor_author", fieldName, false}}},
	{"memory_pair", "", "", []checkedColumn{{"source_lang", fieldName, false}, {"target_lang", fieldName, false}}},
	{"memory_entry", "unit_id", "", []checkedColumn{
		{"source", fieldText, false}, {"target", fieldText, false}, {"codes", fieldText, false},
		{"origin", fieldName, false}, {"file", fieldName, false}, {"document", fieldName, false}, {"segment", fieldName, false},
		{"author", fieldName, false}, {"role", fieldName, false}, {"status", fieldName, false}}},
}

// CheckFields reads every stored name, note, text and language and returns
// those that the check of written values refuses, table by table, in key
// order; on PostgreSQL, then also the memory entries whose stored words of
// concordance are not those of their texts (problems of [WordsField]). It
// reads the whole database once.
func (s *Store) CheckFields(ctx context.Context) ([]StoredProblem, error) {
	var out []StoredProblem
	err := s.session(nil).readTx(ctx, func(tx backend.Tx) error {
		var err error
		if out, err = storedProblems(ctx, tx); err != nil {
			return err
		}
		if wr, ok := tx.(backend.WordsRepairer); ok {
			ids, err := wr.StaleWords(ctx)
			if err != nil {
				return err
			}
			out = append(out, wordsProblems(ids)...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check database: %w", err)
	}
	return out, nil
}

// WordsField is the Field of a [StoredProblem] that is a memory entry's
// words of concordance, stored by PostgreSQL beside its texts and not
// those of its texts (its Rune is -1: no character is at fault);
// [Store.RepairFields] rewrites them.
const WordsField = "words"

// wordsProblems returns the problems of the memory entries ids whose
// words are not those of their texts.
func wordsProblems(ids []int64) []StoredProblem {
	out := make([]StoredProblem, len(ids))
	for i, id := range ids {
		out[i] = StoredProblem{Table: "memory_entry", Row: strconv.FormatInt(id, 10), Field: WordsField, Rune: -1}
	}
	return out
}

// RepairFields rewrites, in one transaction, every value that
// [Store.CheckFields] reports (and, on PostgreSQL, the words of
// concordance of every memory entry whose stored words are not those of
// its texts, reported as problems of [WordsField]): in names and notes each forbidden character
// becomes "\u" and four upper-case hex digits ("\u000B"), and everywhere a
// byte that is not UTF-8 becomes U+FFFD. Revisions are append-only:
// RepairFields lifts that rule for its own writes, within its transaction,
// the one deliberate exception to it (on PostgreSQL only the schema's
// owner may: [ErrOwnerOnly] for another role). It records the repair (author, time and
// every value before and after) in the repairs table, and returns what it
// repaired.
func (s *Store) RepairFields(ctx context.Context, author string) ([]StoredProblem, error) {
	author = strings.TrimSpace(stored.NFC(author))
	if err := checkAuthor(author); err != nil {
		return nil, fmt.Errorf("repair database: %w", err)
	}
	var out []StoredProblem
	err := s.session(nil).withTx(ctx, func(btx backend.Tx) error {
		var err error
		if out, err = storedProblems(ctx, btx); err != nil {
			return err
		}
		repairs, err := valueRepairs(out)
		if err != nil {
			return err
		}
		if err := btx.RepairValues(ctx, repairs); err != nil {
			return err
		}
		// The words of concordance last: they follow the repaired texts.
		if wr, ok := btx.(backend.WordsRepairer); ok {
			ids, err := wr.RepairWords(ctx)
			if err != nil {
				return err
			}
			out = append(out, wordsProblems(ids)...)
		}
		if len(out) == 0 {
			return nil
		}
		report, err := json.Marshal(out)
		if err != nil {
			return err
		}
		return btx.InsertRepair(ctx, s.now(), author, len(out), string(report))
	})
	if err != nil {
		return nil, fmt.Errorf("repair database: %w", err)
	}
	return out, nil
}

// repairValue returns v with what a value of kind k may not hold made
// harmless: a forbidden character as "\u000B", a byte that is not UTF-8 as
// U+FFFD.
func repairValue(k fieldKind, v string) string {
	var b strings.Builder
	for i := 0; i < len(v); {
		r, size := utf8.DecodeRuneInString(v[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case k.forbidden(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteString(v[i : i+size])
		}
		i += size
	}
	return b.String()
}

// storedProblems is CheckFields within tx, on any backend: it reads the
// tables as a copy does ([backend.TableTx.ScanTable]).
func storedProblems(ctx context.Context, tx backend.Tx) ([]StoredProblem, error) {
	tables := map[string]backend.Table{}
	for _, t := range backend.Tables {
		tables[t.Name] = t
	}
	type found struct {
		p         StoredProblem
		unit, doc int64 // 0: none
		viaUnit   bool
	}
	var bad []found
	for _, ct := range checkedTables {
		t := tables[ct.table]
		col := map[string]int{}
		for i, c := range t.Columns {
			col[c.Name] = i
		}
		num := func(row []any, name string) int64 {
			if i, ok := col[name]; ok {
				n, _ := row[i].(int64)
				return n
			}
			return 0
		}
		err := tx.ScanTable(ctx, t, func(row []any) error {
			for _, c := range ct.cols {
				v, _ := row[col[c.name]].(string)
				if b, ok := row[col[c.name]].([]byte); ok {
					v = string(b)
				}
				for _, p := range valueProblems(c, v) {
					ks := make([]string, len(t.Key))
					for j, k := range t.Key {
						ks[j] = strconv.FormatInt(num(row, k), 10)
					}
					p.Table, p.Row = t.Name, strings.Join(ks, "/")
					f := found{p: p, unit: num(row, ct.unit)}
					if ct.doc == "unit" {
						f.viaUnit = true
					} else {
						f.doc = num(row, ct.doc)
					}
					bad = append(bad, f)
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Name, err)
		}
	}
	if len(bad) == 0 {
		return nil, nil
	}
	// Documents and segments, for the few rows found.
	unitDoc := map[int64]int64{}
	for _, f := range bad {
		if f.viaUnit && f.unit != 0 {
			unitDoc[f.unit] = 0
		}
	}
	if len(unitDoc) > 0 {
		err := tx.ScanTable(ctx, tables["units"], func(row []any) error {
			id, _ := row[0].(int64)
			if _, ok := unitDoc[id]; ok {
				unitDoc[id], _ = row[1].(int64)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]StoredProblem, 0, len(bad))
	for _, f := range bad {
		doc := f.doc
		if f.viaUnit {
			doc = unitDoc[f.unit]
		}
		if doc != 0 {
			h, ok, err := tx.Head(ctx, backend.DocRef{ID: doc})
			if err != nil {
				return nil, err
			}
			if ok {
				f.p.Document = h.Name
			}
		}
		if f.unit != 0 {
			_, idx, ok, err := tx.NewestPlacement(ctx, f.unit)
			if err != nil {
				return nil, err
			}
			if ok {
				f.p.Segment = idx
			}
		}
		out = append(out, f.p)
	}
	return out, nil
}

// valueProblems returns the problem of a stored value of column c, if
// any: for metadata, one per bad key or value of the JSON object.
func valueProblems(c checkedColumn, v string) []StoredProblem {
	problem := func(field, v string, k fieldKind) []StoredProblem {
		err := checkField(k, field, v)
		fe, ok := err.(*FieldError)
		if !ok {
			return nil
		}
		return []StoredProblem{{Field: field, Offset: fe.Offset, Rune: fe.Rune, Value: v, Repaired: repairValue(k, v)}}
	}
	if p := problem(c.name, v, c.kind); p != nil || !c.meta {
		return p
	}
	var meta map[string]string
	if json.Unmarshal([]byte(v), &meta) != nil {
		return nil
	}
	var out []StoredProblem
	for _, k := range slices.Sorted(maps.Keys(meta)) {
		out = append(out, problem("metadata key", k, fieldName)...)
		out = append(out, problem("metadata "+k, meta[k], fieldName)...)
	}
	return out
}

// valueRepairs returns the writes that repair problems (as
// storedProblems reports them): a value of a column becomes
// [StoredProblem.Repaired]; a key or value of a version's metadata
// rewrites the whole JSON object, every key and value repaired.
func valueRepairs(problems []StoredProblem) ([]backend.ValueRepair, error) {
	out := make([]backend.ValueRepair, 0, len(problems))
	for _, p := range problems {
		r := backend.ValueRepair{Table: p.Table, Column: p.Field}
		for _, k := range strings.Split(p.Row, "/") {
			n, err := strconv.ParseInt(k, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", p.Table, p.Row, err)
			}
			r.Key = append(r.Key, n)
		}
		repaired := p.Repaired
		r.Fix = func(string) (string, error) { return repaired, nil }
		if strings.HasPrefix(p.Field, "metadata ") {
			r.Column, r.Fix = "metadata", repairMetadata
		}
		out = append(out, r)
	}
	return out, nil
}

// repairMetadata returns a version's metadata (a JSON object of strings)
// with every key and value repaired as names.
func repairMetadata(meta string) (string, error) {
	m := map[string]string{}
	if err := json.Unmarshal([]byte(meta), &m); err != nil {
		return "", err
	}
	fixed := make(map[string]string, len(m))
	for k, v := range m {
		fixed[repairValue(fieldName, k)] = repairValue(fieldName, v)
	}
	b, err := json.Marshal(fixed)
	return string(b), err
}

// Visible returns s as [Store.RepairFields] writes a name: each control
// character as "\u" and four upper-case hex digits ("\u001B"), each byte
// that is not UTF-8 as U+FFFD. It is for showing a stored name safely.
func Visible(s string) string {
	if checkField(fieldName, "", s) == nil {
		return s
	}
	return repairValue(fieldName, s)
}
