package segments

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/padan-tm/padan/internal/example"
)

// fixture is testdata/article-segments.json (shared/fixtures, copied into
// the repository): how the built-in article must segment.
type fixture struct {
	Language string            `json:"language"`
	Metadata map[string]string `json:"metadata"`
	Segments []struct {
		Index int    `json:"index"`
		Kind  string `json:"kind"`
		Text  string `json:"text"`
	} `json:"segments"`
}

func TestArticleGolden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "article-segments.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want fixture
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	text := string(example.Article)
	doc := mustArticle(t, DefaultRules().Segmenter(language.MustParse(want.Language)), text)

	if doc.Language.String() != want.Language {
		t.Errorf("language %s, want %s", doc.Language, want.Language)
	}
	// Compare the metadata through JSON, as padan segment --format json
	// prints it: absent fields must be absent.
	var gotMeta map[string]string
	b, _ := json.Marshal(doc.Metadata)
	json.Unmarshal(b, &gotMeta)
	if !reflect.DeepEqual(gotMeta, want.Metadata) {
		t.Errorf("metadata\n got %v\nwant %v", gotMeta, want.Metadata)
	}
	if len(doc.Segments) != len(want.Segments) {
		t.Errorf("%d segments, want %d", len(doc.Segments), len(want.Segments))
	}
	for i := 0; i < min(len(doc.Segments), len(want.Segments)); i++ {
		g, w := doc.Segments[i], want.Segments[i]
		if g.Index != w.Index || string(g.Kind) != w.Kind || g.Text != w.Text {
			t.Errorf("segment %d:\n got %d %s %q\nwant %d %s %q", i+1, g.Index, g.Kind, g.Text, w.Index, w.Kind, w.Text)
		}
		// Offsets point at the segment in the file as given.
		if src := norm.NFC.String(text[g.Start:g.End]); src != g.Text {
			t.Errorf("segment %d: text[%d:%d] = %q, not its text %q", i+1, g.Start, g.End, src, g.Text)
		}
	}
	checkLossless(t, text, doc.Segments, false)
	// The dateline starts after " date 2023-09 " and the first sentence
	// follows it; the last sentence ends before the credits.
	if d := doc.Segments[0]; d.Start != 14 || d.End != 30 {
		t.Errorf("dateline at [%d,%d), want [14,30)", d.Start, d.End)
	}
	last := doc.Segments[len(doc.Segments)-1]
	if rest := text[last.End:]; !strings.HasPrefix(rest, "\n\nPenerjemah:") {
		t.Errorf("text after the last segment starts %q", rest[:min(20, len(rest))])
	}
}

func TestArticleMetadata(t *testing.T) {
	text := "date 2024-10-12\nJakarta (ANTARA News) - Harga naik.\nKabar Terkini\nPemerintah menjelaskan.\nPewarta: Budi Santoso\nRedaktur: Ani\nCopyright © ANTARA 2024\n"
	doc := mustArticle(t, DefaultRules().Segmenter(language.Indonesian), text)
	want := Metadata{Date: "2024-10-12", Place: "Jakarta", Agency: "ANTARA News", Reporter: "Budi Santoso", Editor: "Ani", Copyright: "Copyright © ANTARA 2024"}
	if doc.Metadata != want {
		t.Errorf("metadata %+v, want %+v", doc.Metadata, want)
	}
	type ks struct {
		Kind Kind
		Text string
	}
	var got []ks
	for _, s := range doc.Segments {
		got = append(got, ks{s.Kind, s.Text})
	}
	wantSegs := []ks{{Dateline, "Jakarta (ANTARA News) -"}, {Sentence, "Harga naik."}, {Heading, "Kabar Terkini"}, {Sentence, "Pemerintah menjelaskan."}}
	if !reflect.DeepEqual(got, wantSegs) {
		t.Errorf("segments %v, want %v", got, wantSegs)
	}
	checkLossless(t, text, doc.Segments, false)
}

// TestArticleTitleFirst checks a title line before the dateline: it is a
// heading, and the dateline is still found.
func TestArticleTitleFirst(t *testing.T) {
	text := "Kim akan Bertemu Putin\n\nSeoul (ANTARA) - Kim tiba. Dia senang.\n"
	doc := mustArticle(t, DefaultRules().Segmenter(language.Indonesian), text)
	var got []string
	for _, s := range doc.Segments {
		got = append(got, string(s.Kind)+": "+s.Text)
	}
	want := []string{"heading: Kim akan Bertemu Putin", "dateline: Seoul (ANTARA) -", "sentence: Kim tiba.", "sentence: Dia senang."}
	if !reflect.DeepEqual(got, want) || doc.Metadata.Place != "Seoul" {
		t.Errorf("got %q (place %q), want %q", got, doc.Metadata.Place, want)
	}
	checkLossless(t, text, doc.Segments, false)

	// After a sentence, a line that looks like a dateline is text.
	text = "Harga naik.\nBadan Pusat Statistik (BPS) - lembaga itu - mencatatnya.\n"
	doc = mustArticle(t, DefaultRules().Segmenter(language.Indonesian), text)
	if doc.Metadata.Place != "" || doc.Segments[1].Kind != Sentence {
		t.Errorf("a dateline was found in %q: %+v", text, doc)
	}
}

// TestArticleWithoutNews checks that ordinary text is segmented as Split
// does, with no metadata.
func TestArticleWithoutNews(t *testing.T) {
	text := "Ini kalimat biasa. Tidak ada dateline (sama sekali) - sungguh."
	seg := DefaultRules().Segmenter(language.Indonesian)
	doc := mustArticle(t, seg, text)
	if doc.Metadata != (Metadata{}) {
		t.Errorf("metadata %+v, want none", doc.Metadata)
	}
	if !reflect.DeepEqual(doc.Segments, mustSplit(t, seg, text)) {
		t.Errorf("Article %v differs from Split %v", doc.Segments, mustSplit(t, seg, text))
	}
}

func TestRebuild(t *testing.T) {
	seg := DefaultRules().Segmenter(language.Indonesian)
	cases := []struct {
		text    string
		targets []string
		want    string
	}{
		{"Satu.  Dua.\n\nTiga.", []string{"A.", "B.", "C."}, "A.  B.\n\nC."},
		{"Satu.  Dua.\n\nTiga.", nil, "Satu.  Dua.\n\nTiga."},
		{"Satu.  Dua.\n\nTiga.", []string{"A."}, "A.  Dua.\n\nTiga."},
		{"nasional AS.Perkembangan terbaru.", []string{"A.", "B."}, "A. B."},
		{"nasional AS.Perkembangan terbaru.", nil, "nasional AS. Perkembangan terbaru."},
		{" date 2023-09 Seoul (ANTARA) - Kim tiba.\n\nPenerjemah: X", []string{"Seoul (ANTARA) -", "Kim arrived."}, " date 2023-09 Seoul (ANTARA) - Kim arrived.\n\nPenerjemah: X"},
	}
	for _, c := range cases {
		doc := mustArticle(t, seg, c.text)
		if got := Rebuild(c.text, doc.Segments, c.targets); got != c.want {
			t.Errorf("Rebuild(%q, %q) = %q, want %q", c.text, c.targets, got, c.want)
		}
	}
}

// TestArticleLineEnds checks that an article with CR LF or CR-only (old
// Mac) line ends gives the same segments and metadata as with LF: the
// credit and copyright lines are metadata, headings are headings.
func TestArticleLineEnds(t *testing.T) {
	lf := string(example.Article)
	seg := DefaultRules().Segmenter(language.Indonesian)
	want := mustArticle(t, seg, lf)
	for name, nl := range map[string]string{"CRLF": "\r\n", "CR": "\r"} {
		t.Run(name, func(t *testing.T) {
			text := strings.ReplaceAll(lf, "\n", nl)
			got := mustArticle(t, seg, text)
			if got.Metadata != want.Metadata {
				t.Errorf("metadata %+v, want %+v", got.Metadata, want.Metadata)
			}
			if len(got.Segments) != len(want.Segments) {
				t.Fatalf("%d segments, want %d; last %q", len(got.Segments), len(want.Segments), got.Segments[len(got.Segments)-1].Text)
			}
			for i, g := range got.Segments {
				if w := want.Segments[i]; g.Kind != w.Kind || g.Text != w.Text {
					t.Errorf("segment %d: %s %q, want %s %q", i+1, g.Kind, g.Text, w.Kind, w.Text)
				}
			}
			checkLossless(t, text, got.Segments, false)
		})
	}
}

// TestArticleEmpty checks that an empty or blank text has no segments, and
// that its JSON says so with an empty list, not null.
func TestArticleEmpty(t *testing.T) {
	for _, text := range []string{"", " \n\r\n", "\uFEFF"} {
		doc := mustArticle(t, DefaultRules().Segmenter(language.Indonesian), text)
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `"segments":[]`) {
			t.Errorf("Article(%q) in JSON: %s", text, b)
		}
	}
}
