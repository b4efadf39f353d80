package sqlite

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestByIndexes: the conditions select every index asked for and no
// other, runs as ranges.
func TestByIndexes(t *testing.T) {
	run := func(from, n int) []int {
		var out []int
		for i := range n {
			out = append(out, from+i)
		}
		return out
	}
	tests := []struct {
		name    string
		indexes []int
		ranges  int // BETWEEN conditions expected
	}{
		{"none", nil, 0},
		{"few", []int{9, 2, 2, 5}, 0},
		{"one run", run(1001, 1000), 1},
		{"run too short", run(1, indexRun-1), 0},
		{"runs and strays", slices.Concat(run(1, 20), []int{30, 50}, run(100, 16), []int{200}), 2},
		{"many strays", func() []int {
			var out []int
			for i := range 1200 {
				out = append(out, 3*i+1)
			}
			return out
		}(), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[int]bool{}
			ranges := 0
			err := byIndexes(tt.indexes, func(where string, args []any) error {
				switch {
				case strings.HasPrefix(where, "vu.idx BETWEEN "):
					ranges++
					for i := args[0].(int); i <= args[1].(int); i++ {
						got[i] = true
					}
				case strings.HasPrefix(where, "vu.idx IN ("):
					if len(args) > indexList || strings.Count(where, "?") != len(args) {
						t.Errorf("IN list of %d arguments: %s", len(args), where)
					}
					for _, a := range args {
						got[a.(int)] = true
					}
				default:
					t.Errorf("condition %q", where)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			want := map[int]bool{}
			for _, i := range tt.indexes {
				want[i] = true
			}
			if !reflect.DeepEqual(got, want) || ranges != tt.ranges {
				t.Errorf("selected %v in %d ranges; want %v in %d", got, ranges, want, tt.ranges)
			}
		})
	}
	stop := errors.New("stop")
	if err := byIndexes([]int{1, 2}, func(string, []any) error { return stop }); err != stop {
		t.Errorf("error of query: %v", err)
	}
}
