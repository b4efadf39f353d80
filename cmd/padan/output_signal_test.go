//go:build unix

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/padan-tm/padan/tm"
)

// bigDocument stores a document of n generated units in a new database in
// dir and returns the database's path.
func bigDocument(t *testing.T, dir, name string, n int) string {
	t.Helper()
	db := filepath.Join(dir, "padan.db")
	s, err := tm.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var text strings.Builder
	nd := tm.NewDocument{Name: name, Language: "id"}
	for i := range n {
		start := text.Len()
		fmt.Fprintf(&text, "Kalimat nomor %d tentang hujan di Jakarta.", i+1)
		nd.Units = append(nd.Units, tm.SourceUnit{Index: i + 1, Kind: "sentence", Text: text.String()[start:], Start: start, End: text.Len()})
		text.WriteString(" ")
	}
	nd.Original = []byte(text.String())
	if _, err := s.Import(context.Background(), nd); err != nil {
		t.Fatal(err)
	}
	return db
}

// startExport starts `padan export DOC --format xliff20 -o out` and
// returns once its temporary file exists, with the file's path and a
// channel that receives the result of the process's Wait.
func startExport(t *testing.T, db, doc, out string) (*exec.Cmd, string, <-chan error) {
	t.Helper()
	cmd := exec.Command("padan", "--db", db, "export", doc, "--format", "xliff20", "--lang", "en", "-o", out, "--quiet")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	pattern := filepath.Join(filepath.Dir(out), fmt.Sprintf(".%s.padan-%d-*.tmp", filepath.Base(out), cmd.Process.Pid))
	for {
		if m, _ := filepath.Glob(pattern); len(m) == 1 {
			t.Cleanup(func() { cmd.Process.Kill() })
			return cmd, m[0], exited
		}
		select {
		case err := <-exited:
			t.Fatalf("the export ended before it was interrupted (%v; %s): make the document larger", err, stderr.String())
		case <-time.After(time.Millisecond):
		}
	}
}

// TestInterruptedExport interrupts real `padan export -o` processes while
// they write: SIGINT and SIGTERM must remove the temporary file and leave
// an existing output as it was (exit status 130, 143); the temporary file
// of a process killed with SIGKILL is removed by the next padan that
// writes -o into that folder.
func TestInterruptedExport(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short: exports 100,000 units")
	}
	dir := t.TempDir()
	db := bigDocument(t, dir, "besar", 100_000)
	out := filepath.Join(dir, "out.xliff")
	if err := os.WriteFile(out, []byte("earlier export"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		cmd, tmp, exited := startExport(t, db, "besar", out)
		if err := cmd.Process.Signal(tt.sig); err != nil {
			t.Fatal(err)
		}
		err := <-exited
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != tt.code {
			t.Errorf("%v: %v, want exit status %d", tt.sig, err, tt.code)
		}
		if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%v: the temporary file %s is left: %v", tt.sig, filepath.Base(tmp), err)
		}
		if b, _ := os.ReadFile(out); string(b) != "earlier export" {
			t.Errorf("%v: the existing output became %.40q", tt.sig, b)
		}
	}

	cmd, tmp, exited := startExport(t, db, "besar", out)
	cmd.Process.Signal(syscall.SIGKILL)
	<-exited
	if _, err := os.Stat(tmp); err != nil {
		t.Fatalf("after SIGKILL the temporary file should still be there: %v", err)
	}
	// The next run writing into the folder removes it, and writes whole.
	again := exec.Command("padan", "--db", db, "export", "besar", "--format", "xliff20", "--lang", "en", "-o", out, "--quiet")
	if b, err := again.CombinedOutput(); err != nil {
		t.Fatalf("export after the kill: %v: %s", err, b)
	}
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the killed process's temporary file %s is still there: %v", filepath.Base(tmp), err)
	}
	if b, _ := os.ReadFile(out); !strings.HasSuffix(strings.TrimSpace(string(b)), "</xliff>") {
		t.Errorf("the new export is not whole: ends %q", b[max(0, len(b)-40):])
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left in the folder: %s", e.Name())
		}
	}
}
