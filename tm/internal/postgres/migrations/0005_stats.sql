-- Migration 5 (PostgreSQL): what `padan stats` reads, kept up to date as
-- revisions and versions are written (by the triggers below), so that it
-- answers without a pass over a document's units and revisions; the
-- translation of SQLite's migration 5, with the same tables and columns.
-- The triggers run once per statement, over all the rows it inserted (a
-- transition table): a trigger per row would update the same counter row
-- once per revision, and PostgreSQL keeps every version of a row a
-- transaction updates, so a million revisions would cost a million times a
-- growing chain. padan's writers take turns (an advisory lock), so a
-- revision with a higher id is always written after one with a lower.

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

-- New revisions: each unit whose latest revision in a language changes
-- leaves its old status in every version that holds it and enters the new
-- one (several revisions of a unit in one statement count as their last);
-- then the unit's latest revisions, and the document's languages.
CREATE FUNCTION padan_revisions_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH last AS (
        SELECT DISTINCT ON (unit_id, language) unit_id, language, status
        FROM new_revisions ORDER BY unit_id, language, id DESC
    ), moves AS (
        SELECT unit_id, language, status, 1 AS n FROM last
        UNION ALL
        SELECT l.unit_id, l.language, l.status, -1 FROM last JOIN unit_latest l USING (unit_id, language)
    )
    INSERT INTO version_stats (version_id, language, status, units, words)
    SELECT v.version_id, m.language, m.status, sum(m.n), sum(m.n * u.words)
    FROM moves m JOIN units u ON u.id = m.unit_id
    JOIN LATERAL (SELECT DISTINCT vu.version_id FROM version_units vu WHERE vu.unit_id = m.unit_id) v ON true
    GROUP BY v.version_id, m.language, m.status
    HAVING sum(m.n) <> 0
    ON CONFLICT (version_id, language, status) DO UPDATE
        SET units = version_stats.units + excluded.units, words = version_stats.words + excluded.words;

    INSERT INTO unit_latest (unit_id, language, revision_id, status, translator_id, editor_id)
    SELECT l.unit_id, l.language, l.id, l.status, r.translator_id, r.editor_id
    FROM (SELECT DISTINCT ON (unit_id, language) unit_id, language, id, status
          FROM new_revisions ORDER BY unit_id, language, id DESC) l
    JOIN (SELECT unit_id, language,
              max(id) FILTER (WHERE event = 'revise' AND role <> 'editor') AS translator_id,
              max(id) FILTER (WHERE event = 'revise' AND role = 'editor') AS editor_id
          FROM new_revisions GROUP BY unit_id, language) r USING (unit_id, language)
    ON CONFLICT (unit_id, language) DO UPDATE
        SET revision_id = excluded.revision_id, status = excluded.status,
            translator_id = coalesce(excluded.translator_id, unit_latest.translator_id),
            editor_id = coalesce(excluded.editor_id, unit_latest.editor_id);

    INSERT INTO document_languages (document_id, language)
    SELECT DISTINCT u.document_id, n.language FROM new_revisions n JOIN units u ON u.id = n.unit_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER revisions_stats AFTER INSERT ON revisions
    REFERENCING NEW TABLE AS new_revisions
    FOR EACH STATEMENT EXECUTE FUNCTION padan_revisions_stats();

-- Units placed in a version: the version's totals, and, for each unit
-- placed in it for the first time (not before this statement, and once
-- however often this statement places it), the statuses the unit already
-- has.
CREATE FUNCTION padan_version_units_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO version_totals (version_id, units, words)
    SELECT n.version_id, count(*), sum(u.words) FROM new_places n JOIN units u ON u.id = n.unit_id
    GROUP BY n.version_id
    ON CONFLICT (version_id) DO UPDATE
        SET units = version_totals.units + excluded.units, words = version_totals.words + excluded.words;

    -- (Only units with revisions; a unit's placements are read by unit
    -- only, a few rows, whatever the planner guesses of the new rows.)
    WITH placed AS MATERIALIZED (
        SELECT n.version_id, n.unit_id, count(*) AS n FROM new_places n
        WHERE EXISTS (SELECT 1 FROM unit_latest l WHERE l.unit_id = n.unit_id)
        GROUP BY n.version_id, n.unit_id
    ), first AS MATERIALIZED (
        SELECT p.version_id, p.unit_id FROM placed p
        WHERE p.n = (SELECT count(*) FILTER (WHERE x.version_id = p.version_id) FROM version_units x WHERE x.unit_id = p.unit_id)
    )
    INSERT INTO version_stats (version_id, language, status, units, words)
    SELECT f.version_id, l.language, l.status, count(*), sum(u.words)
    FROM first f JOIN unit_latest l ON l.unit_id = f.unit_id JOIN units u ON u.id = f.unit_id
    GROUP BY f.version_id, l.language, l.status
    ON CONFLICT (version_id, language, status) DO UPDATE
        SET units = version_stats.units + excluded.units, words = version_stats.words + excluded.words;
    RETURN NULL;
END $$;
CREATE TRIGGER version_units_stats AFTER INSERT ON version_units
    REFERENCING NEW TABLE AS new_places
    FOR EACH STATEMENT EXECUTE FUNCTION padan_version_units_stats();
