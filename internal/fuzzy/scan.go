package fuzzy

import (
	"cmp"
	"slices"

	"github.com/padan-tm/padan/worddiff"
)

// Hit is a stored unit found by a scan: its position in the scanned slice
// and its score.
type Hit struct {
	Index int
	Result
}

// Compare orders hits best first: higher score, then higher base score, then
// the later unit (a newer translation) first.
func Compare(a, b Hit) int {
	return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(b.Base, a.Base), cmp.Compare(b.Index, a.Index))
}

// Scan scores every unit against the query and returns those scoring at
// least m, best first (see [Compare]), at most k of them (k ≤ 0: all). It
// uses no filter and is the oracle the index is tested against.
func Scan(q Analysis, units []Analysis, m, k int) []Hit {
	var hits []Hit
	for i, u := range units {
		// The full distance, with no limit and no length filter; the
		// penalties (which only lower the score) are computed when the
		// base score reaches m.
		d := worddiff.Levenshtein(q.Keys, u.Keys, -1)
		if Base(len(q.Keys), len(u.Keys), d) < m {
			continue
		}
		if r := finish(q, u, d); r.Score >= m {
			hits = append(hits, Hit{Index: i, Result: r})
		}
	}
	slices.SortFunc(hits, Compare)
	if k > 0 && len(hits) > k {
		hits = hits[:k]
	}
	return hits
}
