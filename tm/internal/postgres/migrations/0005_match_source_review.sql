-- Migration 5 (PostgreSQL): what a pre-translation was matched against,
-- and approvals that skipped the editor's review; the translation of
-- SQLite's migration 5.
--
-- match_source is the source text of the memory unit a pre-translation
-- came from (NFC; U+E000+n stand for the codes of the revision's codes).
-- review_skipped is 1 on an approval of a unit no editor had reviewed
-- (padan approve --skip-review).
ALTER TABLE revisions ADD COLUMN match_source text;
ALTER TABLE revisions ADD COLUMN review_skipped smallint NOT NULL DEFAULT 0
    CHECK (review_skipped IN (0, 1));

-- The view's r.* was expanded when it was created: recreate it so that it
-- shows the new columns, as SQLite's view (expanded when read) does.
CREATE OR REPLACE VIEW latest_revisions AS
SELECT r.* FROM revisions r
WHERE r.id = (SELECT max(x.id) FROM revisions x
              WHERE x.unit_id = r.unit_id AND x.language = r.language);
