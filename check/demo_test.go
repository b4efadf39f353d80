package check

import (
	"testing"

	"golang.org/x/text/language"

	"github.com/padan-tm/padan/internal/example"
	"github.com/padan-tm/padan/segments"
	"github.com/padan-tm/padan/terms"
	"github.com/padan-tm/padan/tm"
)

// demoUnits returns the built-in article's units with the translator's
// draft or the editor's revision as targets.
func demoUnits(t testing.TB, revision []byte) []Unit {
	t.Helper()
	text, err := segments.Decode(example.ArticleName, example.Article)
	if err != nil {
		t.Fatal(err)
	}
	art, err := segments.DefaultRules().Segmenter(language.Indonesian).Article(text)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := tm.ParseEntries("example", revision)
	if err != nil {
		t.Fatal(err)
	}
	targets := map[int]string{}
	for _, e := range entries {
		targets[e.Index] = e.Text
	}
	var units []Unit
	for i, s := range art.Segments {
		units = append(units, Unit{Index: i + 1, Source: s.Text, Target: targets[i+1], Translated: true})
	}
	return units
}

// demoTerms is a small term base that the editor's revision follows.
var demoTerms = []terms.Entry{
	{SourceLang: "id", TargetLang: "en", Source: "senjata", Targets: []terms.Translation{{Text: "weapon", Status: terms.Preferred}, {Text: "arms", Status: terms.Admitted}, {Text: "gun", Status: terms.Forbidden}}},
	{SourceLang: "id", TargetLang: "en", Source: "sanksi", Targets: []terms.Translation{{Text: "sanction", Status: terms.Preferred}, {Text: "embargo", Status: terms.Forbidden}}},
	{SourceLang: "id", TargetLang: "en", Source: "pekerja", Targets: []terms.Translation{{Text: "worker", Status: terms.Preferred}, {Text: "labourer", Status: terms.Forbidden}}},
	{SourceLang: "id", TargetLang: "en", Source: "rudal", Targets: []terms.Translation{{Text: "missile", Status: terms.Preferred}, {Text: "rocket", Status: terms.Forbidden}}},
	{SourceLang: "id", TargetLang: "en", Source: "Dewan Keamanan", Targets: []terms.Translation{{Text: "Security Council", Status: terms.Preferred}, {Text: "UNSC", Status: terms.Admitted}}},
}

func TestDemoRevisionHasNoError(t *testing.T) {
	units := demoUnits(t, example.Revision)
	if len(units) != 37 {
		t.Fatalf("%d units, want 37", len(units))
	}
	issues, err := Check(units, Options{SourceLang: "id", TargetLang: "en", Terms: terms.NewMatcher(demoTerms, "id", "en")})
	if err != nil {
		t.Fatal(err)
	}
	for _, is := range issues {
		u := units[is.Segment-1]
		if is.Severity == Error {
			t.Errorf("unit %d: %s %s %v\n  %s\n  %s", is.Segment, is.Kind, is.Message, is.Args, u.Source, u.Target)
		} else {
			t.Logf("unit %d: warning %s %s %v", is.Segment, is.Kind, is.Message, is.Args)
		}
	}
}

func TestDemoTranslatorNumber(t *testing.T) {
	units := demoUnits(t, example.Translation)
	issues, err := Check(units, Options{SourceLang: "id", TargetLang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, is := range issues {
		if is.Severity == Error {
			t.Logf("unit %d: %s %s %v", is.Segment, is.Kind, is.Message, is.Args)
		}
		if is.Segment == 14 && is.Kind == Number && is.Message == "CheckNumberMissing" && is.Args["Number"] == "2017" {
			found = true
		}
	}
	if !found {
		t.Error("the translator's 2016 for 2017 (unit 14) is not reported")
	}
}

// BenchmarkCheck10k checks a 10,000-unit document: the article's units
// repeated, with the term base (no memory).
func BenchmarkCheck10k(b *testing.B) {
	demo := demoUnits(b, example.Revision)
	var units []Unit
	for i := 0; i < 10000; i++ {
		u := demo[i%len(demo)]
		u.Index = i + 1
		units = append(units, u)
	}
	o := Options{SourceLang: "id", TargetLang: "en", Terms: terms.NewMatcher(demoTerms, "id", "en")}
	b.ResetTimer()
	for range b.N {
		if _, err := Check(units, o); err != nil {
			b.Fatal(err)
		}
	}
}
