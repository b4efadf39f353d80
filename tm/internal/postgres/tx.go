package postgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// MaxAttempts is how many times [DB.InTx] runs a transaction that keeps
// failing with a serialization failure or a deadlock before it gives up.
const MaxAttempts = 30

// InTx runs fn in a transaction with the given options (isolation level,
// access mode) and commits it; an error from fn rolls it back and is
// returned as it is.
//
// A transaction that fails with a serialization failure (SQLSTATE 40001)
// or a deadlock (40P01), in fn or at commit, is rolled back and run again
// after a short random pause, up to [MaxAttempts] times: the user never sees
// these failures, which are PostgreSQL's way of making concurrent writers
// take turns. fn must therefore do nothing but database work through tx
// (or work it can repeat), and must not keep values between attempts.
func (db *DB) InTx(ctx context.Context, opts pgx.TxOptions, fn func(tx pgx.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := pgx.BeginTxFunc(ctx, db.pool, opts, fn)
		if err == nil {
			return nil
		}
		if !Retryable(err) {
			return err
		}
		if attempt == MaxAttempts {
			return fmt.Errorf("transaction: still in conflict after %d attempts: %w", attempt, err)
		}
		// Full jitter over an exponential ceiling (2 ms, 4 ms, ... 256 ms),
		// so that the transactions in conflict do not meet again.
		ceiling := 2 * time.Millisecond << min(attempt-1, 7)
		t := time.NewTimer(rand.N(ceiling) + time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("transaction: %w (after %w)", ctx.Err(), err)
		case <-t.C:
		}
	}
}

// Retryable reports whether err is a serialization failure (SQLSTATE 40001)
// or a deadlock (40P01): a transaction that failed so may succeed when run
// again.
func Retryable(err error) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	return pe.Code == "40001" || pe.Code == "40P01"
}
