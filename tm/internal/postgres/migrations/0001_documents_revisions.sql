-- Migration 1 (PostgreSQL): documents, their versions and units, and the
-- revisions of the units' translations; the translation of SQLite's
-- migration 1, with the same tables, columns and meaning. Times are text in
-- SQLite's format (UTC, 2006-01-02T15:04:05.000000Z) so that both backends
-- print the same bytes. Names, languages and keys that are sorted or
-- compared compare by bytes (COLLATE "C"), as SQLite's BINARY does, whatever
-- the database's locale. Shipped: never edit, add a new migration instead.

-- A document is a named source text; its versions are the imports of it.
CREATE TABLE documents (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name     text COLLATE "C" NOT NULL UNIQUE CHECK (name <> ''),
    language text COLLATE "C" NOT NULL, -- canonical BCP 47 source language
    created  text NOT NULL             -- UTC, 2006-01-02T15:04:05.000000Z
);

CREATE TABLE versions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id),
    number      bigint NOT NULL CHECK (number >= 1),
    original    bytea NOT NULL,        -- the file's bytes, as imported
    sha256      text NOT NULL,
    metadata    text NOT NULL DEFAULT '{}',   -- JSON object of strings
    created     text NOT NULL,
    UNIQUE (document_id, number)
);

-- A unit is one source text of a document. Versions that keep the text keep
-- the unit (and so its translations); previous_id is the unit a changed unit
-- replaced, whose translation is offered as a suggestion.
CREATE TABLE units (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id),
    source      text NOT NULL,         -- NFC
    words       bigint NOT NULL,
    previous_id bigint REFERENCES units (id)
);
CREATE INDEX units_document ON units (document_id);

-- Where each unit stands in each version: idx is 1-based; start and end are
-- byte offsets of the segment in the decoded text of the version.
CREATE TABLE version_units (
    version_id bigint NOT NULL REFERENCES versions (id),
    idx        bigint NOT NULL CHECK (idx >= 1),
    unit_id    bigint NOT NULL REFERENCES units (id),
    kind       text NOT NULL,
    start      bigint NOT NULL,
    "end"      bigint NOT NULL,
    PRIMARY KEY (version_id, idx)
);
CREATE INDEX version_units_unit ON version_units (unit_id);

-- Every event in the life of a unit's translation into one language. Rows
-- are never updated or deleted: the latest row (highest id) of a unit and
-- language gives its status and target.
CREATE TABLE revisions (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id  bigint NOT NULL REFERENCES units (id),
    language text COLLATE "C" NOT NULL, -- canonical BCP 47 target language
    event    text NOT NULL CHECK (event IN ('revise', 'approve', 'reject')),
    role     text NOT NULL CHECK (role IN ('translator', 'editor', 'pretranslation')),
    status   text NOT NULL CHECK (status IN ('initial', 'translated', 'reviewed', 'final')),
    text     text NOT NULL,            -- NFC; U+E000+n stand for inline codes
    author   text NOT NULL,
    time     text NOT NULL,            -- UTC, 2006-01-02T15:04:05.000000Z
    note     text NOT NULL DEFAULT '',
    codes    text,                     -- JSON: the inline codes, opaque here
    score    double precision,         -- match score, for pre-translation
    origin   text                      -- JSON: where a match came from
);
CREATE INDEX revisions_unit ON revisions (unit_id, language, id);

CREATE FUNCTION revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'revisions are append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER revisions_append_only_update BEFORE UPDATE ON revisions
    FOR EACH ROW EXECUTE FUNCTION revisions_append_only();
CREATE TRIGGER revisions_append_only_delete BEFORE DELETE ON revisions
    FOR EACH ROW EXECUTE FUNCTION revisions_append_only();
CREATE TRIGGER revisions_append_only_truncate BEFORE TRUNCATE ON revisions
    FOR EACH STATEMENT EXECUTE FUNCTION revisions_append_only();

-- The latest revision of each unit in each language.
CREATE VIEW latest_revisions AS
SELECT r.* FROM revisions r
WHERE r.id = (SELECT max(x.id) FROM revisions x
              WHERE x.unit_id = r.unit_id AND x.language = r.language);
