-- Migration 10 (PostgreSQL): an import no longer checks, row by row, two
-- references that padan itself keeps true. A foreign key costs a query per
-- row written (a lookup of the referenced row, which it also locks); in an
-- import's COPY that was about 7 µs of the server's time per entry for
-- each of these two, some 10% of the import (BenchmarkEntryCopy, steps
-- pair_fk and keys_fk):
--   - memory_keys.id → memory_entry: padan writes an entry's key list in
--     the transaction that writes the entry, with the entry's id, and
--     deletes both together (DeleteEntry).
--   - memory_entry.pair → memory_pair: an entry's pair is the id padan has
--     just read or created in the same transaction; pairs are never
--     deleted.
-- `padan db check` counts key lists of no entry and entries of no pair.
-- The reference of memory_entry.unit_id to units stays: an import writes
-- NULL there, which costs nothing, and document units are written by
-- other code.
ALTER TABLE memory_keys DROP CONSTRAINT memory_keys_id_fkey;
ALTER TABLE memory_entry DROP CONSTRAINT memory_entry_pair_fkey;
