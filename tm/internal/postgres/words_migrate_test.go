package postgres_test

// wordsBefore11 makes the words of memory_entry generated columns again,
// computed by the server's parser, as they were before migration 11.
const wordsBefore11 = `ALTER TABLE memory_entry DROP COLUMN source_words, DROP COLUMN target_words;
	ALTER TABLE memory_entry
		ADD COLUMN source_words tsvector GENERATED ALWAYS AS (to_tsvector('padan_text', source)) STORED,
		ADD COLUMN target_words tsvector GENERATED ALWAYS AS (to_tsvector('padan_text', target)) STORED;
	CREATE INDEX memory_entry_source_words ON memory_entry USING gin (source_words);
	CREATE INDEX memory_entry_target_words ON memory_entry USING gin (target_words)`
