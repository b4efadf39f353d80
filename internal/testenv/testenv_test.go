package testenv

import (
	"context"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestWithSearchPath: the search path is set, replacing one the string
// has, and pgx reads the new one.
func TestWithSearchPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://u:p@127.0.0.1:5432/db?sslmode=disable", "postgres://u:p@127.0.0.1:5432/db?search_path=s1&sslmode=disable"},
		{"postgresql://u@h/db", "postgresql://u@h/db?search_path=s1"},
		{"host=h dbname=db", "host=h dbname=db search_path=s1"},
		{"postgres://h/db?search_path=s0&sslmode=disable", "postgres://h/db?search_path=s1&sslmode=disable"},
		{"host=h search_path=s0", "host=h search_path=s0 search_path=s1"},
	}
	for _, tt := range tests {
		if got := WithSearchPath(tt.in, "s1"); got != tt.want {
			t.Errorf("WithSearchPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if c, err := pgx.ParseConfig(WithSearchPath(tt.in, "s1")); err != nil || c.RuntimeParams["search_path"] != "s1" {
			t.Errorf("pgx reads WithSearchPath(%q) as %v, %v; want search_path s1", tt.in, c, err)
		}
	}
}

// TestPostgres: the URL names a new, empty schema that is the connection's
// current schema, and the schema is gone once the test that asked is over.
func TestPostgres(t *testing.T) {
	ctx := context.Background()
	var dsn string
	t.Run("inner", func(t *testing.T) {
		dsn = Postgres(t)
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		var schema string
		var n int
		if err := conn.QueryRow(ctx, `SELECT current_schema(), (SELECT count(*) FROM pg_class
			WHERE relnamespace = current_schema()::regnamespace)`).Scan(&schema, &n); err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(dsn)
		if schema != u.Query().Get("search_path") || n != 0 {
			t.Errorf("current schema %q with %d objects, URL %s", schema, n, dsn)
		}
	})
	if dsn == "" {
		return // skipped
	}
	conn, err := pgx.Connect(ctx, os.Getenv("PADAN_TEST_POSTGRES"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	u, _ := url.Parse(dsn)
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)`,
		u.Query().Get("search_path")).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Error("the schema outlived its test")
	}
}
