package tm

import (
	"errors"
	"fmt"
)

// This file holds the workflow's rules, once, so that every command and
// every file format tells the same story: what a pre-translation becomes
// by its score, which units an approval takes.

// MatchKind classifies a pre-translation by its match score.
type MatchKind string

// The kinds of match.
const (
	// MatchFuzzy is a match scoring below 100: the memory's source differs
	// from the unit's.
	MatchFuzzy MatchKind = "fuzzy"
	// MatchExact is a match scoring 100: the same source, in another
	// context (the previous or next unit differs, or is unknown).
	MatchExact MatchKind = "exact"
	// MatchContext is an exact match whose previous and next source units
	// are also the same (see [Match.Context]); its score is [ContextScore].
	MatchContext MatchKind = "context"
)

// ContextScore is the score a pre-translation of a context match is
// recorded with: one above an exact match. File formats, whose scores go
// from 0 to 100, write 100 and mark the context match their own way.
const ContextScore = 101

// PretranslationRule says what a pre-translation whose score lies between
// Min and Max becomes.
type PretranslationRule struct {
	Kind     MatchKind
	Min, Max int
	// Status is the unit's status once pre-translated.
	Status Status
	// Proposal is true when the text is only a proposal, not a
	// translation: the unit still needs the translator, `build` refuses it
	// unless proposals are allowed, a TMX export leaves it out unless
	// asked, XLIFF carries it as a match and not as the target, and
	// `stats` counts it apart.
	Proposal bool
}

// PretranslationRules is the rules table, by increasing score.
//
// A fuzzy match is a proposal: its source differs from the unit's, so its
// translation may say "2017" where the unit says "2018". An exact or a
// context match has the unit's very source, so its translation is one the
// desk already accepted: it is a translation, status translated, which an
// editor still reviews before approval like any other; commands and files
// show its score, so that the editor knows an exact match (100) was made
// for another context and a context match (101) for this one.
var PretranslationRules = []PretranslationRule{
	{Kind: MatchFuzzy, Min: 1, Max: 99, Status: StatusInitial, Proposal: true},
	{Kind: MatchExact, Min: 100, Max: 100, Status: StatusTranslated},
	{Kind: MatchContext, Min: ContextScore, Max: ContextScore, Status: StatusTranslated},
}

// RuleFor returns the rule of a pre-translation score. Scores outside the
// table take the nearest rule.
func RuleFor(score float64) PretranslationRule {
	for _, r := range PretranslationRules {
		if score <= float64(r.Max) {
			return r
		}
	}
	return PretranslationRules[len(PretranslationRules)-1]
}

// IsProposal reports whether the revision is a pre-translation that is
// only a proposal (see [PretranslationRule.Proposal]): role
// pretranslation, status initial.
func (r *Revision) IsProposal() bool {
	return r != nil && r.Event == EventRevise && r.Role == RolePretranslation && r.Status == StatusInitial
}

// Proposal returns the unit's pre-translation proposal when its latest
// revision is one, else nil.
func (u *Unit) Proposal() *Revision {
	if n := len(u.Revisions); n > 0 && u.Revisions[n-1].IsProposal() {
		return &u.Revisions[n-1]
	}
	return nil
}

// ErrNotReviewed is matched by the error of an approval of a unit that no
// editor has reviewed (see [NotReviewedError]).
var ErrNotReviewed = errors.New("tm: unit not reviewed")

// NotReviewedError is an approval of a translated unit that no editor has
// reviewed, refused unless review is skipped (see [ApproveOptions]).
type NotReviewedError struct {
	Document, Language string
	Index              int
}

func (e *NotReviewedError) Error() string {
	return fmt.Sprintf("%s: segment %d (%s) is translated, not reviewed", e.Document, e.Index, e.Language)
}

// Is reports whether target is [ErrNotReviewed].
func (e *NotReviewedError) Is(target error) bool { return target == ErrNotReviewed }

// ApproveOptions changes which units [Store.Approve] takes.
type ApproveOptions struct {
	// SkipReview lets an approval take translated units that no editor
	// reviewed; each such approval records ReviewSkipped. Without given
	// indexes, it approves every translated and reviewed unit.
	SkipReview bool
}

// approvable reports whether an approval takes a unit in status st: a
// reviewed unit always, a translated one only when review is skipped
// (then skipped is true); a final unit is left alone (ok false, err nil);
// any other is refused with err.
func approvable(st Status, o ApproveOptions) (ok, skipped bool, refused error) {
	switch st {
	case StatusReviewed:
		return true, false, nil
	case StatusTranslated:
		if o.SkipReview {
			return true, true, nil
		}
		return false, false, ErrNotReviewed
	case StatusFinal:
		return false, false, nil
	}
	return false, false, ErrNotTranslated
}
