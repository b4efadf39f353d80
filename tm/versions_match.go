package tm

import (
	"context"
	"slices"

	"github.com/padan-tm/padan/tm/internal/backend"
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
func matchEarlier(ctx context.Context, tx backend.Tx, docID, prevVersion int64, old []backend.UnitSource, sources []string, same, previous []int64) (restored int, err error) {
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
		if _, ok := want[o.Source]; ok && !used[o.ID] && o.ID > want[o.Source] {
			want[o.Source] = o.ID
		}
	}
	others, err := tx.OtherUnits(ctx, docID, prevVersion)
	if err != nil {
		return 0, err
	}
	for _, o := range others {
		if have, ok := want[o.Source]; ok && o.ID > have {
			want[o.Source] = o.ID
		}
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
	// Suggestions for the changed units still without one, gap by gap.
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
			if err := suggest(ctx, tx, same, previous, used, g0, g1); err != nil {
				return 0, err
			}
		}
		g0 = g1
	}
	return restored, nil
}

// suggest gives the unmatched new units g0…g1-1 that have no previous unit
// the units standing at the same distance from the gap's matched neighbour
// (the one before the gap, else the one after) in the newest version that
// holds that neighbour; it never gives a unit the new version uses.
func suggest(ctx context.Context, tx backend.Tx, same, previous []int64, used map[int64]bool, g0, g1 int) error {
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
	versionID, idx, found, err := tx.NewestPlacement(ctx, anchor)
	if err != nil || !found {
		return err
	}
	if after {
		lo = idx - (g1 - g0)
	} else {
		lo = idx + 1
	}
	var at []int
	for i := max(lo, 1); i <= lo+(g1-g0)-1; i++ {
		at = append(at, i)
	}
	if len(at) == 0 {
		return nil
	}
	ids, err := tx.UnitIDs(ctx, versionID, at)
	if err != nil {
		return err
	}
	for i, id := range ids {
		if j := g0 + i - lo; j >= g0 && j < g1 && previous[j] == 0 && !used[id] {
			previous[j] = id
		}
	}
	return nil
}
