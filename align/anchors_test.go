package align

import (
	"slices"
	"strings"
	"testing"
)

func TestNumbers(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"20.000 orang", []string{"20000"}},
		{"20,000 people", []string{"20000"}},
		{"1,234,567 votes", []string{"1234567"}},
		{"naik 12,5 persen", []string{"12.5"}},
		{"rose 12.5 percent", []string{"12.5"}},
		{"3.50 dollars", []string{"3.5"}},
		{"Rp 1.234,5 juta", []string{"1234.5"}},
		{"$1,234.50", []string{"1234.5"}},
		{"the 1950-1953 war", []string{"1950", "1953"}},
		{"pukul 07.30", []string{"7.3"}},
		{"at 7.30", []string{"7.3"}},
		{"on 12.05.2016", []string{"12.5.2016"}},
		{"5km and 3rd", []string{"5", "3"}},
		{"in 2016.", []string{"2016"}},
		{"2, 3 and 4", []string{"2", "3", "4"}},
		{"no digits here", nil},
		{"١٢٣ arabic-indic", []string{"١٢٣"}},
	}
	for _, tt := range tests {
		if got := Numbers(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Numbers(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Obama’s aide wrote, “hello”.", []string{"Obama", "aide", "wrote", "hello"}},
		{"kata-kata pro-Beijing", []string{"kata", "kata", "pro", "Beijing"}},
		{"COVID-19 in 2020", []string{"COVID", "in"}},
		{"don't", []string{"don't"}},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCognateKey(t *testing.T) {
	same := [][2]string{
		{"technology", "teknologi"}, {"transition", "transisi"}, {"physical", "fisik"},
		{"university", "universitas"}, {"president", "presiden"}, {"police", "polisi"},
		{"economy", "ekonomi"}, {"digital", "digital"}, {"october", "oktober"},
		{"café", "cafe"}, {"hillsborough", "hilsborough"},
	}
	for _, p := range same {
		if a, b := cognateKey(p[0]), cognateKey(p[1]); a != b {
			t.Errorf("cognateKey(%q) = %q, cognateKey(%q) = %q, want equal", p[0], a, p[1], b)
		}
	}
	differ := [][2]string{{"government", "pemerintah"}, {"village", "desa"}, {"people", "orang"}}
	for _, p := range differ {
		if a, b := cognateKey(p[0]), cognateKey(p[1]); a == b {
			t.Errorf("cognateKey(%q) = cognateKey(%q) = %q, want different", p[0], p[1], a)
		}
	}
}

// shared describes the anchors that sentences s and t have in common as
// "class:count" for the classes present, counts in tally marks.
func shared(s, t string) string {
	lex := newLexicon()
	x, y := lex.extract(s).keys, lex.extract(t).keys
	total := int(intersect(x, y).shared)
	counts := make([]int, numClasses)
	for len(x) > 0 && len(y) > 0 {
		switch {
		case x[0] < y[0]:
			x = x[1:]
		case x[0] > y[0]:
			y = y[1:]
		default:
			counts[x[0].class()]++
			total--
			x, y = x[1:], y[1:]
		}
	}
	if total != 0 {
		return "intersect disagrees"
	}
	names := []string{"number", "name", "cognate", "punct"}
	var out []string
	for c, n := range counts {
		if n > 0 {
			out = append(out, names[c]+":"+strings.Repeat("I", n))
		}
	}
	return strings.Join(out, " ")
}

// TestAnchors checks, per anchor type, which anchors an English sentence
// and its Indonesian translation share.
func TestAnchors(t *testing.T) {
	tests := []struct {
		name, en, id, want string
	}{
		{"thousands", "About 20,000 people came.", "Sekitar 20.000 orang datang.", "number:I"},
		{"decimal", "Growth was 5.2 percent.", "Pertumbuhan mencapai 5,2 persen.", "number:I name:I"},
		{"range", "during the 1950-1953 war", "selama perang 1950-1953", "number:II"},
		{"names", "He met Kori Schulman in Jakarta.", "Ia bertemu Kori Schulman di Jakarta.", "name:III cognate:II"},
		{"acronym pair", "The UN and the US disagreed.", "PBB dan AS tidak sepakat.", "name:II"},
		{"acronym pair two words", "The UN Security Council met.", "DK PBB bertemu.", "name:II"},
		{"united states", "in the United States", "di Amerika Serikat", "name:I"},
		{"months and days", "on Monday, 3 October", "pada Senin, 3 Oktober", "number:I name:II"},
		{"country", "England beat Australia.", "Inggris mengalahkan Australia.", "name:II cognate:I"},
		{"question", "Why would they leave?", "Mengapa mereka pergi?", "punct:I"},
		{"quotes", "“It is amazing,” he said.", "“Luar biasa,” katanya.", "punct:I"},
		{"parentheses", "The agency (BPS) said so.", "Badan itu (BPS) berkata begitu.", "name:I punct:I"},
		{"cognates", "The digital transition of technology", "Transisi digital teknologi", "cognate:III"},
		{"stopwords are not cognates", "Their other things", "Mereka adalah", ""},
		{"may is not a month", "It may rain.", "Mungkin hujan.", ""},
		{"as is not AS", "as big as that", "AS besar", ""},
	}
	for _, tt := range tests {
		if got := shared(tt.en, tt.id); got != tt.want {
			t.Errorf("%s: shared anchors of %q and %q = %q, want %q", tt.name, tt.en, tt.id, got, tt.want)
		}
	}
}
