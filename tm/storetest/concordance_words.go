package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/padan-tm/padan/tm"
)

// testConcordanceWords: concordance cuts texts and terms into the words
// of SQLite's FTS5 (tokenizer "unicode61 remove_diacritics 2") on every
// backend: a decimal, an amount, an e-mail address, a URL, a file path
// and a hyphenated word are their letters and digits; an apostrophe
// separates; case and diacritics do not count; punctuation between two
// words does not break a phrase. The hits are what FTS5 finds, written
// out by hand.
func testConcordanceWords(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	sources := []string{
		"Inflasi naik 1.5 persen.",                             // 1
		"Harga Rp400.000 per gram.",                            // 2
		"Kirim surel ke redaksi@antaranews.com segera.",        // 3
		"Baca https://www.antaranews.com/berita/123 hari ini.", // 4
		`Berkas C:\Data\laporan_2026.docx hilang.`,             // 5
		"Korea-Utara menembakkan rudal.",                       // 6
		"Ada kupu-kupu di taman.",                              // 7
		"Salat Jum'at di masjid.",                              // 8
		"Dia bilang \"I don't know\".",                         // 9
		"Café ÉCOLE de Paris.",                                 // 10
		"Пхеньян dan 東京 dan 서울.",                               // 11
		"Pertemuan di Korea. Utara menolak.",                   // 12
	}
	var entries []tm.MemoryEntry
	for i, src := range sources {
		entries = append(entries, tm.MemoryEntry{SourceLang: "id", TargetLang: "en", Source: src, Target: "Target " + string(rune('a'+i)) + ", e-mail 2.0."})
	}
	if added, _, err := s.AddEntries(ctx, entries); err != nil || added != len(entries) {
		t.Fatalf("AddEntries: %d, %v", added, err)
	}
	tests := []struct {
		term string
		ids  []int64
	}{
		{"1.5", []int64{1}},
		{"1 5 persen", []int64{1}},
		{"5", []int64{1}},
		{"15", nil},
		{"Rp400", []int64{2}},
		{"rp400.000", []int64{2}},
		{"400.000", nil},
		{"000 per", []int64{2}},
		{"redaksi", []int64{3}},
		{"redaksi@antaranews.com", []int64{3}},
		{"antaranews com", []int64{4, 3}},
		{"www.antaranews", []int64{4}},
		{"berita 123 hari", []int64{4}},
		{"https", []int64{4}},
		{"laporan", []int64{5}},
		{"data laporan 2026 docx", []int64{5}},
		{`c:\data`, []int64{5}},
		{"Korea Utara", []int64{12, 6}},
		{"korea-utara", []int64{12, 6}},
		{"utara", []int64{12, 6}},
		{"korea utara menolak", []int64{12}},
		{"kupu", []int64{7}},
		{"kupu-kupu di", []int64{7}},
		{"ada kupu kupu", []int64{7}},
		{"jum'at", []int64{8}},
		{"jum at di", []int64{8}},
		{"jumat", nil},
		{"don't", []int64{9}},
		{"t know", []int64{9}},
		{"cafe", []int64{10}},
		{"CAFÉ école", []int64{10}},
		{"ecole de paris", []int64{10}},
		{"Пхеньян", []int64{11}},
		{"пхеньян dan", []int64{11}},
		{"서울", []int64{11}},
		{"dan dan", nil},
	}
	for _, tt := range tests {
		hits, err := s.Concordance(ctx, tm.ConcordanceQuery{Term: tt.term, Lang: "id"})
		if err != nil {
			t.Errorf("%q: %v", tt.term, err)
			continue
		}
		var ids []int64
		for _, h := range hits {
			ids = append(ids, h.ID)
		}
		if !slices.Equal(ids, tt.ids) {
			t.Errorf("Concordance(%q) = %v, want %v", tt.term, ids, tt.ids)
		}
	}
	// The other writers of entries: a streamed import, and the sync of a
	// reviewed unit.
	streamed := []tm.MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "Suhu 36.6 derajat.", Target: "A 36.6-degree temperature."}}
	if _, _, err := s.AddEntriesFrom(ctx, func() (tm.MemoryEntry, bool, error) {
		if len(streamed) == 0 {
			return tm.MemoryEntry{}, false, nil
		}
		e := streamed[0]
		streamed = streamed[1:]
		return e, true, nil
	}); err != nil {
		t.Fatal(err)
	}
	nd := tm.NewDocument{Name: "berita", Language: "id", Original: []byte("x"),
		Units: []tm.SourceUnit{{Index: 1, Kind: "sentence", Text: "Skor akhir 2-1 untuk Persib."}}}
	if _, err := s.Import(ctx, nd); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Revise(ctx, tm.Change{Document: "berita", Language: "en", Role: tm.RoleEditor, Author: "budi",
		Entries: []tm.Entry{{Index: 1, Text: "Final score 2-1 to Persib.", Score: -1}}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		term   string
		target bool
		want   int
	}{{"36 6 derajat", false, 1}, {"6 degree", true, 1}, {"akhir 2 1 untuk", false, 1}, {"score 2", true, 1}} {
		lang := "id"
		if tt.target {
			lang = "en"
		}
		hits, err := s.Concordance(ctx, tm.ConcordanceQuery{Term: tt.term, Lang: lang, Target: tt.target})
		if err != nil || len(hits) != tt.want {
			t.Errorf("Concordance(%q, target %v): %d hits, %v; want %d", tt.term, tt.target, len(hits), err, tt.want)
		}
	}
	for term, want := range map[string]int{"e mail 2 0": 12, "2.0": 12, "20": 0, "target k": 1} {
		hits, err := s.Concordance(ctx, tm.ConcordanceQuery{Term: term, Lang: "en", Target: true})
		if err != nil || len(hits) != want {
			t.Errorf("Concordance(%q, target): %d hits, %v; want %d", term, len(hits), err, want)
		}
	}
}
