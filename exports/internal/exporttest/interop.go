package exporttest

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/padan-tm/padan/internal/interop"
	"github.com/padan-tm/padan/internal/testenv"
)

// Check runs one of the interop checks of internal/interop by the name its
// shell tool had (validate-tmx, validate-xliff, tk-read, omegat-check), with
// that tool's options (--show N, --max-units N, --tm FILE), and returns its
// output and status. It skips the test (or fails it under
// PADAN_INTEROP=require) when the tool the check needs is missing.
func Check(t testing.TB, script string, args ...string) (string, int) {
	t.Helper()
	var (
		file string
		show = 5
		o    interop.OmegaTOptions
	)
	o.MaxUnits = 500
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case (a == "--show" || a == "--max-units" || a == "--tm") && i+1 < len(args):
			i++
			switch a {
			case "--tm":
				o.TM = args[i]
			default:
				n, err := strconv.Atoi(args[i])
				if err != nil {
					t.Fatalf("%s %s: %v", script, a, err)
				}
				if a == "--show" {
					show = n
				} else {
					o.MaxUnits = n
				}
			}
		case strings.HasPrefix(a, "--"):
			t.Fatalf("%s: unknown option %s", script, a)
		default:
			file = a
		}
	}
	var res interop.Result
	switch script {
	case "validate-tmx":
		res = interop.ValidateTMX(file)
	case "validate-xliff":
		res = interop.ValidateXLIFF(file, false)
	case "tk-read":
		res = interop.TKRead(file, show)
	case "omegat-check":
		res = interop.OmegaTCheck(file, o)
	default:
		t.Fatalf("unknown interop check %q", script)
	}
	if res.Code == interop.Env {
		testenv.Missing(t, script+" lacks a tool: "+res.Verdict())
	}
	return res.Output, res.Code
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
