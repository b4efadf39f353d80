package tm

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
)

// genEntries returns n entries with distinct sources sharing words, more
// than one chunk and one statement batch of the import.
func genEntries(n int) []MemoryEntry {
	es := make([]MemoryEntry, n)
	for i := range es {
		es[i] = MemoryEntry{SourceLang: "id", TargetLang: "en",
			Source: fmt.Sprintf("Kalimat nomor %d tentang kerja sama %d.", i, i%7),
			Target: fmt.Sprintf("Sentence number %d about cooperation %d.", i, i%7),
			Origin: Origin{Kind: OriginImport, File: "gen.tmx", Segment: fmt.Sprint(i + 1)}}
	}
	return es
}

// memoryCounts returns the row counts of the memory's tables and the sum of
// the token frequencies.
func memoryCounts(t *testing.T, s *Store) [6]int {
	t.Helper()
	var c [6]int
	for i, q := range []string{`SELECT count(*) FROM memory_entry`, `SELECT count(*) FROM memory_keys`, `SELECT count(*) FROM memory_token`,
		`SELECT count(*) FROM memory_posting`, `SELECT COALESCE(sum(df), 0) FROM memory_token`, `SELECT count(*) FROM memory_text`} {
		if err := s.db.QueryRow(q).Scan(&c[i]); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return c
}

// TestAddEntriesFromRollback: an error at the very last entry, from the
// stream or from the entry itself, leaves the memory as it was, although
// thousands of entries before it went through the writes.
func TestAddEntriesFromRollback(t *testing.T) {
	ctx := context.Background()
	errRead := errors.New("read failed")
	tests := []struct {
		name string
		last func(es []MemoryEntry) func() (MemoryEntry, bool, error)
		want error
	}{
		{"stream error", func(es []MemoryEntry) func() (MemoryEntry, bool, error) {
			next := sliceEntries(es)
			return func() (MemoryEntry, bool, error) {
				e, ok, err := next()
				if !ok {
					return MemoryEntry{}, false, errRead
				}
				return e, ok, err
			}
		}, errRead},
		{"bad last entry", func(es []MemoryEntry) func() (MemoryEntry, bool, error) {
			es = append(es, MemoryEntry{SourceLang: "id", Source: "tanpa bahasa sasaran", Target: "x"})
			return sliceEntries(es)
		}, ErrBadLanguage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openMemoryStore(t)
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
			ms, err := s.Lookup(ctx, LookupQuery{Text: "Kalimat nomor 2999 tentang kerja sama 3.", SourceLang: "id", TargetLang: "en", Min: 100})
			if err != nil || len(ms) != 0 {
				t.Errorf("lookup after the failed import = %+v, %v; want nothing", ms, err)
			}
		})
	}
}

// TestAddEntriesFromReimport: importing the same entries again, in one
// stream or split differently, adds nothing and changes no table; entries
// repeated within one stream are added once.
func TestAddEntriesFromReimport(t *testing.T) {
	ctx := context.Background()
	s := openMemoryStore(t)
	es := genEntries(2500)
	twice := append(append([]MemoryEntry{}, es[:1500]...), es...)
	added, skipped, err := s.AddEntriesFrom(ctx, sliceEntries(twice))
	if err != nil || added != len(es) || skipped != 1500 {
		t.Fatalf("first import = %d added, %d skipped, %v; want %d, 1500", added, skipped, err, len(es))
	}
	first := memoryCounts(t, s)
	if first[0] != len(es) || first[1] != len(es) || first[5] != len(es) {
		t.Fatalf("tables = %v, want %d entries, keys and text rows", first, len(es))
	}
	for _, part := range [][]MemoryEntry{es, es[1000:], es[:7]} {
		added, skipped, err := s.AddEntriesFrom(ctx, sliceEntries(part))
		if err != nil || added != 0 || skipped != len(part) {
			t.Errorf("re-import of %d = %d added, %d skipped, %v; want 0, %d", len(part), added, skipped, err, len(part))
		}
	}
	if again := memoryCounts(t, s); again != first {
		t.Errorf("tables after re-imports = %v, want %v", again, first)
	}
	ms, err := s.Lookup(ctx, LookupQuery{Text: "Kalimat nomor 1234 tentang kerja sama 2.", SourceLang: "id", TargetLang: "en", Min: 100})
	if err != nil || len(ms) != 1 || ms[0].Target != "Sentence number 1234 about cooperation 2." {
		t.Errorf("lookup = %+v, %v; want the one entry", ms, err)
	}
	// The text index holds each entry once.
	hits, err := s.Concordance(ctx, ConcordanceQuery{Term: "1234", Lang: "id"})
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
func TestAddEntriesFromKeys(t *testing.T) {
	ctx := context.Background()
	s := openMemoryStore(t)
	gen := func(from, n int) []MemoryEntry {
		es := make([]MemoryEntry, n)
		for i := range es {
			k := from + i
			es[i] = MemoryEntry{SourceLang: "id", TargetLang: "en",
				Source: fmt.Sprintf("Kata%d dan kata%d, bersama KATA%d: Kata %d nomor %d.", k%5000, k%97, k%50, k%3, k),
				Target: fmt.Sprintf("Word %d.", k)}
		}
		return es
	}
	for _, es := range [][]MemoryEntry{gen(0, 12000), gen(12000, 3000)} {
		if _, _, err := s.AddEntriesFrom(ctx, sliceEntries(es)); err != nil {
			t.Fatal(err)
		}
	}
	keyOf := map[int64]string{}
	rows, err := s.db.Query(`SELECT id, key FROM memory_token`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			t.Fatal(err)
		}
		keyOf[id] = key
	}
	rows.Close()
	rows, err = s.db.Query(`SELECT e.source, k.keys FROM memory_entry e JOIN memory_keys k ON k.id = e.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var source string
		var blob []byte
		if err := rows.Scan(&source, &blob); err != nil {
			t.Fatal(err)
		}
		ids, err := decodeKeys(nil, blob)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, id := range ids {
			got = append(got, keyOf[id])
		}
		if want := analyzeKeys(source); !slices.Equal(got, want) {
			t.Fatalf("keys of %q = %q, want %q", source, got, want)
		}
		n++
	}
	if n != 15000 {
		t.Errorf("%d entries checked, want 15000", n)
	}
}
