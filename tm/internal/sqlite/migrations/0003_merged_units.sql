-- Migration 3: a revision can mark its unit as merged into another unit,
-- whose translation also covers it (the second source sentence of a 2-1
-- alignment bead). The mark is carried by the revision, not the unit, so
-- that history keeps it and a later revision can undo it: a unit is merged
-- while its latest revision in the language says so.
ALTER TABLE revisions ADD COLUMN merged_into INTEGER REFERENCES units (id)
    CHECK (merged_into <> unit_id);
