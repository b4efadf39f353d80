package fuzzy

import (
	"slices"

	"github.com/padan-tm/padan/worddiff"
)

// Reason names the cause of a penalty.
type Reason string

// The penalties and their points (see the package documentation).
const (
	PenaltyCase        Reason = "case"
	PenaltyPunctuation Reason = "punctuation"
	PenaltyNumbers     Reason = "numbers"
	PenaltyCodes       Reason = "codes"
)

// Points returns the points a penalty takes off the base score.
func (r Reason) Points() int {
	switch r {
	case PenaltyCase, PenaltyPunctuation:
		return 1
	case PenaltyNumbers, PenaltyCodes:
		return 2
	}
	return 0
}

// Penalty is one deduction from the base score.
type Penalty struct {
	Reason Reason `json:"reason"`
	Points int    `json:"points"`
}

// Result is the score of a stored unit against a query.
type Result struct {
	// Score is Base minus the penalties, at least 0; 100 is an exact match.
	Score int
	// Base is the similarity of the keys, ⌊100·(1 − d/max(len))⌋.
	Base int
	// Distance is the token Levenshtein distance d between the keys.
	Distance int
	// Penalties are the deductions, in a fixed order.
	Penalties []Penalty
}

// Base returns the base score of a distance d between key sequences of
// lengths lq and lu: ⌊100·(1 − d/max(lq, lu))⌋, or 100 when both are empty.
func Base(lq, lu, d int) int {
	l := max(lq, lu)
	if l == 0 {
		return 100
	}
	return 100 * (l - d) / l
}

// MaxDistance returns the largest distance d for which key sequences of
// lengths lq and lu still reach a base score of at least m (−1 if none
// does). It is ⌊(100 − m)·L/100⌋ with L = max(lq, lu), from bound (1).
func MaxDistance(lq, lu, m int) int {
	l := max(lq, lu)
	if m <= 0 {
		return l
	}
	if l == 0 {
		if m <= 100 {
			return 0
		}
		return -1
	}
	if m > 100 {
		return -1
	}
	// base ≥ m ⇔ 100·(l−d) ≥ m·l (the floor does not matter since m is an
	// integer) ⇔ d ≤ (100−m)·l/100.
	return (100 - m) * l / 100
}

// Score scores a stored unit u against a query q.
func Score(q, u Analysis) Result {
	d := worddiff.Levenshtein(q.Keys, u.Keys, -1)
	return finish(q, u, d)
}

// ScoreAtLeast scores u against q when its base score can reach m, and
// reports false without finishing the distance when it cannot.
func ScoreAtLeast(q, u Analysis, m int) (Result, bool) {
	limit := MaxDistance(len(q.Keys), len(u.Keys), m)
	if limit < 0 {
		return Result{}, false
	}
	d := worddiff.Levenshtein(q.Keys, u.Keys, limit)
	if d > limit {
		return Result{}, false
	}
	r := finish(q, u, d)
	return r, r.Score >= m
}

func finish(q, u Analysis, d int) Result {
	r := Result{Base: Base(len(q.Keys), len(u.Keys), d), Distance: d}
	r.Penalties = Penalties(q, u)
	r.Score = r.Base
	for _, p := range r.Penalties {
		r.Score -= p.Points
	}
	r.Score = max(r.Score, 0)
	return r
}

// Penalties returns the deductions between a query and a unit, in the
// order case, punctuation, numbers, codes. Case is penalized when the keys
// are equal but the words are not written alike; punctuation, numbers and
// codes when their sequences differ.
func Penalties(q, u Analysis) []Penalty {
	var ps []Penalty
	add := func(r Reason) { ps = append(ps, Penalty{Reason: r, Points: r.Points()}) }
	if caseDiffers(q, u) {
		add(PenaltyCase)
	}
	if !slices.Equal(q.punct, u.punct) {
		add(PenaltyPunctuation)
	}
	if !slices.Equal(q.numbers, u.numbers) {
		add(PenaltyNumbers)
	}
	if !slices.Equal(q.codes, u.codes) {
		add(PenaltyCodes)
	}
	return ps
}

// caseDiffers reports whether some word equal in key in an aligned position
// is written differently. It compares the common tokens of the two texts in
// order (a longest common subsequence of keys) so that a case change is
// seen even when other words differ.
func caseDiffers(q, u Analysis) bool {
	for _, p := range worddiff.AlignedEqual(q.Keys, u.Keys) {
		if q.written[p[0]] != u.written[p[1]] && q.Keys[p[0]] != NumberKey && q.Keys[p[0]] != CodeKey {
			return true
		}
	}
	return false
}
