package segments

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

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
		got := texts(mustSplit(t, rules.Segmenter(language.MustParse(c.tag)), c.text))
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
	got := texts(mustSplit(t, rules.Segmenter(language.English), "Mr. X left. Y stayed."))
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
			if !reflect.DeepEqual(mustSplit(t, a, text), mustSplit(t, b, text)) {
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

// TestMatchTimeout checks that a rule that backtracks without end stops
// the split once MatchTimeout has passed, with an error naming the rule
// (its languagerule, position, line and patterns) and the text position,
// in Split and in Article (whose offsets are in the whole text).
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
	seg := rules.Segmenter(language.English)
	text := "y" + strings.Repeat("x", 40) + ". Next"
	want := &TimeoutError{Rule: "Slow", Index: 1, Line: 4, Before: `^(x+x+)+\.`, After: `\s`, Offset: 42, Limit: MatchTimeout}
	segs, err := seg.Split(text)
	var te *TimeoutError
	if !errors.As(err, &te) || !reflect.DeepEqual(te, want) {
		t.Fatalf("Split = %v, %v; want the error %v", segs, err, want)
	}
	want.Offset += len("Title\n\n")
	_, err = seg.Article("Title\n\n" + text)
	if !errors.As(err, &te) || !reflect.DeepEqual(te, want) {
		t.Fatalf("Article: %v; want %v", err, want)
	}
}

// TestSplitDeadline checks that a split longer than the segmenter's
// Timeout stops with an error giving the limit and the position reached.
func TestSplitDeadline(t *testing.T) {
	seg := DefaultRules().Segmenter(language.Indonesian)
	seg.Timeout = time.Nanosecond
	text := strings.Repeat("Satu. Dua. ", 1000)
	_, err := seg.Split(text)
	var te *TimeoutError
	if !errors.As(err, &te) || te.Rule != "" || te.Limit != time.Nanosecond || te.Offset <= 0 || te.Offset >= len(text) {
		t.Fatalf("Split with a deadline passed: %v", err)
	}
	seg.Timeout = 0 // SplitTimeout
	if _, err := seg.Split(text); err != nil {
		t.Fatal(err)
	}
}
