package worddiff

// TER's search limits (Snover et al. 2006, as in tercom): a shift moves at
// most maxShiftSize words by at most maxShiftDist positions.
const (
	maxShiftSize = 10
	maxShiftDist = 50
	// maxShiftCells bounds the shift search: when the two versions'
	// word counts multiply to more than this, no shift is searched for
	// and the distance is the plain word edit distance.
	maxShiftCells = 90_000
)

// Distance is the post-edit distance between a translator's version of a
// unit (the hypothesis, in TER's terms) and the editor's version (the
// reference).
type Distance struct {
	Insertions    int `json:"insertions"`    // words the editor added
	Deletions     int `json:"deletions"`     // words the editor removed
	Substitutions int `json:"substitutions"` // words the editor replaced
	Shifts        int `json:"shifts"`        // blocks of words the editor moved
	Words         int `json:"words"`         // words in the editor's version

	// TER is (Insertions+Deletions+Substitutions+Shifts) / max(Words, 1).
	TER float64 `json:"ter"`
	// Similarity is 1 − Levenshtein(runes) / max(rune counts), 1 for two
	// empty texts.
	Similarity float64 `json:"similarity"`
	// Approximate says the texts were too long and different to measure
	// within [MaxWork]: the edits and distance are upper bounds, the
	// similarity a lower bound, and no shifts were searched.
	Approximate bool `json:"approximate,omitempty"`
}

// Edits returns the number of word edits, shifts included.
func (d Distance) Edits() int { return d.Insertions + d.Deletions + d.Substitutions + d.Shifts }

// Measure returns the post-edit distance from the translator's text from
// to the editor's text to. Words are the non-space tokens of [Tokenize],
// compared with case.
//
// Each of TER and the similarity takes at most [MaxWork] steps; past that
// it is approximated (see [MaxWork]) and the distance is marked
// Approximate.
func Measure(from, to string) Distance {
	hyp, _ := nonSpace(Tokenize(from))
	ref, _ := nonSpace(Tokenize(to))
	d, exact := ter(hyp, ref, newBudget())
	d.Words = len(ref)
	d.TER = float64(d.Edits()) / float64(max(len(ref), 1))
	var simExact bool
	d.Similarity, simExact = charSimilarity(from, to, newBudget())
	d.Approximate = !exact || !simExact
	return d
}

// CharSimilarity returns 1 − Levenshtein(a, b) / max(len(a), len(b)),
// counting runes; two empty strings are fully similar (1). Above
// [MaxWork] cells it is a lower bound (see [MaxWork]).
func CharSimilarity(a, b string) float64 {
	s, _ := charSimilarity(a, b, newBudget())
	return s
}

// charSimilarity is CharSimilarity within a budget; exact is false when
// the distance is an upper bound read off a diff.
func charSimilarity(a, b string, bud *budget) (sim float64, exact bool) {
	ra, rb := []rune(a), []rune(b)
	n := max(len(ra), len(rb))
	if n == 0 {
		return 1, true
	}
	dist, exact := levenshteinBounded(ra, rb, bud)
	return 1 - float64(dist)/float64(n), exact
}

// levenshteinBounded returns the Levenshtein distance of a and b when its
// table fits in the budget, else an upper bound from a bounded diff.
func levenshteinBounded(a, b []rune, bud *budget) (int, bool) {
	if cells := len(a) * len(b); bud.allows(cells) {
		bud.take(cells)
		return levenshtein(a, b), true
	}
	script, _ := myers(a, b, bud)
	ins, del, sub := scriptCounts(script)
	return ins + del + sub, false
}

// scriptCounts reads an edit script's insertions, deletions and
// substitutions: in each run of changes between two equal steps, as many
// deletions and insertions as can be paired are substitutions.
func scriptCounts(script []edit) (ins, del, sub int) {
	d, i := 0, 0
	flush := func() {
		s := min(d, i)
		sub += s
		del += d - s
		ins += i - s
		d, i = 0, 0
	}
	for _, e := range script {
		switch e.kind {
		case Equal:
			flush()
		case Delete:
			d++
		case Insert:
			i++
		}
	}
	flush()
	return ins, del, sub
}

// levenshtein returns the edit distance between two rune slices in
// O(len(a)·len(b)) time and O(len(b)) space.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c = 1 + min(c, prev[j], cur[j-1])
			}
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// alignment is a word-level edit distance with its path.
type alignment struct {
	ins, del, sub int
	herr          []bool // herr[i]: hyp word i is not matched exactly
	rerr          []bool // rerr[j]: ref word j is not matched exactly
	ralign        []int  // ralign[j]: the hyp position aligned with ref word j (-1 before the first)
}

func (a *alignment) cost() int { return a.ins + a.del + a.sub }

// align computes the minimum edit distance from hyp to ref (insertions,
// deletions and substitutions of words, each costing 1) and one optimal
// alignment. Insertion and deletion are in the editor's sense: a word of
// ref missing from hyp is an insertion.
func align(hyp, ref []string) alignment {
	n, m := len(hyp), len(ref)
	w := m + 1
	d := make([]int32, (n+1)*w)
	for j := 0; j <= m; j++ {
		d[j] = int32(j)
	}
	for i := 1; i <= n; i++ {
		d[i*w] = int32(i)
		for j := 1; j <= m; j++ {
			c := d[(i-1)*w+j-1]
			if hyp[i-1] != ref[j-1] {
				c = 1 + min(c, d[(i-1)*w+j], d[i*w+j-1])
			}
			d[i*w+j] = c
		}
	}
	a := alignment{herr: make([]bool, n), rerr: make([]bool, m), ralign: make([]int, m)}
	i, j := n, m
	for i > 0 || j > 0 {
		switch {
		case i > 0 && j > 0 && hyp[i-1] == ref[j-1] && d[i*w+j] == d[(i-1)*w+j-1]:
			i, j = i-1, j-1
			a.ralign[j] = i
		case i > 0 && j > 0 && d[i*w+j] == d[(i-1)*w+j-1]+1:
			i, j = i-1, j-1
			a.sub++
			a.herr[i], a.rerr[j] = true, true
			a.ralign[j] = i
		case i > 0 && d[i*w+j] == d[(i-1)*w+j]+1:
			i--
			a.del++
			a.herr[i] = true
		default:
			j--
			a.ins++
			a.rerr[j] = true
			a.ralign[j] = i - 1
		}
	}
	return a
}

// ter computes TER's edits: a greedy search for shifts (moves of a block
// of hyp words) that lower the word edit distance, as in Snover et al.,
// "A Study of Translation Edit Rate with Targeted Human Annotation"
// (2006), then the edit distance of the shifted hyp.
//
// Within the budget the result is exact (exact true): above maxShiftCells
// without shifts, as tercom; above the budget, the counts are read off a
// bounded diff (an upper bound).
func ter(hyp, ref []string, bud *budget) (d Distance, exact bool) {
	if cells := len(hyp) * len(ref); cells > maxShiftCells {
		if !bud.allows(cells) {
			script, _ := myers(hyp, ref, bud)
			ins, del, sub := scriptCounts(script)
			return Distance{Insertions: ins, Deletions: del, Substitutions: sub}, false
		}
		bud.take(cells)
		ins, del, sub := editCounts(hyp, ref)
		return Distance{Insertions: ins, Deletions: del, Substitutions: sub}, true
	}
	cur := append([]string(nil), hyp...)
	best := align(cur, ref)
	shifts := 0
	for {
		next, nextAlign, ok := bestShift(cur, ref, best)
		if !ok {
			break
		}
		cur, best = next, nextAlign
		shifts++
	}
	return Distance{Insertions: best.ins, Deletions: best.del, Substitutions: best.sub, Shifts: shifts}, true
}

// editCounts returns the insertions, deletions and substitutions of one
// minimal word edit script from hyp to ref, in O(len(ref)) space, for texts
// too long for [align]'s full table.
func editCounts(hyp, ref []string) (ins, del, sub int) {
	type cell struct{ cost, ins, del, sub int }
	prev := make([]cell, len(ref)+1)
	cur := make([]cell, len(ref)+1)
	for j := range prev {
		prev[j] = cell{cost: j, ins: j}
	}
	for i := 1; i <= len(hyp); i++ {
		cur[0] = cell{cost: i, del: i}
		for j := 1; j <= len(ref); j++ {
			c := prev[j-1]
			if hyp[i-1] != ref[j-1] {
				c.cost++
				c.sub++
				if d := prev[j]; d.cost+1 < c.cost {
					c = d
					c.cost++
					c.del++
				}
				if n := cur[j-1]; n.cost+1 < c.cost {
					c = n
					c.cost++
					c.ins++
				}
			}
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	c := prev[len(ref)]
	return c.ins, c.del, c.sub
}

// bestShift finds the shift of cur that lowers the edit distance to ref
// the most, by at least one edit. A candidate moves cur[start:end] (at
// most maxShiftSize words, at least one of them wrongly placed) so that it
// lines up with an identical phrase of ref that is not already matched
// exactly, at most maxShiftDist positions away. Among equal gains the
// longest phrase wins, then the earliest start, then the earliest
// destination. Phrases are tried longest first; as a shift of l words
// lowers the distance by at most 2·l, shorter phrases are not tried once
// that bound cannot beat the best gain.
func bestShift(cur, ref []string, a alignment) ([]string, alignment, bool) {
	curCost := a.cost()
	bestGain := 0
	var bestWords []string
	for l := min(maxShiftSize, len(cur)); l >= 1; l-- {
		if bestGain >= 2*l {
			break
		}
		for start := 0; start+l <= len(cur); start++ {
			end := start + l
			if !anyTrue(a.herr[start:end]) {
				continue
			}
			for mv := 0; mv+l <= len(ref); mv++ {
				if !equalWords(cur[start:end], ref[mv:mv+l]) || !anyTrue(a.rerr[mv:mv+l]) {
					continue
				}
				if d := a.ralign[mv] - start; d > maxShiftDist || -d > maxShiftDist {
					continue
				}
				tried := map[int]bool{}
				for roff := -1; roff < l; roff++ {
					var newloc int // insert the phrase after cur[newloc]; -1 = at the front
					switch {
					case roff == -1 && mv == 0:
						newloc = -1
					case roff == -1:
						continue
					default:
						newloc = a.ralign[mv+roff]
					}
					if newloc >= start-1 && newloc < end || tried[newloc] {
						continue // no move, or into itself
					}
					tried[newloc] = true
					shifted := shift(cur, start, end, newloc)
					// Only a cost below curCost-bestGain can win.
					if c := costBelow(shifted, ref, curCost-bestGain); curCost-c > bestGain {
						bestGain, bestWords = curCost-c, shifted
					}
				}
			}
		}
	}
	if bestGain <= 0 {
		return nil, alignment{}, false
	}
	return bestWords, align(bestWords, ref), true
}

// costBelow returns the word edit distance from hyp to ref when it is
// below limit, else a value of at least limit: it stops as soon as a whole
// row of the table reaches limit, since the distance cannot be lower.
func costBelow(hyp, ref []string, limit int) int {
	prev := make([]int32, len(ref)+1)
	cur := make([]int32, len(ref)+1)
	for j := range prev {
		prev[j] = int32(j)
	}
	for i := 1; i <= len(hyp); i++ {
		cur[0] = int32(i)
		rowMin := cur[0]
		for j := 1; j <= len(ref); j++ {
			c := prev[j-1]
			if hyp[i-1] != ref[j-1] {
				c = 1 + min(c, prev[j], cur[j-1])
			}
			cur[j] = c
			rowMin = min(rowMin, c)
		}
		if int(rowMin) >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return int(prev[len(ref)])
}

// shift moves words[start:end] to just after words[newloc] (newloc -1:
// to the front); newloc lies outside [start-1, end).
func shift(words []string, start, end, newloc int) []string {
	out := make([]string, 0, len(words))
	phrase := words[start:end]
	if newloc < start {
		out = append(out, words[:newloc+1]...)
		out = append(out, phrase...)
		out = append(out, words[newloc+1:start]...)
		out = append(out, words[end:]...)
	} else {
		out = append(out, words[:start]...)
		out = append(out, words[end:newloc+1]...)
		out = append(out, phrase...)
		out = append(out, words[newloc+1:]...)
	}
	return out
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
