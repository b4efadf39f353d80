package postgres

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// tsvector's limits (PostgreSQL's ts_type.h), which the words padan sends
// respect so that no text padan accepts fails to be stored.
const (
	// maxLexeme is the longest lexeme, in bytes (MAXSTRLEN): a longer
	// token is left out of the words, its position kept, so that no
	// phrase matches across it.
	maxLexeme = 1<<11 - 1
	// maxPosition is the highest position (MAXENTRYPOS - 1): the tokens
	// after it all take it, as to_tsvector clamps them.
	maxPosition = 1<<14 - 1
	// maxPositions is the most positions a lexeme keeps (MAXNUMPOS): its
	// first ones.
	maxPositions = 256
	// maxWordBytes bounds the lexemes and their positions together
	// (MAXSTRPOS, what tsvectorrecv accepts): the words of a text that
	// would need more keep the lexemes met first in the text that fit.
	maxWordBytes = 1<<20 - 1
	// maxDistance is the longest distance a phrase operator of a tsquery
	// may span (MAXENTRYPOS).
	maxDistance = 1 << 14
)

// wordToken is one of a text's tokens on its way into the words: its
// folded key and its position.
type wordToken struct {
	key string
	pos int
}

// textTokens returns the tokens of text that the words hold, at their
// positions: FTS5's tokens ([ftsTokens]) numbered 1, 2, … (maxPosition
// for every one after it), without those whose key is empty (a token
// of diacritics only) or longer than maxLexeme, whose positions are left
// empty.
func textTokens(text string) []wordToken {
	toks := asciiTokens(text)
	if toks == nil {
		toks = ftsTokens(text)
	}
	out := make([]wordToken, 0, len(toks))
	for i, t := range toks {
		if t.key == "" || len(t.key) > maxLexeme {
			continue
		}
		out = append(out, wordToken{t.key, min(i+1, maxPosition)})
	}
	return out
}

// lexemeCost is what a lexeme of n bytes with npos positions counts
// against maxWordBytes, rounded up as tsvectorrecv counts it (an
// alignment byte, the count of positions and 4 bytes a position).
func lexemeCost(n, npos int) int { return n + 1 + 4*(npos+1) }

// AppendWords appends to buf the words of text, as a tsvector in
// PostgreSQL's binary form (what tsvectorsend writes: the number of
// lexemes, then each lexeme NUL-terminated, its number of positions and
// the positions): FTS5's tokens of text, folded as SQLite's FTS5 index
// folds them (lower case, diacritics removed; see [PhraseSpans]), at
// positions 1, 2, …, within tsvector's limits (see maxLexeme,
// maxPosition, maxPositions and maxWordBytes). These are the words of
// memory_entry's columns source_words and target_words, which concordance
// searches.
func AppendWords(buf []byte, text string) []byte {
	toks := textTokens(text)
	// tsvector's order: lexemes by their bytes (a prefix first), the
	// positions of each ascending.
	slices.SortFunc(toks, func(a, b wordToken) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return a.pos - b.pos
	})
	// lexeme returns the end of the lexeme that begins at toks[i] and the
	// number of its positions.
	lexeme := func(i int) (j, npos int) {
		last := 0
		for j = i; j < len(toks) && toks[j].key == toks[i].key; j++ {
			if npos < maxPositions && toks[j].pos != last {
				npos, last = npos+1, toks[j].pos
			}
		}
		return j, npos
	}
	count, total := 0, 0
	for i := 0; i < len(toks); {
		j, npos := lexeme(i)
		total += lexemeCost(len(toks[i].key), npos)
		count++
		i = j
	}
	var keep map[string]bool // nil: all
	if total > maxWordBytes {
		keep, count = firstLexemes(toks, lexeme)
	}
	buf = binary.BigEndian.AppendUint32(buf, uint32(count))
	for i := 0; i < len(toks); {
		j, npos := lexeme(i)
		if keep != nil && !keep[toks[i].key] {
			i = j
			continue
		}
		buf = append(buf, toks[i].key...)
		buf = append(buf, 0)
		buf = binary.BigEndian.AppendUint16(buf, uint16(npos))
		n, last := 0, 0
		for _, t := range toks[i:j] {
			if n < npos && t.pos != last {
				buf = binary.BigEndian.AppendUint16(buf, uint16(t.pos))
				n, last = n+1, t.pos
			}
		}
		i = j
	}
	return buf
}

// firstLexemes returns the lexemes of toks (sorted by key, lexeme giving
// the end of each and its number of positions) met first in the text
// that fit in maxWordBytes, and their number.
func firstLexemes(toks []wordToken, lexeme func(int) (int, int)) (map[string]bool, int) {
	type first struct{ i, npos, pos int }
	var all []first
	for i := 0; i < len(toks); {
		j, npos := lexeme(i)
		all = append(all, first{i, npos, toks[i].pos})
		i = j
	}
	slices.SortStableFunc(all, func(a, b first) int { return a.pos - b.pos })
	keep := map[string]bool{}
	total := 0
	for _, l := range all {
		c := lexemeCost(len(toks[l.i].key), l.npos)
		if total+c > maxWordBytes {
			break
		}
		total += c
		keep[toks[l.i].key] = true
	}
	return keep, len(keep)
}

// PhraseQuery returns the tsquery, in its text form, that finds the words
// of term as a phrase in the words of [AppendWords]: the same tokens,
// quoted (no character of term is query syntax) and joined by phrase
// operators whose distances keep the gaps of tokens the words leave out.
// Bound as a parameter and cast to tsquery, it takes no text search
// configuration: nothing is folded or parsed again on the server.
//
// ok is false when term has no token that words hold (the search has
// nothing to find), or when its phrase is longer than any text's words
// can hold (more than maxPosition tokens, or lexemes past maxWordBytes):
// no entry can match it.
//
// The phrase is a balanced tree of phrase operators, (a <-> b) <-> (c <->
// d), which PostgreSQL evaluates as a <-> b <-> c <-> d: a chain of
// thousands would exhaust its stack.
func PhraseQuery(term string) (query string, ok bool) {
	all := ftsTokens(term)
	if len(all) > maxPosition {
		return "", false
	}
	var toks []wordToken
	size := 0
	for i, t := range all {
		if t.key == "" || len(t.key) > maxLexeme {
			continue
		}
		size += lexemeCost(len(t.key), 1)
		toks = append(toks, wordToken{t.key, i})
	}
	if len(toks) == 0 || size > maxWordBytes {
		return "", false
	}
	var b strings.Builder
	b.Grow(size + 8*len(toks))
	var tree, group func(toks []wordToken)
	tree = func(toks []wordToken) {
		if len(toks) == 1 {
			b.WriteByte('\'')
			k := toks[0].key
			for i := 0; i < len(k); i++ {
				if k[i] == '\'' || k[i] == '\\' {
					b.WriteByte('\\')
				}
				b.WriteByte(k[i])
			}
			b.WriteByte('\'')
			return
		}
		mid := len(toks) / 2
		group(toks[:mid])
		if d := min(toks[mid].pos-toks[mid-1].pos, maxDistance); d == 1 {
			b.WriteString(" <-> ")
		} else {
			b.WriteString(" <" + strconv.Itoa(d) + "> ")
		}
		group(toks[mid:])
	}
	group = func(toks []wordToken) {
		if len(toks) == 1 {
			tree(toks)
			return
		}
		b.WriteByte('(')
		tree(toks)
		b.WriteByte(')')
	}
	tree(toks)
	return b.String(), true
}

// asciiTokens is ftsTokens for a text of ASCII only, where FTS5's token
// characters are the letters and digits and its folding is lower case; nil
// for any other text (or one without tokens). It is the fast way for most
// of a newsroom's texts.
func asciiTokens(s string) []ftsToken {
	var out []ftsToken
	start := -1
	word := func(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= 0x80 {
			return nil
		}
		if i < len(s) && word(s[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, ftsToken{start, i, strings.ToLower(s[start:i])})
			start = -1
		}
	}
	return out
}

// words is a text's words in tsvector's binary form ([AppendWords]), sent
// as they are by the codec of [registerWords].
type words []byte

// wordsCodec is pgx's tsvector codec that also sends [words] as they are,
// in the binary format, without decoding them into a pgtype.TSVector.
type wordsCodec struct{ pgtype.TSVectorCodec }

// PlanEncode plans the sending of words as they are, and of anything else
// as pgtype.TSVectorCodec does.
func (c wordsCodec) PlanEncode(m *pgtype.Map, oid uint32, format int16, value any) pgtype.EncodePlan {
	if _, ok := value.(words); ok && format == pgtype.BinaryFormatCode {
		return wordsPlan{}
	}
	return c.TSVectorCodec.PlanEncode(m, oid, format, value)
}

// wordsPlan sends [words] as they are.
type wordsPlan struct{}

// Encode appends the words to buf.
func (wordsPlan) Encode(value any, buf []byte) ([]byte, error) {
	return append(buf, value.(words)...), nil
}

// registerWords has the type map of a connection send [words] (and
// arrays of them) as they are, in place of pgx's tsvector codec (which it
// keeps for anything else).
func registerWords(m *pgtype.Map) {
	t := &pgtype.Type{Name: "tsvector", OID: pgtype.TSVectorOID, Codec: wordsCodec{}}
	m.RegisterType(t)
	m.RegisterType(&pgtype.Type{Name: "_tsvector", OID: pgtype.TSVectorArrayOID, Codec: &pgtype.ArrayCodec{ElementType: t}})
}

// wordsPage is how many entries [recomputeWords] reads and writes at a
// time.
const wordsPage = 10000

// recomputeWords compares the stored words of every memory entry with
// [AppendWords] of its texts, page by page in the order of ids, and
// returns how many differ and the ids of the first maxIDs of them (all
// with -1). With fix, it also rewrites those (one UPDATE a page, from
// arrays), in the transaction q must then be.
func recomputeWords(ctx context.Context, q Querier, fix bool, maxIDs int) (stale int, ids []int64, err error) {
	var after int64
	for {
		// A page: id, source, target, then the stored words and padan's
		// (computed on every processor).
		var page [][]any
		var stored [][2][]byte
		rows, err := q.Query(ctx, `SELECT id, source, target, tsvectorsend(source_words), tsvectorsend(target_words)
			FROM memory_entry WHERE id > $1 ORDER BY id LIMIT $2`, after, wordsPage)
		if err != nil {
			return stale, ids, fmt.Errorf("words of the memory: %w", err)
		}
		for rows.Next() {
			var id int64
			var source, target string
			var sw, tw []byte
			if err := rows.Scan(&id, &source, &target, &sw, &tw); err != nil {
				rows.Close()
				return stale, ids, fmt.Errorf("words of the memory: %w", err)
			}
			page = append(page, []any{id, source, target, nil, nil})
			stored = append(stored, [2][]byte{sw, tw})
			after = id
		}
		if err := rows.Err(); err != nil {
			return stale, ids, fmt.Errorf("words of the memory: %w", err)
		}
		addWords(page, 1, 2, 3)
		var pageIDs []int64
		var srcWords, tgtWords []words
		for i, r := range page {
			sw, tw := r[3].(words), r[4].(words)
			if bytes.Equal(sw, stored[i][0]) && bytes.Equal(tw, stored[i][1]) {
				continue
			}
			stale++
			id := r[0].(int64)
			if maxIDs < 0 || len(ids) < maxIDs {
				ids = append(ids, id)
			}
			pageIDs, srcWords, tgtWords = append(pageIDs, id), append(srcWords, sw), append(tgtWords, tw)
		}
		if fix && len(pageIDs) > 0 {
			if _, err := q.Exec(ctx, `UPDATE memory_entry e SET source_words = u.s, target_words = u.t
				FROM unnest($1::bigint[], $2::tsvector[], $3::tsvector[]) AS u (id, s, t) WHERE e.id = u.id`,
				pageIDs, srcWords, tgtWords); err != nil {
				return stale, ids, fmt.Errorf("words of the memory: %w", err)
			}
		}
		if len(page) < wordsPage {
			return stale, ids, nil
		}
	}
}

// addWords sets, in each of rows, the words of its texts at columns src
// and tgt into columns at and at+1, computing them on every processor
// when rows are many.
func addWords(rows [][]any, src, tgt, at int) {
	fill := func(rows [][]any) {
		var buf []byte
		add := func(text any) words {
			s, _ := text.(string)
			start := len(buf)
			buf = AppendWords(buf, s)
			return words(buf[start:len(buf):len(buf)])
		}
		for _, r := range rows {
			r[at], r[at+1] = add(r[src]), add(r[tgt])
		}
	}
	const least = 64 // rows worth a goroutine
	n := min(runtime.GOMAXPROCS(0), len(rows)/least)
	if n <= 1 {
		fill(rows)
		return
	}
	var wg sync.WaitGroup
	per := (len(rows) + n - 1) / n
	for chunk := range slices.Chunk(rows, per) {
		wg.Go(func() { fill(chunk) })
	}
	wg.Wait()
}

// StaleWords returns the ids of the memory entries whose stored words are
// not those of their texts ([AppendWords]), reading them page by page.
func (t *tx) StaleWords(ctx context.Context) ([]int64, error) {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	if err := t.mem.flush(ctx, allTables); err != nil {
		return nil, err
	}
	_, ids, err := recomputeWords(ctx, t.c.q, false, -1)
	return ids, err
}

// RepairWords rewrites the words of every memory entry that are not those
// of its texts ([AppendWords]) and returns the ids of those entries.
func (t *tx) RepairWords(ctx context.Context) ([]int64, error) {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	if err := t.mem.flush(ctx, allTables); err != nil {
		return nil, err
	}
	_, ids, err := recomputeWords(ctx, t.c.q, true, -1)
	return ids, err
}

var _ backend.WordsRepairer = (*tx)(nil)
