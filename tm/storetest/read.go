package storetest

import (
	"github.com/padan-tm/padan/tm"

	"context"
	"errors"
	"fmt"
	"testing"
)

// streamed returns the units EachUnit gives, checking that each call gets a
// unit of its own.
func streamed(t *testing.T, s *tm.Store, ref, lang string) []tm.Unit {
	t.Helper()
	var ptrs []*tm.Unit
	doc, err := s.Document(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EachUnit(context.Background(), doc, lang, false, func(u *tm.Unit) error {
		ptrs = append(ptrs, u)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	units := make([]tm.Unit, len(ptrs))
	for i, u := range ptrs {
		if i > 0 && u == ptrs[i-1] {
			t.Fatalf("unit %d: the same *Unit as the one before", u.Index)
		}
		units[i] = *u
	}
	return units
}

func at(units []tm.Unit, i int) any {
	if i < len(units) {
		return units[i]
	}
	return "none"
}

// TestEachUnitErrors checks that an error of fn stops the reading and comes
// back as it is, that strict refuses a language before any call, and that
// the units read are those of the version the document was read at.
func testEachUnitErrors(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	mustImport(t, s, sampleDoc("berita", "Satu.", "Dua.", "Tiga."))
	mustRevise(t, s, "berita", "en", tm.RoleTranslator, "T", tm.Entry{Index: 1, Text: "One."})
	doc, err := s.Document(ctx, "berita")
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop")
	calls := 0
	err = s.EachUnit(ctx, doc, "en", true, func(u *tm.Unit) error {
		calls++
		if u.Index == 2 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 2 {
		t.Errorf("fn's error: %v after %d calls", err, calls)
	}
	calls = 0
	err = s.EachUnit(ctx, doc, "fr", true, func(*tm.Unit) error { calls++; return nil })
	var le *tm.LanguageError
	if !errors.As(err, &le) || calls != 0 {
		t.Errorf("strict, no French: %v after %d calls", err, calls)
	}
	var de *tm.DocumentError
	if err := s.EachUnit(ctx, tm.Document{Name: "made up"}, "en", false, func(*tm.Unit) error { return nil }); !errors.As(err, &de) {
		t.Errorf("a document not read from the store: %v", err)
	}

	// A new version imported after doc was read: EachUnit reads doc's.
	mustImport(t, s, sampleDoc("berita", "Satu.", "Dua.", "Tiga.", "Empat."))
	calls = 0
	if err := s.EachUnit(ctx, doc, "en", false, func(*tm.Unit) error { calls++; return nil }); err != nil || calls != 3 {
		t.Errorf("after a new version: %v, %d units, want doc's 3", err, calls)
	}
}

// TestEachUnitStops checks that EachUnit stops reading ahead when fn fails
// or the context ends, on a document longer than what it reads ahead.
func testEachUnitStops(t *testing.T, open Opener) {
	s := open(t)
	n := 256*(4+2) + 7 // more than EachUnit reads ahead (4 batches of 256 on SQLite)
	var texts []string
	for i := range n {
		texts = append(texts, fmt.Sprintf("Kalimat %d.", i+1))
	}
	mustImport(t, s, sampleDoc("panjang", texts...))
	doc, err := s.Document(context.Background(), "panjang")
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	if err := s.EachUnit(context.Background(), doc, "en", false, func(u *tm.Unit) error {
		if calls++; u.Index != calls || u.Source != texts[calls-1] {
			t.Fatalf("call %d: unit %d %q", calls, u.Index, u.Source)
		}
		return nil
	}); err != nil || calls != n {
		t.Fatalf("whole document: %v after %d of %d units", err, calls, n)
	}

	stop := errors.New("stop")
	calls = 0
	err = s.EachUnit(context.Background(), doc, "en", false, func(u *tm.Unit) error {
		calls++
		if u.Index == 3 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 3 {
		t.Errorf("fn's error: %v after %d calls", err, calls)
	}

	ctx, cancel := context.WithCancel(context.Background())
	calls = 0
	err = s.EachUnit(ctx, doc, "en", false, func(u *tm.Unit) error {
		if calls++; calls == 1 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls >= n {
		t.Errorf("context canceled: %v after %d of %d units", err, calls, n)
	}
	// The store still serves reads: EachUnit let its transaction go.
	if _, err := s.Translation(context.Background(), "panjang", "en", false); err != nil {
		t.Errorf("after EachUnit stopped: %v", err)
	}
}
