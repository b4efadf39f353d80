package memory

import (
	"context"

	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/stored"
	"github.com/padan-tm/padan/worddiff"
)

// ConcordanceQuery is a word or phrase to find in the memory's texts.
type ConcordanceQuery struct {
	// Term is a word or a phrase; its words must appear in this order,
	// without regard to case or diacritics.
	Term string
	// Lang is the language of Term: the entries' source language, or with
	// Target their target language.
	Lang   string
	Target bool
	// Max is the most hits returned, newest entries first (0: all).
	Max int
}

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// ConcordanceHit is an entry whose searched text holds the term.
type ConcordanceHit struct {
	ID                     int64
	SourceLang, TargetLang string
	Source, Target         string
	Origin                 Origin
	// Spans are where the term is in the searched text (Source, or Target
	// for a target search), one span per occurrence of the phrase.
	Spans []Span
}

// Concordance returns the entries whose source (or, with q.Target, target)
// holds the term, newest first. The term's words are those worddiff finds
// (words, numbers, ideographs); the backend searches them as a phrase in
// its full-text index, case- and accent-insensitively (the posting lists
// of lookups index keys of sources only, without positions, and cannot
// answer phrases). A term without words gives [ErrEmptyTerm].
func Concordance(ctx context.Context, r backend.MemoryReader, q ConcordanceQuery) ([]ConcordanceHit, error) {
	var words []string
	for _, t := range worddiff.Tokenize(q.Term) {
		switch t.Kind {
		case worddiff.Word, worddiff.Number, worddiff.Ideograph:
			words = append(words, t.Text)
		}
	}
	if len(words) == 0 {
		return nil, ErrEmptyTerm
	}
	found, err := r.SearchText(ctx, backend.TextQuery{Words: words, Lang: q.Lang, Target: q.Target, Limit: q.Max})
	if err != nil {
		return nil, err
	}
	hits := make([]ConcordanceHit, len(found))
	for i, f := range found {
		e := f.Entry
		h := ConcordanceHit{ID: e.ID, SourceLang: e.SourceLang, TargetLang: e.TargetLang, Source: e.Source, Target: e.Target, Origin: originOf(e)}
		h.Origin.Time = stored.ParseTime(e.Time)
		for _, s := range f.Spans {
			h.Spans = append(h.Spans, Span{s[0], s[1]})
		}
		hits[i] = h
	}
	return hits, nil
}
