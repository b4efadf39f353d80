package segments

import (
	"regexp/syntax"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// A runeSet is a set of characters, quick to test for ASCII ones. A nil
// *runeSet holds every character.
type runeSet struct {
	ascii  [2]uint64 // bitmap of the ASCII characters
	ranges []rune    // sorted, non-overlapping [lo, hi] pairs above ASCII
}

// has reports whether r is in the set; a nil set holds every character.
func (s *runeSet) has(r rune) bool {
	if s == nil {
		return true
	}
	if r < 128 {
		return s.ascii[r>>6]&(1<<(uint(r)&63)) != 0
	}
	// Binary search for the first range ending at or after r.
	rs := s.ranges
	lo, hi := 0, len(rs)/2
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rs[2*m+1] < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(rs)/2 && rs[2*lo] <= r
}

// newRuneSet builds a set from [lo, hi] pairs in any order.
func newRuneSet(pairs []rune) *runeSet {
	s := &runeSet{}
	if sortedPairs(pairs) {
		// The common case (a class from regexp/syntax): no sorting.
		i := 0
		for ; i+1 < len(pairs) && pairs[i] < 128; i += 2 {
			for r := pairs[i]; r <= pairs[i+1] && r < 128; r++ {
				s.ascii[r>>6] |= 1 << (uint(r) & 63)
			}
			if pairs[i+1] >= 128 {
				break
			}
		}
		for ; i+1 < len(pairs); i += 2 {
			if pairs[i+1] >= 128 {
				s.ranges = append(s.ranges, max(pairs[i], 128), pairs[i+1])
			}
		}
		return s
	}
	type span struct{ lo, hi rune }
	var spans []span
	for i := 0; i+1 < len(pairs); i += 2 {
		lo, hi := pairs[i], pairs[i+1]
		for r := lo; r <= hi && r < 128; r++ {
			s.ascii[r>>6] |= 1 << (uint(r) & 63)
		}
		if hi >= 128 {
			spans = append(spans, span{max(lo, 128), hi})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].lo < spans[j].lo })
	for _, sp := range spans {
		n := len(s.ranges)
		if n > 0 && sp.lo <= s.ranges[n-1]+1 {
			s.ranges[n-1] = max(s.ranges[n-1], sp.hi)
			continue
		}
		s.ranges = append(s.ranges, sp.lo, sp.hi)
	}
	return s
}

// sortedPairs reports whether [lo, hi] pairs are in order and apart.
func sortedPairs(pairs []rune) bool {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] > pairs[i+1] || (i >= 2 && pairs[i] <= pairs[i-1]+1) {
			return false
		}
	}
	return true
}

// union returns a set holding both; nil (any) absorbs.
func union(a, b *runeSet) *runeSet {
	if a == nil || b == nil {
		return nil
	}
	pairs := append(append([]rune{}, a.ranges...), b.ranges...)
	s := newRuneSet(pairs)
	s.ascii[0] = a.ascii[0] | b.ascii[0]
	s.ascii[1] = a.ascii[1] | b.ascii[1]
	return s
}

// depth is how many characters on each side of a position the cheap
// conditions look at.
const depth = 8

// maxPaths bounds the work of deriving a condition from one pattern.
const maxPaths = 4096

// An edge is a cheap necessary condition on the characters next to a
// position, derived from a pattern: a tree of character sets, one level
// per character away from the position (nearest first), whose paths spell
// the first depth characters of every match. A nil *edge allows anything.
type edge struct {
	end  bool // a match can end here: nothing more is needed
	kids []edgeKid
	near *runeSet // at the root: the union of the kids' sets
}

type edgeKid struct {
	set  *runeSet // nil: any character
	next *edge
}

// allowsBefore reports whether the characters before rune position p can
// end a match; allowsAfter whether those from p on can begin one.
func (e *edge) allowsBefore(runes []rune, p int) bool {
	if e == nil {
		return true
	}
	if p < 1 || !e.near.has(runes[p-1]) {
		return false
	}
	return e.walkBack(runes, p-1, 0)
}

func (e *edge) walkBack(runes []rune, j, i int) bool {
	if e.end || i == depth {
		return true
	}
	if j < 0 {
		return false
	}
	r := runes[j]
	for _, k := range e.kids {
		if k.set.has(r) && k.next.walkBack(runes, j-1, i+1) {
			return true
		}
	}
	return false
}

func (e *edge) allowsAfter(runes []rune, p int) bool {
	if e == nil {
		return true
	}
	if p >= len(runes) || !e.near.has(runes[p]) {
		return false
	}
	return e.walkFwd(runes, p, 0)
}

func (e *edge) walkFwd(runes []rune, j, i int) bool {
	if e.end || i == depth {
		return true
	}
	if j >= len(runes) {
		return false
	}
	r := runes[j]
	for _, k := range e.kids {
		if k.set.has(r) && k.next.walkFwd(runes, j+1, i+1) {
			return true
		}
	}
	return false
}

// nearest returns the condition on the nearest character (nil: any).
func (e *edge) nearest() *runeSet {
	if e == nil || e.end {
		return nil
	}
	acc := &runeSet{}
	for _, k := range e.kids {
		acc = union(acc, k.set)
	}
	return acc
}

// edgeOf returns the condition a pattern (Java syntax) puts on the
// characters that start its matches, or with reverse those that end them
// (read backwards), or nil where none can be derived: syntax Go's parser
// does not know, matches that may be empty, or too many shapes of match.
//
// The analysis only has to be safe, never exact: lookaround groups and
// anchors are dropped (a pattern without them matches more), and \s, \d,
// \w are widened to their Unicode meaning, which is what regexp2 matches.
func edgeOf(pattern string, reverse bool) *edge {
	p, ok := goSyntax(pattern)
	if !ok {
		return nil
	}
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return nil
	}
	return toEdge(shapes(re, reverse))
}

// A path is the start of a match (up to depth characters), one set per
// character; done says the match ends there.
type path struct {
	sets []*runeSet
	done bool
}

// toEdge builds the tree of paths; nil if it allows everything.
func toEdge(paths []path, ok bool) *edge {
	if !ok {
		return nil
	}
	root := &edge{}
	type step struct {
		from *edge
		set  *runeSet
	}
	made := map[step]*edge{}
	for _, p := range paths {
		n := root
		for _, s := range p.sets {
			next := made[step{n, s}]
			if next == nil {
				next = &edge{}
				made[step{n, s}] = next
				n.kids = append(n.kids, edgeKid{set: s, next: next})
			}
			n = next
		}
		if p.done {
			n.end = true
		}
	}
	if root.end {
		return nil
	}
	root.near = root.nearest()
	return root
}

// shapes lists the paths of re's matches (read backwards when reverse is
// set); ok is false when there would be too many.
func shapes(re *syntax.Regexp, reverse bool) ([]path, bool) {
	empty := []path{{done: true}}
	switch re.Op {
	case syntax.OpNoMatch:
		return nil, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return empty, true
	case syntax.OpLiteral:
		out := empty
		n := len(re.Rune)
		for k := 0; k < n && k < depth; k++ {
			r := re.Rune[k]
			if reverse {
				r = re.Rune[n-1-k]
			}
			out, _ = follow(out, []path{{sets: []*runeSet{charSet(r, re.Flags&syntax.FoldCase != 0)}, done: true}})
		}
		return out, true
	case syntax.OpCharClass:
		return []path{{sets: []*runeSet{newRuneSet(re.Rune)}, done: true}}, true
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return []path{{sets: []*runeSet{nil}, done: true}}, true
	case syntax.OpCapture:
		return shapes(re.Sub[0], reverse)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		minN, maxN := 0, -1
		switch re.Op {
		case syntax.OpPlus:
			minN = 1
		case syntax.OpQuest:
			maxN = 1
		case syntax.OpRepeat:
			minN, maxN = re.Min, re.Max
		}
		sub, ok := shapes(re.Sub[0], reverse)
		if !ok || minN > 50 {
			return nil, false
		}
		// Paths no longer grow after depth repetitions of a non-empty
		// piece, so min+depth repetitions reach every path.
		power := empty
		for i := 0; i < minN; i++ {
			if power, ok = follow(power, sub); !ok {
				return nil, false
			}
		}
		out := power
		for i := 0; i < depth && (maxN < 0 || minN+i < maxN); i++ {
			if power, ok = follow(power, sub); !ok {
				return nil, false
			}
			if out = append(out, power...); len(out) > maxPaths {
				return nil, false
			}
		}
		return dedupe(out), true
	case syntax.OpConcat:
		out := empty
		n := len(re.Sub)
		for k := 0; k < n; k++ {
			sub := re.Sub[k]
			if reverse {
				sub = re.Sub[n-1-k]
			}
			next, ok := shapes(sub, reverse)
			if !ok {
				return nil, false
			}
			if out, ok = follow(out, next); !ok {
				return nil, false
			}
		}
		return out, true
	case syntax.OpAlternate:
		var out []path
		for _, sub := range re.Sub {
			next, ok := shapes(sub, reverse)
			if !ok {
				return nil, false
			}
			if out = append(out, next...); len(out) > maxPaths {
				return nil, false
			}
		}
		return dedupe(out), true
	}
	return nil, false
}

// follow returns the paths of a match of a followed by a match of b.
func follow(a, b []path) ([]path, bool) {
	var out []path
	for _, x := range a {
		if !x.done || len(x.sets) == depth {
			out = append(out, path{sets: x.sets, done: x.done && len(x.sets) < depth})
			continue
		}
		for _, y := range b {
			sets := append(append(make([]*runeSet, 0, len(x.sets)+len(y.sets)), x.sets...), y.sets...)
			done := y.done
			if len(sets) >= depth {
				sets, done = sets[:depth], false
			}
			out = append(out, path{sets: sets, done: done})
		}
		if len(out) > maxPaths {
			return nil, false
		}
	}
	return dedupe(out), true
}

// dedupe removes repeated paths.
func dedupe(ps []path) []path {
	type key struct {
		sets [depth]*runeSet
		n    int
		done bool
	}
	seen := make(map[key]bool, len(ps))
	out := ps[:0:0]
	for _, p := range ps {
		k := key{n: len(p.sets), done: p.done}
		copy(k.sets[:], p.sets)
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// charSet returns the set of one character (with its case variants when
// fold is set), shared so that paths through the same characters can be
// merged.
func charSet(r rune, fold bool) *runeSet {
	k := charKey{r, fold}
	charSetsMu.Lock()
	defer charSetsMu.Unlock()
	if s, ok := charSets[k]; ok {
		return s
	}
	pairs := []rune{r, r}
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			pairs = append(pairs, f, f)
		}
	}
	s := newRuneSet(pairs)
	charSets[k] = s
	return s
}

type charKey struct {
	r    rune
	fold bool
}

var (
	charSetsMu sync.Mutex
	charSets   = map[charKey]*runeSet{}
)

// goSyntax rewrites a Java pattern into one Go's parser reads and whose
// matches include all of the original's: lookarounds removed, possessive
// quantifiers and atomic groups made ordinary, named groups renamed, and
// the shorthand classes widened to Unicode. ok is false for constructs it
// does not know (back-references, Java-only classes), in which case the
// caller derives no condition.
func goSyntax(p string) (string, bool) {
	out, ok, _ := goSyntaxExact(p)
	return out, ok
}

// goSyntaxExact is goSyntax, also reporting whether the rewritten pattern
// matches exactly what the original does (nothing dropped or widened).
func goSyntaxExact(p string) (string, bool, bool) {
	exact := true
	var b strings.Builder
	inClass := 0 // nesting depth of [...] (Java allows nested classes)
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\':
			if i+1 >= len(p) {
				return "", false, false
			}
			n := p[i+1]
			i++
			switch n {
			case 's', 'w', 'h', 'R', 'G', 'Z', 'A', 'z':
				exact = false
			}
			switch n {
			case 's':
				if inClass > 0 {
					b.WriteString(`\s\x{85}\p{Z}`)
				} else {
					b.WriteString(`[\s\x{85}\p{Z}]`)
				}
			case 'd':
				b.WriteString(`\p{Nd}`)
			case 'w':
				if inClass > 0 {
					b.WriteString(`\p{L}\p{M}\p{Nd}\p{Pc}`)
				} else {
					b.WriteString(`[\p{L}\p{M}\p{Nd}\p{Pc}]`)
				}
			case 'p', 'P':
				j := i + 1
				if j < len(p) && p[j] == '{' {
					k := strings.IndexByte(p[j:], '}')
					if k < 0 {
						return "", false, false
					}
					name := p[j+1 : j+k]
					if !knownUnicodeClass(name) {
						return "", false, false
					}
					b.WriteString(p[i-1 : j+k+1])
					i = j + k
				} else {
					b.WriteString(p[i-1 : i+1])
				}
			case 'h':
				if inClass > 0 {
					b.WriteString(`\t\p{Zs}`)
				} else {
					b.WriteString(`[\t\p{Zs}]`)
				}
			case 'R':
				if inClass > 0 {
					return "", false, false
				}
				b.WriteString(`(?:\r\n|[\n\x{0B}\f\r\x{85}\x{2028}\x{2029}])`)
			case 'G', 'Z', 'A', 'z':
				b.WriteString(`(?:)`)
			case 'u':
				if i+4 >= len(p) {
					return "", false, false
				}
				b.WriteString(`\x{` + p[i+1:i+5] + `}`)
				i += 4
			case 'k', '1', '2', '3', '4', '5', '6', '7', '8', '9':
				return "", false, false
			default:
				b.WriteByte('\\')
				b.WriteByte(n)
			}
		case inClass > 0:
			switch c {
			case '[':
				if strings.HasPrefix(p[i:], "[:") {
					b.WriteByte(c)
					continue
				}
				// Nested classes and intersections (&&) are Java-only.
				return "", false, false
			case ']':
				inClass--
			case '&':
				if i+1 < len(p) && p[i+1] == '&' {
					return "", false, false
				}
			}
			b.WriteByte(c)
		case c == '[':
			inClass++
			b.WriteByte(c)
			if i+1 < len(p) && p[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				b.WriteString(`\]`)
				i++
			}
		case c == '(' && strings.HasPrefix(p[i:], "(?"):
			rest := p[i+2:]
			switch {
			case strings.HasPrefix(rest, "="), strings.HasPrefix(rest, "!"),
				strings.HasPrefix(rest, "<="), strings.HasPrefix(rest, "<!"):
				end := groupEnd(p, i)
				if end < 0 {
					return "", false, false
				}
				i = end
				exact = false
			case strings.HasPrefix(rest, ">"):
				b.WriteString("(?:")
				i += 2
				exact = false
			case strings.HasPrefix(rest, "<"):
				b.WriteString("(?P<")
				i += 2
			default:
				b.WriteByte(c)
			}
		case (c == '+') && i > 0 && (p[i-1] == '*' || p[i-1] == '+' || p[i-1] == '?' || p[i-1] == '}') && !escapedAt(p, i-1):
			// Possessive quantifier: matches a subset of the greedy one.
			exact = false
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), inClass == 0, exact
}

// escapedAt reports whether p[i] is preceded by an odd number of
// backslashes.
func escapedAt(p string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && p[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// groupEnd returns the index of the parenthesis closing the group opened at
// p[open], or -1.
func groupEnd(p string, open int) int {
	depth := 0
	inClass := false
	for i := open; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
			if i+1 < len(p) && p[i+1] == '^' {
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				i++
			}
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// knownUnicodeClass reports whether Go's parser knows \p{name} with the same
// meaning as Java.
func knownUnicodeClass(name string) bool {
	name = strings.TrimPrefix(name, "^")
	if _, ok := unicode.Categories[name]; ok {
		return true
	}
	_, ok := unicode.Scripts[name]
	return ok
}

// A trie holds the finite set of strings a pattern can match (read
// backwards for the text before a position), so that a rule made of a word
// list is tried only where one of its words is.
type trie struct {
	end  bool
	next map[rune]*trie
}

// maxWords bounds the size of the finite languages turned into tries.
const maxWords = 4096

// wordTrie returns a trie of the strings pattern matches (reversed when
// reverse is set), or nil when they are not a small finite set. Lookaround
// and anchors are dropped, so the set only grows: the trie is a necessary
// condition, and exact says it is also sufficient (nothing was dropped).
func wordTrie(pattern string, reverse bool) (t *trie, exact bool) {
	p, ok, exact := goSyntaxExact(pattern)
	if !ok {
		return nil, false
	}
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return nil, false
	}
	words, ok := finite(re, reverse, &exact)
	if !ok {
		return nil, false
	}
	root := &trie{}
	for _, w := range words {
		n := root
		for _, r := range w {
			if n.next == nil {
				n.next = map[rune]*trie{}
			}
			c := n.next[r]
			if c == nil {
				c = &trie{}
				n.next[r] = c
			}
			n = c
		}
		n.end = true
	}
	if root.end {
		return nil, false // the empty string: no condition
	}
	return root, exact
}

// finite lists the strings re matches, if they are few; it clears exact
// when it drops an assertion.
func finite(re *syntax.Regexp, reverse bool, exact *bool) ([]string, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		*exact = false
		return []string{""}, true
	case syntax.OpLiteral:
		out := []string{""}
		for k := range re.Rune {
			r := re.Rune[k]
			if reverse {
				r = re.Rune[len(re.Rune)-1-k]
			}
			alts := []rune{r}
			if re.Flags&syntax.FoldCase != 0 {
				*exact = false // regexp2 may fold case differently
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					alts = append(alts, f)
				}
			}
			var next []string
			for _, w := range out {
				for _, a := range alts {
					next = append(next, w+string(a))
				}
			}
			if out = next; len(out) > maxWords {
				return nil, false
			}
		}
		return out, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if out = append(out, string(r)); len(out) > 16 {
					return nil, false
				}
			}
		}
		return out, true
	case syntax.OpCapture:
		return finite(re.Sub[0], reverse, exact)
	case syntax.OpQuest:
		sub, ok := finite(re.Sub[0], reverse, exact)
		return append([]string{""}, sub...), ok
	case syntax.OpRepeat:
		if re.Max < 0 || re.Max > 4 {
			return nil, false
		}
		sub, ok := finite(re.Sub[0], reverse, exact)
		if !ok {
			return nil, false
		}
		var out []string
		power := []string{""}
		for n := 0; n <= re.Max; n++ {
			if n >= re.Min {
				out = append(out, power...)
			}
			if power = product(power, sub); power == nil {
				return nil, false
			}
		}
		return out, len(out) <= maxWords
	case syntax.OpConcat:
		out := []string{""}
		n := len(re.Sub)
		for k := 0; k < n; k++ {
			sub := re.Sub[k]
			if reverse {
				sub = re.Sub[n-1-k]
			}
			words, ok := finite(sub, reverse, exact)
			if !ok {
				return nil, false
			}
			if out = product(out, words); out == nil {
				return nil, false
			}
		}
		return out, true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			words, ok := finite(sub, reverse, exact)
			if !ok {
				return nil, false
			}
			if out = append(out, words...); len(out) > maxWords {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

// product returns every a followed by every b, or nil if there are too
// many.
func product(a, b []string) []string {
	if len(a)*len(b) > maxWords {
		return nil
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

// nearest returns the characters the trie's strings start with (nil: any).
func (t *trie) nearest() *runeSet {
	if t == nil || t.end {
		return nil
	}
	var pairs []rune
	for r := range t.next {
		pairs = append(pairs, r, r)
	}
	return newRuneSet(pairs)
}

// matchesBefore reports whether one of the trie's (reversed) strings ends
// at rune position p; a nil trie always does.
func (t *trie) matchesBefore(runes []rune, p int) bool {
	if t == nil {
		return true
	}
	n := t
	for i := p - 1; ; i-- {
		if n.end {
			return true
		}
		if i < 0 {
			return false
		}
		if n = n.next[runes[i]]; n == nil {
			return false
		}
	}
}

// matchesAfter reports whether one of the trie's strings starts at rune
// position p; a nil trie always does.
func (t *trie) matchesAfter(runes []rune, p int) bool {
	if t == nil {
		return true
	}
	n := t
	for i := p; ; i++ {
		if n.end {
			return true
		}
		if i >= len(runes) {
			return false
		}
		if n = n.next[runes[i]]; n == nil {
			return false
		}
	}
}
