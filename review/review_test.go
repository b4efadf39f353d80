package review

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/padan-tm/padan/worddiff"
)

var update = flag.Bool("update", false, "rewrite testdata/small.golden.html and testdata/screenshot.png")

// labels are English test labels; the real ones come from padan's
// messages.
var labels = Labels{
	Title: "Review: demo", Subtitle: "id → en", Summary: "Summary", Chart: "Edit distance per unit",
	Light: "10%", Heavy: "40%", Show: "Show", All: "All", Changed: "Changed", Unchanged: "Unchanged",
	Unit: "Unit", Source: "Source", Translator: "Translator", Editor: "Editor",
	Distance: "Edit distance", Similarity: "Similarity", NoChange: "No change",
	Deleted: "deleted", Inserted: "inserted", Generator: "Made by padan",
}

// smallPage is a page of three units with text that needs escaping.
func smallPage() Page {
	return Page{
		Lang:    "en",
		Labels:  labels,
		Summary: []Figure{{"Units", "3"}, {"Mean TER", "22.2%"}},
		Units: []Unit{
			{Index: 1, Source: "Seoul (ANTARA) -", From: Version{Text: "Seoul (ANTARA) -", Author: "Tia"}, To: Version{Text: "Seoul (ANTARA) -", Author: "Eko"},
				Ops: []Op{{worddiff.Equal, "Seoul (ANTARA) -", -1}}, DistanceText: "0%", SimilarityText: "100%"},
			{Index: 2, Source: "a <b> & \"c\"", From: Version{Text: "x <script>alert(1)</script> y", Author: "Tia", Role: "translator", Time: "2026-11-29 07:00"},
				To:      Version{Text: "x & y", Author: "Eko", Role: "editor"},
				Ops:     []Op{{worddiff.Equal, "x ", -1}, {worddiff.Delete, "<script>alert(1)</script>", 0}, {worddiff.Insert, "&", 0}, {worddiff.Equal, " y", -1}},
				Changes: []Change{{"substituted", "word substituted"}}, Distance: 0.333, DistanceText: "33.3%", SimilarityText: "20%"},
			{Index: 3, Source: "s", From: Version{Text: "a  b", Author: "Tia"}, To: Version{Text: "a b", Author: "Eko"},
				Ops:     []Op{{worddiff.Equal, "a ", -1}, {worddiff.Delete, " ", 0}, {worddiff.Equal, "b", -1}},
				Changes: []Change{{"spacing", "spacing"}}, DistanceText: "0%", SimilarityText: "75%"},
		},
	}
}

func TestRender(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, smallPage()); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{
		`<html lang="en" dir="ltr">`,
		`Content-Security-Policy`,
		`<del class="c0" aria-label="deleted">&lt;script&gt;alert(1)&lt;/script&gt;</del>`,
		`<ins class="c0" aria-label="inserted">&amp;</ins>`,
		`a &lt;b&gt; &amp; &#34;c&#34;`,
		`<span class="class substituted">word substituted</span>`,
		`<span class="class none">No change</span>`,
		`All (3)`, `Changed (2)`, `Unchanged (1)`,
		`<title>Unit 2: 33.3%</title>`,
		`Tia · translator · <time>2026-11-29 07:00</time>`,
		`@media print`, `@media (max-width: 700px)`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(html, `<article class="unit `); n != 3 {
		t.Errorf("page has %d units, want 3", n)
	}
	if strings.Contains(html, "<script>alert") {
		t.Error("unit text was not escaped")
	}
	// Self-contained: nothing is loaded from elsewhere.
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:)?//|@import|url\(`).FindString(html); m != "" {
		t.Errorf("page refers to an outside resource: %q", m)
	}
	golden := filepath.Join("testdata", "small.golden.html")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if html != string(want) {
		t.Errorf("page differs from %s (go test -update rewrites it)", golden)
	}
}

func TestRenderEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, Page{Labels: labels}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "All (0)") || strings.Contains(b.String(), "<article") {
		t.Errorf("empty page is wrong:\n%s", b.String())
	}
}

func TestChartScale(t *testing.T) {
	p := Page{Labels: labels, Units: []Unit{{Index: 1, Distance: 0.25}, {Index: 2, Distance: 1.5}, {Index: 3}}}
	var b bytes.Buffer
	if err := Render(&b, p); err != nil {
		t.Fatal(err)
	}
	// The tallest bar fills the chart (120 units); the others scale with it.
	for _, want := range []string{
		`class="bar moderate" x="30.0" y="100.0" width="14.0" height="20.0"`,
		`class="bar heavy" x="48.0" y="0.0" width="14.0" height="120.0"`,
		`class="bar untouched" x="66.0" y="120.0" width="14.0" height="0.0"`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("chart lacks %q", want)
		}
	}
}

func TestMarked(t *testing.T) {
	text := "Putin met Kim in 2019."
	issues := []Issue{
		{Severity: "warning", Source: []Span{{0, 5}}, Target: []Span{{17, 21}}},
		{Severity: "error", Target: []Span{{10, 13}, {19, 30}, {3, 2}}},
	}
	var got []string
	for _, p := range marked(text, issues, true) {
		got = append(got, p.Mark+":"+p.Text)
	}
	want := []string{":Putin met ", "error:Kim", ": in ", "warning:2019", ":."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("marked = %q, want %q", got, want)
	}
}

func TestRenderChecks(t *testing.T) {
	var b bytes.Buffer
	p := Page{Lang: "en", Labels: Labels{Title: "Checks", Terms: "Terms", Issues: "Problems", Checked: "Checked:"},
		Units: []Unit{{Index: 14, Source: "Pada 2017.", Checked: "In <2016>.",
			Terms:  []TermNote{{Term: "senjata", Translations: "weapon / arms"}},
			Issues: []Issue{{Severity: "error", Label: "number", Message: "2017 is missing", Source: []Span{{5, 9}}, Target: []Span{{4, 8}}}}}}}
	if err := Render(&b, p); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<mark class="error">2017</mark>`, `In &lt;<mark class="error">2016</mark>&gt;.`,
		`<b>senjata</b> → weapon / arms`, `<li class="error"><span class="class">number</span> 2017 is missing</li>`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

func TestDiff(t *testing.T) {
	r := worddiff.Compare(worddiff.Pair{From: "Harga naik 5 persen kemarin.", To: "Harga naik 7 persen, kemarin."}, worddiff.ByWord)
	ops, changes := Diff(r, func(c worddiff.Class) string { return "label " + c.String() })
	if len(ops) != len(r.Ops) || len(changes) != len(r.Changes) || len(changes) == 0 {
		t.Fatalf("Diff gave %d ops and %d changes for %d and %d", len(ops), len(changes), len(r.Ops), len(r.Changes))
	}
	for i, o := range ops {
		if o.Kind != r.Ops[i].Kind || o.Text != r.Ops[i].Text {
			t.Errorf("op %d: %+v, want %+v", i, o, r.Ops[i])
		}
		if (o.Kind == worddiff.Equal) != (o.Change == -1) {
			t.Errorf("op %d: %v in change %d", i, o.Kind, o.Change)
		}
	}
	for k, c := range r.Changes {
		if changes[k] != (Change{Class: c.Class.String(), Label: "label " + c.Class.String()}) {
			t.Errorf("change %d: %+v", k, changes[k])
		}
		for i := c.First; i <= c.Last; i++ {
			if ops[i].Change != k {
				t.Errorf("op %d: change %d, want %d", i, ops[i].Change, k)
			}
		}
	}
}
