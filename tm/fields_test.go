package tm

import (
	"context"
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

// TestWritesCheckFields checks that every write path of the store refuses
// a forbidden character and writes nothing.
func TestWritesCheckFields(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		write func(s *Store) error
		field string
		unit  string
		line  int
	}{
		{"document name", func(s *Store) error { _, err := s.Import(ctx, sampleDoc("b\x01", "Satu.")); return err }, "document name", "", 0},
		{"metadata", func(s *Store) error {
			d := sampleDoc("b", "Satu.")
			d.Metadata["translator"] = "Jafar\vSidik"
			_, err := s.Import(ctx, d)
			return err
		}, "metadata translator", "", 0},
		{"segment text not UTF-8", func(s *Store) error { _, err := s.Import(ctx, sampleDoc("b", "Sa\xfftu.")); return err }, "text", "segment 1", 0},
		{"author of a revision", func(s *Store) error {
			_, err := s.Revise(ctx, Change{Document: "a", Language: "en", Role: RoleTranslator, Author: "J\x1b]0;x\a", Entries: []Entry{{Index: 1, Text: "One."}}})
			return err
		}, "author", "", 0},
		{"note of a revision from a file", func(s *Store) error {
			_, err := s.Revise(ctx, Change{Document: "a", Language: "en", Role: RoleTranslator, Author: "Jafar",
				Entries: []Entry{{Index: 1, Text: "One."}, {Index: 2, Text: "Two.", Note: "see\v", Line: 7}}})
			return err
		}, "note", "segment 2", 7},
		{"approver", func(s *Store) error { _, err := s.Approve(ctx, "a", "en", "A\x00", []int{1}); return err }, "author", "", 0},
		{"approver of all", func(s *Store) error { _, err := s.Approve(ctx, "a", "en", "A\x00", nil); return err }, "author", "", 0},
		{"reject note", func(s *Store) error { return s.Reject(ctx, "a", "en", "Atman", 1, "no\x0c") }, "note", "segment 1", 0},
		{"rejecter", func(s *Store) error { return s.Reject(ctx, "a", "en", "At\u0085man", 1, "no") }, "author", "", 0},
		{"memory entry author", func(s *Store) error {
			_, _, err := s.AddEntries(ctx, []MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "Satu.", Target: "One.",
				Origin: Origin{Kind: OriginImport, File: "m.tmx", Segment: "tu9", Author: "x\x1by"}}})
			return err
		}, "author", "tu9", 0},
		{"memory entry file", func(s *Store) error {
			_, _, err := s.AddEntries(ctx, []MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "Satu.", Target: "One.",
				Origin: Origin{Kind: OriginImport, File: "m\n.tmx"}}})
			return err
		}, "origin file", "", 0},
		{"memory entry target not UTF-8", func(s *Store) error {
			_, _, err := s.AddEntries(ctx, []MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "Satu.", Target: "O\xffne."}})
			return err
		}, "target", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			mustImport(t, s, sampleDoc("a", "Satu.", "Dua."))
			mustRevise(t, s, "a", "en", RoleEditor, "Atman", Entry{Index: 1, Text: "One."})
			before := map[string]int{}
			tables := []string{"documents", "versions", "units", "revisions", "memory_entry"}
			for _, tb := range tables {
				before[tb] = count(t, s, tb)
			}
			err := tt.write(s)
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("write: %v, want a FieldError", err)
			}
			if fe.Field != tt.field || fe.Unit != tt.unit || fe.Line != tt.line {
				t.Errorf("FieldError %+v, want field %q unit %q line %d", fe, tt.field, tt.unit, tt.line)
			}
			for _, tb := range tables {
				if n := count(t, s, tb); n != before[tb] {
					t.Errorf("%s: %d rows, %d before", tb, n, before[tb])
				}
			}
		})
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
