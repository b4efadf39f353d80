package storetest

import (
	"github.com/padan-tm/padan/tm"

	"context"
	"errors"
	"testing"

	"github.com/padan-tm/padan/worddiff"
)

// TestSyncMemory follows a document's unit through the workflow: it enters
// the memory when reviewed, is refreshed when approved, and leaves it when
// rejected; the lookup flags a context match.
func testSyncMemory(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	sources := []string{"Kim bertemu Putin di Moskow.", "Kedua pemimpin membahas kerja sama militer.", "Pertemuan berlangsung tiga jam."}
	nd := tm.NewDocument{Name: "berita", Language: "id", Original: []byte("x")}
	for i, src := range sources {
		nd.Units = append(nd.Units, tm.SourceUnit{Index: i + 1, Kind: "sentence", Text: src})
	}
	if _, err := s.Import(ctx, nd); err != nil {
		t.Fatal(err)
	}
	lookup := func(text string, prev, next string) []tm.Match {
		t.Helper()
		ms, err := s.Lookup(ctx, tm.LookupQuery{Text: text, SourceLang: "id", TargetLang: "en", Min: 75, Prev: prev, Next: next})
		if err != nil {
			t.Fatal(err)
		}
		return ms
	}
	if _, err := s.Revise(ctx, tm.Change{Document: "berita", Language: "en", Role: tm.RoleTranslator, Author: "ana",
		Entries: []tm.Entry{{Index: 1, Text: "Kim met Putin in Moscow.", Score: -1}, {Index: 2, Text: "The two leaders discussed military cooperation.", Score: -1}}}); err != nil {
		t.Fatal(err)
	}
	if ms := lookup(sources[1], "", ""); len(ms) != 0 {
		t.Fatalf("a translated (not reviewed) unit is in the memory: %+v", ms)
	}
	if _, err := s.Revise(ctx, tm.Change{Document: "berita", Language: "en", Role: tm.RoleEditor, Author: "budi",
		Entries: []tm.Entry{{Index: 2, Text: "Both leaders discussed military cooperation.", Score: -1}}}); err != nil {
		t.Fatal(err)
	}
	ms := lookup(sources[1], sources[0], sources[2])
	if len(ms) != 1 || ms[0].Target != "Both leaders discussed military cooperation." || ms[0].Score != 100 || !ms[0].Context {
		t.Fatalf("after review: %+v", ms)
	}
	o := ms[0].Origin
	if o.Kind != tm.OriginDocument || o.Document != "berita" || o.Segment != "2" || o.Author != "budi" || o.Role != "editor" || o.Status != "reviewed" || o.Time.IsZero() {
		t.Errorf("origin = %+v", o)
	}
	if ms[0].History != nil {
		t.Errorf("history without asking: %+v", ms[0].History)
	}
	hs, err := s.Lookup(ctx, tm.LookupQuery{Text: sources[1], SourceLang: "id", TargetLang: "en", Min: 75, History: true})
	if err != nil || len(hs) != 1 || hs[0].History == nil {
		t.Fatalf("lookup with history: %+v, %v", hs, err)
	}
	if h := hs[0].History; h.Text != "The two leaders discussed military cooperation." || h.Author != "ana" || h.Time.IsZero() ||
		worddiff.Markers(h.Diff) != "[-The two-]{+Both+} leaders discussed military cooperation." {
		t.Errorf("history = %+v (%s)", h, worddiff.Markers(h.Diff))
	}
	if ms := lookup(sources[1], sources[0], "Lain."); len(ms) != 1 || ms[0].Context {
		t.Errorf("other neighbours gave a context match: %+v", ms)
	}
	if _, err := s.Approve(ctx, "berita", "en", "citra", []int{2}); err != nil {
		t.Fatal(err)
	}
	if ms := lookup(sources[1], "", ""); len(ms) != 1 || ms[0].Origin.Status != "final" {
		t.Fatalf("after approval: %+v", ms)
	}
	if err := s.Reject(ctx, "berita", "en", "citra", 2, "salah"); err != nil {
		t.Fatal(err)
	}
	if ms := lookup(sources[1], "", ""); len(ms) != 0 {
		t.Fatalf("a rejected unit stayed in the memory: %+v", ms)
	}
	if rep := CheckMemory(t, s); rep.Entries != 0 || rep.Postings != 0 {
		t.Errorf("the memory keeps %d entries, %d postings after the rejection", rep.Entries, rep.Postings)
	}
	if hits, err := s.Concordance(ctx, tm.ConcordanceQuery{Term: "militer", Lang: "id"}); err != nil || len(hits) != 0 {
		t.Errorf("concordance after the entries went: %+v, %v", hits, err)
	}
}

func testAddEntriesDedupe(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	es := []tm.MemoryEntry{
		{SourceLang: "id", TargetLang: "en", Source: "Selamat pagi.", Target: "Good morning."},
		{SourceLang: "id", TargetLang: "en", Source: "Selamat pagi.", Target: "Morning."},
		{SourceLang: "id", TargetLang: "en", Source: "Selamat pagi.", Target: "Good morning."},
		{SourceLang: "id", TargetLang: "de", Source: "Selamat pagi.", Target: "Guten Morgen."},
	}
	if a, k, err := s.AddEntries(ctx, es); err != nil || a != 3 || k != 1 {
		t.Fatalf("first AddEntries = %d added, %d skipped, %v; want 3, 1", a, k, err)
	}
	if a, k, err := s.AddEntries(ctx, es); err != nil || a != 0 || k != 4 {
		t.Fatalf("second AddEntries = %d added, %d skipped, %v; want 0, 4", a, k, err)
	}
	ms, err := s.Lookup(ctx, tm.LookupQuery{Text: "selamat pagi", SourceLang: "id", TargetLang: "en", Min: 50})
	if err != nil || len(ms) != 2 {
		t.Fatalf("Lookup = %+v, %v; want the two English entries", ms, err)
	}
	// Case and punctuation differ: 100 − 1 − 1.
	if ms[0].Score != 98 || ms[0].Base != 100 || len(ms[0].Penalties) != 2 {
		t.Errorf("match = %+v", ms[0])
	}
	if _, _, err := s.AddEntries(ctx, []tm.MemoryEntry{{Source: "a", Target: "b"}}); !errors.Is(err, tm.ErrBadLanguage) {
		t.Errorf("entry without languages: %v, want ErrBadLanguage", err)
	}
	for _, m := range []int{0, 101} {
		if _, err := s.Lookup(ctx, tm.LookupQuery{Text: "x", SourceLang: "id", TargetLang: "en", Min: m}); !errors.Is(err, tm.ErrMinScore) {
			t.Errorf("min %d: %v, want ErrMinScore", m, err)
		}
	}
	if ms, err := s.Lookup(ctx, tm.LookupQuery{Text: "Selamat pagi.", SourceLang: "id", TargetLang: "fr", Min: 50}); err != nil || len(ms) != 0 {
		t.Errorf("unknown pair: %+v, %v", ms, err)
	}
}

func testLookupEmptyKeys(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	if _, _, err := s.AddEntries(ctx, []tm.MemoryEntry{
		{SourceLang: "id", TargetLang: "en", Source: "—", Target: "—"},
		{SourceLang: "id", TargetLang: "en", Source: "!", Target: "!"},
		{SourceLang: "id", TargetLang: "en", Source: "kata", Target: "word"},
	}); err != nil {
		t.Fatal(err)
	}
	ms, err := s.Lookup(ctx, tm.LookupQuery{Text: "—", SourceLang: "id", TargetLang: "en", Min: 90})
	if err != nil || len(ms) != 2 || ms[0].Source != "—" || ms[0].Score != 100 || ms[1].Score != 99 {
		t.Fatalf("Lookup(—) = %+v, %v", ms, err)
	}
}

// TestLookupRepeatedKeys needs the count filter to count a key the query
// holds twice twice: the match shares exactly the minimum number of keys,
// two of them the same word.
func testLookupRepeatedKeys(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	es := []tm.MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "alfa alfa bravo echo foxtrot", Target: "match"}}
	for _, f := range []string{"bravo charlie delta golf", "bravo charlie delta hotel", "charlie delta india juliet", "bravo charlie delta kilo"} {
		es = append(es, tm.MemoryEntry{SourceLang: "id", TargetLang: "en", Source: f, Target: f})
	}
	if _, _, err := s.AddEntries(ctx, es); err != nil {
		t.Fatal(err)
	}
	// Query alfa alfa bravo charlie delta: 2 edits of 5, base 60; it
	// shares alfa, alfa, bravo = 3 = ⌈60·5/100⌉ keys with the match.
	ms, err := s.Lookup(ctx, tm.LookupQuery{Text: "alfa alfa bravo charlie delta", SourceLang: "id", TargetLang: "en", Min: 60})
	if err != nil {
		t.Fatal(err)
	}
	var targets []string
	for _, m := range ms {
		targets = append(targets, m.Target)
	}
	if len(ms) == 0 || ms[len(ms)-1].Target != "match" || ms[len(ms)-1].Score != 60 {
		t.Fatalf("matches %v; want the 60%% match last", targets)
	}
}

// TestSyncMemoryTouchedOnly checks the sync that the writing methods run
// themselves, on the units they touched only: an edit in the middle of a
// document enters the memory with its neighbours as context, and the other
// reviewed units keep theirs.
func testSyncMemoryTouchedOnly(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	sources := []string{"Satu.", "Kim bertemu Putin di Moskow.", "Kedua pemimpin membahas kerja sama.", "Pertemuan berlangsung lama.", "Lima."}
	nd := tm.NewDocument{Name: "berita", Language: "id", Original: []byte("x")}
	for i, src := range sources {
		nd.Units = append(nd.Units, tm.SourceUnit{Index: i + 1, Kind: "sentence", Text: src})
	}
	if _, err := s.Import(ctx, nd); err != nil {
		t.Fatal(err)
	}
	for _, e := range []tm.Entry{{Index: 2, Text: "Kim met Putin in Moscow.", Score: -1}, {Index: 3, Text: "The two leaders discussed cooperation.", Score: -1}} {
		if _, err := s.Revise(ctx, tm.Change{Document: "berita", Language: "en", Role: tm.RoleEditor, Author: "budi", Entries: []tm.Entry{e}}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i <= 2; i++ { // units 2 and 3 (0-based 1 and 2)
		ms, err := s.Lookup(ctx, tm.LookupQuery{Text: sources[i], SourceLang: "id", TargetLang: "en", Min: 100, Prev: sources[i-1], Next: sources[i+1]})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || !ms[0].Context {
			t.Errorf("unit %d: %+v, want one context match", i+1, ms)
		}
	}
}
