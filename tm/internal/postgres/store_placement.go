package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// OtherUnits returns the units of a document that a version does not hold.
func (t *tx) OtherUnits(ctx context.Context, documentID, versionID int64) ([]backend.UnitSource, error) {
	var out []backend.UnitSource
	err := t.c.query(ctx, `SELECT u.id, u.source FROM units u WHERE u.document_id = $1
		AND NOT EXISTS (SELECT 1 FROM version_units vu WHERE vu.unit_id = u.id AND vu.version_id = $2)
		ORDER BY u.id`, []any{documentID, versionID}, func(rows pgx.Rows) error {
		var o backend.UnitSource
		if err := rows.Scan(&o.ID, &o.Source); err != nil {
			return err
		}
		out = append(out, o)
		return nil
	})
	return out, err
}

// NewestPlacement returns the newest version (by number) holding a unit,
// and the unit's index there.
func (t *tx) NewestPlacement(ctx context.Context, unitID int64) (int64, int, bool, error) {
	var versionID int64
	var idx int
	found, err := t.c.queryRow(ctx, `SELECT vu.version_id, vu.idx FROM version_units vu
		JOIN versions v ON v.id = vu.version_id WHERE vu.unit_id = $1 ORDER BY v.number DESC LIMIT 1`,
		[]any{unitID}, &versionID, &idx)
	return versionID, idx, found, err
}
