package worddiff

import (
	"strings"
	"testing"
)

// tk is a compact way to write an expected token in the tables below.
type tk struct {
	text string
	kind TokenKind
}

var tokenizeTests = []struct {
	name string
	in   string
	want []tk
}{
	{"empty", "", nil},
	{"words and spaces", "Kim Jong  Un", []tk{{"Kim", Word}, {" ", Space}, {"Jong", Word}, {"  ", Space}, {"Un", Word}}},
	{"punctuation alone", "Seoul (ANTARA) -", []tk{{"Seoul", Word}, {" ", Space}, {"(", Punct}, {"ANTARA", Word}, {")", Punct}, {" ", Space}, {"-", Punct}}},
	{"ellipsis is three marks", "ya...", []tk{{"ya", Word}, {".", Punct}, {".", Punct}, {".", Punct}}},
	{"numbers keep separators", "pada 2023, 1.000,5 dan 3", []tk{{"pada", Word}, {" ", Space}, {"2023", Number}, {",", Punct}, {" ", Space}, {"1.000,5", Number}, {" ", Space}, {"dan", Word}, {" ", Space}, {"3", Number}}},
	{"word with digits", "A380 flies", []tk{{"A380", Word}, {" ", Space}, {"flies", Word}}},
	{"apostrophe inside word", "don't stop", []tk{{"don't", Word}, {" ", Space}, {"stop", Word}}},
	{"hyphen splits", "Korea Utara-Rusia", []tk{{"Korea", Word}, {" ", Space}, {"Utara", Word}, {"-", Punct}, {"Rusia", Word}}},
	{"line breaks join the space run", "a \r\n\tb", []tk{{"a", Word}, {" \r\n\t", Space}, {"b", Word}}},
	{"inline codes alone", "klik \uE001OK\uE002 lalu", []tk{{"klik", Word}, {" ", Space}, {"\uE001", Code}, {"OK", Word}, {"\uE002", Code}, {" ", Space}, {"lalu", Word}}},
	{"code glued to word", "ab\uE000cd", []tk{{"ab", Word}, {"\uE000", Code}, {"cd", Word}}},
	{"chinese by character", "北京是首都。", []tk{{"北", Ideograph}, {"京", Ideograph}, {"是", Ideograph}, {"首", Ideograph}, {"都", Ideograph}, {"。", Punct}}},
	{"japanese kana", "カタカナです", []tk{{"カ", Ideograph}, {"タ", Ideograph}, {"カ", Ideograph}, {"ナ", Ideograph}, {"で", Ideograph}, {"す", Ideograph}}},
	{"thai keeps combining marks", "ที่นี่", []tk{{"ที่", Ideograph}, {"นี่", Ideograph}}},
	{"mixed latin and han", "GPT模型", []tk{{"GPT", Word}, {"模", Ideograph}, {"型", Ideograph}}},
	{"korean has spaces", "한국 사람", []tk{{"한국", Word}, {" ", Space}, {"사람", Word}}},
	{"symbols", "5% $10", []tk{{"5", Number}, {"%", Punct}, {" ", Space}, {"$", Punct}, {"10", Number}}},
	{"invalid utf-8", "a\xffb", nil}, // checked for round trip only
}

func TestTokenize(t *testing.T) {
	for _, tt := range tokenizeTests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokenize(tt.in)
			checkTokens(t, tt.in, got)
			if tt.want == nil && tt.in != "" {
				return
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Tokenize(%q) = %v, want %v", tt.in, got, tt.want)
			}
			for i := range got {
				if got[i].Text != tt.want[i].text || got[i].Kind != tt.want[i].kind {
					t.Errorf("token %d = %q/%v, want %q/%v", i, got[i].Text, got[i].Kind, tt.want[i].text, tt.want[i].kind)
				}
			}
		})
	}
}

func TestTokenizeChars(t *testing.T) {
	in := "Año  2023\u0301!"
	got := TokenizeChars(in)
	checkTokens(t, in, got)
	var texts []string
	for _, tok := range got {
		texts = append(texts, tok.Text)
	}
	want := []string{"A", "ñ", "o", "  ", "2", "0", "2", "3\u0301", "!"}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("TokenizeChars(%q) = %q, want %q", in, texts, want)
	}
	if got[3].Kind != Space || got[8].Kind != Punct || got[0].Kind != Word {
		t.Errorf("kinds = %v", got)
	}
}

// checkTokens checks the invariants every tokenization keeps: offsets are
// contiguous and right, no token is empty, no two space runs are adjacent,
// and the texts concatenate to the input.
func checkTokens(t *testing.T, in string, toks []Token) {
	t.Helper()
	var b strings.Builder
	pos := 0
	for i, tok := range toks {
		if tok.Text == "" {
			t.Fatalf("token %d is empty", i)
		}
		if tok.Start != pos || tok.End != pos+len(tok.Text) || in[tok.Start:tok.End] != tok.Text {
			t.Fatalf("token %d %+v: wrong offsets (expected start %d)", i, tok, pos)
		}
		if i > 0 && tok.Kind == Space && toks[i-1].Kind == Space {
			t.Fatalf("tokens %d and %d are both spaces", i-1, i)
		}
		pos = tok.End
		b.WriteString(tok.Text)
	}
	if b.String() != in {
		t.Fatalf("tokens rejoin to %q, want %q", b.String(), in)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, tt := range tokenizeTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTokens(t, s, Tokenize(s))
		checkTokens(t, s, TokenizeChars(s))
	})
}
