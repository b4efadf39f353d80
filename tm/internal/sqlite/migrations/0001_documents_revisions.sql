-- Migration 1: documents, their versions and units, and the revisions of
-- the units' translations. Shipped: never edit, add a new migration instead.

-- A document is a named source text; its versions are the imports of it.
CREATE TABLE documents (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE CHECK (name <> ''),
    language TEXT NOT NULL,            -- canonical BCP 47 source language
    created  TEXT NOT NULL             -- UTC, 2006-01-02T15:04:05.000000Z
) STRICT;

CREATE TABLE versions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    number      INTEGER NOT NULL CHECK (number >= 1),
    original    BLOB NOT NULL,         -- the file's bytes, as imported
    sha256      TEXT NOT NULL,
    metadata    TEXT NOT NULL DEFAULT '{}',   -- JSON object of strings
    created     TEXT NOT NULL,
    UNIQUE (document_id, number)
) STRICT;

-- A unit is one source text of a document. Versions that keep the text keep
-- the unit (and so its translations); previous_id is the unit a changed unit
-- replaced, whose translation is offered as a suggestion.
CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    source      TEXT NOT NULL,         -- NFC
    words       INTEGER NOT NULL,
    previous_id INTEGER REFERENCES units (id)
) STRICT;
CREATE INDEX units_document ON units (document_id);

-- Where each unit stands in each version: idx is 1-based; start and end are
-- byte offsets of the segment in the decoded text of the version.
CREATE TABLE version_units (
    version_id INTEGER NOT NULL REFERENCES versions (id),
    idx        INTEGER NOT NULL CHECK (idx >= 1),
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    kind       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    PRIMARY KEY (version_id, idx)
) STRICT, WITHOUT ROWID;
CREATE INDEX version_units_unit ON version_units (unit_id);

-- Every event in the life of a unit's translation into one language. Rows
-- are never updated or deleted: the latest row (highest id) of a unit and
-- language gives its status and target.
CREATE TABLE revisions (
    id       INTEGER PRIMARY KEY,
    unit_id  INTEGER NOT NULL REFERENCES units (id),
    language TEXT NOT NULL,            -- canonical BCP 47 target language
    event    TEXT NOT NULL CHECK (event IN ('revise', 'approve', 'reject')),
    role     TEXT NOT NULL CHECK (role IN ('translator', 'editor', 'pretranslation')),
    status   TEXT NOT NULL CHECK (status IN ('initial', 'translated', 'reviewed', 'final')),
    text     TEXT NOT NULL,            -- NFC; U+E000+n stand for inline codes
    author   TEXT NOT NULL,
    time     TEXT NOT NULL,            -- UTC, 2006-01-02T15:04:05.000000Z
    note     TEXT NOT NULL DEFAULT '',
    codes    TEXT,                     -- JSON: the inline codes, opaque here
    score    REAL,                     -- match score, for pre-translation
    origin   TEXT                      -- JSON: where a match came from
) STRICT;
CREATE INDEX revisions_unit ON revisions (unit_id, language, id);

CREATE TRIGGER revisions_append_only_update BEFORE UPDATE ON revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are append-only');
END;
CREATE TRIGGER revisions_append_only_delete BEFORE DELETE ON revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are append-only');
END;

-- The latest revision of each unit in each language.
CREATE VIEW latest_revisions AS
SELECT r.* FROM revisions r
WHERE r.id = (SELECT max(x.id) FROM revisions x
              WHERE x.unit_id = r.unit_id AND x.language = r.language);
