package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// RolesOwnerLine separates, in tm/internal/postgres/roles.sql, what a
// superuser runs from what the owner runs after padan db init.
const RolesOwnerLine = "-- As padan_owner, in the database padan, after padan db init:"

// Desk is a newsroom's roles as tm/internal/postgres/roles.sql creates
// them, made for one test by [DeskRoles].
type Desk struct {
	// Owner, Desk and Member are the roles padan_owner, padan_desk and
	// ana of roles.sql, under names unique to the test.
	Owner, Desk, Member string
	// Password is the password of Owner and Member.
	Password string
	// Schema is the test's schema, owned by Owner, which stands for the
	// database's public schema.
	Schema string
	// Admin is a connection as the role of PADAN_TEST_POSTGRES, closed
	// when the test ends (after the roles are dropped).
	Admin *pgx.Conn

	dsn       string
	ownerPart string
	names     func(string) string
}

// DeskRoles runs the superuser's part of tm/internal/postgres/roles.sql as
// it is (CREATE DATABASE aside: the test's database stands for it), with
// role names and a password of the test's own, and gives the test's schema
// (dsn, from [Postgres]) to the owner, as the owner of a database owns its
// public schema. The roles, and what they own, are dropped when the test
// ends.
func DeskRoles(t testing.TB, dsn string) *Desk {
	t.Helper()
	ctx := context.Background()
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := pgx.Connect(ctx, os.Getenv("PADAN_TEST_POSTGRES"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close(ctx) }) // after the roles' cleanup below
	var b [4]byte
	rand.Read(b[:])
	sfx := hex.EncodeToString(b[:])
	d := &Desk{Owner: "padan_owner_" + sfx, Desk: "padan_desk_" + sfx, Member: "ana_" + sfx,
		Password: "Pw-" + sfx + "-secret", Schema: cfg.RuntimeParams["search_path"], Admin: admin, dsn: dsn}
	t.Cleanup(func() {
		for _, q := range []string{
			fmt.Sprintf("GRANT %s, %s, %s TO current_user", d.Owner, d.Desk, d.Member),
			fmt.Sprintf("REASSIGN OWNED BY %s TO current_user", d.Owner), // the schema, dropped by Postgres's cleanup
			fmt.Sprintf("DROP OWNED BY %s", d.Member), fmt.Sprintf("DROP OWNED BY %s", d.Desk), fmt.Sprintf("DROP OWNED BY %s", d.Owner),
			fmt.Sprintf("DROP ROLE IF EXISTS %s, %s, %s", d.Member, d.Desk, d.Owner),
		} {
			if _, err := admin.Exec(ctx, q); err != nil {
				t.Logf("cleanup: %s: %v", q, err)
			}
		}
	})
	raw, err := os.ReadFile(filepath.Join(RepoRoot(), "tm", "internal", "postgres", "roles.sql"))
	if err != nil {
		t.Fatal(err)
	}
	superPart, ownerPart, ok := strings.Cut(string(raw), RolesOwnerLine)
	if !ok {
		t.Fatalf("roles.sql lacks the line %q", RolesOwnerLine)
	}
	d.ownerPart = ownerPart
	names := strings.NewReplacer("padan_owner", d.Owner, "padan_desk", d.Desk,
		"'change me'", "'"+d.Password+"'", "'change me too'", "'"+d.Password+"'", "SCHEMA public", "SCHEMA "+d.Schema)
	ana := regexp.MustCompile(`\bana\b`)
	d.names = func(s string) string { return ana.ReplaceAllString(names.Replace(s), d.Member) }
	d.run(t, admin, superPart)
	for _, q := range []string{
		fmt.Sprintf("GRANT %s TO current_user", d.Owner),
		fmt.Sprintf("ALTER SCHEMA %s OWNER TO %s", d.Schema, d.Owner),
	} {
		if _, err := admin.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// As returns the test's connection string with the login of role (Owner
// or Member) and its password.
func (d *Desk) As(t testing.TB, role string) string {
	t.Helper()
	return Login(t, d.dsn, role, d.Password)
}

// Grant runs the owner's part of roles.sql (the desk's rights), as the
// owner: what the owner does after padan db init.
func (d *Desk) Grant(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, d.As(t, d.Owner))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	d.run(t, conn, d.ownerPart)
}

// run executes the statements of a part of roles.sql on c, with the
// test's names.
func (d *Desk) run(t testing.TB, c *pgx.Conn, part string) {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(part, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "--") {
			lines = append(lines, l)
		}
	}
	for _, stmt := range strings.Split(strings.Join(lines, " "), ";") {
		if stmt = strings.TrimSpace(stmt); stmt == "" || strings.HasPrefix(stmt, "CREATE DATABASE") {
			continue // the test's database stands for it
		}
		stmt = d.names(stmt)
		if _, err := c.Exec(context.Background(), stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
}

// Login returns the connection string dsn (a URL or key=value pairs) with
// user and password in place of its own.
func Login(t testing.TB, dsn, user, password string) string {
	t.Helper()
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatal(err)
		}
		u.User = url.UserPassword(user, password)
		return u.String()
	}
	// Of two key=value pairs, pgx takes the last.
	return fmt.Sprintf("%s user=%s password='%s'", dsn, user, strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(password))
}
