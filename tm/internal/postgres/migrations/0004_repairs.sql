-- Migration 4 (PostgreSQL): the record of the repairs that `padan db check
-- --repair` made to stored values holding characters that the store no
-- longer accepts; the translation of SQLite's migration 4. A repair is the
-- one deliberate exception to the append-only rule of revisions; each one
-- leaves a row here, with what it changed.
CREATE TABLE repairs (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time    text NOT NULL,            -- UTC, 2006-01-02T15:04:05.000000Z
    author  text NOT NULL,
    changes bigint NOT NULL,          -- how many values were rewritten
    report  text NOT NULL             -- JSON: the values, before and after
);
