package tm

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/tm/internal/sqlite"
	"github.com/padan-tm/padan/tm/internal/stored"
	"github.com/padan-tm/padan/tm/memory"
	"github.com/padan-tm/padan/worddiff"
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

// lookupConn returns a connection for the statements of one lookup, with
// the page cache and memory map that keep a big memory's index in memory
// (per connection settings, so set on each; they cost nothing when
// unchanged).
func (s *Store) lookupConn(ctx context.Context) (*sql.Conn, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824`); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

// Lookup returns the memory entries whose score against the query is at
// least q.Min, best first: context matches, then by score, base score and
// newest entry. Every entry reaching the minimum is considered (the index
// filters are lossless, see internal/fuzzy). With q.History, a match from
// a document unit that an editor changed carries the translator's version.
func (s *Store) Lookup(ctx context.Context, q LookupQuery) ([]Match, error) {
	if q.Min < 1 || q.Min > 100 {
		return nil, fmt.Errorf("lookup: %w", ErrMinScore)
	}
	if q.SourceLang == "" || q.TargetLang == "" {
		return nil, fmt.Errorf("lookup: %w", ErrBadLanguage)
	}
	conn, err := s.lookupConn(ctx)
	if err != nil {
		return nil, fmt.Errorf("lookup: %w", err)
	}
	defer conn.Close()
	m := sqlite.NewMemory(conn)
	defer m.Close()
	ms, err := memory.Lookup(ctx, m, q)
	if err != nil {
		return nil, fmt.Errorf("lookup: %w", err)
	}
	if q.History {
		for i := range ms {
			if ms[i].UnitID == 0 {
				continue
			}
			if ms[i].History, err = history(ctx, conn, ms[i].UnitID, q.TargetLang, ms[i].Target); err != nil {
				return nil, fmt.Errorf("lookup: %w", err)
			}
		}
	}
	return ms, nil
}

// history returns the translator's latest text of a unit when it differs
// from target, the text the memory holds; nil otherwise.
func history(ctx context.Context, db *sql.Conn, unitID int64, lang, target string) (*History, error) {
	var h History
	var tm string
	err := db.QueryRowContext(ctx, `SELECT text, author, time FROM revisions
		WHERE unit_id = ? AND language = ? AND role = 'translator' AND event = 'revise'
		ORDER BY id DESC LIMIT 1`, unitID, lang).Scan(&h.Text, &h.Author, &tm)
	if err == sql.ErrNoRows || err == nil && h.Text == target {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("history of unit %d: %w", unitID, err)
	}
	h.Time = stored.ParseTime(tm)
	h.Diff = worddiff.DiffStrings(h.Text, target)
	return &h, nil
}

// Concordance returns the entries whose source (or, with q.Target, target)
// holds the term, newest first: a phrase search, case- and
// accent-insensitive, in the backend's full-text index (SQLite: FTS5),
// answered newest first without ranking every hit, so a common word costs
// no more than the hits asked for. A term without words gives an error
// matching [ErrEmptyTerm].
func (s *Store) Concordance(ctx context.Context, q ConcordanceQuery) ([]ConcordanceHit, error) {
	m := sqlite.NewMemory(s.db)
	defer m.Close()
	hits, err := memory.Concordance(ctx, m, q)
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
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		m := sqlite.NewMemory(tx)
		defer m.Close()
		var err error
		rep, err = memory.Check(ctx, m)
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
	err = s.withBulkTx(ctx, func(tx *sql.Tx) error {
		m := sqlite.NewMemory(tx)
		defer m.Close()
		added, skipped, err = memory.Add(ctx, m, next)
		return err
	})
	if err != nil {
		return 0, 0, fmt.Errorf("add memory entries: %w", err)
	}
	return added, skipped, nil
}

// withBulkTx is withTx on a connection that keeps statement journals (of
// multi-row statements) in memory rather than in temporary files, and that
// does not check foreign keys: the rows of a bulk addition refer only to
// the language pair and the entries it writes itself, and the checks cost
// a lookup per row and a statement journal per statement. Both settings
// must precede BEGIN. Inside [Store.Update] it is withTx.
func (s *session) withBulkTx(ctx context.Context, fn func(*sql.Tx) error) (err error) {
	if s.t != nil {
		return s.withTx(ctx, fn)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return notDatabase(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA temp_store = MEMORY`); err != nil {
		return notDatabase(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA temp_store = DEFAULT`)
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return notDatabase(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return notDatabase(err)
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	return fn(tx)
}
