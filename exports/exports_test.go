package exports_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/padan-tm/padan/exports"
)

func TestStatus(t *testing.T) {
	for _, s := range []exports.Status{exports.StatusInitial, exports.StatusTranslated, exports.StatusReviewed, exports.StatusFinal} {
		got, err := exports.ParseStatus(s.String())
		if err != nil || got != s {
			t.Errorf("ParseStatus(%q) = %v, %v", s.String(), got, err)
		}
	}
	if _, err := exports.ParseStatus("done"); !errors.Is(err, exports.ErrUnknownStatus) {
		t.Errorf("ParseStatus(done): %v", err)
	}
	if s := exports.Status(9).String(); s != "Status(9)" {
		t.Errorf("String of an unknown status: %q", s)
	}
}

func TestCodeSet(t *testing.T) {
	b := exports.Code{Kind: exports.CodeBPT, I: "1", Content: "&lt;b&gt;"}
	e := exports.Code{Kind: exports.CodeEPT, I: "1", Content: "&lt;/b&gt;"}
	br := exports.Code{Kind: exports.CodePH, Content: "&lt;br/&gt;"}
	var cs exports.CodeSet
	add := func(c exports.Code) rune {
		r, err := cs.Add(c)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	// Source: two identical placeholders get two codes.
	cs.Text()
	src := []rune{add(b), add(e), add(br), add(br)}
	// Target: codes identical to the source's reuse their runes, once each;
	// a new one is appended.
	cs.Text()
	it := exports.Code{Kind: exports.CodeIT, Pos: "end"}
	tgt := []rune{add(br), add(b), add(br), add(br), add(it)}
	if want := []rune{0xE000, 0xE001, 0xE002, 0xE003}; !reflect.DeepEqual(src, want) {
		t.Errorf("source runes %U, want %U", src, want)
	}
	if want := []rune{0xE002, 0xE000, 0xE003, 0xE004, 0xE005}; !reflect.DeepEqual(tgt, want) {
		t.Errorf("target runes %U, want %U", tgt, want)
	}
	if want := []exports.Code{b, e, br, br, br, it}; !reflect.DeepEqual(cs.Codes, want) {
		t.Errorf("codes %v, want %v", cs.Codes, want)
	}
	var full exports.CodeSet
	full.Codes = make([]exports.Code, exports.MaxCodes)
	for i := range full.Codes {
		full.Codes[i] = exports.Code{Kind: exports.CodePH, X: "same"}
	}
	full.Text()
	if _, err := full.Add(exports.Code{Kind: exports.CodePH}); !errors.Is(err, exports.ErrTooManyCodes) {
		t.Errorf("adding code %d: %v", exports.MaxCodes+1, err)
	}
}

func TestPlainTextAndStrip(t *testing.T) {
	codes := []exports.Code{{Kind: exports.CodePH, Content: "x"}}
	text, codes, err := exports.PlainText("icon \ue000 and \uf8ff", codes)
	if err != nil {
		t.Fatal(err)
	}
	if text != "icon \ue001 and \ue002" || len(codes) != 3 || codes[1].Content != "\ue000" || codes[2].Kind != exports.CodeChar {
		t.Errorf("PlainText = %+q, %+v", text, codes)
	}
	if s := exports.StripCodes("a\ue000b"+text, codes); s != "abicon \ue000 and \uf8ff" {
		t.Errorf("StripCodes = %+q", s)
	}
	if s, c, _ := exports.PlainText("no codes", nil); s != "no codes" || c != nil {
		t.Errorf("PlainText without private use: %q %v", s, c)
	}
}

func TestCheckText(t *testing.T) {
	codes := []exports.Code{{Kind: exports.CodePH}}
	tests := []struct {
		text string
		want error
		off  int
	}{
		{"plain é 🤝 \x0b", nil, 0},
		{"code \ue000", nil, 0},
		{"ab\ue001", exports.ErrUnknownCode, 2},
		{"a\xffb", exports.ErrInvalidUTF8, 1},
		{"surrogate \xed\xa0\x80", exports.ErrInvalidUTF8, 10},
	}
	for _, tt := range tests {
		err := exports.CheckText("u1", "source", tt.text, codes)
		if !errors.Is(err, tt.want) {
			t.Errorf("CheckText(%+q) = %v, want %v", tt.text, err, tt.want)
			continue
		}
		var te *exports.TextError
		if tt.want != nil && (!errors.As(err, &te) || te.Offset != tt.off || te.Unit != "u1") {
			t.Errorf("CheckText(%+q) = %#v, want offset %d", tt.text, err, tt.off)
		}
	}
}

func TestIsXMLChar(t *testing.T) {
	for r, want := range map[rune]bool{0: false, 8: false, 9: true, 0xA: true, 0xB: false, 0xC: false, 0xD: true, 0x1F: false,
		' ': true, 0x7F: true, 0xD800: false, 0xFFFD: true, 0xFFFE: false, 0xFFFF: false, 0x10000: true, 0x10FFFF: true} {
		if got := exports.IsXMLChar(r); got != want {
			t.Errorf("IsXMLChar(%U) = %v", r, got)
		}
	}
}

func TestSyntaxError(t *testing.T) {
	err := error(&exports.SyntaxError{File: "a.tmx", Line: 3, Msg: "bad", Kind: exports.ErrEntity})
	if err.Error() != "a.tmx:3: bad" || !errors.Is(err, exports.ErrEntity) || errors.Is(err, exports.ErrTooDeep) {
		t.Errorf("SyntaxError: %v", err)
	}
}

func TestCodesJSON(t *testing.T) {
	codes := []exports.Code{{Kind: exports.CodeBPT, I: "1", Type: "bold", Content: "&lt;b&gt;"}, {Kind: exports.CodeHiEnd}}
	b, err := json.Marshal(codes)
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"kind":"bpt","i":"1","type":"bold","content":"\u0026lt;b\u0026gt;"},{"kind":"hi-end"}]`; string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
	var back []exports.Code
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, codes) {
		t.Errorf("back: %v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`[{"kind":"blink"}]`), &back); err == nil {
		t.Error("unknown kind accepted")
	}
}

func TestRemap(t *testing.T) {
	var cs exports.CodeSet
	cs.Text()
	b := exports.Code{Kind: exports.CodePH, Content: "x"}
	if _, err := cs.Add(b); err != nil {
		t.Fatal(err)
	}
	// A revision's own list: its code 0 is new, its code 1 is the source's.
	text, err := cs.Remap("a\ue000b\ue001\ue009", []exports.Code{{Kind: exports.CodeIT, Pos: "end"}, b})
	if err != nil {
		t.Fatal(err)
	}
	if text != "a\ue001b\ue000\ue002" || cs.Codes[1].Kind != exports.CodeIT || cs.Codes[2] != (exports.Code{Kind: exports.CodeChar, Content: "\ue009"}) {
		t.Errorf("Remap = %+q, codes %+v", text, cs.Codes)
	}
}

func TestCanonical(t *testing.T) {
	b := exports.Code{Kind: exports.CodeBPT, I: "1", Content: "&lt;b&gt;"}
	e := exports.Code{Kind: exports.CodeEPT, I: "1", Content: "&lt;/b&gt;"}
	char := func(r rune) exports.Code { return exports.Code{Kind: exports.CodeChar, Content: string(r)} }
	tests := []struct {
		name      string
		codes     []exports.Code
		texts     []string
		want      []string
		wantCodes []exports.Code
	}{
		{"plain", nil, []string{"a b"}, []string{"a b"}, nil},
		{"a person's private use character stays a character", nil, []string{"icon \ue001"}, []string{"icon \ue001"}, nil},
		{"a file's private use character (a char code) becomes the character", []exports.Code{char(0xE001)},
			[]string{"icon \ue000"}, []string{"icon \ue001"}, nil},
		{"codes and a person's character: the character becomes a code", []exports.Code{b, e},
			[]string{"\ue005 \ue001x\ue000"}, []string{"\ue000 \ue001x\ue002"}, []exports.Code{char(0xE005), e, b}},
		{"unused codes dropped, order of appearance", []exports.Code{b, e, {Kind: exports.CodePH}},
			[]string{"\ue002"}, []string{"\ue000"}, []exports.Code{{Kind: exports.CodePH}}},
		{"source and target share codes", []exports.Code{b, e, char(0xE123)},
			[]string{"\ue000a\ue001", "\ue002 \ue000b\ue001"}, []string{"\ue000a\ue001", "\ue002 \ue000b\ue001"},
			[]exports.Code{b, e, char(0xE123)}},
		{"only char codes in both texts: plain", []exports.Code{char(0xE123)},
			[]string{"\ue000", "x\ue000"}, []string{"\ue123", "x\ue123"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, codes, err := exports.Canonical(tt.codes, tt.texts...)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(codes, tt.wantCodes) {
				t.Errorf("Canonical = %+q %+v, want %+q %+v", got, codes, tt.want, tt.wantCodes)
			}
			// Canonical of a canonical form is itself.
			again, codes2, err := exports.Canonical(codes, got...)
			if err != nil || !reflect.DeepEqual(again, got) || !reflect.DeepEqual(codes2, codes) {
				t.Errorf("not idempotent: %+q %+v", again, codes2)
			}
		})
	}
}

// FuzzCanonical checks the canonical form: it is idempotent, keeps what a
// person reads of each text (StripCodes), and never leaves a code rune
// without its code.
func FuzzCanonical(f *testing.F) {
	f.Add("a\ue000b\ue001", "\ue001 x \ue005", true)
	f.Add("icon \ue001", "\uf8ff", false)
	f.Fuzz(func(t *testing.T, src, tgt string, withCodes bool) {
		var codes []exports.Code
		if withCodes {
			codes = []exports.Code{{Kind: exports.CodeBPT, I: "1"}, {Kind: exports.CodeEPT, I: "1"}, {Kind: exports.CodeChar, Content: "\ue123"}}
		}
		got, cc, err := exports.Canonical(codes, src, tgt)
		if err != nil {
			return // more codes than MaxCodes
		}
		again, cc2, err := exports.Canonical(cc, got...)
		if err != nil || !reflect.DeepEqual(again, got) || !reflect.DeepEqual(cc2, cc) {
			t.Fatalf("not idempotent: %+q %+v → %+q %+v", got, cc, again, cc2)
		}
		// read is what a person reads of a text: code runes with a code
		// dropped (a char code as its character), other private use
		// characters as themselves.
		read := func(text string, codes []exports.Code) string {
			var b strings.Builder
			for _, r := range text {
				if k, ok := exports.CodeIndex(r); ok && k < len(codes) {
					if codes[k].Kind == exports.CodeChar {
						b.WriteString(codes[k].Content)
					}
					continue
				}
				b.WriteRune(r)
			}
			return b.String()
		}
		for i, in := range []string{src, tgt} {
			if read(got[i], cc) != read(in, codes) {
				t.Fatalf("text %d: %+q reads %+q, was %+q", i, got[i], read(got[i], cc), read(in, codes))
			}
			// With codes, every code rune has its code (without, the
			// text is plain: its private use characters are text).
			if err := exports.CheckText("u", "t", got[i], cc); len(cc) > 0 && err != nil && !errors.Is(err, exports.ErrInvalidUTF8) {
				t.Fatalf("text %d: %v", i, err)
			}
		}
	})
}
