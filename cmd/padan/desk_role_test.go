package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/internal/testenv"
)

// TestDeskRoleCLI follows the README's shared memory with the real padan
// command and tm/internal/postgres/roles.sql as it is (role names made
// unique, the test's schema for public): before padan db init, a
// translator is told to have the owner run it, and nothing is created;
// the owner runs padan db init; the translator, a member of the desk role
// with no DDL rights, connecting through the PG* variables and a password
// file (no password anywhere in padan's arguments), runs the demo flow and
// db check; that role cannot run DDL. No output shows the password, not
// even --help with the URL in PADAN_DB, nor a failed connection's error.
func TestDeskRoleCLI(t *testing.T) {
	ctx := context.Background()
	dsn := testenv.Postgres(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("PADAN_TEST_POSTGRES is not a URL: %v", err)
	}
	d := testenv.DeskRoles(t, dsn)
	schema, admin, password, ana := d.Schema, d.Admin, d.Password, d.Member
	as := func(role string) string { return d.As(t, role) }
	vars := map[string]string{"PADAN_USER": "tester"}
	noPassword := func(what, out string) {
		t.Helper()
		if strings.Contains(out, password) || strings.Contains(out, url.QueryEscape(password)) {
			t.Errorf("%s shows the password: %s", what, out)
		}
	}

	// Before db init: the translator (who may use the schema) is sent to
	// the owner; nothing is created.
	if _, err := admin.Exec(ctx, fmt.Sprintf("GRANT USAGE ON SCHEMA %s TO %s", schema, d.Desk)); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runPadan(t, vars, "--db", as(ana), "stats")
	noPassword("stats before init", stdout+stderr)
	if code != exitFailure || !strings.Contains(stderr, "padan db init") {
		t.Errorf("stats before db init: exit %d: %s%s", code, stdout, stderr)
	}
	var n int
	if err := admin.QueryRow(ctx, `SELECT count(*) FROM pg_class WHERE relnamespace = $1::regnamespace`, schema).Scan(&n); err != nil || n != 0 {
		t.Errorf("the schema holds %d objects before db init (%v)", n, err)
	}
	code, stdout, stderr = runPadan(t, vars, "--db", as(d.Owner), "db", "init")
	noPassword("db init", stdout+stderr)
	if code != exitOK {
		t.Fatalf("db init as the owner: exit %d: %s", code, stderr)
	}
	d.Grant(t)

	// The translator: PG* variables and a password file, no password in
	// the URL.
	host, port := u.Hostname(), u.Port()
	if port == "" {
		port = "5432"
	}
	passfile := filepath.Join(t.TempDir(), "pgpass")
	if err := os.WriteFile(passfile, []byte(fmt.Sprintf("%s:%s:%s:%s:%s\n", host, port, strings.TrimPrefix(u.Path, "/"), ana, password)), 0o600); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"PGHOST": host, "PGPORT": port, "PGDATABASE": strings.TrimPrefix(u.Path, "/"),
		"PGUSER": ana, "PGPASSFILE": passfile, "PGPASSWORD": "", "PGSSLMODE": u.Query().Get("sslmode"),
		"PGOPTIONS": "-c search_path=" + schema} {
		t.Setenv(k, v)
	}
	flow, shown := backendFlow(t)
	for _, args := range append(flow[1:], shown...) { // flow[0] is db init
		code, stdout, stderr := runPadan(t, vars, append([]string{"--db", "postgres://"}, args...)...)
		noPassword(strings.Join(args, " "), stdout+stderr)
		if code != exitOK {
			t.Fatalf("as the desk role: padan %s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
	}
	if code, stdout, stderr := runPadan(t, vars, "--db", "postgres://", "db", "check"); code != exitOK {
		t.Errorf("db check as the desk role: exit %d: %s%s", code, stdout, stderr)
	}
	anaConn, err := pgx.Connect(ctx, "postgres://")
	if err != nil {
		t.Fatal(err)
	}
	defer anaConn.Close(ctx)
	for _, q := range []string{`CREATE TABLE notes (id int)`, `ALTER TABLE documents ADD COLUMN x int`, `DROP TABLE memory_posting`} {
		if _, err := anaConn.Exec(ctx, q); err == nil {
			t.Errorf("the desk role could run %s", q)
		}
	}

	// The password in PADAN_DB or in a URL that fails is never shown.
	code, stdout, stderr = runPadan(t, map[string]string{"PADAN_DB": as(ana)}, "--help")
	noPassword("--help", stdout+stderr)
	wrong := *u
	wrong.User = url.UserPassword(ana, password+"x")
	code, stdout, stderr = runPadan(t, vars, "--db", wrong.String(), "stats")
	noPassword("a failed connection", stdout+stderr)
	if code != exitFailure || !strings.Contains(stderr, "xxxxx") {
		t.Errorf("stats with a wrong password: exit %d: %s", code, stderr)
	}
}
