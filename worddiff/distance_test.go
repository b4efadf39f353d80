package worddiff

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

var measureTests = []struct {
	name, from, to               string
	ins, del, sub, shifts, words int
	sim                          float64
}{
	{"identical", "Kim Jong Un", "Kim Jong Un", 0, 0, 0, 0, 3, 1},
	{"both empty", "", "", 0, 0, 0, 0, 0, 1},
	{"space only", "a  b", "a b", 0, 0, 0, 0, 2, 1 - 1.0/4},
	{"one substitution", "the big dog", "the small dog", 0, 0, 1, 0, 3, 1 - 5.0/13},
	{"case counts", "korea", "Korea", 0, 0, 1, 0, 1, 0.8},
	{"insertion", "kedua negara", "kedua negara itu", 1, 0, 0, 0, 3, 12.0 / 16},
	{"deletion", "yang sangat erat", "yang erat", 0, 1, 0, 0, 2, 1 - 7.0/16},
	{"punctuation is a word", "Halo, dunia", "Halo dunia", 0, 1, 0, 0, 2, 1 - 1.0/11},
	// Snover et al. 2006, section 2: one shift, two substitutions and one
	// insertion, 4 edits for 13 reference words.
	{"snover example",
		"this week the saudis denied information published in the new york times",
		"saudi arabia denied this week information published in the american new york times",
		1, 0, 2, 1, 13, -1},
	{"block moved", "a b c d e f g h", "e f g h a b c d", 0, 0, 0, 1, 8, -1},
	{"to empty", "tiga kata ini", "", 0, 3, 0, 0, 0, 0},
}

func TestMeasure(t *testing.T) {
	for _, tt := range measureTests {
		t.Run(tt.name, func(t *testing.T) {
			d := Measure(tt.from, tt.to)
			if d.Insertions != tt.ins || d.Deletions != tt.del || d.Substitutions != tt.sub || d.Shifts != tt.shifts || d.Words != tt.words {
				t.Fatalf("Measure = %+v, want ins %d del %d sub %d shifts %d words %d", d, tt.ins, tt.del, tt.sub, tt.shifts, tt.words)
			}
			if want := float64(d.Edits()) / float64(max(tt.words, 1)); d.TER != want {
				t.Errorf("TER = %v, want %v", d.TER, want)
			}
			if tt.sim >= 0 && math.Abs(d.Similarity-tt.sim) > 1e-9 {
				t.Errorf("Similarity = %v, want %v", d.Similarity, tt.sim)
			}
		})
	}
}

// wordLevenshtein is the plain word edit distance, an upper bound of TER's
// edits.
func wordLevenshtein(a, b []string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestMeasureProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for iter := 0; iter < 500; iter++ {
		a, b := randomText(r, r.IntN(15)), randomText(r, r.IntN(15))
		d := Measure(a, b)
		wa, _ := nonSpace(Tokenize(a))
		wb, _ := nonSpace(Tokenize(b))
		lev := wordLevenshtein(wa, wb)
		if d.Insertions+d.Deletions+d.Substitutions+2*d.Shifts > lev+d.Shifts || d.Edits() > lev {
			t.Fatalf("Measure(%q, %q) = %+v: more edits than the plain distance %d", a, b, d, lev)
		}
		if (d.Edits() == 0) != (strings.Join(wa, " ") == strings.Join(wb, " ")) {
			t.Fatalf("Measure(%q, %q) = %+v: zero distance must mean the same words", a, b, d)
		}
		if d.Similarity < 0 || d.Similarity > 1 || (d.Similarity == 1) != (a == b) {
			t.Fatalf("Similarity(%q, %q) = %v", a, b, d.Similarity)
		}
		// The shifted hyp's edit counts must match its words: hyp words
		// = matched + deleted + substituted, ref words = matched +
		// inserted + substituted.
		if len(wa)-d.Deletions != len(wb)-d.Insertions {
			t.Fatalf("Measure(%q, %q) = %+v: inconsistent counts for %d and %d words", a, b, d, len(wa), len(wb))
		}
	}
}

// TestEditCounts checks the linear-space counts against the full table on
// random inputs: the same total, and counts that fit the word counts.
func TestEditCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for iter := 0; iter < 500; iter++ {
		ha, _ := nonSpace(Tokenize(randomText(r, r.IntN(20))))
		hb, _ := nonSpace(Tokenize(randomText(r, r.IntN(20))))
		ins, del, sub := editCounts(ha, hb)
		a := align(ha, hb)
		if ins+del+sub != a.cost() || ins+del+sub != wordLevenshtein(ha, hb) || len(ha)-del != len(hb)-ins {
			t.Fatalf("editCounts(%q, %q) = %d, %d, %d; align says %d", ha, hb, ins, del, sub, a.cost())
		}
	}
}

func TestCharSimilarity(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want float64
	}{
		{"", "", 1}, {"abc", "", 0}, {"kitten", "sitting", 1 - 3.0/7}, {"北京", "北京市", 1 - 1.0/3}, {"é", "e", 0},
	} {
		if got := CharSimilarity(tt.a, tt.b); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("CharSimilarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// longPair returns a translator's paragraph of n words and an editor's
// version with every seventh word changed and a block moved.
func longPair(n int) (string, string) {
	r := rand.New(rand.NewPCG(5, 6))
	words := make([]string, n)
	for i := range words {
		words[i] = fmt.Sprintf("w%d", r.IntN(n/2+1))
	}
	edited := append([]string(nil), words...)
	for i := 0; i < n; i += 7 {
		edited[i] = "changed"
	}
	edited = append(edited[n/3:], edited[:n/3]...)
	return strings.Join(words, " "), strings.Join(edited, " ")
}

func BenchmarkMeasure(b *testing.B) {
	for _, n := range []int{30, 100, 300} {
		from, to := longPair(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				Measure(from, to)
			}
		})
	}
}

func BenchmarkDiffChars(b *testing.B) {
	from, to := longPair(300)
	ta, tb := TokenizeChars(from), TokenizeChars(to)
	for b.Loop() {
		Diff(ta, tb)
	}
}
