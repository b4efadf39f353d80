package postgres

import (
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/internal/fuzzy/memgen"
	"github.com/padan-tm/padan/internal/testenv"
)

// errRolledBack ends a benchmark's transaction: what it wrote is undone.
var errRolledBack = errors.New("rolled back")

// BenchmarkEntryCopy measures what one memory entry costs PostgreSQL in an
// import's COPY, part by part: the same 10,000 generated units (source
// and a target of the same shape, ~150 characters each) copied into a
// fresh table shaped like memory_entry, with what the real table has added
// step by step, and the alternatives an import could take. Each op is one
// COPY of all the rows in a transaction that is rolled back; ns/op divided
// by 10,000 is the cost of an entry. When the server runs on this machine,
// srv-µs/entry is the CPU time its backend spent (from
// /proc/PID/schedstat), which other processes' load changes far less than
// the wall time.
//
// The steps:
//
//   - plain, hash_unique, tsvectors, tsvectors_gin: memory_entry built up
//     (tsvectors: the two generated columns of migration 2);
//
//   - tsvectors_gin_pending: the same, with the GIN indexes' pending lists
//     allowed to grow to 64 MB in the transaction and cleaned once at its
//     end (the cleaning is timed);
//
//   - ready_tsvectors_gin: plain tsvector columns and their GIN indexes,
//     filled with words computed beforehand by padan (AppendWords), not
//     by the server, as memory_entry is since migration 11;
//
//   - pair_fk: plain with the reference to memory_pair;
//
//   - unit_fk_null: plain with the reference to units, NULL as in an
//     import;
//
//   - keys, keys_fk: the key lists of the entries (memory_keys), without
//     and with the reference to memory_entry of migration 2, into a table
//     of entries filled beforehand.
//
//     PADAN_TEST_POSTGRES=$(bash .ci/postgres) go test ./tm/internal/postgres -run '^$' -bench EntryCopy -benchtime 5x
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
	srcs, tgts := make([]string, n), make([]string, n)
	for i := range rows {
		srcs[i], tgts[i] = gen.Units[2*i], gen.Units[2*i+1]
		h := sha256.Sum256([]byte(srcs[i] + "\x00" + tgts[i]))
		rows[i] = []any{int64(i + 1), h[:16], srcs[i], tgts[i]}
	}
	// The words of each text in tsvector's binary form, as the server
	// computes them: what padan would send with ready tsvectors.
	var srcWords, tgtWords [][]byte
	if err := db.Pool().QueryRow(ctx, `SELECT array_agg(tsvectorsend(to_tsvector('padan_text', s)) ORDER BY i),
		array_agg(tsvectorsend(to_tsvector('padan_text', t)) ORDER BY i)
		FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u (s, t, i)`, srcs, tgts).Scan(&srcWords, &tgtWords); err != nil {
		b.Fatal(err)
	}
	// The words as padan would compute them: FTS5's tokens (those of
	// concordance's highlighting, PhraseSpans), not PostgreSQL's parser.
	var differ int
	if err := db.Pool().QueryRow(ctx, `SELECT count(*) FILTER (WHERE s <> ps) + count(*) FILTER (WHERE t <> pt)
		FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS u (s, t, ps, pt)`,
		srcWords, tgtWords, mapWords(srcs), mapWords(tgts)).Scan(&differ); err != nil {
		b.Fatal(err)
	}
	b.Logf("padan's words differ from the server's in %d of %d texts", differ, 2*n)
	srcWords, tgtWords = mapWords(srcs), mapWords(tgts)
	ready := make([][]any, n)
	pairRows := make([][]any, n)
	keyRows := make([][]any, n)
	for i, r := range rows {
		ready[i] = append(r[:4:4], words(srcWords[i]), words(tgtWords[i]))
		pairRows[i] = append(r[:4:4], int64(1))
		keyRows[i] = []any{int64(i + 1), []byte{byte(i), byte(i >> 7), byte(i >> 14), 1, 2, 3, 4, 5, 6, 7}}
	}
	const columns = `id bigint PRIMARY KEY, hash bytea NOT NULL, source text NOT NULL, target text NOT NULL`
	const generated = `source_words tsvector GENERATED ALWAYS AS (to_tsvector('padan_text', source)) STORED,
		target_words tsvector GENERATED ALWAYS AS (to_tsvector('padan_text', target)) STORED`
	const gin = `CREATE INDEX bench_entry_source_words ON bench_entry USING gin (source_words);
		CREATE INDEX bench_entry_target_words ON bench_entry USING gin (target_words)`
	entryCols := []string{"id", "hash", "source", "target"}
	// fill is the untimed part of the keys steps: the entries they refer to.
	fill := func(ctx context.Context, tx pgx.Tx) error {
		_, err := Copy(ctx, tx, "bench_entry", entryCols, pgx.CopyFromRows(rows))
		return err
	}
	steps := []struct {
		name, ddl string
		prepare   func(context.Context, pgx.Tx) error // untimed, after ddl
		before    string                              // timed, before the COPY
		table     string
		cols      []string
		rows      [][]any
		after     string // timed, after the COPY
	}{
		{name: "plain", ddl: `CREATE TABLE bench_entry (` + columns + `)`},
		{name: "hash_unique", ddl: `CREATE TABLE bench_entry (` + columns + `, UNIQUE (hash))`},
		{name: "tsvectors", ddl: `CREATE TABLE bench_entry (` + columns + `, UNIQUE (hash), ` + generated + `)`},
		{name: "tsvectors_gin", ddl: `CREATE TABLE bench_entry (` + columns + `, UNIQUE (hash), ` + generated + `); ` + gin},
		{name: "tsvectors_gin_pending", ddl: `CREATE TABLE bench_entry (` + columns + `, UNIQUE (hash), ` + generated + `); ` + gin,
			before: `SET LOCAL gin_pending_list_limit = '64MB'`,
			after:  `SELECT gin_clean_pending_list('bench_entry_source_words'), gin_clean_pending_list('bench_entry_target_words')`},
		{name: "ready_tsvectors_gin", ddl: `CREATE TABLE bench_entry (` + columns + `, UNIQUE (hash),
			source_words tsvector NOT NULL, target_words tsvector NOT NULL); ` + gin,
			cols: []string{"id", "hash", "source", "target", "source_words", "target_words"}, rows: ready},
		{name: "unit_fk_null", ddl: `CREATE TABLE bench_unit (id bigint PRIMARY KEY);
			CREATE TABLE bench_entry (` + columns + `, unit_id bigint REFERENCES bench_unit (id))`},
		{name: "pair_fk", ddl: `CREATE TABLE bench_pair (id bigint PRIMARY KEY); INSERT INTO bench_pair VALUES (1);
			CREATE TABLE bench_entry (` + columns + `, pair bigint NOT NULL REFERENCES bench_pair (id))`,
			cols: []string{"id", "hash", "source", "target", "pair"}, rows: pairRows},
		{name: "keys", ddl: `CREATE TABLE bench_entry (` + columns + `);
			CREATE TABLE bench_keys (id bigint PRIMARY KEY, keys bytea NOT NULL)`,
			prepare: fill, table: "bench_keys", cols: []string{"id", "keys"}, rows: keyRows},
		{name: "keys_fk", ddl: `CREATE TABLE bench_entry (` + columns + `);
			CREATE TABLE bench_keys (id bigint PRIMARY KEY REFERENCES bench_entry (id) ON DELETE CASCADE, keys bytea NOT NULL)`,
			prepare: fill, table: "bench_keys", cols: []string{"id", "keys"}, rows: keyRows},
	}
	for _, st := range steps {
		table, cols, data := cmp.Or(st.table, "bench_entry"), st.cols, st.rows
		if cols == nil {
			cols, data = entryCols, rows
		}
		b.Run(st.name, func(b *testing.B) {
			var serverNs int64
			cpuKnown := true
			for b.Loop() {
				err := db.InTx(ctx, pgx.TxOptions{}, func(tx pgx.Tx) error {
					b.StopTimer()
					if _, err := tx.Exec(ctx, st.ddl); err != nil {
						return err
					}
					if st.prepare != nil {
						if err := st.prepare(ctx, tx); err != nil {
							return err
						}
					}
					var pid int
					if err := tx.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
						return err
					}
					cpu0, ok0 := backendCPU(pid)
					b.StartTimer()
					if st.before != "" {
						if _, err := tx.Exec(ctx, st.before); err != nil {
							return err
						}
					}
					if _, err := Copy(ctx, tx, table, cols, pgx.CopyFromRows(data)); err != nil {
						return err
					}
					if st.after != "" {
						if _, err := tx.Exec(ctx, st.after); err != nil {
							return err
						}
					}
					b.StopTimer()
					cpu1, ok1 := backendCPU(pid)
					cpuKnown = cpuKnown && ok0 && ok1
					serverNs += cpu1 - cpu0
					return errRolledBack
				})
				b.StartTimer()
				if !errors.Is(err, errRolledBack) {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/entry")
			if cpuKnown {
				b.ReportMetric(float64(serverNs)/1000/float64(b.N*n), "srv-µs/entry")
			}
		})
	}
}

// backendCPU returns the CPU time, in ns, that the server process pid has
// spent, when the server runs on this machine (Linux's
// /proc/PID/schedstat of a postgres process); false otherwise.
func backendCPU(pid int) (int64, bool) {
	if cmd, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid)); err != nil || !strings.HasPrefix(string(cmd), "postgres") {
		return 0, false
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/schedstat", pid))
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0, false
	}
	ns, err := strconv.ParseInt(f[0], 10, 64)
	return ns, err == nil
}

// mapWords returns the words of each text (AppendWords).
func mapWords(texts []string) [][]byte {
	out := make([][]byte, len(texts))
	for i, t := range texts {
		out[i] = AppendWords(nil, t)
	}
	return out
}

// BenchmarkReadyWords measures what computing the words of an entry's
// source and target (AppendWords) costs padan, per entry, on the texts of
// BenchmarkEntryCopy.
func BenchmarkReadyWords(b *testing.B) {
	const n = 10000
	gen := memgen.New(1, 20000)
	gen.Generate(2 * n)
	ascii := 0
	for _, t := range gen.Units {
		if a := asciiTokens(t); a != nil {
			ascii++
			if !slices.Equal(a, ftsTokens(t)) {
				b.Fatalf("asciiTokens(%q) = %v, ftsTokens %v", t, a, ftsTokens(t))
			}
		}
	}
	b.Logf("%d of %d texts are ASCII", ascii, len(gen.Units))
	var buf []byte
	cpu0 := processCPU()
	for b.Loop() {
		for _, t := range gen.Units {
			buf = AppendWords(buf[:0], t)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1000/float64(b.N*n), "µs/entry")
	b.ReportMetric(float64(processCPU()-cpu0)/1000/float64(b.N*n), "cpu-µs/entry")
}

// processCPU returns the CPU time (user and system), in ns, that this
// process has spent.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
