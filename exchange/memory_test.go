package exchange

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/padan-tm/padan/tm"
)

// TestContextStream: streaming a file's entries fills the same document
// context as withContext does on the whole list, and passes a read error
// through.
func TestContextStream(t *testing.T) {
	e := func(doc, src, tl string) tm.MemoryEntry {
		return tm.MemoryEntry{SourceLang: "id", TargetLang: tl, Source: src, Target: src + " (" + tl + ")", Origin: tm.Origin{Document: doc}}
	}
	tests := []struct {
		name  string
		units [][]tm.MemoryEntry
	}{
		{"empty", nil},
		{"one", [][]tm.MemoryEntry{{e("a", "Satu.", "en")}}},
		{"no document", [][]tm.MemoryEntry{{e("", "Satu.", "en")}, {e("", "Dua.", "en")}}},
		{"two documents", [][]tm.MemoryEntry{{e("a", "Satu.", "en")}, {e("a", "Dua.", "en")}, {e("b", "Tiga.", "en")}, {e("b", "Empat.", "en")}}},
		{"several languages", [][]tm.MemoryEntry{{e("a", "Satu.", "en"), e("a", "Satu.", "fr")}, {}, {e("a", "Dua.", "en"), e("a", "Dua.", "fr")}, {e("a", "Tiga.", "en")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := slices.Concat(tt.units...)
			withContext(want)
			i := 0
			cs := contextStream{pull: func() ([]tm.MemoryEntry, error) {
				if i == len(tt.units) {
					return nil, io.EOF
				}
				i++
				return slices.Clone(tt.units[i-1]), nil
			}}
			var got []tm.MemoryEntry
			for {
				e, ok, err := cs.next()
				if err != nil {
					t.Fatal(err)
				}
				if !ok {
					break
				}
				got = append(got, e)
			}
			if !slices.Equal(got, want) {
				t.Errorf("stream = %+v\nwant %+v", got, want)
			}
		})
	}
	errRead := errors.New("read failed")
	cs := contextStream{pull: func() ([]tm.MemoryEntry, error) { return nil, errRead }}
	if _, ok, err := cs.next(); ok || !errors.Is(err, errRead) {
		t.Errorf("next after a read error = %v, %v; want false, %v", ok, err, errRead)
	}
}

// BenchmarkContextStream hands out the entries of one unit with n
// variants: the cost per entry (ns/entry) must not grow with n.
func BenchmarkContextStream(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("variants=%d", n), func(b *testing.B) {
			es := make([]tm.MemoryEntry, n)
			for i := range es {
				es[i] = tm.MemoryEntry{SourceLang: "en", TargetLang: fmt.Sprintf("x-l%d", i), Source: "hello", Target: "t", Origin: tm.Origin{Document: "d"}}
			}
			b.ReportAllocs()
			for b.Loop() {
				done := false
				cs := contextStream{pull: func() ([]tm.MemoryEntry, error) {
					if done {
						return nil, io.EOF
					}
					done = true
					return es, nil
				}}
				for {
					_, ok, err := cs.next()
					if err != nil {
						b.Fatal(err)
					}
					if !ok {
						break
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/entry")
		})
	}
}
