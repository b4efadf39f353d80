package postgres

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/padan-tm/padan/internal/testenv"
)

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://ana:s3cret@db.example:5432/padan?sslmode=require",
			"postgres://ana:xxxxx@db.example:5432/padan?sslmode=require"},
		{"postgresql://ana@db.example/padan", "postgresql://ana@db.example/padan"},
		{"postgres://ana@db.example/padan?password=s3cret&sslmode=require",
			"postgres://ana@db.example/padan?password=xxxxx&sslmode=require"},
		{"postgres://ana:p%40ss@db.example/padan", "postgres://ana:xxxxx@db.example/padan"},
		{"postgres://ana:s3cret@db.example:port/padan", "postgres://ana:xxxxx@db.example:port/padan"},
		{"host=db.example user=ana password=s3cret dbname=padan", "host=db.example user=ana password=xxxxx dbname=padan"},
		{"host=db.example password='s3 cr\\'et' dbname=padan", "host=db.example password=xxxxx dbname=padan"},
		{"host=db.example password = s3cret", "host=db.example password=xxxxx"},
		{"host=db.example dbname=padan", "host=db.example dbname=padan"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Redact(tt.in)
			if got != tt.want {
				t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if strings.Contains(got, "s3") || strings.Contains(got, "p%40ss") {
				t.Errorf("Redact(%q) = %q keeps the password", tt.in, got)
			}
		})
	}
}

// TestOpenErrorsHideThePassword: whatever goes wrong, the error's text holds
// no password, whether the string cannot be parsed, the server cannot be
// reached or the password is wrong.
func TestOpenErrorsHideThePassword(t *testing.T) {
	const secret = "Sup3r-S3cret"
	enc := url.QueryEscape(secret)
	cases := map[string]string{
		"bad port":        "postgres://ana:" + secret + "@127.0.0.1:notaport/padan",
		"bad escape":      "postgres://ana:" + secret + "%zz@127.0.0.1/padan",
		"no server":       "postgres://ana:" + secret + "@127.0.0.1:1/padan?connect_timeout=2",
		"password param":  "postgres://ana@127.0.0.1:1/padan?connect_timeout=2&password=" + enc,
		"key=value":       "host=127.0.0.1 port=1 connect_timeout=2 user=ana password=" + secret,
		"key=value quote": "host=127.0.0.1 port=1 connect_timeout=2 user=ana password='" + secret + "'",
		"bad key=value":   "host=127.0.0.1 port=1 user=ana password='" + secret,
		"unknown sslmode": "postgres://ana:" + secret + "@127.0.0.1/padan?sslmode=sometimes",
	}
	if base := os.Getenv("PADAN_TEST_POSTGRES"); base != "" {
		u, err := url.Parse(base)
		if err == nil {
			u.User = url.UserPassword(u.User.Username(), secret)
			cases["wrong password"] = u.String()
		}
	}
	for name, dsn := range cases {
		t.Run(name, func(t *testing.T) {
			db, err := Open(context.Background(), dsn, false)
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded")
			}
			msg := err.Error()
			if strings.Contains(msg, secret) || strings.Contains(msg, "S3cret") {
				t.Errorf("the error shows the password: %s", msg)
			}
			if !strings.Contains(msg, "xxxxx") && strings.Contains(dsn, "postgres://") && !strings.Contains(dsn, "password=") {
				t.Errorf("the error does not name the database: %s", msg)
			}
			t.Log(msg)
		})
	}
	t.Run("PGPASSWORD", func(t *testing.T) {
		t.Setenv("PGPASSWORD", secret)
		_, err := Open(context.Background(), "postgres://ana@127.0.0.1:1/padan?connect_timeout=2", false)
		if err == nil || strings.Contains(err.Error(), secret) {
			t.Errorf("Open = %v", err)
		}
	})
}

// TestStringHidesThePassword: an open database names itself without the
// password.
func TestStringHidesThePassword(t *testing.T) {
	db, dsn := open(t)
	u, _ := url.Parse(dsn)
	p, ok := u.User.Password()
	if !ok || p == "" {
		testenv.Unsupported(t, "PADAN_TEST_POSTGRES has no password to hide")
	}
	if s := db.String(); strings.Contains(s, ":"+p+"@") || !strings.Contains(s, ":xxxxx@") {
		t.Errorf("String() = %q", s)
	}
	if s := fmt.Sprint(db); strings.Contains(s, ":"+p+"@") {
		t.Errorf("fmt.Sprint = %q", s)
	}
}

// testURLParts returns the test server's host, port, database, user and
// password, and the search path of a new schema.
func testURLParts(t *testing.T) (host, port, dbname, user, password, schema string) {
	t.Helper()
	dsn := testenv.Postgres(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	password, _ = u.User.Password()
	port = u.Port()
	if port == "" {
		port = "5432"
	}
	return u.Hostname(), port, strings.TrimPrefix(u.Path, "/"), u.User.Username(), password, u.Query().Get("search_path")
}

// TestOpenPGPassFile: a URL without a password connects with the password
// of the passfile PGPASSFILE names (~/.pgpass by default).
func TestOpenPGPassFile(t *testing.T) {
	host, port, dbname, user, password, schema := testURLParts(t)
	if password == "" {
		testenv.Unsupported(t, "PADAN_TEST_POSTGRES has no password to put in a passfile")
	}
	t.Setenv("PGPASSWORD", "")
	pass := filepath.Join(t.TempDir(), "pgpass")
	line := fmt.Sprintf("# padan test\n%s:%s:%s:%s:%s\n", host, port, dbname, user, password)
	if err := os.WriteFile(pass, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGPASSFILE", pass)
	dsn := fmt.Sprintf("postgres://%s@%s:%s/%s?search_path=%s&sslmode=disable", user, host, port, dbname, schema)
	db, err := Open(context.Background(), dsn, true)
	if err != nil {
		t.Fatalf("with PGPASSFILE: %v", err)
	}
	if db.Version() != SchemaVersion {
		t.Errorf("version %d, want %d", db.Version(), SchemaVersion)
	}
	db.Close()

	// Without the passfile the same URL is refused: the password came from it.
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	if db, err := Open(context.Background(), dsn, true); err == nil {
		db.Close()
		t.Fatal("Open without a password succeeded; the test proves nothing")
	}
}

// TestOpenPGEnvironment: an empty connection string takes everything from
// the standard PG* variables.
func TestOpenPGEnvironment(t *testing.T) {
	host, port, dbname, user, password, schema := testURLParts(t)
	for k, v := range map[string]string{"PGHOST": host, "PGPORT": port, "PGDATABASE": dbname,
		"PGUSER": user, "PGPASSWORD": password, "PGSSLMODE": "disable", "PGOPTIONS": "-c search_path=" + schema} {
		t.Setenv(k, v)
	}
	db, err := Open(context.Background(), "", true)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got string
	if err := db.Pool().QueryRow(context.Background(), `SELECT current_schema()`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != schema {
		t.Errorf("schema %q, want %q", got, schema)
	}
}

// TestOpenContext: a cancelled context ends the connection attempt.
func TestOpenContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	time.Sleep(2 * time.Millisecond)
	if db, err := Open(ctx, "postgres://ana@192.0.2.1/padan", false); err == nil {
		db.Close()
		t.Fatal("Open succeeded")
	}
}

// TestSessionDefaults: padan's sessions run without JIT compilation and
// name themselves "padan", unless the connection string says otherwise.
func TestSessionDefaults(t *testing.T) {
	ctx := context.Background()
	dsn := testenv.Postgres(t)
	show := func(dsn string) (jit, app string) {
		t.Helper()
		db, err := Open(ctx, dsn, true)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Pool().QueryRow(ctx, `SELECT current_setting('jit'), current_setting('application_name')`).Scan(&jit, &app); err != nil {
			t.Fatal(err)
		}
		return jit, app
	}
	if jit, app := show(dsn); jit != "off" || app != "padan" {
		t.Errorf("default session: jit %s, application_name %s", jit, app)
	}
	if jit, app := show(dsn + "&jit=on&application_name=desk"); jit != "on" || app != "desk" {
		t.Errorf("session of %s: jit %s, application_name %s", Redact(dsn+"&jit=on&application_name=desk"), jit, app)
	}
}
