package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestBulkWrite fills the memory's tables the way an import does, in one
// transaction: entry ids from NextIDs, entries, keys and postings with
// Copy, the dictionary's upserts with ExecBatch. It logs the rates (no
// timing is asserted).
func TestBulkWrite(t *testing.T) {
	n := 100_000
	if testing.Short() {
		n = 2_000
	}
	ctx := context.Background()
	db, _ := open(t)
	var pair int64
	if err := db.Pool().QueryRow(ctx, `INSERT INTO memory_pair (source_lang, target_lang) VALUES ('id', 'en') RETURNING id`).Scan(&pair); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	rate := func(what string, rows int, start time.Time) {
		d := time.Since(start)
		t.Logf("%s: %d rows in %v (%.0f rows/s)", what, rows, d.Round(time.Millisecond), float64(rows)/d.Seconds())
	}
	err := db.InTx(ctx, pgx.TxOptions{}, func(tx pgx.Tx) error {
		var err error
		start := time.Now()
		if ids, err = NextIDs(ctx, tx, "memory_entry", "id", n); err != nil {
			return err
		}
		rate("NextIDs", n, start)
		start = time.Now()
		i := 0
		got, err := Copy(ctx, tx, "memory_entry",
			[]string{"id", "pair", "hash", "source", "target", "origin", "file", "time", "nkeys", "source_words", "target_words"},
			pgx.CopyFromFunc(func() ([]any, error) {
				if i == n {
					return nil, nil
				}
				src := fmt.Sprintf("Pemerintah daerah nomor %d menetapkan kebijakan baru tentang pajak kendaraan.", i)
				h := sha256.Sum256([]byte(src))
				tgt := fmt.Sprintf("Regional government number %d sets a new policy on vehicle tax.", i)
				row := []any{ids[i], pair, h[:16], src, tgt,
					"import", "bulk.tmx", "2026-01-02T03:04:05.000000Z", 9, textWords(src), textWords(tgt)}
				i++
				return row, nil
			}))
		if err != nil {
			return err
		}
		if got != int64(n) {
			return fmt.Errorf("copied %d entries, want %d", got, n)
		}
		rate("Copy memory_entry (with its tsvector columns and GIN indexes)", n, start)

		start = time.Now()
		rows := make([][]any, n)
		for i := range rows {
			rows[i] = []any{int64(pair), int64(i % 1000), int64(9), ids[i], binary.AppendUvarint(nil, uint64(ids[i]))}
		}
		if _, err := Copy(ctx, tx, "memory_posting", []string{"pair", "token", "len", "first", "ids"}, pgx.CopyFromRows(rows)); err != nil {
			return err
		}
		rate("Copy memory_posting", n, start)

		start = time.Now()
		args := make([][]any, n)
		for i := range args {
			args[i] = []any{fmt.Sprintf("key%d", i%(n/2))} // each key twice
		}
		if err := ExecBatch(ctx, tx, `INSERT INTO memory_token (key, df) VALUES ($1, 1)
			ON CONFLICT (key) DO UPDATE SET df = memory_token.df + 1`, args); err != nil {
			return err
		}
		rate("ExecBatch memory_token upserts", n, start)

		// The same upserts as one statement over an array: no DDL (no
		// temporary table), one round trip.
		start = time.Now()
		keys := make([]string, n)
		for i := range keys {
			keys[i] = fmt.Sprintf("key%d", i%(n/2))
		}
		if _, err := tx.Exec(ctx, `INSERT INTO memory_token (key, df)
			SELECT k, count(*) FROM unnest($1::text[]) k GROUP BY k
			ON CONFLICT (key) DO UPDATE SET df = memory_token.df + EXCLUDED.df`, keys); err != nil {
			return err
		}
		rate("one INSERT ... SELECT FROM unnest($1) upsert", n, start)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var entries, postings, tokens, df int64
	if err := db.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM memory_entry), (SELECT count(*) FROM memory_posting),
		(SELECT count(*) FROM memory_token), (SELECT sum(df) FROM memory_token)`).Scan(&entries, &postings, &tokens, &df); err != nil {
		t.Fatal(err)
	}
	if entries != int64(n) || postings != int64(n) || tokens != int64(n/2) || df != int64(2*n) {
		t.Errorf("%d entries, %d postings, %d tokens with df %d; want %d, %d, %d, %d", entries, postings, tokens, df, n, n, n/2, 2*n)
	}
	// The ids were the entries' ids, and the next entry gets a new one.
	var maxID, next int64
	if err := db.Pool().QueryRow(ctx, `SELECT max(id) FROM memory_entry`).Scan(&maxID); err != nil {
		t.Fatal(err)
	}
	if err := db.Pool().QueryRow(ctx, `INSERT INTO memory_entry (pair, hash, source, target, origin, nkeys, source_words, target_words)
		VALUES ($1, '\x00', 'a', 'b', 'import', 1, 'a:1', 'b:1') RETURNING id`, pair).Scan(&next); err != nil {
		t.Fatal(err)
	}
	if maxID != ids[n-1] || next <= maxID {
		t.Errorf("max id %d (last reserved %d), next %d", maxID, ids[n-1], next)
	}
}

// TestBulkWriteRollsBack: a failing row fails the COPY and the transaction
// leaves nothing behind, not even the rows before it.
func TestBulkWriteRollsBack(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	if _, err := db.Pool().Exec(ctx, `INSERT INTO memory_pair (source_lang, target_lang) VALUES ('id', 'en')`); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		fn   func(tx pgx.Tx) error
	}{
		{"copy with a duplicate", func(tx pgx.Tx) error {
			rows := [][]any{{int64(1), int64(1), int64(1), int64(1), []byte{1}}, {int64(1), int64(1), int64(1), int64(1), []byte{1}}}
			_, err := Copy(ctx, tx, "memory_posting", []string{"pair", "token", "len", "first", "ids"}, pgx.CopyFromRows(rows))
			return err
		}},
		{"copy of an entry twice", func(tx pgx.Tx) error {
			// The hash is unique. (Since migration 10 an unknown pair
			// is not refused: padan writes an entry's pair itself.)
			rows := [][]any{{int64(1), []byte{1}, "a", "b", "import", int64(1)}, {int64(1), []byte{1}, "a", "b", "import", int64(1)}}
			_, err := Copy(ctx, tx, "memory_entry", []string{"pair", "hash", "source", "target", "origin", "nkeys"}, pgx.CopyFromRows(rows))
			return err
		}},
		{"batch with a failing statement", func(tx pgx.Tx) error {
			args := make([][]any, BatchSize+10)
			for i := range args {
				args[i] = []any{fmt.Sprint("k", i)}
			}
			args[BatchSize+5] = []any{nil} // key is NOT NULL
			return ExecBatch(ctx, tx, `INSERT INTO memory_token (key) VALUES ($1)`, args)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.InTx(ctx, pgx.TxOptions{}, tt.fn)
			if err == nil {
				t.Fatal("no error")
			}
			var n int
			if err := db.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM memory_posting) + (SELECT count(*) FROM memory_entry)
				+ (SELECT count(*) FROM memory_token)`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%d rows left behind after %v", n, err)
			}
		})
	}
	if err := ExecBatch(ctx, nil, "SELECT 1", nil); err != nil {
		t.Errorf("an empty batch: %v", err)
	}
	if ids, err := NextIDs(ctx, nil, "memory_entry", "id", 0); ids != nil || err != nil {
		t.Errorf("NextIDs(0) = %v, %v", ids, err)
	}
}
