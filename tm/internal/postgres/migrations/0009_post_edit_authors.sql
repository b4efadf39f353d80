-- Migration 9 (PostgreSQL): post_edits keeps the authors of a pair's two
-- texts beside its figures, so that `padan stats` reads them there rather
-- than looking up both revisions of every pair (half of its server time at
-- 100,000 pairs). Revisions are never changed, so the authors kept stay
-- true. The translation of SQLite's migration 9; here the columns have no
-- default once the pairs kept so far have their authors, so that a write
-- without them fails.
ALTER TABLE post_edits
    ADD COLUMN translator_author text NOT NULL DEFAULT '',
    ADD COLUMN editor_author     text NOT NULL DEFAULT '';

UPDATE post_edits p SET translator_author = t.author, editor_author = e.author
FROM revisions t, revisions e
WHERE t.id = p.translator_id AND e.id = p.editor_id;

ALTER TABLE post_edits
    ALTER COLUMN translator_author DROP DEFAULT,
    ALTER COLUMN editor_author DROP DEFAULT;
