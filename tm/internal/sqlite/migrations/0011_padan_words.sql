-- Migration 11: nothing changes on SQLite. PostgreSQL's migration 11 has
-- padan compute the words of concordance (FTS5's tokens, which SQLite's
-- memory_text index already uses) instead of the server's parser; SQLite
-- takes this number so that both backends' schema versions stay equal
-- (`padan db copy` copies only between databases at the same version).
SELECT 1;
