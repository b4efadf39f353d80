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

// queryKeys maps the query's keys to token ids and document frequencies,
// from the tokens the dictionary holds (known). Keys absent from the
// dictionary get distinct negative ids and frequency 0: no entry holds
// them.
func queryKeys(keys []string, known map[string]backend.TokenRow) (ids []int64, idOf map[string]int64, df map[string]int) {
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
	return ids, idOf, df
}

// lookupKeys returns the keys whose tokens a lookup of qa reads: the
// query's, or for a query without keys the empty key, under which the
// entries without keys are posted.
func lookupKeys(qa fuzzy.Analysis) []string {
	if len(qa.Keys) == 0 {
		return []string{emptyKey}
	}
	return qa.Keys
}

// filtered holds the candidate entries (increasing ids) and the query's
// token ids.
type filtered struct {
	qids []int64
	ids  []int64
}

// countBudget is the longest posting list (in document frequency) read
// beyond the prefix to count shared keys, unless countPerCandidate allows
// a longer one. They change only the work done, never the result; tests
// lower them to exercise both paths.
var countBudget = 1 << 16

// countPerCandidate lets the lists that count shared keys be as long as
// this many times the number of candidates the prefix gave: every
// candidate the count drops saves reading its key list (an index lookup
// each, a few µs), which costs as much as merging some tens of posting
// ids. Without it, a query of common words sent thousands of candidates
// to verification.
var countPerCandidate = 8

// candidates returns the entries the length, prefix and count filters let
// through (see internal/fuzzy): the posting lists of the prefix keys give
// the candidates; the lists of the next keys, rarest first, as long as
// they are shorter than countBudget, count the keys each candidate shares.
// A candidate is dropped when even holding every key not read it would
// share fewer than ⌈m·max(lq, lu)/100⌉ keys. known holds the tokens of
// lookupKeys(qa) that the dictionary has. The prefix's lists are read in
// one call of the reader, the counted ones in another.
func candidates(ctx context.Context, r backend.MemoryReader, pair int64, qa fuzzy.Analysis, known map[string]backend.TokenRow, m int) (filtered, error) {
	qids, idOf, df := queryKeys(qa.Keys, known)
	lq := len(qa.Keys)
	probe := fuzzy.Probe(qa.Keys, m, func(k string) int { return df[k] })
	if lq == 0 {
		// Only entries without keys can match: they are posted under
		// the empty key.
		_, idOf, df = queryKeys([]string{emptyKey}, known)
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
	keyOf := map[int64]string{}
	for _, k := range order {
		keyOf[idOf[k]] = k
	}
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
	for _, key := range probe {
		unread -= qcount[key]
	}
	var ids []int64
	err := readPostings(ctx, r, pair, tokenIDs(probe, idOf), lo, hi, &ids, func(token int64, l int, ids []int64) error {
		g := gathered[l]
		for range max(1, qcount[keyOf[token]]) { // the empty key: once
			g = append(g, ids...)
		}
		gathered[l] = g
		return nil
	})
	if err != nil {
		return filtered{}, err
	}
	// The next lists only count: the candidates of each length, sorted by
	// id, are merged with the list's blocks of that length. After each
	// list the candidates that can no longer share enough keys are
	// dropped, and once none is left the reading stops.
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
	// The counted keys: those after the prefix while their lists are
	// short enough (the rest is sorted by frequency).
	budget := max(countBudget, countPerCandidate*live)
	count := order[len(probe):]
	for i, key := range count {
		if df[key] > budget {
			count = count[:i]
			break
		}
	}
	position := map[int64]int{}
	for i, key := range count {
		position[idOf[key]] = i
	}
	// done is how many counted keys are read and their candidates
	// dropped; finish completes the keys before the one at position to.
	done := 0
	finish := func(to int) {
		for ; done < to && live > 0; done++ {
			unread -= qcount[count[done]]
			live = 0
			for l, cs := range byLen {
				need := fuzzy.MinShared(max(lq, l), m)
				cs = slices.DeleteFunc(cs, func(c counted) bool { return c.shared+unread < need })
				byLen[l] = cs
				live += len(cs)
			}
		}
	}
	if live > 0 && len(count) > 0 {
		err := readPostings(ctx, r, pair, tokenIDs(count, idOf), lo, hi, &ids, func(token int64, l int, ids []int64) error {
			p := position[token]
			finish(p)
			if live == 0 {
				return backend.ErrStop
			}
			cs := byLen[l]
			add := qcount[count[p]]
			for a, b := 0, 0; a < len(cs) && b < len(ids); {
				switch {
				case cs[a].id < ids[b]:
					a++
				case cs[a].id > ids[b]:
					b++
				default:
					cs[a].shared += add
					a, b = a+1, b+1
				}
			}
			return nil
		})
		if err != nil {
			return filtered{}, err
		}
		finish(len(count))
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

// tokenIDs returns the token ids of keys that the dictionary holds (id >
// 0), in order: a key no entry holds has no postings.
func tokenIDs(keys []string, idOf map[string]int64) []int64 {
	var out []int64
	for _, k := range keys {
		if id := idOf[k]; id > 0 {
			out = append(out, id)
		}
	}
	return out
}

// readPostings reads, in one call of the reader, the posting blocks of
// tokens for key counts lo–hi and calls fn with each block's token, key
// count and ids (valid until fn returns), token by token in order; fn
// returns [backend.ErrStop] to stop.
func readPostings(ctx context.Context, r backend.MemoryReader, pair int64, tokens []int64, lo, hi int, buf *[]int64, fn func(token int64, l int, ids []int64) error) error {
	if len(tokens) == 0 {
		return nil
	}
	return r.PostingLists(ctx, pair, tokens, lo, hi, func(p backend.PostingRow) error {
		var err error
		if *buf, err = appendPostings((*buf)[:0], p.First, p.IDs); err != nil {
			return err
		}
		return fn(p.Token, p.Len, *buf)
	})
}

// verify scores the candidates: first on token ids with the bounded
// distance, then, for those within reach, on their analysed source with
// the penalties. It reads the candidates' key lists in one call of the
// reader, and the sources of those within reach in another.
func verify(ctx context.Context, r backend.MemoryReader, qa fuzzy.Analysis, m int, f filtered) ([]candidate, error) {
	var near []int64
	var uids []int64
	if len(f.ids) > 0 {
		err := r.Keys(ctx, f.ids, func(k backend.KeysRow) error {
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
	if len(near) > 0 {
		err := r.Sources(ctx, near, func(id int64, source string, cx []byte) error {
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
