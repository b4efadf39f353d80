package postgres_test

import (
	"context"
	"testing"

	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/tm"
	_ "github.com/padan-tm/padan/tm/internal/postgres"
	"github.com/padan-tm/padan/tm/storetest"
)

// TestStore runs the store's conformance suite on PostgreSQL, each test in
// a schema of its own.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t testing.TB) *tm.Store {
		t.Helper()
		s, err := tm.Open(context.Background(), testenv.Postgres(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
