package tm

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func TestCheckField(t *testing.T) {
	tests := []struct {
		kind   fieldKind
		v      string
		err    error
		offset int
		r      rune
	}{
		{fieldName, "Jafar M Sidik", nil, 0, 0},
		{fieldName, "Atman Ahdiat é 🤝", nil, 0, 0},
		{fieldName, "Jafar\vSidik", ErrForbiddenChar, 5, 0x0B},
		{fieldName, "\x00", ErrForbiddenChar, 0, 0},
		{fieldName, "a\tb", ErrForbiddenChar, 1, '\t'},
		{fieldName, "esc\x1b[2J", ErrForbiddenChar, 3, 0x1B},
		{fieldName, "del\x7f", ErrForbiddenChar, 3, 0x7F},
		{fieldName, "c1 \u009b", ErrForbiddenChar, 3, 0x9B},
		{fieldName, "x\uFFFE", ErrForbiddenChar, 1, 0xFFFE},
		{fieldName, "x\uFFFF", ErrForbiddenChar, 1, 0xFFFF},
		{fieldName, "bad \xff", ErrInvalidUTF8, 4, utf8.RuneError},
		{fieldName, "surrogate \xed\xa0\x80", ErrInvalidUTF8, 10, utf8.RuneError},
		{fieldNote, "line one\nline two\tand\r\n", nil, 0, 0},
		{fieldNote, "bell\a", ErrForbiddenChar, 4, 0x07},
		{fieldNote, "x\u0085", ErrForbiddenChar, 1, 0x85},
		{fieldText, "soft\vbreak\x00 \x1b \uFFFF", nil, 0, 0},
		{fieldText, "bad \xc3", ErrInvalidUTF8, 4, utf8.RuneError},
	}
	for _, tt := range tests {
		err := checkField(tt.kind, "author", tt.v)
		if !errors.Is(err, tt.err) {
			t.Errorf("checkField(%d, %+q) = %v, want %v", tt.kind, tt.v, err, tt.err)
			continue
		}
		var fe *FieldError
		if tt.err != nil && (!errors.As(err, &fe) || fe.Offset != tt.offset || fe.Rune != tt.r || fe.Field != "author") {
			t.Errorf("checkField(%d, %+q) = %#v, want offset %d rune %U", tt.kind, tt.v, err, tt.offset, tt.r)
		}
	}
}

// FuzzRepairValue checks the repair of stored values: a repaired name or
// note always passes the check, a value that passes is left alone, and
// Visible is idempotent.
func FuzzRepairValue(f *testing.F) {
	for _, s := range []string{"Jafar M Sidik", "a\vb", "\x00\x1b[2J", "x\uFFFE\uFFFF", "bad\xff\xc3", "c1\u0085\u009b", "tab\tnl\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		for _, k := range []fieldKind{fieldName, fieldNote, fieldText} {
			r := repairValue(k, v)
			if err := checkField(k, "v", r); err != nil {
				t.Fatalf("repairValue(%d, %+q) = %+q, which fails the check: %v", k, v, r, err)
			}
			if checkField(k, "v", v) == nil && r != v {
				t.Fatalf("repairValue(%d, %+q) = %+q changed a good value", k, v, r)
			}
		}
		if w := Visible(v); Visible(w) != w {
			t.Fatalf("Visible not idempotent on %+q", v)
		}
	})
}
