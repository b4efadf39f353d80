package fuzzy

import (
	"cmp"
	"slices"
)

// LengthRange returns the key counts lu a stored unit may have and still
// reach a base score of m against a query of lq keys: bound (2),
// ⌈m·lq/100⌉ ≤ lu ≤ ⌊100·lq/m⌋. For m ≤ 0 every length qualifies and hi is
// −1 (no upper bound).
func LengthRange(lq, m int) (lo, hi int) {
	if m <= 0 {
		return 0, -1
	}
	lo = (m*lq + 99) / 100
	hi = 100 * lq / m
	return lo, hi
}

// MinShared returns T = ⌈m·lq/100⌉, the least number of keys (counted with
// multiplicity) a unit must share with a query of lq keys to reach a base
// score of m: bound (3).
func MinShared(lq, m int) int {
	if m <= 0 {
		return 0
	}
	return (m*lq + 99) / 100
}

// Probe returns the distinct keys whose posting lists hold every unit that
// can reach a base score of m against the query keys: the keys of the first
// lq − T + 1 query items in the order rarest first (df gives a key's
// document frequency; ties are broken by key). It returns nil when the
// query has no keys or m ≤ 0 (then no key filter is lossless and the caller
// must scan by length alone).
func Probe(keys []string, m int, df func(key string) int) []string {
	lq := len(keys)
	if lq == 0 || m <= 0 {
		return nil
	}
	p := lq - MinShared(lq, m) + 1
	items := ordered(keys, df)
	var out []string
	seen := make(map[string]bool, p)
	for _, it := range items[:p] {
		if !seen[it.key] {
			seen[it.key] = true
			out = append(out, it.key)
		}
	}
	return out
}

type item struct {
	key string
	df  int
	occ int
}

// ordered returns the query's items (key, occurrence) rarest first; the
// i-th occurrence of a key comes before the (i+1)-th.
func ordered(keys []string, df func(string) int) []item {
	count := make(map[string]int, len(keys))
	freq := make(map[string]int, len(keys))
	items := make([]item, 0, len(keys))
	for _, k := range keys {
		count[k]++
		f, ok := freq[k]
		if !ok {
			f = df(k)
			freq[k] = f
		}
		items = append(items, item{key: k, df: f, occ: count[k]})
	}
	slices.SortFunc(items, func(a, b item) int {
		return cmp.Or(cmp.Compare(a.df, b.df), cmp.Compare(a.key, b.key), cmp.Compare(a.occ, b.occ))
	})
	return items
}

// Shared returns the size of the multiset intersection of two key
// sequences.
func Shared(a, b []string) int {
	count := make(map[string]int, len(a))
	for _, k := range a {
		count[k]++
	}
	n := 0
	for _, k := range b {
		if count[k] > 0 {
			count[k]--
			n++
		}
	}
	return n
}
