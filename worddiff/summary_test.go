package worddiff

import (
	"math"
	"testing"
)

func TestSummarize(t *testing.T) {
	pairs := []Pair{
		{From: "a b c d", To: "a b c d", FromAuthor: "Tia", ToAuthor: "Eko"},                                    // TER 0
		{From: "a b c d e f g h i j k", To: "a b c d e f g h i j k l", FromAuthor: "Tia", ToAuthor: "Eko"},      // 1/12
		{From: "x y", To: "p q", FromAuthor: "Tia", ToAuthor: "Rina"},                                           // 2/2
		{From: "satu dua tiga empat lima", To: "satu dua tiga empat enam", FromAuthor: "Budi", ToAuthor: "Eko"}, // 1/5
		{From: "a  b", To: "a b", FromAuthor: "Budi", ToAuthor: "Rina"},                                         // 0, spacing
	}
	s := Summarize(pairs)
	o := s.Overall
	if o.Units != 5 || o.Changed != 4 || o.Untouched != 2 || o.Light != 1 || o.Moderate != 1 || o.Heavy != 1 {
		t.Fatalf("overall = %+v", o)
	}
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	near("MeanTER", o.MeanTER, (0+1.0/12+1+0.2+0)/5)
	near("PooledTER", o.PooledTER, float64(0+1+2+1+0)/float64(4+12+2+5+2))
	near("UntouchedShare", o.UntouchedShare, 0.4)
	near("LightShare", o.LightShare, 0.2)
	near("ModerateShare", o.ModerateShare, 0.2) // the 1/5 unit: 20% is in no band of lightly or heavily edited
	near("HeavyShare", o.HeavyShare, 0.2)
	near("all bands", o.UntouchedShare+o.LightShare+o.ModerateShare+o.HeavyShare, 1)
	if o.Classes[Spacing] != 1 || o.Classes[Inserted] != 1 || o.Classes[Substituted] != 2 || o.Classes.Total() != 4 {
		t.Errorf("classes = %v", o.Classes)
	}
	if len(s.ByTranslator) != 2 || s.ByTranslator[0].Author != "Budi" || s.ByTranslator[1].Author != "Tia" {
		t.Fatalf("by translator = %+v", s.ByTranslator)
	}
	if tia := s.ByTranslator[1]; tia.Units != 3 || tia.Heavy != 1 {
		t.Errorf("Tia = %+v", tia)
	}
	if len(s.ByEditor) != 2 || s.ByEditor[0].Author != "Eko" || s.ByEditor[0].Units != 3 {
		t.Errorf("by editor = %+v", s.ByEditor)
	}
	if e := Summarize(nil); e.Overall.Units != 0 || e.Overall.MeanTER != 0 || len(e.ByEditor) != 0 {
		t.Errorf("empty summary = %+v", e)
	}
}

func TestBandOf(t *testing.T) {
	tests := []struct {
		ter  float64
		want Band
	}{
		{0, BandUntouched},
		{0.0001, BandLight},
		{0.0999, BandLight},
		{0.10, BandModerate},
		{0.207, BandModerate}, // the unit of issue 15 that no band named
		{0.40, BandModerate},
		{0.4001, BandHeavy},
		{3, BandHeavy},
	}
	for _, tt := range tests {
		if got := BandOf(tt.ter); got != tt.want {
			t.Errorf("BandOf(%v) = %v, want %v", tt.ter, got, tt.want)
		}
	}
}
