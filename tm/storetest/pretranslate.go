package storetest

import (
	"github.com/padan-tm/padan/tm"

	"context"
	"encoding/json"
	"errors"
	"testing"
)

func testPretranslate(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	sources := []string{"Kim bertemu Putin di Moskow.", "Kedua pemimpin membahas kerja sama militer yang erat.", "Pertemuan berlangsung tiga jam.", "Sudah diterjemahkan."}
	nd := tm.NewDocument{Name: "berita", Language: "id", Original: []byte("x")}
	for i, src := range sources {
		nd.Units = append(nd.Units, tm.SourceUnit{Index: i + 1, Kind: "sentence", Text: src})
	}
	if _, err := s.Import(ctx, nd); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AddEntries(ctx, []tm.MemoryEntry{
		{SourceLang: "id", TargetLang: "en", Source: "Kim bertemu Putin di Moskow.", Target: "Kim met Putin in Moscow.", Origin: tm.Origin{Kind: tm.OriginImport, File: "a.tmx"}},
		{SourceLang: "id", TargetLang: "en", Source: "Kedua pemimpin membahas kerja sama ekonomi yang erat.", Target: "The two leaders discussed close economic cooperation."},
		{SourceLang: "id", TargetLang: "en", Source: "Sudah diterjemahkan.", Target: "From the memory."},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Revise(ctx, tm.Change{Document: "berita", Language: "en", Role: tm.RoleTranslator, Author: "ana",
		Entries: []tm.Entry{{Index: 4, Text: "Already translated.", Score: -1}}}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Pretranslate(ctx, tm.PretranslateOptions{Document: "berita", Language: "en", Min: 75, Author: "padan"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Filled != 2 || res.Exact != 1 || res.Proposed != 1 || res.Unmatched != 1 || res.Translated != 1 {
		t.Fatalf("result %+v", res)
	}
	tr, err := s.Translation(ctx, "berita", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	u1, u2 := tr.Units[0], tr.Units[1]
	if u1.Target != "Kim met Putin in Moscow." || u1.Status != tm.StatusTranslated || len(u1.Revisions) != 1 {
		t.Fatalf("unit 1: %+v", u1)
	}
	r := u1.Revisions[0]
	if r.Role != tm.RolePretranslation || !r.HasScore || r.Score != 100 || r.Author != "padan" {
		t.Errorf("unit 1 revision: %+v", r)
	}
	var mo tm.MatchOrigin
	if err := json.Unmarshal([]byte(r.Origin), &mo); err != nil || mo.Entry != 1 || mo.File != "a.tmx" || mo.Source != sources[0] {
		t.Errorf("unit 1 origin %s: %+v, %v", r.Origin, mo, err)
	}
	if u2.Target != "The two leaders discussed close economic cooperation." || u2.Revisions[0].Score != 87 {
		t.Errorf("unit 2: %+v", u2.Revisions)
	}
	// The exact match is a translation, the fuzzy one a proposal; both
	// keep the memory unit's source.
	if r.IsProposal() || r.MatchSource != sources[0] {
		t.Errorf("unit 1: proposal %v, match source %q", r.IsProposal(), r.MatchSource)
	}
	if p := u2.Proposal(); p == nil || u2.Status != tm.StatusInitial || p.MatchSource == "" || p.MatchSource == u2.Source {
		t.Errorf("unit 2: status %s, proposal %+v; want an initial proposal with the memory's source", u2.Status, p)
	}
	if tr.Units[2].Target != "" || tr.Units[3].Target != "Already translated." {
		t.Errorf("units 3, 4: %q, %q", tr.Units[2].Target, tr.Units[3].Target)
	}
	// Again: everything with a match is now translated.
	res, err = s.Pretranslate(ctx, tm.PretranslateOptions{Document: "berita", Language: "en", Min: 75, Author: "padan"})
	if err != nil || res.Filled != 0 || res.Translated != 3 || res.Unmatched != 1 {
		t.Errorf("second run: %+v, %v", res, err)
	}
	if _, err := s.Pretranslate(ctx, tm.PretranslateOptions{Document: "berita", Language: "en", Min: 0, Author: "padan"}); !errors.Is(err, tm.ErrMinScore) {
		t.Errorf("min 0: %v", err)
	}
	if _, err := s.Pretranslate(ctx, tm.PretranslateOptions{Document: "nope", Language: "en", Min: 75, Author: "padan"}); !errors.Is(err, tm.ErrNoDocument) {
		t.Errorf("unknown document: %v", err)
	}
}
