package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// maxLineage bounds the units a lineage follows: a document re-imported
// that many times with the same unit changed each time is beyond any use,
// and a bound keeps a corrupt link from looping.
const maxLineage = 10000

// UnitLineage follows a unit's previous links, one indexed query per unit
// for its source and link, one for its places and one for its revisions.
// Previous units are always older (their ids smaller), which the walk
// checks, so that a corrupt link cannot loop.
func (t *tx) UnitLineage(ctx context.Context, unitID int64, lang string) ([]backend.LineageRow, error) {
	var out []backend.LineageRow
	for id := unitID; id != 0; {
		if len(out) == maxLineage {
			return nil, fmt.Errorf("unit %d: lineage longer than %d units", unitID, maxLineage)
		}
		var prev sql.NullInt64
		r := backend.LineageRow{UnitID: id}
		s, err := t.stmt(ctx, `SELECT source, previous_id FROM units WHERE id = ?`)
		if err != nil {
			return nil, err
		}
		if err := s.QueryRowContext(ctx, id).Scan(&r.Source, &prev); err != nil {
			return nil, fmt.Errorf("unit %d: %w", id, err)
		}
		if r.Places, err = t.places(ctx, id); err != nil {
			return nil, fmt.Errorf("unit %d: %w", id, err)
		}
		if r.Revisions, err = t.unitRevisions(ctx, id, lang); err != nil {
			return nil, fmt.Errorf("unit %d: %w", id, err)
		}
		out = append(out, r)
		if prev.Valid && prev.Int64 >= id {
			return nil, fmt.Errorf("unit %d: previous unit %d is not older", id, prev.Int64)
		}
		id = prev.Int64
	}
	return out, nil
}

// places returns the versions that place a unit, oldest first.
func (t *tx) places(ctx context.Context, unitID int64) ([]backend.LineagePlace, error) {
	s, err := t.stmt(ctx, `SELECT v.number, v.created, vu.idx FROM version_units vu JOIN versions v ON v.id = vu.version_id
		WHERE vu.unit_id = ? ORDER BY v.number, vu.idx`)
	if err != nil {
		return nil, err
	}
	rows, err := s.QueryContext(ctx, unitID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []backend.LineagePlace
	for rows.Next() {
		var p backend.LineagePlace
		if err := rows.Scan(&p.Version, &p.Created, &p.Index); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// unitRevisions returns a unit's revisions in lang, oldest first.
func (t *tx) unitRevisions(ctx context.Context, unitID int64, lang string) ([]backend.RevisionRow, error) {
	s, err := t.stmt(ctx, `SELECT id, event, role, status, text, author, time, note, codes, score, origin, merged_into,
			match_source, review_skipped
		FROM revisions WHERE unit_id = ? AND language = ? ORDER BY id`)
	if err != nil {
		return nil, err
	}
	rows, err := s.QueryContext(ctx, unitID, lang)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []backend.RevisionRow
	var rv row
	for rows.Next() {
		if err := rv.scan(rows, 14); err != nil {
			return nil, err
		}
		r := backend.RevisionRow{ID: int64(rv.int(0)), UnitID: unitID, Language: lang, Event: rv.str(1), Role: rv.str(2),
			Status: rv.str(3), Text: rv.str(4), Author: rv.str(5), Time: rv.str(6), Note: rv.str(7), Codes: rv.str(8),
			Origin: rv.str(10), MergedInto: int64(rv.int(11)), Merges: rv.v[11] != nil,
			MatchSource: rv.str(12), ReviewSkipped: rv.int(13) != 0}
		r.Score, r.HasScore = rv.v[9].(float64)
		out = append(out, r)
	}
	return out, rows.Err()
}
