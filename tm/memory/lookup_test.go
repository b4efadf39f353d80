package memory_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/tm/memory"
	"github.com/padan-tm/padan/tm/storetest"
)

// TestLookupRecall runs the store's recall test on SQLite with the
// limits of the candidate filter's counting changed from one lookup to the
// next (so that each minimum meets each), exercising every path of the
// filter: the defaults; every list read, in one group; one list a group,
// stopping at the first that is longer than the candidates left; small
// groups of short lists. Some lookups read only the sources of the
// candidates within reach, not their whole entries; some score every
// candidate on its whole entry without its key list, some none.
func TestLookupRecall(t *testing.T) {
	s, err := tm.Open(context.Background(), filepath.Join(t.TempDir(), "padan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	defer memory.SetCountLimits(memory.SetCountLimits(1024, 256, 2))
	defer memory.SetWholeNear(memory.SetWholeNear(256))
	defer memory.SetFewCandidates(memory.SetFewCandidates(8))
	limits := [][3]int{{1024, 256, 2}, {1 << 30, 1, 1 << 30}, {1, 1, 0}, {40, 4, 1}}
	calls := 0
	storetest.CheckRecall(t, s, func(int) {
		l := limits[calls%len(limits)]
		memory.SetCountLimits(l[0], l[1], l[2])
		memory.SetWholeNear([]int{256, 0, 1}[calls%3])
		memory.SetFewCandidates([]int{8, 0, 1 << 20, 3, 1}[calls%5])
		calls++
	})
}
