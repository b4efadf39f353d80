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

	"golang.org/x/text/unicode/norm"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/worddiff"
)

// analyze tokenizes a text with worddiff and prepares it for scoring.
func analyze(s string) fuzzy.Analysis {
	wt := worddiff.Tokenize(s)
	ts := make([]fuzzy.Token, len(wt))
	for i, t := range wt {
		ts[i] = fuzzy.Token{Kind: fuzzyKind(t.Kind), Text: t.Text}
	}
	return fuzzy.Analyze(ts)
}

func fuzzyKind(k worddiff.TokenKind) fuzzy.Kind {
	switch k {
	case worddiff.Word:
		return fuzzy.Word
	case worddiff.Number:
		return fuzzy.Number
	case worddiff.Space:
		return fuzzy.Space
	case worddiff.Code:
		return fuzzy.Code
	case worddiff.Ideograph:
		return fuzzy.Ideograph
	}
	return fuzzy.Punct
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

// indexer adds entries to the index within one transaction: it assigns
// token ids, gathers postings in memory and writes them, one block per
// (pair, token, length), on flush.
type indexer struct {
	ctx    context.Context
	tx     *sql.Tx
	tokens map[string]int64 // key → id, for keys seen in this transaction
	// lists holds, per language pair and token id, the postings gathered
	// since the last flush, in increasing entry id.
	lists   map[int64][][]posting
	getTok  *sql.Stmt
	addTok  *sql.Stmt
	entries int
}

// posting is one entry of a posting list: the entry's id and key count.
type posting struct {
	len int32
	id  int64
}

func newIndexer(ctx context.Context, tx *sql.Tx) (*indexer, error) {
	ix := &indexer{ctx: ctx, tx: tx, tokens: map[string]int64{}, lists: map[int64][][]posting{}}
	var err error
	if ix.getTok, err = tx.PrepareContext(ctx, `SELECT id FROM memory_token WHERE key = ?`); err != nil {
		return nil, err
	}
	if ix.addTok, err = tx.PrepareContext(ctx, `INSERT INTO memory_token (key) VALUES (?)`); err != nil {
		ix.getTok.Close()
		return nil, err
	}
	return ix, nil
}

func (ix *indexer) close() {
	ix.getTok.Close()
	ix.addTok.Close()
}

// tokenID returns the id of a key, adding it to the dictionary if new.
func (ix *indexer) tokenID(key string) (int64, error) {
	if id, ok := ix.tokens[key]; ok {
		return id, nil
	}
	var id int64
	err := ix.getTok.QueryRowContext(ix.ctx, key).Scan(&id)
	if err == sql.ErrNoRows {
		var res sql.Result
		if res, err = ix.addTok.ExecContext(ix.ctx, key); err == nil {
			id, err = res.LastInsertId()
		}
	}
	if err != nil {
		return 0, fmt.Errorf("token %q: %w", key, err)
	}
	ix.tokens[key] = id
	return id, nil
}

// keyIDs returns the token ids of an analysis's keys.
func (ix *indexer) keyIDs(a fuzzy.Analysis) ([]int64, error) {
	ids := make([]int64, len(a.Keys))
	for i, k := range a.Keys {
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
	n := int32(len(keys))
	if n == 0 {
		e, err := ix.tokenID(emptyKey)
		if err != nil {
			return err
		}
		keys = []int64{e}
	}
	lists := ix.lists[pair]
	for i, t := range keys {
		if slices.Contains(keys[:i], t) {
			continue // posted once per entry
		}
		if int(t) >= len(lists) {
			lists = append(lists, make([][]posting, int(t)+1-len(lists)+len(lists)/2)...)
		}
		lists[t] = append(lists[t], posting{len: n, id: id})
	}
	ix.lists[pair] = lists
	ix.entries++
	if ix.entries >= 250000 {
		return ix.flush()
	}
	return nil
}

// flush writes the gathered postings, one block per (pair, token, key
// count), and the document frequencies.
func (ix *indexer) flush() error {
	ins, err := ix.tx.PrepareContext(ix.ctx, `INSERT INTO memory_posting (pair, token, len, first, ids) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	upd, err := ix.tx.PrepareContext(ix.ctx, `UPDATE memory_token SET df = df + ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	// A small batch (a document's units becoming reviewed) merges into the
	// last block of each list when that block is small, so that lists do
	// not fragment into one block per unit.
	merge := ix.entries <= 256
	var last, del *sql.Stmt
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
	var ids []int64
	for _, pair := range slices.Sorted(maps.Keys(ix.lists)) {
		for token, ps := range ix.lists[pair] {
			if len(ps) == 0 {
				continue
			}
			// Stable by key count: ids stay in increasing order.
			slices.SortStableFunc(ps, func(a, b posting) int { return cmp.Compare(a.len, b.len) })
			for i := 0; i < len(ps); {
				j := i + 1
				for j < len(ps) && ps[j].len == ps[i].len {
					j++
				}
				l := ps[i].len
				ids = ids[:0]
				for _, p := range ps[i:j] {
					ids = append(ids, p.id)
				}
				i = j
				if merge {
					if ids, err = ix.mergeLast(last, del, pair, int64(token), l, ids); err != nil {
						return err
					}
				}
				if _, err := ins.ExecContext(ix.ctx, pair, token, l, ids[0], encodePostings(ids)); err != nil {
					return fmt.Errorf("write postings: %w", err)
				}
			}
			if _, err := upd.ExecContext(ix.ctx, len(ps), token); err != nil {
				return fmt.Errorf("write frequencies: %w", err)
			}
		}
	}
	clear(ix.lists)
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
