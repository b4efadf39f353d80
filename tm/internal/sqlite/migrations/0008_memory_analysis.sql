-- Migration 8: the version of the analysis (internal/fuzzy.AnalysisVersion)
-- that computed the keys of the memory index. The keys of every database
-- before this migration were computed by version 1; padan rebuilds the index
-- of a memory whose version is older than its own, and records its own.
CREATE TABLE memory_analysis (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	version INTEGER NOT NULL
) STRICT;

INSERT INTO memory_analysis (id, version) VALUES (1, 1);
