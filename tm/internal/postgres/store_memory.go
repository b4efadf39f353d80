package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// memory is the memory index's storage on PostgreSQL (the memory_* memTables
// of migration 2), in a write transaction, a read transaction or on a
// pooled connection: it implements [backend.MemoryTx].
//
// New entries, key lists, posting blocks and tokens are not written at
// once: their ids are known before they exist (entries take theirs from
// the table's sequence, tokens are numbered by package memory), so their
// rows wait here and are written with COPY, many at a time, when a
// statement is about to read their table, when a savepoint ends, when
// many wait, and before the transaction commits.
type memory struct {
	c     *conn1
	write bool
	// The rows waiting, by table.
	entries  [][]any
	hashes   map[string]bool // of entries
	keys     [][]any
	postings [][]any
	tokens   [][]any
	// postingBytes counts the ids of the postings waiting.
	postingBytes int
}

var _ backend.MemoryTx = (*memory)(nil)

// Tables whose waiting rows flush writes.
type memTables uint8

const (
	entryTable memTables = 1 << iota
	keysTable
	postingTable
	tokenTable
	allTables = entryTable | keysTable | postingTable | tokenTable
)

// flushRows is how many rows of a table may wait before they are written;
// flushPostingBytes how many bytes of posting ids (a block of a frequent
// key holds tens of kilobytes).
const (
	flushRows         = 20000
	flushPostingBytes = 16 << 20
)

var (
	entryColumns = []string{"id", "pair", "hash", "source", "target", "codes", "origin", "file", "unit_id",
		"document", "segment", "author", "role", "status", "time", "context", "nkeys", "source_words", "target_words"}
	// The columns of entryColumns whose values wordsSource reads and fills.
	entrySource, entryTarget = slices.Index(entryColumns, "source"), slices.Index(entryColumns, "target")
	entryWords               = slices.Index(entryColumns, "source_words") // then target_words
	keysColumns              = []string{"id", "keys"}
	postingColumns           = []string{"pair", "token", "len", "first", "ids"}
	tokenColumns             = []string{"id", "key", "df"}
)

// flush writes the waiting rows of the memTables in which (with the caller
// holding the connection): entries before key lists, which refer to them.
func (m *memory) flush(ctx context.Context, which memTables) error {
	if which&keysTable != 0 {
		which |= entryTable
	}
	copyRows := func(t memTables, table string, cols []string, rows *[][]any) error {
		if which&t == 0 || len(*rows) == 0 {
			return nil
		}
		var src pgx.CopyFromSource = pgx.CopyFromRows(*rows)
		if t == entryTable {
			src = &wordsSource{rows: *rows, i: -1}
		}
		_, err := m.c.q.CopyFrom(ctx, pgx.Identifier{table}, cols, src)
		clear(*rows) // let the rows' values go
		*rows = (*rows)[:0]
		if err != nil {
			return fmt.Errorf("copy into %s: %w", table, err)
		}
		return nil
	}
	if err := copyRows(entryTable, "memory_entry", entryColumns, &m.entries); err != nil {
		return err
	}
	if which&entryTable != 0 {
		clear(m.hashes)
	}
	if err := copyRows(keysTable, "memory_keys", keysColumns, &m.keys); err != nil {
		return err
	}
	if which&postingTable != 0 {
		m.postingBytes = 0
	}
	if err := copyRows(postingTable, "memory_posting", postingColumns, &m.postings); err != nil {
		return err
	}
	return copyRows(tokenTable, "memory_token", tokenColumns, &m.tokens)
}

// discard forgets the waiting rows (their savepoint was rolled back).
func (m *memory) discard() {
	m.entries, m.keys, m.postings, m.tokens = m.entries[:0], m.keys[:0], m.postings[:0], m.tokens[:0]
	m.postingBytes = 0
	clear(m.hashes)
}

// query runs a read of the memTables in which after flushing them.
func (m *memory) query(ctx context.Context, which memTables, sql string, args []any, scan func(pgx.Rows) error) error {
	m.c.mu.Lock()
	defer m.c.mu.Unlock()
	if err := m.flush(ctx, which); err != nil {
		return err
	}
	return queryRows(ctx, m.c.q, sql, args, scan)
}

// queryRow runs a one-row read of the memTables in which after flushing them.
func (m *memory) queryRow(ctx context.Context, which memTables, sql string, args []any, dest ...any) (bool, error) {
	m.c.mu.Lock()
	defer m.c.mu.Unlock()
	if err := m.flush(ctx, which); err != nil {
		return false, err
	}
	err := m.c.q.QueryRow(ctx, sql, args...).Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// exec runs a write of the memTables in which after flushing them.
func (m *memory) exec(ctx context.Context, which memTables, sql string, args ...any) error {
	m.c.mu.Lock()
	defer m.c.mu.Unlock()
	if err := m.flush(ctx, which); err != nil {
		return err
	}
	_, err := m.c.q.Exec(ctx, sql, args...)
	return err
}

// Pair returns the id of a language pair, creating it when create is true.
func (m *memory) Pair(ctx context.Context, sourceLang, targetLang string, create bool) (int64, error) {
	var id int64
	found, err := m.queryRow(ctx, 0, pairID, []any{sourceLang, targetLang}, &id)
	if err != nil || found || !create {
		return id, err
	}
	_, err = m.queryRow(ctx, 0, `INSERT INTO memory_pair (source_lang, target_lang) VALUES ($1, $2) RETURNING id`,
		[]any{sourceLang, targetLang}, &id)
	return id, err
}

// pairID reads the id of the language pair ($1, $2).
const pairID = `SELECT id FROM memory_pair WHERE source_lang = $1 AND target_lang = $2`

// PairTokens returns the id of a language pair (0 when there is none) and
// the id and frequency of the keys the dictionary holds, in one round trip
// (a batch of two statements).
func (m *memory) PairTokens(ctx context.Context, sourceLang, targetLang string, keys []string) (int64, map[string]backend.TokenRow, error) {
	m.c.mu.Lock()
	defer m.c.mu.Unlock()
	if err := m.flush(ctx, tokenTable); err != nil {
		return 0, nil, err
	}
	var pair int64
	out := map[string]backend.TokenRow{}
	b := &pgx.Batch{}
	b.Queue(pairID, sourceLang, targetLang).
		QueryRow(func(row pgx.Row) error {
			if err := row.Scan(&pair); !errors.Is(err, pgx.ErrNoRows) {
				return err
			}
			return nil
		})
	b.Queue(`SELECT id, key, df FROM memory_token WHERE key = ANY($1)`, keys).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var t backend.TokenRow
			if err := rows.Scan(&t.ID, &t.Key, &t.DF); err != nil {
				return err
			}
			out[t.Key] = t
		}
		return rows.Err()
	})
	if err := m.c.q.SendBatch(ctx, b).Close(); err != nil || pair == 0 {
		return 0, nil, err
	}
	return pair, out, nil
}

// postingLists reads the posting blocks of tokens ($2, in this order) in a
// pair ($1) for key counts $3–$4: one index range scan per token, its
// blocks in the index's order, which the server need not sort for the
// statement (a quarter of its time for a lookup's thousand blocks).
const postingLists = `SELECT t.token, p.len, p.first, p.ids
	FROM unnest($2::bigint[]) WITH ORDINALITY AS t (token, n)
	JOIN memory_posting p ON p.pair = $1 AND p.token = t.token AND p.len BETWEEN $3 AND $4
	ORDER BY t.n`

// PostingLists calls fn with the posting blocks of each of tokens in the
// pair whose key count is in [lo, hi], all read by one statement, holding
// the connection.
func (m *memory) PostingLists(ctx context.Context, pair int64, tokens []int64, lo, hi int, fn func(backend.PostingRow) error) error {
	err := m.query(ctx, postingTable, postingLists, []any{pair, tokens, lo, hi}, func(rows pgx.Rows) error {
		p := backend.PostingRow{Pair: pair}
		// The ids are the connection's buffer, not a copy: valid until fn
		// returns, as PostingLists promises.
		if err := rows.Scan(&p.Token, &p.Len, &p.First, (*pgtype.DriverBytes)(&p.IDs)); err != nil {
			return err
		}
		return fn(p)
	})
	if errors.Is(err, backend.ErrStop) {
		return nil
	}
	return err
}

// readAll reads every row of a read of the memTables in which (see
// [memory.query]) with scan, then calls fn with each: fn may use the
// connection, which the rows hold while they are read.
func readAll[T any](ctx context.Context, m *memory, which memTables, sql string, args []any,
	scan func(pgx.Rows) (T, error), fn func(T) error) error {
	var out []T
	err := m.query(ctx, which, sql, args, func(rows pgx.Rows) error {
		v, err := scan(rows)
		if err == nil {
			out = append(out, v)
		}
		return err
	})
	if err != nil {
		return err
	}
	for _, v := range out {
		if err := fn(v); err != nil {
			return err
		}
	}
	return nil
}

// Keys calls fn with the key list of each of the entries ids.
func (m *memory) Keys(ctx context.Context, ids []int64, fn func(backend.KeysRow) error) error {
	return readAll(ctx, m, keysTable, `SELECT id, keys FROM memory_keys WHERE id = ANY($1) ORDER BY id`, []any{ids},
		func(rows pgx.Rows) (r backend.KeysRow, err error) { err = rows.Scan(&r.ID, &r.Keys); return }, fn)
}

// Sources calls fn with the source and context of each of the entries ids.
func (m *memory) Sources(ctx context.Context, ids []int64, fn func(id int64, source string, context []byte) error) error {
	type row struct {
		id     int64
		source string
		cx     []byte
	}
	return readAll(ctx, m, entryTable, `SELECT id, source, context FROM memory_entry WHERE id = ANY($1) ORDER BY id`, []any{ids},
		func(rows pgx.Rows) (r row, err error) { err = rows.Scan(&r.id, &r.source, &r.cx); return },
		func(r row) error { return fn(r.id, r.source, r.cx) })
}

const entrySelect = `SELECT e.id, e.pair, p.source_lang, p.target_lang, e.hash, e.source, e.target, e.codes, e.origin, e.file,
	coalesce(e.unit_id, 0), e.document, e.segment, e.author, e.role, e.status, e.time, e.context, e.nkeys
	FROM memory_entry e JOIN memory_pair p ON p.id = e.pair`

func scanEntry(s pgx.Row, e *backend.EntryRow) error {
	return s.Scan(&e.ID, &e.Pair, &e.SourceLang, &e.TargetLang, &e.Hash, &e.Source, &e.Target, &e.Codes, &e.Origin, &e.File,
		&e.UnitID, &e.Document, &e.Segment, &e.Author, &e.Role, &e.Status, &e.Time, &e.Context, &e.NKeys)
}

// Entries calls fn with each of the entries ids that exists, read by one
// statement.
func (m *memory) Entries(ctx context.Context, ids []int64, fn func(backend.EntryRow) error) error {
	return readAll(ctx, m, entryTable, entrySelect+` WHERE e.id = ANY($1)`, []any{ids},
		func(rows pgx.Rows) (e backend.EntryRow, err error) { err = scanEntry(rows, &e); return }, fn)
}

// SearchText runs a concordance search with PostgreSQL's full-text search:
// the words as one phrase ([PhraseQuery]: FTS5's tokens, each quoted, so
// that no character is query syntax) over the words padan stored with
// each entry ([AppendWords], case and diacritics folded as FTS5 folds
// them), newest first. The spans are found in Go as FTS5 finds them (see
// [PhraseSpans]), so that both backends highlight the same bytes.
func (m *memory) SearchText(ctx context.Context, q backend.TextQuery) ([]backend.TextHit, error) {
	m.c.mu.Lock()
	defer m.c.mu.Unlock()
	if err := m.flush(ctx, entryTable); err != nil {
		return nil, err
	}
	var hits []backend.TextHit
	err := searchNewest(ctx, m.c.q, strings.Join(q.Words, " "), q.Lang, q.Target, q.Limit, func(e backend.EntryRow) {
		text := e.Source
		if q.Target {
			text = e.Target
		}
		hits = append(hits, backend.TextHit{Entry: e, Spans: PhraseSpans(text, q.Words)})
	})
	return hits, err
}

// ScanKeys walks every entry's key list with its pair, key count and
// source, as the rows arrive (fn must not call the reader).
func (m *memory) ScanKeys(ctx context.Context, fn func(id, pair int64, nkeys int, keys []byte, source string) error) error {
	var (
		id, pair int64
		n        int
		keys     []byte
		source   string
	)
	return m.query(ctx, allTables, `SELECT e.id, e.pair, e.nkeys, k.keys, e.source FROM memory_entry e JOIN memory_keys k ON k.id = e.id ORDER BY e.id`, nil,
		func(rows pgx.Rows) error {
			if err := rows.Scan(&id, &pair, &n, &keys, &source); err != nil {
				return err
			}
			return fn(id, pair, n, keys, source)
		})
}

// ScanPostings walks every posting block, as the rows arrive (fn must not
// call the reader).
func (m *memory) ScanPostings(ctx context.Context, fn func(backend.PostingRow) error) error {
	return m.query(ctx, allTables, `SELECT pair, token, len, first, ids FROM memory_posting ORDER BY pair, token, len, first`, nil,
		func(rows pgx.Rows) error {
			var p backend.PostingRow
			if err := rows.Scan(&p.Pair, &p.Token, &p.Len, &p.First, &p.IDs); err != nil {
				return err
			}
			return fn(p)
		})
}

// ScanTokens walks the dictionary, as the rows arrive (fn must not call
// the reader).
func (m *memory) ScanTokens(ctx context.Context, fn func(backend.TokenRow) error) error {
	return m.query(ctx, allTables, `SELECT id, key, df FROM memory_token ORDER BY id`, nil,
		func(rows pgx.Rows) error {
			var t backend.TokenRow
			if err := rows.Scan(&t.ID, &t.Key, &t.DF); err != nil {
				return err
			}
			return fn(t)
		})
}

// LastTokenID returns the greatest token id, 0 when none.
func (m *memory) LastTokenID(ctx context.Context) (int64, error) {
	var id int64
	_, err := m.queryRow(ctx, tokenTable, `SELECT coalesce(max(id), 0) FROM memory_token`, nil, &id)
	return id, err
}

// TokenID returns the id of key, false when none.
func (m *memory) TokenID(ctx context.Context, key string) (int64, bool, error) {
	var id int64
	found, err := m.queryRow(ctx, tokenTable, `SELECT id FROM memory_token WHERE key = $1`, []any{key}, &id)
	return id, found, err
}

// hashCheck finds which of the hashes $1 the memory holds.
const hashCheck = `SELECT hash FROM memory_entry WHERE hash = ANY($1)`

// entryIDs takes $1 ids from memory_entry's sequence. The sequence is
// looked up once, not once an id: pg_get_serial_sequence reads the
// catalogs, and in the select list it ran for every id (EXPLAIN ANALYZE of
// 6,400 ids: 5 buffer reads and 4–5 µs an id, against 1 and 0.4 µs).
const entryIDs = `WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('memory_entry', 'id')::regclass AS seq)
	SELECT nextval(s.seq) FROM s, generate_series(1, $1)`

// InsertEntries adds the entries whose hash the memory does not hold (nor
// an earlier row, written or waiting): their ids are taken from the
// table's sequence, in the order of rows, and the rows wait to be copied
// (their words computed then, see wordsSource). One round trip finds
// the hashes already stored and takes the ids.
func (m *memory) InsertEntries(ctx context.Context, rows []backend.EntryRow) ([]int64, error) {
	ids := make([]int64, len(rows))
	if len(rows) == 0 {
		return ids, nil
	}
	m.c.mu.Lock()
	defer m.c.mu.Unlock()
	if m.hashes == nil {
		m.hashes = map[string]bool{}
	}
	hashes := make([][]byte, len(rows))
	for i, r := range rows {
		hashes[i] = r.Hash
	}
	b := &pgx.Batch{}
	stored := map[string]bool{}
	b.Queue(hashCheck, hashes).Query(func(rs pgx.Rows) error {
		for rs.Next() {
			var h []byte
			if err := rs.Scan(&h); err != nil {
				return err
			}
			stored[string(h)] = true
		}
		return rs.Err()
	})
	var fresh []int64
	b.Queue(entryIDs, len(rows)).
		Query(func(rs pgx.Rows) error {
			var err error
			fresh, err = pgx.CollectRows(rs, pgx.RowTo[int64])
			return err
		})
	if err := m.c.q.SendBatch(ctx, b).Close(); err != nil {
		return nil, err
	}
	next, added := 0, 0
	for i, r := range rows {
		h := string(r.Hash)
		if stored[h] || m.hashes[h] {
			continue
		}
		m.hashes[h] = true
		ids[i] = fresh[next]
		next++
		added++
		var unit any
		if r.UnitID != 0 {
			unit = r.UnitID
		}
		m.entries = append(m.entries, []any{ids[i], r.Pair, r.Hash, r.Source, r.Target, r.Codes, r.Origin, r.File, unit,
			r.Document, r.Segment, r.Author, r.Role, r.Status, r.Time, r.Context, int64(r.NKeys), nil, nil})
	}
	if len(m.entries) >= flushRows {
		return ids, m.flush(ctx, entryTable)
	}
	return ids, nil
}

// InsertKeys stores key lists (waiting to be copied).
func (m *memory) InsertKeys(ctx context.Context, rows []backend.KeysRow) error {
	m.c.mu.Lock()
	defer m.c.mu.Unlock()
	for _, r := range rows {
		m.keys = append(m.keys, []any{r.ID, r.Keys})
	}
	if len(m.keys) >= flushRows {
		return m.flush(ctx, keysTable)
	}
	return nil
}

// InsertPostings stores posting blocks (waiting to be copied).
func (m *memory) InsertPostings(ctx context.Context, rows []backend.PostingRow) error {
	m.c.mu.Lock()
	defer m.c.mu.Unlock()
	for _, r := range rows {
		m.postings = append(m.postings, []any{r.Pair, r.Token, int64(r.Len), r.First, r.IDs})
		m.postingBytes += len(r.IDs)
	}
	if len(m.postings) >= flushRows || m.postingBytes >= flushPostingBytes {
		return m.flush(ctx, postingTable)
	}
	return nil
}

// LastPosting returns the block of (pair, token, l) with the greatest
// first id.
func (m *memory) LastPosting(ctx context.Context, pair, token int64, l int) (backend.PostingRow, bool, error) {
	p := backend.PostingRow{Pair: pair, Token: token, Len: l}
	found, err := m.queryRow(ctx, postingTable, `SELECT first, ids FROM memory_posting WHERE pair = $1 AND token = $2 AND len = $3
		ORDER BY first DESC LIMIT 1`, []any{pair, token, l}, &p.First, &p.IDs)
	return p, found, err
}

// PostingAt returns the block of (pair, token, l) whose first id is the
// greatest not above id.
func (m *memory) PostingAt(ctx context.Context, pair, token int64, l int, id int64) (backend.PostingRow, bool, error) {
	p := backend.PostingRow{Pair: pair, Token: token, Len: l}
	found, err := m.queryRow(ctx, postingTable, `SELECT first, ids FROM memory_posting WHERE pair = $1 AND token = $2 AND len = $3
		AND first <= $4 ORDER BY first DESC LIMIT 1`, []any{pair, token, l, id}, &p.First, &p.IDs)
	return p, found, err
}

// DeletePosting removes one block.
func (m *memory) DeletePosting(ctx context.Context, pair, token int64, l int, first int64) error {
	return m.exec(ctx, postingTable, `DELETE FROM memory_posting WHERE pair = $1 AND token = $2 AND len = $3 AND first = $4`,
		pair, token, l, first)
}

// InsertTokens adds tokens to the dictionary (waiting to be copied; their
// ids are package memory's).
func (m *memory) InsertTokens(ctx context.Context, rows []backend.TokenRow) error {
	m.c.mu.Lock()
	defer m.c.mu.Unlock()
	for _, r := range rows {
		m.tokens = append(m.tokens, []any{r.ID, r.Key, int64(r.DF)})
	}
	if len(m.tokens) >= flushRows {
		return m.flush(ctx, tokenTable)
	}
	return nil
}

// AddDF adds to tokens' frequencies, in one statement.
func (m *memory) AddDF(ctx context.Context, rows []backend.TokenRow) error {
	if len(rows) == 0 {
		return nil
	}
	ids, dfs := make([]int64, len(rows)), make([]int64, len(rows))
	for i, r := range rows {
		ids[i], dfs[i] = r.ID, int64(r.DF)
	}
	return m.exec(ctx, tokenTable, `UPDATE memory_token t SET df = t.df + v.df
		FROM unnest($1::bigint[], $2::bigint[]) AS v (id, df) WHERE t.id = v.id`, ids, dfs)
}

// IndexText does nothing: the tsvector columns of concordance are
// generated by PostgreSQL as entries are written.
func (m *memory) IndexText(ctx context.Context, from int64) error { return nil }

// UnitEntries returns the entries of document units in a pair.
func (m *memory) UnitEntries(ctx context.Context, pair int64, units []int64) (map[int64]backend.EntryRef, error) {
	out := map[int64]backend.EntryRef{}
	err := m.query(ctx, entryTable, `SELECT unit_id, id, hash FROM memory_entry WHERE pair = $1 AND unit_id = ANY($2)`,
		[]any{pair, units}, func(rows pgx.Rows) error {
			var unit int64
			var r backend.EntryRef
			if err := rows.Scan(&unit, &r.ID, &r.Hash); err != nil {
				return err
			}
			out[unit] = r
			return nil
		})
	return out, err
}

// DeleteEntry removes an entry and its key list (its concordance words go
// with its row).
func (m *memory) DeleteEntry(ctx context.Context, id int64) error {
	if err := m.exec(ctx, keysTable, `DELETE FROM memory_keys WHERE id = $1`, id); err != nil {
		return err
	}
	return m.exec(ctx, entryTable, `DELETE FROM memory_entry WHERE id = $1`, id)
}

// BigWrite does nothing: COPY needs no other settings.
func (m *memory) BigWrite(ctx context.Context) (func(), error) { return func() {}, nil }

// wordsSource copies entry rows, computing each one's words as COPY
// encodes it (pgx encodes a row before it asks for the next): on pgx's
// encoding goroutine, while the server writes the rows sent before.
type wordsSource struct {
	rows [][]any
	i    int
	row  []any
	buf  []byte
}

func (s *wordsSource) Next() bool { s.i++; return s.i < len(s.rows) }
func (s *wordsSource) Err() error { return nil }
func (s *wordsSource) Values() ([]any, error) {
	s.row = append(s.row[:0], s.rows[s.i]...)
	src, _ := s.row[entrySource].(string)
	tgt, _ := s.row[entryTarget].(string)
	s.buf = AppendWords(s.buf[:0], src)
	n := len(s.buf)
	s.buf = AppendWords(s.buf, tgt)
	s.row[entryWords], s.row[entryWords+1] = words(s.buf[:n:n]), words(s.buf[n:])
	return s.row, nil
}
