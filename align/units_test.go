package align

import (
	"reflect"
	"testing"
)

func TestUnits(t *testing.T) {
	tgt := []string{"A.", "B.", "C.", "D.", "E."}
	sure, unsure := 0.95, 0.4
	tests := []struct {
		name  string
		beads []Bead
		want  []UnitTranslation
	}{
		{
			name:  "1-1 and 1-2",
			beads: []Bead{{[]int{0}, []int{0}, sure}, {[]int{1}, []int{1, 2}, sure}},
			want: []UnitTranslation{
				{Unit: 0, Text: "A.", MergedInto: -1, Confidence: sure},
				{Unit: 1, Text: "B. C.", MergedInto: -1, Confidence: sure},
			},
		},
		{
			name:  "2-1 merges the second unit into the first",
			beads: []Bead{{[]int{0, 1}, []int{0}, sure}, {[]int{2}, []int{1}, unsure}},
			want: []UnitTranslation{
				{Unit: 0, Text: "A.", MergedInto: -1, Confidence: sure},
				{Unit: 1, MergedInto: 0, Confidence: sure},
				{Unit: 2, Text: "B.", MergedInto: -1, Confidence: unsure, Review: true},
			},
		},
		{
			name:  "1-0 leaves the unit empty, for review",
			beads: []Bead{{[]int{0}, []int{0}, sure}, {[]int{1}, nil, sure}, {[]int{2}, []int{1}, sure}},
			want: []UnitTranslation{
				{Unit: 0, Text: "A.", MergedInto: -1, Confidence: sure},
				{Unit: 1, MergedInto: -1, Confidence: sure, Review: true},
				{Unit: 2, Text: "B.", MergedInto: -1, Confidence: sure},
			},
		},
		{
			name: "0-1 goes to the previous unit, or the first one",
			beads: []Bead{
				{nil, []int{0}, sure}, {[]int{0}, []int{1}, sure},
				{[]int{1, 2}, []int{2}, sure}, {nil, []int{3}, sure}, {[]int{3}, []int{4}, sure},
			},
			want: []UnitTranslation{
				{Unit: 0, Text: "A. B.", MergedInto: -1, Confidence: sure, Review: true},
				{Unit: 1, Text: "C. D.", MergedInto: -1, Confidence: sure, Review: true},
				{Unit: 2, MergedInto: 1, Confidence: sure},
				{Unit: 3, Text: "E.", MergedInto: -1, Confidence: sure},
			},
		},
	}
	for _, tt := range tests {
		if got := Units(tt.beads, tgt); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}
