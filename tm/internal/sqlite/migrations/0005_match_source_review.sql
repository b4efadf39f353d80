-- Migration 5: what a pre-translation was matched against, and approvals
-- that skipped the editor's review.
--
-- match_source is the source text of the memory unit a pre-translation
-- came from (NFC; U+E000+n stand for the codes of the revision's codes),
-- so that a translator sees which words differed from the unit's source.
-- review_skipped is 1 on an approval of a unit no editor had reviewed
-- (padan approve --skip-review): history shows it.
ALTER TABLE revisions ADD COLUMN match_source TEXT;
ALTER TABLE revisions ADD COLUMN review_skipped INTEGER NOT NULL DEFAULT 0
    CHECK (review_skipped IN (0, 1));
