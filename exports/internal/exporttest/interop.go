package exporttest

import (
	"bytes"
	"encoding/json"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/padan-tm/padan/internal/testenv"
)

// tools names, for each interop script, the program it needs and the Debian
// package that has it.
var tools = map[string][2]string{
	"validate-tmx":   {"xmllint", "libxml2-utils"},
	"validate-xliff": {"xmllint", "libxml2-utils"},
	"tk-read":        {"python3", "translate-toolkit"},
	"omegat-check":   {"omegat", "omegat"},
}

// Check runs one of the scripts of ../shared/interop (validate-tmx,
// validate-xliff, tk-read, omegat-check) and returns its output and exit
// status. It skips the test (or fails it under PADAN_INTEROP=require) when
// the script or the tool it needs is missing, exit status 3 included.
func Check(t testing.TB, script string, args ...string) (string, int) {
	t.Helper()
	path := testenv.SharedFile(t, "interop/"+script)
	if tool, ok := tools[script]; ok {
		testenv.Tool(t, tool[0], tool[1])
	}
	cmd := exec.Command(path, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	if code == 3 {
		testenv.Missing(t, script+" lacks a tool: "+lastLine(out.String()))
	}
	return out.String(), code
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TKUnit is one unit as tk-read prints it.
type TKUnit struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Target string `json:"target"`
	State  string `json:"state"`
	Fuzzy  bool   `json:"tk_fuzzy"`
}

// TKRead runs tk-read on file showing every unit, fails the test unless it
// passes, and returns the unit count and units it printed.
func TKRead(t testing.TB, file string) (int, []TKUnit) {
	t.Helper()
	out, code := Check(t, "tk-read", "--show", "100000", file)
	if code != 0 {
		t.Fatalf("tk-read exit %d:\n%s", code, out)
	}
	var summary struct {
		Units int `json:"units"`
	}
	var units []TKUnit
	for i, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "{") {
			continue
		}
		if i == 0 {
			if err := json.Unmarshal([]byte(line), &summary); err != nil {
				t.Fatalf("tk-read summary %q: %v", line, err)
			}
			continue
		}
		var u TKUnit
		if err := json.Unmarshal([]byte(line), &u); err != nil {
			t.Fatalf("tk-read unit %q: %v", line, err)
		}
		units = append(units, u)
	}
	return summary.Units, units
}

// Pass fails the test unless the check's exit status is 0, showing its
// output; it logs the verdict line otherwise.
func Pass(t testing.TB, out string, code int) {
	t.Helper()
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	t.Log(lastLine(out))
}
