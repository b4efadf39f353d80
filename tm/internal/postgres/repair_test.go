package postgres_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/tm"
)

// TestRepairStoredValues: values that an older padan let in (control
// characters in an author, a note, a version's metadata and a memory
// entry's file name, written here with SQL) are reported by the check and
// rewritten by the repair on PostgreSQL as on SQLite. Revisions are
// append-only: a member of the desk, who cannot lift that rule, is refused
// with tm.ErrOwnerOnly and nothing changes; the schema's owner repairs,
// and the rule holds again after.
func TestRepairStoredValues(t *testing.T) {
	ctx := context.Background()
	d := testenv.DeskRoles(t, testenv.Postgres(t))
	owner, err := tm.Open(ctx, d.As(t, d.Owner)) // padan db init
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	d.Grant(t)
	doc := tm.NewDocument{Name: "berita", Language: "id", Original: []byte("Satu. Dua.")}
	for i, text := range []string{"Satu.", "Dua."} {
		doc.Units = append(doc.Units, tm.SourceUnit{Index: i + 1, Kind: "sentence", Text: text})
	}
	if _, err := owner.Import(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if _, err := owner.Revise(ctx, tm.Change{Document: "berita", Language: "en", Role: tm.RoleTranslator, Author: "Jafar",
		Entries: []tm.Entry{{Index: 1, Text: "One."}, {Index: 2, Text: "Two."}}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := owner.AddEntries(ctx, []tm.MemoryEntry{{SourceLang: "id", TargetLang: "en", Source: "Tiga.", Target: "Three.",
		Origin: tm.Origin{Kind: tm.OriginImport, File: "m.tmx"}}}); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, d.As(t, d.Owner))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, q := range []string{
		`INSERT INTO revisions (unit_id, language, event, role, status, text, author, time, note)
			SELECT unit_id, language, 'revise', 'editor', 'reviewed', 'One' || chr(11) || 'more.', 'Jafar' || chr(11) || 'Sidik', time, 'see' || chr(27) || '[2J'
			FROM revisions WHERE text = 'One.'`,
		`UPDATE versions SET metadata = '{"translator":"Jafar\u000bSidik","editor":"Atman"}'`,
		`UPDATE memory_entry SET file = 'm' || chr(1) || '.tmx' WHERE file = 'm.tmx'`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	want := []string{
		`versions metadata translator Jafar\u000BSidik`,
		`revisions author Jafar\u000BSidik`,
		`revisions note see\u001B[2J`,
		`memory_entry file m\u0001.tmx`,
	}
	rows := func(ps []tm.StoredProblem) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Table+" "+p.Field+" "+p.Repaired)
		}
		return out
	}
	if got, err := owner.CheckFields(ctx); err != nil || !slices.Equal(rows(got), want) {
		t.Fatalf("check: %q, %v\nwant %q", rows(got), err, want)
	}

	// A translator of the desk may not.
	member, err := tm.Open(ctx, d.As(t, d.Member))
	if err != nil {
		t.Fatal(err)
	}
	defer member.Close()
	if _, err := member.RepairFields(ctx, "Ana"); !errors.Is(err, tm.ErrOwnerOnly) {
		t.Fatalf("the desk's repair: %v, want tm.ErrOwnerOnly", err)
	}
	if got, err := owner.CheckFields(ctx); err != nil || !slices.Equal(rows(got), want) {
		t.Fatalf("after the refused repair: %q, %v", rows(got), err)
	}

	// The owner does.
	repaired, err := owner.RepairFields(ctx, "Admin")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows(repaired), want) {
		t.Errorf("repaired %q", rows(repaired))
	}
	if again, err := owner.CheckFields(ctx); err != nil || len(again) != 0 {
		t.Fatalf("after the repair: %q, %v", rows(again), err)
	}
	_, revs, err := owner.History(ctx, "berita", "en", 1)
	if err != nil {
		t.Fatal(err)
	}
	if last := revs[len(revs)-1]; last.Author != `Jafar\u000BSidik` || last.Note != `see\u001B[2J` || last.Text != "One\vmore." {
		t.Errorf("repaired revision %+v", last)
	}
	var meta, author string
	var changes int
	if err := conn.QueryRow(ctx, `SELECT metadata FROM versions`).Scan(&meta); err != nil || meta != `{"editor":"Atman","translator":"Jafar\\u000BSidik"}` {
		t.Errorf("metadata %s, %v", meta, err)
	}
	if err := conn.QueryRow(ctx, `SELECT author, changes FROM repairs`).Scan(&author, &changes); err != nil || author != "Admin" || changes != len(want) {
		t.Errorf("repair record: %q %d %v", author, changes, err)
	}
	// Revisions are append-only again, for the owner too.
	if _, err := conn.Exec(ctx, `UPDATE revisions SET note = 'x'`); err == nil {
		t.Error("revisions can be updated after the repair")
	}
	if rep, err := owner.IntegrityCheck(ctx); err != nil || rep != "ok" {
		t.Errorf("integrity check: %s, %v", rep, err)
	}
	if again, err := owner.RepairFields(ctx, "Admin"); err != nil || len(again) != 0 {
		t.Errorf("a second repair: %v, %v", again, err)
	}
}
