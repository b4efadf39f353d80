// The public API of the store: each method of [Store] runs in a
// transaction of its own; the same method of [Tx] joins the transaction of
// an [Store.Update].

package tm

import "context"

// UnitsAt reads the units at the given 1-based indexes of a document's
// latest version, with their latest revisions in a language. Its work is
// proportional to the number of indexes, not to the length of the
// document, so that a long document can be read a part at a time; with no
// indexes it reads only the document. Called on a [Tx] it reads in
// Update's transaction, and so sees what fn wrote before. An
// unknown document gives a [*DocumentError]; an index out of range a
// [*SegmentError].
func (s *Store) UnitsAt(ctx context.Context, ref, language string, indexes []int) (*Excerpt, error) {
	return s.session(nil).unitsAt(ctx, ref, language, indexes)
}

// DocumentHead returns the document named ref, or whose numeric id is ref,
// as [Store.Document] does but without its Words and Languages, in time
// that does not depend on the number of its units. No such document gives
// a [*DocumentError].
func (s *Store) DocumentHead(ctx context.Context, ref string) (Document, error) {
	return s.session(nil).documentHead(ctx, ref)
}

// AddEntries adds entries to the memory and its index in one transaction.
// An entry whose languages, source, target and codes the memory already
// holds is skipped, so re-importing a file adds nothing. It is
// [Store.AddEntriesFrom] over a slice.
func (s *Store) AddEntries(ctx context.Context, entries []MemoryEntry) (added, skipped int, err error) {
	return s.session(nil).addEntries(ctx, entries)
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
// entries in flight and the postings of at most 250,000 entries; the
// postings of the earlier ones wait in a temporary file (in TMPDIR, about
// 60 bytes an entry, removed when AddEntriesFrom returns), and are written
// at the end merged, one block per posting list.
func (s *Store) AddEntriesFrom(ctx context.Context, next func() (MemoryEntry, bool, error)) (added, skipped int, err error) {
	return s.session(nil).addEntriesFrom(ctx, next)
}

// Revise records the entries of c as revisions, in one transaction: all of
// them or none. Each revision's status is the entry's, or the role's when
// the entry gives none; an entry may mark its unit as merged into an earlier
// one. An index outside the document gives a [*SegmentError] (carrying the
// entry's Line); an unknown document a [*DocumentError]; a bad merge
// [ErrBadMerge]; a Version that is no longer the latest [ErrVersionChanged].
// It returns the document with only its ID, Name, Language, Created,
// Version and Units (see [Store.DocumentHead]). It reads only the units its
// entries name, so that its time is proportional to the entries, not to
// the length of the document, when they are few (see [BatchUnits]).
func (s *Store) Revise(ctx context.Context, c Change) (Document, error) {
	return s.session(nil).revise(ctx, c)
}

// Approve makes units final: the given 1-based indexes, or, when there are
// none, every unit whose status is reviewed. It is [Store.ApproveWith]
// without options: a given unit that no editor reviewed is refused.
func (s *Store) Approve(ctx context.Context, ref, language, author string, indexes []int) (int, error) {
	return s.session(nil).approve(ctx, ref, language, author, indexes, ApproveOptions{})
}

// ApproveWith makes units final: the given 1-based indexes, or, when there
// are none, every unit whose status is reviewed (and, with o.SkipReview,
// translated). It records an approval revision (role editor) per unit not
// already final, in one transaction, and returns how many it approved. A
// given unit without a translation gives an error matching
// [ErrNotTranslated]; a translated one that no editor reviewed, unless
// o.SkipReview, a [*NotReviewedError] (and a [*SegmentError] for an index
// out of range). Given indexes are the only units read, so that approving
// a part of a long document takes time in proportion to the part.
func (s *Store) ApproveWith(ctx context.Context, ref, language, author string, indexes []int, o ApproveOptions) (int, error) {
	return s.session(nil).approve(ctx, ref, language, author, indexes, o)
}

// Reject sends a translated unit back to the translator: it records a
// rejection revision (role editor, status initial) that keeps the text and
// carries the note. A unit without a translation gives an error matching
// [ErrNotTranslated].
func (s *Store) Reject(ctx context.Context, ref, language, author string, index int, note string) error {
	return s.session(nil).reject(ctx, ref, language, author, index, note)
}

// Translation reads a document's units and their revisions in a language
// into memory, in one read transaction, the way [Store.EachUnit] streams
// them. A document with no revision in the language still gives its units
// (all initial) unless strict is true, in which case it gives a
// [*LanguageError].
func (s *Store) Translation(ctx context.Context, ref, language string, strict bool) (*Translation, error) {
	return s.session(nil).translation(ctx, ref, language, strict)
}

// EachUnit calls fn with each unit of doc's version and its revisions in a
// language, in order, as it reads them in one read transaction: memory holds
// a few batches of units at a time (see readAheadBatch), whatever the size
// of the document. The reading runs ahead of fn on a goroutine of its own,
// so that the two overlap; fn is called on the caller's goroutine.
//
// doc comes from [Store.Document] or [Store.Documents]; should a new version
// of it have been imported since, the units are still those of doc's
// version. Each call gets a new [Unit], which fn may keep. A document with
// no revision in the language still gives its units (all initial) unless
// strict is true, in which case it gives a [*LanguageError] before any call.
// An error of fn stops the reading and is returned as it is.
func (s *Store) EachUnit(ctx context.Context, doc Document, language string, strict bool, fn func(*Unit) error) error {
	return s.session(nil).eachUnit(ctx, doc, language, strict, fn)
}

// History returns every revision of segment index (1-based) of a document
// in a language, oldest first, across versions: those of the segment's unit
// and, when the segment changed in a re-import, of the unit it replaced
// (and so on back), each with the version it was made on and the unit's
// index and source in it (Revision.Version, Segment, Source). A document
// with no revision in the language gives a [*LanguageError]; an index out
// of range a [*SegmentError].
func (s *Store) History(ctx context.Context, ref, language string, index int) (Document, []Revision, error) {
	return s.session(nil).history(ctx, ref, language, index)
}

// Stats counts, for the document ref (or every document when ref is ""),
// its units and source words by target language and status. Only non-zero
// counts are returned, by document, language and status order.
func (s *Store) Stats(ctx context.Context, ref string) ([]Stat, error) {
	return s.session(nil).stats(ctx, ref)
}

// Import stores a document, or a new version of the document with that
// name, in one transaction. Texts are stored in NFC and the language tag in
// canonical form. Importing the same bytes again changes nothing.
//
// A document without units is refused ([ErrNoSegments]), and so is a new
// version with fewer than half of the previous version's units (a
// [*ShrinkError]) unless nd.Force is set. A new version's units are matched
// with those of every earlier version (see matchEarlier), so that a unit
// whose text comes back keeps its translations and status. A new
// document's name must not be a number ([ErrNumericName]): "12" would be
// taken for the id of document 12.
func (s *Store) Import(ctx context.Context, nd NewDocument) (ImportResult, error) {
	return s.session(nil).importDocument(ctx, nd)
}

// Documents returns every document at its latest version, by name.
func (s *Store) Documents(ctx context.Context) ([]Document, error) {
	return s.session(nil).documents(ctx)
}

// Document returns the document named ref, or whose numeric id is ref. A
// name wins over an id. No such document gives a [*DocumentError].
func (s *Store) Document(ctx context.Context, ref string) (Document, error) {
	return s.session(nil).document(ctx, ref)
}

// Pretranslate fills the untranslated units of a document (those without
// any text in the language) with their best memory match scoring at least
// o.Min, recorded in one transaction as revisions with role
// pretranslation, the match's score, its origin and its source; each
// revision's status is its score's rule's (see [PretranslationRules]).
func (s *Store) Pretranslate(ctx context.Context, o PretranslateOptions) (PretranslateResult, error) {
	return s.session(nil).pretranslate(ctx, o)
}

// UnitsAt is [Store.UnitsAt] in the transaction of tx.
func (tx *Tx) UnitsAt(ctx context.Context, ref, language string, indexes []int) (*Excerpt, error) {
	return tx.s.session(tx.t).unitsAt(ctx, ref, language, indexes)
}

// DocumentHead is [Store.DocumentHead] in the transaction of tx.
func (tx *Tx) DocumentHead(ctx context.Context, ref string) (Document, error) {
	return tx.s.session(tx.t).documentHead(ctx, ref)
}

// AddEntries is [Store.AddEntries] in the transaction of tx.
func (tx *Tx) AddEntries(ctx context.Context, entries []MemoryEntry) (added, skipped int, err error) {
	return tx.s.session(tx.t).addEntries(ctx, entries)
}

// AddEntriesFrom is [Store.AddEntriesFrom] in the transaction of tx.
func (tx *Tx) AddEntriesFrom(ctx context.Context, next func() (MemoryEntry, bool, error)) (added, skipped int, err error) {
	return tx.s.session(tx.t).addEntriesFrom(ctx, next)
}

// Revise is [Store.Revise] in the transaction of tx.
func (tx *Tx) Revise(ctx context.Context, c Change) (Document, error) {
	return tx.s.session(tx.t).revise(ctx, c)
}

// Approve is [Store.Approve] in the transaction of tx.
func (tx *Tx) Approve(ctx context.Context, ref, language, author string, indexes []int) (int, error) {
	return tx.s.session(tx.t).approve(ctx, ref, language, author, indexes, ApproveOptions{})
}

// ApproveWith is [Store.ApproveWith] in the transaction of tx.
func (tx *Tx) ApproveWith(ctx context.Context, ref, language, author string, indexes []int, o ApproveOptions) (int, error) {
	return tx.s.session(tx.t).approve(ctx, ref, language, author, indexes, o)
}

// Reject is [Store.Reject] in the transaction of tx.
func (tx *Tx) Reject(ctx context.Context, ref, language, author string, index int, note string) error {
	return tx.s.session(tx.t).reject(ctx, ref, language, author, index, note)
}

// Translation is [Store.Translation] in the transaction of tx.
func (tx *Tx) Translation(ctx context.Context, ref, language string, strict bool) (*Translation, error) {
	return tx.s.session(tx.t).translation(ctx, ref, language, strict)
}

// EachUnit is [Store.EachUnit] in the transaction of tx.
func (tx *Tx) EachUnit(ctx context.Context, doc Document, language string, strict bool, fn func(*Unit) error) error {
	return tx.s.session(tx.t).eachUnit(ctx, doc, language, strict, fn)
}

// History is [Store.History] in the transaction of tx.
func (tx *Tx) History(ctx context.Context, ref, language string, index int) (Document, []Revision, error) {
	return tx.s.session(tx.t).history(ctx, ref, language, index)
}

// Stats is [Store.Stats] in the transaction of tx.
func (tx *Tx) Stats(ctx context.Context, ref string) ([]Stat, error) {
	return tx.s.session(tx.t).stats(ctx, ref)
}

// Import is [Store.Import] in the transaction of tx.
func (tx *Tx) Import(ctx context.Context, nd NewDocument) (ImportResult, error) {
	return tx.s.session(tx.t).importDocument(ctx, nd)
}

// Documents is [Store.Documents] in the transaction of tx.
func (tx *Tx) Documents(ctx context.Context) ([]Document, error) {
	return tx.s.session(tx.t).documents(ctx)
}

// Document is [Store.Document] in the transaction of tx.
func (tx *Tx) Document(ctx context.Context, ref string) (Document, error) {
	return tx.s.session(tx.t).document(ctx, ref)
}

// Pretranslate is [Store.Pretranslate] in the transaction of tx.
func (tx *Tx) Pretranslate(ctx context.Context, o PretranslateOptions) (PretranslateResult, error) {
	return tx.s.session(tx.t).pretranslate(ctx, o)
}
