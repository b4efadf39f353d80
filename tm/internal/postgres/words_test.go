package postgres

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
)

// decodeWords reads the binary form of a tsvector written by AppendWords
// into its text form ('lexeme':1,2 …), checking tsvector's rules and
// padan's limits on the way.
func decodeWords(b []byte) (string, error) {
	if len(b) < 4 {
		return "", fmt.Errorf("%d bytes", len(b))
	}
	n := int(binary.BigEndian.Uint32(b))
	b = b[4:]
	var out []string
	prev, size := "", 0
	for i := range n {
		end := slices.Index(b, 0)
		if end < 0 {
			return "", fmt.Errorf("lexeme %d: no NUL", i)
		}
		lex := string(b[:end])
		b = b[end+1:]
		switch {
		case lex == "":
			return "", fmt.Errorf("lexeme %d is empty", i)
		case len(lex) > maxLexeme:
			return "", fmt.Errorf("lexeme %d: %d bytes", i, len(lex))
		case i > 0 && lex <= prev:
			return "", fmt.Errorf("lexeme %q after %q", lex, prev)
		case !utf8.ValidString(lex):
			return "", fmt.Errorf("lexeme %q is not UTF-8", lex)
		case len(b) < 2:
			return "", fmt.Errorf("lexeme %d: no count", i)
		}
		prev = lex
		npos := int(binary.BigEndian.Uint16(b))
		b = b[2:]
		if npos < 1 || npos > maxPositions || len(b) < 2*npos {
			return "", fmt.Errorf("lexeme %q: %d positions", lex, npos)
		}
		var ps []string
		last := 0
		for range npos {
			p := int(binary.BigEndian.Uint16(b))
			b = b[2:]
			if p <= last || p > maxPosition {
				return "", fmt.Errorf("lexeme %q: position %d after %d", lex, p, last)
			}
			last = p
			ps = append(ps, fmt.Sprint(p))
		}
		size += lexemeCost(len(lex), npos)
		out = append(out, "'"+lex+"':"+strings.Join(ps, ","))
	}
	if len(b) != 0 {
		return "", fmt.Errorf("%d bytes left", len(b))
	}
	if size > maxWordBytes {
		return "", fmt.Errorf("%d bytes of lexemes and positions", size)
	}
	return strings.Join(out, " "), nil
}

func TestAppendWords(t *testing.T) {
	long := strings.Repeat("a", maxLexeme)
	tests := []struct{ text, want string }{
		{"", ""},
		{" ,.!? ", ""},
		{"Kerja sama, kerja keras.", "'keras':4 'kerja':1,3 'sama':2"},
		{"Café ÉCOLE école", "'cafe':1 'ecole':2,3"},
		{"naïve Ångström façade Nẵng", "'angstrom':2 'facade':3 'naive':1 'nang':4"},
		{"Inflasi 1.5 persen, Rp400.000", "'000':6 '1':2 '5':3 'inflasi':1 'persen':4 'rp400':5"},
		{"ana@example.co.id", "'ana':1 'co':3 'example':2 'id':4"},
		{"https://antaranews.com/berita/1?id=2", "'1':5 '2':7 'antaranews':2 'berita':4 'com':3 'https':1 'id':6"},
		{`C:\Users\ana\berita.docx /srv/tm-1.tmx`, "'1':8 'ana':3 'berita':4 'c':1 'docx':5 'srv':6 'tm':7 'tmx':9 'users':2"},
		{"Korea-Utara kupu-kupu", "'korea':1 'kupu':3,4 'utara':2"},
		{"Jum'at, don't", "'at':2 'don':3 'jum':1 't':4"},
		{"Пхеньян 日本語 서울", "'пхеньян':1 '日本語':2 '서울':3"},
		{long + " b", "'" + long + "':1 'b':2"},
		{long + "a b", "'b':2"}, // too long: left out, its position kept
		{strings.Repeat("x ", 300), "'x':" + strings.Join(seq(1, 256), ",")},
	}
	for _, tt := range tests {
		got, err := decodeWords(AppendWords(nil, tt.text))
		if err != nil {
			t.Errorf("AppendWords(%.40q): %v", tt.text, err)
			continue
		}
		if got != tt.want {
			t.Errorf("AppendWords(%.40q) = %.200s, want %.200s", tt.text, got, tt.want)
		}
	}
}

// seq returns the numbers from to as text.
func seq(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprint(i))
	}
	return out
}

// TestAppendWordsLimits: the positions after maxPosition take it, and a
// text of 1 MiB of distinct words keeps those met first that fit in
// tsvector's 1 MB (and the server takes them, when there is one).
func TestAppendWordsLimits(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 20000*7; i++ {
		fmt.Fprintf(&b, "w%d ", i)
	}
	got, err := decodeWords(AppendWords(nil, b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "'w0':1 ") || !strings.Contains(got, "'w16382':16383 ") || !strings.Contains(got, "'w19999':16383 ") {
		t.Errorf("positions: %.100s…", got)
	}

	b.Reset()
	for i := 0; b.Len() < 1<<20-16; i++ {
		fmt.Fprintf(&b, "%x ", i)
	}
	huge := b.String()
	w := AppendWords(nil, huge)
	got, err = decodeWords(w)
	if err != nil {
		t.Fatal(err)
	}
	tokens := len(strings.Fields(huge))
	kept := strings.Count(got, "'") / 2
	if kept >= tokens || kept < tokens/3 || !strings.Contains(got, "'0':1 ") {
		t.Errorf("a 1 MiB text of %d distinct words keeps %d of them", tokens, kept)
	}
	if strings.Contains(got, fmt.Sprintf("'%x':", tokens-1)) {
		t.Errorf("the last word is kept, not the first ones")
	}
	if os.Getenv("PADAN_TEST_POSTGRES") == "" {
		return
	}
	db, _ := open(t)
	var back []byte
	if err := db.Pool().QueryRow(context.Background(), `SELECT tsvectorsend($1::tsvector)`, words(w)).Scan(&back); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back, w) {
		t.Errorf("the server's tsvector differs (%d bytes, sent %d)", len(back), len(w))
	}
}

func TestPhraseQuery(t *testing.T) {
	long := strings.Repeat("a", maxLexeme+1)
	tests := []struct {
		term, want string
		ok         bool
	}{
		{"", "", false},
		{` ,."'\ `, "", false},
		{long, "", false},
		{"kerja", "'kerja'", true},
		{"Kerja  SAMA", "'kerja' <-> 'sama'", true},
		{"a " + long + " b", "'a' <2> 'b'", true},
		{"1.5", "'1' <-> '5'", true},
		{"a b c", "'a' <-> ('b' <-> 'c')", true},
		{`kerja" OR "x`, "'kerja' <-> ('or' <-> 'x')", true},
		{"x'):* & !(y <-> z|w\\", "('x' <-> 'y') <-> ('z' <-> 'w')", true},
		{strings.Repeat("a ", maxPosition+1), "", false},
	}
	for _, tt := range tests {
		got, ok := PhraseQuery(tt.term)
		if got != tt.want || ok != tt.ok {
			t.Errorf("PhraseQuery(%.40q) = %q, %v; want %q, %v", tt.term, got, ok, tt.want, tt.ok)
		}
	}
	if q, ok := PhraseQuery(strings.Repeat("kata ", maxPosition)); !ok || strings.Count(q, "'kata'") != maxPosition || strings.Count(q, "(") > 2*maxPosition {
		t.Errorf("a phrase of %d words: %v, %.80s…", maxPosition, ok, q)
	}
}

// FuzzWords checks AppendWords's invariants on any text (sorted unique
// lexemes, tsvector's limits), that each lexeme is one of FTS5's tokens,
// and that a text holds its own phrase: with PADAN_TEST_POSTGRES, that
// the server takes the words as they are and that they match the
// text's PhraseQuery, as PhraseSpans finds the phrase.
//
//	go test ./tm/internal/postgres -run '^$' -fuzz FuzzWords -fuzztime 1m
func FuzzWords(f *testing.F) {
	for _, s := range []string{"", "Kerja sama, kerja keras.", "Café 1.5 ana@example.com Korea-Utara Jum'at",
		"日本語 Пхеньян", "x'):* & !(y <-> z|w\\", "a\u0301 \u0301 b", strings.Repeat("ab ", 300)} {
		f.Add(s)
	}
	var conn *pgx.Conn
	if dsn := os.Getenv("PADAN_TEST_POSTGRES"); dsn != "" {
		c, err := pgx.Connect(context.Background(), dsn)
		if err != nil {
			f.Fatal(err)
		}
		registerWords(c.TypeMap())
		f.Cleanup(func() { c.Close(context.Background()) })
		conn = c
	}
	f.Fuzz(func(t *testing.T, text string) {
		w := AppendWords(nil, text)
		got, err := decodeWords(w)
		if err != nil {
			t.Fatalf("AppendWords(%q): %v", text, err)
		}
		keys := map[string]bool{}
		for _, tok := range ftsTokens(text) {
			keys[tok.key] = true
		}
		for _, lex := range strings.Fields(got) {
			lex = lex[1:strings.LastIndexByte(lex, '\'')]
			if !strings.Contains(lex, " ") && !keys[lex] {
				t.Fatalf("AppendWords(%q): lexeme %q is no token", text, lex)
			}
		}
		q, ok := PhraseQuery(text)
		if ok != HasWords(text) && len(ftsTokens(text)) <= maxPosition {
			t.Fatalf("PhraseQuery(%q): %v, HasWords %v", text, ok, HasWords(text))
		}
		if conn == nil || !utf8.ValidString(text) || strings.ContainsRune(text, 0) {
			return // what the server stores is UTF-8 without NUL
		}
		ctx := context.Background()
		var back []byte
		if err := conn.QueryRow(ctx, `SELECT tsvectorsend($1::tsvector)`, words(w)).Scan(&back); err != nil {
			t.Fatalf("AppendWords(%q): %v", text, err)
		}
		if !slices.Equal(back, w) {
			t.Fatalf("AppendWords(%q): the server's tsvector differs", text)
		}
		if !ok || len(ftsTokens(text)) > maxPositions {
			return
		}
		var match bool
		if err := conn.QueryRow(ctx, `SELECT $1::tsvector @@ $2::tsquery`, words(w), q).Scan(&match); err != nil {
			t.Fatalf("PhraseQuery(%q) = %q: %v", text, q, err)
		}
		if !match {
			t.Fatalf("the words of %q do not match its phrase %q", text, q)
		}
	})
}
