// Package testenv tells tests where the outside tools are, and decides what
// a test does when one is missing.
//
// A test that needs a program such as xmllint calls [Tool]. When it is
// absent the test is skipped with a
// message saying what is missing, so that `go test ./...` passes on a bare
// machine. When the environment variable PADAN_INTEROP is "require" (as
// .ci/run sets it), the same absence fails the test instead.
//
// Every skip is also announced, once per reason, on the standard error of
// the process that ran the tests: `go test ./...` shows a passing package's
// output only with -v, and a skip must never pass unseen.
package testenv

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
)

// Required reports whether missing test material must fail tests rather than
// skip them (PADAN_INTEROP=require).
func Required() bool { return os.Getenv("PADAN_INTEROP") == "require" }

// Missing skips the test, or fails it when [Required], saying what is absent.
func Missing(t testing.TB, what string) {
	t.Helper()
	if Required() {
		t.Fatalf("PADAN_INTEROP=require but %s", what)
	}
	announce(t.Name(), what)
	t.Skipf("SKIP: %s (set PADAN_INTEROP=require to make this a failure)", what)
}

// Unsupported skips the test, even under PADAN_INTEROP=require, where the
// outside tool is there but cannot perform the check (translate-toolkit 3.8
// has no XLIFF 2 reader), saying why.
func Unsupported(t testing.TB, why string) {
	t.Helper()
	announce(t.Name(), why)
	t.Skipf("SKIP: %s", why)
}

var announced sync.Map

// announce writes one line for each distinct reason to the standard error of
// the process that ran the test binary (go test, whose own output shows it),
// or to this process's when that cannot be opened.
func announce(test, why string) {
	if _, dup := announced.LoadOrStore(why, true); dup {
		return
	}
	var w io.Writer = os.Stderr
	if f, err := os.OpenFile("/proc/"+strconv.Itoa(os.Getppid())+"/fd/2", os.O_WRONLY|os.O_APPEND, 0); err == nil {
		defer f.Close()
		w = f
	}
	fmt.Fprintf(w, "padan tests: skipped %s: %s\n", test, why)
}

// RepoRoot returns the absolute path of the module's root folder.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Tool returns the path of an executable found on PATH, or skips (or fails)
// the test when it is not installed. hint names the Debian package that
// provides it.
func Tool(t testing.TB, name, hint string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name+" is not installed (apt-get install "+hint+")")
	}
	return p
}
