package storetest

import (
	"context"
	"reflect"
	"testing"

	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/worddiff"
)

// testStatsMatchTranslation drives two documents through versions,
// revisions by translators, pre-translation and editors, approvals,
// rejections and merges in two languages, and checks after every step
// that Stats and PostEdit (which read figures kept as revisions are
// written) give what reading the whole translations gives.
func testStatsMatchTranslation(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	check := func(step string) {
		t.Helper()
		docs, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Stats(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		var want []tm.Stat
		for _, d := range docs {
			langs := d.Languages
			if len(langs) == 0 {
				langs = []string{""}
			}
			for _, lang := range langs {
				type key struct {
					st       tm.Status
					proposed bool
				}
				count := map[key]*tm.Stat{}
				var units []tm.Unit
				if lang != "" {
					tr, err := s.Translation(ctx, d.Name, lang, true)
					if err != nil {
						t.Fatal(err)
					}
					units = tr.Units
				} else {
					tr, err := s.Translation(ctx, d.Name, "en", false)
					if err != nil {
						t.Fatal(err)
					}
					units = tr.Units
				}
				for _, u := range units {
					k := key{u.Status, u.Proposal() != nil}
					if count[k] == nil {
						count[k] = &tm.Stat{Document: d.Name, Language: lang, Status: u.Status, Proposed: k.proposed}
					}
					count[k].Units++
					count[k].Words += u.Words
				}
				for _, st := range tm.Statuses {
					for _, p := range []bool{false, true} {
						if c := count[key{st, p}]; c != nil {
							want = append(want, *c)
						}
					}
				}
				if lang == "" {
					continue
				}
				tr, err := s.Translation(ctx, d.Name, lang, true)
				if err != nil {
					t.Fatal(err)
				}
				var pairs []worddiff.Pair
				for _, u := range tr.Units {
					if u.Translator != nil && u.Editor != nil {
						pairs = append(pairs, worddiff.Pair{From: u.Translator.Text, To: u.Editor.Text,
							FromAuthor: u.Translator.Author, ToAuthor: u.Editor.Author})
					}
				}
				sum, ok, err := s.PostEdit(ctx, d.Name, lang)
				if err != nil {
					t.Fatal(err)
				}
				if ok != (len(pairs) > 0) || ok && !reflect.DeepEqual(sum, worddiff.Summarize(pairs)) {
					t.Errorf("%s: post-edit of %s (%s) = %v %+v, want %+v", step, d.Name, lang, ok, sum, worddiff.Summarize(pairs))
				}
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: stats\n%+v\nwant\n%+v", step, got, want)
		}
	}
	texts := []string{"Kim bertemu Putin.", "Mereka membahas senjata.", "Pertemuan itu lama.", "Seoul khawatir.", "Washington diam."}
	check("empty")
	mustImport(t, s, sampleDoc("a", texts...))
	mustImport(t, s, sampleDoc("b", "Satu dua.", "Tiga."))
	check("imported")
	mustRevise(t, s, "a", "en", tm.RoleTranslator, "T", tm.Entry{Index: 1, Text: "Kim meets Putin."}, tm.Entry{Index: 2, Text: "They discuss arms."},
		tm.Entry{Index: 3, Text: "The meeting was long."})
	mustRevise(t, s, "a", "fr", tm.RolePretranslation, "P", tm.Entry{Index: 1, Text: "Kim rencontre Poutine.", Score: 90})
	check("translated")
	mustRevise(t, s, "a", "en", tm.RoleEditor, "E", tm.Entry{Index: 1, Text: "Kim met Putin."}, tm.Entry{Index: 2, Text: "They discussed arms."})
	mustRevise(t, s, "a", "fr", tm.RoleEditor, "F", tm.Entry{Index: 1, Text: "Kim a rencontré Poutine."})
	check("edited")
	if _, err := s.Approve(ctx, "a", "en", "E", []int{1}); err != nil {
		t.Fatal(err)
	}
	if err := s.Reject(ctx, "a", "en", "E", 2, "no"); err != nil {
		t.Fatal(err)
	}
	check("approved and rejected")
	mustRevise(t, s, "a", "en", tm.RoleTranslator, "T2", tm.Entry{Index: 2, Text: "They talked about arms."})
	mustRevise(t, s, "a", "en", tm.RoleEditor, "E2", tm.Entry{Index: 2, Text: "They talked about weapons."},
		tm.Entry{Index: 4, Text: "Seoul is worried.", MergedInto: 3})
	check("revised again")
	// A new version keeps units 1, 2 and 5, changes 3 and drops 4.
	mustImport(t, s, sampleDoc("a", "Kim bertemu Putin.", "Mereka membahas senjata.", "Pertemuan itu singkat.", "Washington diam."))
	check("new version")
	mustRevise(t, s, "a", "en", tm.RoleEditor, "E", tm.Entry{Index: 4, Text: "Washington is silent."})
	if _, err := s.Approve(ctx, "a", "en", "E", nil); err != nil {
		t.Fatal(err)
	}
	check("approved all")
}
