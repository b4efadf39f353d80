package storetest

import (
	"github.com/padan-tm/padan/tm"

	"context"
	"errors"
	"fmt"
	"testing"
)

// genEntries returns n entries with distinct sources sharing words, more
// than one chunk and one statement batch of the import.
func genEntries(n int) []tm.MemoryEntry {
	es := make([]tm.MemoryEntry, n)
	for i := range es {
		es[i] = tm.MemoryEntry{SourceLang: "id", TargetLang: "en",
			Source: fmt.Sprintf("Kalimat nomor %d tentang kerja sama %d.", i, i%7),
			Target: fmt.Sprintf("Sentence number %d about cooperation %d.", i, i%7),
			Origin: tm.Origin{Kind: tm.OriginImport, File: "gen.tmx", Segment: fmt.Sprint(i + 1)}}
	}
	return es
}

// memoryCounts checks the memory's index and returns its counts.
func memoryCounts(t *testing.T, s *tm.Store) tm.MemoryReport {
	t.Helper()
	return CheckMemory(t, s)
}

// sliceEntries returns a next function over entries, for AddEntriesFrom.
func sliceEntries(entries []tm.MemoryEntry) func() (tm.MemoryEntry, bool, error) {
	i := 0
	return func() (tm.MemoryEntry, bool, error) {
		if i == len(entries) {
			return tm.MemoryEntry{}, false, nil
		}
		i++
		return entries[i-1], true, nil
	}
}

// TestAddEntriesFromRollback: an error at the very last entry, from the
// stream or from the entry itself, leaves the memory as it was, although
// thousands of entries before it went through the writes.
func testAddEntriesFromRollback(t *testing.T, open Opener) {
	ctx := context.Background()
	errRead := errors.New("read failed")
	tests := []struct {
		name string
		last func(es []tm.MemoryEntry) func() (tm.MemoryEntry, bool, error)
		want error
	}{
		{"stream error", func(es []tm.MemoryEntry) func() (tm.MemoryEntry, bool, error) {
			next := sliceEntries(es)
			return func() (tm.MemoryEntry, bool, error) {
				e, ok, err := next()
				if !ok {
					return tm.MemoryEntry{}, false, errRead
				}
				return e, ok, err
			}
		}, errRead},
		{"bad last entry", func(es []tm.MemoryEntry) func() (tm.MemoryEntry, bool, error) {
			es = append(es, tm.MemoryEntry{SourceLang: "id", Source: "tanpa bahasa sasaran", Target: "x"})
			return sliceEntries(es)
		}, tm.ErrBadLanguage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			if _, _, err := s.AddEntries(ctx, genEntries(10)); err != nil {
				t.Fatal(err)
			}
			before := memoryCounts(t, s)
			added, skipped, err := s.AddEntriesFrom(ctx, tt.last(genEntries(3000)))
			if !errors.Is(err, tt.want) || added != 0 || skipped != 0 {
				t.Fatalf("AddEntriesFrom = %d, %d, %v; want 0, 0, %v", added, skipped, err, tt.want)
			}
			if after := memoryCounts(t, s); after != before {
				t.Errorf("tables after the failed import = %v, want %v", after, before)
			}
			ms, err := s.Lookup(ctx, tm.LookupQuery{Text: "Kalimat nomor 2999 tentang kerja sama 3.", SourceLang: "id", TargetLang: "en", Min: 100})
			if err != nil || len(ms) != 0 {
				t.Errorf("lookup after the failed import = %+v, %v; want nothing", ms, err)
			}
		})
	}
}

// TestAddEntriesFromReimport: importing the same entries again, in one
// stream or split differently, adds nothing and changes no table; entries
// repeated within one stream are added once.
func testAddEntriesFromReimport(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	es := genEntries(2500)
	twice := append(append([]tm.MemoryEntry{}, es[:1500]...), es...)
	added, skipped, err := s.AddEntriesFrom(ctx, sliceEntries(twice))
	if err != nil || added != len(es) || skipped != 1500 {
		t.Fatalf("first import = %d added, %d skipped, %v; want %d, 1500", added, skipped, err, len(es))
	}
	first := memoryCounts(t, s)
	if first.Entries != len(es) {
		t.Fatalf("index = %+v, want %d entries", first, len(es))
	}
	for _, part := range [][]tm.MemoryEntry{es, es[1000:], es[:7]} {
		added, skipped, err := s.AddEntriesFrom(ctx, sliceEntries(part))
		if err != nil || added != 0 || skipped != len(part) {
			t.Errorf("re-import of %d = %d added, %d skipped, %v; want 0, %d", len(part), added, skipped, err, len(part))
		}
	}
	if again := memoryCounts(t, s); again != first {
		t.Errorf("tables after re-imports = %v, want %v", again, first)
	}
	ms, err := s.Lookup(ctx, tm.LookupQuery{Text: "Kalimat nomor 1234 tentang kerja sama 2.", SourceLang: "id", TargetLang: "en", Min: 100})
	if err != nil || len(ms) != 1 || ms[0].Target != "Sentence number 1234 about cooperation 2." {
		t.Errorf("lookup = %+v, %v; want the one entry", ms, err)
	}
	// The text index holds each entry once.
	hits, err := s.Concordance(ctx, tm.ConcordanceQuery{Term: "1234", Lang: "id"})
	if err != nil || len(hits) != 1 {
		t.Errorf("concordance = %+v, %v; want one hit", hits, err)
	}
}

// TestAddEntriesFromKeys: every entry's stored keys name, through the
// dictionary, exactly the keys of its source, whether the worker found the
// token ids in its snapshot of the dictionary or the writer found them
// (the first 5,000 entries bring new words, the others none: both
// happen), and in a second import
// over a dictionary already on disk.
func testAddEntriesFromKeys(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	gen := func(from, n int) []tm.MemoryEntry {
		es := make([]tm.MemoryEntry, n)
		for i := range es {
			k := from + i
			es[i] = tm.MemoryEntry{SourceLang: "id", TargetLang: "en",
				Source: fmt.Sprintf("Kata%d dan kata%d, bersama KATA%d: Kata %d nomor %d.", k%5000, k%97, k%50, k%3, k),
				Target: fmt.Sprintf("Word %d.", k)}
		}
		return es
	}
	for _, es := range [][]tm.MemoryEntry{gen(0, 12000), gen(12000, 3000)} {
		if _, _, err := s.AddEntriesFrom(ctx, sliceEntries(es)); err != nil {
			t.Fatal(err)
		}
	}
	// Check compares every entry's key list with the keys of its source.
	if rep := CheckMemory(t, s); rep.Entries != 15000 {
		t.Errorf("%d entries checked, want 15000", rep.Entries)
	}
}
