package worddiff

import (
	"encoding/json"
	"strings"
	"testing"
)

var classifyTests = []struct {
	name, a, b string
	want       []Class
}{
	{"unchanged", "Kim Jong Un", "Kim Jong Un", nil},
	{"spacing", "a  b", "a b", []Class{Spacing}},
	{"comma", "Halo, dunia", "Halo dunia", []Class{Punctuation}},
	{"quotes swapped", `kata "dia"`, "kata «dia»", []Class{Punctuation, Punctuation}},
	{"case", "presiden Rusia", "Presiden Rusia", []Class{Case}},
	{"case across words", "Korea utara", "korea Utara", []Class{Case}},
	{"number", "pada 2022 lalu", "pada 2023 lalu", []Class{NumberEdit}},
	{"number and unit", "5 km", "7 km", []Class{NumberEdit}},
	{"number inserted", "pada tahun", "pada tahun 2023", []Class{NumberEdit}},
	{"substituted", "hubungan erat", "hubungan dekat", []Class{Substituted}},
	{"inserted", "kedua negara", "kedua negara itu", []Class{Inserted}},
	{"deleted", "yang sangat erat", "yang erat", []Class{Deleted}},
	{"moved", "kini negara itu mendapat", "negara itu kini mendapat", []Class{Moved, Moved}},
	{"moved with capital", "Kini negara itu mendapat", "Negara itu kini mendapat", []Class{Substituted, Moved}},
	{"word and comma inserted", "a b", "a, c b", []Class{Inserted}},
	{"case wins over punctuation", "Presiden rusia, kata dia", "Presiden Rusia kata beliau", []Class{Case, Substituted}},
	{"moved phrase", "a b c d e f", "d e a b c f", []Class{Moved, Moved}},
	{"moved into a longer insertion", "a quickly fled", "a fled with speed quickly", []Class{Moved, Inserted}},
	{"abbreviation stops", "U.N. Security", "UN Security", []Class{Punctuation}},
	{"decimal point", "3.5 kg", "35 kg", []Class{NumberEdit}},
	{"code deleted", "klik \uE000 ini", "klik ini", []Class{Deleted}},
}

func TestClassify(t *testing.T) {
	for _, tt := range classifyTests {
		t.Run(tt.name, func(t *testing.T) {
			ops := DiffStrings(tt.a, tt.b)
			changes := Classify(ops)
			var got []Class
			for _, c := range changes {
				got = append(got, c.Class)
				var d, i strings.Builder
				for _, o := range ops[c.First : c.Last+1] {
					if o.Kind == Equal {
						t.Fatalf("change %+v holds an equal op", c)
					}
					if o.Kind == Delete {
						d.WriteString(o.Text)
					} else {
						i.WriteString(o.Text)
					}
				}
				if d.String() != c.Deleted || i.String() != c.Inserted {
					t.Errorf("change %+v: texts differ from its ops", c)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("classes of %s = %v, want %v", Markers(ops), got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("classes of %s = %v, want %v", Markers(ops), got, tt.want)
					break
				}
			}
		})
	}
}

func TestCountsJSON(t *testing.T) {
	var c Counts
	c.Add([]Change{{Class: Moved}, {Class: Moved}, {Class: Case}})
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"spacing":0,"punctuation":0,"case":1,"moved":2,"number":0,"substituted":0,"inserted":0,"deleted":0}`
	if string(b) != want {
		t.Errorf("json = %s, want %s", b, want)
	}
	if c.Total() != 3 {
		t.Errorf("Total = %d, want 3", c.Total())
	}
}
