// Package tm is padan's translation memory: an SQLite database of source
// documents, their versions and units, and every revision of every
// translation of those units, with who made it, in which role and when.
//
// All of padan's SQL lives in this package. The schema is built by numbered
// migrations embedded from migrations/*.sql; each runs in its own
// transaction and sets PRAGMA user_version, so a database knows its schema
// version and a binary refuses a database newer than itself.
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
// Every method that writes is one transaction, begun with BEGIN IMMEDIATE so
// that concurrent writers queue on the busy timeout instead of failing on a
// read-to-write upgrade. Text is stored in Unicode NFC and language tags in
// canonical BCP 47 form.
package tm
