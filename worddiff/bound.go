package worddiff

// MaxWork bounds the work spent on one pair of texts by each of [Diff],
// the post-edit distance ([Measure]: TER and the character similarity) and
// the search for moved words of [Classify], counted in steps: a cell of an
// edit-distance table, a move of Myers' search, a word compared. Within it
// the results are exact (a minimal diff, TER, the Levenshtein distance);
// beyond it (two versions of a unit of some thousands of words, very
// different) each falls back to a linear-time method and says so: [Result]
// and [Distance] are then marked Approximate.
//
// The fallbacks: the diff keeps the common start and end and replaces
// the rest; the word edit counts and the character distance are read off
// the diff, its deletions and insertions paired as substitutions (an upper
// bound on the edit distance, so the similarity is a lower bound); no
// shifts are searched; no moves are found past the bound.
const MaxWork = 4_000_000

// A budget counts the steps spent by a computation with a bound; a nil
// *budget has no bound.
type budget struct {
	left  int // steps left; below 0 once exhausted
	spent int // steps taken, for tests
}

// newBudget returns a budget of MaxWork steps.
func newBudget() *budget { return &budget{left: MaxWork} }

// take spends n steps and reports whether the budget still holds.
func (b *budget) take(n int) bool {
	if b == nil {
		return true
	}
	b.spent += n
	b.left -= n
	return b.left >= 0
}

// allows reports whether n more steps fit in the budget, without taking
// them.
func (b *budget) allows(n int) bool { return b == nil || n <= b.left }

// exhausted reports whether the budget ran out.
func (b *budget) exhausted() bool { return b != nil && b.left < 0 }
