-- Migration 6: the desk's term base. One row per source term and
-- translation, with the translation's status (forbidden translations are
-- rows too), who added it and when. Re-adding a pair changes its status
-- and note, not who added it.
CREATE TABLE terms (
    id          INTEGER PRIMARY KEY,
    source_lang TEXT NOT NULL,           -- canonical BCP 47
    target_lang TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source <> ''),   -- NFC
    target      TEXT NOT NULL CHECK (target <> ''),
    status      TEXT NOT NULL CHECK (status IN ('preferred', 'admitted', 'forbidden')),
    note        TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL,
    created     TEXT NOT NULL,           -- UTC, 2006-01-02T15:04:05.000000Z
    UNIQUE (source_lang, target_lang, source, target)
) STRICT;
