package interop

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/padan-tm/padan/internal/testenv"
)

// TestSamples runs every check on the hand-written samples and compares
// each status and output with testdata/samples/EXPECTED: the status, and a
// text that must appear, so that a case cannot pass or fail for the wrong
// reason. The OmegaT cases run unless -short.
func TestSamples(t *testing.T) {
	dir := filepath.Join("testdata", "samples")
	f, err := os.Open(filepath.Join(dir, "EXPECTED"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 {
			t.Fatalf("EXPECTED: bad line %q", line)
		}
		want, err := strconv.Atoi(cols[0])
		if err != nil {
			t.Fatalf("EXPECTED: bad status in %q", line)
		}
		check, args, text := cols[1], strings.Fields(cols[2]), cols[3]
		n++
		t.Run(check+" "+cols[2], func(t *testing.T) {
			if check == "omegat-check" && testing.Short() {
				t.Skip("-short: OmegaT cases take seconds each")
			}
			res := run(t, dir, check, args)
			if res.Code != want || !strings.Contains(res.Output, text) {
				t.Errorf("status %d, want %d with %q; output:\n%s", res.Code, want, text, res.Output)
			}
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 40 {
		t.Fatalf("EXPECTED holds %d cases, want the 40+ of the kit", n)
	}
}

// run runs one check as the EXPECTED file names it, skipping (or failing
// under PADAN_INTEROP=require) when its tool is missing.
func run(t *testing.T, dir, check string, args []string) Result {
	t.Helper()
	var res Result
	switch check {
	case "validate-tmx":
		res = ValidateTMX(filepath.Join(dir, args[0]))
	case "validate-xliff":
		res = ValidateXLIFF(filepath.Join(dir, args[0]), false)
	case "tk-read":
		res = TKRead(filepath.Join(dir, args[0]), 5)
	case "omegat-check":
		var o OmegaTOptions
		for len(args) > 1 && args[0] == "--tm" {
			o.TM, args = filepath.Join(dir, args[1]), args[2:]
		}
		res = OmegaTCheck(filepath.Join(dir, args[0]), o)
	default:
		t.Fatalf("unknown check %q", check)
	}
	if res.Code == Env {
		testenv.Missing(t, res.Verdict())
	}
	// The paths in the output are as given; EXPECTED's texts never name them.
	return res
}
