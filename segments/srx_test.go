package segments

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/padan-tm/padan/internal/example"
)

func texts(segs []Segment) []string {
	var out []string
	for _, s := range segs {
		out = append(out, s.Text)
	}
	return out
}

// TestOmegaTSRX reads an SRX file as OmegaT writes it (JAXB layout,
// upper-case language patterns, inline (?i), cascade over several map
// rules) and segments with it.
func TestOmegaTSRX(t *testing.T) {
	f, err := os.Open("testdata/omegat.srx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rules, err := ParseSRX(f)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		tag  string
		text string
		want []string
	}{
		{"id", "Ke JL. Sudirman dan Dr. Budi. Mr. X pergi.", []string{"Ke JL. Sudirman dan Dr. Budi.", "Mr.", "X pergi."}},
		{"en-US", "Mr. X left. Dr. Y stayed... and waited.", []string{"Mr. X left.", "Dr.", "Y stayed... and waited."}},
		{"fr", "Un. Deux!\n   Trois", []string{"Un.", "Deux!", "Trois"}},
	}
	for _, c := range cases {
		got := texts(rules.Segmenter(language.MustParse(c.tag)).Split(c.text))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Split(%q) = %q, want %q", c.tag, c.text, got, c.want)
		}
	}
}

func TestCascadeOff(t *testing.T) {
	src := strings.Replace(mustRead(t, "testdata/omegat.srx"), `<header segmentsubflows="yes" cascade="yes"/>`, `<header segmentsubflows="yes" cascade="no"/>`, 1)
	rules, err := ParseSRX(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	// Without cascade, English gets only its own rule: no break at all.
	got := texts(rules.Segmenter(language.English).Split("Mr. X left. Y stayed."))
	if want := []string{"Mr. X left. Y stayed."}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseSRXErrors(t *testing.T) {
	const head = `<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header cascade="yes"/>
<body><languagerules>
<languagerule languagerulename="Broken">
<rule break="no"><beforebreak>Dr\.</beforebreak><afterbreak>\s</afterbreak></rule>
`
	cases := []struct {
		name      string
		src       string
		rule      string
		index     int
		line      int
		errString string
	}{
		{"bad beforebreak", head + `<rule break="yes"><beforebreak>[.?!</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule></languagerules><maprules/></body></srx>`, "Broken", 2, 7, "beforebreak"},
		{"bad afterbreak", head + `<rule break="yes"><beforebreak>\.</beforebreak><afterbreak>(?&lt;=x</afterbreak></rule>
</languagerule></languagerules><maprules/></body></srx>`, "Broken", 2, 7, "afterbreak"},
		{"bad language pattern", head + `</languagerule></languagerules><maprules>
<languagemap languagepattern="(id" languagerulename="Broken"/></maprules></body></srx>`, "", 0, 8, "languagepattern"},
		{"unknown language rule", head + `</languagerule></languagerules><maprules>
<languagemap languagepattern="id" languagerulename="Missing"/></maprules></body></srx>`, "", 0, 1, "Missing"},
		{"not xml", "<srx><body>", "", 0, 1, "unexpected EOF"},
		{"not srx", `<?xml version="1.0"?><tmx version="1.4"/>`, "", 0, 1, "not an SRX"},
		{"srx 1.0", `<srx version="1.0"/>`, "", 0, 1, "not an SRX"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseSRX(strings.NewReader(c.src))
			var se *SRXError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not an *SRXError", err)
			}
			if se.Rule != c.rule || se.Index != c.index || se.Line != c.line {
				t.Errorf("got rule %q index %d line %d, want %q %d %d", se.Rule, se.Index, se.Line, c.rule, c.index, c.line)
			}
			if !strings.Contains(err.Error(), c.errString) {
				t.Errorf("error %q does not mention %q", err, c.errString)
			}
		})
	}
}

// TestDefaultRulesRoundTrip writes the built-in rules, reads them back,
// writes them again: the two documents are the same, and segment the
// article and every test case alike.
func TestDefaultRulesRoundTrip(t *testing.T) {
	var first, second bytes.Buffer
	if err := DefaultRules().WriteSRX(&first); err != nil {
		t.Fatal(err)
	}
	back, err := ParseSRX(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatalf("reading the written rules: %v", err)
	}
	if err := back.WriteSRX(&second); err != nil {
		t.Fatal(err)
	}
	if first.String() != second.String() {
		t.Error("writing the rules read back gives another document")
	}
	if !strings.Contains(first.String(), "<!-- Titles and abbreviations that never end a sentence") {
		t.Error("the rule comments are lost")
	}
	for _, tag := range []language.Tag{language.Indonesian, language.English, language.German} {
		a, b := DefaultRules().Segmenter(tag), back.Segmenter(tag)
		texts := []string{string(example.Article)}
		for _, c := range append(append([]splitCase{}, indonesianCases...), englishCases...) {
			texts = append(texts, c.text)
		}
		for _, text := range texts {
			if !reflect.DeepEqual(a.Split(text), b.Split(text)) {
				t.Errorf("%s: %q segments differently after the round trip", tag, text)
			}
		}
	}
}

// TestLanguageMatching checks how tags choose language rules: their own,
// then the generic ones (cascade).
func TestLanguageMatching(t *testing.T) {
	rules := DefaultRules()
	generic := rules.language("Generic").rules
	for _, c := range []struct{ tag, own string }{
		{"id", "Indonesian"}, {"id-ID", "Indonesian"}, {"in", "Indonesian"},
		{"en", "English"}, {"en-GB", "English"}, {"ms", ""}, {"ind", "Indonesian"},
	} {
		var want []*rule
		if c.own != "" {
			want = append(want, rules.language(c.own).rules...)
		}
		want = append(want, generic...)
		if got := rules.Segmenter(language.Make(c.tag)).rules; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %d rules, want %s's and the generic ones (%d)", c.tag, len(got), c.own, len(want))
		}
	}
}

// TestMatchTimeout checks that a rule that backtracks without end counts
// as not matching once MatchTimeout has passed: the next rule decides.
func TestMatchTimeout(t *testing.T) {
	const src = `<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="yes"/><body>
<languagerules><languagerule languagerulename="Slow">
<rule break="no"><beforebreak>^(x+x+)+\.</beforebreak><afterbreak>\s</afterbreak></rule>
<rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="Slow"/></maprules></body></srx>`
	rules, err := ParseSRX(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	text := "y" + strings.Repeat("x", 40) + ". Next"
	got := texts(rules.Segmenter(language.English).Split(text))
	if want := []string{"y" + strings.Repeat("x", 40) + ".", "Next"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
