package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// quoted returns names as SQL identifiers ("end" is a keyword).
func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = pgx.Identifier{n}.Sanitize()
	}
	return strings.Join(q, ", ")
}

// SchemaVersion returns the schema's version (padan_migrations).
func (t *tx) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	_, err := t.c.queryRow(ctx, `SELECT coalesce(max(version), 0) FROM padan_migrations`, nil, &v)
	return v, err
}

// CountRows returns the number of rows of a table.
func (t *tx) CountRows(ctx context.Context, table backend.Table) (int64, error) {
	var n int64
	_, err := t.c.queryRow(ctx, `SELECT count(*) FROM `+pgx.Identifier{table.Name}.Sanitize(), nil, &n)
	return n, err
}

// ScanTable streams a table's rows in key order, a smallint or integer
// column's values read as int64 (the kind's values).
func (t *tx) ScanTable(ctx context.Context, table backend.Table, fn func([]any) error) error {
	return t.c.query(ctx, `SELECT `+quoted(table.Names())+` FROM `+pgx.Identifier{table.Name}.Sanitize()+
		` ORDER BY `+quoted(table.Key), nil, func(rows pgx.Rows) error {
		row, err := rows.Values()
		if err != nil {
			return err
		}
		for i, v := range row {
			switch v := v.(type) {
			case int16:
				row[i] = int64(v)
			case int32:
				row[i] = int64(v)
			}
		}
		return fn(row)
	})
}

// InsertRows adds rows as they are, ids included, with COPY; memory
// entries with their words ([AppendWords]), which no other backend
// stores.
func (t *tx) InsertRows(ctx context.Context, table backend.Table, rows [][]any) error {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	if err := t.mem.flush(ctx, allTables); err != nil {
		return err
	}
	names := table.Names()
	if table.Name == "memory_entry" {
		src, tgt := slices.Index(names, "source"), slices.Index(names, "target")
		if src < 0 || tgt < 0 {
			return fmt.Errorf("copy into memory_entry: no source or target column")
		}
		n := len(names)
		names = append(slices.Clip(names), "source_words", "target_words")
		wide := make([][]any, len(rows))
		for i, r := range rows {
			wide[i] = append(r[:n:n], nil, nil)
		}
		addWords(wide, src, tgt, n)
		rows = wide
	}
	_, err := t.c.q.CopyFrom(ctx, pgx.Identifier{table.Name}, names, pgx.CopyFromRows(rows))
	return err
}

// identityTables are the tables whose id an identity sequence gives.
var identityTables = []string{"documents", "versions", "units", "revisions", "terms", "repairs", "memory_pair", "memory_entry", "memory_token"}

// Sequences returns the last value each identity sequence gave (0 when it
// gave none), or the table's highest id when that is higher.
func (t *tx) Sequences(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	for _, name := range identityTables {
		var seq string
		if _, err := t.c.queryRow(ctx, `SELECT pg_get_serial_sequence($1, 'id')`, []any{pgx.Identifier{name}.Sanitize()}, &seq); err != nil {
			return nil, fmt.Errorf("sequence of %s: %w", name, err)
		}
		var last, highest int64
		if _, err := t.c.queryRow(ctx, `SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM `+seq, nil, &last); err != nil {
			return nil, fmt.Errorf("sequence of %s: %w", name, err)
		}
		if _, err := t.c.queryRow(ctx, `SELECT coalesce(max(id), 0) FROM `+pgx.Identifier{name}.Sanitize(), nil, &highest); err != nil {
			return nil, err
		}
		out[name] = max(last, highest)
	}
	return out, nil
}

// AfterCopy sets each identity sequence to go on after seqs and the ids
// present (setval: the schema's owner may, the desk's roles may not), and
// computes the statistics tables from the revisions and placements (as
// migration 7 does; the triggers that keep them ran once per batch during
// the copy, in the copy's order, and are not trusted with it). The words
// of concordance were written with the entries (InsertRows).
func (t *tx) AfterCopy(ctx context.Context, seqs map[string]int64) error {
	for _, name := range identityTables {
		err := t.exec(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), n, true)
			FROM (SELECT greatest($2::bigint, coalesce(max(id), 0), 1) AS n, count(*) > 0 OR $2::bigint > 0 AS used FROM `+
			pgx.Identifier{name}.Sanitize()+`) m WHERE used`, pgx.Identifier{name}.Sanitize(), seqs[name])
		if err != nil {
			return fmt.Errorf("after copy: sequence of %s: %w", name, err)
		}
	}
	stmts := []string{
		`DELETE FROM unit_latest`, `DELETE FROM version_totals`, `DELETE FROM version_stats`, `DELETE FROM document_languages`,
		`INSERT INTO unit_latest (unit_id, language, revision_id, status, proposed, translator_id, editor_id)
		SELECT r.unit_id, r.language, r.id, r.status, (r.event = 'revise' AND r.role = 'pretranslation' AND r.status = 'initial')::int,
			(SELECT max(x.id) FROM revisions x WHERE x.unit_id = r.unit_id AND x.language = r.language
				AND x.event = 'revise' AND x.role <> 'editor'),
			(SELECT max(e.id) FROM revisions e WHERE e.unit_id = r.unit_id AND e.language = r.language
				AND e.event = 'revise' AND e.role = 'editor')
		FROM revisions r WHERE r.id IN (SELECT max(id) FROM revisions GROUP BY unit_id, language)`,
		`INSERT INTO version_totals (version_id, units, words)
		SELECT vu.version_id, count(*), coalesce(sum(u.words), 0)
		FROM version_units vu JOIN units u ON u.id = vu.unit_id GROUP BY vu.version_id`,
		`INSERT INTO version_stats (version_id, language, status, proposed, units, words)
		SELECT vu.version_id, l.language, l.status, l.proposed, count(*), coalesce(sum(u.words), 0)
		FROM (SELECT DISTINCT version_id, unit_id FROM version_units) vu
		JOIN unit_latest l ON l.unit_id = vu.unit_id JOIN units u ON u.id = vu.unit_id
		GROUP BY vu.version_id, l.language, l.status, l.proposed`,
		`INSERT INTO document_languages (document_id, language)
		SELECT DISTINCT u.document_id, l.language FROM unit_latest l JOIN units u ON u.id = l.unit_id`,
	}
	for _, s := range stmts {
		if err := t.exec(ctx, s); err != nil {
			return fmt.Errorf("after copy: %w", err)
		}
	}
	return nil
}
