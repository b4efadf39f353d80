package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// terminalBuffer is a standard error that says it is a terminal, safe to
// read while a command writes it.
type terminalBuffer struct {
	mu       sync.Mutex
	b        bytes.Buffer
	terminal bool
}

func (t *terminalBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.b.Write(p)
}

func (t *terminalBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.b.String()
}

func (t *terminalBuffer) IsTerminal() bool { return t.terminal }

// lockedDB returns a database holding the document "berita" whose write
// lock another connection holds, and the function that releases it.
func lockedDB(t *testing.T) (path string, release func()) {
	t.Helper()
	dir := t.TempDir()
	path = filepath.Join(dir, "padan.db")
	if err := os.WriteFile(filepath.Join(dir, "berita.txt"), []byte("Hujan deras.\n\nCuaca panas.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runWithInput(t, "", "--db", path, "import", filepath.Join(dir, "berita.txt")); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			conn.ExecContext(context.Background(), "ROLLBACK")
			conn.Close()
			db.Close()
		})
	}
	t.Cleanup(release)
	return path, release
}

// TestWriteWaitsOnTerminal: a write that waits for another process's lock
// says so on standard error when it is a terminal, then goes through once
// the lock is released.
func TestWriteWaitsOnTerminal(t *testing.T) {
	path, release := lockedDB(t)
	stderr := &terminalBuffer{terminal: true}
	var stdout bytes.Buffer
	getenv := func(k string) string {
		if k == "PADAN_BUSY_TIMEOUT" {
			return "1h"
		}
		return ""
	}
	done := make(chan int, 1)
	go func() {
		e := env{stdin: strings.NewReader(""), stdout: &stdout, stderr: stderr, getenv: getenv}
		done <- run([]string{"padan", "--db", path, "translate", "berita", "1", "Heavy rain.", "--lang", "en", "--by", "ana"}, e)
	}()
	want := "waiting for another padan process to finish writing to " + path + "… (Ctrl-C to stop)\n"
	for !strings.Contains(stderr.String(), want) {
		select {
		case code := <-done:
			t.Fatalf("translate ended (exit %d) without waiting; stderr %q", code, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	release()
	if code := <-done; code != 0 {
		t.Fatalf("translate after the lock was released: exit %d, stderr %q", code, stderr.String())
	}
	if stderr.String() != want {
		t.Errorf("stderr %q, want only the waiting line", stderr.String())
	}
}

// TestWriteGivesUpQuietly: on a standard error that is not a terminal the
// only line is the one that says the command gave up.
func TestWriteGivesUpQuietly(t *testing.T) {
	path, _ := lockedDB(t)
	stderr := &terminalBuffer{}
	getenv := func(k string) string {
		if k == "PADAN_BUSY_TIMEOUT" {
			return "1500ms"
		}
		return ""
	}
	e := env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: stderr, getenv: getenv}
	code := run([]string{"padan", "--db", path, "translate", "berita", "1", "Heavy rain.", "--lang", "en", "--by", "ana"}, e)
	want := "gave up after waiting 1.5s for another padan process to finish writing to " + path + "; nothing was changed"
	if code != 1 || strings.Count(stderr.String(), "\n") != 1 || !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("exit %d, stderr %q; want exit 1 and one line %q…", code, stderr.String(), want)
	}
}

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		10 * time.Minute:        "10m",
		2 * time.Hour:           "2h",
		90 * time.Second:        "1m30s",
		200 * time.Millisecond:  "200ms",
		time.Hour + time.Minute: "1h1m",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
