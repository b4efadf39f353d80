package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// quoted returns names as SQL identifiers ("end" is a keyword).
func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = `"` + n + `"`
	}
	return strings.Join(q, ", ")
}

// SchemaVersion returns the database's user_version.
func (t *tx) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := t.tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v)
	return v, err
}

// CountRows returns the number of rows of a table.
func (t *tx) CountRows(ctx context.Context, table backend.Table) (int64, error) {
	var n int64
	err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table.Name).Scan(&n)
	return n, err
}

// ScanTable streams a table's rows in key order, an INTEGER column that
// holds a truth value read as a bool.
func (t *tx) ScanTable(ctx context.Context, table backend.Table, fn func([]any) error) error {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+quoted(table.Names())+` FROM `+table.Name+` ORDER BY `+quoted(table.Key))
	if err != nil {
		return err
	}
	defer rows.Close()
	row := make([]any, len(table.Columns))
	dest := make([]any, len(row))
	for i := range row {
		dest[i] = &row[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		for i, c := range table.Columns {
			if row[i] == nil {
				continue
			}
			switch c.Kind {
			case backend.KindBool:
				n, ok := row[i].(int64)
				if !ok {
					return fmt.Errorf("%s.%s: %T is not a truth value", table.Name, c.Name, row[i])
				}
				row[i] = n != 0
			case backend.KindText:
				if b, ok := row[i].([]byte); ok {
					row[i] = string(b)
				}
			}
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// InsertRows adds rows as they are, many to a statement.
func (t *tx) InsertRows(ctx context.Context, table backend.Table, rows [][]any) error {
	n := len(table.Columns)
	per := max(1, 32766/n/4) // rows a statement takes, well within SQLite's variable limit
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
	head := `INSERT INTO ` + table.Name + ` (` + quoted(table.Names()) + `) VALUES `
	args := make([]any, 0, per*n)
	for len(rows) > 0 {
		batch := rows[:min(per, len(rows))]
		rows = rows[len(batch):]
		args = args[:0]
		for _, r := range batch {
			for i, v := range r {
				if b, ok := v.(bool); ok && table.Columns[i].Kind == backend.KindBool {
					v = int64(0)
					if b {
						v = int64(1)
					}
				}
				args = append(args, v)
			}
		}
		s, err := t.stmt(ctx, head+strings.TrimSuffix(strings.Repeat(one+", ", len(batch)), ", "))
		if err != nil {
			return err
		}
		if _, err := s.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// Sequences returns the highest memory entry id ever given (AUTOINCREMENT
// keeps it in sqlite_sequence) and the highest id of every other table
// with one: SQLite gives the next id after the highest present.
func (t *tx) Sequences(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	for _, tb := range backend.Tables {
		if len(tb.Key) != 1 || tb.Key[0] != "id" || tb.Name == "memory_keys" {
			continue
		}
		var n int64
		if err := t.tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM `+tb.Name).Scan(&n); err != nil {
			return nil, err
		}
		out[tb.Name] = n
	}
	var seq int64
	err := t.tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'memory_entry'`).Scan(&seq)
	if err != nil {
		return nil, err
	}
	out["memory_entry"] = max(out["memory_entry"], seq)
	return out, nil
}

// AfterCopy sets the memory entries' AUTOINCREMENT counter, computes the
// statistics tables from the revisions and placements (as migration 7
// does) and rebuilds the full-text index of concordance searches.
func (t *tx) AfterCopy(ctx context.Context, seqs map[string]int64) error {
	stmts := []string{
		`DELETE FROM unit_latest`, `DELETE FROM version_totals`, `DELETE FROM version_stats`, `DELETE FROM document_languages`,
		`INSERT INTO unit_latest (unit_id, language, revision_id, status, proposed, translator_id, editor_id)
		SELECT r.unit_id, r.language, r.id, r.status, (r.event = 'revise' AND r.role = 'pretranslation' AND r.status = 'initial'),
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
		`INSERT INTO memory_text (memory_text) VALUES ('rebuild')`,
	}
	for _, s := range stmts {
		if _, err := t.tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("after copy: %w", err)
		}
	}
	if n := seqs["memory_entry"]; n > 0 {
		// AUTOINCREMENT made a row for the table when an entry was
		// inserted; without entries copied there is none yet.
		if _, err := t.tx.ExecContext(ctx, `INSERT INTO sqlite_sequence (name, seq)
			SELECT 'memory_entry', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'memory_entry')`); err != nil {
			return fmt.Errorf("after copy: %w", err)
		}
		if _, err := t.tx.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'memory_entry'`, n); err != nil {
			return fmt.Errorf("after copy: %w", err)
		}
	}
	return nil
}
