package tm

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// TestUpdateSyncsInParts checks that an Update syncs the memory between
// two calls once many units wait (syncDeferMax, made small here), that the
// units of a call that fails are not synced, and that the memory is right
// at the end.
func TestUpdateSyncsInParts(t *testing.T) {
	defer func(n int) { syncDeferMax = n }(syncDeferMax)
	syncDeferMax = 3
	ctx := context.Background()
	s := openTest(t)
	texts := []string{"Satu.", "Dua.", "Tiga.", "Empat.", "Lima."}
	mustImport(t, s, sampleDoc("a", texts...))
	found := func(ctx context.Context, i int) []Match {
		t.Helper()
		ms, err := s.Lookup(ctx, LookupQuery{Text: texts[i-1], SourceLang: "id", TargetLang: "en", Min: 100})
		if err != nil {
			t.Fatal(err)
		}
		return ms
	}
	edit := func(tx *Tx, idx ...int) error {
		c := Change{Document: "a", Language: "en", Role: RoleEditor, Author: "E"}
		for _, i := range idx {
			c.Entries = append(c.Entries, Entry{Index: i, Text: fmt.Sprintf("Unit %d.", i)})
		}
		_, err := tx.Revise(ctx, c)
		return err
	}
	err := s.Update(ctx, func(ctx context.Context, tx *Tx) error {
		if err := edit(tx, 1, 2); err != nil {
			return err
		}
		if n := entriesIn(t, tx); n != 0 {
			t.Errorf("%d memory entries after 2 units, want none yet", n)
		}
		if err := edit(tx, 3, 4); err != nil { // 4 waiting ≥ 3: synced now
			return err
		}
		if n := entriesIn(t, tx); n != 4 {
			t.Errorf("%d memory entries after 4 units, want 4", n)
		}
		if err := edit(tx, 5, 9); !errors.Is(err, ErrNoSegment) {
			t.Errorf("bad edit: %v", err)
		}
		_, err := tx.Approve(ctx, "a", "en", "E", []int{1, 2, 3, 4})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 4; i++ {
		if ms := found(ctx, i); len(ms) != 1 || ms[0].Target != fmt.Sprintf("Unit %d.", i) || ms[0].Origin.Status != "final" {
			t.Errorf("unit %d after the Update: %+v", i, ms)
		}
	}
	if ms := found(ctx, 5); len(ms) != 0 {
		t.Errorf("unit 5 of the failed edit is in the memory: %+v", ms)
	}
}

// entriesIn counts the memory entries as the Update of tx sees them
// (lookups read the database outside it).
func entriesIn(t *testing.T, tx *Tx) int {
	t.Helper()
	rep, err := tx.CheckMemory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep.Entries
}
