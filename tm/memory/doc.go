// Package memory is padan's translation-memory index: the entries (units
// of imported memories and the reviewed or final units of documents),
// their posting lists and dictionary for fuzzy lookups, and concordance
// over a full-text index.
//
// It is called through four functions, each inside a transaction the
// store hands it: [Add] (a stream of entries, through a pipeline that
// prepares them on every CPU), [Sync] (the entries of revised document
// units: a few take a simple path), [Lookup] and [Concordance]; [Check]
// compares the index with its entries. It knows no SQL: it reads and
// writes through the interfaces of tm/internal/backend, which each
// database backend implements, and it knows nothing of documents or
// revisions, which are the store's (package tm).
//
// # The index
//
// An entry's source is cut into scoring tokens (keys, see internal/fuzzy).
// The dictionary numbers the keys and counts the entries holding each
// (document frequency). For each language pair, key and key count, the
// posting list holds the ids of the entries with that key and that many
// keys, in blocks of increasing ids, delta-coded; each entry's key ids are
// also kept in order for verification. A lookup reads the lists of the
// query's rarest keys (the prefix filter) for candidates, counts shared
// keys in the next lists, bounds the distance on key ids and scores the
// survivors on their text: the filters are lossless, so recall is exact.
// A removed or replaced entry is taken out of its posting blocks and the
// frequencies in the same transaction. A write adds at most one block per
// list it touches (up to 64 KB of ids a block; a small write's ids join
// the list's last block when that is small): a big import gathers the
// postings of 250,000 entries at a time in memory and keeps those of the
// earlier ones in a temporary file until its end, when it merges them (see
// spill).
//
// The keys are those of one analysis (fuzzy.AnalysisVersion), whose
// version the database records. [Upgrade], which the store runs when it
// opens a database, rebuilds the index of a memory that an older analysis
// keyed ([Rebuild]), in one transaction: the entries and their ids stay.
//
// # Matches
//
// A lookup makes one match of the entries with the same source, target and
// codes (a document's reviewed unit and the same unit in an imported TMX),
// with each entry's origin: the score is the same for all.
package memory
