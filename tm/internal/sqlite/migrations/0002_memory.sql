-- Migration 2: the memory that lookups read: entries (from the reviewed and
-- final units of documents, and from imported TMX files) and their inverted
-- token index (see internal/fuzzy for the score and the proof that the
-- index's filters lose nothing).

-- memory_pair numbers the language pairs, so that postings are kept per
-- pair.
CREATE TABLE memory_pair (
	id          INTEGER PRIMARY KEY,
	source_lang TEXT NOT NULL,
	target_lang TEXT NOT NULL,
	UNIQUE (source_lang, target_lang)
) STRICT;

-- memory_entry holds one translation unit of the memory. hash (the first
-- 16 bytes of SHA-256 over languages, source, target and codes) makes
-- re-imports idempotent; nkeys is the number of the source's scoring
-- tokens (see memory_keys). context is a hash of the previous and next
-- source units in the document, for context matches (NULL when unknown).
CREATE TABLE memory_entry (
	id          INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: postings may outlive an entry
	pair        INTEGER NOT NULL REFERENCES memory_pair (id),
	hash        BLOB NOT NULL UNIQUE,
	source      TEXT NOT NULL,
	target      TEXT NOT NULL,
	codes       TEXT NOT NULL DEFAULT '',
	origin      TEXT NOT NULL,           -- 'document' or 'import'
	file        TEXT NOT NULL DEFAULT '', -- the imported file's name
	unit_id     INTEGER REFERENCES units (id), -- origin 'document'
	document    TEXT NOT NULL DEFAULT '',
	segment     TEXT NOT NULL DEFAULT '',
	author      TEXT NOT NULL DEFAULT '',
	role        TEXT NOT NULL DEFAULT '',
	status      TEXT NOT NULL DEFAULT '',
	time        TEXT NOT NULL DEFAULT '', -- UTC, 2006-01-02T15:04:05.000000Z
	context     BLOB,
	nkeys       INTEGER NOT NULL
) STRICT;

-- memory_keys holds the ids of each entry's scoring tokens (memory_token),
-- in order, as unsigned varints: the verification of a candidate reads
-- this narrow table, not the entry with its texts.
CREATE TABLE memory_keys (
	id   INTEGER PRIMARY KEY REFERENCES memory_entry (id) ON DELETE CASCADE,
	keys BLOB NOT NULL
) STRICT;

-- A document's unit has at most one entry per language pair: its latest
-- reviewed or final translation.
CREATE UNIQUE INDEX memory_entry_unit ON memory_entry (unit_id, pair)
	WHERE unit_id IS NOT NULL;

-- memory_token is the dictionary of token keys with their document
-- frequency (the number of entries holding the key), which orders the
-- prefix filter rarest first. The key '' stands for "no keys at all".
CREATE TABLE memory_token (
	id  INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,
	df  INTEGER NOT NULL DEFAULT 0
) STRICT;

-- memory_posting is the inverted index: for a language pair, a token and a
-- key count (len), blocks of entry ids in increasing order, delta-coded as
-- unsigned varints; first is the block's first id. Keying by len makes the
-- length filter a range scan.
CREATE TABLE memory_posting (
	pair  INTEGER NOT NULL,
	token INTEGER NOT NULL,
	len   INTEGER NOT NULL,
	first INTEGER NOT NULL,
	ids   BLOB NOT NULL,
	PRIMARY KEY (pair, token, len, first)
) STRICT, WITHOUT ROWID;

-- memory_text is the full-text index of concordance searches: FTS5 over
-- the entries' source and target (words on Unicode boundaries, case and
-- diacritics folded), with memory_entry as its external content.
CREATE VIRTUAL TABLE memory_text USING fts5 (
	source, target,
	content = 'memory_entry', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
