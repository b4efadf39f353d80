package main

import (
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/urfave/cli/v2"
)

// outputContext returns a command context whose --db is db.
func outputContext(t *testing.T, db string) (*cli.Context, *ui) {
	t.Helper()
	u, _ := newUI(nil, func(string) string { return "" })
	set := flag.NewFlagSet("padan", flag.ContinueOnError)
	set.String("db", db, "")
	return cli.NewContext(newApp(u, env{}), set, nil), u
}

// TestOutputFileRefusesDatabase checks that -o refuses the database and
// SQLite's files beside it by identity: hard links and symbolic links to
// existing files, paths of files not there yet, and that the refused file
// is left as it was.
func TestOutputFileRefusesDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "padan.db")
	for _, name := range []string{"padan.db", "padan.db-wal"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Link(db, filepath.Join(dir, "hard")))
	must(os.Link(db+"-wal", filepath.Join(dir, "hard-wal")))
	must(os.Symlink("padan.db", filepath.Join(dir, "soft")))
	must(os.Symlink("padan.db-shm", filepath.Join(dir, "soft-shm")))
	must(os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	must(os.Symlink("..", filepath.Join(dir, "sub", "up")))
	// The database by a symbolic link: SQLite names its files after the
	// target.
	must(os.Symlink(db, filepath.Join(dir, "sub", "link.db")))

	tests := []struct {
		db, out string
		want    string // the message's start
	}{
		{db, db, "cannot write %s: it is the database"},
		{db, filepath.Join(dir, "hard"), "cannot write %s: it is the database"},
		{db, filepath.Join(dir, "soft"), "cannot write %s: it is the database"},
		{db, filepath.Join(dir, "sub", "up", "padan.db"), "cannot write %s: it is the database"},
		{db, filepath.Join(dir, "hard-wal"), "cannot write %s: it is " + db + "-wal, a file SQLite keeps"},
		{db, filepath.Join(dir, "soft-shm"), "cannot write %s: it is " + db + "-shm"},
		{db, filepath.Join(dir, "sub", "..", "padan.db-journal"), "cannot write %s: it is " + db + "-journal"},
		{filepath.Join(dir, "sub", "link.db"), db + "-wal", "cannot write %s: it is " + db + "-wal"},
		{filepath.Join(dir, "sub", "link.db"), filepath.Join(dir, "sub", "link.db-shm"), "cannot write %s: it is"},
	}
	for _, tt := range tests {
		c, u := outputContext(t, tt.db)
		_, _, _, err := outputFile(c, u, tt.out)
		if want := fmt.Sprintf(tt.want, tt.out); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("db %s, -o %s: %v, want %q…", tt.db, tt.out, err, want)
		}
	}
	for _, name := range []string{"padan.db", "padan.db-wal"} {
		if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != name {
			t.Errorf("%s now holds %q", name, b)
		}
	}
	for _, name := range []string{"padan.db-shm", "padan.db-journal"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: %v, want no such file", name, err)
		}
	}

	// Another file beside it is written; a database on a server has no
	// files to protect.
	for _, db := range []string{db, "postgres://localhost/padan"} {
		c, u := outputContext(t, db)
		_, commit, abort, err := outputFile(c, u, filepath.Join(dir, "padan.db.tmx"))
		if err != nil {
			t.Fatalf("db %s: %v", db, err)
		}
		must(commit())
		abort()
	}
}

// TestOutputFileStaleTemporaries checks that writing -o removes the
// temporary files that killed padan processes left in the folder, and only
// those: not a running process's, not another program's.
func TestOutputFileStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	gone := exec.Command(os.Args[0], "-test.run=^$")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	if processRunning(gone.Process.Pid) {
		t.Skipf("PID %d was reused already", gone.Process.Pid)
	}
	dead := fmt.Sprintf(".old.tmx.padan-%d-123.tmp", gone.Process.Pid)
	keep := []string{
		fmt.Sprintf(".run.tmx.padan-%d-456.tmp", os.Getppid()), // running
		fmt.Sprintf(".own.tmx.padan-%d-789.tmp", os.Getpid()),  // this process
		".other.tmx.123.tmp",    // not padan's
		"old.tmx.padan-1-1.tmp", // not hidden
	}
	for _, name := range append(keep, dead) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, u := outputContext(t, filepath.Join(dir, "padan.db"))
	w, commit, abort, err := outputFile(c, u, filepath.Join(dir, "new.tmx"))
	if err != nil {
		t.Fatal(err)
	}
	defer abort()
	io.WriteString(w, "new")
	if err := commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, dead)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s (its process is gone) is still there: %v", dead, err)
	}
	for _, name := range keep {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s was removed: %v", name, err)
		}
	}
}

// TestOutputFileNames checks that the temporary file is hidden beside the
// target, names padan's PID, and is what removeTemporaries removes.
func TestOutputFileNames(t *testing.T) {
	dir := t.TempDir()
	c, u := outputContext(t, filepath.Join(dir, "padan.db"))
	w, _, abort, err := outputFile(c, u, filepath.Join(dir, "out.tmx"))
	if err != nil {
		t.Fatal(err)
	}
	defer abort()
	name := w.(*os.File).Name()
	m := temporaryName.FindStringSubmatch(filepath.Base(name))
	if filepath.Dir(name) != dir || m == nil || m[1] != strconv.Itoa(os.Getpid()) || !strings.HasPrefix(filepath.Base(name), ".out.tmx.") {
		t.Fatalf("temporary file %s: want .out.tmx.padan-%d-N.tmp in %s", name, os.Getpid(), dir)
	}
	removeTemporaries()
	temps.Unlock() // removeTemporaries keeps it locked for the exiting process
	if _, err := os.Stat(name); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after removeTemporaries: %v", err)
	}
}

// failingWriter fails every write, as a full disk does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// TestStdoutWriteError runs commands in-process with a standard output
// that fails: each must exit 1 with one localized line, not 0.
func TestStdoutWriteError(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "padan.db")
	article := filepath.Join(dir, "berita.txt")
	if err := os.WriteFile(article, []byte("Jakarta (ANTARA) - Hujan turun deras. Jalan banjir.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	setup := [][]string{
		{"import", article},
		{"translate", "berita", "2", "Heavy rain fell.", "--lang", "en"},
		{"edit", "berita", "2", "Heavy rain poured.", "--lang", "en"},
	}
	for _, args := range setup {
		if code, _, stderr := runPadan(t, nil, append([]string{"--db", db}, args...)...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	commands := [][]string{
		{"--version"},
		{"--help"},
		{"docs"},
		{"segments", "berita", "--lang", "en"},
		{"history", "berita", "2", "--lang", "en"},
		{"stats"},
		{"diff", "berita", "--lang", "en"},
		{"lookup", "Hujan turun deras.", "--source-lang", "id", "--target-lang", "en"},
		{"concordance", "hujan", "--lang", "id"},
		{"next", "berita", "--lang", "en"},
		{"build", "berita", "--lang", "en", "--allow-missing"},
		{"export", "berita", "--format", "xliff20", "--lang", "en"},
		{"segment", article},
		{"translate", "berita", "3", "Roads flooded.", "--lang", "en"},
	}
	for _, lang := range []string{"en", "id"} {
		want := map[string]string{"en": "cannot write to standard output: no space left on device\n",
			"id": "tidak dapat menulis ke keluaran standar: ruang penyimpanan di perangkat sudah penuh\n"}[lang]
		for _, args := range commands {
			var errOut strings.Builder
			e := env{stdin: strings.NewReader(""), stdout: failingWriter{}, stderr: &errOut, getenv: func(string) string { return "" }}
			code := run(append([]string{"padan", "--db", db, "--ui-lang", lang}, args...), e)
			if code != exitFailure || errOut.String() != want {
				t.Errorf("%s %v: exit %d, stderr %q; want 1 and %q", lang, args, code, errOut.String(), want)
			}
		}
	}
}

// TestStdoutDevFull runs the padan binary with its standard output on
// /dev/full, which fails every write with ENOSPC.
func TestStdoutDevFull(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full here: %v", err)
	}
	defer full.Close()
	dir := t.TempDir()
	article := filepath.Join(dir, "berita.txt")
	if err := os.WriteFile(article, []byte("Hujan turun deras.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runPadan(t, nil, "--db", filepath.Join(dir, "padan.db"), "import", article); code != 0 {
		t.Fatal(stderr)
	}
	for _, args := range [][]string{
		{"lookup", "Hujan turun deras.", "--source-lang", "id", "--target-lang", "en"},
		{"docs"},
	} {
		cmd := exec.Command("padan", append([]string{"--db", filepath.Join(dir, "padan.db")}, args...)...)
		cmd.Env = append(os.Environ(), "LANG=", "LC_ALL=", "LC_MESSAGES=")
		cmd.Stdout = full
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitFailure {
			t.Errorf("padan %v > /dev/full: %v, want exit status 1", args, err)
		}
		if want := "cannot write to standard output: no space left on device\n"; stderr.String() != want {
			t.Errorf("padan %v > /dev/full: stderr %q, want %q", args, stderr.String(), want)
		}
	}
}

// TestOldNamesShownVisibly checks the listings of a database that an older
// padan let names with control characters into (a document name, an
// author): docs, stats and segments show them escaped.
func TestOldNamesShownVisibly(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "padan.db")
	article := filepath.Join(dir, "berita.txt")
	if err := os.WriteFile(article, []byte("Jakarta (ANTARA) - Hujan turun deras.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"import", article},
		{"translate", "berita", "2", "Heavy rain fell.", "--lang", "en", "--by", "Jafar"},
	} {
		if code, _, stderr := runPadan(t, nil, append([]string{"--db", db}, args...)...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE documents SET name = ?", "berita\x1b]0;owned\x07"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	for _, args := range [][]string{{"docs"}, {"stats"}, {"segments", "1", "--lang", "en"}, {"next", "1", "--lang", "en", "--role", "editor"}} {
		code, stdout, stderr := runPadan(t, nil, append([]string{"--db", db}, args...)...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
		if strings.ContainsAny(stdout, "\x1b\x07") {
			t.Errorf("%v: a control character reached the output: %q", args, stdout)
		}
		if args[0] != "segments" && !strings.Contains(stdout, `berita\x1b]0;owned\x07`) {
			t.Errorf("%v: the name is not shown escaped: %q", args, stdout)
		}
	}
}

// TestAtInterrupt checks that a registered hook runs on an interruption
// until it is unregistered.
func TestAtInterrupt(t *testing.T) {
	calls := 0
	done := atInterrupt(func() { calls++ })
	runInterruptHooks()
	done()
	runInterruptHooks()
	if calls != 1 {
		t.Errorf("the hook ran %d times, want 1", calls)
	}
}
