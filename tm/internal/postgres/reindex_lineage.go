package postgres

// The rebuild of the memory index for a new analysis
// (backend.MemoryReader.AnalysisVersion; backend.MemoryTx.EntrySources,
// ClearIndex, SetNKeys, SetAnalysisVersion) and a unit's lineage for its
// history across versions (backend.Tx.UnitLineage).

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// AnalysisVersion returns the version of the analysis that computed the
// stored keys. Every open of a store reads it once: the statement is sent
// whole (the simple protocol), in one round trip where preparing it would
// take two.
func (m *memory) AnalysisVersion(ctx context.Context) (int, error) {
	var v int
	_, err := m.queryRow(ctx, 0, `SELECT version FROM memory_analysis WHERE id = 1`,
		[]any{pgx.QueryExecModeSimpleProtocol}, &v)
	return v, err
}

// SetAnalysisVersion records the version of the analysis that computed the
// stored keys.
func (m *memory) SetAnalysisVersion(ctx context.Context, v int) error {
	return m.exec(ctx, 0, `UPDATE memory_analysis SET version = $1 WHERE id = 1`, v)
}

// EntrySources returns at most limit entries whose id is above after, by id.
func (m *memory) EntrySources(ctx context.Context, after int64, limit int) ([]backend.SourceRow, error) {
	var out []backend.SourceRow
	err := m.query(ctx, entryTable, `SELECT id, pair, source, nkeys FROM memory_entry WHERE id > $1 ORDER BY id LIMIT $2`,
		[]any{after, limit}, func(rows pgx.Rows) error {
			var r backend.SourceRow
			if err := rows.Scan(&r.ID, &r.Pair, &r.Source, &r.NKeys); err != nil {
				return err
			}
			out = append(out, r)
			return nil
		})
	return out, err
}

// ClearIndex removes every posting, key list and token (those waiting to be
// copied too); the entries stay.
func (m *memory) ClearIndex(ctx context.Context) error {
	m.c.mu.Lock()
	defer m.c.mu.Unlock()
	if err := m.flush(ctx, entryTable); err != nil {
		return err
	}
	m.keys, m.postings, m.tokens = m.keys[:0], m.postings[:0], m.tokens[:0]
	for _, table := range []string{"memory_posting", "memory_keys", "memory_token"} {
		if _, err := m.c.q.Exec(ctx, `DELETE FROM `+table); err != nil {
			return fmt.Errorf("clear %s: %w", table, err)
		}
	}
	return nil
}

// SetNKeys sets the key count of an entry.
func (m *memory) SetNKeys(ctx context.Context, id int64, n int) error {
	return m.exec(ctx, entryTable, `UPDATE memory_entry SET nkeys = $1 WHERE id = $2`, n, id)
}

// maxLineage bounds the units a lineage follows (see the SQLite backend).
const maxLineage = 10000

// UnitLineage follows a unit's previous links; previous units are older
// (smaller ids), which the walk checks.
func (t *tx) UnitLineage(ctx context.Context, unitID int64, lang string) ([]backend.LineageRow, error) {
	var out []backend.LineageRow
	for id := unitID; id != 0; {
		if len(out) == maxLineage {
			return nil, fmt.Errorf("unit %d: lineage longer than %d units", unitID, maxLineage)
		}
		r := backend.LineageRow{UnitID: id}
		var prev *int64
		found, err := t.c.queryRow(ctx, `SELECT source, previous_id FROM units WHERE id = $1`, []any{id}, &r.Source, &prev)
		if err != nil {
			return nil, fmt.Errorf("unit %d: %w", id, err)
		}
		if !found {
			return nil, fmt.Errorf("unit %d: not found", id)
		}
		err = t.c.query(ctx, `SELECT v.number, v.created, vu.idx FROM version_units vu JOIN versions v ON v.id = vu.version_id
			WHERE vu.unit_id = $1 ORDER BY v.number, vu.idx`, []any{id}, func(rows pgx.Rows) error {
			var p backend.LineagePlace
			if err := rows.Scan(&p.Version, &p.Created, &p.Index); err != nil {
				return err
			}
			r.Places = append(r.Places, p)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("unit %d: %w", id, err)
		}
		err = t.c.query(ctx, `SELECT id, event, role, status, text, author, time, note, codes, score, origin, merged_into,
				match_source, review_skipped
			FROM revisions WHERE unit_id = $1 AND language = $2 ORDER BY id`, []any{id, lang}, func(rows pgx.Rows) error {
			rv := backend.RevisionRow{UnitID: id, Language: lang}
			var codes, origin, msource *string
			var score *float64
			var merged *int64
			var skipped *int16
			if err := rows.Scan(&rv.ID, &rv.Event, &rv.Role, &rv.Status, &rv.Text, &rv.Author, &rv.Time, &rv.Note,
				&codes, &score, &origin, &merged, &msource, &skipped); err != nil {
				return err
			}
			rv.Codes, rv.Origin, rv.MergedInto, rv.Merges = deref(codes), deref(origin), derefInt(merged), merged != nil
			rv.MatchSource, rv.ReviewSkipped = deref(msource), skipped != nil && *skipped != 0
			if score != nil {
				rv.Score, rv.HasScore = *score, true
			}
			r.Revisions = append(r.Revisions, rv)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("unit %d: %w", id, err)
		}
		out = append(out, r)
		if prev != nil && *prev >= id {
			return nil, fmt.Errorf("unit %d: previous unit %d is not older", id, *prev)
		}
		if prev == nil {
			break
		}
		id = *prev
	}
	return out, nil
}
