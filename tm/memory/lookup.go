package memory

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
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
	// Origin is where the translation came from; Origins every place it
	// came from, Origin first: entries with the same source, target and
	// codes (a document's reviewed unit and the same unit in an imported
	// TMX, say) make one match, scored once.
	Origin  Origin
	Origins []Origin
	// Diff turns the query into the entry's source, word by word.
	Diff []worddiff.Op
	// History is the translator's version when an editor changed it and
	// the query asked for it; nil otherwise.
	History *History
	// UnitID is the document unit the entry stands for, or 0; for a
	// match of several entries, that of the first that stands for one.
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
// filters are lossless, see internal/fuzzy). Entries with the same source,
// target and codes are one match with all their origins, and q.Max counts
// matches, not entries. It leaves Match.History to the store, which knows
// the revisions.
func Lookup(ctx context.Context, r backend.MemoryReader, q Query) ([]Match, error) {
	if q.Min < 1 || q.Min > 100 {
		return nil, ErrMinScore
	}
	if q.SourceLang == "" || q.TargetLang == "" {
		return nil, ErrBadLanguage
	}
	text := stored.NFC(q.Text)
	qa := analyze(text)
	pair, known, err := r.PairTokens(ctx, q.SourceLang, q.TargetLang, lookupKeys(qa))
	if err != nil || pair == 0 {
		return nil, err
	}
	cands, err := candidates(ctx, r, pair, qa, known, q.Min)
	if err != nil {
		return nil, err
	}
	verified, rows, err := verify(ctx, r, qa, q.Min, cands)
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
	return merge(ctx, r, text, verified, q.Max, rows)
}

// merge reads the entries of the verified candidates, best first, and makes
// one match of those with the same source, target and codes, keeping each
// one's origin; it stops at max matches (0: no limit). Entries that make one
// match have the same source, so the same score and base: once max matches
// are made, only candidates with the score and base of one of them are
// read, to add their origins. rows holds the entries verify read (nil when
// it read none); the others are read many at a time (see prefetch),
// usually in one call of the reader.
func merge(ctx context.Context, r backend.MemoryReader, text string, verified []candidate, max int, rows map[int64]backend.EntryRow) ([]Match, error) {
	var out []Match
	byText := map[[3]string]int{}
	made := map[scoreBase]bool{}
	if rows == nil {
		rows = map[int64]backend.EntryRow{}
	}
	for i, c := range verified {
		full := max > 0 && len(out) >= max
		if full && !made[scoreBase{c.res.Score, c.res.Base}] {
			continue
		}
		row, ok := rows[c.id]
		if !ok {
			err := r.Entries(ctx, prefetch(verified[i:], len(out), max, made), func(e backend.EntryRow) error {
				rows[e.ID] = e
				return nil
			})
			if err != nil {
				return nil, err
			}
			if row, ok = rows[c.id]; !ok {
				return nil, fmt.Errorf("entry %d: %w", c.id, errEntryGone)
			}
		}
		o := originOf(row)
		if row.Time != "" {
			var err error
			if o.Time, err = time.Parse(stored.TimeFormat, row.Time); err != nil {
				return nil, fmt.Errorf("entry %d: time: %w", c.id, err)
			}
		}
		k := [3]string{row.Source, row.Target, row.Codes}
		if j, ok := byText[k]; ok {
			m := &out[j]
			m.Origins = append(m.Origins, o)
			if m.UnitID == 0 {
				m.UnitID = row.UnitID
			}
			continue
		}
		if full {
			continue
		}
		m := Match{ID: c.id, Source: row.Source, Target: row.Target, Codes: row.Codes, Origin: o, Origins: []Origin{o}, UnitID: row.UnitID}
		m.Score, m.Base, m.Penalties, m.Context = c.res.Score, c.res.Base, c.res.Penalties, len(c.ctx) > 0
		m.Diff = worddiff.DiffStrings(text, m.Source)
		byText[k] = len(out)
		made[scoreBase{m.Score, m.Base}] = true
		out = append(out, m)
	}
	return out, nil
}

// errEntryGone means that a verified candidate's entry could not be read
// (the backend gives a lookup one snapshot, so this is a broken database).
var errEntryGone = errors.New("entry not found")

// scoreBase is the score and base of a match.
type scoreBase struct{ score, base int }

// prefetchMax is the most entries merge reads at a time.
const prefetchMax = 256

// prefetch returns the ids of the entries merge may read next, from the
// candidates next (best first; next[0] is the one it needs now), having
// made n matches of at most max (0: no limit) with the scores and bases
// made: while matches are missing, the next candidates as many as matches
// are missing, and after them (as when no match is missing) those with
// the score and base of a match made or about to be made, which may only
// add origins; at most prefetchMax. When entries of the same text take
// more, merge calls it again.
func prefetch(next []candidate, n, max int, made map[scoreBase]bool) []int64 {
	missing := prefetchMax
	if max > 0 {
		missing = max - n
	}
	sbs := maps.Clone(made)
	var ids []int64
	for _, c := range next {
		if len(ids) == prefetchMax {
			break
		}
		sb := scoreBase{c.res.Score, c.res.Base}
		if missing > 0 {
			missing--
			sbs[sb] = true
		} else if !sbs[sb] {
			continue
		}
		ids = append(ids, c.id)
	}
	return ids
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
