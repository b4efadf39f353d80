package tm

import (
	"context"
	"fmt"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/tm/internal/stored"
	"github.com/padan-tm/padan/tm/memory"
	"github.com/padan-tm/padan/worddiff"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// The memory's types, defined by package tm/memory (the index) and used
// through the store.
type (
	// MemoryEntry is one translation unit of the memory.
	MemoryEntry = memory.Entry
	// Origin says where a memory entry came from and who wrote its target.
	Origin = memory.Origin
	// LookupQuery is a text to find in the memory.
	LookupQuery = memory.Query
	// Match is a memory entry found by a lookup.
	Match = memory.Match
	// History is the translator's version of a match that an editor
	// revised.
	History = memory.History
	// ConcordanceQuery is a word or phrase to find in the memory's texts.
	ConcordanceQuery = memory.ConcordanceQuery
	// ConcordanceHit is an entry whose searched text holds the term.
	ConcordanceHit = memory.ConcordanceHit
	// Span is a byte range [Start, End) of a text.
	Span = memory.Span
	// MemoryReport is what [Store.CheckMemory] finds in the index.
	MemoryReport = memory.Report
)

// Where a memory entry came from.
const (
	OriginDocument = memory.OriginDocument // a reviewed or final unit of a document in the store
	OriginImport   = memory.OriginImport   // a unit of an imported memory (TMX)
)

// Errors of memory lookups and concordance.
var (
	// ErrMinScore means a minimum score outside 1–100.
	ErrMinScore = memory.ErrMinScore
	// ErrEmptyTerm means a concordance search for a term without any word.
	ErrEmptyTerm = memory.ErrEmptyTerm
)

// Analyze prepares a text for scoring exactly as the memory does (worddiff
// tokens, NFC), for tools that score outside the store, such as the
// benchmark's exhaustive scan.
func Analyze(s string) fuzzy.Analysis { return memory.Analyze(s) }

// Lookup returns the memory entries whose score against the query is at
// least q.Min, best first: context matches, then by score, base score and
// newest entry. Every entry reaching the minimum is considered (the index
// filters are lossless, see internal/fuzzy). The same translation reached
// the memory twice (a document's reviewed unit and the same unit in an
// imported TMX) is one match with both origins (Match.Origins), and q.Max
// counts matches. With q.History, a match from a document unit that an
// editor changed carries the translator's version.
func (s *Store) Lookup(ctx context.Context, q LookupQuery) ([]Match, error) {
	if q.Min < 1 || q.Min > 100 {
		return nil, fmt.Errorf("lookup: %w", ErrMinScore)
	}
	if q.SourceLang == "" || q.TargetLang == "" {
		return nil, fmt.Errorf("lookup: %w", ErrBadLanguage)
	}
	var ms []Match
	err := s.db.Search(ctx, func(r backend.Searcher) error {
		var err error
		if ms, err = memory.Lookup(ctx, r.Memory(), q); err != nil || !q.History {
			return err
		}
		for i := range ms {
			if ms[i].UnitID == 0 {
				continue
			}
			if ms[i].History, err = history(ctx, r, ms[i].UnitID, q.TargetLang, ms[i].Target); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lookup: %w", err)
	}
	return ms, nil
}

// history returns the translator's latest text of a unit when it differs
// from target, the text the memory holds; nil otherwise.
func history(ctx context.Context, r backend.Searcher, unitID int64, lang, target string) (*History, error) {
	rev, found, err := r.TranslatorText(ctx, unitID, lang)
	if err != nil {
		return nil, fmt.Errorf("history of unit %d: %w", unitID, err)
	}
	if !found || rev.Text == target {
		return nil, nil
	}
	return &History{Text: rev.Text, Author: rev.Author, Time: stored.ParseTime(rev.Time),
		Diff: worddiff.DiffStrings(rev.Text, target)}, nil
}

// Concordance returns the entries whose source (or, with q.Target, target)
// holds the term, newest first: a phrase search, case- and
// accent-insensitive, in the backend's full-text index (SQLite: FTS5),
// answered newest first without ranking every hit, so a common word costs
// no more than the hits asked for. A term without words gives an error
// matching [ErrEmptyTerm].
func (s *Store) Concordance(ctx context.Context, q ConcordanceQuery) ([]ConcordanceHit, error) {
	var hits []ConcordanceHit
	err := s.db.Search(ctx, func(r backend.Searcher) error {
		var err error
		hits, err = memory.Concordance(ctx, r.Memory(), q)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("concordance: %w", err)
	}
	return hits, nil
}

// CheckMemory compares the memory's index with its entries: every live
// entry posted under each of its keys once, no posting of another, every
// document frequency the number of postings under its key. It reads the
// whole index.
func (s *Store) CheckMemory(ctx context.Context) (MemoryReport, error) {
	return s.session(nil).checkMemory(ctx)
}

// CheckMemory is [Store.CheckMemory] in the transaction of tx: it sees the
// entries written so far (those of revisions wait for the end of Update).
func (tx *Tx) CheckMemory(ctx context.Context) (MemoryReport, error) {
	return tx.s.session(tx.t).checkMemory(ctx)
}

func (s *session) checkMemory(ctx context.Context) (MemoryReport, error) {
	var rep MemoryReport
	err := s.readTx(ctx, func(tx backend.Tx) error {
		var err error
		rep, err = memory.Check(ctx, tx.Memory())
		return err
	})
	if err != nil {
		return rep, fmt.Errorf("check memory: %w", err)
	}
	return rep, nil
}

// addEntries adds entries to the memory and its index in one transaction;
// see [Store.AddEntries].
func (s *session) addEntries(ctx context.Context, entries []MemoryEntry) (added, skipped int, err error) {
	i := 0
	return s.addEntriesFrom(ctx, func() (MemoryEntry, bool, error) {
		if i == len(entries) {
			return MemoryEntry{}, false, nil
		}
		i++
		return entries[i-1], true, nil
	})
}

// addEntriesFrom adds the entries of next through the memory's bulk
// pipeline in one transaction; see [Store.AddEntriesFrom].
func (s *session) addEntriesFrom(ctx context.Context, next func() (MemoryEntry, bool, error)) (added, skipped int, err error) {
	// Entries from outside the store are checked here (those of document
	// units hold values the store already checked).
	n := 0
	checked := func() (MemoryEntry, bool, error) {
		e, ok, err := next()
		if err != nil || !ok {
			return e, ok, err
		}
		n++
		if err := checkMemoryFields(&e, e.Origin.Segment); err != nil {
			return e, false, fmt.Errorf("entry %d: %w", n, err)
		}
		return e, true, nil
	}
	err = s.withBulkTx(ctx, func(tx backend.Tx) error {
		added, skipped, err = memory.Add(ctx, tx.Memory(), checked)
		return err
	})
	if err != nil {
		return 0, 0, fmt.Errorf("add memory entries: %w", err)
	}
	return added, skipped, nil
}
