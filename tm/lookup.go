package tm

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/worddiff"
)

// Where a memory entry came from.
const (
	OriginDocument = "document" // a reviewed or final unit of a document in the store
	OriginImport   = "import"   // a unit of an imported memory (TMX)
)

// Errors of memory lookups and additions.
var (
	// ErrMinScore: a minimum score outside 1–100.
	ErrMinScore = errors.New("tm: minimum score must be between 1 and 100")
)

// Origin says where a memory entry came from and who wrote its target.
type Origin struct {
	// Kind is OriginDocument or OriginImport.
	Kind string `json:"kind"`
	// File is the name of the imported file (OriginImport).
	File string `json:"file,omitempty"`
	// Document and Segment name the unit (OriginDocument), or the
	// document and unit id an imported file recorded.
	Document string `json:"document,omitempty"`
	Segment  string `json:"segment,omitempty"`
	// Author, Role and Status are those of the target's latest revision.
	Author string    `json:"author,omitempty"`
	Role   string    `json:"role,omitempty"`
	Status string    `json:"status,omitempty"`
	Time   time.Time `json:"time,omitzero"`
}

// MemoryEntry is one translation unit of the memory.
type MemoryEntry struct {
	// SourceLang and TargetLang are canonical BCP 47 tags.
	SourceLang, TargetLang string
	// Source and Target are the texts, inline codes as private-use
	// placeholders; they are stored in NFC.
	Source, Target string
	// Codes describes the inline codes (JSON, opaque to the memory).
	Codes  string
	Origin Origin
	// Prev and Next are the source texts of the units before and after
	// this one in its document, for context matches ("" when unknown).
	Prev, Next string

	// unitID is the document unit the entry stands for (OriginDocument).
	unitID int64
}

// hash identifies the entry's content for de-duplication; a document
// unit's entry also depends on the unit, its revision and its context, so
// that it is refreshed when any of them changes.
func (e MemoryEntry) hash(src, tgt, tm string) []byte {
	codes := e.Codes
	if e.unitID != 0 {
		codes = strings.Join([]string{codes, "unit", fmt.Sprint(e.unitID), e.Origin.Document, e.Origin.Segment,
			e.Origin.Author, e.Origin.Role, e.Origin.Status, tm, e.Prev, e.Next}, "\x00")
	}
	return entryHash(e.SourceLang, e.TargetLang, src, tgt, codes)
}

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

// LookupQuery is a text to find in the memory.
type LookupQuery struct {
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
	// revised, for the translator's version (Match.History).
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

	unitID int64
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
// filters are lossless, see internal/fuzzy).
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
	ms, err := lookup(ctx, conn, q)
	if err != nil {
		return nil, fmt.Errorf("lookup: %w", err)
	}
	return ms, nil
}

func lookup(ctx context.Context, db dbtx, q LookupQuery) ([]Match, error) {
	text := norm.NFC.String(q.Text)
	qa := analyze(text)
	pair, err := pairID(ctx, db, q.SourceLang, q.TargetLang, false)
	if err != nil || pair == 0 {
		return nil, err
	}
	cands, err := candidates(ctx, db, pair, qa, q.Min)
	if err != nil {
		return nil, err
	}
	verified, err := verify(ctx, db, qa, q.Min, cands)
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
		m, err := readMatch(ctx, db, c.id)
		if err != nil {
			return nil, err
		}
		m.Score, m.Base, m.Penalties, m.Context = c.res.Score, c.res.Base, c.res.Penalties, len(c.ctx) > 0
		m.Diff = worddiff.DiffStrings(text, m.Source)
		if q.History && m.unitID != 0 {
			if m.History, err = history(ctx, db, m.unitID, q.TargetLang, m.Target); err != nil {
				return nil, err
			}
		}
		out = append(out, m)
	}
	return out, nil
}

func boolBytes(b bool) []byte {
	if b {
		return []byte{1}
	}
	return nil
}

// queryKeys maps the query's keys to token ids and document frequencies.
// Keys absent from the dictionary get distinct negative ids and frequency
// 0: no entry holds them.
func queryKeys(ctx context.Context, db dbtx, keys []string) (ids []int64, idOf map[string]int64, df map[string]int, err error) {
	stmt, err := db.PrepareContext(ctx, `SELECT id, df FROM memory_token WHERE key = ?`)
	if err != nil {
		return nil, nil, nil, err
	}
	defer stmt.Close()
	df = map[string]int{}
	idOf = map[string]int64{}
	ids = make([]int64, len(keys))
	for i, k := range keys {
		id, ok := idOf[k]
		if !ok {
			var f int
			switch err := stmt.QueryRowContext(ctx, k).Scan(&id, &f); err {
			case nil:
			case sql.ErrNoRows:
				id = -int64(i) - 1
			default:
				return nil, nil, nil, err
			}
			idOf[k], df[k] = id, f
		}
		ids[i] = id
	}
	return ids, idOf, df, nil
}

// filtered holds the candidate entries (increasing ids) and the query's
// token ids.
type filtered struct {
	qids []int64
	ids  []int64
}

// countBudget is the longest posting list (in document frequency) read
// beyond the prefix to count shared keys. It changes only the work done,
// never the result; tests lower it to exercise both paths.
var countBudget = 1 << 16

// candidates returns the entries the length, prefix and count filters let
// through (see internal/fuzzy): the posting lists of the prefix keys give
// the candidates; the lists of the next keys, rarest first, as long as
// they are shorter than countBudget, count the keys each candidate shares.
// A candidate is dropped when even holding every key not read it would
// share fewer than ⌈m·max(lq, lu)/100⌉ keys.
func candidates(ctx context.Context, db dbtx, pair int64, qa fuzzy.Analysis, m int) (filtered, error) {
	qids, idOf, df, err := queryKeys(ctx, db, qa.Keys)
	if err != nil {
		return filtered{}, err
	}
	lq := len(qa.Keys)
	probe := fuzzy.Probe(qa.Keys, m, func(k string) int { return df[k] })
	if lq == 0 {
		// Only entries without keys can match: they are posted under
		// the empty key.
		_, idOf, df, err = queryKeys(ctx, db, []string{emptyKey})
		if err != nil {
			return filtered{}, err
		}
		probe = []string{emptyKey}
	}
	qcount := map[string]int{}
	for _, k := range qa.Keys {
		qcount[k]++
	}
	// The keys to read: the prefix's, then the others rarest first.
	order := slices.Clone(probe)
	var rest []string
	for k := range qcount {
		if !slices.Contains(probe, k) {
			rest = append(rest, k)
		}
	}
	slices.SortFunc(rest, func(a, b string) int { return cmp.Or(cmp.Compare(df[a], df[b]), cmp.Compare(a, b)) })
	order = append(order, rest...)
	unread := lq // occurrences of keys not read yet (upper bound of what they add)

	lo, hi := fuzzy.LengthRange(lq, m)
	stmt, err := db.PrepareContext(ctx, `SELECT len, first, ids FROM memory_posting
		WHERE pair = ? AND token = ? AND len BETWEEN ? AND ?`)
	if err != nil {
		return filtered{}, err
	}
	defer stmt.Close()
	// The prefix's lists give the candidates. Their ids are gathered by
	// key count, once per query item they hold (a key the query has twice
	// counts twice), then sorted: a run of one id is a candidate and its
	// length the number of items it shares so far.
	type counted struct {
		id     int64
		shared int
	}
	gathered := map[int][]int64{}
	var ids []int64
	i := 0
	for ; i < len(probe); i++ {
		key := order[i]
		unread -= qcount[key]
		err := readPostings(ctx, stmt, pair, idOf[key], lo, hi, &ids, func(l int, ids []int64) {
			g := gathered[l]
			for range max(1, qcount[key]) { // the empty key: once
				g = append(g, ids...)
			}
			gathered[l] = g
		})
		if err != nil {
			return filtered{}, err
		}
	}
	// The next lists only count: the candidates of each length, sorted by
	// id, are merged with the list's blocks of that length. After each
	// list the candidates that can no longer share enough keys are
	// dropped.
	byLen := map[int][]counted{}
	live := 0
	for l, g := range gathered {
		slices.Sort(g)
		var cs []counted
		for a := 0; a < len(g); {
			b := a + 1
			for b < len(g) && g[b] == g[a] {
				b++
			}
			cs = append(cs, counted{g[a], b - a})
			a = b
		}
		byLen[l] = cs
		live += len(cs)
	}
	gathered = nil
	for ; i < len(order) && live > 0; i++ {
		key := order[i]
		if df[key] > countBudget {
			break
		}
		unread -= qcount[key]
		err := readPostings(ctx, stmt, pair, idOf[key], lo, hi, &ids, func(l int, ids []int64) {
			cs := byLen[l]
			for a, b := 0, 0; a < len(cs) && b < len(ids); {
				switch {
				case cs[a].id < ids[b]:
					a++
				case cs[a].id > ids[b]:
					b++
				default:
					cs[a].shared += qcount[key]
					a, b = a+1, b+1
				}
			}
		})
		if err != nil {
			return filtered{}, err
		}
		live = 0
		for l, cs := range byLen {
			need := fuzzy.MinShared(max(lq, l), m)
			cs = slices.DeleteFunc(cs, func(c counted) bool { return c.shared+unread < need })
			byLen[l] = cs
			live += len(cs)
		}
	}
	f := filtered{qids: qids}
	for l, cs := range byLen {
		need := fuzzy.MinShared(max(lq, l), m)
		for _, c := range cs {
			if c.shared+unread >= need {
				f.ids = append(f.ids, c.id)
			}
		}
	}
	slices.Sort(f.ids)
	return f, nil
}

// readPostings reads the posting blocks of a token for key counts lo–hi and
// calls fn with each block's key count and ids (valid until fn returns).
// A token id ≤ 0 (a key no entry holds) has no postings.
func readPostings(ctx context.Context, stmt *sql.Stmt, pair, token int64, lo, hi int, buf *[]int64, fn func(l int, ids []int64)) error {
	if token <= 0 {
		return nil
	}
	rows, err := stmt.QueryContext(ctx, pair, token, lo, hi)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var l int
		var first int64
		var blob sql.RawBytes
		if err := rows.Scan(&l, &first, &blob); err != nil {
			return err
		}
		if *buf, err = appendPostings((*buf)[:0], first, blob); err != nil {
			return err
		}
		fn(l, *buf)
	}
	return rows.Err()
}

// verifyBatch is how many entries one verification query reads.
const verifyBatch = 256

// verify scores the candidates: first on token ids with the bounded
// distance, then, for those within reach, on their analysed source with
// the penalties.
func verify(ctx context.Context, db dbtx, qa fuzzy.Analysis, m int, f filtered) ([]candidate, error) {
	var near []int64
	var uids []int64
	for start := 0; start < len(f.ids); start += verifyBatch {
		batch := f.ids[start:min(start+verifyBatch, len(f.ids))]
		rows, err := db.QueryContext(ctx, `SELECT id, keys FROM memory_keys WHERE id IN (?`+
			strings.Repeat(", ?", len(batch)-1)+`)`, anys(batch)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var keys sql.RawBytes
			if err := rows.Scan(&id, &keys); err != nil {
				rows.Close()
				return nil, err
			}
			if uids, err = decodeKeys(uids, keys); err != nil {
				rows.Close()
				return nil, fmt.Errorf("entry %d: %w", id, err)
			}
			limit := fuzzy.MaxDistance(len(f.qids), len(uids), m)
			if limit >= 0 && worddiff.Levenshtein(f.qids, uids, limit) <= limit {
				near = append(near, id)
			}
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	var out []candidate
	for start := 0; start < len(near); start += verifyBatch {
		batch := near[start:min(start+verifyBatch, len(near))]
		rows, err := db.QueryContext(ctx, `SELECT id, source, context FROM memory_entry WHERE id IN (?`+
			strings.Repeat(", ?", len(batch)-1)+`)`, anys(batch)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var source string
			var cx []byte
			if err := rows.Scan(&id, &source, &cx); err != nil {
				rows.Close()
				return nil, err
			}
			if r, ok := fuzzy.ScoreAtLeast(qa, analyze(source), m); ok {
				out = append(out, candidate{id: id, res: r, ctx: cx})
			}
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func anys(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// readMatch reads an entry as a match (without its score).
func readMatch(ctx context.Context, db dbtx, id int64) (Match, error) {
	m := Match{ID: id}
	var tm string
	var unit sql.NullInt64
	err := db.QueryRowContext(ctx, `SELECT source, target, codes, origin, file, unit_id, document, segment, author, role, status, time
		FROM memory_entry WHERE id = ?`, id).Scan(&m.Source, &m.Target, &m.Codes, &m.Origin.Kind, &m.Origin.File, &unit,
		&m.Origin.Document, &m.Origin.Segment, &m.Origin.Author, &m.Origin.Role, &m.Origin.Status, &tm)
	if err != nil {
		return Match{}, fmt.Errorf("entry %d: %w", id, err)
	}
	m.unitID = unit.Int64
	if tm != "" {
		if m.Origin.Time, err = time.Parse(timeFormat, tm); err != nil {
			return Match{}, fmt.Errorf("entry %d: time: %w", id, err)
		}
	}
	return m, nil
}

// history returns the translator's latest text of a unit when it differs
// from target, the text the memory holds; nil otherwise.
func history(ctx context.Context, db dbtx, unitID int64, lang, target string) (*History, error) {
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
	h.Time = parseTime(tm)
	h.Diff = worddiff.DiffStrings(h.Text, target)
	return &h, nil
}
