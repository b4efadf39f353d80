package worddiff

import (
	"math/rand/v2"
	"strings"
	"testing"
)

var diffTests = []struct {
	name, a, b, want string
}{
	{"same", "Kim Jong Un", "Kim Jong Un", "Kim Jong Un"},
	{"both empty", "", "", ""},
	{"from empty", "", "baru saja", "{+baru saja+}"},
	{"to empty", "lama", "", "[-lama-]"},
	{"substitution", "the big dog", "the small dog", "the [-big-]{+small+} dog"},
	{"insertion keeps one space", "the dog", "the big dog", "the {+big +}dog"},
	{"deletion at end", "the big dog", "the big", "the big[- dog-]"},
	{"deletion at start", "Very well done", "well done", "[-Very -]well done"},
	{"two words glued, not split by the space", "foo baz end", "bar qux end", "[-foo baz-]{+bar qux+} end"},
	{"separate changes", "a b c d", "x b y d", "[-a-]{+x+} b [-c-]{+y+} d"},
	{"space change only", "a  b", "a b", "a [- -]b"},
	{"newline to space", "a\nb", "a b", "a[-\n-]{+ +}b"},
	{"punctuation", "Halo, dunia", "Halo dunia!", "Halo[-,-] dunia{+!+}"},
	{"case", "korea utara", "Korea utara", "[-korea-]{+Korea+} utara"},
	{"number", "pada 2022 lalu", "pada 2023 lalu", "pada [-2022-]{+2023+} lalu"},
	{"chinese by character", "北京是首都", "北京是大城市", "北京是[-首都-]{+大城市+}"},
	{"trailing space kept equal", "a b ", "a c ", "a [-b-]{+c+} "},
}

func TestDiff(t *testing.T) {
	for _, tt := range diffTests {
		t.Run(tt.name, func(t *testing.T) {
			ops := DiffStrings(tt.a, tt.b)
			checkOps(t, tt.a, tt.b, ops)
			if got := Markers(ops); got != tt.want {
				t.Errorf("Markers(Diff(%q, %q)) = %q, want %q", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// checkOps checks that ops rebuild both texts, that no op is empty, that
// neighbours differ in kind, and that the op tokens rebuild the op text.
func checkOps(t *testing.T, a, b string, ops []Op) {
	t.Helper()
	var ra, rb strings.Builder
	for i, o := range ops {
		if o.Text == "" {
			t.Fatalf("op %d is empty: %v", i, ops)
		}
		if i > 0 && ops[i-1].Kind == o.Kind {
			t.Fatalf("ops %d and %d are both %v", i-1, i, o.Kind)
		}
		if joinTokens(o.Tokens) != o.Text {
			t.Fatalf("op %d: tokens %v do not make %q", i, o.Tokens, o.Text)
		}
		if o.Kind != Insert {
			ra.WriteString(o.Text)
		}
		if o.Kind != Delete {
			rb.WriteString(o.Text)
		}
	}
	if ra.String() != a || rb.String() != b {
		t.Fatalf("ops rebuild %q and %q, want %q and %q", ra.String(), rb.String(), a, b)
	}
}

// cost counts the non-space tokens an edit script deletes and inserts.
func cost(ops []Op) int {
	n := 0
	for _, o := range ops {
		if o.Kind == Equal {
			continue
		}
		for _, t := range o.Tokens {
			if t.Kind != Space {
				n++
			}
		}
	}
	return n
}

// lcs is the textbook dynamic-programming longest common subsequence, the
// brute force the diff is checked against.
func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

// randomText builds a text from a small vocabulary so that random pairs
// share many tokens.
func randomText(r *rand.Rand, n int) string {
	vocab := []string{"a", "b", "c", "Kim", "kim", "1", "22", ",", ".", "北", " ", " ", "  ", "\n", "\uE000"}
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(vocab[r.IntN(len(vocab))])
		if r.IntN(2) == 0 {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func TestDiffMinimalAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 3000; iter++ {
		a, b := randomText(r, r.IntN(12)), randomText(r, r.IntN(12))
		for _, unit := range []func(string) []Token{Tokenize, TokenizeChars} {
			ta, tb := unit(a), unit(b)
			ops := Diff(ta, tb)
			checkOps(t, a, b, ops)
			ka, _ := nonSpace(ta)
			kb, _ := nonSpace(tb)
			if got, want := cost(ops), len(ka)+len(kb)-2*lcs(ka, kb); got != want {
				t.Fatalf("Diff(%q, %q) changes %d tokens, the minimum is %d: %s", a, b, got, want, Markers(ops))
			}
		}
	}
}

// TestLinearDiff checks the linear-space variant, which Diff uses only for
// large distances, against the brute force on small inputs.
func TestLinearDiff(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for iter := 0; iter < 3000; iter++ {
		ka, _ := nonSpace(Tokenize(randomText(r, r.IntN(14))))
		kb, _ := nonSpace(Tokenize(randomText(r, r.IntN(14))))
		var script []edit
		linearDiff(ka, kb, 0, 0, &script, nil)
		checkScript(t, ka, kb, script)
		// The traced search with a tiny limit falls back to it too.
		if s, ok := myersCore(ka, kb, 0, 0, 1, nil); ok {
			checkScript(t, ka, kb, s)
		}
	}
}

// TestDiffLarge diffs two long, mostly different texts, whose distance
// exceeds maxTraceD, so that the diff takes the linear-space path (with no
// bound on the work: with MaxWork it would take the fallback).
func TestDiffLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	a, b := randomText(r, 3500), randomText(r, 3500)
	ta, tb := Tokenize(a), Tokenize(b)
	ka, _ := nonSpace(ta)
	kb, _ := nonSpace(tb)
	want := len(ka) + len(kb) - 2*lcs(ka, kb)
	if want <= maxTraceD {
		t.Fatalf("distance %d does not exceed maxTraceD: make the texts longer", want)
	}
	ops, exact := diff(ta, tb, nil)
	checkOps(t, a, b, ops)
	if got := cost(ops); got != want || !exact {
		t.Fatalf("Diff changes %d tokens (exact %v), the minimum is %d", got, exact, want)
	}
}

// checkScript checks that an edit script is valid (it walks both sequences
// in order, equal steps pair equal keys) and minimal.
func checkScript(t *testing.T, a, b []string, script []edit) {
	t.Helper()
	i, j, cost := 0, 0, 0
	for _, e := range script {
		if e.i != i || e.j != j {
			t.Fatalf("script %v of %q → %q: step %+v out of order", script, a, b, e)
		}
		switch e.kind {
		case Equal:
			if a[i] != b[j] {
				t.Fatalf("script pairs %q with %q", a[i], b[j])
			}
			i, j = i+1, j+1
		case Delete:
			i, cost = i+1, cost+1
		case Insert:
			j, cost = j+1, cost+1
		}
	}
	if i != len(a) || j != len(b) {
		t.Fatalf("script %v of %q → %q ends at %d, %d", script, a, b, i, j)
	}
	if want := len(a) + len(b) - 2*lcs(a, b); cost != want {
		t.Fatalf("script of %q → %q costs %d, minimum %d", a, b, cost, want)
	}
}

func FuzzDiff(f *testing.F) {
	for _, tt := range diffTests {
		f.Add(tt.a, tt.b)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 400 || len(b) > 400 {
			return
		}
		ops := DiffStrings(a, b)
		checkOps(t, a, b, ops)
		ka, _ := nonSpace(Tokenize(a))
		kb, _ := nonSpace(Tokenize(b))
		if got, want := cost(ops), len(ka)+len(kb)-2*lcs(ka, kb); got != want {
			t.Fatalf("not minimal: %d changed tokens, minimum %d", got, want)
		}
	})
}
