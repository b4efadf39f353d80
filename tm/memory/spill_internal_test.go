package memory

import (
	"slices"
	"testing"
)

// TestSpillMerge writes runs of blocks to a spill and checks what merge
// gives: per key, in key order, the ids of every run in order, in blocks
// joined up to joinedBytes (one when they fit), and no block empty of the
// key's ids.
func TestSpillMerge(t *testing.T) {
	type key struct {
		pair, token int64
		len         int
	}
	// Three runs; key {1,1,3} is in all, {1,2,3} in the first and last,
	// {2,1,1} in the second only. Ids grow from run to run.
	runs := []map[key][]int64{
		{{1, 1, 3}: {1, 5, 9}, {1, 2, 3}: {2}},
		{{1, 1, 3}: {20, 300}, {2, 1, 1}: {21, 22}},
		{{1, 1, 3}: {400}, {1, 2, 3}: {401, 1000000}},
	}
	for _, limit := range []int{64 << 10, 3, 1} {
		t.Run("", func(t *testing.T) {
			defer func(old int) { joinedBytes = old }(joinedBytes)
			joinedBytes = limit
			s, err := newSpill()
			if err != nil {
				t.Fatal(err)
			}
			defer s.close()
			want := map[key][]int64{}
			for _, run := range runs {
				keys := slices.SortedFunc(func(yield func(key) bool) {
					for k := range run {
						if !yield(k) {
							return
						}
					}
				}, func(a, b key) int {
					if a.pair != b.pair {
						return int(a.pair - b.pair)
					}
					if a.token != b.token {
						return int(a.token - b.token)
					}
					return a.len - b.len
				})
				for _, k := range keys {
					ids := run[k]
					want[k] = append(want[k], ids...)
					if err := s.put(spillBlock{pair: k.pair, token: k.token, len: k.len, first: ids[0], last: ids[len(ids)-1], ids: encodePostings(ids)}); err != nil {
						t.Fatal(err)
					}
				}
				s.endRun()
			}
			got := map[key][]int64{}
			blocks := map[key]int{}
			var prev key
			err = s.merge(func(b spillBlock) error {
				k := key{b.pair, b.token, b.len}
				if k.pair < prev.pair || k.pair == prev.pair && (k.token < prev.token || k.token == prev.token && k.len < prev.len) {
					t.Errorf("block of %v after one of %v", k, prev)
				}
				prev = k
				ids, err := appendPostings(nil, b.first, b.ids)
				if err != nil {
					return err
				}
				if ids[len(ids)-1] != b.last {
					t.Errorf("block of %v ends at %d, its last is %d", k, ids[len(ids)-1], b.last)
				}
				got[k] = append(got[k], ids...)
				blocks[k]++
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for k, ids := range want {
				if !slices.Equal(got[k], ids) {
					t.Errorf("joinedBytes %d: %v holds %v, want %v", limit, k, got[k], ids)
				}
			}
			if len(got) != len(want) {
				t.Errorf("joinedBytes %d: %d keys, want %d", limit, len(got), len(want))
			}
			// Key {1,1,3}: blocks of 3, 2 and 1 ids, whose deltas take 2,
			// 2 and 0 bytes: under a limit of 3 bytes the second starts a
			// block and the third joins it; under 1, each is a block.
			if n, want := blocks[key{1, 1, 3}], map[int]int{64 << 10: 1, 3: 2, 1: 3}[limit]; n != want {
				t.Errorf("joinedBytes %d: key {1 1 3} in %d blocks, want %d", limit, n, want)
			}
		})
	}
}
