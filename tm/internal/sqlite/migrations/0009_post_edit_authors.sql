-- Migration 9: post_edits keeps the authors of a pair's two texts beside
-- its figures, so that `padan stats` reads them there rather than looking
-- up both revisions of every pair. Revisions are never changed, so the
-- authors kept stay true. (SQLite adds a NOT NULL column only with a
-- default; padan always writes both.)
ALTER TABLE post_edits ADD COLUMN translator_author TEXT NOT NULL DEFAULT '';
ALTER TABLE post_edits ADD COLUMN editor_author TEXT NOT NULL DEFAULT '';

UPDATE post_edits SET
    translator_author = (SELECT r.author FROM revisions r WHERE r.id = post_edits.translator_id),
    editor_author = (SELECT r.author FROM revisions r WHERE r.id = post_edits.editor_id);
