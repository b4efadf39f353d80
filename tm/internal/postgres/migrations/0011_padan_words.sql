-- Migration 11 (PostgreSQL): padan, not the server, computes the words of
-- concordance. source_words and target_words were generated columns,
-- to_tsvector('padan_text', …) of the entry's texts: PostgreSQL's parser
-- cut the words its own way (1.5, e-mail addresses, URLs, file paths,
-- hyphenated words), unlike SQLite's FTS5, and computing them cost the
-- import's one server process about 38 µs an entry. They become plain
-- columns that every writer of memory_entry fills with FTS5's tokens
-- (AppendWords in words.go); concordance's tsquery is made of the same
-- tokens (PhraseQuery). The columns keep their GIN indexes.
--
-- After this SQL, in the same transaction, padan recomputes the words of
-- every existing entry (recomputeWords in migrate.go): the values kept by
-- DROP EXPRESSION came from the server's parser. A padan older than this
-- migration refuses the database (it is newer than that binary), so no
-- entry is written without words; NOT NULL makes sure of it.
ALTER TABLE memory_entry
    ALTER COLUMN source_words DROP EXPRESSION,
    ALTER COLUMN target_words DROP EXPRESSION,
    ALTER COLUMN source_words SET NOT NULL,
    ALTER COLUMN target_words SET NOT NULL;
