package tm

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestOpenCreatesAtomically opens the same new database from many
// goroutines at once, repeatedly: every Open succeeds, on one padan
// database, and no temporary file is left behind.
func TestOpenCreatesAtomically(t *testing.T) {
	for round := 0; round < 20; round++ {
		dir := t.TempDir()
		path := filepath.Join(dir, "padan.db")
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, err := Open(context.Background(), path)
				if err != nil {
					errs <- err
					return
				}
				s.Close()
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("round %d: %v", round, err)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if name := e.Name(); name != "padan.db" && name != "padan.db-wal" && name != "padan.db-shm" {
				t.Errorf("round %d: left behind %s", round, name)
			}
		}
	}
}
