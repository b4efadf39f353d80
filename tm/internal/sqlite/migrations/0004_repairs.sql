-- Migration 4: the record of the repairs that `padan db check --repair`
-- made to stored values holding characters that the store no longer
-- accepts (control characters in names and notes, bytes that are not
-- UTF-8). A repair is the one deliberate exception to the append-only rule
-- of revisions; each one leaves a row here, with what it changed.
CREATE TABLE repairs (
    id      INTEGER PRIMARY KEY,
    time    TEXT NOT NULL,            -- UTC, 2006-01-02T15:04:05.000000Z
    author  TEXT NOT NULL,
    changes INTEGER NOT NULL,         -- how many values were rewritten
    report  TEXT NOT NULL             -- JSON: the values, before and after
) STRICT;
