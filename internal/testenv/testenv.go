// Package testenv tells tests where the outside tools are, and decides what
// a test does when one is missing.
//
// A test that needs a program such as xmllint calls [Tool]; one that needs a
// PostgreSQL server calls [Postgres]. When it is absent the test is skipped
// with a
// message saying what is missing, so that `go test ./...` passes on a bare
// machine. When the environment variable PADAN_INTEROP is "require" (as
// .ci/run sets it), the same absence fails the test instead.
//
// Every skip is also announced, once per reason, on the standard error of
// the process that ran the tests: `go test ./...` shows a passing package's
// output only with -v, and a skip must never pass unseen.
package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
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
	announce(t.Name(), what)
	t.Skipf("SKIP: %s (set PADAN_INTEROP=require to make this a failure)", what)
}

// Unsupported skips the test, even under PADAN_INTEROP=require, where the
// outside tool is there but cannot perform the check (translate-toolkit 3.8
// has no XLIFF 2 reader), saying why.
func Unsupported(t testing.TB, why string) {
	t.Helper()
	announce(t.Name(), why)
	t.Skipf("SKIP: %s", why)
}

var announced sync.Map

// announce writes one line for each distinct reason to the standard error of
// the process that ran the test binary (go test, whose own output shows it),
// or to this process's when that cannot be opened.
func announce(test, why string) {
	if _, dup := announced.LoadOrStore(why, true); dup {
		return
	}
	var w io.Writer = os.Stderr
	if f, err := os.OpenFile("/proc/"+strconv.Itoa(os.Getppid())+"/fd/2", os.O_WRONLY|os.O_APPEND, 0); err == nil {
		defer f.Close()
		w = f
	}
	fmt.Fprintf(w, "padan tests: skipped %s: %s\n", test, why)
}

// RepoRoot returns the absolute path of the module's root folder.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
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
	return WithSearchPath(base, schema)
}

// WithSearchPath returns the connection string dsn with search_path set to
// schema, as a URL parameter or a key=value pair (pgx sends both to the
// server as a run-time parameter), in place of any search_path dsn has: a
// URL's parameter is replaced, and of two key=value pairs pgx takes the
// last.
func WithSearchPath(dsn, schema string) string {
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
