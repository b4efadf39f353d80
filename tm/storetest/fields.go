package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/padan-tm/padan/tm"
)

// testWritesCheckFields checks that every write path of the store refuses
// a forbidden character and writes nothing.
func testWritesCheckFields(t *testing.T, open Opener) {
	ctx := context.Background()
	tests := []struct {
		name  string
		write func(s *tm.Store) error
		field string
		unit  string
		line  int
	}{
		{"document name", func(s *tm.Store) error { _, err := s.Import(ctx, sampleDoc("b\x01", "Satu.")); return err }, "document name", "", 0},
		{"metadata", func(s *tm.Store) error {
			d := sampleDoc("b", "Satu.")
			d.Metadata["translator"] = "Jafar\vSidik"
			_, err := s.Import(ctx, d)
			return err
		}, "metadata translator", "", 0},
		{"segment text not UTF-8", func(s *tm.Store) error { _, err := s.Import(ctx, sampleDoc("b", "Sa\xfftu.")); return err }, "text", "segment 1", 0},
		{"author of a revision", func(s *tm.Store) error {
			_, err := s.Revise(ctx, tm.Change{Document: "a", Language: "en", Role: tm.RoleTranslator, Author: "J\x1b]0;x\a", Entries: []tm.Entry{{Index: 1, Text: "One."}}})
			return err
		}, "author", "", 0},
		{"note of a revision from a file", func(s *tm.Store) error {
			_, err := s.Revise(ctx, tm.Change{Document: "a", Language: "en", Role: tm.RoleTranslator, Author: "Jafar",
				Entries: []tm.Entry{{Index: 1, Text: "One."}, {Index: 2, Text: "Two.", Note: "see\v", Line: 7}}})
			return err
		}, "note", "segment 2", 7},
		{"approver", func(s *tm.Store) error { _, err := s.Approve(ctx, "a", "en", "A\x00", []int{1}); return err }, "author", "", 0},
		{"approver of all", func(s *tm.Store) error { _, err := s.Approve(ctx, "a", "en", "A\x00", nil); return err }, "author", "", 0},
		{"reject note", func(s *tm.Store) error { return s.Reject(ctx, "a", "en", "Atman", 1, "no\x0c") }, "note", "segment 1", 0},
		{"rejecter", func(s *tm.Store) error { return s.Reject(ctx, "a", "en", "At\u0085man", 1, "no") }, "author", "", 0},
		{"memory entry author", func(s *tm.Store) error {
			_, _, err := s.AddEntries(ctx, []tm.MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "Satu.", Target: "One.",
				Origin: tm.Origin{Kind: tm.OriginImport, File: "m.tmx", Segment: "tu9", Author: "x\x1by"}}})
			return err
		}, "author", "tu9", 0},
		{"memory entry file", func(s *tm.Store) error {
			_, _, err := s.AddEntries(ctx, []tm.MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "Satu.", Target: "One.",
				Origin: tm.Origin{Kind: tm.OriginImport, File: "m\n.tmx"}}})
			return err
		}, "origin file", "", 0},
		{"memory entry target not UTF-8", func(s *tm.Store) error {
			_, _, err := s.AddEntries(ctx, []tm.MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "Satu.", Target: "O\xffne."}})
			return err
		}, "target", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			mustImport(t, s, sampleDoc("a", "Satu.", "Dua."))
			mustRevise(t, s, "a", "en", tm.RoleEditor, "Atman", tm.Entry{Index: 1, Text: "One."})
			before := map[string]int{}
			tables := []string{"documents", "versions", "units", "revisions", "memory_entry"}
			for _, tb := range tables {
				before[tb] = count(t, s, tb)
			}
			err := tt.write(s)
			var fe *tm.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("write: %v, want a tm.FieldError", err)
			}
			if fe.Field != tt.field || fe.Unit != tt.unit || fe.Line != tt.line {
				t.Errorf("tm.FieldError %+v, want field %q unit %q line %d", fe, tt.field, tt.unit, tt.line)
			}
			for _, tb := range tables {
				if n := count(t, s, tb); n != before[tb] {
					t.Errorf("%s: %d rows, %d before", tb, n, before[tb])
				}
			}
		})
	}
}
