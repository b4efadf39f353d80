package postgres

import (
	"context"
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/internal/fuzzy/memgen"
	"github.com/padan-tm/padan/internal/testenv"
)

// BenchmarkEntryCopy measures what one memory entry costs PostgreSQL in an
// import's COPY, part by part: the same 10,000 generated units (source
// and a target of the same shape, ~150 characters each) copied into a
// fresh table shaped like memory_entry, with what the real table has added
// step by step. Each op is one COPY of all the rows in a transaction that
// is rolled back; ns/op divided by 10,000 is the cost of an entry.
//
//	PADAN_TEST_POSTGRES=$(bash .ci/postgres) go test ./tm/internal/postgres -run '^$' -bench EntryCopy -benchtime 5x
func BenchmarkEntryCopy(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, testenv.Postgres(b), true)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	const n = 10000
	gen := memgen.New(1, 20000)
	gen.Generate(2 * n)
	rows := make([][]any, n)
	for i := range rows {
		src, tgt := gen.Units[2*i], gen.Units[2*i+1]
		h := sha256.Sum256([]byte(src + "\x00" + tgt))
		rows[i] = []any{int64(i + 1), h[:16], src, tgt}
	}
	const columns = `id bigint PRIMARY KEY, hash bytea NOT NULL, source text NOT NULL, target text NOT NULL`
	steps := []struct{ name, ddl string }{
		{"plain", `CREATE TABLE bench_entry (` + columns + `)`},
		{"hash_unique", `CREATE TABLE bench_entry (` + columns + `, UNIQUE (hash))`},
		{"tsvectors", `CREATE TABLE bench_entry (` + columns + `, UNIQUE (hash),
			source_words tsvector GENERATED ALWAYS AS (to_tsvector('padan_text', source)) STORED,
			target_words tsvector GENERATED ALWAYS AS (to_tsvector('padan_text', target)) STORED)`},
		{"tsvectors_gin", `CREATE TABLE bench_entry (` + columns + `, UNIQUE (hash),
			source_words tsvector GENERATED ALWAYS AS (to_tsvector('padan_text', source)) STORED,
			target_words tsvector GENERATED ALWAYS AS (to_tsvector('padan_text', target)) STORED);
			CREATE INDEX ON bench_entry USING gin (source_words);
			CREATE INDEX ON bench_entry USING gin (target_words)`},
	}
	for _, st := range steps {
		b.Run(st.name, func(b *testing.B) {
			for b.Loop() {
				err := db.InTx(ctx, pgx.TxOptions{}, func(tx pgx.Tx) error {
					b.StopTimer()
					if _, err := tx.Exec(ctx, st.ddl); err != nil {
						return err
					}
					b.StartTimer()
					if _, err := Copy(ctx, tx, "bench_entry", []string{"id", "hash", "source", "target"}, pgx.CopyFromRows(rows)); err != nil {
						return err
					}
					b.StopTimer()
					return fmt.Errorf("rolled back")
				})
				b.StartTimer()
				if err == nil || err.Error() != "rolled back" {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/entry")
		})
	}
}
