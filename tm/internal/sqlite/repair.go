package sqlite

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// RepairValues rewrites stored values (see [backend.Repairer]). For a
// repair of revisions it drops their append-only triggers and creates them
// again, as they were, after the last write: all in the transaction, so a
// failure leaves them in place.
func (t *tx) RepairValues(ctx context.Context, repairs []backend.ValueRepair) error {
	var triggers []string
	if slices.ContainsFunc(repairs, func(r backend.ValueRepair) bool { return r.Table == "revisions" }) {
		var names []string
		rows, err := t.tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'revisions'`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var name, sql string
			if err := rows.Scan(&name, &sql); err != nil {
				rows.Close()
				return err
			}
			names, triggers = append(names, name), append(triggers, sql)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
		for _, n := range names {
			if _, err := t.tx.ExecContext(ctx, `DROP TRIGGER "`+n+`"`); err != nil {
				return err
			}
		}
	}
	for _, r := range repairs {
		if err := t.repairValue(ctx, r); err != nil {
			return fmt.Errorf("%s %v %s: %w", r.Table, r.Key, r.Column, err)
		}
	}
	for _, sql := range triggers {
		if _, err := t.tx.ExecContext(ctx, sql); err != nil {
			return err
		}
	}
	return nil
}

// repairValue makes one repair. A memory entry's text leaves the
// full-text index (FTS5 takes out the words of the text it is given, so
// the stored one) and goes back in repaired.
func (t *tx) repairValue(ctx context.Context, r backend.ValueRepair) error {
	table, where, err := r.Target(func(int) string { return "?" })
	if err != nil {
		return err
	}
	key := make([]any, len(r.Key))
	for i, k := range r.Key {
		key[i] = k
	}
	// Column and table names come from backend.Tables (Target checks).
	var old any
	if err := t.tx.QueryRowContext(ctx, `SELECT `+r.Column+` FROM `+table.Name+` WHERE `+where, key...).Scan(&old); err != nil {
		return err
	}
	var v string
	switch o := old.(type) {
	case string:
		v = o
	case []byte: // a value that is not UTF-8 may be stored as a BLOB
		v = string(o)
	}
	fixed, err := r.Fix(v)
	if err != nil {
		return err
	}
	text := table.Name == "memory_entry" && (r.Column == "source" || r.Column == "target")
	if text {
		if _, err := t.tx.ExecContext(ctx, `INSERT INTO memory_text (memory_text, rowid, source, target)
			SELECT 'delete', id, source, target FROM memory_entry WHERE id = ?`, key[0]); err != nil {
			return err
		}
	}
	if _, err := t.tx.ExecContext(ctx, `UPDATE `+table.Name+` SET `+r.Column+` = ? WHERE `+where, append([]any{fixed}, key...)...); err != nil {
		return err
	}
	if text {
		if _, err := t.tx.ExecContext(ctx, `INSERT INTO memory_text (rowid, source, target)
			SELECT id, source, target FROM memory_entry WHERE id = ?`, key[0]); err != nil {
			return err
		}
	}
	return nil
}

// InsertRepair records a repair in the repairs table.
func (t *tx) InsertRepair(ctx context.Context, time, author string, changes int, report string) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO repairs (time, author, changes, report) VALUES (?, ?, ?, ?)`, time, author, changes, report)
	return err
}
