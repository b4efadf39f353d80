package worddiff

import "sort"

// Thresholds of the post-edit bands: a unit is lightly edited below
// LightTER, heavily edited above HeavyTER, moderately edited in between.
const (
	LightTER = 0.10
	HeavyTER = 0.40
)

// Band is how much a unit was post-edited, by its TER. The four bands
// cover every unit, so their shares add up to 100%.
type Band int

// The bands, from no edit to heavy edits.
const (
	BandUntouched Band = iota // TER = 0
	BandLight                 // 0 < TER < LightTER
	BandModerate              // LightTER ≤ TER ≤ HeavyTER
	BandHeavy                 // TER > HeavyTER
)

// BandOf returns the band of a unit whose TER is ter.
func BandOf(ter float64) Band {
	switch {
	case ter == 0:
		return BandUntouched
	case ter < LightTER:
		return BandLight
	case ter <= HeavyTER:
		return BandModerate
	}
	return BandHeavy
}

// String returns the band's name: untouched, light, moderate or heavy.
func (b Band) String() string {
	switch b {
	case BandUntouched:
		return "untouched"
	case BandLight:
		return "light"
	case BandModerate:
		return "moderate"
	}
	return "heavy"
}

// Granularity says what a diff compares: words or characters.
type Granularity int

// The granularities of [Compare].
const (
	ByWord Granularity = iota // tokens of [Tokenize]
	ByChar                    // tokens of [TokenizeChars]
)

// Tokenizer returns the tokenizer of the granularity.
func (g Granularity) Tokenizer() func(string) []Token {
	if g == ByChar {
		return TokenizeChars
	}
	return Tokenize
}

// Pair is one unit's two versions: the translator's (From) and the
// editor's (To), with their authors.
type Pair struct {
	From, To             string
	FromAuthor, ToAuthor string
}

// Result is the comparison of one [Pair]: the diff at the requested
// granularity, its classed changes and the post-edit distance (always
// counted in words).
type Result struct {
	Pair
	Ops      []Op
	Changes  []Change
	Distance Distance
	// Approximate says the two versions were too long and different to
	// compare exactly within [MaxWork]: the diff may not be minimal, moves
	// may be missed, and the distance is approximate (Distance.Approximate).
	Approximate bool
}

// Changed reports whether the two versions differ at all.
func (r Result) Changed() bool { return r.From != r.To }

// Compare diffs a pair at granularity g, classes its changes and measures
// its post-edit distance, each within [MaxWork] steps: the work on one
// unit is bounded, and the result says when it is approximate.
func Compare(p Pair, g Granularity) Result {
	tok := g.Tokenizer()
	ops, diffExact := DiffBounded(tok(p.From), tok(p.To))
	changes, classExact := ClassifyBounded(ops)
	d := Measure(p.From, p.To)
	return Result{Pair: p, Ops: ops, Changes: changes, Distance: d, Approximate: !diffExact || !classExact || d.Approximate}
}

// Aggregate is the post-edit figures of a set of units.
type Aggregate struct {
	Units int `json:"units"`
	// Changed counts the units whose two versions differ (white space
	// included).
	Changed int `json:"changed"`
	// MeanTER is the mean of the units' TER; PooledTER is the sum of
	// their edits over the sum of their editor's words (TER of the whole
	// text).
	MeanTER   float64 `json:"mean_ter"`
	PooledTER float64 `json:"pooled_ter"`
	// MeanSimilarity is the mean of the units' character similarity.
	MeanSimilarity float64 `json:"mean_similarity"`
	// Untouched, Light, Moderate and Heavy count the units of each
	// [Band]; the shares divide them by Units (0 when there are none) and
	// add up to 1.
	Untouched      int     `json:"untouched"`
	Light          int     `json:"light"`
	Moderate       int     `json:"moderate"`
	Heavy          int     `json:"heavy"`
	UntouchedShare float64 `json:"untouched_share"`
	LightShare     float64 `json:"light_share"`
	ModerateShare  float64 `json:"moderate_share"`
	HeavyShare     float64 `json:"heavy_share"`
	// Classes counts the changes of each class.
	Classes Counts `json:"classes"`
	// Approximate counts the units too long and different to compare
	// exactly within MaxWork (see [Result]).
	Approximate int `json:"approximate,omitempty"`

	edits, words int
}

// Figures is what the summaries count of one unit's comparison: whether
// it changed, its distance and its changes by class. A store can keep
// them when a revision is recorded, and sum them up later with
// [SummarizeFigures] without comparing the texts again.
type Figures struct {
	Changed  bool
	Distance Distance
	Classes  Counts
	// Approximate is [Result.Approximate].
	Approximate bool
}

// Figures returns what the summaries count of r.
func (r Result) Figures() Figures {
	f := Figures{Changed: r.Changed(), Distance: r.Distance, Approximate: r.Approximate}
	f.Classes.Add(r.Changes)
	return f
}

// AuthoredFigures is the figures of one unit with the authors of its two
// versions.
type AuthoredFigures struct {
	FromAuthor, ToAuthor string
	Figures
}

// add counts one unit in.
func (a *Aggregate) add(f Figures) {
	a.Units++
	if f.Changed {
		a.Changed++
	}
	d := f.Distance
	a.MeanTER += d.TER
	a.MeanSimilarity += d.Similarity
	a.edits += d.Edits()
	a.words += d.Words
	switch BandOf(d.TER) {
	case BandUntouched:
		a.Untouched++
	case BandLight:
		a.Light++
	case BandModerate:
		a.Moderate++
	case BandHeavy:
		a.Heavy++
	}
	for i, n := range f.Classes {
		a.Classes[i] += n
	}
	if f.Approximate {
		a.Approximate++
	}
}

// finish turns the sums into means and shares.
func (a *Aggregate) finish() {
	if a.Units == 0 {
		return
	}
	n := float64(a.Units)
	a.MeanTER /= n
	a.MeanSimilarity /= n
	a.PooledTER = float64(a.edits) / float64(max(a.words, 1))
	a.UntouchedShare = float64(a.Untouched) / n
	a.LightShare = float64(a.Light) / n
	a.ModerateShare = float64(a.Moderate) / n
	a.HeavyShare = float64(a.Heavy) / n
}

// AuthorAggregate is the post-edit figures of the units of one author.
type AuthorAggregate struct {
	Author string `json:"author"`
	Aggregate
}

// Summary is the post-edit figures of a document or a set of units:
// overall, per translator (the author of From: how much of their work was
// changed) and per editor (the author of To: how much they changed).
type Summary struct {
	Overall      Aggregate         `json:"overall"`
	ByTranslator []AuthorAggregate `json:"by_translator"`
	ByEditor     []AuthorAggregate `json:"by_editor"`
}

// Summarize compares every pair by word and sums the results up; it is
// what `padan stats` shows.
func Summarize(pairs []Pair) Summary {
	rs := make([]Result, len(pairs))
	for i, p := range pairs {
		rs[i] = Compare(p, ByWord)
	}
	return SummarizeResults(rs)
}

// SummarizeResults sums up results already computed by [Compare]. The
// author lists are sorted by name.
func SummarizeResults(rs []Result) Summary {
	fs := make([]AuthoredFigures, len(rs))
	for i, r := range rs {
		fs[i] = AuthoredFigures{FromAuthor: r.FromAuthor, ToAuthor: r.ToAuthor, Figures: r.Figures()}
	}
	return SummarizeFigures(fs)
}

// SummarizeFigures sums up the figures of units, in order (the sums of
// floating-point figures depend on it). The author lists are sorted by
// name.
func SummarizeFigures(fs []AuthoredFigures) Summary {
	var s Summary
	from, to := map[string]*Aggregate{}, map[string]*Aggregate{}
	for _, f := range fs {
		s.Overall.add(f.Figures)
		addTo(from, f.FromAuthor, f.Figures)
		addTo(to, f.ToAuthor, f.Figures)
	}
	s.Overall.finish()
	s.ByTranslator, s.ByEditor = authorList(from), authorList(to)
	return s
}

func addTo(m map[string]*Aggregate, author string, f Figures) {
	a := m[author]
	if a == nil {
		a = new(Aggregate)
		m[author] = a
	}
	a.add(f)
}

func authorList(m map[string]*Aggregate) []AuthorAggregate {
	out := make([]AuthorAggregate, 0, len(m))
	for name, a := range m {
		a.finish()
		out = append(out, AuthorAggregate{Author: name, Aggregate: *a})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Author < out[j].Author })
	return out
}
