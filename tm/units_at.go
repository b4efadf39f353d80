package tm

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// BatchUnits is the most units that one [Store.Revise] or [Store.Approve]
// call should touch for its work to be proportional to those units rather
// than to the whole document: a caller writing a long document in parts,
// such as an import streaming a file, writes at most this many units a
// call.
const BatchUnits = syncListMax

// UnitState is a unit of a document's latest version with its latest
// revision in one language, as [Store.UnitsAt] reads it.
type UnitState struct {
	// Index is the 1-based position of the unit.
	Index  int
	Source string
	// Status is the latest revision's status (initial when there is none).
	Status Status
	// Target is the latest revision's text, or "".
	Target string
	// Codes is the JSON of the latest revision's inline codes, or "".
	Codes string
}

// Excerpt is some units of a document's latest version with their latest
// translation into one language.
type Excerpt struct {
	// Document is the document with only its ID, Name, Language, Created,
	// Version and Units (see [Store.DocumentHead] for the rest).
	Document Document
	// Language is the target language, canonical.
	Language string
	// Units are the units asked for, in the order asked.
	Units []UnitState
}

// UnitsAt reads the units at the given 1-based indexes of a document's
// latest version, with their latest revisions in a language. Its work is
// proportional to the number of indexes, not to the length of the
// document, so that a long document can be read a part at a time; with no
// indexes it reads only the document. Inside [Store.Update] it reads
// through Update's transaction, and so sees what fn wrote before. An
// unknown document gives a [*DocumentError]; an index out of range a
// [*SegmentError].
func (s *Store) UnitsAt(ctx context.Context, ref, language string, indexes []int) (*Excerpt, error) {
	lang, err := CanonicalLanguage(language)
	if err != nil {
		return nil, err
	}
	ex := &Excerpt{Language: lang}
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		doc, err := findHead(ctx, tx, ref)
		if err != nil {
			return err
		}
		ex.Document = doc
		for _, i := range indexes {
			if i < 1 || i > doc.Units {
				return &SegmentError{Document: doc.Name, Index: i, Count: doc.Units}
			}
		}
		at := map[int]UnitState{}
		err = byIndexes(indexes, func(where string, args []any) error {
			rows, err := tx.QueryContext(ctx, `SELECT vu.idx, u.source, r.status, r.text, r.codes
				FROM version_units vu JOIN units u ON u.id = vu.unit_id
				LEFT JOIN revisions r ON r.id =
					(SELECT max(x.id) FROM revisions x WHERE x.unit_id = vu.unit_id AND x.language = ?)
				WHERE vu.version_id = ? AND `+where, append([]any{lang, doc.versionID}, args...)...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var u UnitState
				var status, text, codes sql.NullString
				if err := rows.Scan(&u.Index, &u.Source, &status, &text, &codes); err != nil {
					return err
				}
				u.Status, u.Target, u.Codes = StatusInitial, text.String, codes.String
				if status.Valid {
					u.Status = Status(status.String)
				}
				at[u.Index] = u
			}
			return rows.Err()
		})
		if err != nil {
			return err
		}
		ex.Units = make([]UnitState, len(indexes))
		for k, i := range indexes {
			ex.Units[k] = at[i]
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ref, err)
	}
	return ex, nil
}

// DocumentHead returns the document named ref, or whose numeric id is ref,
// as [Store.Document] does but without its Words and Languages, in time
// that does not depend on the number of its units. No such document gives
// a [*DocumentError].
func (s *Store) DocumentHead(ctx context.Context, ref string) (Document, error) {
	var doc Document
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		if doc, err = findHead(ctx, tx, ref); err != nil {
			return err
		}
		// Metadata and created follow the original's bytes in the row, so
		// reading them reads those bytes' pages.
		var meta, updated string
		if err := tx.QueryRowContext(ctx, `SELECT metadata, created FROM versions WHERE id = ?`, doc.versionID).Scan(&meta, &updated); err != nil {
			return fmt.Errorf("find document %s: %w", ref, err)
		}
		doc.Updated = parseTime(updated)
		if err := json.Unmarshal([]byte(meta), &doc.Metadata); err != nil {
			return fmt.Errorf("document %s: metadata: %w", doc.Name, err)
		}
		return nil
	})
	return doc, err
}

// headQuery reads a document and its latest version as findHead needs
// them: not the version's columns stored after its original bytes, which
// would read all of those, nor counts over its units; the unit count is
// the last index (indexes run from 1 without a gap), found in the primary
// key.
const headQuery = `SELECT d.id, d.name, d.language, d.created, v.id, v.number,
	coalesce((SELECT max(vu.idx) FROM version_units vu WHERE vu.version_id = v.id), 0)
	FROM documents d JOIN versions v ON v.document_id = d.id
	AND v.number = (SELECT max(number) FROM versions WHERE document_id = d.id)`

// findHead returns the document ref (a name, or else an id) with only its
// ID, Name, Language, Created, Version and Units, in time that depends on
// neither the number of its units nor the size of its text.
func findHead(ctx context.Context, tx *sql.Tx, ref string) (Document, error) {
	var d Document
	var created string
	err := byRef(ref, func(where string, arg any) error {
		return tx.QueryRowContext(ctx, headQuery+" "+where, arg).Scan(&d.ID, &d.Name, &d.Language, &created,
			&d.versionID, &d.Version, &d.Units)
	})
	if err != nil {
		return Document{}, err
	}
	d.Created = parseTime(created)
	return d, nil
}

// Limits of byIndexes: a run of at least indexRun consecutive indexes is
// read as a range; other indexes, at most indexList to a statement.
const (
	indexRun  = 16
	indexList = 500
)

// byIndexes calls query with SQL conditions on vu.idx (and their
// arguments) that together select the given indexes and no other: ranges
// for runs of consecutive indexes, IN lists for the rest. An import of a
// file exported from padan reads each part with one range.
func byIndexes(indexes []int, query func(where string, args []any) error) error {
	sorted := slices.Clone(indexes)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	var single []any
	flush := func() error {
		if len(single) == 0 {
			return nil
		}
		err := query(`vu.idx IN (?`+strings.Repeat(`, ?`, len(single)-1)+`)`, single)
		single = single[:0]
		return err
	}
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j] == sorted[j-1]+1 {
			j++
		}
		if j-i >= indexRun {
			if err := query(`vu.idx BETWEEN ? AND ?`, []any{sorted[i], sorted[j-1]}); err != nil {
				return err
			}
		} else {
			for _, x := range sorted[i:j] {
				if single = append(single, x); len(single) == indexList {
					if err := flush(); err != nil {
						return err
					}
				}
			}
		}
		i = j
	}
	return flush()
}

// unitIDsAt returns a function giving the unit id of each of the given
// 1-based indexes of a version of count units (all in range). Few indexes
// are read by index; when they are a good part of the version, the whole
// version is read.
func unitIDsAt(ctx context.Context, tx *sql.Tx, versionID int64, count int, indexes []int) (func(int) int64, error) {
	if len(indexes) > count/4 {
		ids, err := unitIDs(ctx, tx, versionID)
		if err != nil {
			return nil, err
		}
		return func(i int) int64 { return ids[i-1] }, nil
	}
	ids := make(map[int]int64, len(indexes))
	err := byIndexes(indexes, func(where string, args []any) error {
		rows, err := tx.QueryContext(ctx, `SELECT vu.idx, vu.unit_id FROM version_units vu WHERE vu.version_id = ? AND `+where,
			append([]any{versionID}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var i int
			var id int64
			if err := rows.Scan(&i, &id); err != nil {
				return err
			}
			ids[i] = id
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return func(i int) int64 { return ids[i] }, nil
}

// latestStatesAt is latestStates for the given 1-based indexes of a
// version (all in range), by index.
func latestStatesAt(ctx context.Context, tx *sql.Tx, versionID int64, lang string, indexes []int) (map[int]latestState, error) {
	out := make(map[int]latestState, len(indexes))
	err := byIndexes(indexes, func(where string, args []any) error {
		rows, err := tx.QueryContext(ctx, `SELECT vu.idx, vu.unit_id, r.status, r.text, r.codes, r.merged_into
			FROM version_units vu LEFT JOIN revisions r ON r.id =
				(SELECT max(x.id) FROM revisions x WHERE x.unit_id = vu.unit_id AND x.language = ?)
			WHERE vu.version_id = ? AND `+where, append([]any{lang, versionID}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var i int
			var st latestState
			var status, text sql.NullString
			if err := rows.Scan(&i, &st.unitID, &status, &text, &st.codes, &st.merged); err != nil {
				return err
			}
			st.has, st.status, st.text = status.Valid, Status(status.String), text.String
			out[i] = st
		}
		return rows.Err()
	})
	return out, err
}

// approveAt is [Store.Approve] of the given indexes: it reads only those
// units, so that approving a part of a long document takes time in
// proportion to the part.
func (s *Store) approveAt(ctx context.Context, ref, lang, author string, indexes []int, o ApproveOptions) (int, error) {
	n := 0
	now := s.now()
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		doc, err := findHead(ctx, tx, ref)
		if err != nil {
			return err
		}
		var in []int
		for _, i := range indexes {
			if i >= 1 && i <= doc.Units {
				in = append(in, i)
			}
		}
		states, err := latestStatesAt(ctx, tx, doc.versionID, lang, in)
		if err != nil {
			return err
		}
		// An error names the missing language first, as Approve of every
		// reviewed unit does; it is looked for only when there is one.
		refuse := func(err error) error {
			full, ferr := findDocument(ctx, tx, ref)
			if ferr != nil {
				return ferr
			}
			if !hasLanguage(full, lang) {
				return &LanguageError{Document: full.Name, Language: lang, Have: full.Languages}
			}
			return err
		}
		var touched []int
		for _, i := range indexes {
			if i < 1 || i > doc.Units {
				return refuse(&SegmentError{Document: doc.Name, Index: i, Count: doc.Units})
			}
			st := states[i]
			ok, skipped, refused := approvable(st.status, o)
			switch {
			case !st.has || refused == ErrNotTranslated:
				return refuse(&NotTranslatedError{Document: doc.Name, Language: lang, Index: i})
			case refused == ErrNotReviewed:
				return refuse(&NotReviewedError{Document: doc.Name, Language: lang, Index: i})
			case !ok:
				continue
			}
			st.reviewSkipped = skipped
			if err := insertEvent(ctx, tx, st, lang, StatusFinal, EventApprove, author, now, ""); err != nil {
				return err
			}
			st.status = StatusFinal
			states[i] = st
			touched = append(touched, i)
			n++
		}
		if len(touched) == 0 {
			return nil
		}
		return s.syncMemory(ctx, tx, doc.versionID, lang, touched)
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// insertEvent records an approval or rejection of a unit whose latest
// state is st: it keeps the text, codes and merge, with role editor.
func insertEvent(ctx context.Context, tx *sql.Tx, st latestState, lang string, status Status, ev Event, author, now, note string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO revisions
		(unit_id, language, event, role, status, text, author, time, note, codes, merged_into, review_skipped)
		VALUES (?, ?, ?, 'editor', ?, ?, ?, ?, ?, ?, ?, ?)`,
		st.unitID, lang, string(ev), string(status), st.text, author, now, nfc(note), st.codes, st.merged, st.reviewSkipped)
	return err
}
