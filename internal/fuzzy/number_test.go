package fuzzy

import (
	"slices"
	"testing"
)

// numberTests give token streams (as padan's tokenizer writes them) and the
// numbers Analyze must find in them, as the number penalty compares them,
// with the keys.
var numberTests = []struct {
	name    string
	tokens  []Token
	numbers []string
	keys    []string
}{
	{"plain number", []Token{{Word, "naik"}, {Space, " "}, {Number, "400.000"}}, []string{"400.000"}, []string{"naik", "#n"}},
	{"glued rupiah", []Token{{Word, "Rp400.000"}}, []string{"Rp400.000"}, []string{"#n"}},
	{"spaced rupiah", []Token{{Word, "Rp"}, {Space, " "}, {Number, "400.000"}}, []string{"Rp 400.000"}, []string{"#n"}},
	{"two spaces count as one", []Token{{Word, "Rp"}, {Space, " \u00a0"}, {Number, "400.000"}}, []string{"Rp 400.000"}, []string{"#n"}},
	{"Rp with a full stop", []Token{{Word, "Rp"}, {Punct, "."}, {Number, "400.000"}}, []string{"Rp.400.000"}, []string{"#n"}},
	{"Rp. spaced", []Token{{Word, "Rp"}, {Punct, "."}, {Space, " "}, {Number, "400.000"}}, []string{"Rp. 400.000"}, []string{"#n"}},
	{"lower case code", []Token{{Word, "idr"}, {Space, " "}, {Number, "5"}}, []string{"idr 5"}, []string{"#n"}},
	{"glued code", []Token{{Word, "IDR400.000"}}, []string{"IDR400.000"}, []string{"#n"}},
	{"US dollar", []Token{{Word, "US"}, {Punct, "$"}, {Number, "400"}}, []string{"US$400"}, []string{"#n"}},
	{"US dollar spaced", []Token{{Word, "US"}, {Punct, "$"}, {Space, " "}, {Number, "400"}}, []string{"US$ 400"}, []string{"#n"}},
	{"dollar", []Token{{Punct, "$"}, {Number, "400"}}, []string{"$400"}, []string{"#n"}},
	{"dollar billions", []Token{{Punct, "$"}, {Word, "3.5bn"}}, []string{"$3.5bn"}, []string{"#n"}},
	{"euro after", []Token{{Number, "400"}, {Punct, "€"}}, []string{"400€"}, []string{"#n"}},
	{"percent", []Token{{Number, "5"}, {Punct, "%"}}, []string{"5%"}, []string{"#n"}},
	{"percent spaced", []Token{{Number, "5"}, {Space, " "}, {Punct, "%"}}, []string{"5 %"}, []string{"#n"}},
	{"glued unit", []Token{{Word, "10km"}}, []string{"10km"}, []string{"#n"}},
	{"spaced unit", []Token{{Number, "10"}, {Space, " "}, {Word, "km"}}, []string{"10 km"}, []string{"#n"}},
	{"square kilometres", []Token{{Word, "3,5km2"}}, []string{"3,5km2"}, []string{"#n"}},
	{"code after", []Token{{Number, "100"}, {Space, " "}, {Word, "USD"}}, []string{"100 USD"}, []string{"#n"}},
	{"prefix and unit", []Token{{Word, "Rp5"}, {Space, " "}, {Word, "jt"}}, []string{"Rp5 jt"}, []string{"#n"}},
	{"magnitude word stays", []Token{{Word, "Rp5,5"}, {Space, " "}, {Word, "triliun"}}, []string{"Rp5,5"}, []string{"#n", "triliun"}},
	{"Rp without number", []Token{{Word, "Rp"}, {Space, " "}, {Word, "baru"}}, nil, []string{"rp", "baru"}},
	{"Rp. then a word", []Token{{Word, "Rp"}, {Punct, "."}, {Space, " "}, {Word, "Harga"}}, nil, []string{"rp", "harga"}},
	{"no number across lines", []Token{{Word, "Rp"}, {Space, "\n"}, {Number, "400"}}, []string{"400"}, []string{"rp", "#n"}},
	{"unit on the next line", []Token{{Number, "10"}, {Space, "\n"}, {Word, "km"}}, []string{"10"}, []string{"#n", "km"}},
	{"model number", []Token{{Word, "A380"}}, nil, []string{"a380"}},
	{"G20", []Token{{Word, "G20"}}, nil, []string{"g20"}},
	{"two prefixes", []Token{{Word, "Rp"}, {Space, " "}, {Word, "Rp400"}}, []string{"Rp400"}, []string{"rp", "#n"}},
	{"dollar before a word", []Token{{Punct, "$"}, {Word, "A380"}}, nil, []string{"a380"}},
	{"Rp not a suffix", []Token{{Number, "5"}, {Space, " "}, {Word, "Rp"}, {Space, " "}, {Number, "400"}}, []string{"5", "Rp 400"}, []string{"#n", "#n"}},
	{"range", []Token{{Number, "5"}, {Punct, "-"}, {Number, "10"}, {Punct, "%"}}, []string{"5", "10%"}, []string{"#n", "#n"}},
	{"s alone", []Token{{Word, "s"}, {Space, " "}, {Number, "4"}}, []string{"4"}, []string{"s", "#n"}},
	{"symbol at the end", []Token{{Word, "harga"}, {Space, " "}, {Punct, "$"}}, nil, []string{"harga"}},
	{"Rp at the end", []Token{{Word, "Rp"}, {Punct, "."}}, nil, []string{"rp"}},
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
