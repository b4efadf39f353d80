package memory

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/worddiff"
)

// queryKeys maps the query's keys to token ids and document frequencies.
// Keys absent from the dictionary get distinct negative ids and frequency
// 0: no entry holds them.
func queryKeys(ctx context.Context, r backend.MemoryReader, keys []string) (ids []int64, idOf map[string]int64, df map[string]int, err error) {
	known, err := r.Tokens(ctx, keys)
	if err != nil {
		return nil, nil, nil, err
	}
	df = map[string]int{}
	idOf = map[string]int64{}
	ids = make([]int64, len(keys))
	for i, k := range keys {
		id, ok := idOf[k]
		if !ok {
			t, found := known[k]
			id = t.ID
			if !found {
				id = -int64(i) - 1
			}
			idOf[k], df[k] = id, t.DF
		}
		ids[i] = id
	}
	return ids, idOf, df, nil
}

// filtered holds the candidate entries (increasing ids) and the query's
// token ids.
type filtered struct {
	qids []int64
	ids  []int64
}

// countBudget is the longest posting list (in document frequency) read
// beyond the prefix to count shared keys. It changes only the work done,
// never the result; tests lower it to exercise both paths.
var countBudget = 1 << 16

// candidates returns the entries the length, prefix and count filters let
// through (see internal/fuzzy): the posting lists of the prefix keys give
// the candidates; the lists of the next keys, rarest first, as long as
// they are shorter than countBudget, count the keys each candidate shares.
// A candidate is dropped when even holding every key not read it would
// share fewer than ⌈m·max(lq, lu)/100⌉ keys.
func candidates(ctx context.Context, r backend.MemoryReader, pair int64, qa fuzzy.Analysis, m int) (filtered, error) {
	qids, idOf, df, err := queryKeys(ctx, r, qa.Keys)
	if err != nil {
		return filtered{}, err
	}
	lq := len(qa.Keys)
	probe := fuzzy.Probe(qa.Keys, m, func(k string) int { return df[k] })
	if lq == 0 {
		// Only entries without keys can match: they are posted under
		// the empty key.
		_, idOf, df, err = queryKeys(ctx, r, []string{emptyKey})
		if err != nil {
			return filtered{}, err
		}
		probe = []string{emptyKey}
	}
	qcount := map[string]int{}
	for _, k := range qa.Keys {
		qcount[k]++
	}
	// The keys to read: the prefix's, then the others rarest first.
	order := slices.Clone(probe)
	var rest []string
	for k := range qcount {
		if !slices.Contains(probe, k) {
			rest = append(rest, k)
		}
	}
	slices.SortFunc(rest, func(a, b string) int { return cmp.Or(cmp.Compare(df[a], df[b]), cmp.Compare(a, b)) })
	order = append(order, rest...)
	unread := lq // occurrences of keys not read yet (upper bound of what they add)

	lo, hi := fuzzy.LengthRange(lq, m)
	// The prefix's lists give the candidates. Their ids are gathered by
	// key count, once per query item they hold (a key the query has twice
	// counts twice), then sorted: a run of one id is a candidate and its
	// length the number of items it shares so far.
	type counted struct {
		id     int64
		shared int
	}
	gathered := map[int][]int64{}
	var ids []int64
	i := 0
	for ; i < len(probe); i++ {
		key := order[i]
		unread -= qcount[key]
		err := readPostings(ctx, r, pair, idOf[key], lo, hi, &ids, func(l int, ids []int64) {
			g := gathered[l]
			for range max(1, qcount[key]) { // the empty key: once
				g = append(g, ids...)
			}
			gathered[l] = g
		})
		if err != nil {
			return filtered{}, err
		}
	}
	// The next lists only count: the candidates of each length, sorted by
	// id, are merged with the list's blocks of that length. After each
	// list the candidates that can no longer share enough keys are
	// dropped.
	byLen := map[int][]counted{}
	live := 0
	for l, g := range gathered {
		slices.Sort(g)
		var cs []counted
		for a := 0; a < len(g); {
			b := a + 1
			for b < len(g) && g[b] == g[a] {
				b++
			}
			cs = append(cs, counted{g[a], b - a})
			a = b
		}
		byLen[l] = cs
		live += len(cs)
	}
	gathered = nil
	for ; i < len(order) && live > 0; i++ {
		key := order[i]
		if df[key] > countBudget {
			break
		}
		unread -= qcount[key]
		err := readPostings(ctx, r, pair, idOf[key], lo, hi, &ids, func(l int, ids []int64) {
			cs := byLen[l]
			for a, b := 0, 0; a < len(cs) && b < len(ids); {
				switch {
				case cs[a].id < ids[b]:
					a++
				case cs[a].id > ids[b]:
					b++
				default:
					cs[a].shared += qcount[key]
					a, b = a+1, b+1
				}
			}
		})
		if err != nil {
			return filtered{}, err
		}
		live = 0
		for l, cs := range byLen {
			need := fuzzy.MinShared(max(lq, l), m)
			cs = slices.DeleteFunc(cs, func(c counted) bool { return c.shared+unread < need })
			byLen[l] = cs
			live += len(cs)
		}
	}
	f := filtered{qids: qids}
	for l, cs := range byLen {
		need := fuzzy.MinShared(max(lq, l), m)
		for _, c := range cs {
			if c.shared+unread >= need {
				f.ids = append(f.ids, c.id)
			}
		}
	}
	slices.Sort(f.ids)
	return f, nil
}

// readPostings reads the posting blocks of a token for key counts lo–hi and
// calls fn with each block's key count and ids (valid until fn returns).
// A token id ≤ 0 (a key no entry holds) has no postings.
func readPostings(ctx context.Context, r backend.MemoryReader, pair, token int64, lo, hi int, buf *[]int64, fn func(l int, ids []int64)) error {
	if token <= 0 {
		return nil
	}
	return r.Postings(ctx, pair, token, lo, hi, func(p backend.PostingRow) error {
		var err error
		if *buf, err = appendPostings((*buf)[:0], p.First, p.IDs); err != nil {
			return err
		}
		fn(p.Len, *buf)
		return nil
	})
}

// verifyBatch is how many entries one verification query reads.
const verifyBatch = 256

// verify scores the candidates: first on token ids with the bounded
// distance, then, for those within reach, on their analysed source with
// the penalties.
func verify(ctx context.Context, r backend.MemoryReader, qa fuzzy.Analysis, m int, f filtered) ([]candidate, error) {
	var near []int64
	var uids []int64
	for batch := range slices.Chunk(f.ids, verifyBatch) {
		err := r.Keys(ctx, batch, func(k backend.KeysRow) error {
			var err error
			if uids, err = decodeKeys(uids, k.Keys); err != nil {
				return fmt.Errorf("entry %d: %w", k.ID, err)
			}
			limit := fuzzy.MaxDistance(len(f.qids), len(uids), m)
			if limit >= 0 && worddiff.Levenshtein(f.qids, uids, limit) <= limit {
				near = append(near, k.ID)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	var out []candidate
	for batch := range slices.Chunk(near, verifyBatch) {
		err := r.Sources(ctx, batch, func(id int64, source string, cx []byte) error {
			if res, ok := fuzzy.ScoreAtLeast(qa, analyze(source), m); ok {
				out = append(out, candidate{id: id, res: res, ctx: cx})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
