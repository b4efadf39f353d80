package tm

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"github.com/padan-tm/padan/tm/internal/sqlite"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// openTest opens a new store in a temporary folder with a fixed clock that
// ticks a second per call.
func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "padan.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var mu sync.Mutex
	s.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	}
	return s
}

// sampleDoc is a small document of n units "Kalimat i."
func sampleDoc(name string, texts ...string) NewDocument {
	d := NewDocument{Name: name, Language: "id", Original: []byte(strings.Join(texts, " ")),
		Metadata: map[string]string{"translator": "Jafar M Sidik", "editor": "Atman Ahdiat"}}
	for i, s := range texts {
		d.Units = append(d.Units, SourceUnit{Index: i + 1, Kind: "sentence", Text: s})
	}
	return d
}

func mustImport(t testing.TB, s *Store, d NewDocument) ImportResult {
	t.Helper()
	res, err := s.Import(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func mustRevise(t testing.TB, s *Store, doc, lang string, role Role, author string, entries ...Entry) {
	t.Helper()
	if _, err := s.Revise(context.Background(), Change{Document: doc, Language: lang, Role: role, Author: author, Entries: entries}); err != nil {
		t.Fatal(err)
	}
}

func count(t testing.TB, s *Store, table string) int {
	t.Helper()
	var n int
	if err := rawDB(s).QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	notSQLite := filepath.Join(dir, "notes.txt")
	os.WriteFile(notSQLite, []byte("these are my notes, not a database\n"), 0o644)

	otherApp := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", otherApp)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	tooNew := filepath.Join(dir, "new.db")
	s, err := Open(ctx, tooNew)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rawDB(s).Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	tests := []struct {
		name string
		path string
		want error
	}{
		{"missing folder", filepath.Join(dir, "nope", "padan.db"), ErrNoFolder},
		{"text file", notSQLite, ErrNotDatabase},
		{"folder", dir, ErrNotDatabase},
		{"other application", otherApp, ErrNotDatabase},
		{"newer schema", tooNew, ErrTooNew},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(tt.path)
			s, err := Open(ctx, tt.path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Open: %v, want %v", err, tt.want)
			}
			after, _ := os.ReadFile(tt.path)
			if string(before) != string(after) {
				t.Error("the file changed")
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "nope")); err == nil {
		t.Error("Open created the missing folder")
	}
}

func TestOpenTwiceKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "padan.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, sampleDoc("a", "Satu."))
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docs, err := s.Documents(ctx)
	if err != nil || len(docs) != 1 || docs[0].Name != "a" {
		t.Fatalf("Documents = %v, %v", docs, err)
	}
	var app, version int
	rawDB(s).QueryRow("PRAGMA application_id").Scan(&app)
	rawDB(s).QueryRow("PRAGMA user_version").Scan(&version)
	m, _ := sqlite.Migrations()
	if app != sqlite.ApplicationID || version != len(m) {
		t.Errorf("application_id %x user_version %d, want %x %d", app, version, sqlite.ApplicationID, len(m))
	}
	var mode string
	rawDB(s).QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode %s", mode)
	}
}

// TestMigrateFromEachVersion makes a database at each past schema version,
// with a document in it, and checks that Open migrates it and keeps it.
func TestMigrateFromEachVersion(t *testing.T) {
	migrations, err := sqlite.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for v := 1; v < len(migrations); v++ {
		path := filepath.Join(t.TempDir(), "old.db")
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range migrations[:v] {
			if _, err := db.Exec(m); err != nil {
				t.Fatal(err)
			}
		}
		_, err = db.Exec(fmt.Sprintf(`PRAGMA application_id = %d; PRAGMA user_version = %d;
			INSERT INTO documents (name, language, created) VALUES ('old', 'id', '2020-01-01T00:00:00.000000Z');
			INSERT INTO versions (document_id, number, original, sha256, created) VALUES (1, 1, x'', '', '2020-01-01T00:00:00.000000Z')`,
			sqlite.ApplicationID, v))
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("from version %d: %v", v, err)
		}
		var got int
		rawDB(s).QueryRow("PRAGMA user_version").Scan(&got)
		doc, err := s.Document(ctx, "old")
		s.Close()
		if err != nil || got != len(migrations) || doc.Name != "old" {
			t.Errorf("from version %d: user_version %d, document %v %v", v, got, doc, err)
		}
	}
}

func TestRevisionsAppendOnly(t *testing.T) {
	s := openTest(t)
	mustImport(t, s, sampleDoc("a", "Satu."))
	mustRevise(t, s, "a", "en", RoleTranslator, "T", Entry{Index: 1, Text: "One."})
	for _, q := range []string{"UPDATE revisions SET text = 'x'", "DELETE FROM revisions"} {
		if _, err := rawDB(s).Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

// TestKilledWriter kills (SIGKILL) a process in the middle of a bulk
// Revise: the database must be as before, and sound.
func TestKilledWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "padan.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, sampleDoc("a", "Satu.", "Dua.", "Tiga."))
	mustRevise(t, s, "a", "en", RoleTranslator, "T", Entry{Index: 1, Text: "One."})
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PADAN_TM_CHILD="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	mid := false
	for sc.Scan() {
		if sc.Text() == "mid-transaction" {
			mid = true
			break
		}
	}
	if !mid {
		cmd.Wait()
		t.Fatal("the child never reached the middle of its transaction")
	}
	cmd.Process.Signal(syscall.SIGKILL)
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("child was not killed: %v", err)
	}

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := count(t, s, "revisions"); n != 1 {
		t.Errorf("%d revisions after the kill, want 1", n)
	}
	if r, err := s.IntegrityCheck(ctx); err != nil || r != "ok" {
		t.Errorf("integrity_check: %q, %v", r, err)
	}
}

// TestMain runs the tests, or, in the process TestKilledWriter starts
// (PADAN_TM_CHILD names its database), killedWriterChild.
func TestMain(m *testing.M) {
	if path := os.Getenv("PADAN_TM_CHILD"); path != "" {
		killedWriterChild(path)
	}
	os.Exit(m.Run())
}

// killedWriterChild is the process TestKilledWriter kills: it starts a
// bulk Revise of 5,000 entries and stops after 2,000 of them, inside the
// transaction, until it is killed. It exits 1 if it gets anywhere else.
func killedWriterChild(path string) {
	s, err := Open(context.Background(), path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	testHookRevise = func(i int) {
		if i == 2000 {
			fmt.Println("mid-transaction")
			os.Stdout.Sync()
			time.Sleep(time.Hour) // until SIGKILL
		}
	}
	entries := make([]Entry, 5000)
	for i := range entries {
		entries[i] = Entry{Index: 1 + i%3, Text: fmt.Sprint("text ", i)}
	}
	_, err = s.Revise(context.Background(), Change{Document: "a", Language: "en", Role: RoleTranslator, Author: "K", Entries: entries})
	fmt.Fprintln(os.Stderr, "not killed:", err)
	os.Exit(1)
}

// rawDB returns the SQLite handle of a store opened on a file, for the
// tests that look at its tables.
func rawDB(s *Store) *sql.DB { return s.db.(*sqlite.DB).SQL() }

// reopenFrom runs older (SQL that leaves s's database as an older padan
// left it, with that schema version) on s, closes s, and opens the
// database again, which migrates it; the store it returns is closed when
// the test ends.
func reopenFrom(t *testing.T, s *Store, older string) *Store {
	t.Helper()
	if _, err := rawDB(s).Exec(older); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err := Open(context.Background(), s.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestOpenPostgresNotBuilt: a PostgreSQL URL, with no PostgreSQL backend
// registered, is refused with ErrNoBackend, and the error does not show
// the password.
func TestOpenPostgresNotBuilt(t *testing.T) {
	for _, dsn := range []string{"postgres://ana:rahasia@localhost/padan", "postgresql://ana:rahasia@db.example:5432/padan?sslmode=require",
		"postgres://ana:rahasia@localhost/padan?password=rahasia&sslmode=disable"} {
		_, err := Open(context.Background(), dsn)
		if !errors.Is(err, ErrNoBackend) || strings.Contains(err.Error(), "rahasia") || !strings.Contains(err.Error(), "ana:xxxxx@") {
			t.Errorf("Open(%q) = %v", Redact(dsn), err)
		}
	}
}

// TestMigrateStatsFromVersion6: a database of schema version 4 with
// translations and edits, migrated to version 5, gives the same stats and
// post-edit figures as one kept up to date from the start (the migration
// fills the counts; the figures are computed where none were kept).
func TestMigrateStatsFromVersion6(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "padan.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, sampleDoc("a", "Satu dua.", "Tiga empat lima.", "Enam."))
	mustRevise(t, s, "a", "en", RoleTranslator, "T", Entry{Index: 1, Text: "One two."}, Entry{Index: 2, Text: "Three four five."})
	mustRevise(t, s, "a", "en", RoleEditor, "E", Entry{Index: 2, Text: "Three, four and five."})
	if _, err := s.Approve(ctx, "a", "en", "E", []int{2}); err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, sampleDoc("a", "Satu dua.", "Tiga empat lima.", "Tujuh."))
	wantStats, err := s.Stats(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	wantPE, ok, err := s.PostEdit(ctx, "a", "en")
	if err != nil || !ok {
		t.Fatalf("PostEdit: %v %v", ok, err)
	}
	s = reopenFrom(t, s, `DROP TRIGGER version_units_stats;
		DROP TABLE unit_latest; DROP TABLE version_totals; DROP TABLE version_stats; DROP TABLE document_languages;
		DROP TABLE post_edits; DROP TABLE memory_analysis; PRAGMA user_version = 6`)
	gotStats, err := s.Stats(ctx, "")
	if err != nil || !reflect.DeepEqual(gotStats, wantStats) {
		t.Errorf("stats after the migration = %+v, %v; want %+v", gotStats, err, wantStats)
	}
	gotPE, ok, err := s.PostEdit(ctx, "a", "en")
	if err != nil || !ok || !reflect.DeepEqual(gotPE, wantPE) {
		t.Errorf("post-edit after the migration = %+v, %v; want %+v", gotPE, err, wantPE)
	}
}
