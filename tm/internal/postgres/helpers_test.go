package postgres

import (
	"context"
	"errors"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/internal/testenv"
)

// open opens a new, empty schema of the test server, migrated.
func open(t *testing.T) (*DB, string) {
	t.Helper()
	dsn := testenv.Postgres(t)
	db, err := Open(context.Background(), dsn, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db, dsn
}

// admin connects to the test database as the role of PADAN_TEST_POSTGRES.
func admin(t *testing.T) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), os.Getenv("PADAN_TEST_POSTGRES"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// schemaOf returns the search_path of a URL from testenv.Postgres.
func schemaOf(t *testing.T, dsn string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("search_path")
}

// tables returns the names of the tables and views of schema, sorted.
func tables(t *testing.T, conn *pgx.Conn, schema string) []string {
	t.Helper()
	rows, err := conn.Query(context.Background(), `SELECT relname FROM pg_class
		WHERE relnamespace = $1::regnamespace AND relkind IN ('r', 'v') ORDER BY relname`, schema)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// sqlstate returns the SQLSTATE of a server error ("" for another error).
func sqlstate(err error) string {
	var pe interface{ SQLState() string }
	if errors.As(err, &pe) {
		return pe.SQLState()
	}
	return ""
}

// textWords returns the words of text (AppendWords), for a statement's
// parameter.
func textWords(text string) words { return AppendWords(nil, text) }

// phrase returns the tsquery of term (PhraseQuery), which must have one.
func phrase(term string) string {
	q, ok := PhraseQuery(term)
	if !ok {
		panic("no phrase in " + term)
	}
	return q
}
