package fuzzy

import (
	"slices"
	"testing"

	"github.com/padan-tm/padan/worddiff"
)

// numberTests give token streams (as padan's tokenizer writes them) and the
// numbers Analyze must find in them, as the number penalty compares them,
// with the keys.
var numberTests = []struct {
	name    string
	tokens  []worddiff.Token
	numbers []string
	keys    []string
}{
	{"plain number", []worddiff.Token{{Kind: worddiff.Word, Text: "naik"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Number, Text: "400.000"}}, []string{"400.000"}, []string{"naik", "#n"}},
	{"glued rupiah", []worddiff.Token{{Kind: worddiff.Word, Text: "Rp400.000"}}, []string{"Rp400.000"}, []string{"#n"}},
	{"spaced rupiah", []worddiff.Token{{Kind: worddiff.Word, Text: "Rp"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Number, Text: "400.000"}}, []string{"Rp 400.000"}, []string{"#n"}},
	{"two spaces count as one", []worddiff.Token{{Kind: worddiff.Word, Text: "Rp"}, {Kind: worddiff.Space, Text: " \u00a0"}, {Kind: worddiff.Number, Text: "400.000"}}, []string{"Rp 400.000"}, []string{"#n"}},
	{"Rp with a full stop", []worddiff.Token{{Kind: worddiff.Word, Text: "Rp"}, {Kind: worddiff.Punct, Text: "."}, {Kind: worddiff.Number, Text: "400.000"}}, []string{"Rp.400.000"}, []string{"#n"}},
	{"Rp. spaced", []worddiff.Token{{Kind: worddiff.Word, Text: "Rp"}, {Kind: worddiff.Punct, Text: "."}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Number, Text: "400.000"}}, []string{"Rp. 400.000"}, []string{"#n"}},
	{"lower case code", []worddiff.Token{{Kind: worddiff.Word, Text: "idr"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Number, Text: "5"}}, []string{"idr 5"}, []string{"#n"}},
	{"glued code", []worddiff.Token{{Kind: worddiff.Word, Text: "IDR400.000"}}, []string{"IDR400.000"}, []string{"#n"}},
	{"US dollar", []worddiff.Token{{Kind: worddiff.Word, Text: "US"}, {Kind: worddiff.Punct, Text: "$"}, {Kind: worddiff.Number, Text: "400"}}, []string{"US$400"}, []string{"#n"}},
	{"US dollar spaced", []worddiff.Token{{Kind: worddiff.Word, Text: "US"}, {Kind: worddiff.Punct, Text: "$"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Number, Text: "400"}}, []string{"US$ 400"}, []string{"#n"}},
	{"dollar", []worddiff.Token{{Kind: worddiff.Punct, Text: "$"}, {Kind: worddiff.Number, Text: "400"}}, []string{"$400"}, []string{"#n"}},
	{"dollar billions", []worddiff.Token{{Kind: worddiff.Punct, Text: "$"}, {Kind: worddiff.Word, Text: "3.5bn"}}, []string{"$3.5bn"}, []string{"#n"}},
	{"euro after", []worddiff.Token{{Kind: worddiff.Number, Text: "400"}, {Kind: worddiff.Punct, Text: "€"}}, []string{"400€"}, []string{"#n"}},
	{"percent", []worddiff.Token{{Kind: worddiff.Number, Text: "5"}, {Kind: worddiff.Punct, Text: "%"}}, []string{"5%"}, []string{"#n"}},
	{"percent spaced", []worddiff.Token{{Kind: worddiff.Number, Text: "5"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Punct, Text: "%"}}, []string{"5 %"}, []string{"#n"}},
	{"glued unit", []worddiff.Token{{Kind: worddiff.Word, Text: "10km"}}, []string{"10km"}, []string{"#n"}},
	{"spaced unit", []worddiff.Token{{Kind: worddiff.Number, Text: "10"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Word, Text: "km"}}, []string{"10 km"}, []string{"#n"}},
	{"square kilometres", []worddiff.Token{{Kind: worddiff.Word, Text: "3,5km2"}}, []string{"3,5km2"}, []string{"#n"}},
	{"code after", []worddiff.Token{{Kind: worddiff.Number, Text: "100"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Word, Text: "USD"}}, []string{"100 USD"}, []string{"#n"}},
	{"prefix and unit", []worddiff.Token{{Kind: worddiff.Word, Text: "Rp5"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Word, Text: "jt"}}, []string{"Rp5 jt"}, []string{"#n"}},
	{"magnitude word stays", []worddiff.Token{{Kind: worddiff.Word, Text: "Rp5,5"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Word, Text: "triliun"}}, []string{"Rp5,5"}, []string{"#n", "triliun"}},
	{"Rp without number", []worddiff.Token{{Kind: worddiff.Word, Text: "Rp"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Word, Text: "baru"}}, nil, []string{"rp", "baru"}},
	{"Rp. then a word", []worddiff.Token{{Kind: worddiff.Word, Text: "Rp"}, {Kind: worddiff.Punct, Text: "."}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Word, Text: "Harga"}}, nil, []string{"rp", "harga"}},
	{"no number across lines", []worddiff.Token{{Kind: worddiff.Word, Text: "Rp"}, {Kind: worddiff.Space, Text: "\n"}, {Kind: worddiff.Number, Text: "400"}}, []string{"400"}, []string{"rp", "#n"}},
	{"unit on the next line", []worddiff.Token{{Kind: worddiff.Number, Text: "10"}, {Kind: worddiff.Space, Text: "\n"}, {Kind: worddiff.Word, Text: "km"}}, []string{"10"}, []string{"#n", "km"}},
	{"model number", []worddiff.Token{{Kind: worddiff.Word, Text: "A380"}}, nil, []string{"a380"}},
	{"G20", []worddiff.Token{{Kind: worddiff.Word, Text: "G20"}}, nil, []string{"g20"}},
	{"two prefixes", []worddiff.Token{{Kind: worddiff.Word, Text: "Rp"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Word, Text: "Rp400"}}, []string{"Rp400"}, []string{"rp", "#n"}},
	{"dollar before a word", []worddiff.Token{{Kind: worddiff.Punct, Text: "$"}, {Kind: worddiff.Word, Text: "A380"}}, nil, []string{"a380"}},
	{"Rp not a suffix", []worddiff.Token{{Kind: worddiff.Number, Text: "5"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Word, Text: "Rp"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Number, Text: "400"}}, []string{"5", "Rp 400"}, []string{"#n", "#n"}},
	{"range", []worddiff.Token{{Kind: worddiff.Number, Text: "5"}, {Kind: worddiff.Punct, Text: "-"}, {Kind: worddiff.Number, Text: "10"}, {Kind: worddiff.Punct, Text: "%"}}, []string{"5", "10%"}, []string{"#n", "#n"}},
	{"s alone", []worddiff.Token{{Kind: worddiff.Word, Text: "s"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Number, Text: "4"}}, []string{"4"}, []string{"s", "#n"}},
	{"symbol at the end", []worddiff.Token{{Kind: worddiff.Word, Text: "harga"}, {Kind: worddiff.Space, Text: " "}, {Kind: worddiff.Punct, Text: "$"}}, nil, []string{"harga"}},
	{"Rp at the end", []worddiff.Token{{Kind: worddiff.Word, Text: "Rp"}, {Kind: worddiff.Punct, Text: "."}}, nil, []string{"rp"}},
}

func TestNumbers(t *testing.T) {
	for _, tt := range numberTests {
		t.Run(tt.name, func(t *testing.T) {
			a := Analyze(tt.tokens)
			if !slices.Equal(a.numbers, tt.numbers) {
				t.Errorf("numbers = %q, want %q", a.numbers, tt.numbers)
			}
			if !slices.Equal(a.Keys, tt.keys) {
				t.Errorf("keys = %q, want %q", a.Keys, tt.keys)
			}
			if k := Keys(tt.tokens); !slices.Equal(k, a.Keys) {
				t.Errorf("Keys = %q, Analyze gives %q", k, a.Keys)
			}
		})
	}
}

func TestAffixesLowerCase(t *testing.T) {
	cur, sw, sym, suf, units := Affixes()
	for _, list := range [][]string{cur, sw, sym, suf, units} {
		for _, w := range list {
			if w != foldNFC(w) {
				t.Errorf("affix %q is not lower case: has would never find it", w)
			}
		}
	}
}
