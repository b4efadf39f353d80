-- Migration 2 (PostgreSQL): the memory that lookups read, the translation
-- of SQLite's migration 2: entries and their inverted token index (plain
-- tables, as on SQLite, so that lookups lose nothing), and the full-text
-- index of concordance searches (tsvector columns instead of FTS5).

-- memory_pair numbers the language pairs, so that postings are kept per
-- pair.
CREATE TABLE memory_pair (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_lang text COLLATE "C" NOT NULL,
    target_lang text COLLATE "C" NOT NULL,
    UNIQUE (source_lang, target_lang)
);

-- padan_text is the text search configuration of concordance: "simple"
-- (lower case, no stemming, no stop words) with unaccent before it, so that
-- searches ignore case and diacritics as FTS5's "unicode61
-- remove_diacritics 2" does. unaccent ships with PostgreSQL (Debian's
-- postgresql-15); it is created when it is missing and the role may, and is
-- used from whatever schema holds it. Without it searches still ignore case
-- but not diacritics.
CREATE TEXT SEARCH CONFIGURATION padan_text (COPY = pg_catalog.simple);
DO $$
DECLARE
    ext_schema text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent')
       AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') THEN
        BEGIN
            CREATE EXTENSION unaccent;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'padan: no right to create the extension unaccent';
        END;
    END IF;
    SELECT n.nspname INTO ext_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'unaccent';
    IF ext_schema IS NOT NULL THEN
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION padan_text
            ALTER MAPPING FOR asciiword, word, numword,
                hword_asciipart, hword_part, hword_numpart
            WITH %I.unaccent, simple', ext_schema);
    END IF;
END;
$$;
-- A hyphenated word (pemerintah-daerah, anak-anak) is indexed as its parts
-- only, as FTS5 does, so that "kebijakan pemerintah" finds "kebijakan
-- pemerintah-daerah".
ALTER TEXT SEARCH CONFIGURATION padan_text DROP MAPPING FOR asciihword, hword, numhword;

-- memory_entry holds one translation unit of the memory. hash (the first
-- 16 bytes of SHA-256 over languages, source, target and codes) makes
-- re-imports idempotent; nkeys is the number of the source's scoring
-- tokens (see memory_keys). context is a hash of the previous and next
-- source units in the document, for context matches (NULL when unknown).
-- Identity values are never reused: postings may outlive an entry.
CREATE TABLE memory_entry (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pair        bigint NOT NULL REFERENCES memory_pair (id),
    hash        bytea NOT NULL UNIQUE,
    source      text NOT NULL,
    target      text NOT NULL,
    codes       text NOT NULL DEFAULT '',
    origin      text NOT NULL,            -- 'document' or 'import'
    file        text NOT NULL DEFAULT '', -- the imported file's name
    unit_id     bigint REFERENCES units (id), -- origin 'document'
    document    text NOT NULL DEFAULT '',
    segment     text NOT NULL DEFAULT '',
    author      text NOT NULL DEFAULT '',
    role        text NOT NULL DEFAULT '',
    status      text NOT NULL DEFAULT '',
    time        text NOT NULL DEFAULT '', -- UTC, 2006-01-02T15:04:05.000000Z
    context     bytea,
    nkeys       bigint NOT NULL,
    -- The concordance index: the words of source and target.
    source_words tsvector GENERATED ALWAYS AS (to_tsvector('padan_text', source)) STORED,
    target_words tsvector GENERATED ALWAYS AS (to_tsvector('padan_text', target)) STORED
);
CREATE INDEX memory_entry_source_words ON memory_entry USING gin (source_words);
CREATE INDEX memory_entry_target_words ON memory_entry USING gin (target_words);

-- memory_keys holds the ids of each entry's scoring tokens (memory_token),
-- in order, as unsigned varints: the verification of a candidate reads
-- this narrow table, not the entry with its texts.
CREATE TABLE memory_keys (
    id   bigint PRIMARY KEY REFERENCES memory_entry (id) ON DELETE CASCADE,
    keys bytea NOT NULL
);

-- A document's unit has at most one entry per language pair: its latest
-- reviewed or final translation.
CREATE UNIQUE INDEX memory_entry_unit ON memory_entry (unit_id, pair)
    WHERE unit_id IS NOT NULL;

-- memory_token is the dictionary of token keys with their document
-- frequency (the number of entries holding the key), which orders the
-- prefix filter rarest first. The key '' stands for "no keys at all".
CREATE TABLE memory_token (
    id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key text COLLATE "C" NOT NULL UNIQUE,
    df  bigint NOT NULL DEFAULT 0
);

-- memory_posting is the inverted index: for a language pair, a token and a
-- key count (len), blocks of entry ids in increasing order, delta-coded as
-- unsigned varints; first is the block's first id. Keying by len makes the
-- length filter a range scan.
CREATE TABLE memory_posting (
    pair  bigint NOT NULL,
    token bigint NOT NULL,
    len   bigint NOT NULL,
    first bigint NOT NULL,
    ids   bytea NOT NULL,
    PRIMARY KEY (pair, token, len, first)
);
