package tm

import (
	"context"
	"encoding/json"
	"fmt"
)

// PretranslateOptions says which document to fill from the memory.
type PretranslateOptions struct {
	// Document is the document's name or id; Language the target language.
	Document, Language string
	// Min is the least score of a match used, 1–100.
	Min int
	// Author is recorded as the pre-translation revisions' author.
	Author string
}

// PretranslateResult counts what [Store.Pretranslate] did.
type PretranslateResult struct {
	Document Document
	// Filled counts the units given a match; Exact those of them whose
	// match scored 100 (or was a context match), which are translated, and
	// Proposed those whose fuzzy match is only a proposal (see
	// [PretranslationRules]); Unmatched the untranslated units left
	// without one; Translated the units that already had a text and were
	// left alone.
	Filled, Exact, Proposed, Unmatched, Translated int
}

// MatchOrigin is what a pre-translation revision records of its match
// (as JSON in the revision's origin).
type MatchOrigin struct {
	Entry   int64  `json:"entry"`
	Score   int    `json:"score"`
	Context bool   `json:"context,omitempty"`
	Source  string `json:"source"`
	Origin
}

func (s *session) pretranslate(ctx context.Context, o PretranslateOptions) (PretranslateResult, error) {
	var res PretranslateResult
	if o.Min < 1 || o.Min > 100 {
		return res, fmt.Errorf("pretranslate %s: %w", o.Document, ErrMinScore)
	}
	t, err := s.translation(ctx, o.Document, o.Language, false)
	if err != nil {
		return res, fmt.Errorf("pretranslate: %w", err)
	}
	res.Document = t.Document
	c := Change{Document: o.Document, Language: t.Language, Role: RolePretranslation, Author: o.Author}
	for i, u := range t.Units {
		if u.Target != "" || len(u.Revisions) > 0 {
			res.Translated++
			continue
		}
		q := LookupQuery{Text: u.Source, SourceLang: t.Document.Language, TargetLang: t.Language, Min: o.Min, Max: 1}
		if i > 0 {
			q.Prev = t.Units[i-1].Source
		}
		if i+1 < len(t.Units) {
			q.Next = t.Units[i+1].Source
		}
		ms, err := s.Lookup(ctx, q)
		if err != nil {
			return res, fmt.Errorf("pretranslate %s: segment %d: %w", o.Document, u.Index, err)
		}
		if len(ms) == 0 {
			res.Unmatched++
			continue
		}
		m := ms[0]
		origin, err := json.Marshal(MatchOrigin{Entry: m.ID, Score: m.Score, Context: m.Context, Source: m.Source, Origin: m.Origin})
		if err != nil {
			return res, err
		}
		score := float64(m.Score)
		if m.Context {
			score = ContextScore
		}
		rule := RuleFor(score)
		c.Entries = append(c.Entries, Entry{Index: u.Index, Text: m.Target, Codes: m.Codes, Score: score,
			Origin: string(origin), MatchSource: m.Source, Status: rule.Status})
		res.Filled++
		if rule.Proposal {
			res.Proposed++
		} else {
			res.Exact++
		}
	}
	if len(c.Entries) == 0 {
		return res, nil
	}
	if _, err := s.revise(ctx, c); err != nil {
		return res, fmt.Errorf("pretranslate: %w", err)
	}
	return res, nil
}
