package memory

import (
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"

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

// The lists read beyond the prefix only count the keys that candidates
// share, to drop those that cannot reach the minimum before their key
// lists are read. Reading a posting id costs some ns, verifying a
// candidate some µs (its key list is an index lookup, then a bounded edit
// distance), and rarer lists, read first, drop the most: a list is read
// while its document frequency is at most countPerLive times the
// candidates still live, or countFloor. The lists are read in groups, each
// one call of the reader (one statement on a backend with round trips),
// whose frequencies add up to at most countPerGroup times the candidates
// (or countFloor), so that a server does not read many lists that the
// count will not use once it has dropped most candidates. The limits
// change only the work done, never the result; tests change them to
// exercise every path.
var (
	countFloor    = 1024
	countPerLive  = 256
	countPerGroup = 2
)

// candidates returns the entries the length, prefix and count filters let
// through (see internal/fuzzy): the posting lists of the prefix keys give
// the candidates; the lists of the next keys, rarest first, while they are
// short enough for the candidates left (countPerLive), count the keys each
// candidate shares. A candidate is dropped when even holding every key not
// read it would share fewer than ⌈m·max(lq, lu)/100⌉ keys. known holds the
// tokens of lookupKeys(qa) that the dictionary has. The prefix's lists are
// read in one call of the reader, the counted ones in groups of one call
// each (countPerGroup).
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
	// The prefix's lists give the candidates: for each key count, runs of
	// increasing ids of a prefix key (its blocks of that count, in order,
	// as long as each starts after the last ends: writers that ran at the
	// same time on PostgreSQL may have left blocks whose ranges overlap),
	// weighted by the items of the query the key stands for (a key the
	// query has twice counts twice; the empty key once). Merging the runs
	// gives each candidate and the items it shares so far.
	sc := scratchPool.Get().(*scratch)
	byLen := map[int][]counted{}
	defer func() {
		for _, cs := range byLen {
			sc.counted.put(cs)
		}
		scratchPool.Put(sc)
	}()
	runs := map[int][]run{}
	for _, key := range probe {
		unread -= qcount[key]
	}
	err := r.PostingLists(ctx, pair, tokenIDs(probe, idOf), lo, hi, func(p backend.PostingRow) error {
		rs := runs[p.Len]
		if n := len(rs); n == 0 || rs[n-1].token != p.Token || rs[n-1].ids[len(rs[n-1].ids)-1] >= p.First {
			rs = append(rs, run{token: p.Token, weight: max(1, qcount[keyOf[p.Token]]), ids: sc.ids.get()})
		}
		last := &rs[len(rs)-1]
		var err error
		last.ids, err = appendPostings(slices.Grow(last.ids, len(p.IDs)+1), p.First, p.IDs)
		runs[p.Len] = rs
		return err
	})
	if err == nil {
		for l, rs := range runs {
			var spare []counted
			byLen[l], spare = mergeRuns(rs, sc.counted.get(), sc.counted.get())
			sc.counted.put(spare)
		}
	}
	for _, rs := range runs {
		for _, r := range rs {
			sc.ids.put(r.ids)
		}
	}
	runs = nil
	if err != nil {
		return filtered{}, err
	}
	live := 0
	for _, cs := range byLen {
		live += len(cs)
	}
	// The next lists only count, rarest first: each block is merged with
	// the candidates of its key count. After each list the candidates that
	// can no longer share enough keys are dropped; the reading stops once
	// none is left or the next list is longer than the candidates left
	// are worth (see countPerLive).
	count := order[len(probe):]
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
	limit := func() int { return max(countFloor, countPerLive*live) }
	for i := 0; i < len(count) && live > 0; {
		// The group: the next keys whose lists are within the limit, as
		// many as countPerGroup allows in all (at least one).
		lim, glim := limit(), max(countFloor, countPerGroup*live)
		j, sum := i, 0
		for j < len(count) && df[count[j]] <= lim && (j == i || sum+df[count[j]] <= glim) {
			sum += df[count[j]]
			j++
		}
		if j == i {
			break
		}
		stopped := j
		err := r.PostingLists(ctx, pair, tokenIDs(count[i:j], idOf), lo, hi, func(b backend.PostingRow) error {
			p := position[b.Token]
			finish(p)
			if live == 0 || df[count[p]] > limit() {
				stopped = p
				return backend.ErrStop
			}
			return countBlock(byLen[b.Len], b.First, b.IDs, qcount[count[p]])
		})
		if err != nil {
			return filtered{}, err
		}
		finish(stopped)
		if stopped < j {
			break
		}
		i = j
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

// counted is a candidate of the lookup filter: an entry and the query
// items it shares among the lists read.
type counted struct {
	id     int64
	shared int
}

// run is ids of one prefix key's posting blocks of one key count, in
// increasing order, and the weight of each: the query items the key
// stands for.
type run struct {
	token  int64
	weight int
	ids    []int64
}

// mergeRuns returns the ids of rs in increasing order, each once, with the
// sum of the weights of the runs holding it, in one of the buffers a and b
// (grown as needed), and the other buffer, for reuse. Runs are merged in
// pairs, level by level, between the two buffers, so that each id is
// copied about log2(len(rs)) times and nothing else is allocated.
func mergeRuns(rs []run, a, b []counted) (merged, spare []counted) {
	total := 0
	for _, r := range rs {
		total += len(r.ids)
	}
	src, dst := slices.Grow(a[:0], total), slices.Grow(b[:0], total)
	// ends[i] is where the i-th sorted segment of src ends.
	ends := make([]int, 0, len(rs))
	for _, r := range rs {
		for _, id := range r.ids {
			src = append(src, counted{id, r.weight})
		}
		ends = append(ends, len(src))
	}
	for len(ends) > 1 {
		dst = dst[:0]
		next := ends[:0]
		start := 0
		for i := 0; i < len(ends); i += 2 {
			if i+1 == len(ends) {
				dst = append(dst, src[start:ends[i]]...)
			} else {
				dst = appendMerged(dst, src[start:ends[i]], src[ends[i]:ends[i+1]])
				start = ends[i+1]
			}
			next = append(next, len(dst))
		}
		ends = next
		src, dst = dst, src
	}
	return src, dst
}

// scratch is the memory a lookup's filter reuses from one lookup to the
// next (through scratchPool): the buffers of the prefix's runs of ids and
// of their merge. The posting lists a lookup reads run to hundreds of
// kilobytes at a million entries; allocating them anew for each lookup
// made most of a lookup's garbage, and collecting it a sixth of the CPU
// of a process serving many lookups.
type scratch struct {
	ids     freeList[int64]
	counted freeList[counted]
}

// scratchPool holds the scratch memory of lookups not running.
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// scratchKeep is the most elements a buffer may have for the pool to keep
// it: a lookup that read a rare, huge list does not pin its memory.
const scratchKeep = 1 << 20

// freeList holds emptied buffers for reuse.
type freeList[T any] [][]T

// get returns an empty buffer (nil when none is free).
func (f *freeList[T]) get() []T {
	n := len(*f)
	if n == 0 {
		return nil
	}
	b := (*f)[n-1]
	*f = (*f)[:n-1]
	return b[:0]
}

// put gives back a buffer, unless it is nil or larger than scratchKeep.
func (f *freeList[T]) put(b []T) {
	if b != nil && cap(b) <= scratchKeep {
		*f = append(*f, b[:0])
	}
}

// appendMerged appends to out the merge of two lists of increasing ids,
// adding the shares of an id both hold.
func appendMerged(out, a, b []counted) []counted {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			out = append(out, a[i])
			i++
		case a[i].id > b[j].id:
			out = append(out, b[j])
			j++
		default:
			out = append(out, counted{a[i].id, a[i].shared + b[j].shared})
			i, j = i+1, j+1
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// countBlock adds add to the shares of the candidates cs (increasing ids)
// that the posting block (first, the delta-coded rest in b) holds,
// decoding the block as it goes. A list comes in several blocks, each a
// range of ids, so the candidates before the block's first id are skipped
// by a binary search, not one by one for every block.
func countBlock(cs []counted, first int64, b []byte, add int) error {
	id := first
	a, _ := slices.BinarySearchFunc(cs, first, func(c counted, id int64) int { return cmp.Compare(c.id, id) })
	for {
		for a < len(cs) && cs[a].id < id {
			a++
		}
		if a == len(cs) {
			return nil
		}
		if cs[a].id == id {
			cs[a].shared += add
			a++
		}
		if len(b) == 0 {
			return nil
		}
		var v uint64
		if b[0] < 0x80 {
			v, b = uint64(b[0]), b[1:]
		} else {
			var n int
			if v, n = binary.Uvarint(b); n <= 0 {
				return errCorruptPostings
			}
			b = b[n:]
		}
		if v == 0 {
			return errCorruptPostings
		}
		id += int64(v)
	}
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

// verify scores the candidates: first on token ids with the bounded
// distance, then, for those within reach, on their analysed source with
// the penalties. It reads the candidates' key lists in one call of the
// reader, and those within reach in another: their whole entries, which
// it returns by id for the matches to be made of, when they are at most
// wholeNear (one round trip fewer on a backend that has them), else only
// their sources. At most fewCandidates candidates are scored on their
// whole entries at once, without the key lists: one call instead of two.
func verify(ctx context.Context, r backend.MemoryReader, qa fuzzy.Analysis, m int, f filtered) ([]candidate, map[int64]backend.EntryRow, error) {
	var near []int64
	var uids []int64
	switch {
	case len(f.ids) > 0 && len(f.ids) <= fewCandidates:
		near = f.ids
	case len(f.ids) > 0:
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
			return nil, nil, err
		}
	}
	var out []candidate
	score := func(id int64, source string, cx []byte) {
		if res, ok := fuzzy.ScoreAtLeast(qa, analyze(source), m); ok {
			out = append(out, candidate{id: id, res: res, ctx: cx})
		}
	}
	switch {
	case len(near) == 0:
		return nil, nil, nil
	case len(near) <= wholeNear:
		rows := make(map[int64]backend.EntryRow, len(near))
		err := r.Entries(ctx, near, func(e backend.EntryRow) error {
			rows[e.ID] = e
			score(e.ID, e.Source, e.Context)
			return nil
		})
		return out, rows, err
	default:
		err := r.Sources(ctx, near, func(id int64, source string, cx []byte) error {
			score(id, source, cx)
			return nil
		})
		return out, nil, err
	}
}

// wholeNear is the most candidates within reach whose whole entries verify
// reads, and fewCandidates the most it scores on their whole entries
// without their key lists (the distance on key ids only spares reading
// the sources of those out of reach, which costs less for a few than
// another statement); variables for tests.
var (
	wholeNear     = prefetchMax
	fewCandidates = 8
)
