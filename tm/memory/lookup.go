package memory

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/stored"
	"github.com/padan-tm/padan/worddiff"
)

// Query is a text to find in the memory.
type Query struct {
	Text                   string
	SourceLang, TargetLang string
	// Min is the least score of a match, 1–100.
	Min int
	// Max is the most matches returned, best first (0: all).
	Max int
	// Prev and Next are the source texts around Text in its document, for
	// context matches ("" when unknown).
	Prev, Next string
	// History asks, for matches from a document unit that an editor
	// revised, for the translator's version (Match.History, which the
	// store fills in).
	History bool
}

// History is the translator's version of a match that an editor revised.
type History struct {
	// Text is the translator's latest text, Author and Time its revision's.
	Text   string
	Author string
	Time   time.Time
	// Diff turns the translator's text into the match's target.
	Diff []worddiff.Op
}

// Match is a memory entry found by a lookup.
type Match struct {
	// ID is the entry's id.
	ID int64
	// Score is the score with penalties (see internal/fuzzy), Base the
	// similarity before them.
	Score, Base int
	// Context reports an exact match whose document neighbours are the
	// query's too (shown as 101).
	Context   bool
	Penalties []fuzzy.Penalty
	// Source and Target are the entry's texts; Codes its inline codes.
	Source, Target, Codes string
	Origin                Origin
	// Diff turns the query into the entry's source, word by word.
	Diff []worddiff.Op
	// History is the translator's version when an editor changed it and
	// the query asked for it; nil otherwise.
	History *History
	// UnitID is the document unit the entry stands for, or 0.
	UnitID int64
}

// candidate is an entry that passed the filters and its verified score.
type candidate struct {
	id  int64
	res fuzzy.Result
	ctx []byte
}

// Lookup returns the memory entries whose score against the query is at
// least q.Min, best first: context matches, then by score, base score and
// newest entry. Every entry reaching the minimum is considered (the index
// filters are lossless, see internal/fuzzy). It leaves Match.History to
// the store, which knows the revisions.
func Lookup(ctx context.Context, r backend.MemoryReader, q Query) ([]Match, error) {
	if q.Min < 1 || q.Min > 100 {
		return nil, ErrMinScore
	}
	if q.SourceLang == "" || q.TargetLang == "" {
		return nil, ErrBadLanguage
	}
	text := stored.NFC(q.Text)
	qa := analyze(text)
	pair, err := r.Pair(ctx, q.SourceLang, q.TargetLang, false)
	if err != nil || pair == 0 {
		return nil, err
	}
	cands, err := candidates(ctx, r, pair, qa, q.Min)
	if err != nil {
		return nil, err
	}
	verified, err := verify(ctx, r, qa, q.Min, cands)
	if err != nil {
		return nil, err
	}
	want := contextHash(q.Prev, q.Next)
	for i := range verified {
		c := &verified[i]
		c.ctx = boolBytes(want != nil && c.res.Score == 100 && string(c.ctx) == string(want))
	}
	slices.SortFunc(verified, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(len(b.ctx), len(a.ctx)), cmp.Compare(b.res.Score, a.res.Score),
			cmp.Compare(b.res.Base, a.res.Base), cmp.Compare(b.id, a.id))
	})
	if q.Max > 0 && len(verified) > q.Max {
		verified = verified[:q.Max]
	}
	out := make([]Match, 0, len(verified))
	for _, c := range verified {
		row, err := r.Entry(ctx, c.id)
		if err != nil {
			return nil, fmt.Errorf("entry %d: %w", c.id, err)
		}
		m := Match{ID: c.id, Source: row.Source, Target: row.Target, Codes: row.Codes, Origin: originOf(row), UnitID: row.UnitID}
		if row.Time != "" {
			if m.Origin.Time, err = time.Parse(stored.TimeFormat, row.Time); err != nil {
				return nil, fmt.Errorf("entry %d: time: %w", c.id, err)
			}
		}
		m.Score, m.Base, m.Penalties, m.Context = c.res.Score, c.res.Base, c.res.Penalties, len(c.ctx) > 0
		m.Diff = worddiff.DiffStrings(text, m.Source)
		out = append(out, m)
	}
	return out, nil
}

// originOf returns the origin of a stored entry (its time aside).
func originOf(r backend.EntryRow) Origin {
	return Origin{Kind: r.Origin, File: r.File, Document: r.Document, Segment: r.Segment,
		Author: r.Author, Role: r.Role, Status: r.Status}
}

func boolBytes(b bool) []byte {
	if b {
		return []byte{1}
	}
	return nil
}
