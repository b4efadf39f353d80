package memory_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/hook"
	"github.com/padan-tm/padan/tm/memory"
	_ "github.com/padan-tm/padan/tm/postgres"
	"github.com/padan-tm/padan/tm/storetest"
)

// spillEntries returns n entries from the from-th on, whose sources share
// words at every key count, so that one (pair, token, key count) gathers
// postings in every flush of an import.
func spillEntries(from, n int) []tm.MemoryEntry {
	es := make([]tm.MemoryEntry, n)
	for i := range es {
		k := from + i
		src := fmt.Sprintf("Kata%d dan kata%d bersama kata%d nomor %d", k%13, k%29, k%101, k)
		for j := range k % 5 {
			src += fmt.Sprintf(" tambahan%d", j)
		}
		es[i] = tm.MemoryEntry{SourceLang: "id", TargetLang: "en", Source: src + ".", Target: fmt.Sprintf("Word %d.", k)}
		if k%7 == 0 {
			es[i].TargetLang = "fr"
		}
	}
	return es
}

// blocks returns the store's posting blocks, in (pair, token, key count,
// first id) order.
func blocks(t *testing.T, s *tm.Store) []backend.PostingRow {
	t.Helper()
	var rows []backend.PostingRow
	err := hook.DB(s).Search(context.Background(), func(r backend.Searcher) error {
		return r.Memory().ScanPostings(context.Background(), func(p backend.PostingRow) error {
			p.IDs = slices.Clone(p.IDs)
			rows = append(rows, p)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(rows, func(a, b backend.PostingRow) int {
		return cmp.Or(cmp.Compare(a.Pair, b.Pair), cmp.Compare(a.Token, b.Token), cmp.Compare(a.Len, b.Len), cmp.Compare(a.First, b.First))
	})
	return rows
}

// TestImportMergesFlushes: an import (and a rebuild of the index) that
// flushes its postings several times leaves the very blocks of one that
// flushed once: one per (pair, token, key count) and import, the index
// exact, the same matches; its spill file is gone afterwards, also when
// the import fails, and a failed import (also one with no temporary
// folder) leaves nothing. On SQLite, and on
// PostgreSQL when the tests have one.
func TestImportMergesFlushes(t *testing.T) {
	opens := map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "padan.db") },
		"postgres": func(t *testing.T) string { return testenv.Postgres(t) },
	}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			open := func() *tm.Store {
				s, err := tm.Open(ctx, opens[name](t))
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			}
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			once, spilled := open(), open()
			add := func(s *tm.Store, es []tm.MemoryEntry, flush int) {
				t.Helper()
				defer memory.SetFlushEntries(memory.SetFlushEntries(flush))
				if _, _, err := s.AddEntriesFrom(ctx, next(es, nil)); err != nil {
					t.Fatal(err)
				}
			}
			for imports, es := range [][]tm.MemoryEntry{spillEntries(0, 2000), spillEntries(2000, 700)} {
				add(once, es, 1<<20)
				add(spilled, es, 300)
				want, got := blocks(t, once), blocks(t, spilled)
				if !slices.EqualFunc(got, want, func(a, b backend.PostingRow) bool {
					return a.Pair == b.Pair && a.Token == b.Token && a.Len == b.Len && a.First == b.First && string(a.IDs) == string(b.IDs)
				}) {
					t.Fatalf("spilled import: %d blocks, want the %d of one flush", len(got), len(want))
				}
				perKey := map[[3]int64]int{}
				for _, b := range got {
					if perKey[[3]int64{b.Pair, b.Token, int64(b.Len)}]++; perKey[[3]int64{b.Pair, b.Token, int64(b.Len)}] > imports+1 {
						t.Fatalf("more than %d blocks of (pair %d, token %d, %d keys) after %d imports", imports+1, b.Pair, b.Token, b.Len, imports+1)
					}
				}
				storetest.CheckMemory(t, spilled)
			}
			for _, q := range []string{"Kata3 dan kata7 bersama kata70 nomor 1003.", "Kata1 dan kata2 bersama kata3 nomor 4 tambahan0 tambahan1."} {
				lq := tm.LookupQuery{Text: q, SourceLang: "id", TargetLang: "en", Min: 60, Max: 0}
				want, err := once.Lookup(ctx, lq)
				if err != nil {
					t.Fatal(err)
				}
				got, err := spilled.Lookup(ctx, lq)
				if err != nil {
					t.Fatal(err)
				}
				if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("lookup %q: %d matches, want the %d of one flush", q, len(got), len(want))
				}
			}
			// A rebuild flushes as often: the same blocks again.
			before := blocks(t, spilled)
			func() {
				defer memory.SetFlushEntries(memory.SetFlushEntries(300))
				err := hook.DB(spilled).Write(ctx, func(tx backend.Tx) error {
					_, err := memory.Rebuild(ctx, tx.Memory())
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			}()
			if after := blocks(t, spilled); len(after) >= len(before) {
				t.Errorf("rebuilt index: %d blocks, want fewer than the %d of two imports", len(after), len(before))
			}
			storetest.CheckMemory(t, spilled)
			// An import failing after several flushes leaves nothing.
			counts := storetest.CheckMemory(t, spilled)
			errRead := errors.New("read failed")
			func() {
				defer memory.SetFlushEntries(memory.SetFlushEntries(300))
				if _, _, err := spilled.AddEntriesFrom(ctx, next(spillEntries(5000, 1500), errRead)); !errors.Is(err, errRead) {
					t.Fatalf("import: %v, want %v", err, errRead)
				}
			}()
			if got := storetest.CheckMemory(t, spilled); got != counts {
				t.Errorf("after a failed import: %+v, want %+v", got, counts)
			}
			// So does one that finds no place for its spill file.
			func() {
				defer memory.SetFlushEntries(memory.SetFlushEntries(300))
				t.Setenv("TMPDIR", filepath.Join(tmp, "missing"))
				_, _, err := spilled.AddEntriesFrom(ctx, next(spillEntries(5000, 1500), nil))
				if err == nil || !strings.Contains(err.Error(), "missing") {
					t.Fatalf("import without a temporary folder: %v, want an error naming it", err)
				}
				t.Setenv("TMPDIR", tmp)
			}()
			if got := storetest.CheckMemory(t, spilled); got != counts {
				t.Errorf("after an import without a temporary folder: %+v, want %+v", got, counts)
			}
			if left, _ := os.ReadDir(tmp); len(left) > 0 {
				t.Errorf("%d files left in TMPDIR, first %s", len(left), left[0].Name())
			}
		})
	}
}

// next returns a next function over es for AddEntriesFrom, which fails
// with err (when not nil) instead of ending.
func next(es []tm.MemoryEntry, err error) func() (tm.MemoryEntry, bool, error) {
	i := 0
	return func() (tm.MemoryEntry, bool, error) {
		if i == len(es) {
			return tm.MemoryEntry{}, false, err
		}
		i++
		return es[i-1], true, nil
	}
}
