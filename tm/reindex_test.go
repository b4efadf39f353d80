package tm

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/padan-tm/padan/internal/testenv"
)

// staleDatabase makes a database in dir with memory entries whose recorded
// analysis version is 1, as an older padan left it.
func staleDatabase(t *testing.T, dir string) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, "padan.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AddEntries(ctx, []MemoryEntry{{SourceLang: "id", TargetLang: "en",
		Source: "Harga naik menjadi Rp400.000.", Target: "The price rose to Rp400,000."}}); err != nil {
		t.Fatal(err)
	}
	if _, err := rawDB(s).Exec(`UPDATE memory_analysis SET version = 1`); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestOpenRebuildsStaleIndex: every way of opening a database whose index
// an older analysis built rebuilds it once, calling OnReindex, a read-only
// open too (through a writable connection, as for migrations).
func TestOpenRebuildsStaleIndex(t *testing.T) {
	ctx := context.Background()
	for _, ro := range []bool{false, true} {
		path := staleDatabase(t, t.TempDir())
		calls := 0
		o := Options{ReadOnly: ro, OnReindex: func() { calls++ }}
		for range 2 {
			s, err := OpenWith(ctx, path, o)
			if err != nil {
				t.Fatalf("read-only %v: %v", ro, err)
			}
			ms, err := s.Lookup(ctx, LookupQuery{Text: "Harga naik menjadi Rp 350.000.", SourceLang: "id", TargetLang: "en", Min: 90})
			if err != nil || len(ms) != 1 || ms[0].Score != 98 {
				t.Errorf("read-only %v: lookup = %+v, %v; want one match at 98", ro, ms, err)
			}
			if rep, err := s.CheckMemory(ctx); err != nil || !rep.OK() {
				t.Errorf("read-only %v: index %+v, %v", ro, rep, err)
			}
			s.Close()
		}
		if calls != 1 {
			t.Errorf("read-only %v: OnReindex called %d times over two opens, want 1", ro, calls)
		}
	}
}

// TestOpenStaleIndexReadOnlyFolder: where the database cannot be written,
// a stale index is refused with ErrReadOnly rather than read with lookups
// that could miss matches (as another user than root only, like
// TestOpenReadOnlyFolder).
func TestOpenStaleIndexReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		testenv.Unsupported(t, "running as root, which may write a read-only folder")
	}
	dir := t.TempDir()
	path := staleDatabase(t, dir)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if _, err := OpenWith(context.Background(), path, Options{ReadOnly: true}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only open of a stale index in a read-only folder = %v, want ErrReadOnly", err)
	}
}
