package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/padan-tm/padan/internal/example"
	"github.com/padan-tm/padan/review"
	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/worddiff"
)

// testReport compares a few made-up units, one of them unchanged.
func testReport(all bool) *diffReport {
	r := &diffReport{Document: "berita", SourceLang: "id", Lang: "en", FromRole: "translator", ToRole: "editor", All: all}
	at := time.Date(2026, 11, 29, 7, 0, 0, 0, time.UTC)
	pairs := []struct {
		index            int
		source, from, to string
	}{
		{1, "Seoul (ANTARA) -", "Seoul (ANTARA) -", "Seoul (ANTARA) -"},
		{2, "pada 2017", "in 2016", "in 2017"},
		{3, "sokongan besar-besaran", "massive military support", "massive support"},
	}
	var results []worddiff.Result
	for _, p := range pairs {
		res := worddiff.Compare(worddiff.Pair{From: p.from, To: p.to, FromAuthor: "Tia", ToAuthor: "Eko"}, worddiff.ByWord)
		results = append(results, res)
		r.Units = append(r.Units, diffUnit{Index: p.index, Source: p.source,
			From: diffRevision{Text: p.from, Author: "Tia", Role: "translator", Time: at},
			To:   diffRevision{Text: p.to, Author: "Eko", Role: "editor", Time: at.Add(time.Hour)}, Result: res})
	}
	r.Summary = worddiff.SummarizeResults(results)
	return r
}

func TestWriteDiffText(t *testing.T) {
	u, _ := newUI([]string{"padan", "--ui-lang", "en"}, func(string) string { return "" })
	var b bytes.Buffer
	if err := writeDiffText(&b, u, testReport(false), false); err != nil {
		t.Fatal(err)
	}
	want := `Unit 2 (number changed; post-edit distance 50.0%, similarity 85.7%)
  source: pada 2017
  target: in [-2016-]{+2017+}

Unit 3 (words deleted; post-edit distance 50.0%, similarity 62.5%)
  source: sokongan besar-besaran
  target: massive [-military -]support

2 of 3 units changed; post-edit distance: mean 33.3%, pooled 22.2%; untouched 33.3%, lightly edited 0.0%, moderately edited 0.0%, heavily edited 66.7%.
Changes: number changed 1, words deleted 1.
`
	if b.String() != want {
		t.Errorf("text output:\n%s\nwant:\n%s", b.String(), want)
	}

	b.Reset()
	if err := writeDiffText(&b, u, testReport(true), true); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Unit 1 (no change)", "in " + ansiDelete + "2016" + ansiReset + ansiInsert + "2017" + ansiReset} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("coloured output lacks %q:\n%s", s, b.String())
		}
	}

	id, _ := newUI([]string{"padan", "--ui-lang", "id"}, func(string) string { return "" })
	b.Reset()
	if err := writeDiffText(&b, id, testReport(false), false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "jarak pascasunting 50,0%") {
		t.Errorf("Indonesian output lacks a decimal comma:\n%s", b.String())
	}
}

func TestWriteDiffJSON(t *testing.T) {
	var b bytes.Buffer
	if err := writeDiffJSON(&b, testReport(false)); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Units []struct {
			Index      int
			From, To   struct{ Text, Author, Role, Time string }
			Ops        []struct{ Op, Text string }
			Changes    []struct{ Class string }
			Distance   float64
			Similarity float64
		}
		Summary map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if len(got.Units) != 2 || got.Units[0].Index != 2 || got.Units[1].Changes[0].Class != "deleted" {
		t.Fatalf("units = %+v", got.Units)
	}
	for _, u := range got.Units {
		var from, to strings.Builder
		for _, o := range u.Ops {
			switch o.Op {
			case "equal":
				from.WriteString(o.Text)
				to.WriteString(o.Text)
			case "delete":
				from.WriteString(o.Text)
			case "insert":
				to.WriteString(o.Text)
			default:
				t.Fatalf("op %q", o.Op)
			}
		}
		if from.String() != u.From.Text || to.String() != u.To.Text {
			t.Errorf("unit %d: ops rebuild %q and %q, want %q and %q", u.Index, from.String(), to.String(), u.From.Text, u.To.Text)
		}
		if u.From.Time != "2026-11-29T07:00:00Z" || u.To.Role != "editor" || u.Distance != 0.5 {
			t.Errorf("unit %d = %+v", u.Index, u)
		}
	}
	if got.Summary["units"] != 3.0 || got.Summary["changed"] != 2.0 || got.Summary["classes"] == nil || got.Summary["by_editor"] == nil {
		t.Errorf("summary = %v", got.Summary)
	}
}

func TestReviewPageLabels(t *testing.T) {
	u, _ := newUI([]string{"padan", "--ui-lang", "id"}, func(string) string { return "" })
	p := reviewPage(u, testReport(false))
	if len(p.Units) != 3 {
		t.Fatalf("page has %d units, want all 3", len(p.Units))
	}
	if p.Labels.Translator != "Penerjemah" || p.Labels.Title != "Tinjauan berita" || p.Lang != "id" {
		t.Errorf("labels = %+v", p.Labels)
	}
	u2 := p.Units[1]
	if u2.Changes[0].Label != "angka diubah" || u2.Ops[1].Kind != worddiff.Delete || u2.Ops[1].Change != 0 || u2.Ops[0].Change != -1 {
		t.Errorf("unit 2 = %+v", u2)
	}
	var b bytes.Buffer
	if err := review.Render(&b, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Rata-rata jarak pascasunting") {
		t.Error("page lacks the Indonesian summary")
	}
}

// exampleTranslation stores the built-in example (article, translator's
// draft, editor's revision) in a fresh database and reads it back.
func exampleTranslation(t *testing.T) *tm.Translation {
	t.Helper()
	ctx := context.Background()
	store, err := tm.Open(ctx, filepath.Join(t.TempDir(), "padan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	from, to := exampleUnits(t, example.Translation), exampleUnits(t, example.Revision)
	var units []tm.SourceUnit
	var draft, edits []tm.Entry
	for i := 1; i <= 37; i++ {
		units = append(units, tm.SourceUnit{Index: i, Kind: "sentence", Text: fmt.Sprintf("kalimat %d", i)})
		draft = append(draft, tm.Entry{Index: i, Text: from[i], Score: -1})
		edits = append(edits, tm.Entry{Index: i, Text: to[i], Score: -1})
	}
	if _, err := store.Import(ctx, tm.NewDocument{Name: "artikel", Language: "id", Original: example.Article, Units: units}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []tm.Change{
		{Document: "artikel", Language: "en", Role: tm.RoleTranslator, Author: example.Translator, Entries: draft},
		{Document: "artikel", Language: "en", Role: tm.RoleEditor, Author: example.Editor, Entries: edits},
	} {
		if _, err := store.Revise(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	tr, err := store.Translation(ctx, "artikel", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// exampleUnits reads the example's INDEX<TAB>TEXT lines as `padan
// translate --from` does.
func exampleUnits(t *testing.T, data []byte) map[int]string {
	t.Helper()
	entries, err := tm.ParseEntries("example", data)
	if err != nil {
		t.Fatal(err)
	}
	m := map[int]string{}
	for _, e := range entries {
		m[e.Index] = e.Text
	}
	return m
}

func TestWritePostEdit(t *testing.T) {
	tr := exampleTranslation(t)
	u, _ := newUI([]string{"padan", "--ui-lang", "en"}, func(string) string { return "" })
	var b bytes.Buffer
	ok, err := writePostEdit(&b, u, tr)
	if err != nil || !ok {
		t.Fatalf("writePostEdit = %v, %v", ok, err)
	}
	want := `Post-edit distance of artikel (en), translator against editor:
13 of 37 units changed; post-edit distance: mean 2.2%, pooled 1.8%; untouched 64.9%, lightly edited 32.4%, moderately edited 2.7%, heavily edited 0.0%.
Changes: punctuation only 2, case only 1, words moved 2, number changed 1, word substituted 6, words inserted 1, words deleted 1.
  translator Jafar M Sidik: 13 of 37 units changed; mean post-edit distance 2.2%; untouched 64.9%, lightly edited 32.4%, moderately edited 2.7%, heavily edited 0.0%
  editor Atman Ahdiat: 13 of 37 units changed; mean post-edit distance 2.2%; untouched 64.9%, lightly edited 32.4%, moderately edited 2.7%, heavily edited 0.0%
`
	if b.String() != want {
		t.Errorf("writePostEdit wrote:\n%s\nwant:\n%s", b.String(), want)
	}

	path := filepath.Join(t.TempDir(), "review.html")
	n, err := writeReviewFile(u, tr, path)
	if err != nil || n != 37 {
		t.Fatalf("writeReviewFile = %d, %v", n, err)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if c := strings.Count(string(page), `<article class="unit changed"`); c != 13 {
		t.Errorf("review page has %d changed units, want 13", c)
	}

	// A translation with no editor revision: nothing to say.
	tr.Units = tr.Units[:0]
	b.Reset()
	if ok, err := writePostEdit(&b, u, tr); ok || err != nil || b.Len() != 0 {
		t.Errorf("writePostEdit of nothing = %v, %v, %q", ok, err, b.String())
	}
}
