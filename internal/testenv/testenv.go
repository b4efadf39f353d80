// Package testenv tells tests where the shared test material and the outside
// tools are, and decides what a test does when one is missing.
//
// A test that needs ../shared or a program such as xmllint calls
// [SharedDir] or [Tool]. When the thing is absent the test is skipped with a
// message saying what is missing, so that `go test ./...` passes on a bare
// machine. When the environment variable PADAN_INTEROP is "require" (as
// .ci/run sets it), the same absence fails the test instead.
package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Required reports whether missing test material must fail tests rather than
// skip them (PADAN_INTEROP=require).
func Required() bool { return os.Getenv("PADAN_INTEROP") == "require" }

// Missing skips the test, or fails it when [Required], saying what is absent.
func Missing(t testing.TB, what string) {
	t.Helper()
	if Required() {
		t.Fatalf("PADAN_INTEROP=require but %s", what)
	}
	t.Skipf("SKIP: %s (set PADAN_INTEROP=require to make this a failure)", what)
}

// RepoRoot returns the absolute path of the module's root folder.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// SharedDir returns the absolute path of ../shared beside the checkout, or
// skips (or fails) the test when it is not there. PADAN_SHARED overrides the
// location.
func SharedDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("PADAN_SHARED")
	if dir == "" {
		dir = filepath.Join(RepoRoot(), "..", "shared")
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		Missing(t, "the shared test material is not at "+dir)
	}
	return dir
}

// SharedFile returns the absolute path of a file under ../shared, or skips
// (or fails) the test when it is absent.
func SharedFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(SharedDir(t), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		Missing(t, "the shared file "+p+" is absent")
	}
	return p
}

// Tool returns the path of an executable found on PATH, or skips (or fails)
// the test when it is not installed. hint names the Debian package that
// provides it.
func Tool(t testing.TB, name, hint string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name+" is not installed (apt-get install "+hint+")")
	}
	return p
}

// Postgres returns the URL of a new, empty schema in the PostgreSQL database
// that PADAN_TEST_POSTGRES names (a postgres:// URL or a key=value string of
// a database the tests may create schemas in; .ci/postgres prints one), or
// skips (or fails) the test when the variable is unset. The schema is the
// URL's search_path; it is dropped, with all it holds, when the test ends.
// The unaccent extension is created in the database's public schema when it
// is missing, so that the schemas of tests running side by side share it.
func Postgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv("PADAN_TEST_POSTGRES")
	if base == "" {
		Missing(t, "PADAN_TEST_POSTGRES is not set (the URL of a PostgreSQL database the tests may create schemas in; .ci/postgres starts a server and prints one)")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("PADAN_TEST_POSTGRES: %v", err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	schema := "padan_test_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("PADAN_TEST_POSTGRES: create schema: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("PADAN_TEST_POSTGRES: drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("PADAN_TEST_POSTGRES: drop schema %s: %v", schema, err)
		}
	})
	// Tolerate a test in another process creating it at the same moment.
	if _, err := conn.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public"); err != nil {
		t.Logf("PADAN_TEST_POSTGRES: create extension unaccent: %v", err)
	}
	return withSearchPath(base, schema)
}

// withSearchPath returns the connection string dsn with search_path set to
// schema, as a URL parameter or a key=value pair (pgx sends both to the
// server as a run-time parameter).
func withSearchPath(dsn, schema string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err == nil {
			q := u.Query()
			q.Set("search_path", schema)
			u.RawQuery = q.Encode()
			return u.String()
		}
	}
	return dsn + " search_path=" + schema
}
