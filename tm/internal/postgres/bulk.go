package postgres

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
)

// Copy writes the rows of src into table's columns with COPY, inside tx, and
// returns how many it wrote. It is the fast way to fill the memory's entry,
// key and posting tables on import; a failure fails the whole COPY, and tx
// rolls it back with the rest of the import.
//
// COPY writes the values given for identity columns (id), as INSERT's
// OVERRIDING SYSTEM VALUE would: ids from [NextIDs] let the caller know an
// entry's id before it is written.
func Copy(ctx context.Context, tx pgx.Tx, table string, columns []string, src pgx.CopyFromSource) (int64, error) {
	n, err := tx.CopyFrom(ctx, pgx.Identifier{table}, columns, src)
	if err != nil {
		return n, fmt.Errorf("copy into %s: %w", table, err)
	}
	return n, nil
}

// BatchSize is how many statements [ExecBatch] sends in one round trip.
const BatchSize = 1000

// ExecBatch runs the statement sql once for each argument list in args,
// inside tx, sending [BatchSize] statements per round trip: the way to
// write what COPY cannot, such as the dictionary's upserts (INSERT ... ON
// CONFLICT DO UPDATE). It stops at the first error.
func ExecBatch(ctx context.Context, tx pgx.Tx, sql string, args [][]any) error {
	for start := 0; start < len(args); start += BatchSize {
		end := min(start+BatchSize, len(args))
		b := &pgx.Batch{}
		for _, a := range args[start:end] {
			b.Queue(sql, a...)
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("batch of %d statements at %d: %w", end-start, start, err)
		}
	}
	return nil
}

// NextIDs takes n values from the identity sequence of table's column and
// returns them in increasing order. They are the table's next ids: rows
// written with them by [Copy] are known by id before they exist. Values
// taken are never handed out again, even when tx rolls back.
func NextIDs(ctx context.Context, tx pgx.Tx, table, column string, n int) ([]int64, error) {
	if n <= 0 {
		return nil, nil
	}
	// The sequence is looked up once, not once a row.
	rows, err := tx.Query(ctx, `WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence($1, $2)::regclass AS seq)
		SELECT nextval(s.seq) FROM s, generate_series(1, $3)`,
		pgx.Identifier{table}.Sanitize(), column, n)
	if err != nil {
		return nil, fmt.Errorf("next ids of %s: %w", table, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("next ids of %s: %w", table, err)
	}
	slices.Sort(ids)
	return ids, nil
}
