package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
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
	schema := u.Query().Get("search_path")
	admin, err := pgx.Connect(ctx, os.Getenv("PADAN_TEST_POSTGRES"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close(ctx) }) // after the roles' cleanup below
	var b [4]byte
	rand.Read(b[:])
	sfx := hex.EncodeToString(b[:])
	owner, desk, ana := "padan_owner_"+sfx, "padan_desk_"+sfx, "ana_"+sfx
	password := "Pw-" + sfx + "-secret"
	t.Cleanup(func() {
		for _, q := range []string{
			fmt.Sprintf("GRANT %s, %s, %s TO current_user", owner, desk, ana),
			fmt.Sprintf("REASSIGN OWNED BY %s TO current_user", owner),
			fmt.Sprintf("DROP OWNED BY %s", ana), fmt.Sprintf("DROP OWNED BY %s", desk), fmt.Sprintf("DROP OWNED BY %s", owner),
			fmt.Sprintf("DROP ROLE IF EXISTS %s, %s, %s", ana, desk, owner),
		} {
			if _, err := admin.Exec(ctx, q); err != nil {
				t.Logf("cleanup: %s: %v", q, err)
			}
		}
	})
	raw, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "tm", "internal", "postgres", "roles.sql"))
	if err != nil {
		t.Fatal(err)
	}
	superPart, ownerPart, ok := strings.Cut(string(raw), "-- As padan_owner, in the database padan, after padan db init:")
	if !ok {
		t.Fatal("roles.sql lacks its owner's part")
	}
	names := strings.NewReplacer("padan_owner", owner, "padan_desk", desk,
		"'change me'", "'"+password+"'", "'change me too'", "'"+password+"'", "SCHEMA public", "SCHEMA "+schema)
	anaWord := regexp.MustCompile(`\bana\b`)
	run := func(c *pgx.Conn, part string) {
		t.Helper()
		var lines []string
		for _, l := range strings.Split(part, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "--") {
				lines = append(lines, l)
			}
		}
		for _, stmt := range strings.Split(strings.Join(lines, " "), ";") {
			if stmt = strings.TrimSpace(stmt); stmt == "" || strings.HasPrefix(stmt, "CREATE DATABASE") {
				continue // the test's database stands for it
			}
			stmt = anaWord.ReplaceAllString(names.Replace(stmt), ana)
			if _, err := c.Exec(ctx, stmt); err != nil {
				t.Fatalf("%s: %v", stmt, err)
			}
		}
	}
	run(admin, superPart)
	for _, q := range []string{
		fmt.Sprintf("GRANT %s TO current_user", owner),
		fmt.Sprintf("ALTER SCHEMA %s OWNER TO %s", schema, owner),
	} {
		if _, err := admin.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	as := func(role string) string {
		v := *u
		v.User = url.UserPassword(role, password)
		return v.String()
	}
	vars := map[string]string{"PADAN_USER": "tester"}
	noPassword := func(what, out string) {
		t.Helper()
		if strings.Contains(out, password) || strings.Contains(out, url.QueryEscape(password)) {
			t.Errorf("%s shows the password: %s", what, out)
		}
	}

	// Before db init: the translator (who may use the schema) is sent to
	// the owner; nothing is created.
	if _, err := admin.Exec(ctx, fmt.Sprintf("GRANT USAGE ON SCHEMA %s TO %s", schema, desk)); err != nil {
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
	code, stdout, stderr = runPadan(t, vars, "--db", as(owner), "db", "init")
	noPassword("db init", stdout+stderr)
	if code != exitOK {
		t.Fatalf("db init as the owner: exit %d: %s", code, stderr)
	}
	ownerConn, err := pgx.Connect(ctx, as(owner))
	if err != nil {
		t.Fatal(err)
	}
	defer ownerConn.Close(ctx)
	run(ownerConn, ownerPart)

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
