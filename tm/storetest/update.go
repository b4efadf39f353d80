package storetest

import (
	"github.com/padan-tm/padan/tm"

	"context"
	"errors"
	"testing"
)

// TestUpdate checks that Update writes all of its calls in one transaction
// or none, and that a call failing inside it undoes only its own writes.
func testUpdate(t *testing.T, open Opener) {
	s := open(t)
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua."))
	change := tm.Change{Document: "a", Language: "en", Role: tm.RoleEditor, Author: "E",
		Entries: []tm.Entry{{Index: 1, Text: "One."}, {Index: 2, Text: "Two."}}}
	boom := errors.New("boom")

	// An error after two successful calls: nothing is written.
	err := s.Update(context.Background(), func(ctx context.Context, tx *tm.Tx) error {
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
	if n := revisionCount(t, s); n != 0 {
		t.Fatalf("%d revisions written by a failed Update", n)
	}

	// A call that fails inside Update undoes its own writes; the rest
	// commits together.
	err = s.Update(context.Background(), func(ctx context.Context, tx *tm.Tx) error {
		if _, err := tx.Revise(ctx, change); err != nil {
			return err
		}
		bad := tm.Change{Document: "a", Language: "en", Role: tm.RoleEditor, Author: "E",
			Entries: []tm.Entry{{Index: 1, Text: "Uno."}, {Index: 9, Text: "Nine."}}}
		if _, err := tx.Revise(ctx, bad); !errors.Is(err, tm.ErrNoSegment) {
			t.Errorf("bad revise inside Update: %v", err)
		}
		_, err := tx.Approve(ctx, "a", "en", "E", []int{1, 2})
		return err
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if n := revisionCount(t, s); n != 4 {
		t.Fatalf("%d revisions, want 2 edits and 2 approvals", n)
	}
	tr, err := s.Translation(context.Background(), "a", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Units[0]; got.Target != "One." || got.Status != tm.StatusFinal {
		t.Errorf("unit 1: %q %s, want One. final", got.Target, got.Status)
	}
}

// TestUpdateReads checks that reads inside Update see its writes: a new
// document imported and revised in one Update, read back (whole and
// streamed) before the commit, and nothing of it after a failure.
func testUpdateReads(t *testing.T, open Opener) {
	s := open(t)
	boom := errors.New("boom")
	for _, fail := range []bool{true, false} {
		err := s.Update(context.Background(), func(ctx context.Context, tx *tm.Tx) error {
			res, err := tx.Import(ctx, sampleDoc("baru", "Satu.", "Dua."))
			if err != nil {
				return err
			}
			if !res.New || res.Document.Units != 2 {
				t.Errorf("import inside Update: %+v", res)
			}
			if _, err := tx.Revise(ctx, tm.Change{Document: "baru", Language: "en", Role: tm.RoleTranslator, Author: "T",
				Entries: []tm.Entry{{Index: 2, Text: "Two."}}}); err != nil {
				return err
			}
			tr, err := tx.Translation(ctx, "baru", "en", true)
			if err != nil {
				return err
			}
			var streamed []string
			if err := tx.EachUnit(ctx, tr.Document, "en", true, func(u *tm.Unit) error {
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
		var de *tm.DocumentError
		if fail != errors.As(err, &de) {
			t.Errorf("after Update (fail %v): document read gives %v", fail, err)
		}
	}
}

// TestUpdateSyncsMemoryOnce checks that the memory takes in the units an
// Update revises at its end, once: a unit revised by the editor and then
// approved enters it as final, with one entry ever made, and none is
// there before the end.
func testUpdateSyncsMemoryOnce(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	mustImport(t, s, sampleDoc("a", "Kim bertemu Putin di Moskow.", "Dua pemimpin bertemu."))
	lookup := func(ctx context.Context) []tm.Match {
		t.Helper()
		ms, err := s.Lookup(ctx, tm.LookupQuery{Text: "Kim bertemu Putin di Moskow.", SourceLang: "id", TargetLang: "en", Min: 100})
		if err != nil {
			t.Fatal(err)
		}
		return ms
	}
	err := s.Update(ctx, func(ctx context.Context, tx *tm.Tx) error {
		if _, err := tx.Revise(ctx, tm.Change{Document: "a", Language: "en", Role: tm.RoleEditor, Author: "E",
			Entries: []tm.Entry{{Index: 1, Text: "Kim met Putin in Moscow."}}}); err != nil {
			return err
		}
		if _, err := tx.Approve(ctx, "a", "en", "E", []int{1}); err != nil {
			return err
		}
		if n := entriesIn(t, ctx, tx); n != 0 {
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
	// One entry was ever made: the first of the store (ids start at 1 on
	// every backend, and this store rolled nothing back).
	if ms[0].ID != 1 {
		t.Errorf("the entry has id %d: entries were made and replaced inside the Update", ms[0].ID)
	}
	CheckMemory(t, s)
}

// entriesIn counts the memory entries as the Update of tx sees them
// (lookups read the memory as committed).
func entriesIn(t *testing.T, ctx context.Context, tx *tm.Tx) int {
	t.Helper()
	rep, err := tx.CheckMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return rep.Entries
}
