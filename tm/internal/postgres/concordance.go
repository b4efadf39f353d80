package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// ErrEmptyTerm: a concordance search for a term without any word.
var ErrEmptyTerm = errors.New("postgres: the search term has no words")

// PhraseCondition returns the SQL condition that holds when the source of
// the memory_entry row named alias (or, with target, its target) holds the
// words bound to the parameter $param, in that order and next to each
// other, without regard to case or diacritics: the text search
// configuration padan_text folds both the entry's words (in the generated
// columns source_words and target_words, which GIN indexes serve) and the
// term's.
//
// The term is bound as a parameter and read by phraseto_tsquery, which
// takes no query syntax: whatever a user types is only words.
func PhraseCondition(alias string, target bool, param int) string {
	col := "source_words"
	if target {
		col = "target_words"
	}
	return fmt.Sprintf("%s.%s @@ phraseto_tsquery('padan_text', $%d)", alias, col, param)
}

// HasWords reports whether term has a word to search for (a letter or a
// digit): a term without one would match nothing.
func HasWords(term string) bool {
	return strings.IndexFunc(term, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// Hit is a memory entry whose searched text holds a concordance term.
type Hit struct {
	ID                     int64
	SourceLang, TargetLang string
	Source, Target         string
	// Origin, File, Document, Segment, Author, Role, Status and Time are
	// where the entry came from, as memory_entry stores them.
	Origin, File, Document, Segment string
	Author, Role, Status, Time      string
}

// Concordance returns the memory entries whose source in language lang
// (or, with target, whose target in language lang) holds term as a phrase,
// newest first, at most max of them (0: all). A term without words fails
// with [ErrEmptyTerm].
func Concordance(ctx context.Context, q Querier, term, lang string, target bool, max int) ([]Hit, error) {
	if !HasWords(term) {
		return nil, fmt.Errorf("concordance: %w", ErrEmptyTerm)
	}
	langCol := "p.source_lang"
	if target {
		langCol = "p.target_lang"
	}
	limit := "ALL"
	if max > 0 {
		limit = fmt.Sprint(max)
	}
	rows, err := q.Query(ctx, `SELECT e.id, p.source_lang, p.target_lang, e.source, e.target,
			e.origin, e.file, e.document, e.segment, e.author, e.role, e.status, e.time
		FROM memory_entry e JOIN memory_pair p ON p.id = e.pair
		WHERE `+PhraseCondition("e", target, 1)+` AND `+langCol+` = $2
		ORDER BY e.id DESC LIMIT `+limit, term, lang)
	if err != nil {
		return nil, fmt.Errorf("concordance: %w", err)
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.ID, &h.SourceLang, &h.TargetLang, &h.Source, &h.Target,
			&h.Origin, &h.File, &h.Document, &h.Segment, &h.Author, &h.Role, &h.Status, &h.Time); err != nil {
			return nil, fmt.Errorf("concordance: %w", err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("concordance: %w", err)
	}
	return hits, nil
}
