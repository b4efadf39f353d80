package segments

import (
	"testing"

	"golang.org/x/text/language"
)

// TestEdgeSets checks the cheap conditions derived from patterns: every
// text a pattern matches next to a position must be allowed (they are
// necessary conditions), and the texts listed as rejected must be.
func TestEdgeSets(t *testing.T) {
	cases := []struct {
		pattern string
		before  bool     // the pattern is a beforebreak: texts end at the position
		allow   []string // texts the condition must let through
		reject  []string // texts it must stop
		none    bool     // no condition can be derived
	}{
		{pattern: `[.?!]+`, before: true, allow: []string{"a.", "?!", "Dia?"}, reject: []string{"a", "a. "}},
		{pattern: `\s+\p{Lu}`, allow: []string{" A", "\u00a0\u2003É", "\n\tZ"}, reject: []string{"A", " a", "  "}},
		{pattern: `\bDr\.`, before: true, allow: []string{"Dr.", "xDr."}, reject: []string{"Mr.", "r.", "dr."}},
		{pattern: `\b(?:Dr|Prof)\.`, before: true, allow: []string{"Dr.", "Prof."}, reject: []string{"Drof.", "Pr.", "of."}},
		{pattern: `(?i)jl\.`, before: true, allow: []string{"jl.", "JL.", "Jl."}, reject: []string{"jk."}},
		{pattern: `(?:Tbk|Ltd)\.(?=\s)`, before: true, allow: []string{"Tbk.", "Ltd."}, reject: []string{"Tb.", "tbk."}},
		{pattern: `(?<=x)a`, allow: []string{"a"}, reject: []string{"x"}},
		{pattern: `\w+`, allow: []string{"aZé5_"}, reject: []string{" ", "."}},
		{pattern: `\s*\d`, allow: []string{"5", "  5"}, reject: []string{"a", " a"}},
		{pattern: `(?:^|[\s(])\p{Lu}\.`, before: true, allow: []string{"A.", " M.", "(B."}, reject: []string{"a.", "AB"}},
		{pattern: `(?:^|[^.\p{L}\p{N}@])(?:\p{L}{1,2}\.)+\p{L}{1,3}\.`, before: true, allow: []string{" A.S.", "S.Pd.", " a.n."}, reject: []string{"Rusia.", "pergi.", "AS."}},
		{pattern: `\s+["“]?(?:Ia|Dia)\b`, allow: []string{" Ia", "  “Dia"}, reject: []string{" Ini", " Di", "Ia"}},
		{pattern: `a++b`, allow: []string{"ab", "aab"}, reject: []string{"b"}},
		{pattern: `a{2,3}b`, allow: []string{"aab", "aaab"}, reject: []string{"ab", "aaaab"}},
		{pattern: `\n`, before: true, allow: []string{"x\n"}, reject: []string{"x", "\r"}},
		{pattern: `\P{Lu}`, allow: []string{"a", "1"}, reject: []string{"A"}},
		{pattern: `[\]x]`, allow: []string{"]", "x"}, reject: []string{"[", "y"}},
		{pattern: `x\Ry`, allow: []string{"x\r\ny", "x\ny"}, reject: []string{"xy"}},
		{pattern: `a*`, none: true},
		{pattern: `.`, allow: []string{"a", "é"}},
		{pattern: `x|`, none: true},
		{pattern: `(\w)\1`, none: true},             // back-reference
		{pattern: `\p{javaLowerCase}x`, none: true}, // Java-only class
		{pattern: `[a-z&&[^aeiou]]`, none: true},    // class intersection
	}
	for _, c := range cases {
		e := edgeOf(c.pattern, c.before)
		if c.none {
			if e != nil {
				t.Errorf("%q: a condition was derived, want none", c.pattern)
			}
			continue
		}
		if e == nil {
			t.Errorf("%q: no condition derived", c.pattern)
			continue
		}
		allows := func(s string) bool {
			r := []rune(s)
			if c.before {
				return e.allowsBefore(r, len(r))
			}
			return e.allowsAfter(r, 0)
		}
		for _, s := range c.allow {
			if !allows(s) {
				t.Errorf("%q: %q is stopped", c.pattern, s)
			}
		}
		for _, s := range c.reject {
			if allows(s) {
				t.Errorf("%q: %q is let through", c.pattern, s)
			}
		}
	}
}

func TestWordTrie(t *testing.T) {
	tr, exact := wordTrie(`\b(?:Dr|Prof|a\.n)\.`, true)
	if tr == nil || exact {
		t.Fatalf("trie %v, exact %v: want a trie, not exact (\\b is dropped)", tr, exact)
	}
	if tr, exact := wordTrie(`\r?\n`, true); tr == nil || !exact {
		t.Errorf("trie %v, exact %v: want an exact trie", tr, exact)
	}
	for _, p := range []string{`(?=x)a`, `(?i)a`, `a\s`} {
		if _, exact := wordTrie(p, false); exact {
			t.Errorf("%q: an exact trie", p)
		}
	}
	for s, want := range map[string]bool{"Dr.": true, "x Prof.": true, "a.n.": true, "Mr.": false, "Pro.": false, "r.": false} {
		r := []rune(s)
		if got := tr.matchesBefore(r, len(r)); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
	if tr, _ := wordTrie(`\p{L}+\.`, true); tr != nil {
		t.Error("a trie for an infinite pattern")
	}
	if tr, _ := wordTrie(`x?`, false); tr != nil {
		t.Error("a trie for a pattern matching the empty string")
	}
}

// TestCandidates checks that the built-in rules leave few candidate
// positions: after a stop, a closing quote or bracket, a colon or a line
// break.
func TestCandidates(t *testing.T) {
	seg := DefaultRules().Segmenter(language.Indonesian)
	for _, r := range "abcXYZ09 ,;-(" {
		if seg.candLast.has(r) {
			t.Errorf("%q before a position makes it a candidate", r)
		}
	}
	for _, r := range ".?!…\n\"”)" {
		if !seg.candLast.has(r) {
			t.Errorf("%q before a position does not make it a candidate", r)
		}
	}
}
