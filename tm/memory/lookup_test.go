package memory_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/tm/memory"
	"github.com/padan-tm/padan/tm/storetest"
)

// TestLookupRecall runs the store's recall test on SQLite with every
// other minimum under a small count budget (and no allowance per
// candidate), so that both the counted and the uncounted keys of the
// candidate filter are exercised.
func TestLookupRecall(t *testing.T) {
	s, err := tm.Open(context.Background(), filepath.Join(t.TempDir(), "padan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	defer memory.SetCountBudget(memory.SetCountBudget(0))
	defer memory.SetCountPerCandidate(memory.SetCountPerCandidate(0))
	storetest.CheckRecall(t, s, func(i int) {
		memory.SetCountBudget([]int{1 << 16, 40}[i%2])
		memory.SetCountPerCandidate([]int{8, 0}[i%2])
	})
}
