package terms

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestIndonesianStems(t *testing.T) {
	tests := []struct {
		word, stem string
		want       bool
	}{
		{"senjata", "senjata", true},
		{"persenjataan", "senjata", false}, // per-…-an: another noun
		{"keamanan", "aman", false},        // ke-…-an
		{"pekerja", "kerja", true},
		{"bekerja", "kerja", true},
		{"dijatuhkan", "jatuh", true},
		{"menjatuhkan", "jatuh", true},
		{"membahas", "bahas", true},
		{"memukul", "pukul", true},
		{"menulis", "tulis", true},
		{"mengirim", "kirim", true},
		{"mengambil", "ambil", true},
		{"menyerang", "serang", true},
		{"penyerang", "serang", true},
		{"mengebom", "bom", true},
		{"menggunakan", "guna", true},
		{"diduduki", "duduk", true},
		{"terbaru", "baru", true},
		{"berjanji", "janji", true},
		{"sanksinya", "sanksi", true},
		{"kebijakannya", "bijak", false},
		{"kebijakannya", "kebijakan", true},
		{"sanksi", "sank", false},
		{"makanan", "makan", true},
		{"di", "di", true},
	}
	for _, tt := range tests {
		got := slices.Contains(IndonesianStems(tt.word), tt.stem)
		if got != tt.want {
			t.Errorf("IndonesianStems(%q) contains %q = %v, want %v (%v)", tt.word, tt.stem, got, tt.want, IndonesianStems(tt.word))
		}
	}
}

func TestEnglishBases(t *testing.T) {
	tests := []struct {
		word, base string
		want       bool
	}{
		{"deals", "deal", true},
		{"deal", "deal", true},
		{"boxes", "box", true},
		{"countries", "country", true},
		{"wolves", "wolf", true},
		{"lives", "life", true},
		{"sanctioned", "sanction", true},
		{"sanctioning", "sanction", true},
		{"imposed", "impose", true},
		{"stopped", "stop", true},
		{"carried", "carry", true},
		{"children", "child", true},
		{"people", "person", true},
		{"crises", "crisis", true},
		{"class", "clas", false},
		{"dealer", "deal", false},
	}
	for _, tt := range tests {
		got := slices.Contains(EnglishBases(tt.word), tt.base)
		if got != tt.want {
			t.Errorf("EnglishBases(%q) contains %q = %v, want %v", tt.word, tt.base, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	ws := Words("Negara-negara ÉTAT Russia’s 20.000")
	var keys []string
	for _, w := range ws {
		keys = append(keys, w.Key)
	}
	if want := []string{"negara", "etat", "russia", "20.000"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("keys %q, want %q", keys, want)
	}
	if !ws[0].Redup || ws[0].Start != 0 || ws[0].End != len("Negara-negara") {
		t.Errorf("reduplication: %+v", ws[0])
	}
}

var base = []Entry{
	{SourceLang: "id", TargetLang: "en", Source: "senjata", Targets: []Translation{{"weapon", Preferred}, {"arms", Admitted}, {"gun", Forbidden}}},
	{SourceLang: "id", TargetLang: "en", Source: "kesepakatan senjata", Targets: []Translation{{"arms deal", Preferred}}},
	{SourceLang: "id", TargetLang: "en", Source: "negara", Targets: []Translation{{"country", Preferred}}},
	{SourceLang: "id", TargetLang: "en", Source: "sanksi", Targets: []Translation{{"sanction", Preferred}}},
	{SourceLang: "id", TargetLang: "fr", Source: "sanksi", Targets: []Translation{{"sanction", Preferred}}},
}

func TestFind(t *testing.T) {
	m := NewMatcher(base, "id", "en")
	if m.Len() != 4 {
		t.Fatalf("Len %d, want 4 (the French entry left out)", m.Len())
	}
	tests := []struct {
		src  string
		want []string // the sources found, in order, as written
	}{
		{"potensi kesepakatan senjata, kata", []string{"kesepakatan senjata"}},
		{"Senjata dan persenjataan", []string{"Senjata"}},
		{"negara-negara menjatuhkan sanksinya", []string{"negara-negara", "sanksinya"}},
		{"pameran SENJATA", []string{"SENJATA"}},
		{"tidak ada", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range m.Find(tt.src) {
			got = append(got, tt.src[f.Span.Start:f.Span.End])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestInTarget(t *testing.T) {
	m := NewMatcher(base, "id", "en")
	tests := []struct {
		target, translation string
		want                []string
	}{
		{"to discuss potential arms deals, a US official", "arms deal", []string{"arms deals"}},
		{"Two Countries and a country", "country", []string{"Countries", "country"}},
		{"the gunman", "gun", nil},
		{"sanctioning Pyongyang", "sanction", []string{"sanctioning"}},
	}
	for _, tt := range tests {
		tg := m.PrepareTarget(tt.target)
		var got []string
		for _, s := range m.InTarget(tg, tt.translation) {
			got = append(got, tt.target[s.Start:s.End])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("InTarget(%q, %q) = %q, want %q", tt.target, tt.translation, got, tt.want)
		}
	}
}

func TestReadGlossary(t *testing.T) {
	in := "\ufeffid,en,note,status\n# a comment\nsenjata,weapon|arms,\"noun, general\",preferred\n\nsenjata,gun,,forbidden\n"
	got, err := ReadGlossary(strings.NewReader(in), "g.csv", ',')
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{SourceLang: "id", TargetLang: "en", Source: "senjata", Targets: []Translation{{"weapon", Preferred}, {"arms", Preferred}}, Note: "noun, general"},
		{SourceLang: "id", TargetLang: "en", Source: "senjata", Targets: []Translation{{"gun", Forbidden}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	var buf bytes.Buffer
	if err := WriteTSV(&buf, got); err != nil {
		t.Fatal(err)
	}
	back, err := ReadGlossary(&buf, "g.tsv", '\t')
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, want) {
		t.Errorf("round trip: %+v", back)
	}
}

func TestReadGlossaryErrors(t *testing.T) {
	tests := []struct {
		in   string
		line int
		err  error
	}{
		{"", 1, ErrHeader},
		{"id,note\n", 1, ErrHeader},
		{"id,en_US\n", 1, ErrHeader},
		{"id,en\nsenjata,weapon\nx\n", 3, ErrRow},
		{"id,en,status\nsenjata,weapon,best\n", 2, ErrStatus},
		{"id,en\n,weapon\n", 2, ErrRow},
		{"id,en\n\"senjata,weapon\n", 2, ErrRow},
	}
	for _, tt := range tests {
		_, err := ReadGlossary(strings.NewReader(tt.in), "g.csv", ',')
		var fe *FileError
		if !errors.As(err, &fe) || fe.Line != tt.line || !errors.Is(err, tt.err) {
			t.Errorf("ReadGlossary(%q) = %v, want line %d, %v", tt.in, err, tt.line, tt.err)
		}
	}
}

func FuzzReadGlossary(f *testing.F) {
	f.Add("id,en,note\nsenjata,weapon,x\n", true)
	f.Add("id\ten\tstatus\nsenjata\tgun\tforbidden\n", false)
	f.Add("en,id\n\"a\"\"b\",c|d\n", true)
	f.Fuzz(func(t *testing.T, in string, csvSep bool) {
		sep := '\t'
		if csvSep {
			sep = ','
		}
		es, err := ReadGlossary(strings.NewReader(in), "f", sep)
		if err != nil {
			return
		}
		// What was read is written and read back the same.
		var buf bytes.Buffer
		if err := WriteTSV(&buf, es); err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if e.Source == "" || len(e.Targets) == 0 {
				t.Fatalf("empty entry %+v", e)
			}
		}
	})
}
