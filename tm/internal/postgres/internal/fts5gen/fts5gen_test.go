package fts5gen

import (
	"errors"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestTwin: a first-pass term names its fold only when it is f+"00"+f.
func TestTwin(t *testing.T) {
	tests := []struct {
		term, fold string
		ok         bool
	}{
		{"a00a", "a", true},
		{"0000", "0", true},
		{"é00é", "é", true},
		{"a00b", "", false},
		{"00", "", false},
		{"00a", "", false},
		{"a00", "", false},
		{"a0a", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if fold, ok := twin(tt.term); fold != tt.fold || ok != tt.ok {
			t.Errorf("twin(%q) = %q, %v; want %q, %v", tt.term, fold, ok, tt.fold, tt.ok)
		}
	}
}

// TestClassify: the tokens of a second-pass probe r+" 00"+r+"11", by
// offset, tell what the tokenizer does with r.
func TestClassify(t *testing.T) {
	tests := []struct {
		tokens map[int]string
		want   class
	}{
		{map[int]string{0: "00", 1: "11"}, class{}},
		{map[int]string{0: "a", 1: "00a11"}, class{start: true, join: true, fold: "a"}},
		{map[int]string{0: "", 1: "0011"}, class{start: true, join: true}},
		{map[int]string{1: "0011"}, class{start: true, join: true}},
		{map[int]string{0: "0011"}, class{join: true}},
		{map[int]string{0: "00e11"}, class{join: true, fold: "e"}},
		{map[int]string{0: "0", 1: "00", 2: "11"}, class{start: true, fold: "0"}},
		{map[int]string{1: "00", 2: "11"}, class{start: true}},
	}
	for _, tt := range tests {
		if got, err := classify(tt.tokens); err != nil || got != tt.want {
			t.Errorf("classify(%v) = %+v, %v; want %+v", tt.tokens, got, err, tt.want)
		}
	}
	for _, tokens := range []map[int]string{
		{},
		{0: "00"},
		{0: "a", 1: "00b11"},
		{0: "a", 1: "b", 2: "00a11"},
		{0: "00a"},
		{0: "011"},
	} {
		if got, err := classify(tokens); !errors.Is(err, errTokens) {
			t.Errorf("classify(%v) = %+v, %v; want %v", tokens, got, err, errTokens)
		}
	}
}

// TestSource: the tables are Go, with ranges that stay in their half
// (R16 up to U+FFFF) and fold runs of one delta.
func TestSource(t *testing.T) {
	tok := &Tokenizer{
		Start:   []rune{'0', '1', '2', 'A', 'B', 'a', 0xFF, 0x100, 0xFFFF, 0x10000, 0x10002, 0x10004},
		Join:    []rune{0x300},
		Removed: []rune{0x300},
		Fold:    map[rune]rune{'A': 'a', 'B': 'b', 0xFF: 'y'},
	}
	src, err := tok.Source("postgres")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "fts5_tables.go", src, 0); err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	for _, want := range []string{
		"{0x0030, 0x0032, 1},",
		"{0x0041, 0x0042, 1},",
		"{0x0061, 0x00ff, 158},",
		"{0x0100, 0xffff, 65279},",
		"R32: []unicode.Range32{\n\t\t{0x10000, 0x10004, 2},",
		"LatinOffset: 3,",
		"{0x0041, 0x0042, 32},",
		"{0x00ff, 0x00ff, -134},",
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("no %q in\n%s", want, src)
		}
	}
}
