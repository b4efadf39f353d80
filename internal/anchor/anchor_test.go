package anchor

import "testing"

func TestNumbersAt(t *testing.T) {
	s := "Rp45 miliar, 20.000 \xff orang pada 1950-1953 (12,5 persen)"
	want := []struct{ value, text string }{{"45", "45"}, {"20000", "20.000"}, {"1950", "1950"}, {"1953", "1953"}, {"12.5", "12,5"}}
	got := NumbersAt(s)
	if len(got) != len(want) {
		t.Fatalf("NumbersAt(%q) = %+v", s, got)
	}
	for i, n := range got {
		if n.Value != want[i].value || s[n.Start:n.End] != want[i].text {
			t.Errorf("number %d: %q at %q, want %q at %q", i, n.Value, s[n.Start:n.End], want[i].value, want[i].text)
		}
	}
}
