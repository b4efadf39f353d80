-- Migration 6 (PostgreSQL): the desk's term base; the translation of
-- SQLite's migration 6. One row per source term and translation, with the
-- translation's status, who added it and when.
CREATE TABLE terms (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_lang text NOT NULL,           -- canonical BCP 47
    target_lang text NOT NULL,
    source      text NOT NULL CHECK (source <> ''),   -- NFC
    target      text NOT NULL CHECK (target <> ''),
    status      text NOT NULL CHECK (status IN ('preferred', 'admitted', 'forbidden')),
    note        text NOT NULL DEFAULT '',
    author      text NOT NULL,
    created     text NOT NULL,           -- UTC, 2006-01-02T15:04:05.000000Z
    UNIQUE (source_lang, target_lang, source, target)
);
