package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/tm/internal/backend"
)

// ownerMarker separates, in roles.sql, what a superuser runs from what the
// owner runs after padan db init.
const ownerMarker = "-- As padan_owner, in the database padan, after padan db init:"

// TestRolesDocumented: README.md shows roles.sql as it is.
func TestRolesDocumented(t *testing.T) {
	sql, err := os.ReadFile("roles.sql")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "```sql\n"+string(sql)+"```\n") {
		t.Error("README.md does not show tm/internal/postgres/roles.sql as it is")
	}
	if !strings.Contains(string(sql), ownerMarker) {
		t.Errorf("roles.sql lacks the line %q", ownerMarker)
	}
}

// TestDeskRole runs roles.sql (with role names of its own, and the test's
// schema for public) and checks that a member of the desk role, who has no
// DDL rights, opens the migrated database and reads and writes it, but
// cannot migrate or change the schema.
func TestDeskRole(t *testing.T) {
	ctx := context.Background()
	dsn := testenv.Postgres(t)
	schema := schemaOf(t, dsn)
	conn := admin(t)
	b := make([]byte, 4)
	rand.Read(b)
	sfx := hex.EncodeToString(b)
	owner, desk, ana := "padan_owner_"+sfx, "padan_desk_"+sfx, "ana_"+sfx
	password := "pw-" + sfx
	t.Cleanup(func() {
		for _, sql := range []string{
			fmt.Sprintf("GRANT %s, %s, %s TO current_user", owner, desk, ana),
			fmt.Sprintf("REASSIGN OWNED BY %s TO current_user", owner), // the schema, dropped by testenv
			fmt.Sprintf("DROP OWNED BY %s", ana),
			fmt.Sprintf("DROP OWNED BY %s", desk),
			fmt.Sprintf("DROP OWNED BY %s", owner),
			fmt.Sprintf("DROP ROLE IF EXISTS %s, %s, %s", ana, desk, owner),
		} {
			if _, err := conn.Exec(ctx, sql); err != nil {
				t.Logf("cleanup: %s: %v", sql, err)
			}
		}
	})

	raw, err := os.ReadFile("roles.sql")
	if err != nil {
		t.Fatal(err)
	}
	names := strings.NewReplacer("padan_owner", owner, "padan_desk", desk,
		"'change me'", "'"+password+"'", "'change me too'", "'"+password+"'",
		"SCHEMA public", "SCHEMA "+schema)
	anaWord := regexp.MustCompile(`\bana\b`)
	superPart, ownerPart, ok := strings.Cut(string(raw), ownerMarker)
	if !ok {
		t.Fatalf("roles.sql lacks %q", ownerMarker)
	}
	run := func(c *pgx.Conn, part string) {
		t.Helper()
		for _, stmt := range statements(part) {
			if strings.HasPrefix(stmt, "CREATE DATABASE") {
				continue // the test's database stands for it
			}
			stmt = anaWord.ReplaceAllString(names.Replace(stmt), ana)
			if _, err := c.Exec(ctx, stmt); err != nil {
				t.Fatalf("%s: %v", stmt, err)
			}
		}
	}
	run(conn, superPart)
	// The owner of the database owns its public schema; here, the test's.
	for _, sql := range []string{
		fmt.Sprintf("GRANT %s TO current_user", owner),
		fmt.Sprintf("ALTER SCHEMA %s OWNER TO %s", schema, owner),
	} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}

	as := func(role string) string {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatal(err)
		}
		u.User = url.UserPassword(role, password)
		return u.String()
	}
	// padan db init, as the owner.
	db, err := Open(ctx, as(owner), true)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ownerConn, err := pgx.Connect(ctx, as(owner))
	if err != nil {
		t.Fatal(err)
	}
	defer ownerConn.Close(ctx)
	run(ownerConn, ownerPart)

	// A translator opens it (even allowed to migrate, there is nothing to
	// do) and writes through the desk role's rights only.
	db, err = Open(ctx, as(ana), true)
	if err != nil {
		t.Fatalf("the desk role cannot open the database: %v", err)
	}
	defer db.Close()
	if db.Migrated() != 0 {
		t.Errorf("the desk role migrated %d times", db.Migrated())
	}
	err = db.InTx(ctx, pgx.TxOptions{}, func(tx pgx.Tx) error {
		for _, sql := range []string{
			`INSERT INTO documents (name, language, created) VALUES ('berita', 'id', '2026-01-02T03:04:05.000000Z')`,
			`INSERT INTO units (document_id, source, words) SELECT id, 'Halo.', 1 FROM documents`,
			`INSERT INTO revisions (unit_id, language, event, role, status, text, author, time)
				SELECT id, 'en', 'revise', 'translator', 'translated', 'Hello.', 'ana', 't' FROM units`,
			`INSERT INTO memory_pair (source_lang, target_lang) VALUES ('id', 'en')`,
			`INSERT INTO memory_entry (pair, hash, source, target, origin, nkeys, source_words, target_words)
				SELECT id, '\x01', 'Halo, kafé.', 'Hello.', 'import', 1, 'halo:1 kafe:2', 'hello:1' FROM memory_pair`,
			`INSERT INTO memory_token (key, df) VALUES ('halo', 1) ON CONFLICT (key) DO UPDATE SET df = memory_token.df + 1`,
			`UPDATE memory_token SET df = df + 1`,
			`DELETE FROM memory_token WHERE df > 100`,
		} {
			if _, err := tx.Exec(ctx, sql); err != nil {
				return fmt.Errorf("%s: %w", sql, err)
			}
		}
		ids, err := NextIDs(ctx, tx, "memory_entry", "id", 3)
		if err != nil {
			return err
		}
		_, err = Copy(ctx, tx, "memory_keys", []string{"id", "keys"}, pgx.CopyFromRows([][]any{{ids[0] - 1, []byte{1}}}))
		return err
	})
	if err != nil {
		t.Fatalf("the desk role cannot write: %v", err)
	}
	if hits, err := Concordance(ctx, db.Pool(), "kafe", "id", false, 0); err != nil || len(hits) != 1 {
		t.Errorf("concordance as the desk role: %v, %v", hits, err)
	}
	// And through the store: every write path (the writers' lock, ids from
	// the sequences, COPY, statements over arrays) needs only the desk's
	// rights.
	store, err := OpenStore(ctx, as(ana), backend.Options{})
	if err != nil {
		t.Fatalf("the desk role cannot open the store: %v", err)
	}
	defer store.Close()
	err = store.Write(ctx, func(tx backend.Tx) error {
		doc, err := tx.InsertDocument(ctx, "lain", "id", "2026-01-02T03:04:05.000000Z")
		if err != nil {
			return err
		}
		ids, err := tx.InsertUnits(ctx, doc, []backend.NewUnit{{Source: "Satu.", Words: 1}, {Source: "Dua.", Words: 1}})
		if err != nil {
			return err
		}
		v, err := tx.InsertVersion(ctx, backend.VersionRow{DocumentID: doc, Number: 1, Original: []byte("Satu. Dua."), Metadata: "{}", Created: "t"})
		if err != nil {
			return err
		}
		if err := tx.PlaceUnits(ctx, v, []backend.Placement{{Index: 1, UnitID: ids[0], Kind: "sentence"}, {Index: 2, UnitID: ids[1], Kind: "sentence"}}); err != nil {
			return err
		}
		if err := tx.InsertRevisions(ctx, []backend.RevisionRow{{UnitID: ids[0], Language: "en", Event: "revise", Role: "translator",
			Status: "translated", Text: "One.", Author: "ana", Time: "t"}}); err != nil {
			return err
		}
		m := tx.Memory()
		pair, err := m.Pair(ctx, "id", "fr", true)
		if err != nil {
			return err
		}
		e, err := m.InsertEntries(ctx, []backend.EntryRow{{Pair: pair, Hash: []byte{9}, Source: "Satu.", Target: "Un.", Origin: "import", NKeys: 1}})
		if err != nil {
			return err
		}
		if err := m.InsertKeys(ctx, []backend.KeysRow{{ID: e[0], Keys: []byte{1}}}); err != nil {
			return err
		}
		return m.InsertTokens(ctx, []backend.TokenRow{{ID: 1000, Key: "satu", DF: 1}})
	})
	if err != nil {
		t.Errorf("the desk role cannot write through the store: %v", err)
	}
	for _, sql := range []string{
		`CREATE TABLE notes (id int)`,
		`ALTER TABLE documents ADD COLUMN x int`,
		`DROP TABLE memory_posting`,
		`DELETE FROM revisions`,
	} {
		if _, err := db.Pool().Exec(ctx, sql); err == nil {
			t.Errorf("the desk role could run %s", sql)
		}
	}

	// A translator pointing padan at an empty schema cannot create it.
	empty := testenv.Postgres(t)
	if _, err := conn.Exec(ctx, fmt.Sprintf("GRANT USAGE ON SCHEMA %s TO %s", schemaOf(t, empty), desk)); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(empty)
	u.User = url.UserPassword(ana, password)
	if db, err := Open(ctx, u.String(), true); !errors.Is(err, ErrBehind) {
		if err == nil {
			db.Close()
		}
		t.Errorf("Open of an empty schema as the desk role: %v, want ErrBehind", err)
	} else if strings.Contains(err.Error(), password) {
		t.Errorf("the error shows the password: %v", err)
	}
	if got := tables(t, conn, schemaOf(t, empty)); len(got) != 0 {
		t.Errorf("the desk role left %v in the empty schema", got)
	}
}

// statements splits SQL into its statements, without comments.
func statements(sql string) []string {
	var lines []string
	for _, l := range strings.Split(sql, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "--") {
			lines = append(lines, l)
		}
	}
	var out []string
	for _, s := range strings.Split(strings.Join(lines, " "), ";") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
