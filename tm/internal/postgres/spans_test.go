package postgres

import (
	"bytes"
	"database/sql"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	_ "modernc.org/sqlite"

	"github.com/padan-tm/padan/tm/internal/postgres/internal/fts5gen"
)

// fts5 is an SQLite FTS5 table with padan's tokenizer, to compare
// PhraseSpans with what SQLite highlights.
type fts5 struct{ db *sql.DB }

func newFTS5(t testing.TB) *fts5 {
	t.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE VIRTUAL TABLE f USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2')`); err != nil {
		t.Fatal(err)
	}
	return &fts5{db}
}

// spans returns the spans SQLite's highlight() marks in text for a phrase
// of words (quoted as SQLite's backend quotes them), and whether it
// matched.
func (f *fts5) spans(t testing.TB, text string, words []string) ([][2]int, bool) {
	t.Helper()
	if _, err := f.db.Exec(`DELETE FROM f`); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.Exec(`INSERT INTO f (rowid, x) VALUES (1, ?)`, text); err != nil {
		t.Fatal(err)
	}
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	var marked string
	err := f.db.QueryRow(`SELECT highlight(f, 0, char(1), char(2)) FROM f WHERE f MATCH ?`, strings.Join(q, " + ")).Scan(&marked)
	if err == sql.ErrNoRows {
		return nil, false
	}
	if err != nil {
		t.Fatal(err)
	}
	var spans [][2]int
	n, start := 0, -1
	for i := 0; i < len(marked); i++ {
		switch marked[i] {
		case 1:
			start = n
		case 2:
			spans = append(spans, [2]int{start, n})
		default:
			n++
		}
	}
	return spans, true
}

// TestPhraseSpans: the spans are SQLite's, whatever the case, diacritics
// (composed or not), scripts and separators.
func TestPhraseSpans(t *testing.T) {
	f := newFTS5(t)
	for _, tt := range phraseSpansTests {
		want, _ := f.spans(t, tt.text, tt.words)
		if got := PhraseSpans(tt.text, tt.words); !reflect.DeepEqual(got, want) {
			t.Errorf("PhraseSpans(%.80q, %.80q) = %v, SQLite %v", tt.text, tt.words, got, want)
		}
	}
}

// phraseSpansTests are the texts and phrases of TestPhraseSpans.
var phraseSpansTests = []struct {
	text  string
	words []string
}{
	{"Kerja sama militer kedua negara.", []string{"kerja", "sama"}},
	{"KERJA SAMA ekonomi dan kerja sama militer.", []string{"kerja", "sama"}},
	{"kerja sama kerja sama", []string{"kerja", "sama"}},
	{"sama sama sama", []string{"sama", "sama"}},
	{"Café crème, cafe", []string{"cafe"}},
	{"e\u0301te ete", []string{"ete"}},
	{"İstanbul istanbul", []string{"istanbul"}},
	{"Łódź lodz", []string{"łodz"}},
	{"Σ σ ς", []string{"σ"}},
	{"ά α", []string{"α"}},
	{"1,000 1.000 Rp1.000", []string{"1.000"}},
	{"pemerintah-daerah pemerintah daerah", []string{"pemerintah", "daerah"}},
	{"A_B a b", []string{"a", "b"}},
	{"x\u0903y x y", []string{"x", "y"}},
	{"\ue000kode\ue001 kode", []string{"kode"}},
	{"日本語 日本", []string{"日本"}},
	{"Straße strasse", []string{"straße"}},
	{"no match here", []string{"tidak"}},
	// SQLite's tables, not Go's: a combining mark outside SQLite's
	// few diacritics separates, as does one that begins a word.
	{"0 0\u0943", []string{"0"}},
	{"\u0301e ete", []string{"e"}},
	{"ke\u0301\u0301 ke", []string{"ke"}},
	// Georgian Mtavruli (Unicode 11) and Vithkuqi (Unicode 14): Go
	// lower-cases them, SQLite does not.
	{"\u1c90\u1c91 \u10d0\u10d1", []string{"\u10d0\u10d1"}},
	{"\U00010570 \U00010597", []string{"\U00010597"}},
	{"\U00010570 \U00010597", []string{"\U00010570"}},
	// Deseret, the one case pair SQLite folds outside the BMP.
	{"\U00010400 \U00010428", []string{"\U00010428"}},
	// Devanagari, Thai and Arabic, whose vowel signs and harakat are
	// marks.
	{"हिंदी भाषा हिंदी", []string{"हिंदी"}},
	{"नमस्ते नमस ते", []string{"नमस", "ते"}},
	{"สวัสดี สวสด", []string{"สวสด"}},
	{"สวัสดี สวสด", []string{"สว", "สด"}},
	{"كَتَبَ كتب", []string{"كتب"}},
	{"كَتَبَ كتب", []string{"ك", "ت"}},
	// Tokens longer than FTS5 keeps (32768 bytes) are cut, even
	// inside a character.
	{strings.Repeat("a", 40000) + " b", []string{strings.Repeat("a", 32768) + "z"}},
	{"a" + strings.Repeat("ж", 20000), []string{"a" + strings.Repeat("ж", 16384) + "x"}},
	{"a" + strings.Repeat("ж", 20000), []string{"a" + strings.Repeat("ж", 16383) + "ю"}},
}

// TestFTS5Tables: fts5_tables.go is what the SQLite of modernc.org/sqlite
// does with every rune, so that a new version of the driver whose
// tokenizer differs fails here rather than in the fuzz target.
func TestFTS5Tables(t *testing.T) {
	tok, err := fts5gen.Probe()
	if err != nil {
		t.Fatal(err)
	}
	want, err := tok.Source("postgres")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("fts5_tables.go")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gotLines, wantLines := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	i := 0
	for i < min(len(gotLines), len(wantLines)) && gotLines[i] == wantLines[i] {
		i++
	}
	line := func(lines []string) string {
		if i < len(lines) {
			return lines[i]
		}
		return "(end of file)"
	}
	t.Fatalf("fts5_tables.go does not match the tokenizer of the SQLite in modernc.org/sqlite; run go generate ./tm/internal/postgres\nline %d: %q\n  SQLite: %q", i+1, line(gotLines), line(wantLines))
}

// FuzzPhraseSpans: for any text and phrase, PhraseSpans marks what SQLite's
// FTS5 marks.
func FuzzPhraseSpans(f *testing.F) {
	f.Add("Kerja sama militer kedua negara.", "kerja sama")
	f.Add("sama sama sama", "sama sama")
	f.Add("Café e\u0301te İ Σς", "cafe ete")
	f.Add("1.000,5 x\u0903y", "000 5")
	f.Add("0 0\u0943 \u0301e \u1c90 \U00010570 كَتَبَ", "0 e")
	db := newFTS5(f)
	f.Fuzz(func(t *testing.T, text, phrase string) {
		if !utf8.ValidString(text) || !utf8.ValidString(phrase) || strings.ContainsRune(text+phrase, 0) || strings.ContainsAny(text, "\x01\x02") {
			return
		}
		words := strings.Fields(phrase)
		if len(words) == 0 || len(ftsTokens(phrase)) == 0 {
			return
		}
		want, matched := db.spans(t, text, words)
		got := PhraseSpans(text, words)
		if matched && !reflect.DeepEqual(got, want) {
			t.Errorf("PhraseSpans(%q, %q) = %v, SQLite %v", text, words, got, want)
		}
	})
}
