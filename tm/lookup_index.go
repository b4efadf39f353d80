package tm

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/worddiff"
)

// analyze tokenizes a text with worddiff and prepares it for scoring.
func analyze(s string) fuzzy.Analysis {
	return fuzzy.Analyze(worddiff.Tokenize(s))
}

// analyzeKeys returns analyze(s).Keys, and only that (for indexing).
func analyzeKeys(s string) []string {
	return fuzzy.Keys(worddiff.Tokenize(s))
}

// emptyKey is the token under which entries without any key are posted,
// so that a query without keys finds them.
const emptyKey = ""

// entryHash identifies an entry's content for de-duplication.
func entryHash(sourceLang, targetLang, source, target, codes string) []byte {
	h := sha256.New()
	for _, s := range []string{sourceLang, targetLang, source, target, codes} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return h.Sum(nil)[:16]
}

// contextHash identifies the neighbours of a unit in its document; nil
// when both are unknown.
func contextHash(prev, next string) []byte {
	if prev == "" && next == "" {
		return nil
	}
	h := sha256.Sum256([]byte(prev + "\x00" + next))
	return h[:8]
}

// dbtx is what *sql.DB, *sql.Conn and *sql.Tx offer.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// pairID returns the id of a language pair, creating it when create is
// true; 0 when it does not exist.
func pairID(ctx context.Context, q dbtx, sourceLang, targetLang string, create bool) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM memory_pair WHERE source_lang = ? AND target_lang = ?`, sourceLang, targetLang).Scan(&id)
	if err == nil || err != sql.ErrNoRows || !create {
		if err == sql.ErrNoRows {
			err = nil
		}
		return id, err
	}
	res, err := q.ExecContext(ctx, `INSERT INTO memory_pair (source_lang, target_lang) VALUES (?, ?)`, sourceLang, targetLang)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// encodeKeys writes token ids as unsigned varints.
func encodeKeys(ids []int64) []byte {
	b := make([]byte, 0, len(ids)*2)
	for _, id := range ids {
		b = binary.AppendUvarint(b, uint64(id))
	}
	return b
}

// decodeKeys reads token ids written by encodeKeys into dst.
func decodeKeys(dst []int64, b []byte) ([]int64, error) {
	dst = dst[:0]
	for len(b) > 0 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, fmt.Errorf("corrupt key list")
		}
		dst = append(dst, int64(v))
		b = b[n:]
	}
	return dst, nil
}

// encodePostings writes increasing entry ids as deltas from first.
func encodePostings(ids []int64) []byte {
	b := make([]byte, 0, len(ids)*2)
	prev := ids[0]
	for _, id := range ids[1:] {
		b = binary.AppendUvarint(b, uint64(id-prev))
		prev = id
	}
	return b
}

// appendPostings decodes a block written by encodePostings whose first id
// is first, appending the ids to dst.
func appendPostings(dst []int64, first int64, b []byte) ([]int64, error) {
	dst = append(dst, first)
	id := first
	for len(b) > 0 {
		v, n := binary.Uvarint(b)
		if n <= 0 || v == 0 {
			return nil, fmt.Errorf("corrupt posting block")
		}
		id += int64(v)
		dst = append(dst, id)
		b = b[n:]
	}
	return dst, nil
}

// smallBlock is the size under which a posting block takes in the ids of
// later small batches.
const smallBlock = 1024

// flushEntries is how many entries the indexer gathers postings for before
// it writes them: it bounds the memory of an import.
const flushEntries = 250000

// Rows per statement of the indexer's multi-row writes.
const (
	postingBatch = 200 // memory_posting, 5 columns
	tokenBatch   = 300 // memory_token, 3 columns
	dfBatch      = 400 // df updates, 2 columns
)

// indexer adds entries to the index within one transaction: it assigns
// token ids, gathers postings in memory and writes them, one block per
// (pair, token, length), on flush.
type indexer struct {
	ctx    context.Context
	tx     *sql.Tx
	tokens map[string]int64 // key → id, for keys seen in this transaction
	// lastToken is the greatest token id in use; fresh holds the tokens
	// given an id since the last flush, written (with their frequency)
	// by flush.
	lastToken int64
	fresh     []freshToken
	fresh0    int64 // lastToken at the start: 0 when the dictionary was empty
	// lists holds, per language pair and token id, the postings gathered
	// since the last flush, in increasing entry id.
	lists   map[int64][][]posting
	base    int64 // the entry id postings are offsets from
	getTok  *sql.Stmt
	entries int
}

// freshToken is a token new to the dictionary.
type freshToken struct {
	id  int64
	key string
}

// posting is one entry of a posting list: the entry's key count and its id
// as an offset from the indexer's base (8 bytes, not 16: a million
// entries' postings are held in memory).
type posting struct {
	len int32
	off uint32
}

func newIndexer(ctx context.Context, tx *sql.Tx) (*indexer, error) {
	ix := &indexer{ctx: ctx, tx: tx, tokens: map[string]int64{}, lists: map[int64][][]posting{}}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM memory_token`).Scan(&ix.lastToken); err != nil {
		return nil, err
	}
	ix.fresh0 = ix.lastToken
	var err error
	if ix.getTok, err = tx.PrepareContext(ctx, `SELECT id FROM memory_token WHERE key = ?`); err != nil {
		return nil, err
	}
	return ix, nil
}

func (ix *indexer) close() {
	ix.getTok.Close()
}

// tokenID returns the id of a key, giving it one if new (the dictionary
// row is written by flush).
func (ix *indexer) tokenID(key string) (int64, error) {
	if id, ok := ix.tokens[key]; ok {
		return id, nil
	}
	var id int64
	err := sql.ErrNoRows
	if ix.fresh0 > 0 { // an empty dictionary has no key to look up
		err = ix.getTok.QueryRowContext(ix.ctx, key).Scan(&id)
	}
	if err == sql.ErrNoRows {
		ix.lastToken++
		id, err = ix.lastToken, nil
		ix.fresh = append(ix.fresh, freshToken{id, key})
	}
	if err != nil {
		return 0, fmt.Errorf("token %q: %w", key, err)
	}
	ix.tokens[key] = id
	return id, nil
}

// keyIDs returns the token ids of keys.
func (ix *indexer) keyIDs(keys []string) ([]int64, error) {
	ids := make([]int64, len(keys))
	for i, k := range keys {
		id, err := ix.tokenID(k)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}

// add posts entry id (ids come in increasing order) under its distinct
// keys, or under the empty key when it has none.
func (ix *indexer) add(pair, id int64, keys []int64) error {
	if ix.entries == 0 {
		ix.base = id
	}
	if id-ix.base > 1<<32-1 {
		if err := ix.flush(); err != nil {
			return err
		}
		ix.base = id
	}
	n := int32(len(keys))
	if n == 0 {
		e, err := ix.tokenID(emptyKey)
		if err != nil {
			return err
		}
		keys = []int64{e}
	}
	lists := ix.lists[pair]
	p := posting{len: n, off: uint32(id - ix.base)}
	for i, t := range keys {
		if slices.Contains(keys[:i], t) {
			continue // posted once per entry
		}
		if int(t) >= len(lists) {
			lists = append(lists, make([][]posting, int(t)+1-len(lists)+len(lists)/2)...)
		}
		lists[t] = append(lists[t], p)
	}
	ix.lists[pair] = lists
	ix.entries++
	if ix.entries >= flushEntries {
		return ix.flush()
	}
	return nil
}

// batchWriter gathers the arguments of a multi-row statement, head then
// rows× "(?, …)", and runs it every batch rows (prepared once) and for the
// rest on flush.
type batchWriter struct {
	ctx        context.Context
	tx         *sql.Tx
	head, row  string
	sep        string // between rows
	tail       string
	cols, rows int
	full       *sql.Stmt
	args       []any
}

func newBatchWriter(ctx context.Context, tx *sql.Tx, head, row, tail string, cols, rows int) *batchWriter {
	return &batchWriter{ctx: ctx, tx: tx, head: head, row: row, sep: ", ", tail: tail, cols: cols, rows: rows}
}

func (b *batchWriter) query(n int) string {
	return b.head + b.row + strings.Repeat(b.sep+b.row, n-1) + b.tail
}

// add appends one row's arguments, writing the batch when it is full.
func (b *batchWriter) add(args ...any) error {
	b.args = append(b.args, args...)
	if len(b.args) < b.cols*b.rows {
		return nil
	}
	if b.full == nil {
		var err error
		if b.full, err = b.tx.PrepareContext(b.ctx, b.query(b.rows)); err != nil {
			return err
		}
	}
	_, err := b.full.ExecContext(b.ctx, b.args...)
	b.args = b.args[:0]
	return err
}

// flush writes the rows gathered.
func (b *batchWriter) flush() error {
	if len(b.args) == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(b.ctx, b.query(len(b.args)/b.cols), b.args...)
	b.args = b.args[:0]
	return err
}

func (b *batchWriter) close() {
	if b.full != nil {
		b.full.Close()
	}
}

// flush writes the gathered postings, one block per (pair, token, key
// count), the tokens new to the dictionary and the document frequencies.
func (ix *indexer) flush() error {
	ins := newBatchWriter(ix.ctx, ix.tx, `INSERT INTO memory_posting (pair, token, len, first, ids) VALUES `, `(?, ?, ?, ?, ?)`, ``, 5, postingBatch)
	defer ins.close()
	// A small batch (a document's units becoming reviewed) merges into the
	// last block of each list when that block is small, so that lists do
	// not fragment into one block per unit.
	merge := ix.entries <= 256
	var last, del *sql.Stmt
	var err error
	if merge {
		if last, err = ix.tx.PrepareContext(ix.ctx, `SELECT first, ids FROM memory_posting WHERE pair = ? AND token = ? AND len = ? ORDER BY first DESC LIMIT 1`); err != nil {
			return err
		}
		defer last.Close()
		if del, err = ix.tx.PrepareContext(ix.ctx, `DELETE FROM memory_posting WHERE pair = ? AND token = ? AND len = ? AND first = ?`); err != nil {
			return err
		}
		defer del.Close()
	}
	df := map[int64]int{}
	var ids []int64
	for _, pair := range slices.Sorted(maps.Keys(ix.lists)) {
		for token, ps := range ix.lists[pair] {
			if len(ps) == 0 {
				continue
			}
			// By key count, then id (offsets are distinct): ids stay in
			// increasing order within a count.
			slices.SortFunc(ps, func(a, b posting) int {
				return cmp.Or(cmp.Compare(a.len, b.len), cmp.Compare(a.off, b.off))
			})
			for i := 0; i < len(ps); {
				j := i + 1
				for j < len(ps) && ps[j].len == ps[i].len {
					j++
				}
				l := ps[i].len
				ids = ids[:0]
				for _, p := range ps[i:j] {
					ids = append(ids, ix.base+int64(p.off))
				}
				i = j
				if merge {
					if ids, err = ix.mergeLast(last, del, pair, int64(token), l, ids); err != nil {
						return err
					}
				}
				if err := ins.add(pair, token, l, ids[0], encodePostings(ids)); err != nil {
					return fmt.Errorf("write postings: %w", err)
				}
			}
			df[int64(token)] += len(ps)
		}
	}
	if err := ins.flush(); err != nil {
		return fmt.Errorf("write postings: %w", err)
	}
	// The new tokens, with their frequencies; then the others'.
	tok := newBatchWriter(ix.ctx, ix.tx, `INSERT INTO memory_token (id, key, df) VALUES `, `(?, ?, ?)`, ``, 3, tokenBatch)
	defer tok.close()
	for _, t := range ix.fresh {
		if err := tok.add(t.id, t.key, df[t.id]); err != nil {
			return fmt.Errorf("write tokens: %w", err)
		}
		delete(df, t.id)
	}
	if err := tok.flush(); err != nil {
		return fmt.Errorf("write tokens: %w", err)
	}
	upd := newBatchWriter(ix.ctx, ix.tx, `UPDATE memory_token SET df = df + v.column2 FROM (VALUES `, `(?, ?)`, `) AS v WHERE memory_token.id = v.column1`, 2, dfBatch)
	defer upd.close()
	for _, token := range slices.Sorted(maps.Keys(df)) {
		if err := upd.add(token, df[token]); err != nil {
			return fmt.Errorf("write frequencies: %w", err)
		}
	}
	if err := upd.flush(); err != nil {
		return fmt.Errorf("write frequencies: %w", err)
	}
	clear(ix.lists)
	ix.fresh = ix.fresh[:0]
	ix.entries = 0
	return nil
}

// mergeLast prepends to ids the ids of the last block of (pair, token, l)
// when that block is small and comes before them, deleting it.
func (ix *indexer) mergeLast(last, del *sql.Stmt, pair, token int64, l int32, ids []int64) ([]int64, error) {
	var first int64
	var blob []byte
	err := last.QueryRowContext(ix.ctx, pair, token, l).Scan(&first, &blob)
	if err == sql.ErrNoRows || err == nil && (len(blob) >= smallBlock || first >= ids[0]) {
		return ids, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read postings: %w", err)
	}
	old, err := appendPostings(nil, first, blob)
	if err != nil {
		return nil, err
	}
	if old[len(old)-1] >= ids[0] {
		return ids, nil
	}
	if _, err := del.ExecContext(ix.ctx, pair, token, l, first); err != nil {
		return nil, fmt.Errorf("write postings: %w", err)
	}
	return append(old, ids...), nil
}

// Analyze prepares a text for scoring exactly as the memory does (worddiff
// tokens, NFC), for tools that score outside the store, such as the
// benchmark's exhaustive scan.
func Analyze(s string) fuzzy.Analysis { return analyze(norm.NFC.String(s)) }
