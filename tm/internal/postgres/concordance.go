package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// ErrEmptyTerm: a concordance search for a term without any word.
var ErrEmptyTerm = errors.New("postgres: the search term has no words")

// PhraseCondition returns the SQL condition that holds when the source of
// the memory_entry row named alias (or, with target, its target) holds the
// phrase bound to the parameter $param, the text form of a tsquery made
// by [PhraseQuery]: the words of the entry (the columns source_words and
// target_words, written by padan with [AppendWords], which GIN indexes
// serve) and of the term are the same tokens, folded the same way, so
// that case and diacritics do not count.
//
// The phrase is cast, not parsed by to_tsquery: PhraseQuery has quoted
// every word, so whatever a user types is only words.
func PhraseCondition(alias string, target bool, param int) string {
	col := "source_words"
	if target {
		col = "target_words"
	}
	return fmt.Sprintf("%s.%s @@ $%d::tsquery", alias, col, param)
}

// HasWords reports whether term has a word to search for (a token of
// SQLite's FTS5 that the words of entries can hold): a term without one
// would match nothing.
func HasWords(term string) bool {
	for _, t := range ftsTokens(term) {
		if t.key != "" && len(t.key) <= maxLexeme {
			return true
		}
	}
	return false
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

// Beginner is what a concordance search runs on: a pool or a pooled
// connection, on which it begins a read-only transaction of its own, or a
// transaction, in which it begins a savepoint.
type Beginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// Concordance returns the memory entries whose source in language lang
// (or, with target, whose target in language lang) holds term as a phrase,
// newest first, at most max of them (0: all). A term without words fails
// with [ErrEmptyTerm].
func Concordance(ctx context.Context, on Beginner, term, lang string, target bool, max int) ([]Hit, error) {
	if !HasWords(term) {
		return nil, fmt.Errorf("concordance: %w", ErrEmptyTerm)
	}
	var hits []Hit
	err := searchNewest(ctx, on, term, lang, target, max, func(e backend.EntryRow) {
		hits = append(hits, Hit{ID: e.ID, SourceLang: e.SourceLang, TargetLang: e.TargetLang, Source: e.Source, Target: e.Target,
			Origin: e.Origin, File: e.File, Document: e.Document, Segment: e.Segment,
			Author: e.Author, Role: e.Role, Status: e.Status, Time: e.Time})
	})
	if err != nil {
		return nil, fmt.Errorf("concordance: %w", err)
	}
	return hits, nil
}

// The walks of a concordance search (see [searchNewest]): the newest
// entries it reads in index order before it decides, and how many it reads
// at most before it turns to the GIN index, for a single word and for a
// phrase. Variables, so that tests can make them small.
var (
	firstWalk  int64 = 4096
	wordWalk   int64 = 16384
	phraseWalk int64 = 65536
)

// searchNewest calls fn with each memory entry whose source in language
// lang (or, with target, whose target) holds term as a phrase, newest
// first, at most max of them (0: all).
//
// With a limit, what it costs must not depend on how often the term
// occurs, nor on the planner's guess of that: walking the primary key
// backwards stops after max hits, which is cheap for a common term and
// reads the whole table for a rare one; the GIN index finds a rare term at
// once, but for a common one fetches and sorts every entry that holds it
// (0.2 to 3 s at 1,000,000 entries whichever way the planner got it
// wrong). So the search decides on what it sees, and forces each plan
// (the planner settings of its own transaction leave one way in):
//
//  1. it walks the newest firstWalk entries by the primary key, stopping
//     at max hits: a common term is found there;
//  2. when that found hits, but fewer than max, and the same density
//     would give the rest within wordWalk entries (phraseWalk for a
//     phrase, whose GIN candidates are every entry holding all its words,
//     often many more than its hits), it walks that far;
//  3. the entries left, older ones, it finds with the GIN index alone:
//     there the term is rare.
//
// Every step runs in one read-only repeatable-read transaction (or, in a
// caller's transaction, a savepoint rolled back at the end, which takes the
// settings with it), so that all see one snapshot: the hits are those of
// one query ordered by id and limited to max, as before.
func searchNewest(ctx context.Context, on Beginner, term, lang string, target bool, max int, fn func(backend.EntryRow)) error {
	phrase, ok := PhraseQuery(term)
	if !ok {
		return nil // no word, or a phrase longer than any entry's words hold
	}
	var tx pgx.Tx
	var err error
	if b, ok := on.(interface {
		BeginTx(context.Context, pgx.TxOptions) (pgx.Tx, error)
	}); ok {
		tx, err = b.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	} else {
		tx, err = on.Begin(ctx)
	}
	if err != nil {
		return err
	}
	// Read only: nothing to keep, and a rolled-back savepoint takes its
	// settings with it.
	defer tx.Rollback(ctx)
	langCol := "p.source_lang"
	if target {
		langCol = "p.target_lang"
	}
	// set forces the plan of a walk (index scans only) or of the GIN step
	// (bitmap scans only) for the statements that follow, and returns the
	// newest entry's id, so that the first step's settings and the id cost
	// one round trip.
	set := func(walk bool) (hi int64, err error) {
		err = tx.QueryRow(ctx, `SELECT set_config('plan_cache_mode', 'force_custom_plan', true),
			set_config('enable_seqscan', 'off', true),
			set_config('enable_indexscan', $1, true), set_config('enable_bitmapscan', $2, true),
			(SELECT coalesce(max(id), 0) FROM memory_entry)`, onOff(walk), onOff(!walk)).Scan(nil, nil, nil, nil, &hi)
		return hi, err
	}
	first := max > 0
	hi, err := set(first)
	if err != nil {
		return err
	}
	mode := first
	base := entrySelect + ` WHERE ` + PhraseCondition("e", target, 1) + ` AND ` + langCol + ` = $2 AND `
	found := 0
	run := func(walk bool, lo, hi int64) error {
		sql := base + `e.id > $3 AND e.id <= $4 ORDER BY e.id DESC`
		if !walk {
			// e.id + 0: no index can serve the range, so the GIN index
			// is the only way in.
			sql = base + `e.id + 0 > $3 AND e.id + 0 <= $4 ORDER BY e.id DESC`
		}
		args := []any{phrase, lang, lo, hi}
		if max > 0 {
			sql += ` LIMIT $5`
			args = append(args, max-found)
		}
		if walk != mode {
			if _, err := set(walk); err != nil {
				return err
			}
			mode = walk
		}
		return queryRows(ctx, tx, sql, args, func(rows pgx.Rows) error {
			var e backend.EntryRow
			if err := scanEntry(rows, &e); err != nil {
				return err
			}
			fn(e)
			found++
			return nil
		})
	}
	if max > 0 {
		if err := run(true, hi-firstWalk, hi); err != nil {
			return err
		}
		hi -= firstWalk
		if found == max || hi <= 0 {
			return nil
		}
		walk := phraseWalk
		if len(strings.Fields(term)) == 1 {
			walk = wordWalk
		}
		if found > 0 && int64(max-found)*firstWalk/int64(found) <= walk-firstWalk {
			if err := run(true, hi-(walk-firstWalk), hi); err != nil {
				return err
			}
			hi -= walk - firstWalk
			if found == max || hi <= 0 {
				return nil
			}
		}
	}
	return run(false, 0, hi)
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
