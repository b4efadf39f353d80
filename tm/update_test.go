package tm

import (
	"context"
	"errors"
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
	err := s.Update(context.Background(), func(ctx context.Context) error {
		if _, err := s.Revise(ctx, change); err != nil {
			return err
		}
		if _, err := s.Approve(ctx, "a", "en", "E", []int{1}); err != nil {
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
	err = s.Update(context.Background(), func(ctx context.Context) error {
		if _, err := s.Revise(ctx, change); err != nil {
			return err
		}
		bad := Change{Document: "a", Language: "en", Role: RoleEditor, Author: "E",
			Entries: []Entry{{Index: 1, Text: "Uno."}, {Index: 9, Text: "Nine."}}}
		if _, err := s.Revise(ctx, bad); !errors.Is(err, ErrNoSegment) {
			t.Errorf("bad revise inside Update: %v", err)
		}
		_, err := s.Approve(ctx, "a", "en", "E", []int{1, 2})
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
		err := s.Update(context.Background(), func(ctx context.Context) error {
			res, err := s.Import(ctx, sampleDoc("baru", "Satu.", "Dua."))
			if err != nil {
				return err
			}
			if !res.New || res.Document.Units != 2 {
				t.Errorf("import inside Update: %+v", res)
			}
			if _, err := s.Revise(ctx, Change{Document: "baru", Language: "en", Role: RoleTranslator, Author: "T",
				Entries: []Entry{{Index: 2, Text: "Two."}}}); err != nil {
				return err
			}
			tr, err := s.Translation(ctx, "baru", "en", true)
			if err != nil {
				return err
			}
			var streamed []string
			if err := s.EachUnit(ctx, tr.Document, "en", true, func(u *Unit) error {
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
