package main

import (
	"github.com/padan-tm/padan/tm"
)

// unitStatusLabel is a unit's status in the interface language, as the
// workflow's rules tell it (tm.PretranslationRules): a unit that holds
// only a pre-translation proposal is "proposed (85%)", not "initial".
func unitStatusLabel(u *ui, unit *tm.Unit) string {
	if p := unit.Proposal(); p != nil {
		return u.T("FlowStatusProposed", map[string]any{"Score": scoreText(u, p.Score)})
	}
	return statusLabel(u, unit.Status)
}

// scoreText is a match score as the interface shows it: "85", or "85,5"
// in Indonesian for a score with a fraction (see ui.number).
func scoreText(u *ui, score float64) string { return u.number(score) }

// pretranslationLine says who pre-translated a unit and from which match:
// a proposal, an exact match (made for another context) or a context
// match.
func pretranslationLine(u *ui, r *tm.Revision) string {
	if !r.HasScore {
		return u.T("SegmentsPretranslation", map[string]any{"Name": r.Author})
	}
	data := map[string]any{"Name": r.Author, "Score": scoreText(u, r.Score)}
	switch tm.RuleFor(r.Score).Kind {
	case tm.MatchContext:
		return u.T("FlowPretranslatedContext", data)
	case tm.MatchExact:
		return u.T("FlowPretranslatedExact", data)
	}
	return u.T("FlowProposedBy", data)
}
