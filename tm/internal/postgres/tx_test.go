package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestSerializationFailureIsRetryable provokes a real serialization failure
// (write skew between two SERIALIZABLE transactions on two connections) and
// checks that Retryable recognizes it.
func TestSerializationFailureIsRetryable(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	serializable := pgx.TxOptions{IsoLevel: pgx.Serializable}
	a, err := db.Pool().BeginTx(ctx, serializable)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Rollback(ctx)
	b, err := db.Pool().BeginTx(ctx, serializable)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Rollback(ctx)
	for _, tx := range []pgx.Tx{a, b} {
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM memory_pair`).Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.Exec(ctx, `INSERT INTO memory_pair (source_lang, target_lang) VALUES ('id', 'en')`); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Exec(ctx, `INSERT INTO memory_pair (source_lang, target_lang) VALUES ('en', 'id')`); err != nil {
		t.Fatal(err)
	}
	if err := a.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	err = b.Commit(ctx)
	if err == nil {
		t.Fatal("both write-skewed transactions committed: no serialization failure to test with")
	}
	if sqlstate(err) != "40001" || !Retryable(err) {
		t.Errorf("err = %v (SQLSTATE %q), Retryable %v", err, sqlstate(err), Retryable(err))
	}
	if Retryable(errors.New("40001")) || Retryable(nil) {
		t.Error("Retryable of a non-server error")
	}
}

// TestInTxRetriesSerializationFailure: two transactions that conflict
// (write skew) both succeed through InTx, one of them on a second attempt.
func TestInTxRetriesSerializationFailure(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	var calls atomic.Int32
	var both sync.WaitGroup
	both.Add(2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Go(func() {
			first := true
			errs[i] = db.InTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error {
				calls.Add(1)
				var n int
				if err := tx.QueryRow(ctx, `SELECT count(*) FROM memory_pair`).Scan(&n); err != nil {
					return err
				}
				if first { // both read before either writes, the first time only
					first = false
					both.Done()
					both.Wait()
				}
				_, err := tx.Exec(ctx, `INSERT INTO memory_pair (source_lang, target_lang) VALUES ($1, $2)`,
					fmt.Sprintf("l%d-%d", i, n), "en")
				return err
			})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("transaction %d: %v", i, err)
		}
	}
	if c := calls.Load(); c < 3 {
		t.Errorf("fn ran %d times: no retry happened", c)
	}
	var n int
	if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM memory_pair`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d pairs written, want 2", n)
	}
}

// TestInTxRetriesDeadlock: two transactions locking two rows in opposite
// orders deadlock; the one PostgreSQL aborts is run again.
func TestInTxRetriesDeadlock(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	if _, err := db.Pool().Exec(ctx, `INSERT INTO memory_token (key, df) VALUES ('a', 0), ('b', 0)`); err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int32
	var both sync.WaitGroup
	both.Add(2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, order := range [][2]string{{"a", "b"}, {"b", "a"}} {
		wg.Go(func() {
			first := true
			errs[i] = db.InTx(ctx, pgx.TxOptions{}, func(tx pgx.Tx) error {
				calls.Add(1)
				for j, key := range order {
					if _, err := tx.Exec(ctx, `UPDATE memory_token SET df = df + 1 WHERE key = $1`, key); err != nil {
						return err
					}
					if j == 0 && first {
						first = false
						both.Done()
						both.Wait()
					}
				}
				return nil
			})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("transaction %d: %v", i, err)
		}
	}
	if c := calls.Load(); c < 3 {
		t.Errorf("fn ran %d times: no deadlock was retried", c)
	}
	var sum int
	if err := db.Pool().QueryRow(ctx, `SELECT sum(df) FROM memory_token`).Scan(&sum); err != nil {
		t.Fatal(err)
	}
	if sum != 4 {
		t.Errorf("df sum %d, want 4", sum)
	}
}

// TestInTxRollsBack: an error from fn, or a failing statement, is returned
// as it is, once, and leaves nothing written.
func TestInTxRollsBack(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	errStop := errors.New("stop")
	tests := []struct {
		name string
		last func(pgx.Tx) error
		is   func(error) bool
	}{
		{"fn error", func(pgx.Tx) error { return errStop }, func(err error) bool { return errors.Is(err, errStop) }},
		{"statement error", func(tx pgx.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO memory_pair (source_lang, target_lang) VALUES ('id', 'en')`)
			return err
		}, func(err error) bool { return sqlstate(err) == "23505" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			err := db.InTx(ctx, pgx.TxOptions{}, func(tx pgx.Tx) error {
				calls++
				if _, err := tx.Exec(ctx, `INSERT INTO memory_pair (source_lang, target_lang) VALUES ('id', 'en')`); err != nil {
					return err
				}
				return tt.last(tx)
			})
			if !tt.is(err) || calls != 1 {
				t.Errorf("err = %v after %d calls", err, calls)
			}
			var n int
			if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM memory_pair`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%d pairs left behind", n)
			}
		})
	}
}

// TestInTxContext: a cancelled context stops the retries of a
// serialization failure.
func TestInTxContext(t *testing.T) {
	db, _ := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := db.InTx(ctx, pgx.TxOptions{}, func(tx pgx.Tx) error {
		calls++
		cancel()
		_, err := tx.Exec(ctx, `SELECT 1`)
		if err == nil {
			err = &pgconn.PgError{Code: "40001", Message: "could not serialize (test)"}
		}
		return err
	})
	if err == nil || calls != 1 {
		t.Errorf("err = %v after %d calls", err, calls)
	}
}
