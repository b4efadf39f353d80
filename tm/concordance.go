package tm

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/padan-tm/padan/worddiff"

	"github.com/padan-tm/padan/tm/internal/stored"
)

// ErrEmptyTerm: a concordance search for a term without any word.
var ErrEmptyTerm = errors.New("tm: the search term has no words")

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
// holds the term, newest first.
//
// It uses SQLite's FTS5 full-text index over the entries (memory_text):
// phrase queries over an inverted index with positions, on Unicode word
// boundaries with case and diacritics folded, answered newest first without
// ranking every hit, so a common word costs no more than the hits asked
// for. The fuzzy index (memory_posting) could not serve: it indexes keys of
// sources only, without positions.
func (s *Store) Concordance(ctx context.Context, q ConcordanceQuery) ([]ConcordanceHit, error) {
	match := ftsPhrase(q.Term)
	if match == "" {
		return nil, fmt.Errorf("concordance: %w", ErrEmptyTerm)
	}
	col, langCol := "source", "p.source_lang"
	if q.Target {
		col, langCol = "target", "p.target_lang"
	}
	limit := -1
	if q.Max > 0 {
		limit = q.Max
	}
	rows, err := s.db.QueryContext(ctx, `SELECT e.id, p.source_lang, p.target_lang, e.source, e.target,
			highlight(memory_text, `+map[bool]string{false: "0", true: "1"}[q.Target]+`, char(1), char(2)),
			e.origin, e.file, e.document, e.segment, e.author, e.role, e.status, e.time
		FROM memory_text JOIN memory_entry e ON e.id = memory_text.rowid JOIN memory_pair p ON p.id = e.pair
		WHERE memory_text MATCH ? AND `+langCol+` = ?
		ORDER BY memory_text.rowid DESC LIMIT ?`, "{"+col+"} : "+match, q.Lang, limit)
	if err != nil {
		return nil, fmt.Errorf("concordance: %w", err)
	}
	defer rows.Close()
	var hits []ConcordanceHit
	for rows.Next() {
		var h ConcordanceHit
		var marked, tm string
		if err := rows.Scan(&h.ID, &h.SourceLang, &h.TargetLang, &h.Source, &h.Target, &marked, &h.Origin.Kind, &h.Origin.File,
			&h.Origin.Document, &h.Origin.Segment, &h.Origin.Author, &h.Origin.Role, &h.Origin.Status, &tm); err != nil {
			return nil, fmt.Errorf("concordance: %w", err)
		}
		h.Origin.Time = stored.ParseTime(tm)
		_, h.Spans = unmark(marked)
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("concordance: %w", err)
	}
	return hits, nil
}

// ftsPhrase turns a term into an FTS5 phrase of its words ("" when it has
// none): every word quoted, so that no character of the term is read as
// query syntax.
func ftsPhrase(term string) string {
	var words []string
	for _, t := range worddiff.Tokenize(term) {
		switch t.Kind {
		case worddiff.Word, worddiff.Number, worddiff.Ideograph:
			words = append(words, `"`+strings.ReplaceAll(t.Text, `"`, `""`)+`"`)
		}
	}
	return strings.Join(words, " + ")
}

// unmark removes the \x01…\x02 markers highlight() put around the hits and
// returns the text and the hits' spans.
func unmark(marked string) (string, []Span) {
	var b strings.Builder
	var spans []Span
	start := -1
	for i := 0; i < len(marked); i++ {
		switch marked[i] {
		case 1:
			start = b.Len()
		case 2:
			if start >= 0 {
				spans = append(spans, Span{start, b.Len()})
				start = -1
			}
		default:
			b.WriteByte(marked[i])
		}
	}
	return b.String(), spans
}
