package tm

import (
	"context"
	"database/sql"
	"slices"
)

// matchEarlier completes align's matching of a new version's units (same
// and previous, as align returns them for the previous version's units old)
// with the units of every earlier version of the document, so that no
// translated unit is orphaned by a version that lost it (a file imported cut
// short, say):
//
//   - a new unit that align left unmatched takes the newest unit of the
//     document with the same text that the new version does not already
//     use (a unit of an older version, or one of the previous version that
//     the order-keeping alignment passed over);
//   - a changed unit that got no suggestion from the previous version takes,
//     as its previous unit, the one that stood at the same distance from its
//     nearest matched neighbour in the newest version holding that
//     neighbour.
//
// Its cost is linear: one query reads the document's units that the
// previous version does not hold, keeping only those whose text an
// unmatched new unit has; then each gap of unmatched new units that lacks
// suggestions costs two indexed queries (statements prepared once).
func matchEarlier(ctx context.Context, tx *sql.Tx, docID, prevVersion int64, old []oldUnit, sources []string, same, previous []int64) (restored int, err error) {
	if !slices.Contains(same, 0) {
		return 0, nil // every unit kept: the usual re-import
	}
	used := make(map[int64]bool, len(sources))
	want := map[string]int64{} // text of an unmatched new unit → newest free unit with it
	for i, id := range same {
		if id != 0 {
			used[id] = true
		} else {
			want[sources[i]] = 0
		}
	}
	// Units of the previous version that align passed over.
	for _, o := range old {
		if _, ok := want[o.source]; ok && !used[o.id] && o.id > want[o.source] {
			want[o.source] = o.id
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT u.id, u.source FROM units u WHERE u.document_id = ?
		AND NOT EXISTS (SELECT 1 FROM version_units vu WHERE vu.unit_id = u.id AND vu.version_id = ?)`, docID, prevVersion)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var id int64
		var src string
		if err := rows.Scan(&id, &src); err != nil {
			rows.Close()
			return 0, err
		}
		if have, ok := want[src]; ok && id > have {
			want[src] = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	// Exact matches, each unit once (a text twice in the new version takes
	// the unit once; the second occurrence is a new unit).
	for i, id := range same {
		if id != 0 {
			continue
		}
		if u := want[sources[i]]; u != 0 && !used[u] {
			same[i], previous[i] = u, 0
			used[u] = true
			restored++
		}
	}
	// Suggestions for the changed units still without one, gap by gap,
	// with two statements prepared once.
	var q neighbourQueries
	defer q.close()
	for g0 := 0; g0 < len(same); {
		if same[g0] != 0 {
			g0++
			continue
		}
		g1 := g0
		lacking := false
		for g1 < len(same) && same[g1] == 0 {
			lacking = lacking || previous[g1] == 0
			g1++
		}
		if lacking {
			if err := q.suggest(ctx, tx, same, previous, used, g0, g1); err != nil {
				return 0, err
			}
		}
		g0 = g1
	}
	return restored, nil
}

// neighbourQueries are the statements of neighbourQueries.suggest,
// prepared at its first call.
type neighbourQueries struct {
	placement, units *sql.Stmt
}

func (q *neighbourQueries) close() {
	if q.placement != nil {
		q.placement.Close()
		q.units.Close()
	}
}

// suggest gives the unmatched new units g0…g1-1 that have no previous unit
// the units standing at the same distance from the gap's matched neighbour
// (the one before the gap, else the one after) in the newest version that
// holds that neighbour; it never gives a unit the new version uses.
func (q *neighbourQueries) suggest(ctx context.Context, tx *sql.Tx, same, previous []int64, used map[int64]bool, g0, g1 int) error {
	if q.placement == nil {
		var err error
		if q.placement, err = tx.PrepareContext(ctx, `SELECT vu.version_id, vu.idx FROM version_units vu
			JOIN versions v ON v.id = vu.version_id WHERE vu.unit_id = ? ORDER BY v.number DESC LIMIT 1`); err != nil {
			return err
		}
		if q.units, err = tx.PrepareContext(ctx, `SELECT idx, unit_id FROM version_units WHERE version_id = ? AND idx BETWEEN ? AND ?`); err != nil {
			q.placement.Close()
			q.placement = nil
			return err
		}
	}
	var anchor int64
	var lo int // the idx, in the neighbour's version, of unit g0
	after := g0 == 0
	if !after {
		anchor = same[g0-1]
	} else if g1 < len(same) {
		anchor = same[g1]
	} else {
		return nil // no neighbour at all
	}
	var versionID int64
	var idx int
	err := q.placement.QueryRowContext(ctx, anchor).Scan(&versionID, &idx)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	if after {
		lo = idx - (g1 - g0)
	} else {
		lo = idx + 1
	}
	rows, err := q.units.QueryContext(ctx, versionID, lo, lo+(g1-g0)-1)
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
		if j := g0 + i - lo; j >= g0 && j < g1 && previous[j] == 0 && !used[id] {
			previous[j] = id
		}
	}
	return rows.Err()
}
