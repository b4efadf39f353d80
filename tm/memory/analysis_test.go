package memory_test

import (
	"strings"
	"testing"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/tm/memory"
)

// TestIssueScores scores the examples of issue 15 (point 7) with padan's
// real tokenizer: a currency or unit amount, glued or spaced, is one number,
// so that two amounts differ only by the number penalty. The scores before
// the change are in the comments.
func TestIssueScores(t *testing.T) {
	const sentence = "Harga tiket pesawat Jakarta–Bali naik menjadi %s per penumpang."
	tests := []struct {
		name          string
		query, unit   string
		score, base   int
		numberPenalty bool
	}{
		// 90: the amounts were two different words.
		{"other amount", "Rp400.000", "Rp350.000", 98, 100, true},
		// 81: "Rp 400.000" was two keys against one.
		{"spaced", "Rp400.000", "Rp 400.000", 98, 100, true},
		{"same amount", "Rp400.000", "Rp400.000", 100, 100, false},
		{"Rp. spaced", "Rp400.000", "Rp. 350.000", 98, 100, true},
		{"bare number", "Rp400.000", "400.000", 98, 100, true},
		{"code", "IDR 400.000", "IDR400.000", 98, 100, true},
		{"dollars", "US$25", "US$ 30", 98, 100, true},
		{"dollar sign", "US$25", "$25", 98, 100, true},
		{"percent", "5%", "10 %", 98, 100, true},
		{"kilometres", "10km", "12 km", 98, 100, true},
		{"kilograms", "5kg", "5 kg", 98, 100, true},
		// A word that is not an amount stays a word: one key differs.
		{"not an amount", "Rp400.000", "A380", 88, 90, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := memory.Analyze(strings.Replace(sentence, "%s", tt.query, 1))
			u := memory.Analyze(strings.Replace(sentence, "%s", tt.unit, 1))
			r := fuzzy.Score(q, u)
			if r.Score != tt.score || r.Base != tt.base {
				t.Errorf("score %d (base %d), want %d (base %d); penalties %v", r.Score, r.Base, tt.score, tt.base, r.Penalties)
			}
			has := false
			for _, p := range r.Penalties {
				has = has || p.Reason == fuzzy.PenaltyNumbers
			}
			if has != tt.numberPenalty {
				t.Errorf("number penalty %v, want %v", has, tt.numberPenalty)
			}
		})
	}
}
