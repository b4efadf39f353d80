package worddiff

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// words100K returns about 100 KB of words drawn at random from a large
// vocabulary: two such texts have little in common.
func words100K(seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	for b.Len() < 100_000 {
		b.WriteString("kata")
		b.WriteString(strings.Repeat("x", r.IntN(4)))
		b.WriteByte(byte('a' + r.IntN(26)))
		b.WriteByte(byte('a' + r.IntN(26)))
		b.WriteByte(' ')
	}
	return b.String()
}

// TestBoundedWork: on two different 100 KB versions of a unit, the diff,
// the word edit counts, the character distance and the search for moves
// each take at most MaxWork counted steps (plus the linear work of their
// fallbacks), and the result says it is approximate; the diff still
// rebuilds both texts.
func TestBoundedWork(t *testing.T) {
	a, b := words100K(1), words100K(2)
	ta, tb := Tokenize(a), Tokenize(b)
	linear := 4 * (len(a) + len(b)) // a step per token or rune, and some
	check := func(name string, bud *budget, exact bool) {
		t.Helper()
		if bud.spent > MaxWork+linear {
			t.Errorf("%s: %d steps, more than MaxWork (%d) + %d", name, bud.spent, MaxWork, linear)
		}
		if exact {
			t.Errorf("%s: exact, want the fallback", name)
		}
	}
	bud := newBudget()
	ops, exact := diff(ta, tb, bud)
	check("diff", bud, exact)
	checkOps(t, a, b, ops)

	hyp, _ := nonSpace(ta)
	ref, _ := nonSpace(tb)
	bud = newBudget()
	d, exact := ter(hyp, ref, bud)
	check("ter", bud, exact)
	if d.Insertions+d.Deletions+d.Substitutions < max(len(hyp), len(ref))-min(len(hyp), len(ref)) {
		t.Errorf("ter %+v is below the length difference", d)
	}

	bud = newBudget()
	sim, exact := charSimilarity(a, b, bud)
	check("similarity", bud, exact)
	if sim < 0 || sim > 1 {
		t.Errorf("similarity %v", sim)
	}

	// Many small changes (an equal word, then a word deleted or inserted,
	// 20,000 times): the search for moves is bounded too.
	var mops []Op
	for i := range 20000 {
		mops = append(mops, Op{Kind: Equal, Text: "sama ", Tokens: Tokenize("sama ")})
		w := "hapus" + string(rune('a'+i%26)) + " "
		k := Delete
		if i%2 == 1 {
			w, k = "sisip"+string(rune('a'+i%26))+" ", Insert
		}
		mops = append(mops, Op{Kind: k, Text: w, Tokens: Tokenize(w)})
	}
	bud = newBudget()
	_, exact = classifyOps(mops, bud)
	check("classify", bud, exact)

	res := Compare(Pair{From: a, To: b}, ByWord)
	if !res.Approximate || !res.Distance.Approximate {
		t.Errorf("Compare of two different 100 KB texts: Approximate %v, Distance.Approximate %v", res.Approximate, res.Distance.Approximate)
	}
}

// TestBoundedExactBelow: texts within the bound are measured exactly, as
// before: a long unit with one word changed has a minimal diff and an
// exact TER.
func TestBoundedExactBelow(t *testing.T) {
	a := strings.Repeat("Harga minyak naik lima persen. ", 60)
	b := strings.Replace(a, "lima", "enam", 1)
	res := Compare(Pair{From: a, To: b}, ByWord)
	if res.Approximate || res.Distance.Approximate {
		t.Fatalf("a %d-byte unit is approximate", len(a))
	}
	if d := res.Distance; d.Substitutions != 1 || d.Insertions+d.Deletions+d.Shifts != 0 || len(res.Changes) != 1 {
		t.Errorf("distance %+v, changes %v", d, res.Changes)
	}
}
