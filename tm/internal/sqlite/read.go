package sqlite

import (
	"context"
	"database/sql"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// Queries of ReadUnits, both in the order of the version's units: the
// units with the latest text of the unit each replaced (its suggestion),
// and their revisions in the language. A revision's last column is NULL
// when it marks no merge, else the index in the version of the unit it
// merges into (the last one, should a unit be placed twice), or 0 when that
// unit is not in the version.
const (
	unitsQuery = `SELECT vu.idx, vu.kind, vu.start, vu."end", u.source, u.words,
			CASE WHEN u.previous_id IS NOT NULL THEN (SELECT p.text FROM revisions p
				WHERE p.unit_id = u.previous_id AND p.language = ?1 ORDER BY p.id DESC LIMIT 1) END
		FROM version_units vu JOIN units u ON u.id = vu.unit_id
		WHERE vu.version_id = ?2 ORDER BY vu.idx`
	revisionsQuery = `SELECT vu.idx, r.id, r.event, r.role, r.status, r.text, r.author, r.time,
			r.note, r.codes, r.score, r.origin,
			CASE WHEN r.merged_into IS NOT NULL THEN coalesce((SELECT max(m.idx) FROM version_units m
				WHERE m.version_id = ?2 AND m.unit_id = r.merged_into), 0) END,
			r.match_source, r.review_skipped
		FROM version_units vu JOIN revisions r ON r.unit_id = vu.unit_id AND r.language = ?1
		WHERE vu.version_id = ?2 ORDER BY vu.idx, r.id`
)

// ReadUnits reads the units of a version and their revisions in lang with
// two cursors walked side by side, and calls fn with each unit and its
// revisions. Rows are scanned into plain values (see [row]), the cheapest
// way through database/sql. The revisions slice is fn's to keep.
func (t *tx) ReadUnits(ctx context.Context, versionID int64, lang string, fn func(backend.UnitRow, []backend.RevisionRow) error) error {
	units, err := t.tx.QueryContext(ctx, unitsQuery, lang, versionID)
	if err != nil {
		return err
	}
	defer units.Close()
	revs, err := t.tx.QueryContext(ctx, revisionsQuery, lang, versionID)
	if err != nil {
		return err
	}
	defer revs.Close()
	// next is the revision read ahead, of the unit at index nextIdx (0 when
	// there is none left).
	var next backend.RevisionRow
	nextIdx := 0
	var rv row
	advance := func() error {
		nextIdx = 0
		if !revs.Next() {
			return revs.Err()
		}
		if err := rv.scan(revs, 15); err != nil {
			return err
		}
		nextIdx = rv.int(0)
		next = backend.RevisionRow{
			ID: int64(rv.int(1)), Language: lang, Event: rv.str(2), Role: rv.str(3), Status: rv.str(4),
			Text: rv.str(5), Author: rv.str(6), Time: rv.str(7), Note: rv.str(8), Codes: rv.str(9),
			Origin: rv.str(11), MergedInto: int64(rv.int(12)), Merges: rv.v[12] != nil,
			MatchSource: rv.str(13), ReviewSkipped: rv.int(14) != 0,
		}
		next.Score, next.HasScore = rv.v[10].(float64)
		return nil
	}
	if err := advance(); err != nil {
		return err
	}
	var ur row
	var rs []backend.RevisionRow // reused: fn copies what it keeps
	for units.Next() {
		if err := ur.scan(units, 7); err != nil {
			return err
		}
		u := backend.UnitRow{Index: ur.int(0), Kind: ur.str(1), Start: ur.int(2), End: ur.int(3), Source: ur.str(4),
			Words: ur.int(5), Suggestion: ur.str(6)}
		rs = rs[:0]
		for nextIdx != 0 && nextIdx <= u.Index {
			if nextIdx == u.Index {
				rs = append(rs, next)
			}
			if err := advance(); err != nil {
				return err
			}
		}
		if err := fn(u, rs); err != nil {
			return err
		}
	}
	return units.Err()
}

// row holds the columns of a result row as the driver gives them (int64,
// float64, string or nil): scanning into interface values skips the
// conversions by reflection that database/sql makes into other types.
type row struct {
	v    [15]any
	dest [15]any
}

// scan reads the n first columns of the current row of rows.
func (r *row) scan(rows *sql.Rows, n int) error {
	if r.dest[0] == nil {
		for i := range r.dest {
			r.dest[i] = &r.v[i]
		}
	}
	return rows.Scan(r.dest[:n]...)
}

// int returns column i as an int, 0 for NULL.
func (r *row) int(i int) int {
	n, _ := r.v[i].(int64)
	return int(n)
}

// str returns column i as a string, "" for NULL.
func (r *row) str(i int) string {
	s, _ := r.v[i].(string)
	return s
}
