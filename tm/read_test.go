package tm

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"testing"

	"github.com/padan-tm/padan/tm/internal/stored"
)

// wholeDocument reads a document's units in lang the way padan did before
// it streamed them: every unit, then every revision into a map, then the
// merges over the whole list. It is the reference EachUnit must agree with.
func wholeDocument(t *testing.T, s *Store, ref, lang string) []Unit {
	t.Helper()
	ctx := context.Background()
	var units []Unit
	doc, err := s.Document(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := rawDB(s).BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	err = func() error {
		rows, err := tx.QueryContext(ctx, `SELECT vu.idx, vu.kind, vu.start, vu."end", u.id, u.source, u.words, u.previous_id
			FROM version_units vu JOIN units u ON u.id = vu.unit_id WHERE vu.version_id = ? ORDER BY vu.idx`, doc.versionID)
		if err != nil {
			return err
		}
		var ids, prev []int64
		for rows.Next() {
			u := Unit{Status: StatusInitial}
			var id int64
			var p sql.NullInt64
			if err := rows.Scan(&u.Index, &u.Kind, &u.Start, &u.End, &id, &u.Source, &u.Words, &p); err != nil {
				rows.Close()
				return err
			}
			units = append(units, u)
			ids = append(ids, id)
			prev = append(prev, p.Int64)
		}
		rows.Close()
		index := map[int64]int{}
		for i, id := range ids {
			index[id] = i + 1
		}
		revs, err := tx.QueryContext(ctx, `SELECT unit_id, id, event, role, status, text, author, time, note,
				coalesce(codes, ''), score, coalesce(origin, ''), merged_into, coalesce(match_source, ''), review_skipped
			FROM revisions WHERE language = ? ORDER BY unit_id, id`, lang)
		if err != nil {
			return err
		}
		defer revs.Close()
		byUnit := map[int64][]Revision{}
		for revs.Next() {
			var unitID int64
			var r Revision
			var tm string
			var score sql.NullFloat64
			var merged sql.NullInt64
			if err := revs.Scan(&unitID, &r.ID, &r.Event, &r.Role, &r.Status, &r.Text, &r.Author, &tm,
				&r.Note, &r.Codes, &score, &r.Origin, &merged, &r.MatchSource, &r.ReviewSkipped); err != nil {
				return err
			}
			if merged.Valid {
				r.MergedInto, r.merges = index[merged.Int64], true
			}
			r.Time = stored.ParseTime(tm)
			r.Score, r.HasScore = score.Float64, score.Valid
			byUnit[unitID] = append(byUnit[unitID], r)
		}
		if err := revs.Err(); err != nil {
			return err
		}
		for i := range units {
			u := &units[i]
			u.Revisions = byUnit[ids[i]]
			for j := range u.Revisions {
				r := &u.Revisions[j]
				u.Status, u.Target = r.Status, r.Text
				if r.Event != EventRevise {
					continue
				}
				if r.Role == RoleEditor {
					u.Editor = r
				} else {
					u.Translator = r
				}
			}
			if old := byUnit[prev[i]]; prev[i] != 0 && len(old) > 0 {
				u.Suggestion = old[len(old)-1].Text
			}
			if n := len(u.Revisions); n > 0 && u.Revisions[n-1].merges {
				u.MergedInto = wholeMergeTarget(units[:i], u.Revisions[n-1].MergedInto)
				u.mergeBroken = u.MergedInto == 0
			}
		}
		return nil
	}()
	if err != nil {
		t.Fatal(err)
	}
	return units
}

// wholeMergeTarget returns into if the unit following before is merged into
// it for good: into is one of before, not merged itself, and every unit
// after it is merged into it too; else 0.
func wholeMergeTarget(before []Unit, into int) int {
	if into < 1 || into > len(before) || before[into-1].MergedInto != 0 {
		return 0
	}
	for _, u := range before[into:] {
		if u.MergedInto != into {
			return 0
		}
	}
	return into
}

// streamed returns the units EachUnit gives, checking that each call gets a
// unit of its own.
func streamed(t *testing.T, s *Store, ref, lang string) []Unit {
	t.Helper()
	var ptrs []*Unit
	doc, err := s.Document(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EachUnit(context.Background(), doc, lang, false, func(u *Unit) error {
		ptrs = append(ptrs, u)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	units := make([]Unit, len(ptrs))
	for i, u := range ptrs {
		if i > 0 && u == ptrs[i-1] {
			t.Fatalf("unit %d: the same *Unit as the one before", u.Index)
		}
		units[i] = *u
	}
	return units
}

// TestEachUnitAsWholeDocument checks that the streamed units are those the
// whole-document reading gives, at every step of a document's life:
// merges (2-1 and 3-1), merges a new version breaks, suggestions from a
// changed unit, translator, editor and pre-translation revisions,
// approvals, rejections, notes, codes, and revisions in other languages.
func TestEachUnitAsWholeDocument(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var texts []string
	for i := 1; i <= 14; i++ {
		texts = append(texts, fmt.Sprintf("Kalimat %d.", i))
	}
	steps := []struct {
		name string
		do   func(t *testing.T)
	}{
		{"import", func(t *testing.T) { mustImport(t, s, sampleDoc("berita", texts...)) }},
		{"translator with merges", func(t *testing.T) {
			mustRevise(t, s, "berita", "en", RoleTranslator, "Jafar",
				Entry{Index: 1, Text: "Sentence 1.", Note: "first"},
				Entry{Index: 2, Text: "Sentences 2 to 4."},
				Entry{Index: 3, MergedInto: 2, Note: "merged"},
				Entry{Index: 4, MergedInto: 2},
				Entry{Index: 5, Text: "Sentences 5 and 6."},
				Entry{Index: 6, MergedInto: 5},
				Entry{Index: 7, Text: "Sentence 7 \ue000.", Codes: `[{"kind":"ph","content":"&lt;br/&gt;"}]`},
				Entry{Index: 8, Text: "Sentences 8 and 9."},
				Entry{Index: 9, MergedInto: 8},
				Entry{Index: 10, Text: "Sentence 10."},
				Entry{Index: 12, Text: "Sentence 12."},
			)
			mustRevise(t, s, "berita", "fr", RoleTranslator, "Claire", Entry{Index: 1, Text: "Phrase 1."}, Entry{Index: 3, MergedInto: 1})
		}},
		{"pre-translation", func(t *testing.T) {
			mustRevise(t, s, "berita", "en", RolePretranslation, "padan",
				Entry{Index: 11, Text: "Sentence eleven.", Score: 87.5, Origin: `{"document":"lama"}`},
				Entry{Index: 13, Text: "Sentence 13.", Score: -1},
				Entry{Index: 14, Text: "Sentence 14.", Score: 100})
		}},
		{"editor, approval and rejection", func(t *testing.T) {
			mustRevise(t, s, "berita", "en", RoleEditor, "Atman",
				Entry{Index: 1, Text: "Sentence one.", Note: "style"},
				Entry{Index: 2, Text: "Sentences two to four."},
				Entry{Index: 10, Text: "Sentence ten."})
			if _, err := s.ApproveWith(ctx, "berita", "en", "Atman", []int{1, 2, 3}, ApproveOptions{SkipReview: true}); err != nil {
				t.Fatal(err)
			}
			if err := s.Reject(ctx, "berita", "en", "Atman", 5, "too free"); err != nil {
				t.Fatal(err)
			}
			// Unit 9 taken out of its merge, unit 12 merged into 10 across 11.
			mustRevise(t, s, "berita", "en", RoleTranslator, "Jafar",
				Entry{Index: 9, Text: "Sentence 9."}, Entry{Index: 12, MergedInto: 10})
		}},
		{"new version", func(t *testing.T) {
			// Unit 1 changed (a suggestion; the French merge of unit 3
			// into it loses its target), a unit inserted between 5 and 6
			// (that merge breaks), unit 8 changed (a suggestion), unit 14
			// dropped.
			v2 := append([]string{"Kalimat satu."}, texts[1:5]...)
			v2 = append(v2, "Kalimat sisipan.")
			v2 = append(v2, texts[5:7]...)
			v2 = append(v2, "Kalimat delapan.")
			v2 = append(v2, texts[8:13]...)
			mustImport(t, s, sampleDoc("berita", v2...))
		}},
		{"after the new version", func(t *testing.T) {
			mustRevise(t, s, "berita", "en", RoleTranslator, "Jafar",
				Entry{Index: 1, Text: "Sentence one, again."},
				Entry{Index: 10, MergedInto: 9}, // unit 10 was 9: now merged into the changed unit
				Entry{Index: 6, Text: "Inserted.", Note: "new"})
		}},
	}
	for _, step := range steps {
		step.do(t)
		for _, lang := range []string{"en", "fr", "de"} {
			want := wholeDocument(t, s, "berita", lang)
			got := streamed(t, s, "berita", lang)
			if !reflect.DeepEqual(got, want) {
				for i := range max(len(got), len(want)) {
					if i >= len(got) || i >= len(want) || !reflect.DeepEqual(got[i], want[i]) {
						t.Fatalf("after %s, %s: unit %d:\n got %+v\nwant %+v", step.name, lang, i+1, at(got, i), at(want, i))
					}
				}
			}
		}
	}
	// The fixture has what the test claims to cover.
	units := streamed(t, s, "berita", "en")
	var merged, broken, suggestions, editors, pre, notes int
	for _, u := range units {
		switch {
		case u.MergedInto > 0:
			merged++
		case u.mergeBroken:
			broken++
		}
		if u.Suggestion != "" {
			suggestions++
		}
		if u.Editor != nil {
			editors++
		}
		if u.Translator != nil && u.Translator.Role == RolePretranslation {
			pre++
		}
		notes += len(u.Notes())
	}
	if merged < 2 || broken < 2 || suggestions < 2 || editors < 2 || pre < 2 || notes < 3 {
		t.Errorf("fixture: %d merged, %d broken merges, %d suggestions, %d editor texts, %d pre-translations, %d notes",
			merged, broken, suggestions, editors, pre, notes)
	}
}

func at(units []Unit, i int) any {
	if i < len(units) {
		return units[i]
	}
	return "none"
}
