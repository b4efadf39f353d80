package postgres

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/tm/internal/backend"
)

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
	if !strings.Contains(string(sql), testenv.RolesOwnerLine) {
		t.Errorf("roles.sql lacks the line %q", testenv.RolesOwnerLine)
	}
}

// TestDeskRole runs roles.sql (with role names of its own, and the test's
// schema for public) and checks that a member of the desk role, who has no
// DDL rights, opens the migrated database and reads and writes it, but
// cannot migrate or change the schema.
func TestDeskRole(t *testing.T) {
	ctx := context.Background()
	d := testenv.DeskRoles(t, testenv.Postgres(t))
	// padan db init, as the owner.
	db, err := Open(ctx, d.As(t, d.Owner), true)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	d.Grant(t)

	// A translator opens it (even allowed to migrate, there is nothing to
	// do) and writes through the desk role's rights only.
	db, err = Open(ctx, d.As(t, d.Member), true)
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
	store, err := OpenStore(ctx, d.As(t, d.Member), backend.Options{})
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
	if _, err := d.Admin.Exec(ctx, fmt.Sprintf("GRANT USAGE ON SCHEMA %s TO %s", schemaOf(t, empty), d.Desk)); err != nil {
		t.Fatal(err)
	}
	if db, err := Open(ctx, testenv.Login(t, empty, d.Member, d.Password), true); !errors.Is(err, ErrBehind) {
		if err == nil {
			db.Close()
		}
		t.Errorf("Open of an empty schema as the desk role: %v, want ErrBehind", err)
	} else if strings.Contains(err.Error(), d.Password) {
		t.Errorf("the error shows the password: %v", err)
	}
	if got := tables(t, d.Admin, schemaOf(t, empty)); len(got) != 0 {
		t.Errorf("the desk role left %v in the empty schema", got)
	}
}
