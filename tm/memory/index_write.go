package memory

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/stored"
)

// Sizes of the writes.
const (
	// prepChunk is how many entries a worker of the bulk pipeline
	// prepares at a time.
	prepChunk = 1024
	// entryBatch is how many entries one InsertEntries call adds: a
	// chunk. On PostgreSQL a call is one round trip (the stored hashes
	// and the new ids) and one planning of the hash check, so fewer calls
	// save the server's time (64 a call made 1,563 round trips for
	// 100,000 entries); SQLite writes its own 64 rows a statement.
	entryBatch = prepChunk
	// keysBatch is how many key lists one InsertKeys call adds.
	keysBatch = 128
	// bulkEntries is the count from which a write tells the backend that
	// it is a big one (see backend.MemoryTx.BigWrite).
	bulkEntries = 10000
	// smallBlock is the size under which a posting block takes in the ids
	// of later small batches.
	smallBlock = 1024
	// Rows per call of the indexer's writes.
	postingBatch = 200
	tokenBatch   = 300
	dfBatch      = 400
)

// flushEntries is how many entries the indexer gathers postings for before
// it moves them to its spill file: it bounds the memory of an import (a
// variable for tests).
var flushEntries = 250000

// Add adds the entries that next returns to the memory and its index,
// within the transaction of m, streaming; see tm.Store.AddEntriesFrom. An
// entry the memory already holds is skipped. It is the bulk path: next is
// called from a goroutine of its own and the entries are prepared
// (normalized, tokenized, hashed) on every CPU ahead of the writes, which
// this goroutine makes. next is never called after Add returns.
func Add(ctx context.Context, m backend.MemoryTx, next func() (Entry, bool, error)) (added, skipped int, err error) {
	w := newWriter(ctx, m)
	defer w.close()
	// The workers find the token ids of keys the dictionary already had
	// when their chunk started; the writer, those of new keys.
	var dict atomic.Pointer[map[string]int64]
	dict.Store(&map[string]int64{})
	chunks, stop := prepareAll(next, &dict)
	defer stop()
	published := 0 // chunks since the snapshot was taken
	for c := range chunks {
		<-c.done
		for i := range c.items {
			if err := w.put(&c.items[i]); err != nil {
				return 0, 0, err
			}
		}
		// Write the rest of the chunk: the next one reuses nothing, but
		// the batch must not point into a chunk that is let go.
		if err := w.write(); err != nil {
			return 0, 0, err
		}
		if c.err != nil {
			return 0, 0, c.err
		}
		// A new snapshot when more than one entry in 32 needed the writer
		// since the last (a copy of the dictionary: not at every chunk).
		if published++; published >= 4 && w.missed*32 > published*prepChunk {
			d := maps.Clone(w.ix.tokens)
			dict.Store(&d)
			published, w.missed = 0, 0
		}
	}
	return w.finish()
}

// addSimple adds a few entries on the caller's goroutine, with no
// pipeline: what a sync of a few revised units takes.
func addSimple(ctx context.Context, m backend.MemoryTx, entries []Entry) (added, skipped int, err error) {
	w := newWriter(ctx, m)
	defer w.close()
	ps := make([]prepared, len(entries))
	for i := range entries {
		ps[i].e = entries[i]
		ps[i].prepare(nil)
		if err := w.put(&ps[i]); err != nil {
			return 0, 0, err
		}
	}
	if err := w.write(); err != nil {
		return 0, 0, err
	}
	return w.finish()
}

// prepared is an entry ready to be written: its NFC texts, the keys of its
// source, its language pair (set by the writer), its hash, time and context
// hash. bad reports missing languages.
type prepared struct {
	e        Entry
	src, tgt string
	keys     []string
	// kids are the token ids of keys and blob their encoding, when the
	// dictionary snapshot the entry was prepared with knew every key;
	// otherwise nil, and the writer finds them.
	kids    []int64
	blob    []byte
	pair    int64
	hash    []byte
	time    string
	context []byte
	bad     bool
}

// prepare fills in p from its entry, with the token ids of its keys when
// dict (read only: a snapshot of the indexer's) has them all (safe to run
// concurrently).
func (p *prepared) prepare(dict map[string]int64) {
	e := &p.e
	p.bad = e.SourceLang == "" || e.TargetLang == ""
	p.src, p.tgt = stored.NFC(e.Source), stored.NFC(e.Target)
	p.keys = analyzeKeys(p.src)
	p.time = stored.Time(e.Origin.Time)
	p.hash = e.hash(p.src, p.tgt, p.time)
	p.context = contextHash(e.Prev, e.Next)
	if dict == nil {
		return
	}
	kids := make([]int64, len(p.keys))
	for i, k := range p.keys {
		id, ok := dict[k]
		if !ok {
			return
		}
		kids[i] = id
	}
	p.kids, p.blob = kids, encodeKeys(kids)
}

// prepChunkOf is a chunk of prepared entries; done is closed when items
// are ready. err is next's error after the items.
type prepChunkOf struct {
	items []prepared
	err   error
	done  chan struct{}
}

// prepareAll calls next on a goroutine and prepares its entries on every
// CPU, chunk by chunk, with the dictionary snapshot that dict holds when
// the chunk starts; the chunks come out in order on the returned channel,
// which is closed after the last (or after an error from next). stop ends
// the work early and returns once next is no longer called.
func prepareAll(next func() (Entry, bool, error), dict *atomic.Pointer[map[string]int64]) (chunks <-chan *prepChunkOf, stop func()) {
	workers := runtime.GOMAXPROCS(0)
	out := make(chan *prepChunkOf, workers+2)
	quit := make(chan struct{})
	finished := make(chan struct{})
	sem := make(chan struct{}, workers)
	go func() {
		defer close(finished)
		defer close(out)
		for {
			c := &prepChunkOf{done: make(chan struct{})}
			for len(c.items) < prepChunk {
				e, ok, err := next()
				if err != nil {
					c.err = err
					break
				}
				if !ok {
					break
				}
				c.items = append(c.items, prepared{e: e})
			}
			end := c.err != nil || len(c.items) < prepChunk
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; close(c.done) }()
				d := *dict.Load()
				for i := range c.items {
					c.items[i].prepare(d)
				}
			}()
			select {
			case out <- c:
			case <-quit:
				return
			}
			if end {
				return
			}
		}
	}()
	var once sync.Once
	return out, func() {
		once.Do(func() { close(quit) })
		<-finished
	}
}

// writer writes prepared entries, entryBatch at a time, their key lists
// and, through its indexer, their postings; the text index at the end.
type writer struct {
	ctx   context.Context
	m     backend.MemoryTx
	ix    *indexer
	pairs map[[2]string]int64
	batch []*prepared
	rows  []backend.EntryRow
	keys  []backend.KeysRow
	// The text index is filled at the end, from the entries from textFrom
	// on: ids only grow and this transaction is the only writer, so those
	// are the entries it added. (Not before: SQLite's FTS5 would then
	// write its pending terms at every later statement.)
	textFrom       int64
	n              int // entries seen
	missed         int // entries whose token ids the writer found
	added, skipped int
	undoBig        func()
	err            error
}

func newWriter(ctx context.Context, m backend.MemoryTx) *writer {
	w := &writer{ctx: ctx, m: m, pairs: map[[2]string]int64{}, batch: make([]*prepared, 0, entryBatch)}
	w.ix, w.err = newIndexer(ctx, m)
	return w
}

func (w *writer) close() {
	if w.ix != nil {
		w.ix.close()
	}
	if w.undoBig != nil {
		w.undoBig()
	}
}

// put takes in one prepared entry, writing the batch when it is full.
func (w *writer) put(p *prepared) error {
	if w.err != nil {
		return w.err
	}
	w.n++
	if p.bad {
		return fmt.Errorf("entry %d: %w", w.n, ErrBadLanguage)
	}
	pk := [2]string{p.e.SourceLang, p.e.TargetLang}
	pair, ok := w.pairs[pk]
	if !ok {
		var err error
		if pair, err = w.m.Pair(w.ctx, p.e.SourceLang, p.e.TargetLang, true); err != nil {
			return fmt.Errorf("language pair: %w", err)
		}
		w.pairs[pk] = pair
	}
	p.pair = pair
	if w.batch = append(w.batch, p); len(w.batch) == entryBatch {
		if err := w.write(); err != nil {
			return err
		}
	}
	if w.undoBig == nil && w.n >= bulkEntries {
		undo, err := w.m.BigWrite(w.ctx)
		if err != nil {
			return err
		}
		w.undoBig = undo
	}
	return nil
}

// write adds the batch's entries, then indexes those that are new.
func (w *writer) write() error {
	if len(w.batch) == 0 {
		return nil
	}
	w.rows = w.rows[:0]
	for _, p := range w.batch {
		e := &p.e
		w.rows = append(w.rows, backend.EntryRow{Pair: p.pair, Hash: p.hash, Source: p.src, Target: p.tgt, Codes: e.Codes,
			Origin: cmp.Or(e.Origin.Kind, OriginImport), File: e.Origin.File, UnitID: e.UnitID,
			Document: e.Origin.Document, Segment: e.Origin.Segment, Author: e.Origin.Author, Role: e.Origin.Role,
			Status: e.Origin.Status, Time: p.time, Context: p.context, NKeys: len(p.keys)})
	}
	ids, err := w.m.InsertEntries(w.ctx, w.rows)
	if err != nil {
		return fmt.Errorf("entries %d–%d: %w", w.n-len(w.batch)+1, w.n, err)
	}
	for i, p := range w.batch {
		if ids[i] == 0 {
			w.skipped++
			continue
		}
		if w.textFrom == 0 {
			w.textFrom = ids[i]
		}
		kids, blob := p.kids, p.blob
		if kids == nil {
			var err error
			if kids, err = w.ix.keyIDs(p.keys); err != nil {
				return err
			}
			blob = encodeKeys(kids)
			w.missed++
		}
		if w.keys = append(w.keys, backend.KeysRow{ID: ids[i], Keys: blob}); len(w.keys) == keysBatch {
			if err := w.flushKeys(); err != nil {
				return err
			}
		}
		if err := w.ix.add(p.pair, ids[i], kids); err != nil {
			return err
		}
		w.added++
	}
	w.batch = w.batch[:0]
	return nil
}

func (w *writer) flushKeys() error {
	if len(w.keys) == 0 {
		return nil
	}
	err := w.m.InsertKeys(w.ctx, w.keys)
	w.keys = w.keys[:0]
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	return nil
}

// finish writes what is gathered: key lists, postings, text index.
func (w *writer) finish() (added, skipped int, err error) {
	if w.err != nil {
		return 0, 0, w.err
	}
	if err := w.flushKeys(); err != nil {
		return 0, 0, err
	}
	if err := w.ix.flush(true); err != nil {
		return 0, 0, err
	}
	if w.textFrom != 0 {
		if err := w.m.IndexText(w.ctx, w.textFrom); err != nil {
			return 0, 0, fmt.Errorf("text index: %w", err)
		}
	}
	return w.added, w.skipped, nil
}

// indexer adds entries to the index within one transaction: it assigns
// token ids, gathers postings in memory and writes them, one block per
// (pair, token, length), on its last flush (the earlier ones wait in its
// spill).
type indexer struct {
	ctx    context.Context
	m      backend.MemoryTx
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
	entries int
	// spill holds the blocks of the flushes before the last, once there
	// was one.
	spill *spill
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

func newIndexer(ctx context.Context, m backend.MemoryTx) (*indexer, error) {
	ix := &indexer{ctx: ctx, m: m, tokens: map[string]int64{}, lists: map[int64][][]posting{}}
	var err error
	if ix.lastToken, err = m.LastTokenID(ctx); err != nil {
		return nil, err
	}
	ix.fresh0 = ix.lastToken
	return ix, nil
}

// close removes the indexer's spill file, if any.
func (ix *indexer) close() {
	if ix.spill != nil {
		ix.spill.close()
		ix.spill = nil
	}
}

// tokenID returns the id of a key, giving it one if new (the dictionary
// row is written by flush).
func (ix *indexer) tokenID(key string) (int64, error) {
	if id, ok := ix.tokens[key]; ok {
		return id, nil
	}
	var id int64
	found := false
	if ix.fresh0 > 0 { // an empty dictionary has no key to look up
		var err error
		if id, found, err = ix.m.TokenID(ix.ctx, key); err != nil {
			return 0, fmt.Errorf("token %q: %w", key, err)
		}
	}
	if !found {
		ix.lastToken++
		id = ix.lastToken
		ix.fresh = append(ix.fresh, freshToken{id, key})
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
		if err := ix.flush(false); err != nil {
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
		return ix.flush(false)
	}
	return nil
}

// flush writes the gathered postings, one block per (pair, token, key
// count), the tokens new to the dictionary and the document frequencies.
// Until the last flush (last), a write that flushes more than once keeps
// its blocks in a spill file; the last merges them, so that the write
// leaves one block per (pair, token, key count).
func (ix *indexer) flush(last bool) error {
	spilling := !last || ix.spill != nil
	if spilling && ix.spill == nil {
		var err error
		if ix.spill, err = newSpill(); err != nil {
			return err
		}
	}
	var rows []backend.PostingRow
	put := func(r backend.PostingRow) error {
		if rows = append(rows, r); len(rows) < postingBatch {
			return nil
		}
		err := ix.m.InsertPostings(ix.ctx, rows)
		rows = rows[:0]
		return err
	}
	// A small batch (a document's units becoming reviewed) merges into the
	// last block of each list when that block is small, so that lists do
	// not fragment into one block per unit.
	merge := ix.entries <= 256
	df := map[int64]int{}
	var ids []int64
	var err error
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
				l := int(ps[i].len)
				ids = ids[:0]
				for _, p := range ps[i:j] {
					ids = append(ids, ix.base+int64(p.off))
				}
				i = j
				if spilling {
					if err := ix.spill.put(spillBlock{pair: pair, token: int64(token), len: l,
						first: ids[0], last: ids[len(ids)-1], ids: encodePostings(ids)}); err != nil {
						return fmt.Errorf("write postings: %w", err)
					}
					continue
				}
				if merge {
					if ids, err = ix.mergeLast(pair, int64(token), l, ids); err != nil {
						return err
					}
				}
				if err := put(backend.PostingRow{Pair: pair, Token: int64(token), Len: l, First: ids[0], IDs: encodePostings(ids)}); err != nil {
					return fmt.Errorf("write postings: %w", err)
				}
			}
			df[int64(token)] += len(ps)
		}
	}
	if spilling {
		ix.spill.endRun()
	}
	if last && ix.spill != nil {
		err := ix.spill.merge(func(b spillBlock) error {
			return put(backend.PostingRow{Pair: b.pair, Token: b.token, Len: b.len, First: b.first, IDs: b.ids})
		})
		ix.close()
		if err != nil {
			return fmt.Errorf("write postings: %w", err)
		}
	}
	if len(rows) > 0 {
		if err := ix.m.InsertPostings(ix.ctx, rows); err != nil {
			return fmt.Errorf("write postings: %w", err)
		}
	}
	// The new tokens, with their frequencies; then the others'.
	var toks []backend.TokenRow
	for _, t := range ix.fresh {
		toks = append(toks, backend.TokenRow{ID: t.id, Key: t.key, DF: df[t.id]})
		delete(df, t.id)
	}
	for part := range slices.Chunk(toks, tokenBatch) {
		if err := ix.m.InsertTokens(ix.ctx, part); err != nil {
			return fmt.Errorf("write tokens: %w", err)
		}
	}
	toks = toks[:0]
	for _, token := range slices.Sorted(maps.Keys(df)) {
		toks = append(toks, backend.TokenRow{ID: token, DF: df[token]})
	}
	for part := range slices.Chunk(toks, dfBatch) {
		if err := ix.m.AddDF(ix.ctx, part); err != nil {
			return fmt.Errorf("write frequencies: %w", err)
		}
	}
	clear(ix.lists)
	ix.fresh = ix.fresh[:0]
	ix.entries = 0
	return nil
}

// mergeLast prepends to ids the ids of the last block of (pair, token, l)
// when that block is small and comes before them, deleting it.
func (ix *indexer) mergeLast(pair, token int64, l int, ids []int64) ([]int64, error) {
	last, ok, err := ix.m.LastPosting(ix.ctx, pair, token, l)
	if err != nil {
		return nil, fmt.Errorf("read postings: %w", err)
	}
	if !ok || len(last.IDs) >= smallBlock || last.First >= ids[0] {
		return ids, nil
	}
	old, err := appendPostings(nil, last.First, last.IDs)
	if err != nil {
		return nil, err
	}
	if old[len(old)-1] >= ids[0] {
		return ids, nil
	}
	if err := ix.m.DeletePosting(ix.ctx, pair, token, l, last.First); err != nil {
		return nil, fmt.Errorf("write postings: %w", err)
	}
	return append(old, ids...), nil
}
