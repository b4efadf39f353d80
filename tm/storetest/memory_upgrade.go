package storetest

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/hook"
	"github.com/padan-tm/padan/tm/memory"
	"github.com/padan-tm/padan/worddiff"
)

// keysV1 computes the keys of a source as analysis version 1 did: every
// token keyed alone, so that Rp400.000 was a word and Rp 400.000 a word
// and a number.
func keysV1(source string) []string {
	var keys []string
	for _, t := range worddiff.Tokenize(source) {
		if t.Kind == worddiff.Space || t.Kind == worddiff.Punct || t.Text == "" ||
			t.Kind == worddiff.Word && strings.TrimSpace(t.Text) == "" {
			continue
		}
		keys = append(keys, fuzzy.Key(t))
	}
	return keys
}

// testMemoryUpgrade makes the index of a memory as analysis version 1 left
// it (amounts such as Rp400.000 keyed as words), checks that lookups then
// miss matches, and that the upgrade that opening runs rebuilds it, once,
// into the index a memory built today has: the same lookups, an exact
// index, today's version.
func testMemoryUpgrade(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	sources := []string{
		"Harga tiket pesawat Jakarta–Bali naik menjadi Rp400.000 per penumpang.",
		"Harga tiket kereta Jakarta–Bandung naik menjadi Rp 150.000 per penumpang.",
		"Jarak tempuh bus itu 10km setiap hari.",
		"Inflasi tahunan mencapai 5 % pada bulan lalu.",
		"Ekspor naik menjadi US$25 miliar.",
	}
	mustImport(t, s, sampleDoc("harga", sources...))
	var entries []tm.Entry
	for i := range sources {
		entries = append(entries, tm.Entry{Index: i + 1, Text: fmt.Sprintf("Target %d.", i+1), Score: -1})
	}
	mustRevise(t, s, "harga", "en", tm.RoleEditor, "budi", entries[:3]...)
	imported := []tm.MemoryEntry{
		{SourceLang: "id", TargetLang: "en", Source: "Harga tiket kapal naik menjadi Rp. 90.000 per penumpang.", Target: "Ship fares rose to Rp90,000.",
			Origin: tm.Origin{Kind: tm.OriginImport, File: "old.tmx"}},
		{SourceLang: "id", TargetLang: "en", Source: "Inflasi tahunan mencapai 4,5% pada bulan lalu.", Target: "Annual inflation reached 4.5% last month.",
			Origin: tm.Origin{Kind: tm.OriginImport, File: "old.tmx"}},
		{SourceLang: "id", TargetLang: "en", Source: "Jarak tempuh bus itu 12 km setiap hari.", Target: "The bus covers 12 km a day.",
			Origin: tm.Origin{Kind: tm.OriginImport, File: "old.tmx"}},
	}
	if _, _, err := s.AddEntries(ctx, imported); err != nil {
		t.Fatal(err)
	}
	queries := []string{
		"Harga tiket pesawat Jakarta–Bali naik menjadi Rp350.000 per penumpang.",
		"Harga tiket kapal naik menjadi Rp90.000 per penumpang.",
		"Jarak tempuh bus itu 12km setiap hari.",
		"Inflasi tahunan mencapai 6% pada bulan lalu.",
		"Ekspor naik menjadi US$ 30 miliar.",
	}
	lookups := func() [][]string {
		t.Helper()
		var out [][]string
		for _, q := range queries {
			ms, err := s.Lookup(ctx, tm.LookupQuery{Text: q, SourceLang: "id", TargetLang: "en", Min: 95})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, fmt.Sprintf("%d %s → %s", m.Score, m.Source, m.Target))
			}
			out = append(out, got)
		}
		return out
	}
	want := lookups()
	for i, w := range want[:4] {
		if len(w) == 0 {
			t.Errorf("query %q finds nothing at 95 in a memory built today", queries[i])
		}
	}

	// The index as version 1 left it.
	db := hook.DB(s)
	err := db.Write(ctx, func(tx backend.Tx) error {
		_, err := memory.RebuildAs(ctx, tx.Memory(), keysV1, 1)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := lookups(); reflect.DeepEqual(got, want) {
		t.Fatalf("the old index finds what the new one does: the test cannot tell them apart\n%q", got)
	}

	calls := 0
	rebuilt, err := memory.Upgrade(ctx, db, func() { calls++ })
	if err != nil || !rebuilt || calls != 1 {
		t.Fatalf("Upgrade = %v, %v with %d calls; want true, nil, 1", rebuilt, err, calls)
	}
	if got := lookups(); !reflect.DeepEqual(got, want) {
		t.Errorf("lookups after the upgrade:\n%q\nwant (a memory built today):\n%q", got, want)
	}
	CheckMemory(t, s)
	if rebuilt, err := memory.Upgrade(ctx, db, func() { calls++ }); err != nil || rebuilt || calls != 1 {
		t.Errorf("second Upgrade = %v, %v (%d calls); want nothing done", rebuilt, err, calls)
	}

	// New entries after the upgrade are indexed with today's keys.
	if _, _, err := s.AddEntries(ctx, []tm.MemoryEntry{{SourceLang: "id", TargetLang: "en",
		Source: "Ekspor naik menjadi US$ 28 miliar.", Target: "Exports rose to $28 billion.", Origin: tm.Origin{Kind: tm.OriginImport}}}); err != nil {
		t.Fatal(err)
	}
	CheckMemory(t, s)
	if got := lookups(); len(got[4]) != 1 {
		t.Errorf("lookup of %q after the upgrade = %q, want the entry added", queries[4], got[4])
	}
}

// testMemoryUpgradeEmpty checks that an empty memory of an older analysis
// is brought up to date without a rebuild.
func testMemoryUpgradeEmpty(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	db := hook.DB(s)
	err := db.Write(ctx, func(tx backend.Tx) error { return tx.Memory().SetAnalysisVersion(ctx, 1) })
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	if rebuilt, err := memory.Upgrade(ctx, db, func() { calls++ }); err != nil || rebuilt || calls != 0 {
		t.Fatalf("Upgrade of an empty memory = %v, %v, %d calls", rebuilt, err, calls)
	}
	err = db.Read(ctx, func(tx backend.Tx) error {
		if stale, err := memory.Stale(ctx, tx.Memory()); err != nil || stale {
			t.Errorf("after the upgrade: stale %v, %v", stale, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
