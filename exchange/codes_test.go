package exchange

import (
	"slices"
	"testing"

	"github.com/padan-tm/padan/exports"
)

// TestCodesJSON: the stored form of inline codes is the documented JSON,
// "" for none, and reads back as it was written.
func TestCodesJSON(t *testing.T) {
	tests := []struct {
		codes []exports.Code
		want  string
	}{
		{nil, ""},
		{[]exports.Code{{Kind: exports.CodeBPT, I: "1", Type: "bold", Content: "&lt;b&gt;"}, {Kind: exports.CodeEPT, I: "1", Content: "&lt;/b&gt;"}},
			`[{"kind":"bpt","i":"1","type":"bold","content":"\u0026lt;b\u0026gt;"},{"kind":"ept","i":"1","content":"\u0026lt;/b\u0026gt;"}]`},
		{[]exports.Code{{Kind: exports.CodePH, Assoc: "p"}}, `[{"kind":"ph","assoc":"p"}]`},
	}
	for _, tt := range tests {
		got := EncodeCodes(tt.codes)
		if got != tt.want {
			t.Errorf("EncodeCodes(%v) = %s; want %s", tt.codes, got, tt.want)
		}
		back, err := DecodeCodes(got)
		if err != nil || !slices.Equal(back, tt.codes) {
			t.Errorf("DecodeCodes(%s) = %v, %v; want %v", got, back, err, tt.codes)
		}
	}
	if _, err := DecodeCodes(`[{"kind":"blink"}]`); err == nil {
		t.Errorf("DecodeCodes of an unknown kind = %v; want an error", err)
	}
}
