package tm

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// TestUpdate checks that Update writes all of its calls in one transaction
// or none, and that a call failing inside it undoes only its own writes.
func TestUpdate(t *testing.T) {
	s := openTest(t)
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua."))
	change := Change{Document: "a", Language: "en", Role: RoleEditor, Author: "E",
		Entries: []Entry{{Index: 1, Text: "One."}, {Index: 2, Text: "Two."}}}
	boom := errors.New("boom")

	// An error after two successful calls: nothing is written.
	err := s.Update(context.Background(), func(ctx context.Context, tx *Tx) error {
		if _, err := tx.Revise(ctx, change); err != nil {
			return err
		}
		if _, err := tx.Approve(ctx, "a", "en", "E", []int{1}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update: %v", err)
	}
	if n := count(t, s, "revisions"); n != 0 {
		t.Fatalf("%d revisions written by a failed Update", n)
	}

	// A call that fails inside Update undoes its own writes; the rest
	// commits together.
	err = s.Update(context.Background(), func(ctx context.Context, tx *Tx) error {
		if _, err := tx.Revise(ctx, change); err != nil {
			return err
		}
		bad := Change{Document: "a", Language: "en", Role: RoleEditor, Author: "E",
			Entries: []Entry{{Index: 1, Text: "Uno."}, {Index: 9, Text: "Nine."}}}
		if _, err := tx.Revise(ctx, bad); !errors.Is(err, ErrNoSegment) {
			t.Errorf("bad revise inside Update: %v", err)
		}
		_, err := tx.Approve(ctx, "a", "en", "E", []int{1, 2})
		return err
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if n := count(t, s, "revisions"); n != 4 {
		t.Fatalf("%d revisions, want 2 edits and 2 approvals", n)
	}
	tr, err := s.Translation(context.Background(), "a", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Units[0]; got.Target != "One." || got.Status != StatusFinal {
		t.Errorf("unit 1: %q %s, want One. final", got.Target, got.Status)
	}
}

// TestUpdateReads checks that reads inside Update see its writes: a new
// document imported and revised in one Update, read back (whole and
// streamed) before the commit, and nothing of it after a failure.
func TestUpdateReads(t *testing.T) {
	s := openTest(t)
	boom := errors.New("boom")
	for _, fail := range []bool{true, false} {
		err := s.Update(context.Background(), func(ctx context.Context, tx *Tx) error {
			res, err := tx.Import(ctx, sampleDoc("baru", "Satu.", "Dua."))
			if err != nil {
				return err
			}
			if !res.New || res.Document.Units != 2 {
				t.Errorf("import inside Update: %+v", res)
			}
			if _, err := tx.Revise(ctx, Change{Document: "baru", Language: "en", Role: RoleTranslator, Author: "T",
				Entries: []Entry{{Index: 2, Text: "Two."}}}); err != nil {
				return err
			}
			tr, err := tx.Translation(ctx, "baru", "en", true)
			if err != nil {
				return err
			}
			var streamed []string
			if err := tx.EachUnit(ctx, tr.Document, "en", true, func(u *Unit) error {
				streamed = append(streamed, u.Target)
				return nil
			}); err != nil {
				return err
			}
			if tr.Units[1].Target != "Two." || len(streamed) != 2 || streamed[1] != "Two." {
				t.Errorf("read inside Update: %+v, streamed %q", tr.Units, streamed)
			}
			if fail {
				return boom
			}
			return nil
		})
		if fail != errors.Is(err, boom) || !fail && err != nil {
			t.Fatalf("Update (fail %v): %v", fail, err)
		}
		_, err = s.Document(context.Background(), "baru")
		var de *DocumentError
		if fail != errors.As(err, &de) {
			t.Errorf("after Update (fail %v): document read gives %v", fail, err)
		}
	}
}

// TestUpdateSyncsMemoryOnce checks that the memory takes in the units an
// Update revises at its end, once: a unit revised by the editor and then
// approved enters it as final, with one entry ever made, and none is
// there before the end.
func TestUpdateSyncsMemoryOnce(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	mustImport(t, s, sampleDoc("a", "Kim bertemu Putin di Moskow.", "Dua pemimpin bertemu."))
	lookup := func(ctx context.Context) []Match {
		t.Helper()
		ms, err := s.Lookup(ctx, LookupQuery{Text: "Kim bertemu Putin di Moskow.", SourceLang: "id", TargetLang: "en", Min: 100})
		if err != nil {
			t.Fatal(err)
		}
		return ms
	}
	err := s.Update(ctx, func(ctx context.Context, tx *Tx) error {
		if _, err := tx.Revise(ctx, Change{Document: "a", Language: "en", Role: RoleEditor, Author: "E",
			Entries: []Entry{{Index: 1, Text: "Kim met Putin in Moscow."}}}); err != nil {
			return err
		}
		if _, err := tx.Approve(ctx, "a", "en", "E", []int{1}); err != nil {
			return err
		}
		if n := entriesIn(t, tx); n != 0 {
			t.Errorf("%d memory entries inside the Update, want none yet", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ms := lookup(ctx)
	if len(ms) != 1 || ms[0].Target != "Kim met Putin in Moscow." || ms[0].Origin.Status != "final" {
		t.Fatalf("lookup after the Update: %+v", ms)
	}
	var made int
	if err := s.db.QueryRow(`SELECT seq FROM sqlite_sequence WHERE name = 'memory_entry'`).Scan(&made); err != nil || made != 1 {
		t.Errorf("%d memory entries made (%v), want 1", made, err)
	}
}

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
	var n int
	if err := tx.t.tx.QueryRow(`SELECT count(*) FROM memory_entry`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
