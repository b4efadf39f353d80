package align

import (
	"math"
	"unicode/utf8"
)

// Bead is one unit of an alignment: source sentences Src translated by
// target sentences Tgt (0-based indices, ascending, consecutive). One side
// is empty in a null bead (a sentence left untranslated or added).
type Bead struct {
	Src, Tgt []int
	// Confidence is the posterior probability of the bead, in 0–1 (see the
	// package documentation). Beads below ReviewThreshold need a person's
	// look.
	Confidence float64
}

// ReviewThreshold is the confidence under which a bead is marked for review.
const ReviewThreshold = 0.8

// NeedsReview reports whether the bead must be checked by a person: its
// confidence is under ReviewThreshold, or it leaves a sentence without a
// counterpart (1-0 or 0-1: an omission or an addition is always worth a
// look, however sure the aligner is of it).
func (b Bead) NeedsReview() bool {
	return b.Confidence < ReviewThreshold || len(b.Src) == 0 || len(b.Tgt) == 0
}

// Options tune Align. The zero value gives the documented defaults.
type Options struct {
	// LengthRatio is the expected number of target characters per source
	// character (c in Gale–Church). Zero estimates it from the two texts.
	LengthRatio float64
	// Band is the initial half-width of the search band, in target
	// sentences, for texts too long for the full table. Zero means 50. The
	// band doubles while the best path touches its edge.
	Band int
	// LengthOnly switches the lexical anchors off, leaving Gale–Church
	// (for comparison).
	LengthOnly bool
}

// move is a bead shape: how many source and target sentences it takes.
type move struct {
	ds, dt int
	prior  float64 // -100·ln P(shape) relative to 1-1
}

// moves are the bead shapes tried, with Gale & Church's priors for 2-1,
// 1-2 and 2-2 turned into penalties, a null penalty of 300 (see the
// package documentation), and 3-1/1-3 that need strong evidence: their
// penalty exceeds that of a null bead plus a 2-1 bead.
var moves = []move{
	{1, 1, 0},
	{1, 0, penaltyNull}, {0, 1, penaltyNull},
	{2, 1, 230}, {1, 2, 230},
	{2, 2, 440},
	{3, 1, 600}, {1, 3, 600},
}

// Cost model parameters, in units of 100·ln (as in Gale & Church's program):
// a cost of 230 is a factor 10 in probability.
const (
	penaltyNull  = 300             // prior of a 1-0 or 0-1 bead
	s2           = 6.8             // variance of the length difference per character
	maxLenCost   = 2500            // cap of the length cost
	temperature  = 100             // scale turning costs into probabilities
	missStrong   = 40              // each number, name or punctuation anchor without counterpart
	unexplained  = penaltyNull / 3 // a sentence of a bead sharing no anchor with the other side
	fullTableMax = 4_000_000
	edgeMargin   = 5
)

// matchBonus is the reward for an anchor of each class found on both sides
// of a bead (see the package documentation).
var matchBonus = [numClasses]float64{
	classNumber:  150,
	className:    100,
	classCognate: 50,
	classPunct:   60,
}

// Align aligns the source sentences src with their translation tgt and
// returns beads covering every sentence of both, in order, without
// crossing. Either side may be empty.
func Align(src, tgt []string, opts Options) []Bead {
	a := newAligner(src, tgt, opts)
	if opts.LengthRatio > 0 {
		return a.run(opts.Band, true)
	}
	// A first pass, over at most ratioSample source sentences and the
	// corresponding share of the target, measures the length ratio on its
	// non-null beads, so that omissions do not bias it; the second pass
	// uses it.
	first := a
	if a.n > ratioSample && a.m > 0 {
		m := max(1, int(math.Round(float64(ratioSample)*float64(a.m)/float64(a.n))))
		first = newAligner(src[:ratioSample], tgt[:m], opts)
	}
	a.c = first.reestimate(first.run(opts.Band, false))
	return a.run(opts.Band, true)
}

// ratioSample is the number of source sentences the first pass reads.
const ratioSample = 1000

// ratioPrior is the weight, in characters, of the default ratio in the
// estimate: short texts keep a ratio near 1, long ones use their own.
const ratioPrior = 300

// reestimate returns the target/source character ratio over the non-null
// beads, shrunk towards 1.
func (a *aligner) reestimate(beads []Bead) float64 {
	var ls, lt float64
	for _, b := range beads {
		if len(b.Src) == 0 || len(b.Tgt) == 0 {
			continue
		}
		ls += a.ls[b.Src[len(b.Src)-1]+1] - a.ls[b.Src[0]]
		lt += a.lt[b.Tgt[len(b.Tgt)-1]+1] - a.lt[b.Tgt[0]]
	}
	return clamp((lt+ratioPrior)/(ls+ratioPrior), 0.5, 2)
}

// aligner holds what the dynamic programming needs about the two texts.
type aligner struct {
	n, m    int
	ls, lt  []float64 // prefix sums of sentence lengths in characters
	fs, ft  []features
	c       float64
	lexical bool
	us, ut  unions // anchors of spans of 2 and 3 sentences
	t       *table // the table being filled, which caches pairStats
}

func newAligner(src, tgt []string, opts Options) *aligner {
	a := &aligner{n: len(src), m: len(tgt), lexical: !opts.LengthOnly}
	a.ls = prefixLengths(src)
	a.lt = prefixLengths(tgt)
	a.c = opts.LengthRatio
	if a.c <= 0 {
		a.c = 1
	}
	if a.lexical {
		lex := newLexicon()
		a.fs = make([]features, a.n)
		a.ft = make([]features, a.m)
		for i, s := range src {
			a.fs[i] = lex.extract(s)
		}
		for j, t := range tgt {
			a.ft[j] = lex.extract(t)
		}
		a.us, a.ut = newUnions(a.fs), newUnions(a.ft)
	}
	return a
}

func prefixLengths(ss []string) []float64 {
	p := make([]float64, len(ss)+1)
	for i, s := range ss {
		p[i+1] = p[i] + float64(utf8.RuneCountInString(s))
	}
	return p
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// lengthCost is Gale & Church's cost of a source of l1 characters being
// translated by a target of l2 characters: -100·ln of the two-tailed
// probability of the normalized length difference.
func lengthCost(l1, l2, c float64) float64 {
	if l1 == 0 && l2 == 0 {
		return 0
	}
	mean := (l1 + l2/c) / 2
	z := math.Abs(c*l1-l2) / math.Sqrt(s2*mean)
	// Interpolate in a table of -100·ln erfc(z/√2), z in steps of 1/zStep.
	x := z * zStep
	k := int(x)
	if k >= len(zCost)-1 {
		return maxLenCost
	}
	f := x - float64(k)
	return zCost[k]*(1-f) + zCost[k+1]*f
}

const zStep = 100

// zCost[k] is -100·ln P(|Z| >= k/zStep) for a standard normal Z, capped.
var zCost = func() []float64 {
	var t []float64
	for k := 0; ; k++ {
		p := math.Erfc(float64(k) / zStep / math.Sqrt2)
		c := float64(maxLenCost)
		if p > 0 {
			c = math.Min(maxLenCost, -100*math.Log(p))
		}
		t = append(t, c)
		if c >= maxLenCost {
			return t
		}
	}
}()

// cost returns the cost of the bead made of source sentences [i0,i1) and
// target sentences [j0,j1).
func (a *aligner) cost(mv move, i1, j1 int) float64 {
	i0, j0 := i1-mv.ds, j1-mv.dt
	if mv.ds == 0 || mv.dt == 0 {
		return mv.prior
	}
	c := mv.prior + lengthCost(a.ls[i1]-a.ls[i0], a.lt[j1]-a.lt[j0], a.c)
	if a.lexical {
		c += a.lexCost(i0, i1, j0, j1)
	}
	return c
}

// pairStat is what the anchors of one source and one target sentence have
// in common.
type pairStat struct {
	bonus  float32 // sum of matchBonus over the shared anchors
	strong int16   // shared anchors that are numbers, names or punctuation
	shared int16   // shared anchors of any class; -1 if not computed yet
}

// compare counts the anchors that source sentence i and target sentence j
// share (as multisets: an anchor twice on one side and once on the other
// is shared once).
func (a *aligner) compare(i, j int) pairStat {
	return intersect(a.fs[i].keys, a.ft[j].keys)
}

// pair returns compare(i, j), cached in the current table's cell (i+1, j+1)
// when it lies in the band.
func (a *aligner) pair(i, j int) pairStat {
	t := a.t
	if t == nil {
		return a.compare(i, j)
	}
	k := t.at(i+1, j+1)
	if k < 0 {
		return a.compare(i, j)
	}
	if t.pairs[k].shared < 0 {
		t.pairs[k] = a.compare(i, j)
	}
	return t.pairs[k]
}

// lexCost is the lexical part of the cost of the bead made of source
// sentences [i0,i1) and target sentences [j0,j1): a bonus for each anchor
// the two sides share (as multisets), a penalty for each strong anchor
// (number, name, punctuation) without counterpart, and a penalty for each
// sentence that shares nothing with the other side while both sides have
// anchors.
func (a *aligner) lexCost(i0, i1, j0, j1 int) float64 {
	var shared pairStat
	switch {
	case i1-i0 == 1 && j1-j0 == 1:
		shared = a.pair(i0, j0)
	case a.us.distinct(i0, i1) && a.ut.distinct(j0, j1):
		// No anchor repeats within either side, so the shared multiset is
		// the sum of what the sentence pairs share.
		for i := i0; i < i1; i++ {
			for j := j0; j < j1; j++ {
				p := a.pair(i, j)
				shared.bonus += p.bonus
				shared.strong += p.strong
				shared.shared += p.shared
			}
		}
	default:
		shared = intersect(a.us.span(i0, i1), a.ut.span(j0, j1))
	}
	strong, anyS, anyT := 0, false, false
	for _, f := range a.fs[i0:i1] {
		strong += f.strong
		anyS = anyS || len(f.keys) > 0
	}
	for _, f := range a.ft[j0:j1] {
		strong += f.strong
		anyT = anyT || len(f.keys) > 0
	}
	c := missStrong*float64(strong-2*int(shared.strong)) - float64(shared.bonus)
	if !anyS || !anyT || shared.shared == 0 && i1-i0 == 1 && j1-j0 == 1 {
		if anyS && anyT {
			c += 2 * unexplained
		}
		return c
	}
	// A sentence shares an anchor with the other side exactly when it
	// shares one with one of its sentences.
	var rowShared, colShared [3]bool
	for i := i0; i < i1; i++ {
		for j := j0; j < j1; j++ {
			if a.pair(i, j).shared > 0 {
				rowShared[i-i0], colShared[j-j0] = true, true
			}
		}
	}
	for i := i0; i < i1; i++ {
		if len(a.fs[i].keys) > 0 && !rowShared[i-i0] {
			c += unexplained
		}
	}
	for j := j0; j < j1; j++ {
		if len(a.ft[j].keys) > 0 && !colShared[j-j0] {
			c += unexplained
		}
	}
	return c
}

// intersect counts the anchors shared by the sorted multisets x and y.
func intersect(x, y []key) pairStat {
	var p pairStat
	for len(x) > 0 && len(y) > 0 {
		switch {
		case x[0] < y[0]:
			x = x[1:]
		case x[0] > y[0]:
			y = y[1:]
		default:
			cl := x[0].class()
			p.bonus += float32(matchBonus[cl])
			p.shared++
			if cl != classCognate {
				p.strong++
			}
			x, y = x[1:], y[1:]
		}
	}
	return p
}

// unions holds, for each sentence i, the sorted anchors of sentences i..i+1
// and i..i+2, so that multi-sentence beads need no merging in the inner
// loop of the dynamic programming.
type unions struct {
	fs     []features
	u2, u3 [][]key
	// rep2[i] and rep3[i] are true when an anchor occurs twice in the
	// union of 2 or 3 sentences from i.
	rep2, rep3 []bool
}

func newUnions(fs []features) unions {
	n := len(fs)
	u := unions{fs: fs, u2: make([][]key, n), u3: make([][]key, n), rep2: make([]bool, n), rep3: make([]bool, n)}
	for i := range fs {
		if i+1 < n {
			u.u2[i] = mergeSorted(nil, fs[i].keys, fs[i+1].keys)
			u.rep2[i] = repeats(u.u2[i])
		}
		if i+2 < n {
			u.u3[i] = mergeSorted(nil, u.u2[i], fs[i+2].keys)
			u.rep3[i] = repeats(u.u3[i])
		}
	}
	return u
}

// repeats reports whether the sorted slice x holds a key twice.
func repeats(x []key) bool {
	for k := 1; k < len(x); k++ {
		if x[k] == x[k-1] {
			return true
		}
	}
	return false
}

// distinct reports whether no anchor occurs twice among sentences [i0,i1).
func (u unions) distinct(i0, i1 int) bool {
	switch i1 - i0 {
	case 1:
		return !repeats(u.fs[i0].keys)
	case 2:
		return !u.rep2[i0]
	case 3:
		return !u.rep3[i0]
	}
	return true
}

// span returns the anchors of sentences [i0,i1), i1-i0 <= 3.
func (u unions) span(i0, i1 int) []key {
	switch i1 - i0 {
	case 1:
		return u.fs[i0].keys
	case 2:
		return u.u2[i0]
	case 3:
		return u.u3[i0]
	}
	return nil
}

// mergeSorted appends to dst the merge of the sorted slices x and y.
func mergeSorted(dst, x, y []key) []key {
	for len(x) > 0 && len(y) > 0 {
		if x[0] <= y[0] {
			dst = append(dst, x[0])
			x = x[1:]
		} else {
			dst = append(dst, y[0])
			y = y[1:]
		}
	}
	dst = append(dst, x...)
	return append(dst, y...)
}

// table is the banded dynamic-programming table: row i holds the cells
// (i, j) for lo[i] <= j <= hi[i].
type table struct {
	lo, hi []int
	off    []int      // index of (i, lo[i]) in the flat slices
	best   []float64  // minimum cost to reach the cell
	back   []int8     // move index of that minimum, -1 if unreachable
	cost   []float32  // cost of each move ending in the cell, +Inf if none
	pairs  []pairStat // pairStat of the sentences ending at the cell
	fwd    []float64  // log of the summed weight of all paths reaching the cell
	bwd    []float64  // log of the summed weight of all paths leaving it
}

func (t *table) at(i, j int) int {
	if i < 0 || j < t.lo[i] || j > t.hi[i] {
		return -1
	}
	return t.off[i] + j - t.lo[i]
}

func (a *aligner) run(band int, confidences bool) []Bead {
	n, m := a.n, a.m
	if band <= 0 {
		band = 50
	}
	for {
		full := (n+1)*(m+1) <= fullTableMax || band >= m
		t := a.newTable(band, full)
		a.t = t
		a.forward(t)
		beads, touches := a.trace(t, full)
		// The band stops growing at fullTableMax cells (about 260 MB):
		// beyond, the path found in the band is kept.
		if !touches || full || (4*band+1)*(n+1) > fullTableMax {
			if confidences {
				a.backward(t)
				a.confidence(t, beads)
			}
			return beads
		}
		band *= 2
	}
}

func (a *aligner) newTable(band int, full bool) *table {
	n, m := a.n, a.m
	t := &table{lo: make([]int, n+1), hi: make([]int, n+1), off: make([]int, n+2)}
	for i := 0; i <= n; i++ {
		if full || n == 0 {
			t.lo[i], t.hi[i] = 0, m
		} else {
			c := int(math.Round(float64(i) * float64(m) / float64(n)))
			t.lo[i], t.hi[i] = max(0, c-band), min(m, c+band)
		}
		t.off[i+1] = t.off[i] + t.hi[i] - t.lo[i] + 1
	}
	size := t.off[n+1]
	t.best = make([]float64, size)
	t.back = make([]int8, size)
	t.fwd = make([]float64, size)
	t.cost = make([]float32, size*len(moves))
	t.pairs = make([]pairStat, size)
	for k := range t.pairs {
		t.pairs[k].shared = -1
	}
	return t
}

// forward fills the minimum costs and the forward sums.
func (a *aligner) forward(t *table) {
	var terms [8]float64
	for i := 0; i <= a.n; i++ {
		for j := t.lo[i]; j <= t.hi[i]; j++ {
			k := t.at(i, j)
			if i == 0 && j == 0 {
				t.best[k], t.back[k], t.fwd[k] = 0, -1, 0
				continue
			}
			best, arg, nt := math.Inf(1), int8(-1), 0
			for mi, mv := range moves {
				t.cost[k*len(moves)+mi] = float32(math.Inf(1))
				p := t.at(i-mv.ds, j-mv.dt)
				if j-mv.dt < 0 || p < 0 || math.IsInf(t.best[p], 1) {
					continue
				}
				c := a.cost(mv, i, j)
				t.cost[k*len(moves)+mi] = float32(c)
				if v := t.best[p] + c; v < best {
					best, arg = v, int8(mi)
				}
				terms[nt] = t.fwd[p] - c/temperature
				nt++
			}
			t.best[k], t.back[k] = best, arg
			t.fwd[k] = logSumExp(terms[:nt])
		}
	}
}

// backward fills the backward sums, needed for the confidences.
func (a *aligner) backward(t *table) {
	t.bwd = make([]float64, len(t.best))
	var terms [8]float64
	for i := a.n; i >= 0; i-- {
		for j := t.hi[i]; j >= t.lo[i]; j-- {
			k := t.at(i, j)
			if i == a.n && j == a.m {
				t.bwd[k] = 0
				continue
			}
			nt := 0
			for mi, mv := range moves {
				i1, j1 := i+mv.ds, j+mv.dt
				if i1 > a.n || j1 > a.m {
					continue
				}
				q := t.at(i1, j1)
				if q < 0 || math.IsInf(t.bwd[q], -1) {
					continue
				}
				c := float64(t.cost[q*len(moves)+mi])
				if math.IsInf(c, 1) {
					continue
				}
				terms[nt] = t.bwd[q] - c/temperature
				nt++
			}
			t.bwd[k] = logSumExp(terms[:nt])
		}
	}
}

func logSumExp(xs []float64) float64 {
	if len(xs) == 0 {
		return math.Inf(-1)
	}
	mx := xs[0]
	for _, x := range xs[1:] {
		mx = math.Max(mx, x)
	}
	if math.IsInf(mx, -1) {
		return mx
	}
	s := 0.0
	for _, x := range xs {
		s += math.Exp(x - mx)
	}
	return mx + math.Log(s)
}

// trace follows the back pointers from (n, m) and reports whether the path
// comes within edgeMargin of an inner edge of the band.
func (a *aligner) trace(t *table, full bool) ([]Bead, bool) {
	var rev []Bead
	touches := false
	i, j := a.n, a.m
	for i > 0 || j > 0 {
		if !full && ((t.lo[i] > 0 && j-t.lo[i] < edgeMargin) || (t.hi[i] < a.m && t.hi[i]-j < edgeMargin)) {
			touches = true
		}
		mv := moves[t.back[t.at(i, j)]]
		b := Bead{Src: seq(i-mv.ds, i), Tgt: seq(j-mv.dt, j)}
		rev = append(rev, b)
		i, j = i-mv.ds, j-mv.dt
	}
	beads := make([]Bead, len(rev))
	for k := range rev {
		beads[k] = rev[len(rev)-1-k]
	}
	return beads, touches
}

// confidence sets each bead's posterior probability: the summed weight of
// the paths through the bead over the summed weight of all paths.
func (a *aligner) confidence(t *table, beads []Bead) {
	total := t.fwd[t.at(a.n, a.m)]
	i, j := 0, 0
	for k := range beads {
		ds, dt := len(beads[k].Src), len(beads[k].Tgt)
		mv := move{ds: ds, dt: dt}
		for _, m := range moves {
			if m.ds == ds && m.dt == dt {
				mv = m
			}
		}
		c := a.cost(mv, i+ds, j+dt)
		p := math.Exp(t.fwd[t.at(i, j)] - c/temperature + t.bwd[t.at(i+ds, j+dt)] - total)
		beads[k].Confidence = clamp(p, 0, 1)
		i, j = i+ds, j+dt
	}
}

func seq(from, to int) []int {
	if from == to {
		return nil
	}
	s := make([]int, 0, to-from)
	for k := from; k < to; k++ {
		s = append(s, k)
	}
	return s
}
