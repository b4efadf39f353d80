-- Migration 10: nothing changes on SQLite. PostgreSQL's migration 10 drops two
-- foreign keys that slowed its imports; SQLite's schema keeps them, and
-- takes this number so that both backends' schema versions stay equal
-- (`padan db copy` copies only between databases at the same version).
SELECT 1;
