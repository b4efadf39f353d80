package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// dbtx is what *sql.DB, *sql.Conn and *sql.Tx offer.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// Memory is the memory index's storage on SQLite (tables memory_* of
// migration 2), over a transaction or a connection: it implements
// [backend.MemoryTx]. It keeps the statements it prepares until Close.
type Memory struct {
	q     dbtx
	stmts map[string]*sql.Stmt
}

var _ backend.MemoryTx = (*Memory)(nil)

// NewMemory returns the memory storage over q, a *sql.Tx or *sql.Conn.
func NewMemory(q dbtx) *Memory { return &Memory{q: q, stmts: map[string]*sql.Stmt{}} }

// Close closes the statements prepared.
func (m *Memory) Close() {
	for _, s := range m.stmts {
		s.Close()
	}
	clear(m.stmts)
}

// stmt returns the statement of query, prepared once.
func (m *Memory) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := m.stmts[query]; ok {
		return s, nil
	}
	s, err := m.q.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	m.stmts[query] = s
	return s, nil
}

// rows returns "head row, row, … tail" for n rows.
func multiRow(head, row, tail string, n int) string {
	return head + row + strings.Repeat(", "+row, n-1) + tail
}

// execBatches runs head+rows+tail over args, cols values a row, at most
// batch rows a statement; full statements are prepared once.
func (m *Memory) execBatches(ctx context.Context, head, row, tail string, cols, batch int, args []any) error {
	for len(args) > 0 {
		n := min(len(args)/cols, batch)
		q := multiRow(head, row, tail, n)
		var err error
		if n == batch {
			var s *sql.Stmt
			if s, err = m.stmt(ctx, q); err == nil {
				_, err = s.ExecContext(ctx, args[:n*cols]...)
			}
		} else {
			_, err = m.q.ExecContext(ctx, q, args[:n*cols]...)
		}
		if err != nil {
			return err
		}
		args = args[n*cols:]
	}
	return nil
}

// Pair returns the id of a language pair, creating it when create is true;
// 0 when it does not exist.
func (m *Memory) Pair(ctx context.Context, sourceLang, targetLang string, create bool) (int64, error) {
	var id int64
	st, err := m.stmt(ctx, `SELECT id FROM memory_pair WHERE source_lang = ? AND target_lang = ?`)
	if err != nil {
		return 0, err
	}
	err = st.QueryRowContext(ctx, sourceLang, targetLang).Scan(&id)
	if err == nil || err != sql.ErrNoRows || !create {
		if err == sql.ErrNoRows {
			err = nil
		}
		return id, err
	}
	res, err := m.q.ExecContext(ctx, `INSERT INTO memory_pair (source_lang, target_lang) VALUES (?, ?)`, sourceLang, targetLang)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// PairTokens returns the id of a language pair (0 when there is none) and,
// when there is one, the id and frequency of the keys the dictionary
// holds.
func (m *Memory) PairTokens(ctx context.Context, sourceLang, targetLang string, keys []string) (int64, map[string]backend.TokenRow, error) {
	pair, err := m.Pair(ctx, sourceLang, targetLang, false)
	if err != nil || pair == 0 {
		return 0, nil, err
	}
	s, err := m.stmt(ctx, `SELECT id, df FROM memory_token WHERE key = ?`)
	if err != nil {
		return 0, nil, err
	}
	out := map[string]backend.TokenRow{}
	for _, k := range keys {
		if _, ok := out[k]; ok {
			continue
		}
		t := backend.TokenRow{Key: k}
		switch err := s.QueryRowContext(ctx, k).Scan(&t.ID, &t.DF); err {
		case nil:
			out[k] = t
		case sql.ErrNoRows:
		default:
			return 0, nil, err
		}
	}
	return pair, out, nil
}

// PostingLists calls fn with the posting blocks of each of tokens in the
// pair whose key count is in [lo, hi]: one prepared statement per token,
// which SQLite answers without a round trip.
func (m *Memory) PostingLists(ctx context.Context, pair int64, tokens []int64, lo, hi int, fn func(backend.PostingRow) error) error {
	s, err := m.stmt(ctx, `SELECT len, first, ids FROM memory_posting WHERE pair = ? AND token = ? AND len BETWEEN ? AND ?`)
	if err != nil {
		return err
	}
	for _, token := range tokens {
		err := m.postings(ctx, s, pair, token, lo, hi, fn)
		if errors.Is(err, backend.ErrStop) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// postings calls fn with the blocks of one token that s selects.
func (m *Memory) postings(ctx context.Context, s *sql.Stmt, pair, token int64, lo, hi int, fn func(backend.PostingRow) error) error {
	rows, err := s.QueryContext(ctx, pair, token, lo, hi)
	if err != nil {
		return err
	}
	defer rows.Close()
	p := backend.PostingRow{Pair: pair, Token: token}
	for rows.Next() {
		var blob sql.RawBytes
		if err := rows.Scan(&p.Len, &p.First, &blob); err != nil {
			return err
		}
		p.IDs = blob
		if err := fn(p); err != nil {
			return err
		}
	}
	return rows.Err()
}

// inList returns "(?, ?, …)" for n values and the values.
func inList(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return `(?` + strings.Repeat(`, ?`, len(ids)-1) + `)`, args
}

// inBatch is the most ids one IN list of a read holds.
const inBatch = 256

// Keys calls fn with the key list of each of the entries ids.
func (m *Memory) Keys(ctx context.Context, ids []int64, fn func(backend.KeysRow) error) error {
	return m.queryIn(ctx, `SELECT id, keys FROM memory_keys WHERE id IN `, ids, func(rows *sql.Rows) error {
		var r backend.KeysRow
		var keys sql.RawBytes
		if err := rows.Scan(&r.ID, &keys); err != nil {
			return err
		}
		r.Keys = keys
		return fn(r)
	})
}

// queryIn runs head followed by an IN list of ids, inBatch ids a
// statement, calling fn with each row. A list is padded to a power of two
// by repeating its last id (an IN list is a set), so that the statements
// of a few lengths are prepared once and kept.
func (m *Memory) queryIn(ctx context.Context, head string, ids []int64, fn func(*sql.Rows) error) error {
	for len(ids) > 0 {
		n := min(len(ids), inBatch)
		padded := ids[:n:n]
		for len(padded)&(len(padded)-1) != 0 {
			padded = append(padded, ids[n-1])
		}
		ids = ids[n:]
		list, args := inList(padded)
		st, err := m.stmt(ctx, head+list)
		if err != nil {
			return err
		}
		if err := eachRow(ctx, st, args, fn); err != nil {
			return err
		}
	}
	return nil
}

// eachRow runs st with args and calls fn with each row, reporting the
// error that ended the rows early, if any.
func eachRow(ctx context.Context, st *sql.Stmt, args []any, fn func(*sql.Rows) error) error {
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return rows.Close()
}

// Sources calls fn with the source and context of each of the entries ids.
func (m *Memory) Sources(ctx context.Context, ids []int64, fn func(id int64, source string, context []byte) error) error {
	return m.queryIn(ctx, `SELECT id, source, context FROM memory_entry WHERE id IN `, ids, func(rows *sql.Rows) error {
		var id int64
		var source string
		var cx []byte
		if err := rows.Scan(&id, &source, &cx); err != nil {
			return err
		}
		return fn(id, source, cx)
	})
}

const entrySelect = `SELECT e.id, e.pair, p.source_lang, p.target_lang, e.hash, e.source, e.target, e.codes, e.origin, e.file,
	coalesce(e.unit_id, 0), e.document, e.segment, e.author, e.role, e.status, e.time, e.context, e.nkeys
	FROM memory_entry e JOIN memory_pair p ON p.id = e.pair`

func scanEntry(s interface{ Scan(...any) error }, e *backend.EntryRow, extra ...any) error {
	return s.Scan(append([]any{&e.ID, &e.Pair, &e.SourceLang, &e.TargetLang, &e.Hash, &e.Source, &e.Target, &e.Codes, &e.Origin, &e.File,
		&e.UnitID, &e.Document, &e.Segment, &e.Author, &e.Role, &e.Status, &e.Time, &e.Context, &e.NKeys}, extra...)...)
}

// Entries calls fn with each of the entries ids that exists, read by one
// prepared statement.
func (m *Memory) Entries(ctx context.Context, ids []int64, fn func(backend.EntryRow) error) error {
	s, err := m.stmt(ctx, entrySelect+` WHERE e.id = ?`)
	if err != nil {
		return err
	}
	for _, id := range ids {
		var e backend.EntryRow
		err := scanEntry(s.QueryRowContext(ctx, id), &e)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// SearchText runs a concordance search with FTS5 (memory_text): the words
// as one phrase, every word quoted so that no character is read as query
// syntax, newest first without ranking every hit.
func (m *Memory) SearchText(ctx context.Context, q backend.TextQuery) ([]backend.TextHit, error) {
	match := ftsPhrase(q.Words)
	col, langCol, colNum := "source", "p.source_lang", "0"
	if q.Target {
		col, langCol, colNum = "target", "p.target_lang", "1"
	}
	limit := -1
	if q.Limit > 0 {
		limit = q.Limit
	}
	rows, err := m.q.QueryContext(ctx, `SELECT e.id, e.pair, p.source_lang, p.target_lang, e.hash, e.source, e.target, e.codes, e.origin, e.file,
			coalesce(e.unit_id, 0), e.document, e.segment, e.author, e.role, e.status, e.time, e.context, e.nkeys,
			highlight(memory_text, `+colNum+`, char(1), char(2))
		FROM memory_text JOIN memory_entry e ON e.id = memory_text.rowid JOIN memory_pair p ON p.id = e.pair
		WHERE memory_text MATCH ? AND `+langCol+` = ?
		ORDER BY memory_text.rowid DESC LIMIT ?`, "{"+col+"} : "+match, q.Lang, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []backend.TextHit
	for rows.Next() {
		var h backend.TextHit
		var marked string
		if err := scanEntry(rows, &h.Entry, &marked); err != nil {
			return nil, err
		}
		_, h.Spans = unmark(marked)
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// ftsPhrase turns words into an FTS5 phrase: every word quoted, so that no
// character of the term is read as query syntax.
func ftsPhrase(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(q, " + ")
}

// unmark removes the \x01…\x02 markers highlight() put around the hits and
// returns the text and the hits' spans.
func unmark(marked string) (string, [][2]int) {
	var b strings.Builder
	var spans [][2]int
	start := -1
	for i := 0; i < len(marked); i++ {
		switch marked[i] {
		case 1:
			start = b.Len()
		case 2:
			if start >= 0 {
				spans = append(spans, [2]int{start, b.Len()})
				start = -1
			}
		default:
			b.WriteByte(marked[i])
		}
	}
	return b.String(), spans
}

// ScanKeys walks every entry's key list with its pair, key count and
// source.
func (m *Memory) ScanKeys(ctx context.Context, fn func(id, pair int64, nkeys int, keys []byte, source string) error) error {
	rows, err := m.q.QueryContext(ctx, `SELECT e.id, e.pair, e.nkeys, k.keys, e.source FROM memory_entry e JOIN memory_keys k ON k.id = e.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, pair int64
		var n int
		var keys []byte
		var source string
		if err := rows.Scan(&id, &pair, &n, &keys, &source); err != nil {
			return err
		}
		if err := fn(id, pair, n, keys, source); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ScanPostings walks every posting block.
func (m *Memory) ScanPostings(ctx context.Context, fn func(backend.PostingRow) error) error {
	rows, err := m.q.QueryContext(ctx, `SELECT pair, token, len, first, ids FROM memory_posting`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p backend.PostingRow
		if err := rows.Scan(&p.Pair, &p.Token, &p.Len, &p.First, &p.IDs); err != nil {
			return err
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ScanTokens walks the dictionary.
func (m *Memory) ScanTokens(ctx context.Context, fn func(backend.TokenRow) error) error {
	rows, err := m.q.QueryContext(ctx, `SELECT id, key, df FROM memory_token`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var t backend.TokenRow
		if err := rows.Scan(&t.ID, &t.Key, &t.DF); err != nil {
			return err
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return rows.Err()
}

// LastTokenID returns the greatest token id, 0 when none.
func (m *Memory) LastTokenID(ctx context.Context) (int64, error) {
	var id int64
	err := m.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM memory_token`).Scan(&id)
	return id, err
}

// TokenID returns the id of key, false when none.
func (m *Memory) TokenID(ctx context.Context, key string) (int64, bool, error) {
	s, err := m.stmt(ctx, `SELECT id FROM memory_token WHERE key = ?`)
	if err != nil {
		return 0, false, err
	}
	var id int64
	switch err := s.QueryRowContext(ctx, key).Scan(&id); err {
	case nil:
		return id, true, nil
	case sql.ErrNoRows:
		return 0, false, nil
	default:
		return 0, false, err
	}
}

// Rows per statement of the multi-row writes.
const (
	entryBatch   = 64  // memory_entry, 16 columns
	keysBatch    = 128 // memory_keys, 2 columns
	postingBatch = 200 // memory_posting, 5 columns
	tokenBatch   = 300 // memory_token, 3 columns
	dfBatch      = 400 // df updates, 2 columns
)

const (
	entryColumns = `INSERT OR IGNORE INTO memory_entry
	(pair, hash, source, target, codes, origin, file, unit_id, document, segment, author, role, status, time, context, nkeys) VALUES `
	entryRow = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// InsertEntries adds the entries whose hash the memory does not hold,
// entryBatch rows a statement (INSERT OR IGNORE … RETURNING), and returns
// each row's new id or 0.
func (m *Memory) InsertEntries(ctx context.Context, rows []backend.EntryRow) ([]int64, error) {
	ids := make([]int64, len(rows))
	pos := map[string]int{}
	args := make([]any, 0, min(len(rows), entryBatch)*16)
	for start := 0; start < len(rows); start += entryBatch {
		batch := rows[start:min(start+entryBatch, len(rows))]
		args = args[:0]
		clear(pos)
		for i, e := range batch {
			var unit any
			if e.UnitID != 0 {
				unit = e.UnitID
			}
			args = append(args, e.Pair, e.Hash, e.Source, e.Target, e.Codes, e.Origin, e.File, unit,
				e.Document, e.Segment, e.Author, e.Role, e.Status, e.Time, e.Context, e.NKeys)
			if _, ok := pos[string(e.Hash)]; !ok {
				pos[string(e.Hash)] = start + i
			}
		}
		q := multiRow(entryColumns, entryRow, ` RETURNING id, hash`, len(batch))
		var res *sql.Rows
		var err error
		if len(batch) == entryBatch {
			var s *sql.Stmt
			if s, err = m.stmt(ctx, q); err == nil {
				res, err = s.QueryContext(ctx, args...)
			}
		} else {
			res, err = m.q.QueryContext(ctx, q, args...)
		}
		if err != nil {
			return nil, err
		}
		for res.Next() {
			var id int64
			var hash sql.RawBytes
			if err := res.Scan(&id, &hash); err != nil {
				res.Close()
				return nil, err
			}
			i, ok := pos[string(hash)]
			if !ok {
				res.Close()
				return nil, fmt.Errorf("entry with unknown hash %x", hash)
			}
			ids[i] = id
		}
		if err := res.Close(); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// InsertKeys stores key lists.
func (m *Memory) InsertKeys(ctx context.Context, rows []backend.KeysRow) error {
	args := make([]any, 0, 2*len(rows))
	for _, r := range rows {
		args = append(args, r.ID, r.Keys)
	}
	return m.execBatches(ctx, `INSERT INTO memory_keys (id, keys) VALUES `, `(?, ?)`, ``, 2, keysBatch, args)
}

// InsertPostings stores posting blocks.
func (m *Memory) InsertPostings(ctx context.Context, rows []backend.PostingRow) error {
	args := make([]any, 0, 5*len(rows))
	for _, r := range rows {
		args = append(args, r.Pair, r.Token, r.Len, r.First, r.IDs)
	}
	return m.execBatches(ctx, `INSERT INTO memory_posting (pair, token, len, first, ids) VALUES `, `(?, ?, ?, ?, ?)`, ``, 5, postingBatch, args)
}

// LastPosting returns the block of (pair, token, l) with the greatest
// first id.
func (m *Memory) LastPosting(ctx context.Context, pair, token int64, l int) (backend.PostingRow, bool, error) {
	return m.onePosting(ctx, `SELECT first, ids FROM memory_posting WHERE pair = ? AND token = ? AND len = ? ORDER BY first DESC LIMIT 1`,
		pair, token, l)
}

// PostingAt returns the block of (pair, token, l) whose first id is the
// greatest not above id.
func (m *Memory) PostingAt(ctx context.Context, pair, token int64, l int, id int64) (backend.PostingRow, bool, error) {
	return m.onePosting(ctx, `SELECT first, ids FROM memory_posting WHERE pair = ? AND token = ? AND len = ? AND first <= ? ORDER BY first DESC LIMIT 1`,
		pair, token, l, id)
}

func (m *Memory) onePosting(ctx context.Context, query string, pair, token int64, l int, more ...any) (backend.PostingRow, bool, error) {
	p := backend.PostingRow{Pair: pair, Token: token, Len: l}
	s, err := m.stmt(ctx, query)
	if err != nil {
		return p, false, err
	}
	switch err := s.QueryRowContext(ctx, append([]any{pair, token, l}, more...)...).Scan(&p.First, &p.IDs); err {
	case nil:
		return p, true, nil
	case sql.ErrNoRows:
		return p, false, nil
	default:
		return p, false, err
	}
}

// DeletePosting removes one block.
func (m *Memory) DeletePosting(ctx context.Context, pair, token int64, l int, first int64) error {
	s, err := m.stmt(ctx, `DELETE FROM memory_posting WHERE pair = ? AND token = ? AND len = ? AND first = ?`)
	if err != nil {
		return err
	}
	_, err = s.ExecContext(ctx, pair, token, l, first)
	return err
}

// InsertTokens adds tokens to the dictionary.
func (m *Memory) InsertTokens(ctx context.Context, rows []backend.TokenRow) error {
	args := make([]any, 0, 3*len(rows))
	for _, r := range rows {
		args = append(args, r.ID, r.Key, r.DF)
	}
	return m.execBatches(ctx, `INSERT INTO memory_token (id, key, df) VALUES `, `(?, ?, ?)`, ``, 3, tokenBatch, args)
}

// AddDF adds to tokens' frequencies.
func (m *Memory) AddDF(ctx context.Context, rows []backend.TokenRow) error {
	args := make([]any, 0, 2*len(rows))
	for _, r := range rows {
		args = append(args, r.ID, r.DF)
	}
	return m.execBatches(ctx, `UPDATE memory_token SET df = df + v.column2 FROM (VALUES `, `(?, ?)`,
		`) AS v WHERE memory_token.id = v.column1`, 2, dfBatch, args)
}

// IndexText adds the entries from id from on to the FTS5 index, in one
// INSERT … SELECT with a pending-terms table of 64 MB (1 MB by default):
// fewer segments to merge.
func (m *Memory) IndexText(ctx context.Context, from int64) error {
	if _, err := m.q.ExecContext(ctx, `INSERT INTO memory_text (memory_text, rank) VALUES ('hashsize', 67108864)`); err != nil {
		return err
	}
	if _, err := m.q.ExecContext(ctx, `INSERT INTO memory_text (rowid, source, target)
		SELECT id, source, target FROM memory_entry WHERE id >= ?`, from); err != nil {
		return err
	}
	_, err := m.q.ExecContext(ctx, `INSERT INTO memory_text (memory_text, rank) VALUES ('hashsize', 1048576)`)
	return err
}

// UnitEntries returns the entries of document units in a pair.
func (m *Memory) UnitEntries(ctx context.Context, pair int64, units []int64) (map[int64]backend.EntryRef, error) {
	out := map[int64]backend.EntryRef{}
	for len(units) > 0 {
		n := min(len(units), inBatch)
		list, args := inList(units[:n])
		units = units[n:]
		rows, err := m.q.QueryContext(ctx, `SELECT unit_id, id, hash FROM memory_entry WHERE pair = ? AND unit_id IN `+list,
			append([]any{pair}, args...)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var unit int64
			var r backend.EntryRef
			if err := rows.Scan(&unit, &r.ID, &r.Hash); err != nil {
				rows.Close()
				return nil, err
			}
			out[unit] = r
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// DeleteEntry removes an entry, its key list and its text index row.
func (m *Memory) DeleteEntry(ctx context.Context, id int64) error {
	if _, err := m.q.ExecContext(ctx, `INSERT INTO memory_text (memory_text, rowid, source, target)
		SELECT 'delete', id, source, target FROM memory_entry WHERE id = ?`, id); err != nil {
		return err
	}
	if _, err := m.q.ExecContext(ctx, `DELETE FROM memory_keys WHERE id = ?`, id); err != nil {
		return err
	}
	_, err := m.q.ExecContext(ctx, `DELETE FROM memory_entry WHERE id = ?`, id)
	return err
}

// BigWrite gives the connection a bigger page cache (a big import touches
// the hash index all over) until the function it returns is called.
func (m *Memory) BigWrite(ctx context.Context) (func(), error) {
	if _, err := m.q.ExecContext(ctx, `PRAGMA cache_size = -16384`); err != nil {
		return nil, err
	}
	return func() { m.q.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = -2000`) }, nil
}

// AnalysisVersion returns the version of the analysis that computed the
// stored keys.
func (m *Memory) AnalysisVersion(ctx context.Context) (int, error) {
	var v int
	err := m.q.QueryRowContext(ctx, `SELECT version FROM memory_analysis WHERE id = 1`).Scan(&v)
	return v, err
}

// SetAnalysisVersion records the version of the analysis that computed
// the stored keys.
func (m *Memory) SetAnalysisVersion(ctx context.Context, v int) error {
	_, err := m.q.ExecContext(ctx, `UPDATE memory_analysis SET version = ? WHERE id = 1`, v)
	return err
}

// EntrySources returns at most limit entries whose id is above after, by
// id.
func (m *Memory) EntrySources(ctx context.Context, after int64, limit int) ([]backend.SourceRow, error) {
	rows, err := m.q.QueryContext(ctx, `SELECT id, pair, source, nkeys FROM memory_entry WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []backend.SourceRow
	for rows.Next() {
		var r backend.SourceRow
		if err := rows.Scan(&r.ID, &r.Pair, &r.Source, &r.NKeys); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ClearIndex removes every posting, key list and token.
func (m *Memory) ClearIndex(ctx context.Context) error {
	for _, table := range []string{"memory_posting", "memory_keys", "memory_token"} {
		if _, err := m.q.ExecContext(ctx, `DELETE FROM `+table); err != nil {
			return fmt.Errorf("clear %s: %w", table, err)
		}
	}
	return nil
}

// SetNKeys sets the key count of an entry.
func (m *Memory) SetNKeys(ctx context.Context, id int64, n int) error {
	s, err := m.stmt(ctx, `UPDATE memory_entry SET nkeys = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	_, err = s.ExecContext(ctx, n, id)
	return err
}
