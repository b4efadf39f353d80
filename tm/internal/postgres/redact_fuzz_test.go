package postgres

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// FuzzRedact: whatever the connection string, the password pgx would send
// is not in Redact's result.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"postgres://ana:s3cret@db.example:5432/padan?sslmode=disable",
		"postgresql://ana@db.example/padan?password=s3cret&sslmode=disable",
		"postgres://ana:p%40ss%2Fw0rd@db.example/padan?sslmode=disable",
		"host=db.example user=ana password=s3cret dbname=padan sslmode=disable",
		"host=db.example password='s3 cr\\'et' sslmode=disable",
		"host=db.example password=s3\\ cret sslmode=disable",
		"host=db.example password = s3cret sslmode=disable",
		"postgres://ana:s3cret@h1:5432,h2:5433/padan?sslmode=disable",
	} {
		f.Add(s)
	}
	// No password from the environment or the home folder.
	f.Setenv("PGPASSWORD", "")
	f.Setenv("PGPASSFILE", filepath.Join(f.TempDir(), "none"))
	f.Setenv("PGSERVICEFILE", filepath.Join(f.TempDir(), "none"))
	f.Fuzz(func(t *testing.T, dsn string) {
		red := Redact(dsn)
		cfg, err := pgconn.ParseConfig(dsn)
		if err != nil {
			return
		}
		p := cfg.Password
		if len(p) < 4 || strings.Trim(p, "x") == "" || strings.Count(dsn, p) != 1 {
			return // too short, or also elsewhere in the string, to tell
		}
		if strings.Contains(red, p) {
			t.Errorf("Redact(%q) = %q keeps the password %q", dsn, red, p)
		}
	})
}
