package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// tx is a transaction of a [DB]: it implements [backend.Tx].
type tx struct {
	tx    *sql.Tx
	depth int
	mem   *Memory
	stmts map[string]*sql.Stmt
}

var _ backend.Tx = (*tx)(nil)

func newTx(t *sql.Tx) *tx { return &tx{tx: t, stmts: map[string]*sql.Stmt{}} }

// close closes the statements prepared in the transaction.
func (t *tx) close() {
	if t.mem != nil {
		t.mem.Close()
	}
	for _, s := range t.stmts {
		s.Close()
	}
}

// stmt returns the statement of query, prepared once per transaction.
func (t *tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := t.stmts[query]; ok {
		return s, nil
	}
	s, err := t.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	t.stmts[query] = s
	return s, nil
}

// Savepoint runs fn in a savepoint of the transaction.
func (t *tx) Savepoint(ctx context.Context, fn func() error) error {
	t.depth++
	name := fmt.Sprintf("padan_%d", t.depth)
	defer func() { t.depth-- }()
	if _, err := t.tx.ExecContext(ctx, "SAVEPOINT "+name); err != nil {
		return err
	}
	if err := fn(); err != nil {
		t.tx.ExecContext(ctx, "ROLLBACK TO "+name)
		t.tx.ExecContext(ctx, "RELEASE "+name)
		return err
	}
	_, err := t.tx.ExecContext(ctx, "RELEASE "+name)
	return err
}

// Memory returns the memory's storage in the transaction.
func (t *tx) Memory() backend.MemoryTx {
	if t.mem == nil {
		t.mem = NewMemory(t.tx)
	}
	return t.mem
}

const documentQuery = `SELECT d.id, d.name, d.language, d.created, v.id, v.number, v.metadata, v.created,
	coalesce((SELECT t.units FROM version_totals t WHERE t.version_id = v.id), 0),
	coalesce((SELECT t.words FROM version_totals t WHERE t.version_id = v.id), 0),
	(SELECT group_concat(language, ' ') FROM (SELECT l.language FROM document_languages l
		WHERE l.document_id = d.id ORDER BY l.language))
	FROM documents d JOIN versions v ON v.document_id = d.id
	AND v.number = (SELECT max(number) FROM versions WHERE document_id = d.id)`

// where returns the condition selecting ref and its argument.
func where(ref backend.DocRef) (string, []any) {
	switch {
	case ref.Name != "":
		return "WHERE d.name = ?", []any{ref.Name}
	case ref.ID != 0:
		return "WHERE d.id = ?", []any{ref.ID}
	}
	return "", nil
}

// Documents returns the documents ref selects, by name.
func (t *tx) Documents(ctx context.Context, ref backend.DocRef) ([]backend.DocumentRow, error) {
	w, args := where(ref)
	rows, err := t.tx.QueryContext(ctx, documentQuery+" "+w+" ORDER BY d.name", args...)
	if err != nil {
		return nil, notDatabase(err)
	}
	defer rows.Close()
	var docs []backend.DocumentRow
	for rows.Next() {
		var d backend.DocumentRow
		var langs sql.NullString
		if err := rows.Scan(&d.ID, &d.Name, &d.Language, &d.Created, &d.VersionID, &d.Version, &d.Metadata, &d.Updated,
			&d.Units, &d.Words, &langs); err != nil {
			return nil, err
		}
		if langs.String != "" {
			d.Languages = strings.Fields(langs.String)
		}
		docs = append(docs, d)
	}
	return docs, rows.Err()
}

// headQuery reads a document and its latest version as Head needs them:
// not the version's columns stored after its original bytes, which would
// read all of those, nor counts over its units; the unit count is the last
// index (indexes run from 1 without a gap), found in the primary key.
const headQuery = `SELECT d.id, d.name, d.language, d.created, v.id, v.number,
	coalesce((SELECT max(vu.idx) FROM version_units vu WHERE vu.version_id = v.id), 0)
	FROM documents d JOIN versions v ON v.document_id = d.id
	AND v.number = (SELECT max(number) FROM versions WHERE document_id = d.id)`

// Head returns the document ref selects and its latest version.
func (t *tx) Head(ctx context.Context, ref backend.DocRef) (backend.HeadRow, bool, error) {
	var h backend.HeadRow
	w, args := where(ref)
	err := t.tx.QueryRowContext(ctx, headQuery+" "+w, args...).Scan(&h.ID, &h.Name, &h.Language, &h.Created,
		&h.VersionID, &h.Version, &h.Units)
	if err == sql.ErrNoRows {
		return h, false, nil
	}
	return h, err == nil, notDatabase(err)
}

// VersionInfo returns a version's metadata and creation time. They follow
// the original's bytes in the row, so reading them reads those bytes'
// pages.
func (t *tx) VersionInfo(ctx context.Context, versionID int64) (metadata, created string, err error) {
	err = t.tx.QueryRowContext(ctx, `SELECT metadata, created FROM versions WHERE id = ?`, versionID).Scan(&metadata, &created)
	return metadata, created, err
}

// Original returns a version's bytes.
func (t *tx) Original(ctx context.Context, versionID int64) ([]byte, error) {
	var b []byte
	err := t.tx.QueryRowContext(ctx, `SELECT original FROM versions WHERE id = ?`, versionID).Scan(&b)
	return b, err
}

// VersionDocument returns the name and language of a version's document.
func (t *tx) VersionDocument(ctx context.Context, versionID int64) (name, language string, err error) {
	err = t.tx.QueryRowContext(ctx, `SELECT d.name, d.language FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE v.id = ?`, versionID).Scan(&name, &language)
	return name, language, err
}

// LatestVersion returns the latest version of the document named name.
func (t *tx) LatestVersion(ctx context.Context, name string) (backend.LatestVersionRow, bool, error) {
	var v backend.LatestVersionRow
	err := t.tx.QueryRowContext(ctx, `SELECT d.id, d.language, v.id, v.number, v.sha256
		FROM documents d JOIN versions v ON v.document_id = d.id
		WHERE d.name = ? ORDER BY v.number DESC LIMIT 1`, name).
		Scan(&v.DocumentID, &v.Language, &v.VersionID, &v.Number, &v.SHA256)
	if err == sql.ErrNoRows {
		return v, false, nil
	}
	return v, err == nil, err
}

// InsertDocument adds a document.
func (t *tx) InsertDocument(ctx context.Context, name, language, created string) (int64, error) {
	r, err := t.tx.ExecContext(ctx, `INSERT INTO documents (name, language, created) VALUES (?, ?, ?)`, name, language, created)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

// InsertVersion adds a version.
func (t *tx) InsertVersion(ctx context.Context, v backend.VersionRow) (int64, error) {
	r, err := t.tx.ExecContext(ctx, `INSERT INTO versions (document_id, number, original, sha256, metadata, created)
		VALUES (?, ?, ?, ?, ?, ?)`, v.DocumentID, v.Number, v.Original, v.SHA256, v.Metadata, v.Created)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

// VersionSources returns the units of a version in order.
func (t *tx) VersionSources(ctx context.Context, versionID int64) ([]backend.UnitSource, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT u.id, u.source FROM version_units vu JOIN units u ON u.id = vu.unit_id
		WHERE vu.version_id = ? ORDER BY vu.idx`, versionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []backend.UnitSource
	for rows.Next() {
		var o backend.UnitSource
		if err := rows.Scan(&o.ID, &o.Source); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// OtherUnits returns the units of a document that a version does not hold.
func (t *tx) OtherUnits(ctx context.Context, documentID, versionID int64) ([]backend.UnitSource, error) {
	var out []backend.UnitSource
	err := t.query(ctx, `SELECT u.id, u.source FROM units u WHERE u.document_id = ?
		AND NOT EXISTS (SELECT 1 FROM version_units vu WHERE vu.unit_id = u.id AND vu.version_id = ?)`,
		[]any{documentID, versionID}, func(scan func(...any) error) error {
			var o backend.UnitSource
			if err := scan(&o.ID, &o.Source); err != nil {
				return err
			}
			out = append(out, o)
			return nil
		})
	return out, err
}

// NewestPlacement returns the newest version holding a unit, and its index.
func (t *tx) NewestPlacement(ctx context.Context, unitID int64) (int64, int, bool, error) {
	s, err := t.stmt(ctx, `SELECT vu.version_id, vu.idx FROM version_units vu
		JOIN versions v ON v.id = vu.version_id WHERE vu.unit_id = ? ORDER BY v.number DESC LIMIT 1`)
	if err != nil {
		return 0, 0, false, err
	}
	var versionID int64
	var idx int
	switch err := s.QueryRowContext(ctx, unitID).Scan(&versionID, &idx); err {
	case nil:
		return versionID, idx, true, nil
	case sql.ErrNoRows:
		return 0, 0, false, nil
	default:
		return 0, 0, false, err
	}
}

// InsertUnits adds units to a document.
func (t *tx) InsertUnits(ctx context.Context, documentID int64, units []backend.NewUnit) ([]int64, error) {
	s, err := t.stmt(ctx, `INSERT INTO units (document_id, source, words, previous_id) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(units))
	for i, u := range units {
		var prev any
		if u.Previous != 0 {
			prev = u.Previous
		}
		r, err := s.ExecContext(ctx, documentID, u.Source, u.Words, prev)
		if err != nil {
			return nil, err
		}
		if ids[i], err = r.LastInsertId(); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// PlaceUnits places units in a version.
func (t *tx) PlaceUnits(ctx context.Context, versionID int64, places []backend.Placement) error {
	s, err := t.stmt(ctx, `INSERT INTO version_units (version_id, idx, unit_id, kind, start, "end") VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	for _, p := range places {
		if _, err := s.ExecContext(ctx, versionID, p.Index, p.UnitID, p.Kind, p.Start, p.End); err != nil {
			return err
		}
	}
	return nil
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

// selectAt runs query (whose last condition is completed by byIndexes)
// for the given indexes, or once with no condition when indexes is nil,
// calling scan with each row.
func (t *tx) selectAt(ctx context.Context, query string, args []any, indexes []int, scan func(*sql.Rows) error) error {
	run := func(where string, more []any) error {
		rows, err := t.tx.QueryContext(ctx, query+where, append(slices.Clone(args), more...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	if indexes == nil {
		return run("", nil)
	}
	return byIndexes(indexes, func(where string, more []any) error { return run(" AND "+where, more) })
}

// UnitIDs returns the unit ids at indexes of a version (all when nil).
func (t *tx) UnitIDs(ctx context.Context, versionID int64, indexes []int) (map[int]int64, error) {
	out := make(map[int]int64, len(indexes))
	err := t.selectAt(ctx, `SELECT vu.idx, vu.unit_id FROM version_units vu WHERE vu.version_id = ?`, []any{versionID}, indexes,
		func(rows *sql.Rows) error {
			var i int
			var id int64
			if err := rows.Scan(&i, &id); err != nil {
				return err
			}
			out[i] = id
			return nil
		})
	return out, err
}

// reviseBatch is how many revisions one INSERT statement writes;
// revisionColumns is how many values each takes.
const (
	reviseBatch     = 64
	revisionColumns = 13
)

// InsertRevisions adds revisions, reviseBatch rows per statement (far
// fewer round trips through the driver than one INSERT per row), and
// keeps the counts of migration 7 (see keepStats).
func (t *tx) InsertRevisions(ctx context.Context, revs []backend.RevisionRow) error {
	args := make([]any, 0, min(len(revs), reviseBatch)*revisionColumns)
	for start := 0; start < len(revs); start += reviseBatch {
		batch := revs[start:min(start+reviseBatch, len(revs))]
		args = args[:0]
		for _, r := range batch {
			var score, merged any
			if r.HasScore {
				score = r.Score
			}
			if r.MergedInto != 0 {
				merged = r.MergedInto
			}
			args = append(args, r.UnitID, r.Language, r.Event, r.Role, r.Status, r.Text, r.Author, r.Time, r.Note,
				nullString(r.Codes), score, nullString(r.Origin), merged, nullString(r.MatchSource), r.ReviewSkipped)
		}
		q := `INSERT INTO revisions (unit_id, language, event, role, status, text, author, time, note, codes, score, origin, merged_into,
			match_source, review_skipped) VALUES ` +
			`(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)` + strings.Repeat(`, (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, len(batch)-1)
		var res sql.Result
		var err error
		if len(batch) == reviseBatch {
			var s *sql.Stmt
			if s, err = t.stmt(ctx, q); err == nil {
				res, err = s.ExecContext(ctx, args...)
			}
		} else {
			res, err = t.tx.ExecContext(ctx, q, args...)
		}
		if err != nil {
			return err
		}
		// The rows took the ids after the greatest (INTEGER PRIMARY KEY,
		// one writer), in order: the last is last_insert_rowid.
		last, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if err := t.keepStats(ctx, batch, last-int64(len(batch))+1); err != nil {
			return err
		}
	}
	return nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Latest returns units of a version with their latest revisions in lang.
func (t *tx) Latest(ctx context.Context, versionID int64, lang string, indexes []int) ([]backend.LatestRow, error) {
	var out []backend.LatestRow
	err := t.selectAt(ctx, `SELECT vu.idx, vu.unit_id, u.source, r.status, r.text, r.codes, r.merged_into
		FROM version_units vu JOIN units u ON u.id = vu.unit_id
		LEFT JOIN revisions r ON r.id =
			(SELECT max(x.id) FROM revisions x WHERE x.unit_id = vu.unit_id AND x.language = ?)
		WHERE vu.version_id = ?`, []any{lang, versionID}, indexes, func(rows *sql.Rows) error {
		var l backend.LatestRow
		var status, text, codes sql.NullString
		var merged sql.NullInt64
		if err := rows.Scan(&l.Index, &l.UnitID, &l.Source, &status, &text, &codes, &merged); err != nil {
			return err
		}
		l.Has, l.Status, l.Text, l.Codes, l.MergedInto = status.Valid, status.String, text.String, codes.String, merged.Int64
		out = append(out, l)
		return nil
	})
	if indexes != nil {
		slices.SortFunc(out, func(a, b backend.LatestRow) int { return a.Index - b.Index })
	}
	return out, err
}

// translatorText returns the translator's latest text revision of a unit.
func translatorText(ctx context.Context, q dbtx, unitID int64, lang string) (backend.RevisionRow, bool, error) {
	r := backend.RevisionRow{UnitID: unitID, Language: lang}
	err := q.QueryRowContext(ctx, `SELECT id, text, author, time FROM revisions
		WHERE unit_id = ? AND language = ? AND role = 'translator' AND event = 'revise'
		ORDER BY id DESC LIMIT 1`, unitID, lang).Scan(&r.ID, &r.Text, &r.Author, &r.Time)
	if err == sql.ErrNoRows {
		return r, false, nil
	}
	return r, err == nil, err
}

// Stats counts the units of a version by the language and status of their
// latest revisions.
func (t *tx) Stats(ctx context.Context, versionID int64) ([]backend.StatRow, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT language, status, proposed, units, words FROM version_stats
		WHERE version_id = ? AND units > 0 ORDER BY language, status, proposed`, versionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []backend.StatRow
	for rows.Next() {
		var s backend.StatRow
		if err := rows.Scan(&s.Language, &s.Status, &s.Proposed, &s.Units, &s.Words); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SyncRows returns the units at indexes of a version and their
// neighbours (every unit when indexes is nil) with their latest revisions.
func (t *tx) SyncRows(ctx context.Context, versionID int64, lang string, indexes []int) ([]backend.SyncRow, error) {
	query := `SELECT vu.idx, u.id, u.source, r.status, r.text, r.codes, r.author, r.role, r.time
		FROM version_units vu
		JOIN units u ON u.id = vu.unit_id
		LEFT JOIN revisions r ON r.id =
			(SELECT max(x.id) FROM revisions x WHERE x.unit_id = vu.unit_id AND x.language = ?)
		WHERE vu.version_id = ?`
	args := []any{lang, versionID}
	if indexes != nil {
		near := map[int]bool{}
		for _, i := range indexes {
			near[i-1], near[i], near[i+1] = true, true, true
		}
		query += ` AND vu.idx IN (?` + strings.Repeat(`, ?`, len(near)-1) + `)`
		for i := range near {
			args = append(args, i)
		}
	}
	rows, err := t.tx.QueryContext(ctx, query+` ORDER BY vu.idx`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []backend.SyncRow
	for rows.Next() {
		var s backend.SyncRow
		var status, text, codes, author, role, tm sql.NullString
		if err := rows.Scan(&s.Index, &s.UnitID, &s.Source, &status, &text, &codes, &author, &role, &tm); err != nil {
			return nil, err
		}
		s.Status, s.Text, s.Codes, s.Author, s.Role, s.Time = status.String, text.String, codes.String, author.String, role.String, tm.String
		out = append(out, s)
	}
	return out, rows.Err()
}
