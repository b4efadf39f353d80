package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf16"

	"github.com/urfave/cli/v2"
)

// TestOutputFile checks that -o files appear whole or not at all: an
// aborted write leaves an existing file as it was and no temporary file,
// and a committed one has the content and mode 0644.
func TestOutputFile(t *testing.T) {
	u, _ := newUI(nil, func(string) string { return "" })
	c := cli.NewContext(newApp(u, env{}), nil, nil)
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}

	w, _, abort, err := outputFile(c, u, path)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "half")
	abort()
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("after abort: %q, want the old content", b)
	}

	w, commit, abort, err := outputFile(c, u, path)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "new")
	if err := commit(); err != nil {
		t.Fatal(err)
	}
	abort() // does nothing after commit
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("after commit: %q", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("existing file's mode became %v", fi.Mode().Perm())
	}

	fresh := filepath.Join(dir, "fresh.txt")
	_, commit, _, err = outputFile(c, u, fresh)
	if err != nil {
		t.Fatal(err)
	}
	if err := commit(); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file's mode %v, want 0644", fi.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d files in the folder, want 2 (a temporary file left?)", len(entries))
	}
}

// TestOutputFileFIFO checks that -o to a named pipe (as to /dev/null or a
// terminal) writes into it and leaves it a pipe: a temporary file renamed
// over it would have replaced it with a regular file.
func TestOutputFileFIFO(t *testing.T) {
	u, _ := newUI(nil, func(string) string { return "" })
	c := cli.NewContext(newApp(u, env{}), nil, nil)
	path := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	got := make(chan string)
	go func() {
		b, _ := os.ReadFile(path)
		got <- string(b)
	}()
	w, commit, abort, err := outputFile(c, u, path)
	if err != nil {
		t.Fatal(err)
	}
	defer abort()
	io.WriteString(w, "through the pipe")
	if err := commit(); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("the pipe's reader got %q", s)
	}
	if fi, err := os.Lstat(path); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("after the write: %v, %v; want the named pipe still there", fi.Mode(), err)
	}
}

// smallInputLimits makes the input limits small for a test.
func smallInputLimits(t *testing.T, document, tsv, query int64) {
	t.Helper()
	old := inputLimits
	inputLimits.document, inputLimits.tsv, inputLimits.query = document, tsv, query
	t.Cleanup(func() { inputLimits = old })
}

// TestReadInputLimits: files and standard input are read alike, up to the
// limit (which the error names), and a NUL near the start is "not a text
// file" (in a TSV, naming the line).
func TestReadInputLimits(t *testing.T) {
	smallInputLimits(t, 10000, 10000, 100)
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	text := func(n int) []byte { return []byte(strings.Repeat("Kalimat satu. ", n/14+1)[:n]) }
	exact := write("exact.txt", text(10000))
	over := write("over.txt", text(10001))
	mustPadan(t, "--db", db, "import", "--name", "k", write("k.txt", []byte("Satu. Dua.\n")))
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string // in stderr
	}{
		{"document at the limit", "", []string{"segment", exact}, 0, ""},
		{"document over the limit", "", []string{"segment", over}, 1, "over.txt: larger than 10000 B"},
		{"standard input at the limit", string(text(10000)), []string{"segment", "-"}, 0, ""},
		{"standard input over the limit", string(text(10001)), []string{"segment", "-"}, 1, "standard input: larger than 10000 B"},
		{"import over the limit", "", []string{"--db", db, "import", over}, 1, "over.txt: larger than 10000 B"},
		{"binary", "", []string{"segment", write("bin", append(text(100), 0, 1, 2))}, 1, "bin: byte 100: this is not a text file"},
		{"binary beyond the limit", "", []string{"segment", write("bigbin", append(make([]byte, 20000), 'a'))}, 1, "bigbin: byte 0: this is not a text file"},
		{"binary on standard input", "a\x00", []string{"--db", db, "import", "--name", "b", "-"}, 1, "standard input: byte 1: this is not a text file"},
		{"UTF-16 is not binary", string([]byte{0xFF, 0xFE, 'S', 0, '.', 0}), []string{"segment", "-"}, 0, ""},
		{"TSV over the limit", "", []string{"--db", db, "translate", "k", "--lang", "en", "--from", write("over.tsv", append([]byte("1\t"), text(9999)...))}, 1, "over.tsv: larger than 10000 B"},
		{"TSV with a NUL", "", []string{"--db", db, "translate", "k", "--lang", "en", "--from", write("nul.tsv", []byte("1\tSatu.\n# x\n2\tD\x00ua.\n"))}, 1, "nul.tsv:3: holds a NUL character"},
		{"TSV with a NUL on standard input", "1\tSatu.\n2\tD\x00ua.\n", []string{"--db", db, "translate", "k", "--lang", "en", "--from", "-"}, 1, "standard input:2: holds a NUL character"},
		{"TSV in UTF-16", string(utf16File("1\tSatu (en).\r\n2\tDua (en).\r\n")), []string{"--db", db, "translate", "k", "--lang", "en", "--by", "ana", "--from", "-"}, 0, ""},
		{"query over the limit", strings.Repeat("a", 101), []string{"--db", db, "lookup", "-", "--source-lang", "id", "--target-lang", "en"}, 1, "standard input: larger than 100 B"},
		{"query not UTF-8", "Kim \xff", []string{"--db", db, "lookup", "-", "--source-lang", "id", "--target-lang", "en"}, 1, "standard input: byte 4: not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runWithInput(t, tt.stdin, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
	out := mustPadan(t, "--db", db, "segments", "k", "--lang", "en")
	if !strings.Contains(out, "Dua (en).") {
		t.Errorf("the UTF-16 TSV's translations are not recorded:\n%s", out)
	}
}

// utf16File encodes s as UTF-16LE with a byte order mark.
func utf16File(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}
