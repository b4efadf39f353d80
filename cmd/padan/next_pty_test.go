//go:build linux

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/padan-tm/padan/tm"
)

// openPTY returns the two ends of a new pseudo-terminal.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Fatalf("unlock pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Fatalf("pseudo-terminal number: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Fatalf("open pseudo-terminal: %v", err)
	}
	return m, s
}

// screen collects what padan writes to the terminal.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// waitFor waits until the screen shows text n times; it fails the test
// (rather than hang) when that takes more than a minute.
func (s *screen) waitFor(t *testing.T, text string, n int) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for strings.Count(s.String(), text) < n {
		if time.Now().After(deadline) {
			t.Fatalf("the terminal never showed %q %d times:\n%q", text, n, s.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Keys as a terminal sends them.
const (
	keyLeft      = "\x1b[D"
	keyUp        = "\x1b[A"
	keyHome      = "\x1b[H"
	keyEnd       = "\x1b[F"
	keyBackspace = "\x7f"
	keyEnter     = "\r"
	keyCtrlC     = "\x03"
)

// TestNextInteractiveTerminal types into `padan next --interactive`
// through a pseudo-terminal: arrows, Home/End and Backspace edit the line
// (no escape code reaches the translation), Tab takes the best match for
// editing, Up recalls the session's previous answer, and Ctrl-C leaves
// with what was recorded.
func TestNextInteractiveTerminal(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	article := filepath.Join(dir, "berita.txt")
	memory := filepath.Join(dir, "memory.tmx")
	if err := os.WriteFile(article, []byte("Korea Utara. Jalan banjir. Warga mengungsi. Sekolah tutup.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tmxText := `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="id" o-tmf="t"/>
<body><tu><tuv xml:lang="id"><seg>Jalan banjir.</seg></tuv><tuv xml:lang="en"><seg>The road flooded.</seg></tuv></tu></body></tmx>`
	if err := os.WriteFile(memory, []byte(tmxText), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun := func(args ...string) {
		if code, _, stderr := runPadan(t, nil, append([]string{"--db", db}, args...)...); code != 0 {
			t.Fatalf("padan %v: exit %d: %s", args, code, stderr)
		}
	}
	mustRun("import", article, "--name", "berita")
	mustRun("import-tm", memory)

	master, tty := openPTY(t)
	defer master.Close()
	var out screen
	go io.Copy(&out, master)
	var errOut bytes.Buffer
	done := make(chan int)
	go func() {
		e := env{stdin: tty, stdout: tty, stderr: &errOut, getenv: func(string) string { return "" }}
		done <- run([]string{"padan", "--db", db, "next", "berita", "--lang", "en", "--interactive", "--by", "Budi"}, e)
	}()
	const prompt = "Translation (Enter: take the best match"
	answers := []string{
		// "orth Kore", Home, "N", End, "ax", Backspace, Left, Left, "X":
		// "North KorXea".
		"orth Kore" + keyHome + "N" + keyEnd + "ax" + keyBackspace + keyLeft + keyLeft + "X" + keyEnter,
		// Tab takes the match, Backspace removes its full stop.
		"\t" + keyBackspace + " again." + keyEnter,
		// Up recalls the previous answer.
		keyUp + keyEnter,
		keyCtrlC,
	}
	for i, a := range answers {
		out.waitFor(t, prompt, i+1)
		if _, err := io.WriteString(master, a); err != nil {
			t.Fatal(err)
		}
	}
	var code int
	select {
	case code = <-done:
	case <-time.After(time.Minute):
		t.Fatalf("padan next did not leave after Ctrl-C:\n%s", out.String())
	}
	tty.Close()
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut.String(), out.String())
	}
	out.waitFor(t, "3 revisions recorded, 0 skipped.", 1)

	s, err := tm.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tr, err := s.Translation(context.Background(), "berita", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"North KorXea", "The road flooded again.", "The road flooded again.", ""}
	for i, u := range tr.Units {
		if u.Target != want[i] {
			t.Errorf("unit %d: %q; want %q", u.Index, u.Target, want[i])
		}
		if u.Translator != nil && u.Translator.Author != "Budi" {
			t.Errorf("unit %d by %q", u.Index, u.Translator.Author)
		}
	}
}

// TestNextInteractiveTerminated sends SIGTERM to a real `padan next
// --interactive` waiting at its prompt with the terminal in raw mode: it
// must give the terminal back as it was (echo, line editing) before it
// exits with status 143.
func TestNextInteractiveTerminated(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	article := filepath.Join(dir, "berita.txt")
	if err := os.WriteFile(article, []byte("Jalan banjir.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runPadan(t, nil, "--db", db, "import", article); code != 0 {
		t.Fatal(stderr)
	}
	master, tty := openPTY(t)
	defer master.Close()
	defer tty.Close()
	before, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	var out screen
	go io.Copy(&out, master)
	cmd := exec.Command("padan", "--db", db, "next", "berita", "--lang", "en", "--interactive", "--by", "Budi")
	cmd.Env = append(os.Environ(), "LANG=", "LC_ALL=", "LC_MESSAGES=")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	out.waitFor(t, "Translation (Enter", 1)
	// The prompt is shown just before the terminal is made raw: wait for
	// raw mode (no echo) before the signal.
	deadline := time.Now().Add(time.Minute)
	for {
		now, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
		if err == nil && now.Lflag&unix.ECHO == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the terminal never went raw")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 143 {
		t.Errorf("after SIGTERM: %v, want exit status 143", err)
	}
	after, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if after.Lflag != before.Lflag || after.Iflag != before.Iflag || after.Oflag != before.Oflag {
		t.Errorf("terminal left changed: lflag %#x iflag %#x oflag %#x, was %#x %#x %#x",
			after.Lflag, after.Iflag, after.Oflag, before.Lflag, before.Iflag, before.Oflag)
	}
}
