package main

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

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
