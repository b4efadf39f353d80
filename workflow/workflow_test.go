package workflow

import (
	"errors"
	"testing"
)

func TestParseStatus(t *testing.T) {
	for _, s := range Statuses {
		if got, err := ParseStatus(string(s)); got != s || err != nil {
			t.Errorf("ParseStatus(%q) = %q, %v", s, got, err)
		}
	}
	for _, bad := range []string{"", "done", "Final", " final"} {
		if got, err := ParseStatus(bad); got != "" || !errors.Is(err, ErrUnknownStatus) {
			t.Errorf("ParseStatus(%q) = %q, %v; want ErrUnknownStatus", bad, got, err)
		}
	}
}

func TestReached(t *testing.T) {
	tests := []struct {
		s, other Status
		want     bool
	}{
		{Initial, Initial, true},
		{Translated, Initial, true},
		{Initial, Translated, false},
		{Reviewed, Translated, true},
		{Translated, Reviewed, false},
		{Final, Reviewed, true},
		{Reviewed, Final, false},
		{Final, Initial, true},
		{"done", Initial, false},
		{Final, "done", false},
	}
	for _, tt := range tests {
		if got := tt.s.Reached(tt.other); got != tt.want {
			t.Errorf("%q.Reached(%q) = %v, want %v", tt.s, tt.other, got, tt.want)
		}
	}
}

func TestRoleSets(t *testing.T) {
	tests := []struct {
		r    Role
		want Status
		ok   bool
	}{
		{Translator, Translated, true},
		{Pretranslation, Translated, true},
		{Editor, Reviewed, true},
		{"proofreader", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got, ok := tt.r.Sets(); got != tt.want || ok != tt.ok {
			t.Errorf("%q.Sets() = %q, %v; want %q, %v", tt.r, got, ok, tt.want, tt.ok)
		}
	}
}
