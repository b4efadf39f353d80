package postgres

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
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
	if got, want := PhraseCondition("e", false, 1), "e.source_words @@ $1::tsquery"; got != want {
		t.Errorf("got %s", got)
	}
	if got, want := PhraseCondition("m", true, 3), "m.target_words @@ $3::tsquery"; got != want {
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
		if _, err := p.Exec(ctx, `INSERT INTO memory_entry (pair, hash, source, target, origin, author, time, nkeys, source_words, target_words)
			VALUES (1, $1, $2, $3, 'import', 'ana', '2026-01-02T03:04:05.000000Z', 1, $4, $5)`, []byte{byte(i)}, e[0], e[1], textWords(e[0]), textWords(e[1])); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.Exec(ctx, `INSERT INTO memory_entry (pair, hash, source, target, origin, nkeys, source_words, target_words)
		VALUES (2, '\xff', 'Government policy.', 'Kebijakan pemerintah.', 'import', 1, $1, $2)`, textWords("Government policy."), textWords("Kebijakan pemerintah.")); err != nil {
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
		got := hitIDs(hits)
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

// TestConcordanceWalks: whichever steps a search takes (walks of the newest
// entries, then the GIN index for the older ones), it returns the hits of
// one query over the whole table ordered newest first and limited to max:
// for terms of every frequency, single words and phrases, in sources and
// targets, with fewer hits than max, exactly max, more than one walk holds,
// none, and in a caller's transaction. The walks are made a few entries
// long, so that 600 entries take every path.
func TestConcordanceWalks(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	p := db.Pool()
	if _, err := p.Exec(ctx, `INSERT INTO memory_pair (source_lang, target_lang) VALUES ('id', 'en'), ('id', 'de')`); err != nil {
		t.Fatal(err)
	}
	// Entry n (1-based) holds "umum" (every entry), "sedang" (every 7th),
	// "kerja sama" (every 13th; "sama kerja" every 11th), "jarang" (only
	// among the oldest 50, every 17th) and "akhir" (only the newest 30).
	for n := 1; n <= 600; n++ {
		src := []string{"umum", fmt.Sprintf("kalimat%d", n)}
		tgt := []string{"common"}
		if n%7 == 0 {
			src, tgt = append(src, "sedang"), append(tgt, "medium")
		}
		if n%13 == 0 {
			src, tgt = append(src, "kerja sama"), append(tgt, "joint work")
		}
		if n%11 == 0 {
			src = append(src, "sama kerja")
		}
		if n <= 50 && n%17 == 0 {
			src, tgt = append(src, "jarang"), append(tgt, "rare")
		}
		if n > 570 {
			src = append(src, "akhir")
		}
		pair := 1 + n%5/4 // a fifth of them id → de
		s, tg := strings.Join(src, " "), strings.Join(tgt, " ")
		if _, err := p.Exec(ctx, `INSERT INTO memory_entry (pair, hash, source, target, origin, nkeys, source_words, target_words)
			VALUES ($1, $2, $3, $4, 'import', 1, $5, $6)`, pair, []byte(fmt.Sprint(n)), s, tg, textWords(s), textWords(tg)); err != nil {
			t.Fatal(err)
		}
	}
	// want is the plain query: the whole table, newest first.
	want := func(term, lang string, target bool, max int) []int64 {
		langCol := "p.source_lang"
		if target {
			langCol = "p.target_lang"
		}
		limit := "ALL"
		if max > 0 {
			limit = fmt.Sprint(max)
		}
		rows, err := p.Query(ctx, `SELECT e.id FROM memory_entry e JOIN memory_pair p ON p.id = e.pair
			WHERE `+PhraseCondition("e", target, 1)+` AND `+langCol+` = $2 ORDER BY e.id DESC LIMIT `+limit, phrase(term), lang)
		if err != nil {
			t.Fatal(err)
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	defer func(a, b, c int64) { firstWalk, wordWalk, phraseWalk = a, b, c }(firstWalk, wordWalk, phraseWalk)
	terms := []struct {
		term, lang string
		target     bool
	}{
		{"umum", "id", false},       // every entry: the first walk
		{"sedang", "id", false},     // a seventh: walks on, then the index
		{"kerja sama", "id", false}, // a phrase whose words are in more entries
		{"sama kerja", "id", false},
		{"jarang", "id", false},   // only old entries: the index
		{"akhir", "id", false},    // only new ones
		{"tidakada", "id", false}, // none
		{"joint work", "en", true},
		{"medium", "de", true},
		{"rare", "en", true},
		{"umum", "en", false}, // no pair has English sources
	}
	for _, walks := range [][3]int64{{4, 16, 64}, {32, 64, 128}, {1, 2, 3}, {4096, 16384, 65536}} {
		firstWalk, wordWalk, phraseWalk = walks[0], walks[1], walks[2]
		for _, tt := range terms {
			all := want(tt.term, tt.lang, tt.target, 0)
			for _, max := range []int{0, 1, 5, 20, len(all), len(all) + 1} {
				w := want(tt.term, tt.lang, tt.target, max)
				hits, err := Concordance(ctx, p, tt.term, tt.lang, tt.target, max)
				if err != nil {
					t.Fatalf("walks %v, %q: %v", walks, tt.term, err)
				}
				got := hitIDs(hits)
				if !slices.Equal(got, w) {
					t.Errorf("walks %v: Concordance(%q, %s, target %v, max %d) = %v, want %v", walks, tt.term, tt.lang, tt.target, max, got, w)
				}
			}
		}
	}
	// In a caller's transaction, the search runs in a savepoint whose
	// planner settings go with it.
	firstWalk, wordWalk, phraseWalk = 4, 16, 64
	tx, err := p.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	hits, err := Concordance(ctx, tx, "sedang", "id", false, 5)
	if err != nil || len(hits) != 5 || hits[0].ID != 595 {
		t.Errorf("in a transaction: %v, %v", hits, err)
	}
	var setting string
	if err := tx.QueryRow(ctx, `SELECT current_setting('enable_indexscan') || current_setting('enable_seqscan')`).Scan(&setting); err != nil || setting != "onon" {
		t.Errorf("settings after the search: %q, %v", setting, err)
	}
}

// TestConcordanceHostileTerms: whatever a term holds is only words: quotes,
// backslashes, tsquery's operators, control characters; a phrase of
// thousands of words runs without exhausting the server's stack, and a
// term longer than any entry's words finds nothing, at once.
func TestConcordanceHostileTerms(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	p := db.Pool()
	if _, err := p.Exec(ctx, `INSERT INTO memory_pair (source_lang, target_lang) VALUES ('id', 'en')`); err != nil {
		t.Fatal(err)
	}
	var long strings.Builder
	for i := range 9000 {
		fmt.Fprintf(&long, "w%d ", i)
	}
	for i, src := range []string{`Kata "kunci" di C:\berkas.`, "A & B | !C (D):* <-> E", "kata " + long.String() + "akhir"} {
		if _, err := p.Exec(ctx, `INSERT INTO memory_entry (pair, hash, source, target, origin, nkeys, source_words, target_words)
			VALUES (1, $1, $2, 'x', 'import', 1, $3, $4)`, []byte{byte(i)}, src, textWords(src), textWords("x")); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		term string
		want []int64
	}{
		{`"kunci" di`, []int64{1}},
		{`kunci" di C:\`, []int64{1}},
		{`\berkas`, []int64{1}},
		{`'kata'`, []int64{3, 1}},
		{"a & b", []int64{2}},
		{"B|!C", []int64{2}},
		{"(d):*", []int64{2}},
		{"c <-> d", []int64{2}},
		{"c <2> e", nil},
		{"d <-> e", []int64{2}},
		{"kata\x00kunci\x07 di\x1b", []int64{1}},
		{"kata " + long.String() + "akhir", []int64{3}},
		{long.String() + "kata", nil},
		{strings.Repeat("kata ", 1<<20/5), nil},
	}
	for _, tt := range tests {
		hits, err := Concordance(ctx, p, tt.term, "id", false, 20)
		if err != nil {
			t.Errorf("Concordance(%.30q): %v", tt.term, err)
			continue
		}
		got := hitIDs(hits)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Concordance(%.30q) = %v, want %v", tt.term, got, tt.want)
		}
	}
	for _, term := range []string{"", `'"\ ):*`, strings.Repeat("a", maxLexeme+1)} {
		if _, err := Concordance(ctx, p, term, "id", false, 0); !errors.Is(err, ErrEmptyTerm) {
			t.Errorf("Concordance(%.30q): %v, want ErrEmptyTerm", term, err)
		}
	}
}

// hitIDs returns the ids of hits, in order.
func hitIDs(hits []Hit) []int64 {
	var ids []int64
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return ids
}
