-- Migration 5 (PostgreSQL): what `padan stats` reads, kept up to date as
-- revisions and versions are written (by the triggers below), so that it
-- answers without a pass over a document's units and revisions; the
-- translation of SQLite's migration 5, with the same tables and columns.
-- Concurrent writers of one unit queue on its unit_latest row, and a
-- revision counts only if it is the unit's latest (the highest id), so the
-- counts stay exact whatever order transactions commit in.

-- unit_latest is each unit's latest revision in each language: its id and
-- status, and the unit's latest text revisions by a translator (or
-- pre-translation) and by an editor, which the post-edit figures compare.
CREATE TABLE unit_latest (
    unit_id       bigint NOT NULL REFERENCES units (id),
    language      text COLLATE "C" NOT NULL,
    revision_id   bigint NOT NULL,
    status        text NOT NULL,
    translator_id bigint,
    editor_id     bigint,
    PRIMARY KEY (unit_id, language)
);
CREATE INDEX unit_latest_edited ON unit_latest (language, unit_id)
    WHERE translator_id IS NOT NULL AND editor_id IS NOT NULL;

-- version_totals counts the units (places) of each version and their
-- source words.
CREATE TABLE version_totals (
    version_id bigint PRIMARY KEY REFERENCES versions (id),
    units      bigint NOT NULL,
    words      bigint NOT NULL
);

-- version_stats counts the distinct units of each version, and their source
-- words, by language and status of their latest revision.
CREATE TABLE version_stats (
    version_id bigint NOT NULL REFERENCES versions (id),
    language   text COLLATE "C" NOT NULL,
    status     text NOT NULL,
    units      bigint NOT NULL,
    words      bigint NOT NULL,
    PRIMARY KEY (version_id, language, status)
);

-- document_languages lists the languages each document has revisions in.
CREATE TABLE document_languages (
    document_id bigint NOT NULL REFERENCES documents (id),
    language    text COLLATE "C" NOT NULL,
    PRIMARY KEY (document_id, language)
);

-- post_edits holds the post-edit figures of a translator's text revision
-- against an editor's, written by padan when the pair becomes a unit's
-- latest; classes is a JSON object of change counts by class name.
CREATE TABLE post_edits (
    translator_id bigint NOT NULL REFERENCES revisions (id),
    editor_id     bigint NOT NULL REFERENCES revisions (id),
    changed       boolean NOT NULL,
    insertions    bigint NOT NULL,
    deletions     bigint NOT NULL,
    substitutions bigint NOT NULL,
    shifts        bigint NOT NULL,
    words         bigint NOT NULL,
    ter           double precision NOT NULL,
    similarity    double precision NOT NULL,
    classes       text NOT NULL,
    approximate   boolean NOT NULL,
    PRIMARY KEY (translator_id, editor_id)
);

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

-- A new revision: if it is the unit's latest, the unit leaves its old
-- status in every version that holds it and enters the new one.
CREATE FUNCTION padan_revisions_stats() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_id     bigint;
    old_status text;
    w          bigint;
BEGIN
    SELECT words INTO w FROM units WHERE id = NEW.unit_id;
    INSERT INTO unit_latest (unit_id, language, revision_id, status)
    VALUES (NEW.unit_id, NEW.language, 0, '') ON CONFLICT DO NOTHING;
    SELECT revision_id, status INTO old_id, old_status FROM unit_latest
    WHERE unit_id = NEW.unit_id AND language = NEW.language FOR UPDATE;
    IF NEW.id > old_id THEN
        IF old_status <> '' THEN
            UPDATE version_stats SET units = units - 1, words = words - w
            WHERE language = NEW.language AND status = old_status
                AND version_id IN (SELECT version_id FROM version_units WHERE unit_id = NEW.unit_id);
        END IF;
        INSERT INTO version_stats (version_id, language, status, units, words)
        SELECT DISTINCT vu.version_id, NEW.language, NEW.status, 1::bigint, w FROM version_units vu WHERE vu.unit_id = NEW.unit_id
        ON CONFLICT (version_id, language, status) DO UPDATE
            SET units = version_stats.units + 1, words = version_stats.words + excluded.words;
        UPDATE unit_latest SET revision_id = NEW.id, status = NEW.status
        WHERE unit_id = NEW.unit_id AND language = NEW.language;
    END IF;
    IF NEW.event = 'revise' AND NEW.role <> 'editor' THEN
        UPDATE unit_latest SET translator_id = greatest(translator_id, NEW.id)
        WHERE unit_id = NEW.unit_id AND language = NEW.language;
    ELSIF NEW.event = 'revise' THEN
        UPDATE unit_latest SET editor_id = greatest(editor_id, NEW.id)
        WHERE unit_id = NEW.unit_id AND language = NEW.language;
    END IF;
    INSERT INTO document_languages (document_id, language)
    SELECT document_id, NEW.language FROM units WHERE id = NEW.unit_id ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER revisions_stats AFTER INSERT ON revisions
    FOR EACH ROW EXECUTE FUNCTION padan_revisions_stats();

-- A unit placed in a version: the version's totals, and, the first time
-- the unit is placed in it, the statuses the unit already has.
CREATE FUNCTION padan_version_units_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO version_totals (version_id, units, words)
    SELECT NEW.version_id, 1, words FROM units WHERE id = NEW.unit_id
    ON CONFLICT (version_id) DO UPDATE
        SET units = version_totals.units + 1, words = version_totals.words + excluded.words;
    INSERT INTO version_stats (version_id, language, status, units, words)
    SELECT NEW.version_id, l.language, l.status, 1, u.words
    FROM unit_latest l JOIN units u ON u.id = l.unit_id
    WHERE l.unit_id = NEW.unit_id AND l.status <> '' AND NOT EXISTS (SELECT 1 FROM version_units x
        WHERE x.version_id = NEW.version_id AND x.unit_id = NEW.unit_id AND x.idx <> NEW.idx)
    ON CONFLICT (version_id, language, status) DO UPDATE
        SET units = version_stats.units + 1, words = version_stats.words + excluded.words;
    RETURN NULL;
END $$;
CREATE TRIGGER version_units_stats AFTER INSERT ON version_units
    FOR EACH ROW EXECUTE FUNCTION padan_version_units_stats();
