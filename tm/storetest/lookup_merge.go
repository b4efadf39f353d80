package storetest

import (
	"context"
	"testing"

	"github.com/padan-tm/padan/tm"
)

// testLookupMergesOrigins: the same translation that reached the memory
// from a document's reviewed unit and from an imported TMX is one match,
// scored once, with both origins (the document's first: it is the
// newer entry) and the document unit's history; Max counts matches, not
// entries.
func testLookupMergesOrigins(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	const src, tgt = "Kim bertemu Putin di Moskow.", "Kim met Putin in Moscow."
	imported := []tm.MemoryEntry{
		{SourceLang: "id", TargetLang: "en", Source: src, Target: tgt, Origin: tm.Origin{Kind: tm.OriginImport, File: "a.tmx"}},
		// Another translation of the same source: a match of its own.
		{SourceLang: "id", TargetLang: "en", Source: src, Target: "Kim meets Putin in Moscow.", Origin: tm.Origin{Kind: tm.OriginImport, File: "a.tmx"}},
		// A weaker match.
		{SourceLang: "id", TargetLang: "en", Source: "Kim bertemu Xi di Moskow.", Target: "Kim met Xi in Moscow.", Origin: tm.Origin{Kind: tm.OriginImport, File: "a.tmx"}},
	}
	if _, _, err := s.AddEntries(ctx, imported); err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, sampleDoc("berita", src, "Pertemuan berlangsung tiga jam."))
	mustRevise(t, s, "berita", "en", tm.RoleTranslator, "ana", tm.Entry{Index: 1, Text: "Kim meet Putin at Moscow.", Score: -1})
	mustRevise(t, s, "berita", "en", tm.RoleEditor, "budi", tm.Entry{Index: 1, Text: tgt, Score: -1})
	lookup := func(max int) []tm.Match {
		t.Helper()
		ms, err := s.Lookup(ctx, tm.LookupQuery{Text: src, SourceLang: "id", TargetLang: "en", Min: 70, Max: max, History: true})
		if err != nil {
			t.Fatal(err)
		}
		return ms
	}
	ms := lookup(0)
	if len(ms) != 3 {
		t.Fatalf("lookup gives %d matches, want 3 (the merged one, the other translation, the weaker): %+v", len(ms), ms)
	}
	var merged *tm.Match
	for i := range ms {
		if ms[i].Target == tgt {
			if merged != nil {
				t.Fatalf("the translation is listed twice: %+v", ms)
			}
			merged = &ms[i]
		}
	}
	if merged == nil || merged.Score != 100 || len(merged.Origins) != 2 {
		t.Fatalf("merged match = %+v, want score 100 and two origins", merged)
	}
	doc, imp := merged.Origins[0], merged.Origins[1]
	if merged.Origin != doc || doc.Kind != tm.OriginDocument || doc.Document != "berita" || doc.Segment != "1" || doc.Author != "budi" ||
		imp.Kind != tm.OriginImport || imp.File != "a.tmx" || merged.UnitID == 0 {
		t.Errorf("origin %+v, origins %+v, unit %d: want the document's unit (the newer entry) first, then a.tmx", merged.Origin, merged.Origins, merged.UnitID)
	}
	if merged.History == nil || merged.History.Author != "ana" {
		t.Errorf("the merged match lost the document unit's history")
	}
	if ms[2].Score >= 100 || ms[2].Target != "Kim met Xi in Moscow." {
		t.Errorf("third match = %+v, want the weaker one", ms[2])
	}
	// Max counts matches: two are the two translations at 100, each whole.
	two := lookup(2)
	if len(two) != 2 || two[0].Score != 100 || two[1].Score != 100 {
		t.Fatalf("lookup with Max 2 = %+v", two)
	}
	for _, m := range two {
		if m.Target == tgt && len(m.Origins) != 2 {
			t.Errorf("with Max 2 the merged match has %d origins, want 2", len(m.Origins))
		}
	}
	if one := lookup(1); len(one) != 1 || one[0].Score != 100 {
		t.Errorf("lookup with Max 1 = %+v", one)
	}
}
