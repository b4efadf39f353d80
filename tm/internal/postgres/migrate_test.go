package postgres

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"reflect"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/internal/testenv"
)

func TestMigrationsNumbered(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || SchemaVersion != len(ms) {
		t.Fatalf("%d migrations, SchemaVersion %d", len(ms), SchemaVersion)
	}
	for i, m := range ms {
		if m.version != i+1 || m.sql == "" {
			t.Errorf("migration %d: %+v", i+1, m.name)
		}
	}
}

// wantTables are the tables and views of a migrated schema.
var wantTables = []string{"document_languages", "documents", "latest_revisions", "memory_analysis", "memory_entry", "memory_keys",
	"memory_pair", "memory_posting", "memory_token", "padan_migrations", "post_edits", "repairs", "revisions", "terms", "unit_latest", "units",
	"version_stats", "version_totals", "version_units", "versions"}

func TestOpenMigratesOnce(t *testing.T) {
	ctx := context.Background()
	db, dsn := open(t)
	if db.Version() != SchemaVersion || db.Migrated() != SchemaVersion {
		t.Fatalf("version %d, migrated %d; want %d", db.Version(), db.Migrated(), SchemaVersion)
	}
	conn := admin(t)
	if got := tables(t, conn, schemaOf(t, dsn)); !reflect.DeepEqual(got, wantTables) {
		t.Errorf("tables %v\nwant %v", got, wantTables)
	}
	again, err := Open(ctx, dsn, true)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if again.Migrated() != 0 || again.Version() != SchemaVersion {
		t.Errorf("second Open: version %d, migrated %d", again.Version(), again.Migrated())
	}
	// Without migrating, an up-to-date schema opens too.
	ro, err := Open(ctx, dsn, false)
	if err != nil {
		t.Fatal(err)
	}
	ro.Close()
}

// TestSchema checks what the migrations promise: revisions are
// append-only, latest_revisions shows merged_into, times are kept as text.
func TestSchema(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	p := db.Pool()
	mustExec := func(sql string, args ...any) {
		t.Helper()
		if _, err := p.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	mustExec(`INSERT INTO documents (name, language, created) VALUES ('berita', 'id', '2026-01-02T03:04:05.000000Z')`)
	mustExec(`INSERT INTO units (document_id, source, words) VALUES (1, 'Halo dunia.', 2), (1, 'Apa kabar?', 2)`)
	mustExec(`INSERT INTO revisions (unit_id, language, event, role, status, text, author, time)
		VALUES (1, 'en', 'revise', 'translator', 'translated', 'Hello world.', 'ana', '2026-01-02T03:04:05.000001Z')`)
	mustExec(`INSERT INTO revisions (unit_id, language, event, role, status, text, author, time, merged_into)
		VALUES (2, 'en', 'revise', 'translator', 'translated', '', 'ana', '2026-01-02T03:04:06.000000Z', 1)`)
	for _, sql := range []string{
		`UPDATE revisions SET text = 'x'`,
		`DELETE FROM revisions`,
		`TRUNCATE revisions CASCADE`,
		`INSERT INTO revisions (unit_id, language, event, role, status, text, author, time, merged_into)
			VALUES (1, 'en', 'revise', 'translator', 'translated', '', 'ana', 't', 1)`,
		`INSERT INTO revisions (unit_id, language, event, role, status, text, author, time)
			VALUES (1, 'en', 'edit', 'translator', 'translated', '', 'ana', 't')`,
		`INSERT INTO documents (name, language, created) VALUES ('', 'id', 't')`,
		`INSERT INTO documents (id, name, language, created) VALUES (7, 'x', 'id', 't')`,
	} {
		if _, err := p.Exec(ctx, sql); err == nil {
			t.Errorf("%s: succeeded", sql)
		}
	}
	mustExec(`INSERT INTO documents (name, language, created) VALUES ('b', 'id', 't'), ('B', 'id', 't'), ('a', 'id', 't'), ('É', 'id', 't')`)
	rows, err := p.Query(ctx, `SELECT name FROM documents WHERE name <> 'berita' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"B", "a", "b", "É"}; !reflect.DeepEqual(names, want) { // bytes, as SQLite
		t.Errorf("names in order %q, want %q", names, want)
	}
	// Whatever the database's locale (here perhaps already C).
	var notC []string
	rows, err = p.Query(ctx, `SELECT table_name || '.' || column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND (table_name, column_name) IN (('documents', 'name'),
			('documents', 'language'), ('revisions', 'language'), ('memory_pair', 'source_lang'),
			('memory_pair', 'target_lang'), ('memory_token', 'key')) AND collation_name IS DISTINCT FROM 'C'`)
	if err != nil {
		t.Fatal(err)
	}
	if notC, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil || len(notC) > 0 {
		t.Errorf("columns not in COLLATE \"C\": %v %v", notC, err)
	}
	var merged *int64
	var tm string
	if err := p.QueryRow(ctx, `SELECT merged_into, time FROM latest_revisions WHERE unit_id = 2`).Scan(&merged, &tm); err != nil {
		t.Fatal(err)
	}
	if merged == nil || *merged != 1 || tm != "2026-01-02T03:04:06.000000Z" {
		t.Errorf("latest revision of unit 2: merged_into %v, time %q", merged, tm)
	}
}

// TestOpenWithoutMigrating: a new schema is not touched by an Open that may
// not migrate.
func TestOpenWithoutMigrating(t *testing.T) {
	dsn := testenv.Postgres(t)
	db, err := Open(context.Background(), dsn, false)
	if err == nil {
		db.Close()
		t.Fatal("Open succeeded")
	}
	if !errors.Is(err, ErrBehind) {
		t.Errorf("err = %v, want ErrBehind", err)
	}
	if got := tables(t, admin(t), schemaOf(t, dsn)); len(got) != 0 {
		t.Errorf("the schema now holds %v", got)
	}
}

// TestOpenRefusesNewer: a schema migrated by a newer padan is refused and
// left as it was.
func TestOpenRefusesNewer(t *testing.T) {
	ctx := context.Background()
	db, dsn := open(t)
	if _, err := db.Pool().Exec(ctx, `INSERT INTO padan_migrations (version, name) VALUES ($1, 'future.sql')`, SchemaVersion+1); err != nil {
		t.Fatal(err)
	}
	conn := admin(t)
	before := tables(t, conn, schemaOf(t, dsn))
	for _, migrate := range []bool{true, false} {
		db, err := Open(ctx, dsn, migrate)
		if err == nil {
			db.Close()
			t.Fatal("Open succeeded")
		}
		if !errors.Is(err, ErrTooNew) {
			t.Errorf("migrate %v: err = %v, want ErrTooNew", migrate, err)
		}
	}
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM `+schemaOf(t, dsn)+`.padan_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if after := tables(t, conn, schemaOf(t, dsn)); !reflect.DeepEqual(before, after) || n != SchemaVersion+1 {
		t.Errorf("the schema changed: %v, %d versions", after, n)
	}
}

// TestOpenRefusesForeignSchema: padan does not create its tables among
// another application's.
func TestOpenRefusesForeignSchema(t *testing.T) {
	dsn := testenv.Postgres(t)
	conn := admin(t)
	schema := schemaOf(t, dsn)
	if _, err := conn.Exec(context.Background(), `CREATE TABLE `+schema+`.invoices (id int)`); err != nil {
		t.Fatal(err)
	}
	db, err := Open(context.Background(), dsn, true)
	if err == nil {
		db.Close()
		t.Fatal("Open succeeded")
	}
	if !errors.Is(err, ErrNotPadan) {
		t.Errorf("err = %v, want ErrNotPadan", err)
	}
	if got := tables(t, conn, schema); !reflect.DeepEqual(got, []string{"invoices"}) {
		t.Errorf("the schema now holds %v", got)
	}
}

// TestOpenNoSchema: a search path naming no schema is an error, not a
// migration into some other schema.
func TestOpenNoSchema(t *testing.T) {
	bad := testenv.WithSearchPath(testenv.Postgres(t), "padan_nowhere")
	db, err := Open(context.Background(), bad, true)
	if err == nil {
		db.Close()
		t.Fatal("Open succeeded")
	}
	if !errors.Is(err, ErrNoSchema) {
		t.Errorf("err = %v, want ErrNoSchema", err)
	}
}

// TestConcurrentMigration: padan processes starting at once on a new
// database all succeed, and the migrations run once.
func TestConcurrentMigration(t *testing.T) {
	ctx := context.Background()
	dsn := testenv.Postgres(t)
	const n = 4
	var wg sync.WaitGroup
	errs := make([]error, n)
	migrated := make([]int, n)
	for i := range n {
		wg.Go(func() {
			db, err := Open(ctx, dsn, true) // each its own pool, so its own connections
			errs[i] = err
			if err == nil {
				migrated[i] = db.Migrated()
				db.Close()
			}
		})
	}
	wg.Wait()
	total := 0
	for i, err := range errs {
		if err != nil {
			t.Errorf("Open %d: %v", i, err)
		}
		total += migrated[i]
	}
	if total != SchemaVersion {
		t.Errorf("%d migrations applied in all, want %d", total, SchemaVersion)
	}
	var rows int
	if err := admin(t).QueryRow(ctx, `SELECT count(*) FROM `+schemaOf(t, dsn)+`.padan_migrations`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != SchemaVersion {
		t.Errorf("padan_migrations has %d rows", rows)
	}
}

// TestConcurrentMigrationProcesses: the same with two real processes (this
// test binary, run again as TestMigrateProcess).
func TestConcurrentMigrationProcesses(t *testing.T) {
	dsn := testenv.Postgres(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var cmds []*exec.Cmd
	for range 2 {
		cmd := exec.Command(exe, "-test.run=^TestMigrateProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), "PADAN_PG_MIGRATE_URL="+dsn)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d: %v", i, err)
		}
	}
	db, err := Open(context.Background(), dsn, false)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// TestMigrateProcess is run by TestConcurrentMigrationProcesses in a
// process of its own; it does nothing otherwise.
func TestMigrateProcess(t *testing.T) {
	dsn := os.Getenv("PADAN_PG_MIGRATE_URL")
	if dsn == "" {
		return
	}
	db, err := Open(context.Background(), dsn, true)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// TestOpenUpgrades: a schema of an older padan (here at version
// SchemaVersion-1) is left alone without migrate and brought up to date
// with it.
func TestOpenUpgrades(t *testing.T) {
	ctx := context.Background()
	dsn := testenv.Postgres(t)
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE TABLE padan_migrations (version integer PRIMARY KEY, name text NOT NULL,
		applied timestamptz NOT NULL DEFAULT now())`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:len(ms)-1] {
		if _, err := conn.Exec(ctx, m.sql, pgx.QueryExecModeSimpleProtocol); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if _, err := conn.Exec(ctx, `INSERT INTO padan_migrations (version, name) VALUES ($1, $2)`, m.version, m.name); err != nil {
			t.Fatal(err)
		}
	}
	if db, err := Open(ctx, dsn, false); !errors.Is(err, ErrBehind) {
		if err == nil {
			db.Close()
		}
		t.Fatalf("Open without migrating: %v, want ErrBehind", err)
	}
	db, err := Open(ctx, dsn, true)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Migrated() != 1 || db.Version() != SchemaVersion {
		t.Errorf("migrated %d to version %d", db.Migrated(), db.Version())
	}
	if got := tables(t, admin(t), schemaOf(t, dsn)); !reflect.DeepEqual(got, wantTables) {
		t.Errorf("tables %v", got)
	}
}
