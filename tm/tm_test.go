package tm

import (
	"github.com/padan-tm/padan/tm/internal/backend"
	"reflect"
	"testing"
)

func TestAlign(t *testing.T) {
	tests := []struct {
		old, new       []string
		same, previous []int64 // ids are 1-based positions in old
	}{
		{[]string{"a", "b", "c"}, []string{"a", "b", "c"}, []int64{1, 2, 3}, []int64{0, 0, 0}},
		{[]string{"a", "b", "c"}, []string{"a", "x", "c"}, []int64{1, 0, 3}, []int64{0, 2, 0}},
		{[]string{"a", "b"}, []string{"x", "y", "a", "b", "z"}, []int64{0, 0, 1, 2, 0}, []int64{0, 0, 0, 0, 0}},
		{[]string{"a", "b", "c"}, []string{"c", "b", "a"}, []int64{3, 0, 0}, []int64{0, 0, 0}},
		{nil, []string{"a"}, []int64{0}, []int64{0}},
		{[]string{"a", "a"}, []string{"a"}, []int64{1}, []int64{0}},
	}
	for _, tt := range tests {
		var old []backend.UnitSource
		for i, s := range tt.old {
			old = append(old, backend.UnitSource{ID: int64(i + 1), Source: s})
		}
		same, previous := align(old, tt.new)
		if !reflect.DeepEqual(same, tt.same) || !reflect.DeepEqual(previous, tt.previous) {
			t.Errorf("align(%v, %v) = %v %v, want %v %v", tt.old, tt.new, same, previous, tt.same, tt.previous)
		}
	}
}

func TestCountWords(t *testing.T) {
	tests := map[string]int{
		"":                                0,
		"Seoul (ANTARA) -":                2,
		"Korea Utara-Rusia, 20.000 kuda.": 5,
		"北京欢迎你":                           5,
		"“Mengapa tidak?”":                2,
	}
	for in, want := range tests {
		if got := CountWords(in); got != want {
			t.Errorf("CountWords(%q) = %d, want %d", in, got, want)
		}
	}
}
