package backend

import (
	"context"
	"errors"
)

// ErrStop, returned by the function given to [MemoryReader.PostingLists],
// stops the reading without error.
var ErrStop = errors.New("stop")

// EntryRow is one memory entry as stored. Time is in the stored format
// (see package stored), "" when unknown; Context is the hash of the
// entry's neighbours in its document, nil when unknown; NKeys is the
// number of scoring tokens of its source.
type EntryRow struct {
	ID                     int64
	Pair                   int64
	SourceLang, TargetLang string // filled by reads only
	Hash                   []byte
	Source, Target, Codes  string
	Origin, File           string
	UnitID                 int64 // 0: none
	Document, Segment      string
	Author, Role, Status   string
	Time                   string
	Context                []byte
	NKeys                  int
}

// EntryRef is the id and hash of a stored entry.
type EntryRef struct {
	ID   int64
	Hash []byte
}

// KeysRow is the token ids of an entry's source, encoded (unsigned varints
// in order).
type KeysRow struct {
	ID   int64
	Keys []byte
}

// PostingRow is one block of a posting list: entry ids of a language pair
// that hold a token and have Len keys, First and the delta-coded rest in
// IDs.
type PostingRow struct {
	Pair, Token int64
	Len         int
	First       int64
	IDs         []byte
}

// TokenRow is a token of the dictionary and its document frequency (or,
// given to [MemoryTx.AddDF], a change of it).
type TokenRow struct {
	ID  int64
	Key string
	DF  int
}

// SourceRow is an entry as a rebuild of the index reads it: its id,
// language pair, source and stored key count.
type SourceRow struct {
	ID, Pair int64
	Source   string
	NKeys    int
}

// TextQuery is a full-text search of the entries for concordance: Words
// in this order, adjacent, in the source (or with Target, the target) of
// entries whose source (or target) language is Lang, newest first, at most
// Limit (0: all).
type TextQuery struct {
	Words  []string
	Lang   string
	Target bool
	Limit  int
}

// TextHit is an entry found by a [TextQuery], with the byte ranges of the
// searched text that hold the phrase, as [start, end) pairs.
type TextHit struct {
	Entry EntryRow
	Spans [][2]int
}

// MemoryReader is what the memory index reads: the dictionary, the
// posting lists, the entries and their full-text index. Every backend
// implements it over its own tables.
type MemoryReader interface {
	// Pair returns the id of a language pair, 0 when there is none (and
	// create is false) ; with create it makes the pair when missing (a
	// [MemoryTx] only).
	Pair(ctx context.Context, sourceLang, targetLang string, create bool) (int64, error)
	// PairTokens returns the id of a language pair (0 when there is none)
	// and, when there is one, the id and document frequency of those of
	// keys the dictionary holds: what a lookup reads first, in one round
	// trip on a backend that has round trips.
	PairTokens(ctx context.Context, sourceLang, targetLang string, keys []string) (int64, map[string]TokenRow, error)
	// PostingLists calls fn with each posting block of the pair whose key
	// count is in [lo, hi], for each of tokens in the order given (a
	// token's blocks in any order), and stops without error when fn
	// returns [ErrStop]. The posting lists are read in one
	// statement on a backend that has round trips; fn must not call the
	// reader, and the IDs are valid until it returns.
	PostingLists(ctx context.Context, pair int64, tokens []int64, lo, hi int, fn func(PostingRow) error) error
	// Keys calls fn with the key list of each of the entries ids (any
	// number, in one statement on a backend that has round trips); the
	// keys are valid until fn returns. Ids without an entry are skipped.
	Keys(ctx context.Context, ids []int64, fn func(KeysRow) error) error
	// Sources calls fn with the id, source and context of each of ids (as
	// Keys does).
	Sources(ctx context.Context, ids []int64, fn func(id int64, source string, context []byte) error) error
	// Entries calls fn with each of the entries ids, in any order (as Keys
	// does).
	Entries(ctx context.Context, ids []int64, fn func(EntryRow) error) error
	// SearchText runs a concordance search.
	SearchText(ctx context.Context, q TextQuery) ([]TextHit, error)
	// ScanKeys, ScanPostings and ScanTokens walk the whole index, for
	// consistency checks, calling fn with each row as it is read (never
	// holding the whole index in memory); fn must not call the reader,
	// and the bytes it is given are valid until it returns.
	ScanKeys(ctx context.Context, fn func(id, pair int64, nkeys int, keys []byte, source string) error) error
	ScanPostings(ctx context.Context, fn func(PostingRow) error) error
	ScanTokens(ctx context.Context, fn func(TokenRow) error) error
	// AnalysisVersion returns the version of the analysis
	// (internal/fuzzy.AnalysisVersion) that computed the stored keys.
	AnalysisVersion(ctx context.Context) (int, error)
}

// MemoryTx is what the memory index writes with, inside one write
// transaction of the backend, and reads there.
type MemoryTx interface {
	MemoryReader
	// LastTokenID returns the greatest token id in use, 0 when none.
	LastTokenID(ctx context.Context) (int64, error)
	// TokenID returns the id of key, and false when the dictionary has
	// none.
	TokenID(ctx context.Context, key string) (int64, bool, error)
	// InsertEntries adds the entries, skipping one whose hash the memory
	// (or rows earlier in the call) holds; it returns each row's new id,
	// or 0 for a skipped one. The IDs of rows are ignored.
	InsertEntries(ctx context.Context, rows []EntryRow) ([]int64, error)
	// InsertKeys stores the key lists of new entries.
	InsertKeys(ctx context.Context, rows []KeysRow) error
	// InsertPostings stores posting blocks.
	InsertPostings(ctx context.Context, rows []PostingRow) error
	// LastPosting returns the block of (pair, token, l) with the greatest
	// First, and false when there is none.
	LastPosting(ctx context.Context, pair, token int64, l int) (PostingRow, bool, error)
	// PostingAt returns the block of (pair, token, l) that holds id if any
	// does: the one with the greatest First not above id.
	PostingAt(ctx context.Context, pair, token int64, l int, id int64) (PostingRow, bool, error)
	// DeletePosting removes the block of (pair, token, l) starting at first.
	DeletePosting(ctx context.Context, pair, token int64, l int, first int64) error
	// InsertTokens adds tokens new to the dictionary with their frequency.
	InsertTokens(ctx context.Context, rows []TokenRow) error
	// AddDF adds each row's DF to the frequency of token ID.
	AddDF(ctx context.Context, rows []TokenRow) error
	// IndexText adds the entries from id from on to the full-text index.
	IndexText(ctx context.Context, from int64) error
	// UnitEntries returns the entries of the given document units in a
	// language pair, by unit id.
	UnitEntries(ctx context.Context, pair int64, units []int64) (map[int64]EntryRef, error)
	// DeleteEntry removes an entry, its key list and its full-text row
	// (not its postings: see package memory).
	DeleteEntry(ctx context.Context, id int64) error
	// EntrySources returns at most limit entries whose id is above after,
	// by increasing id.
	EntrySources(ctx context.Context, after int64, limit int) ([]SourceRow, error)
	// ClearIndex removes every posting, key list and token of the
	// dictionary; the entries and their full-text index stay.
	ClearIndex(ctx context.Context) error
	// SetNKeys sets the key count of an entry.
	SetNKeys(ctx context.Context, id int64, n int) error
	// SetAnalysisVersion records the version of the analysis that computed
	// the stored keys.
	SetAnalysisVersion(ctx context.Context, v int) error
	// BigWrite tells the backend that many entries follow (SQLite gives
	// the connection a bigger page cache); the function it returns undoes
	// that.
	BigWrite(ctx context.Context) (func(), error)
}
