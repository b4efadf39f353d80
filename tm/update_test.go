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
