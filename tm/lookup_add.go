package tm

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/unicode/norm"
)

// AddEntries adds entries to the memory and its index in one transaction.
// An entry whose languages, source, target and codes the memory already
// holds is skipped, so re-importing a file adds nothing. It is
// [Store.AddEntriesFrom] over a slice.
func (s *Store) AddEntries(ctx context.Context, entries []MemoryEntry) (added, skipped int, err error) {
	return s.AddEntriesFrom(ctx, sliceEntries(entries))
}

// AddEntriesFrom adds the entries that next returns to the memory and its
// index in one transaction, streaming: next returns an entry and true, or
// false at the end; an error from next (or from any entry) rolls the whole
// transaction back, so that nothing is written. As with
// [Store.AddEntries], an entry the memory already holds is skipped.
//
// next is called from another goroutine than the caller's, one call at a
// time, a few thousand entries ahead of the writes, and never after
// AddEntriesFrom returns. The memory it uses does not grow with the number
// of entries beyond the dictionary of distinct tokens: a few chunks of
// entries in flight and the postings of at most 250,000 entries.
func (s *Store) AddEntriesFrom(ctx context.Context, next func() (MemoryEntry, bool, error)) (added, skipped int, err error) {
	err = s.withBulkTx(ctx, func(tx *sql.Tx) error {
		added, skipped, err = addEntriesFrom(ctx, tx, next)
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
func (s *Store) withBulkTx(ctx context.Context, fn func(*sql.Tx) error) (err error) {
	if _, ok := ctx.Value(txKey{}).(*openTx); ok {
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
	tx, err := s.beginWrite(ctx, conn.BeginTx)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
			err = readOnly(err)
			return
		}
		err = readOnly(tx.Commit())
	}()
	return fn(tx)
}

// sliceEntries returns a next function over entries.
func sliceEntries(entries []MemoryEntry) func() (MemoryEntry, bool, error) {
	i := 0
	return func() (MemoryEntry, bool, error) {
		if i == len(entries) {
			return MemoryEntry{}, false, nil
		}
		i++
		return entries[i-1], true, nil
	}
}

// addEntries adds entries within tx; see AddEntries.
func addEntries(ctx context.Context, tx *sql.Tx, entries []MemoryEntry) (added, skipped int, err error) {
	return addEntriesFrom(ctx, tx, sliceEntries(entries))
}

// Sizes of the import pipeline.
const (
	// prepChunk is how many entries a worker prepares at a time.
	prepChunk = 1024
	// entryBatch is how many rows one statement adds to memory_entry (16
	// columns).
	entryBatch = 64
	// keysBatch is how many rows one statement adds to memory_keys.
	keysBatch = 128
	// bulkEntries is the count from which addEntriesFrom enlarges the
	// page cache.
	bulkEntries = 10000
)

// prepared is an entry ready to be written: its NFC texts, the keys of its
// source, its language pair (set by the writer), its hash, time and context
// hash. bad reports missing languages.
type prepared struct {
	e        MemoryEntry
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
	// err is what checkMemoryFields found wrong in an entry from outside
	// the store.
	err error
}

// prepChunkOf is a chunk of prepared entries; done is closed when items
// are ready. err is next's error after the items.
type prepChunkOf struct {
	items []prepared
	err   error
	done  chan struct{}
}

// prepare fills in p from its entry, with the token ids of its keys when
// dict (read only: a snapshot of the indexer's) has them all (safe to run
// concurrently).
func (p *prepared) prepare(dict map[string]int64) {
	e := &p.e
	p.bad = e.SourceLang == "" || e.TargetLang == ""
	if e.unitID == 0 {
		// An entry of a document unit holds values the store already
		// checked; one from outside is checked here.
		p.err = checkMemoryFields(e, e.Origin.Segment)
	}
	p.src, p.tgt = norm.NFC.String(e.Source), norm.NFC.String(e.Target)
	p.keys = analyzeKeys(p.src)
	if !e.Origin.Time.IsZero() {
		p.time = e.Origin.Time.UTC().Format(timeFormat)
	}
	p.hash = e.hash(p.src, p.tgt, p.time)
	p.context = contextHash(e.Prev, e.Next)
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

// prepareAll calls next on a goroutine and prepares its entries on every
// CPU, chunk by chunk, with the dictionary snapshot that dict holds when
// the chunk starts; the chunks come out in order on the returned channel,
// which is closed after the last (or after an error from next). stop ends
// the work early and returns once next is no longer called.
func prepareAll(next func() (MemoryEntry, bool, error), dict *atomic.Pointer[map[string]int64]) (chunks <-chan *prepChunkOf, stop func()) {
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

// addEntriesFrom adds the entries of next within tx; see AddEntriesFrom.
// Entries are prepared ahead on other goroutines; this one writes them,
// entryBatch rows per statement, and the text index at the end.
func addEntriesFrom(ctx context.Context, tx *sql.Tx, next func() (MemoryEntry, bool, error)) (added, skipped int, err error) {
	ix, err := newIndexer(ctx, tx)
	if err != nil {
		return 0, 0, err
	}
	defer ix.close()
	keys := newBatchWriter(ctx, tx, `INSERT INTO memory_keys (id, keys) VALUES `, `(?, ?)`, ``, 2, keysBatch)
	defer keys.close()
	ins := entryInserter{ctx: ctx, tx: tx}
	defer ins.close()
	// The workers find the token ids of keys the dictionary already had
	// when their chunk started; the writer, those of new keys.
	var dict atomic.Pointer[map[string]int64]
	dict.Store(&map[string]int64{})
	chunks, stop := prepareAll(next, &dict)
	defer stop()
	published := 0 // chunks since the snapshot was taken
	missed := 0    // entries of those chunks whose ids the writer found

	pairs := map[[2]string]int64{}
	// The text index is filled at the end, by one INSERT … SELECT of the
	// entries from textFrom on: ids only grow (AUTOINCREMENT) and this
	// transaction is the only writer, so those are the entries it added.
	// Not before: once FTS5 takes part in the transaction, every later
	// multi-row statement (which opens a statement journal) makes it write
	// its pending terms out, in small segments that then need merging.
	var textFrom int64
	n := 0 // entries seen
	bulk := false
	batch := make([]*prepared, 0, entryBatch)
	ids := make([]int64, 0, entryBatch)
	// write adds the batch's entries, then indexes those that are new.
	write := func() error {
		var err error
		if ids, err = ins.insert(batch, ids[:0]); err != nil {
			return fmt.Errorf("entries %d–%d: %w", n-len(batch)+1, n, err)
		}
		for i, p := range batch {
			if ids[i] == 0 {
				skipped++
				continue
			}
			if textFrom == 0 {
				textFrom = ids[i]
			}
			kids, blob := p.kids, p.blob
			if kids == nil {
				var err error
				if kids, err = ix.keyIDs(p.keys); err != nil {
					return err
				}
				blob = encodeKeys(kids)
				missed++
			}
			if err := keys.add(ids[i], blob); err != nil {
				return fmt.Errorf("keys: %w", err)
			}
			if err := ix.add(p.pair, ids[i], kids); err != nil {
				return err
			}
			added++
		}
		batch = batch[:0]
		return nil
	}
	for c := range chunks {
		<-c.done
		for i := range c.items {
			p := &c.items[i]
			n++
			if p.bad {
				return 0, 0, fmt.Errorf("entry %d: %w", n, ErrBadLanguage)
			}
			if p.err != nil {
				return 0, 0, fmt.Errorf("entry %d: %w", n, p.err)
			}
			pk := [2]string{p.e.SourceLang, p.e.TargetLang}
			pair, ok := pairs[pk]
			if !ok {
				if pair, err = pairID(ctx, tx, p.e.SourceLang, p.e.TargetLang, true); err != nil {
					return 0, 0, fmt.Errorf("language pair: %w", err)
				}
				pairs[pk] = pair
			}
			p.pair = pair
			if batch = append(batch, p); len(batch) == entryBatch {
				if err := write(); err != nil {
					return 0, 0, err
				}
			}
		}
		// Write the rest of the chunk: the next one reuses nothing, but
		// the batch must not point into a chunk that is let go.
		if len(batch) > 0 {
			if err := write(); err != nil {
				return 0, 0, err
			}
		}
		if c.err != nil {
			return 0, 0, c.err
		}
		// A new snapshot when more than one entry in 32 needed the writer
		// since the last (a copy of the dictionary: not at every chunk).
		if published++; published >= 4 && missed*32 > published*prepChunk {
			d := maps.Clone(ix.tokens)
			dict.Store(&d)
			published, missed = 0, 0
		}
		if !bulk && n >= bulkEntries {
			// A big import touches the hash index all over: give this
			// connection a bigger page cache for the transaction.
			bulk = true
			if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -16384`); err != nil {
				return 0, 0, err
			}
			defer tx.ExecContext(ctx, `PRAGMA cache_size = -2000`)
		}
	}
	if err := keys.flush(); err != nil {
		return 0, 0, fmt.Errorf("keys: %w", err)
	}
	if err := ix.flush(); err != nil {
		return 0, 0, err
	}
	if textFrom != 0 {
		// A pending-terms table of 16 MB (1 MB by default) for this
		// statement: fewer segments to merge.
		if _, err := tx.ExecContext(ctx, `INSERT INTO memory_text (memory_text, rank) VALUES ('hashsize', 16777216)`); err != nil {
			return 0, 0, fmt.Errorf("text index: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO memory_text (rowid, source, target)
			SELECT id, source, target FROM memory_entry WHERE id >= ?`, textFrom); err != nil {
			return 0, 0, fmt.Errorf("text index: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO memory_text (memory_text, rank) VALUES ('hashsize', 1048576)`); err != nil {
			return 0, 0, fmt.Errorf("text index: %w", err)
		}
	}
	return added, skipped, nil
}

// entryInserter adds entries to memory_entry, many rows per statement.
type entryInserter struct {
	ctx  context.Context
	tx   *sql.Tx
	full *sql.Stmt // for entryBatch rows
	args []any
	pos  map[string]int
}

const entryColumns = `INSERT OR IGNORE INTO memory_entry
	(pair, hash, source, target, codes, origin, file, unit_id, document, segment, author, role, status, time, context, nkeys) VALUES `

const entryRow = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// insert adds the entries of batch, returning in ids (appended to) each
// one's new id, or 0 for an entry the memory already held (or held twice
// in batch).
func (w *entryInserter) insert(batch []*prepared, ids []int64) ([]int64, error) {
	w.args = w.args[:0]
	if w.pos == nil {
		w.pos = map[string]int{}
	}
	clear(w.pos)
	for i, p := range batch {
		e := &p.e
		var unit any
		if e.unitID != 0 {
			unit = e.unitID
		}
		w.args = append(w.args, p.pair, p.hash, p.src, p.tgt, e.Codes, cmp.Or(e.Origin.Kind, OriginImport), e.Origin.File, unit,
			e.Origin.Document, e.Origin.Segment, e.Origin.Author, e.Origin.Role, e.Origin.Status, p.time, p.context, len(p.keys))
		if _, ok := w.pos[string(p.hash)]; !ok {
			w.pos[string(p.hash)] = i
		}
		ids = append(ids, 0)
	}
	var rows *sql.Rows
	var err error
	if len(batch) == entryBatch {
		if w.full == nil {
			if w.full, err = w.tx.PrepareContext(w.ctx, entryColumns+entryRow+strings.Repeat(", "+entryRow, entryBatch-1)+` RETURNING id, hash`); err != nil {
				return nil, err
			}
		}
		rows, err = w.full.QueryContext(w.ctx, w.args...)
	} else {
		rows, err = w.tx.QueryContext(w.ctx, entryColumns+entryRow+strings.Repeat(", "+entryRow, len(batch)-1)+` RETURNING id, hash`, w.args...)
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var hash sql.RawBytes
		if err := rows.Scan(&id, &hash); err != nil {
			return nil, err
		}
		i, ok := w.pos[string(hash)]
		if !ok {
			return nil, fmt.Errorf("entry with unknown hash %x", hash)
		}
		ids[len(ids)-len(batch)+i] = id
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return ids, rows.Close()
}

func (w *entryInserter) close() {
	if w.full != nil {
		w.full.Close()
	}
}
