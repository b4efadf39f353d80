package postgres

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/tm/internal/backend"
)

// statementCounter is a pgx tracer that counts the statements a
// connection sends and those it prepares.
type statementCounter struct{ n, prepared int }

func (c *statementCounter) TracePrepareStart(ctx context.Context, _ *pgx.Conn, _ pgx.TracePrepareStartData) context.Context {
	c.prepared++
	return ctx
}

func (c *statementCounter) TracePrepareEnd(context.Context, *pgx.Conn, pgx.TracePrepareEndData) {}

func (c *statementCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n++
	return ctx
}

func (c *statementCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// withPath returns dsn with its search_path replaced by path.
func withPath(t *testing.T, dsn, path string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", path)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestOpenState checks that openState, the version check of every open,
// says what schemaState says of every kind of schema, and does it with one
// statement for a schema that holds a padan database.
func TestOpenState(t *testing.T) {
	ctx := context.Background()
	_, padanDSN := open(t)
	padan := schemaOf(t, padanDSN)
	emptyDSN := testenv.Postgres(t)
	empty := schemaOf(t, emptyDSN)
	otherDSN := testenv.Postgres(t)
	conn := admin(t)
	if _, err := conn.Exec(ctx, `CREATE TABLE `+schemaOf(t, otherDSN)+`.notes (id int)`); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
		statements int // 0: not checked
	}{
		{"padan", padan, 1},
		{"missing schema before padan's", "padan_no_such_schema," + padan, 1},
		{"empty", empty, 0},
		{"other tables", schemaOf(t, otherDSN), 0},
		// The table the search path finds is another schema's: the
		// empty one is what padan would use.
		{"empty before padan's", empty + "," + padan, 0},
		{"no schema", "padan_no_such_schema", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := pgx.ParseConfig(withPath(t, padanDSN, tc.path))
			if err != nil {
				t.Fatal(err)
			}
			counter := &statementCounter{}
			cfg.Tracer = counter
			c, err := pgx.ConnectConfig(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close(ctx)
			schema, version, other, err := openState(ctx, c)
			wSchema, wVersion, wOther, wErr := schemaState(ctx, c)
			if schema != wSchema || version != wVersion || other != wOther || (err == nil) != (wErr == nil) ||
				errors.Is(err, ErrNoSchema) != errors.Is(wErr, ErrNoSchema) {
				t.Errorf("openState: %q, %d, %v, %v; schemaState: %q, %d, %v, %v",
					schema, version, other, err, wSchema, wVersion, wOther, wErr)
			}
			if tc.statements > 0 && (version != SchemaVersion || schema != padan) {
				t.Errorf("schema %q at version %d, want %q at %d", schema, version, padan, SchemaVersion)
			}
			if tc.statements > 0 && counter.n-2 != tc.statements { // schemaState's 2
				t.Errorf("openState sent %d statements, want %d", counter.n-2, tc.statements)
			}
		})
	}
}

// TestOneShotOpen checks what opening a store costs a one-shot command on a
// database at this version: four statements, none prepared (a round trip
// each): the schema's version, then the memory's analysis version in a
// read transaction (begun with its settings in one message, then
// committed).
func TestOneShotOpen(t *testing.T) {
	ctx := context.Background()
	_, dsn := open(t)
	counter := &statementCounter{}
	testTracer = counter
	defer func() { testTracer = nil }()
	for _, o := range []backend.Options{{ReadOnly: true}, {NoMigrate: true}} {
		*counter = statementCounter{}
		s, err := OpenStore(ctx, dsn, o)
		if err != nil {
			t.Fatal(err)
		}
		var workMem string
		err = s.Read(ctx, func(btx backend.Tx) error {
			if _, err := btx.Memory().AnalysisVersion(ctx); err != nil {
				return err
			}
			// The settings of a read (not a statement of the open).
			return btx.(*tx).c.q.QueryRow(ctx, `SELECT current_setting('work_mem') || ' ' || current_setting('transaction_isolation')
				|| ' ' || current_setting('transaction_read_only')`, pgx.QueryExecModeSimpleProtocol).Scan(&workMem)
		})
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if counter.n != 5 || counter.prepared != 0 {
			t.Errorf("%+v: %d statements, %d prepared; want 4 (and the settings' 1), 0", o, counter.n, counter.prepared)
		}
		if workMem != "64MB repeatable read on" {
			t.Errorf("a read's settings: %s", workMem)
		}
	}
}
