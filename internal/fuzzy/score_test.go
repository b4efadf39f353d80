package fuzzy

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/padan-tm/padan/worddiff"
)

var scoreTests = []struct {
	name      string
	query     string
	unit      string
	base      int
	score     int
	penalties []Reason
}{
	{"exact", "Kim Jong Un bertemu Putin di Moskow.", "Kim Jong Un bertemu Putin di Moskow.", 100, 100, nil},
	{"case only", "kim jong un bertemu putin.", "Kim Jong Un bertemu Putin.", 100, 99, []Reason{PenaltyCase}},
	{"punctuation only", "Kim bertemu Putin, kemarin.", "Kim bertemu Putin kemarin.", 100, 99, []Reason{PenaltyPunctuation}},
	{"case and punctuation", "kim bertemu putin", "Kim bertemu Putin.", 100, 98, []Reason{PenaltyCase, PenaltyPunctuation}},
	{"number differs", "Pada 2023 ekspor naik 5 persen.", "Pada 2024 ekspor naik 5 persen.", 100, 98, []Reason{PenaltyNumbers}},
	{"code differs", "Klik \ue000 Simpan\ue001 sekarang", "Klik \ue002 Simpan\ue001 sekarang", 100, 98, []Reason{PenaltyCodes}},
	{"one word of four", "satu dua tiga empat", "satu dua lima empat", 75, 75, nil},
	{"one inserted of five", "satu dua tiga empat", "satu dua tiga empat lima", 80, 80, nil},
	{"one deleted of three", "satu dua tiga", "satu tiga", 66, 66, nil},
	{"two of three and case", "Satu dua tiga", "satu empat lima", 33, 32, []Reason{PenaltyCase}},
	{"nothing shared", "satu dua", "tiga empat", 0, 0, nil},
	{"both empty", "", "", 100, 100, nil},
	{"only punctuation differs", "?", "!", 100, 99, []Reason{PenaltyPunctuation}},
	{"one empty", "satu", "", 0, 0, nil},
	{"ideographs", "我们今天见面", "我们明天见面", 83, 83, nil},
	{"NFC", "caf\u00e9 baru", "cafe\u0301 baru", 100, 100, nil},
	{"fold sharp s", "STRASSE besar", "straße besar", 100, 99, []Reason{PenaltyCase}},
}

func TestScore(t *testing.T) {
	for _, tt := range scoreTests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(analyze(tt.query), analyze(tt.unit))
			if r.Base != tt.base || r.Score != tt.score {
				t.Errorf("Score(%q, %q) = base %d score %d, want base %d score %d", tt.query, tt.unit, r.Base, r.Score, tt.base, tt.score)
			}
			var reasons []Reason
			for _, p := range r.Penalties {
				reasons = append(reasons, p.Reason)
				if p.Points != p.Reason.Points() || p.Points <= 0 {
					t.Errorf("penalty %v has %d points", p.Reason, p.Points)
				}
			}
			if !reflect.DeepEqual(reasons, tt.penalties) {
				t.Errorf("penalties = %v, want %v", reasons, tt.penalties)
			}
			if r2, ok := ScoreAtLeast(analyze(tt.query), analyze(tt.unit), tt.score); !ok || !reflect.DeepEqual(r2, r) {
				t.Errorf("ScoreAtLeast(min %d) = %+v, %v; want %+v, true", tt.score, r2, ok, r)
			}
			if _, ok := ScoreAtLeast(analyze(tt.query), analyze(tt.unit), tt.score+1); ok {
				t.Errorf("ScoreAtLeast(min %d) accepted a score of %d", tt.score+1, r.Score)
			}
		})
	}
}

func randomSeq(rng *rand.Rand, maxLen, alphabet int) []int {
	s := make([]int, rng.IntN(maxLen+1))
	for i := range s {
		s[i] = rng.IntN(alphabet)
	}
	return s
}

func TestMaxDistance(t *testing.T) {
	for lq := 0; lq <= 40; lq++ {
		for lu := 0; lu <= 40; lu++ {
			for m := 1; m <= 101; m++ {
				md := MaxDistance(lq, lu, m)
				for d := abs(lq - lu); d <= max(lq, lu); d++ {
					if ok := Base(lq, lu, d) >= m; ok != (d <= md) {
						t.Fatalf("lq %d lu %d m %d: Base(d=%d) = %d but MaxDistance = %d", lq, lu, m, d, Base(lq, lu, d), md)
					}
				}
			}
		}
	}
}

func abs(x int) int { return max(x, -x) }

// TestKeysIsAnalyzeKeys checks that Keys gives Analysis.Keys, and that the
// ASCII fold gives x/text's case folding, on texts of every kind of token.
func TestKeysIsAnalyzeKeys(t *testing.T) {
	texts := [][]worddiff.Token{
		{{Kind: worddiff.Word, Text: "Korea"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Word, Text: "UTARA"}, {Kind: worddiff.Punct, Text: ","}, {Kind: worddiff.Number, Text: "2023"}, {Kind: worddiff.Code, Text: "\uE000"}, {Kind: worddiff.Ideograph, Text: "北"}},
		{{Kind: worddiff.Word, Text: "Ça"}, {Kind: worddiff.Word, Text: "ÉTÉ"}, {Kind: worddiff.Word, Text: "straße"}, {Kind: worddiff.Word, Text: "İstanbul"}, {Kind: worddiff.Word, Text: "ǅemal"}, {Kind: worddiff.Word, Text: " "}, {Kind: worddiff.Word, Text: ""}},
		{{Kind: worddiff.Word, Text: "e\u0301t\u0301e\u0301"}, {Kind: worddiff.Word, Text: "KELVIN\u212a"}, {Kind: worddiff.Word, Text: "mIxEd_Case-09"}},
	}
	for _, ts := range texts {
		if got, want := Keys(ts), Analyze(ts).Keys; !slices.Equal(got, want) {
			t.Errorf("Keys(%v) = %q, Analyze gives %q", ts, got, want)
		}
		for _, tok := range ts {
			if tok.Kind != worddiff.Word {
				continue
			}
			if got, want := Key(tok), folder.String(norm.NFC.String(tok.Text)); got != want {
				t.Errorf("Key(%q) = %q, x/text folds to %q", tok.Text, got, want)
			}
		}
	}
	for c := 0; c < 0x80; c++ {
		s := "a" + string(rune(c)) + "Z"
		if got, want := foldNFC(s), folder.String(norm.NFC.String(s)); got != want {
			t.Errorf("foldNFC(%q) = %q, x/text folds to %q", s, got, want)
		}
	}
}
