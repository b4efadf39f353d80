-- Migration 3 (PostgreSQL): a revision can mark its unit as merged into
-- another unit, whose translation also covers it (the second source
-- sentence of a 2-1 alignment bead); the translation of SQLite's migration
-- 3. The mark is carried by the revision, not the unit, so that history
-- keeps it and a later revision can undo it: a unit is merged while its
-- latest revision in the language says so.
ALTER TABLE revisions ADD COLUMN merged_into bigint REFERENCES units (id)
    CHECK (merged_into <> unit_id);

-- The view's r.* was expanded when it was created: recreate it so that it
-- shows the new column, as SQLite's view (expanded when read) does.
CREATE OR REPLACE VIEW latest_revisions AS
SELECT r.* FROM revisions r
WHERE r.id = (SELECT max(x.id) FROM revisions x
              WHERE x.unit_id = r.unit_id AND x.language = r.language);
