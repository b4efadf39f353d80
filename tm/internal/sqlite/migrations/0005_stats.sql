-- Migration 5: what `padan stats` reads, kept up to date as revisions and
-- versions are written, so that it answers without a pass over a
-- document's units and revisions.

-- unit_latest is each unit's latest revision in each language: its id and
-- status, and the unit's latest text revisions by a translator (or
-- pre-translation) and by an editor, which the post-edit figures compare.
CREATE TABLE unit_latest (
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    language      TEXT NOT NULL,
    revision_id   INTEGER NOT NULL,
    status        TEXT NOT NULL,
    translator_id INTEGER,
    editor_id     INTEGER,
    PRIMARY KEY (unit_id, language)
) STRICT, WITHOUT ROWID;
CREATE INDEX unit_latest_edited ON unit_latest (language, unit_id)
    WHERE translator_id IS NOT NULL AND editor_id IS NOT NULL;

-- version_totals counts the units (places) of each version and their
-- source words.
CREATE TABLE version_totals (
    version_id INTEGER PRIMARY KEY REFERENCES versions (id),
    units      INTEGER NOT NULL,
    words      INTEGER NOT NULL
) STRICT;

-- version_stats counts the distinct units of each version, and their source
-- words, by language and status of their latest revision (a unit with no
-- revision in a language is not counted there).
CREATE TABLE version_stats (
    version_id INTEGER NOT NULL REFERENCES versions (id),
    language   TEXT NOT NULL,
    status     TEXT NOT NULL,
    units      INTEGER NOT NULL,
    words      INTEGER NOT NULL,
    PRIMARY KEY (version_id, language, status)
) STRICT, WITHOUT ROWID;

-- document_languages lists the languages each document has revisions in.
CREATE TABLE document_languages (
    document_id INTEGER NOT NULL REFERENCES documents (id),
    language    TEXT NOT NULL,
    PRIMARY KEY (document_id, language)
) STRICT, WITHOUT ROWID;

-- post_edits holds the post-edit figures (see worddiff.Figures) of a
-- translator's text revision against an editor's, written by padan when
-- the pair becomes a unit's latest; classes is a JSON object of change
-- counts by class name.
CREATE TABLE post_edits (
    translator_id INTEGER NOT NULL REFERENCES revisions (id),
    editor_id     INTEGER NOT NULL REFERENCES revisions (id),
    changed       INTEGER NOT NULL,
    insertions    INTEGER NOT NULL,
    deletions     INTEGER NOT NULL,
    substitutions INTEGER NOT NULL,
    shifts        INTEGER NOT NULL,
    words         INTEGER NOT NULL,
    ter           REAL NOT NULL,
    similarity    REAL NOT NULL,
    classes       TEXT NOT NULL,
    approximate   INTEGER NOT NULL,
    PRIMARY KEY (translator_id, editor_id)
) STRICT, WITHOUT ROWID;

-- The figures of the database as it is.
INSERT INTO unit_latest (unit_id, language, revision_id, status, translator_id, editor_id)
SELECT r.unit_id, r.language, r.id, r.status,
    (SELECT max(t.id) FROM revisions t WHERE t.unit_id = r.unit_id AND t.language = r.language
        AND t.event = 'revise' AND t.role <> 'editor'),
    (SELECT max(e.id) FROM revisions e WHERE e.unit_id = r.unit_id AND e.language = r.language
        AND e.event = 'revise' AND e.role = 'editor')
FROM revisions r WHERE r.id IN (SELECT max(id) FROM revisions GROUP BY unit_id, language);

INSERT INTO version_totals (version_id, units, words)
SELECT vu.version_id, count(*), coalesce(sum(u.words), 0)
FROM version_units vu JOIN units u ON u.id = vu.unit_id GROUP BY vu.version_id;

INSERT INTO version_stats (version_id, language, status, units, words)
SELECT vu.version_id, l.language, l.status, count(*), coalesce(sum(u.words), 0)
FROM (SELECT DISTINCT version_id, unit_id FROM version_units) vu
JOIN unit_latest l ON l.unit_id = vu.unit_id JOIN units u ON u.id = vu.unit_id
GROUP BY vu.version_id, l.language, l.status;

INSERT INTO document_languages (document_id, language)
SELECT DISTINCT u.document_id, l.language FROM unit_latest l JOIN units u ON u.id = l.unit_id;

-- A new revision moves its unit from status to status in these tables:
-- the backend does it (Tx.InsertRevisions), a batch of revisions at a time,
-- which costs far less than a trigger run for each row.

-- A unit placed in a version: the version's totals, and, the first time
-- the unit is placed in it, the statuses the unit already has.
CREATE TRIGGER version_units_stats AFTER INSERT ON version_units
BEGIN
    INSERT INTO version_totals (version_id, units, words)
    SELECT NEW.version_id, 1, words FROM units WHERE id = NEW.unit_id
    ON CONFLICT (version_id) DO UPDATE SET units = units + 1, words = words + excluded.words;
    INSERT INTO version_stats (version_id, language, status, units, words)
    SELECT NEW.version_id, l.language, l.status, 1, u.words
    FROM unit_latest l JOIN units u ON u.id = l.unit_id
    WHERE l.unit_id = NEW.unit_id AND NOT EXISTS (SELECT 1 FROM version_units x
        WHERE x.version_id = NEW.version_id AND x.unit_id = NEW.unit_id AND x.idx <> NEW.idx)
    ON CONFLICT (version_id, language, status) DO UPDATE SET units = units + 1, words = words + excluded.words;
END;
