package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// tx is a transaction of a [Store]: it implements [backend.Tx]. Its
// statements run one at a time (see conn1); the memory's bulk rows wait in
// mem until a statement reads their table or the transaction ends.
type tx struct {
	c       *conn1
	write   bool
	depth   int
	cursors int
	mem     *memory
}

var _ backend.Tx = (*tx)(nil)

func newTx(t pgx.Tx, write bool) *tx {
	c := &conn1{q: t}
	return &tx{c: c, write: write, mem: &memory{c: c, write: write}}
}

// flushAll writes the rows the memory holds back.
func (t *tx) flushAll(ctx context.Context) error {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	return t.mem.flush(ctx, allTables)
}

// Savepoint runs fn in a savepoint of the transaction.
func (t *tx) Savepoint(ctx context.Context, fn func() error) error {
	t.depth++
	defer func() { t.depth-- }()
	name := fmt.Sprintf("padan_%d", t.depth)
	if err := t.exec(ctx, "SAVEPOINT "+name); err != nil {
		return err
	}
	if err := fn(); err != nil {
		t.c.mu.Lock()
		t.mem.discard()
		t.c.mu.Unlock()
		if rerr := t.exec(ctx, "ROLLBACK TO SAVEPOINT "+name); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	return t.exec(ctx, "RELEASE SAVEPOINT "+name)
}

// exec runs a statement after writing the memory's waiting rows.
func (t *tx) exec(ctx context.Context, sql string, args ...any) error {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	if err := t.mem.flush(ctx, allTables); err != nil {
		return err
	}
	_, err := t.c.q.Exec(ctx, sql, args...)
	return err
}

// Memory returns the memory's storage in the transaction.
func (t *tx) Memory() backend.MemoryTx { return t.mem }

// query runs sql and calls scan with each row, holding the connection;
// scan must only copy values.
func (c *conn1) query(ctx context.Context, sql string, args []any, scan func(pgx.Rows) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return queryRows(ctx, c.q, sql, args, scan)
}

func queryRows(ctx context.Context, q querier, sql string, args []any, scan func(pgx.Rows) error) error {
	rows, err := q.Query(ctx, sql, args...)
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

// queryRow runs sql and scans its one row into dest; found is false when
// there is none.
func (c *conn1) queryRow(ctx context.Context, sql string, args []any, dest ...any) (found bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	err = c.q.QueryRow(ctx, sql, args...).Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// cursorBatch is how many rows a cursor fetches at a time.
const cursorBatch = 1000

// each runs sql through a cursor, fetching cursorBatch rows at a time with
// scan (which copies each row into a value) and calling fn with the values
// without holding the connection: fn may run statements of the
// transaction, even from another goroutine.
func each[T any](ctx context.Context, t *tx, sql string, args []any, scan func(pgx.Rows) (T, error), fn func(T) error) error {
	t.c.mu.Lock()
	t.cursors++
	name := fmt.Sprintf("padan_cursor_%d", t.cursors)
	if err := t.mem.flush(ctx, allTables); err != nil {
		t.c.mu.Unlock()
		return err
	}
	_, err := t.c.q.Exec(ctx, "DECLARE "+name+" NO SCROLL CURSOR FOR "+sql, args...)
	t.c.mu.Unlock()
	if err != nil {
		return err
	}
	defer func() {
		t.c.mu.Lock()
		defer t.c.mu.Unlock()
		t.c.q.Exec(context.WithoutCancel(ctx), "CLOSE "+name)
	}()
	batch := make([]T, 0, cursorBatch)
	for {
		batch = batch[:0]
		// The same FETCH reads rows of other shapes from another cursor of
		// the same name: it is described each time, not cached.
		fetch := []any{pgx.QueryExecModeDescribeExec}
		err := t.c.query(ctx, fmt.Sprintf("FETCH %d FROM %s", cursorBatch, name), fetch, func(rows pgx.Rows) error {
			v, err := scan(rows)
			if err == nil {
				batch = append(batch, v)
			}
			return err
		})
		if err != nil {
			return err
		}
		for _, v := range batch {
			if err := fn(v); err != nil {
				return err
			}
		}
		if len(batch) < cursorBatch {
			return nil
		}
	}
}

const documentQuery = `SELECT d.id, d.name, d.language, d.created, v.id, v.number, v.metadata, v.created,
	coalesce(t.units, 0), coalesce(t.words, 0),
	coalesce((SELECT string_agg(l.language, ' ' ORDER BY l.language) FROM document_languages l
		WHERE l.document_id = d.id), '')
	FROM documents d JOIN versions v ON v.document_id = d.id
	AND v.number = (SELECT max(number) FROM versions WHERE document_id = d.id)
	LEFT JOIN version_totals t ON t.version_id = v.id`

// where returns the condition selecting ref and its argument.
func where(ref backend.DocRef) (string, []any) {
	switch {
	case ref.Name != "":
		return "WHERE d.name = $1", []any{ref.Name}
	case ref.ID != 0:
		return "WHERE d.id = $1", []any{ref.ID}
	}
	return "", nil
}

// Documents returns the documents ref selects, by name.
func (t *tx) Documents(ctx context.Context, ref backend.DocRef) ([]backend.DocumentRow, error) {
	w, args := where(ref)
	var docs []backend.DocumentRow
	err := t.c.query(ctx, documentQuery+" "+w+" ORDER BY d.name", args, func(rows pgx.Rows) error {
		var d backend.DocumentRow
		var langs string
		if err := rows.Scan(&d.ID, &d.Name, &d.Language, &d.Created, &d.VersionID, &d.Version, &d.Metadata, &d.Updated,
			&d.Units, &d.Words, &langs); err != nil {
			return err
		}
		d.Languages = strings.Fields(langs)
		docs = append(docs, d)
		return nil
	})
	return docs, err
}

// headQuery reads a document and its latest version without its original
// or counts over its units: the unit count is the last index.
const headQuery = `SELECT d.id, d.name, d.language, d.created, v.id, v.number,
	coalesce((SELECT max(vu.idx) FROM version_units vu WHERE vu.version_id = v.id), 0)
	FROM documents d JOIN versions v ON v.document_id = d.id
	AND v.number = (SELECT max(number) FROM versions WHERE document_id = d.id)`

// Head returns the document ref selects and its latest version.
func (t *tx) Head(ctx context.Context, ref backend.DocRef) (backend.HeadRow, bool, error) {
	var h backend.HeadRow
	w, args := where(ref)
	found, err := t.c.queryRow(ctx, headQuery+" "+w, args, &h.ID, &h.Name, &h.Language, &h.Created, &h.VersionID, &h.Version, &h.Units)
	return h, found, err
}

// VersionInfo returns a version's metadata and creation time.
func (t *tx) VersionInfo(ctx context.Context, versionID int64) (metadata, created string, err error) {
	_, err = t.c.queryRow(ctx, `SELECT metadata, created FROM versions WHERE id = $1`, []any{versionID}, &metadata, &created)
	return metadata, created, notFound(err, "version", versionID)
}

// Original returns a version's bytes.
func (t *tx) Original(ctx context.Context, versionID int64) ([]byte, error) {
	var b []byte
	ok, err := t.c.queryRow(ctx, `SELECT original FROM versions WHERE id = $1`, []any{versionID}, &b)
	if err == nil && !ok {
		err = notFound(pgx.ErrNoRows, "version", versionID)
	}
	return b, err
}

// notFound names what a statement did not find.
func notFound(err error, what string, id int64) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%s %d: %w", what, id, err)
	}
	return err
}

// VersionDocument returns the name and language of a version's document.
func (t *tx) VersionDocument(ctx context.Context, versionID int64) (name, language string, err error) {
	ok, err := t.c.queryRow(ctx, `SELECT d.name, d.language FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE v.id = $1`, []any{versionID}, &name, &language)
	if err == nil && !ok {
		err = notFound(pgx.ErrNoRows, "version", versionID)
	}
	return name, language, err
}

// LatestVersion returns the latest version of the document named name.
func (t *tx) LatestVersion(ctx context.Context, name string) (backend.LatestVersionRow, bool, error) {
	var v backend.LatestVersionRow
	found, err := t.c.queryRow(ctx, `SELECT d.id, d.language, v.id, v.number, v.sha256
		FROM documents d JOIN versions v ON v.document_id = d.id
		WHERE d.name = $1 ORDER BY v.number DESC LIMIT 1`, []any{name},
		&v.DocumentID, &v.Language, &v.VersionID, &v.Number, &v.SHA256)
	return v, found, err
}

// InsertDocument adds a document.
func (t *tx) InsertDocument(ctx context.Context, name, language, created string) (int64, error) {
	var id int64
	_, err := t.c.queryRow(ctx, `INSERT INTO documents (name, language, created) VALUES ($1, $2, $3) RETURNING id`,
		[]any{name, language, created}, &id)
	return id, err
}

// InsertVersion adds a version.
func (t *tx) InsertVersion(ctx context.Context, v backend.VersionRow) (int64, error) {
	var id int64
	_, err := t.c.queryRow(ctx, `INSERT INTO versions (document_id, number, original, sha256, metadata, created)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, []any{v.DocumentID, v.Number, v.Original, v.SHA256, v.Metadata, v.Created}, &id)
	return id, err
}

// VersionSources returns the units of a version in order.
func (t *tx) VersionSources(ctx context.Context, versionID int64) ([]backend.UnitSource, error) {
	var out []backend.UnitSource
	err := t.c.query(ctx, `SELECT u.id, u.source FROM version_units vu JOIN units u ON u.id = vu.unit_id
		WHERE vu.version_id = $1 ORDER BY vu.idx`, []any{versionID}, func(rows pgx.Rows) error {
		var o backend.UnitSource
		if err := rows.Scan(&o.ID, &o.Source); err != nil {
			return err
		}
		out = append(out, o)
		return nil
	})
	return out, err
}

// OtherUnits returns the units of a document that a version does not hold.
func (t *tx) OtherUnits(ctx context.Context, documentID, versionID int64) ([]backend.UnitSource, error) {
	var out []backend.UnitSource
	err := t.c.query(ctx, `SELECT u.id, u.source FROM units u WHERE u.document_id = $1
		AND NOT EXISTS (SELECT 1 FROM version_units vu WHERE vu.unit_id = u.id AND vu.version_id = $2)
		ORDER BY u.id`, []any{documentID, versionID}, func(rows pgx.Rows) error {
		var o backend.UnitSource
		if err := rows.Scan(&o.ID, &o.Source); err != nil {
			return err
		}
		out = append(out, o)
		return nil
	})
	return out, err
}

// NewestPlacement returns the newest version holding a unit, and its index.
func (t *tx) NewestPlacement(ctx context.Context, unitID int64) (int64, int, bool, error) {
	var versionID int64
	var idx int
	found, err := t.c.queryRow(ctx, `SELECT vu.version_id, vu.idx FROM version_units vu
		JOIN versions v ON v.id = vu.version_id WHERE vu.unit_id = $1 ORDER BY v.number DESC, vu.idx DESC LIMIT 1`,
		[]any{unitID}, &versionID, &idx)
	return versionID, idx, found, err
}

// arrayRows is the most rows one statement over arrays writes: a bound on
// the size of its message.
const arrayRows = 10000

// InsertUnits adds units to a document: their ids are taken from the
// table's sequence first, then the rows written over arrays, arrayRows
// rows a statement.
func (t *tx) InsertUnits(ctx context.Context, documentID int64, units []backend.NewUnit) ([]int64, error) {
	ids := make([]int64, 0, len(units))
	for start := 0; start < len(units); start += arrayRows {
		part, err := t.insertUnits(ctx, documentID, units[start:min(start+arrayRows, len(units))])
		if err != nil {
			return nil, err
		}
		ids = append(ids, part...)
	}
	return ids, nil
}

func (t *tx) insertUnits(ctx context.Context, documentID int64, units []backend.NewUnit) ([]int64, error) {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	ids, err := nextIDs(ctx, t.c.q, "units", len(units))
	if err != nil {
		return nil, err
	}
	sources := make([]string, len(units))
	words := make([]int64, len(units))
	prev := make([]*int64, len(units))
	for i, u := range units {
		sources[i], words[i] = u.Source, int64(u.Words)
		if u.Previous != 0 {
			prev[i] = &units[i].Previous
		}
	}
	_, err = t.c.q.Exec(ctx, `INSERT INTO units (id, document_id, source, words, previous_id) OVERRIDING SYSTEM VALUE
		SELECT u.id, $1, u.source, u.words, u.previous_id
		FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::bigint[]) AS u (id, source, words, previous_id)`,
		documentID, ids, sources, words, prev)
	return ids, err
}

// nextIDs takes n ids from the identity sequence of table's id column.
func nextIDs(ctx context.Context, q querier, table string, n int) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)`, table, n)
	if err != nil {
		return nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("next ids of %s: %w", table, err)
	}
	slices.Sort(ids)
	return ids, nil
}

// PlaceUnits places units in a version, arrayRows a statement.
func (t *tx) PlaceUnits(ctx context.Context, versionID int64, places []backend.Placement) error {
	for start := 0; start < len(places); start += arrayRows {
		if err := t.placeUnits(ctx, versionID, places[start:min(start+arrayRows, len(places))]); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) placeUnits(ctx context.Context, versionID int64, places []backend.Placement) error {
	idx := make([]int64, len(places))
	unit := make([]int64, len(places))
	kind := make([]string, len(places))
	start := make([]int64, len(places))
	end := make([]int64, len(places))
	for i, p := range places {
		idx[i], unit[i], kind[i], start[i], end[i] = int64(p.Index), p.UnitID, p.Kind, int64(p.Start), int64(p.End)
	}
	return t.exec(ctx, `INSERT INTO version_units (version_id, idx, unit_id, kind, start, "end")
		SELECT $1, p.idx, p.unit_id, p.kind, p.start, p."end"
		FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::bigint[], $6::bigint[]) AS p (idx, unit_id, kind, start, "end")
		ORDER BY p.idx`, versionID, idx, unit, kind, start, end)
}

// ints returns indexes as int64s.
func ints(indexes []int) []int64 {
	out := make([]int64, len(indexes))
	for i, x := range indexes {
		out[i] = int64(x)
	}
	return out
}

// UnitIDs returns the unit ids at indexes of a version (all when nil).
func (t *tx) UnitIDs(ctx context.Context, versionID int64, indexes []int) (map[int]int64, error) {
	out := make(map[int]int64, len(indexes))
	q, args := `SELECT vu.idx, vu.unit_id FROM version_units vu WHERE vu.version_id = $1`, []any{versionID}
	if indexes != nil {
		q, args = q+` AND vu.idx = ANY($2)`, append(args, ints(indexes))
	}
	err := t.c.query(ctx, q, args, func(rows pgx.Rows) error {
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

// InsertRevisions adds revisions, in order, over arrays, arrayRows a
// statement: their ids follow the order of revs. Migration 4's trigger
// keeps the counts of Stats up to date.
func (t *tx) InsertRevisions(ctx context.Context, revs []backend.RevisionRow) error {
	for start := 0; start < len(revs); start += arrayRows {
		if err := t.insertRevisions(ctx, revs[start:min(start+arrayRows, len(revs))]); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) insertRevisions(ctx context.Context, revs []backend.RevisionRow) error {
	n := len(revs)
	unit, merged := make([]int64, n), make([]*int64, n)
	lang, event, role, status, text, author, tm, note := make([]string, n), make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	codes, origin, msource := make([]*string, n), make([]*string, n), make([]*string, n)
	score := make([]*float64, n)
	skipped := make([]int16, n)
	for i := range revs {
		r := &revs[i]
		unit[i], lang[i], event[i], role[i], status[i], text[i], author[i], tm[i], note[i] =
			r.UnitID, r.Language, r.Event, r.Role, r.Status, r.Text, r.Author, r.Time, r.Note
		if r.Codes != "" {
			codes[i] = &r.Codes
		}
		if r.Origin != "" {
			origin[i] = &r.Origin
		}
		if r.HasScore {
			score[i] = &r.Score
		}
		if r.MergedInto != 0 {
			merged[i] = &r.MergedInto
		}
		if r.MatchSource != "" {
			msource[i] = &r.MatchSource
		}
		if r.ReviewSkipped {
			skipped[i] = 1
		}
	}
	return t.exec(ctx, `INSERT INTO revisions (unit_id, language, event, role, status, text, author, time, note, codes, score, origin, merged_into,
			match_source, review_skipped)
		SELECT r.unit_id, r.language, r.event, r.role, r.status, r.text, r.author, r.time, r.note, r.codes, r.score, r.origin, r.merged_into,
			r.match_source, r.review_skipped
		FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
			$10::text[], $11::float8[], $12::text[], $13::bigint[], $14::text[], $15::smallint[]) WITH ORDINALITY
			AS r (unit_id, language, event, role, status, text, author, time, note, codes, score, origin, merged_into,
				match_source, review_skipped, n)
		ORDER BY r.n`, unit, lang, event, role, status, text, author, tm, note, codes, score, origin, merged, msource, skipped)
}

// Latest returns units of a version with their latest revisions in lang
// (unit_latest, which migration 4's triggers keep, names them).
func (t *tx) Latest(ctx context.Context, versionID int64, lang string, indexes []int) ([]backend.LatestRow, error) {
	q := `SELECT vu.idx, vu.unit_id, u.source, r.status, r.text, r.codes, r.merged_into
		FROM version_units vu JOIN units u ON u.id = vu.unit_id
		LEFT JOIN unit_latest l ON l.unit_id = vu.unit_id AND l.language = $1
		LEFT JOIN revisions r ON r.id = l.revision_id
		WHERE vu.version_id = $2`
	args := []any{lang, versionID}
	if indexes != nil {
		q, args = q+` AND vu.idx = ANY($3)`, append(args, ints(indexes))
	}
	var out []backend.LatestRow
	err := t.c.query(ctx, q+` ORDER BY vu.idx`, args, func(rows pgx.Rows) error {
		var l backend.LatestRow
		var status, text, codes *string
		var merged *int64
		if err := rows.Scan(&l.Index, &l.UnitID, &l.Source, &status, &text, &codes, &merged); err != nil {
			return err
		}
		l.Has = status != nil
		l.Status, l.Text, l.Codes, l.MergedInto = deref(status), deref(text), deref(codes), derefInt(merged)
		out = append(out, l)
		return nil
	})
	return out, err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefInt(n *int64) int64 {
	if n == nil {
		return 0
	}
	return *n
}

// translatorText returns the translator's latest text revision of a unit.
func translatorText(ctx context.Context, q querier, unitID int64, lang string) (backend.RevisionRow, bool, error) {
	r := backend.RevisionRow{UnitID: unitID, Language: lang}
	err := q.QueryRow(ctx, `SELECT id, text, author, time FROM revisions
		WHERE unit_id = $1 AND language = $2 AND role = 'translator' AND event = 'revise'
		ORDER BY id DESC LIMIT 1`, unitID, lang).Scan(&r.ID, &r.Text, &r.Author, &r.Time)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

// Stats counts the units of a version by the language and status of their
// latest revisions, from the counts migration 7 keeps.
func (t *tx) Stats(ctx context.Context, versionID int64) ([]backend.StatRow, error) {
	var out []backend.StatRow
	err := t.c.query(ctx, `SELECT language, status, proposed <> 0, units, words FROM version_stats
		WHERE version_id = $1 AND units > 0 ORDER BY language, status, proposed`, []any{versionID}, func(rows pgx.Rows) error {
		var s backend.StatRow
		if err := rows.Scan(&s.Language, &s.Status, &s.Proposed, &s.Units, &s.Words); err != nil {
			return err
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// SyncRows returns the units at indexes of a version and their
// neighbours (every unit when indexes is nil) with their latest revisions.
func (t *tx) SyncRows(ctx context.Context, versionID int64, lang string, indexes []int) ([]backend.SyncRow, error) {
	q := `SELECT vu.idx, u.id, u.source, r.status, r.text, r.codes, r.author, r.role, r.time
		FROM version_units vu
		JOIN units u ON u.id = vu.unit_id
		LEFT JOIN unit_latest l ON l.unit_id = vu.unit_id AND l.language = $1
		LEFT JOIN revisions r ON r.id = l.revision_id
		WHERE vu.version_id = $2`
	args := []any{lang, versionID}
	if indexes != nil {
		near := make([]int64, 0, 3*len(indexes))
		for _, i := range indexes {
			near = append(near, int64(i-1), int64(i), int64(i+1))
		}
		q, args = q+` AND vu.idx = ANY($3)`, append(args, near)
	}
	var out []backend.SyncRow
	err := t.c.query(ctx, q+` ORDER BY vu.idx`, args, func(rows pgx.Rows) error {
		var s backend.SyncRow
		var status, text, codes, author, role, tm *string
		if err := rows.Scan(&s.Index, &s.UnitID, &s.Source, &status, &text, &codes, &author, &role, &tm); err != nil {
			return err
		}
		s.Status, s.Text, s.Codes, s.Author, s.Role, s.Time = deref(status), deref(text), deref(codes), deref(author), deref(role), deref(tm)
		out = append(out, s)
		return nil
	})
	return out, err
}

// ReadUnits reads the units of a version and their revisions in lang in
// one query (a unit's row repeated for each of its revisions) through a
// cursor, and calls fn with each unit and its revisions.
func (t *tx) ReadUnits(ctx context.Context, versionID int64, lang string, fn func(backend.UnitRow, []backend.RevisionRow) error) error {
	type joined struct {
		u  backend.UnitRow
		r  backend.RevisionRow
		ok bool
	}
	var cur backend.UnitRow
	var revs []backend.RevisionRow
	have := false
	err := each(ctx, t, `SELECT vu.idx, vu.kind, vu.start, vu."end", u.source, u.words,
			CASE WHEN u.previous_id IS NOT NULL THEN (SELECT p.text FROM revisions p
				WHERE p.unit_id = u.previous_id AND p.language = $1 ORDER BY p.id DESC LIMIT 1) END,
			r.id, r.event, r.role, r.status, r.text, r.author, r.time, r.note, r.codes, r.score, r.origin,
			CASE WHEN r.merged_into IS NOT NULL THEN coalesce((SELECT max(m.idx) FROM version_units m
				WHERE m.version_id = $2 AND m.unit_id = r.merged_into), 0) END,
			r.match_source, r.review_skipped
		FROM version_units vu JOIN units u ON u.id = vu.unit_id
		LEFT JOIN revisions r ON r.unit_id = vu.unit_id AND r.language = $1
		WHERE vu.version_id = $2 ORDER BY vu.idx, r.id`, []any{lang, versionID},
		func(rows pgx.Rows) (joined, error) {
			var j joined
			var sugg, codes, origin *string
			var rid, merged *int64
			var event, role, status, text, author, tm, note *string
			var score *float64
			var msource *string
			var skipped *int16
			err := rows.Scan(&j.u.Index, &j.u.Kind, &j.u.Start, &j.u.End, &j.u.Source, &j.u.Words, &sugg,
				&rid, &event, &role, &status, &text, &author, &tm, &note, &codes, &score, &origin, &merged, &msource, &skipped)
			if err != nil {
				return j, err
			}
			j.u.Suggestion = deref(sugg)
			if rid != nil {
				j.ok = true
				j.r = backend.RevisionRow{ID: *rid, Language: lang, Event: deref(event), Role: deref(role), Status: deref(status),
					Text: deref(text), Author: deref(author), Time: deref(tm), Note: deref(note), Codes: deref(codes),
					Origin: deref(origin), MergedInto: derefInt(merged), Merges: merged != nil,
					MatchSource: deref(msource), ReviewSkipped: skipped != nil && *skipped != 0}
				if score != nil {
					j.r.Score, j.r.HasScore = *score, true
				}
			}
			return j, nil
		},
		func(j joined) error {
			if have && j.u.Index != cur.Index {
				if err := fn(cur, revs); err != nil {
					return err
				}
				revs = revs[:0]
			}
			cur, have = j.u, true
			if j.ok {
				revs = append(revs, j.r)
			}
			return nil
		})
	if err != nil || !have {
		return err
	}
	return fn(cur, revs)
}
