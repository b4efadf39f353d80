-- Migration 8 (PostgreSQL): the version of the analysis
-- (internal/fuzzy.AnalysisVersion) that computed the keys of the memory
-- index, the translation of SQLite's migration 8. The keys of every
-- database before this migration were computed by version 1; padan rebuilds
-- the index of a memory whose version is older than its own, and records
-- its own.
CREATE TABLE memory_analysis (
    id      integer PRIMARY KEY CHECK (id = 1),
    version integer NOT NULL
);

INSERT INTO memory_analysis (id, version) VALUES (1, 1);
