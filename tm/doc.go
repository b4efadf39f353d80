// Package tm is padan's translation memory: source documents, their
// versions and units, and every revision of every translation of those
// units, with who made it, in which role and when; and, through package
// tm/memory, the memory index that lookups and concordance read.
//
// # Layout
//
// tm holds the domain and its rules (documents, versions, units,
// revisions, statuses, the workflow) and the public [Store] API; it holds
// no SQL. It reaches storage through the seam of tm/internal/backend:
// interfaces and plain record types that each database backend
// implements. tm/internal/sqlite is the SQLite backend (the file's
// settings, numbered migrations, FTS5, the SQL of every operation); a
// PostgreSQL backend registers itself with backend.Register("postgres",
// …) and [Open] picks it for postgres:// URLs. tm/memory is the index
// (entries, postings, dictionary, sync, candidates, concordance), called
// once per commit through Add, Sync, Lookup and Concordance; it knows
// nothing of documents and no SQL. tm/storetest is the conformance suite
// that every backend runs.
//
// # Model
//
// A [Document] has one or more versions; each version is the original bytes
// of the file imported, its metadata, and its units in order. A unit is a
// source text of a document; a version places units at 1-based indexes.
// Re-importing a changed text makes a new version that reuses the units
// whose source text did not change, so their translations carry over; a
// changed unit is a new unit that remembers the one it replaced, whose
// latest translation is offered as a suggestion.
//
// A [Revision] is one event in the life of a unit's translation into one
// language: a revised text (by a translator, an editor, or pre-translation),
// an approval or a rejection. Revisions are never updated or deleted (the
// database refuses it); a unit's status and target are those of its latest
// revision. Statuses are XLIFF 2.0's: initial, translated, reviewed, final.
//
// # Transactions
//
// Every method that writes is one transaction of the backend (SQLite:
// BEGIN IMMEDIATE, so that concurrent writers queue on the busy timeout
// instead of failing on a read-to-write upgrade). [Store.Update] runs a
// function in one transaction and hands it a [Tx], whose methods join
// that transaction; transactions are values, never carried in a context.
// The memory entries of the units revised are written once per commit.
// Text is stored in Unicode NFC and language tags in canonical BCP 47
// form.
package tm
