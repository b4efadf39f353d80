package tm

import (
	"encoding/json"
	"testing"

	"github.com/padan-tm/padan/worddiff"
)

// TestClassesDecoder checks that the kept change counts decode as they
// were kept, whether a text is new to the decoder or seen before, and that
// a broken text is an error each time.
func TestClassesDecoder(t *testing.T) {
	var some, other worddiff.Counts
	for i := range some {
		some[i] = i + 1
	}
	other[0] = 7
	marshal := func(c worddiff.Counts) string {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	d := classesDecoder{}
	for _, tc := range []struct {
		name, text string
		want       worddiff.Counts
		err        bool
	}{
		{"counts", marshal(some), some, false},
		{"same text again", marshal(some), some, false},
		{"other counts", marshal(other), other, false},
		{"none", marshal(worddiff.Counts{}), worddiff.Counts{}, false},
		{"empty object", `{}`, worddiff.Counts{}, false},
		{"unknown class", `{"no such class":3}`, worddiff.Counts{}, false},
		{"broken", `{"`, worddiff.Counts{}, true},
		{"broken again", `{"`, worddiff.Counts{}, true},
		{"first counts after the others", marshal(some), some, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := d.decode(tc.text)
			if (err != nil) != tc.err || got != tc.want {
				t.Errorf("decode(%s) = %v, %v; want %v (error: %v)", tc.text, got, err, tc.want, tc.err)
			}
		})
	}
	if len(d) != 5 { // some, other, none, {}, unknown
		t.Errorf("%d texts kept, want 5", len(d))
	}
}
