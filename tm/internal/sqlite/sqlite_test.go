package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/tm/storetest"
)

// TestStore runs the store's conformance suite on SQLite, each test in a
// database file of its own.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t testing.TB) *tm.Store {
		t.Helper()
		s, err := tm.Open(context.Background(), filepath.Join(t.TempDir(), "padan.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
