package postgres

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestHasWords(t *testing.T) {
	for term, want := range map[string]bool{
		"kebijakan": true, "  Café ": true, "2026": true, "日本": true,
		"": false, "   ": false, "!!! ...": false, "«»—": false, "&|!<->": false,
	} {
		if got := HasWords(term); got != want {
			t.Errorf("HasWords(%q) = %v", term, got)
		}
	}
}

func TestPhraseCondition(t *testing.T) {
	if got, want := PhraseCondition("e", false, 1), "e.source_words @@ phraseto_tsquery('padan_text', $1)"; got != want {
		t.Errorf("got %s", got)
	}
	if got, want := PhraseCondition("m", true, 3), "m.target_words @@ phraseto_tsquery('padan_text', $3)"; got != want {
		t.Errorf("got %s", got)
	}
}

// TestConcordance searches Indonesian sources and English targets for
// phrases whatever their case and diacritics, in order only, newest first.
func TestConcordance(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	p := db.Pool()
	if _, err := p.Exec(ctx, `INSERT INTO memory_pair (source_lang, target_lang) VALUES ('id', 'en'), ('en', 'id')`); err != nil {
		t.Fatal(err)
	}
	entries := [][2]string{
		{"Kebijakan pemerintah-daerah tentang pajak.", "The regional government's tax policy."},             // 1
		{"Menteri Keuangan Sri Mulyani Indrawati berkata.", "Finance Minister Sri Mulyani Indrawati said."}, // 2
		{"Café di Jalan Thamrin.", "The café on Thamrin Street."},                                           // 3
		{"KEBIJAKAN PEMERINTAH pusat.", "Central GOVERNMENT policy."},                                       // 4
		{"Résumé eksekutif.", "Executive résumé."},                                                          // 5
		{"Anak-anak sekolah libur.", "Schoolchildren are on holiday."},                                      // 6
		{"Pemerintah, kebijakan!", "Government, policy!"},                                                   // 7
	}
	for i, e := range entries {
		if _, err := p.Exec(ctx, `INSERT INTO memory_entry (pair, hash, source, target, origin, author, time, nkeys)
			VALUES (1, $1, $2, $3, 'import', 'ana', '2026-01-02T03:04:05.000000Z', 1)`, []byte{byte(i)}, e[0], e[1]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.Exec(ctx, `INSERT INTO memory_entry (pair, hash, source, target, origin, nkeys)
		VALUES (2, '\xff', 'Government policy.', 'Kebijakan pemerintah.', 'import', 1)`); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		term, lang string
		target     bool
		max        int
		want       []int64
	}{
		{"kebijakan pemerintah", "id", false, 0, []int64{4, 1}},
		{"  KEBIJAKAN   Pemerintah ", "id", false, 0, []int64{4, 1}},
		{"kebijakan pemerintah", "id", false, 1, []int64{4}},
		{"pemerintah kebijakan", "id", false, 0, []int64{7}}, // order counts; punctuation does not
		{"pemerintah daerah", "id", false, 0, []int64{1}},
		{"pemerintah-daerah", "id", false, 0, []int64{1}},
		{"anak sekolah", "id", false, 0, []int64{6}},
		{"cafe", "id", false, 0, []int64{3}},
		{"CAFÉ", "en", true, 0, []int64{3}},
		{"Cafe\u0301", "en", true, 0, []int64{3}}, // decomposed
		{"resume", "en", true, 0, []int64{5}},
		{"résumé EKSEKUTIF", "id", false, 0, []int64{5}},
		{"government policy", "en", true, 0, []int64{7, 4}},
		{"tax policy", "en", true, 0, []int64{1}},
		{"sri mulyani indrawati", "id", false, 0, []int64{2}},
		{"sri mulyani", "en", false, 0, nil}, // English sources: only entry 8
		{"government policy", "en", false, 0, []int64{8}},
		{"kebijakan pemerintah", "id", true, 0, []int64{8}},
		{"sekolah anak", "id", false, 0, nil},
		{"a & b | !c <-> d:*", "id", false, 0, nil}, // no query syntax
		{"kebijakan' | 'pajak", "id", false, 0, nil},
	}
	for _, tt := range tests {
		hits, err := Concordance(ctx, p, tt.term, tt.lang, tt.target, tt.max)
		if err != nil {
			t.Errorf("%q: %v", tt.term, err)
			continue
		}
		var got []int64
		for _, h := range hits {
			got = append(got, h.ID)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Concordance(%q, %s, target %v, max %d) = %v, want %v", tt.term, tt.lang, tt.target, tt.max, got, tt.want)
		}
	}
	hits, err := Concordance(ctx, p, "sri mulyani", "id", false, 0)
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v, err %v", hits, err)
	}
	want := Hit{ID: 2, SourceLang: "id", TargetLang: "en", Source: entries[1][0], Target: entries[1][1],
		Origin: "import", Author: "ana", Time: "2026-01-02T03:04:05.000000Z"}
	if hits[0] != want {
		t.Errorf("hit %+v\nwant %+v", hits[0], want)
	}
	for _, term := range []string{"", "  ", "!!!", "«—»"} {
		if _, err := Concordance(ctx, p, term, "id", false, 0); !errors.Is(err, ErrEmptyTerm) {
			t.Errorf("Concordance(%q): err = %v, want ErrEmptyTerm", term, err)
		}
	}
}
