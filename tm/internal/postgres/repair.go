package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// RepairValues rewrites stored values (see [backend.Repairer]). For a
// repair of revisions it disables their append-only trigger of updates
// and enables it again after the last write, all in the transaction (so a
// failure leaves it enabled). Only the table's owner may do that: for the
// desk's roles, [backend.ErrOwnerOnly]. The words of concordance of a
// repaired text are the caller's to recompute ([tx.RepairWords]).
func (t *tx) RepairValues(ctx context.Context, repairs []backend.ValueRepair) error {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	if err := t.mem.flush(ctx, allTables); err != nil {
		return err
	}
	revisions := slices.ContainsFunc(repairs, func(r backend.ValueRepair) bool { return r.Table == "revisions" })
	if revisions {
		if _, err := t.c.q.Exec(ctx, `ALTER TABLE revisions DISABLE TRIGGER revisions_append_only_update`); err != nil {
			if pe := (*pgconn.PgError)(nil); errors.As(err, &pe) && pe.Code == "42501" { // insufficient_privilege
				return fmt.Errorf("%w (the repair of revisions lifts their append-only rule): %w", backend.ErrOwnerOnly, err)
			}
			return err
		}
	}
	for _, r := range repairs {
		if err := t.repairValue(ctx, r); err != nil {
			return fmt.Errorf("%s %v %s: %w", r.Table, r.Key, r.Column, err)
		}
	}
	if revisions {
		if _, err := t.c.q.Exec(ctx, `ALTER TABLE revisions ENABLE TRIGGER revisions_append_only_update`); err != nil {
			return err
		}
	}
	return nil
}

// repairValue makes one repair.
func (t *tx) repairValue(ctx context.Context, r backend.ValueRepair) error {
	table, where, err := r.Target(func(i int) string { return "$" + strconv.Itoa(i) })
	if err != nil {
		return err
	}
	key := make([]any, len(r.Key))
	for i, k := range r.Key {
		key[i] = k
	}
	// Column and table names come from backend.Tables (Target checks).
	var old string
	if err := t.c.q.QueryRow(ctx, `SELECT `+r.Column+`::text FROM `+table.Name+` WHERE `+where, key...).Scan(&old); err != nil {
		return err
	}
	fixed, err := r.Fix(old)
	if err != nil {
		return err
	}
	set := `$` + strconv.Itoa(len(key)+1)
	_, err = t.c.q.Exec(ctx, `UPDATE `+table.Name+` SET `+r.Column+` = `+set+` WHERE `+where, append(key, fixed)...)
	return err
}

// InsertRepair records a repair in the repairs table.
func (t *tx) InsertRepair(ctx context.Context, time, author string, changes int, report string) error {
	return t.exec(ctx, `INSERT INTO repairs (time, author, changes, report) VALUES ($1, $2, $3, $4)`, time, author, changes, report)
}
