package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/padan-tm/padan/tm"
)

// testReviewKeepsIndexExact revises every unit of a document ten times
// (editor, then approval, alternately, texts changing each round), and
// checks after each round that the memory's index holds exactly its live
// entries: one per unit, each posted under each of its distinct keys
// once, no posting of a replaced entry left, every document frequency the
// number of postings under its key. It also checks that the index does not
// grow from round to round.
func testReviewKeepsIndexExact(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	const n = 30
	var texts []string
	for i := range n {
		texts = append(texts, fmt.Sprintf("Kalimat nomor %d tentang kerja sama %d.", i+1, i%4))
	}
	texts = append(texts, "…") // a unit without keys: posted under the empty key
	mustImport(t, s, sampleDoc("berita", texts...))
	var first tm.MemoryReport
	for round := range 10 {
		c := tm.Change{Document: "berita", Language: "en", Role: tm.RoleEditor, Author: "E"}
		for i := range texts {
			c.Entries = append(c.Entries, tm.Entry{Index: i + 1, Text: fmt.Sprintf("Sentence %d, take %d.", i+1, round), Score: -1})
		}
		if _, err := s.Revise(ctx, c); err != nil {
			t.Fatal(err)
		}
		if round%2 == 1 {
			if _, err := s.Approve(ctx, "berita", "en", "E", nil); err != nil {
				t.Fatal(err)
			}
		}
		rep := CheckMemory(t, s)
		if rep.Entries != len(texts) {
			t.Fatalf("round %d: %d entries, want %d", round, rep.Entries, len(texts))
		}
		if round == 0 {
			first = rep
		} else if rep.Postings != first.Postings {
			t.Fatalf("round %d: %d postings, after the first round %d", round, rep.Postings, first.Postings)
		}
	}
	// One unit at a time too (the small sync path).
	for i := range 3 {
		mustRevise(t, s, "berita", "en", tm.RoleEditor, "E", tm.Entry{Index: i + 1, Text: "Lagi.", Score: -1})
		CheckMemory(t, s)
	}
	ms, err := s.Lookup(ctx, tm.LookupQuery{Text: texts[4], SourceLang: "id", TargetLang: "en", Min: 100})
	if err != nil || len(ms) != 1 || ms[0].Target != "Sentence 5, take 9." {
		t.Errorf("lookup after the rounds: %+v, %v", ms, err)
	}
	// A rejection takes the entry out, postings and all.
	if err := s.Reject(ctx, "berita", "en", "E", 5, "salah"); err != nil {
		t.Fatal(err)
	}
	if rep := CheckMemory(t, s); rep.Entries != len(texts)-1 {
		t.Errorf("after a rejection: %d entries, want %d", rep.Entries, len(texts)-1)
	}
}
