package main

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/worddiff"
)

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Hujan turun deras.", "Hujan turun deras."},
		{"Korea Utara–Rusia “kata” é ␛", "Korea Utara–Rusia “kata” é ␛"},
		{"a\tb\nc\rd", `a\tb\nc\rd`},
		{"\x1b[2Jclear", `\x1b[2Jclear`},
		{"\x1b]0;owned\x07title", `\x1b]0;owned\x07title`},
		{"nul\x00 vt\x0b del\x7f", `nul\x00 vt\x0b del\x7f`},
		{"csi\u009b2J nel\u0085 end\u009f", `csi\u009b2J nel\u0085 end\u009f`},
		{"bad\x9b2J \xff\xfe", `bad\x9b2J \xff\xfe`},
		{"\u00a0nbsp \u00a9", "\u00a0nbsp \u00a9"}, // just past C1: kept
		{`back\slash`, `back\slash`},
	}
	for _, tt := range tests {
		got := visible(tt.in)
		if got != tt.want {
			t.Errorf("visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := visible(got); again != got {
			t.Errorf("visible is not idempotent on %q: %q", got, again)
		}
	}
}

// FuzzVisible checks that visible's result is valid UTF-8 without any
// control character, and that text without one is left alone.
func FuzzVisible(f *testing.F) {
	for _, s := range []string{"", "a\tb", "\x1b[2J", "\u009b", "\xff", "Hujan."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := visible(s)
		if !utf8.ValidString(got) {
			t.Fatalf("visible(%q) = %q: not UTF-8", s, got)
		}
		for _, r := range got {
			if r < 0x20 || r >= 0x7f && r <= 0x9f {
				t.Fatalf("visible(%q) = %q: holds %U", s, got, r)
			}
		}
		clean := utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f })
		if clean && got != s {
			t.Fatalf("visible(%q) = %q: changed a text without controls", s, got)
		}
	})
}

func TestJSONControls(t *testing.T) {
	var b strings.Builder
	enc := newJSONEncoder(&b)
	in := "esc\x1b del\x7f csi\u009b nel\u0085 ok\u00a0é"
	if err := enc.Encode(map[string]string{"t": in}); err != nil {
		t.Fatal(err)
	}
	want := `{"t":"esc\u001b del\u007f csi\u009b nel\u0085 ok` + "\u00a0é" + `"}` + "\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	var back map[string]string
	if err := json.Unmarshal([]byte(b.String()), &back); err != nil || back["t"] != in {
		t.Errorf("round trip: %q, %v", back["t"], err)
	}
}

// TestMarkedTextColor checks that the coloured diff and concordance hits
// hold no control character but padan's own colour codes.
func TestMarkedTextColor(t *testing.T) {
	ops := []worddiff.Op{{Kind: worddiff.Equal, Text: "a\x1b[2J "}, {Kind: worddiff.Delete, Text: "b\u009b"}, {Kind: worddiff.Insert, Text: "c\x07"}}
	got := string(markedText(ops, true))
	want := `a\x1b[2J ` + ansiDelete + `b\u009b` + ansiReset + ansiInsert + `c\x07` + ansiReset
	if got != want {
		t.Errorf("markedText = %q, want %q", got, want)
	}
	got = string(highlight("x\x1b]0;t\x07 hujan", []tm.Span{{Start: 8, End: 13}}, true))
	want = `x\x1b]0;t\x07 ` + ansiHit + "hujan" + ansiReset
	if got != want {
		t.Errorf("highlight = %q, want %q", got, want)
	}
}
