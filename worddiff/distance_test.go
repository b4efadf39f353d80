package worddiff

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
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

// naiveDistance is the textbook full-matrix Levenshtein distance.
func naiveDistance(a, b []int) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+c)
		}
	}
	return d[len(a)][len(b)]
}

// randomInts returns up to maxLen numbers below alphabet.
func randomInts(rng *rand.Rand, maxLen, alphabet int) []int {
	s := make([]int, rng.IntN(maxLen+1))
	for i := range s {
		s[i] = rng.IntN(alphabet)
	}
	return s
}

func TestLevenshtein(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		a, b := randomInts(rng, 12, 4), randomInts(rng, 12, 4)
		want := naiveDistance(a, b)
		if got := Levenshtein(a, b, -1); got != want {
			t.Fatalf("Levenshtein(%v, %v) = %d, want %d", a, b, got, want)
		}
		limit := rng.IntN(8)
		got := Levenshtein(a, b, limit)
		if want <= limit && got != want || want > limit && got != limit+1 {
			t.Fatalf("Levenshtein(%v, %v, limit %d) = %d, true distance %d", a, b, limit, got, want)
		}
	}
}

func TestAlignedEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want [][2]int
	}{
		{"", "", nil},
		{"a b c", "a b c", [][2]int{{0, 0}, {1, 1}, {2, 2}}},
		{"a b c", "a x c", [][2]int{{0, 0}, {2, 2}}},
		{"a b c", "b c", [][2]int{{1, 0}, {2, 1}}},
		{"x", "y", nil},
	}
	for _, tt := range tests {
		if got := AlignedEqual(strings.Fields(tt.a), strings.Fields(tt.b)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("AlignedEqual(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	// On random sequences: equal elements, increasing on both sides, and
	// exactly the matches of a minimal alignment: the distance is the
	// length of the longer sequence minus the matches, when every other
	// pair is a substitution, or more.
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		a, b := randomInts(rng, 10, 3), randomInts(rng, 10, 3)
		sa, sb := make([]string, len(a)), make([]string, len(b))
		for i, x := range a {
			sa[i] = strconv.Itoa(x)
		}
		for j, x := range b {
			sb[j] = strconv.Itoa(x)
		}
		pairs := AlignedEqual(sa, sb)
		for k, p := range pairs {
			if sa[p[0]] != sb[p[1]] || k > 0 && (p[0] <= pairs[k-1][0] || p[1] <= pairs[k-1][1]) {
				t.Fatalf("AlignedEqual(%v, %v) = %v", sa, sb, pairs)
			}
		}
		if d := naiveDistance(a, b); d < max(len(a), len(b))-len(pairs) {
			t.Fatalf("AlignedEqual(%v, %v) = %v: more matches than a distance of %d allows", sa, sb, pairs, d)
		}
	}
}

func TestCommonSubsequence(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 3000 {
		a, b := randomInts(rng, 12, 4), randomInts(rng, 12, 4)
		// The textbook table of the longest common subsequence's length.
		l := make([][]int, len(a)+1)
		for i := range l {
			l[i] = make([]int, len(b)+1)
		}
		for i := len(a) - 1; i >= 0; i-- {
			for j := len(b) - 1; j >= 0; j-- {
				if a[i] == b[j] {
					l[i][j] = l[i+1][j+1] + 1
				} else {
					l[i][j] = max(l[i+1][j], l[i][j+1])
				}
			}
		}
		pairs, exact := CommonSubsequence(a, b)
		if !exact || len(pairs) != l[0][0] {
			t.Fatalf("CommonSubsequence(%v, %v) = %v, %v; want %d pairs", a, b, pairs, exact, l[0][0])
		}
		for k, p := range pairs {
			if a[p[0]] != b[p[1]] || k > 0 && (p[0] <= pairs[k-1][0] || p[1] <= pairs[k-1][1]) {
				t.Fatalf("CommonSubsequence(%v, %v) = %v", a, b, pairs)
			}
		}
	}
}

// BenchmarkCommonSubsequence aligns two versions of a 2,000-unit document,
// one unit in 20 changed, as tm does on a re-import.
func BenchmarkCommonSubsequence(b *testing.B) {
	old, cur := make([]string, 2000), make([]string, 2000)
	for i := range old {
		old[i] = fmt.Sprint("unit ", i)
		cur[i] = old[i]
		if i%20 == 0 {
			cur[i] = fmt.Sprint("changed ", i)
		}
	}
	for b.Loop() {
		if _, exact := CommonSubsequence(old, cur); !exact {
			b.Fatal("not exact")
		}
	}
}
