package worddiff

import (
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"
)

// OpKind says what a diff [Op] does.
type OpKind int

// The kinds of diff operations.
const (
	Equal  OpKind = iota // text in both versions
	Delete               // text only in the old version
	Insert               // text only in the new version
)

var opNames = [...]string{"equal", "delete", "insert"}

// String returns "equal", "delete" or "insert".
func (k OpKind) String() string {
	if k >= 0 && int(k) < len(opNames) {
		return opNames[k]
	}
	return "OpKind(?)"
}

// MarshalText returns the kind's name, so that JSON shows "equal",
// "delete" or "insert".
func (k OpKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Op is one step of a diff: a piece of text kept, deleted or inserted.
// Tokens are the op's tokens, taken from the old version for Equal and
// Delete and from the new one for Insert; a [Space] token at either edge
// may be a part of a longer run of white space.
type Op struct {
	Kind   OpKind
	Text   string
	Tokens []Token

	// Byte offsets of the op in the old (a) and new (b) text; an op only
	// has the offsets of the side(s) it belongs to.
	aStart, aEnd, bStart, bEnd int
}

// MarshalJSON writes the op as {"op":"equal","text":"..."}.
func (o Op) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Op   OpKind `json:"op"`
		Text string `json:"text"`
	}{o.Kind, o.Text})
}

// Diff returns the operations that turn the text of tokens a into the text
// of tokens b. It is minimal in the number of non-space tokens deleted and
// inserted (Myers' algorithm over the non-space tokens); white space is
// never matched by itself, so a shared space cannot split a change in
// two. Concatenating the Equal and Delete texts gives a's text exactly,
// and the Equal and Insert texts b's. Within a change, deletions come
// before insertions, and white space common to both sides at the change's
// edges is kept as Equal (like `git diff --word-diff`).
//
// Above [MaxWork] steps of the search (long and very different texts) the
// diff is not minimal: the common start and end are kept and the rest is
// replaced; [DiffBounded] says when.
func Diff(a, b []Token) []Op {
	ops, _ := DiffBounded(a, b)
	return ops
}

// DiffBounded is [Diff], also reporting whether the diff is minimal
// (false when the search ran past [MaxWork] and the fallback was used).
func DiffBounded(a, b []Token) (ops []Op, exact bool) {
	return diff(a, b, newBudget())
}

// diff is Diff within a budget (nil: none).
func diff(a, b []Token, bud *budget) ([]Op, bool) {
	ka, ia := nonSpace(a)
	kb, ib := nonSpace(b)
	script, exact := myers(ka, kb, bud)
	ta, tb := joinTokens(a), joinTokens(b)
	r := renderer{a: a, b: b, ta: ta, tb: tb}
	for _, e := range script {
		if e.kind != Equal {
			continue
		}
		ta0, tb0 := a[ia[e.i]], b[ib[e.j]]
		r.hunk(ta0.Start, tb0.Start)
		r.emit(Equal, ta0.Start, ta0.End, tb0.Start, tb0.End)
	}
	r.hunk(len(ta), len(tb))
	for i := range r.ops {
		o := &r.ops[i]
		if o.Kind == Insert {
			o.Text = tb[o.bStart:o.bEnd]
			o.Tokens = clip(b, o.bStart, o.bEnd)
		} else {
			o.Text = ta[o.aStart:o.aEnd]
			o.Tokens = clip(a, o.aStart, o.aEnd)
		}
	}
	return r.ops, exact
}

// DiffStrings tokenizes a and b by word ([Tokenize]) and diffs them.
func DiffStrings(a, b string) []Op { return Diff(Tokenize(a), Tokenize(b)) }

// renderer turns the alignment of non-space tokens into ops.
type renderer struct {
	a, b   []Token
	ta, tb string
	pa, pb int // bytes of a and b already covered by ops
	ops    []Op
}

// hunk emits the text between what is already covered and the given
// offsets: the deleted and inserted tokens of a change, or just the white
// space between two kept tokens.
func (r *renderer) hunk(aEnd, bEnd int) {
	sa, sb := r.ta[r.pa:aEnd], r.tb[r.pb:bEnd]
	if sa == sb {
		r.emit(Equal, r.pa, aEnd, r.pb, bEnd)
		return
	}
	pre := commonSpacePrefix(sa, sb)
	suf := commonSpaceSuffix(sa[pre:], sb[pre:])
	a0, b0 := r.pa, r.pb
	r.emit(Equal, a0, a0+pre, b0, b0+pre)
	r.emit(Delete, a0+pre, aEnd-suf, b0+pre, b0+pre)
	r.emit(Insert, aEnd-suf, aEnd-suf, b0+pre, bEnd-suf)
	r.emit(Equal, aEnd-suf, aEnd, bEnd-suf, bEnd)
}

// emit appends an op unless it is empty, merging it with the previous op of
// the same kind, and advances the covered offsets.
func (r *renderer) emit(k OpKind, aStart, aEnd, bStart, bEnd int) {
	r.pa, r.pb = aEnd, bEnd
	if aEnd == aStart && bEnd == bStart {
		return
	}
	if n := len(r.ops); n > 0 && r.ops[n-1].Kind == k {
		r.ops[n-1].aEnd, r.ops[n-1].bEnd = aEnd, bEnd
		return
	}
	r.ops = append(r.ops, Op{Kind: k, aStart: aStart, aEnd: aEnd, bStart: bStart, bEnd: bEnd})
}

// commonSpacePrefix returns the length in bytes of the white space that a
// and b both start with.
func commonSpacePrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) {
		ra, sa := utf8.DecodeRuneInString(a[n:])
		rb, _ := utf8.DecodeRuneInString(b[n:])
		if ra != rb || !unicode.IsSpace(ra) {
			break
		}
		n += sa
	}
	return n
}

// commonSpaceSuffix returns the length in bytes of the white space that a
// and b both end with.
func commonSpaceSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) {
		ra, sa := utf8.DecodeLastRuneInString(a[:len(a)-n])
		rb, _ := utf8.DecodeLastRuneInString(b[:len(b)-n])
		if ra != rb || !unicode.IsSpace(ra) {
			break
		}
		n += sa
	}
	return n
}

// nonSpace returns the texts of the tokens that are not white space and
// their indexes in toks.
func nonSpace(toks []Token) (keys []string, idx []int) {
	for i, t := range toks {
		if t.Kind != Space {
			keys = append(keys, t.Text)
			idx = append(idx, i)
		}
	}
	return keys, idx
}

// joinTokens concatenates the tokens' texts.
func joinTokens(toks []Token) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.Text)
	}
	return b.String()
}

// clip returns the tokens covering bytes [start, end) of the text, the
// first and last cut to that range.
func clip(toks []Token, start, end int) []Token {
	var out []Token
	for _, t := range toks {
		if t.End <= start || t.Start >= end {
			continue
		}
		if t.Start < start {
			t.Text, t.Start = t.Text[start-t.Start:], start
		}
		if t.End > end {
			t.Text, t.End = t.Text[:len(t.Text)-(t.End-end)], end
		}
		out = append(out, t)
	}
	return out
}

// edit is one step of an edit script over token keys: Equal pairs a[i]
// with b[j], Delete drops a[i], Insert adds b[j].
type edit struct {
	kind OpKind
	i, j int
}

// myers returns a shortest edit script turning a into b (E. W. Myers, "An
// O(ND) difference algorithm and its variations", 1986), after trimming
// the common prefix and suffix. When the search runs out of budget, the
// script replaces everything between the common prefix and suffix, and
// exact is false.
func myers[T comparable](a, b []T, bud *budget) (script []edit, exact bool) {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	bud.take(pre + suf)
	for k := 0; k < pre; k++ {
		script = append(script, edit{Equal, k, k})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	exact = true
	mid, ok := myersCore(ma, mb, pre, pre, maxTraceD, bud)
	if !ok && !bud.exhausted() {
		mid = nil
		ok = linearDiff(ma, mb, pre, pre, &mid, bud)
	}
	if !ok {
		// Out of budget: replace the middle, in linear time.
		mid, exact = mid[:0], false
		for i := range ma {
			mid = append(mid, edit{Delete, pre + i, pre})
		}
		for j := range mb {
			mid = append(mid, edit{Insert, pre + len(ma), pre + j})
		}
	}
	script = append(script, mid...)
	for k := suf; k > 0; k-- {
		script = append(script, edit{Equal, len(a) - k, len(b) - k})
	}
	return script, exact
}

// maxTraceD bounds the edit distance up to which [myersCore] keeps its
// trace (memory grows with its square); beyond it the linear-space variant
// takes over.
const maxTraceD = 2000

// myersCore runs the greedy forward search, keeping each round's frontier
// to trace the path back. offA and offB are added to the indexes returned.
// It gives up (false) when the distance exceeds limit or the budget runs
// out.
func myersCore[T comparable](a, b []T, offA, offB, limit int, bud *budget) ([]edit, bool) {
	n, m := len(a), len(b)
	if n == 0 && m == 0 {
		return nil, true
	}
	max := n + m
	off := max + 1
	v := make([]int, 2*max+3) // v[k+off] = furthest x on diagonal k
	var trace [][]int         // trace[d][k+d+1] = v[k+off] before round d
	var dEnd int
search:
	for d := 0; d <= max; d++ {
		if d > limit || !bud.take(3*d+3) {
			return nil, false
		}
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[k-1+off] < v[k+1+off]) {
				x = v[k+1+off] // down: insertion
			} else {
				x = v[k-1+off] + 1 // right: deletion
			}
			y := x - k
			x0 := x
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			if !bud.take(x - x0) {
				return nil, false
			}
			v[k+off] = x
			if x >= n && y >= m {
				dEnd = d
				break search
			}
		}
	}
	// Walk back from (n, m).
	var rev []edit
	x, y := n, m
	for d := dEnd; d > 0; d-- {
		vp := trace[d]
		k := x - y
		var prevK int
		if k == -d || (k != d && vp[k-1+d+1] < vp[k+1+d+1]) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := vp[prevK+d+1]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x--
			y--
			rev = append(rev, edit{Equal, x + offA, y + offB})
		}
		if x == prevX {
			y--
			rev = append(rev, edit{Insert, x + offA, y + offB})
		} else {
			x--
			rev = append(rev, edit{Delete, x + offA, y + offB})
		}
	}
	for x > 0 && y > 0 {
		x--
		y--
		rev = append(rev, edit{Equal, x + offA, y + offB})
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev, true
}

// linearDiff appends to out a shortest edit script turning a into b in
// linear space: Myers' divide and conquer on the middle snake (section 4b
// of the paper). offA and offB are added to the indexes. It reports false
// (out then holds part of a script) when the budget runs out.
func linearDiff[T comparable](a, b []T, offA, offB int, out *[]edit, bud *budget) bool {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		*out = append(*out, edit{Equal, offA + pre, offB + pre})
		pre++
	}
	a, b, offA, offB = a[pre:], b[pre:], offA+pre, offB+pre
	suf := 0
	for suf < len(a) && suf < len(b) && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	a, b = a[:len(a)-suf], b[:len(b)-suf]
	switch {
	case len(a) == 0:
		for j := range b {
			*out = append(*out, edit{Insert, offA, offB + j})
		}
	case len(b) == 0:
		for i := range a {
			*out = append(*out, edit{Delete, offA + i, offB})
		}
	default:
		x, y, u, v, ok := middleSnake(a, b, bud)
		if !ok || !linearDiff(a[:x], b[:y], offA, offB, out, bud) {
			return false
		}
		for k := 0; k < u-x; k++ {
			*out = append(*out, edit{Equal, offA + x + k, offB + y + k})
		}
		if !linearDiff(a[u:], b[v:], offA+u, offB+v, out, bud) {
			return false
		}
	}
	for k := 0; k < suf; k++ {
		*out = append(*out, edit{Equal, offA + len(a) + k, offB + len(b) + k})
	}
	return bud.take(len(a) + len(b) + pre + suf)
}

// middleSnake finds the middle snake of an optimal path from (0, 0) to
// (len(a), len(b)), running the greedy search forward from the start and
// backward from the end until they meet: the snake goes from (x, y) to
// (u, v). a and b must both be non-empty and differ at both ends. ok is
// false when the budget runs out.
func middleSnake[T comparable](a, b []T, bud *budget) (x, y, u, v int, ok bool) {
	n, m := len(a), len(b)
	delta := n - m
	odd := delta%2 != 0
	max := (n + m + 1) / 2
	off := max + 1
	vf := make([]int, 2*max+3) // forward: furthest x on diagonal k
	vb := make([]int, 2*max+3) // backward: furthest x counted from the end on reverse diagonal k
	for d := 0; d <= max; d++ {
		if !bud.take(2*d + 2) {
			return 0, 0, 0, 0, false
		}
		for k := -d; k <= d; k += 2 {
			var px int
			if k == -d || (k != d && vf[off+k-1] < vf[off+k+1]) {
				px = vf[off+k+1]
			} else {
				px = vf[off+k-1] + 1
			}
			py := px - k
			ex, ey := px, py
			for ex < n && ey < m && a[ex] == b[ey] {
				ex++
				ey++
			}
			bud.take(ex - px)
			vf[off+k] = ex
			if kr := delta - k; odd && kr >= -(d-1) && kr <= d-1 && ex+vb[off+kr] >= n {
				return px, py, ex, ey, true
			}
		}
		for k := -d; k <= d; k += 2 {
			var px int
			if k == -d || (k != d && vb[off+k-1] < vb[off+k+1]) {
				px = vb[off+k+1]
			} else {
				px = vb[off+k-1] + 1
			}
			py := px - k
			ex, ey := px, py
			for ex < n && ey < m && a[n-1-ex] == b[m-1-ey] {
				ex++
				ey++
			}
			bud.take(ex - px)
			vb[off+k] = ex
			if kf := delta - k; !odd && kf >= -d && kf <= d && ex+vf[off+kf] >= n {
				return n - ex, m - ey, n - px, m - py, true
			}
		}
	}
	panic("worddiff: middle snake not found") // unreachable: the paths always meet
}
