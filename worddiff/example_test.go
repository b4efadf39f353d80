package worddiff

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/padan-tm/padan/internal/example"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// demoUnits reads the built-in example's INDEX<TAB>TEXT file into a map
// from unit index to text.
func demoUnits(t *testing.T, name string, data []byte) map[int]string {
	t.Helper()
	units := map[int]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		idx, text, ok := strings.Cut(line, "\t")
		i, err := strconv.Atoi(idx)
		if !ok || err != nil {
			t.Fatalf("%s: line %d: not INDEX<TAB>TEXT", name, n)
		}
		units[i] = strings.NewReplacer(`\t`, "\t", `\n`, "\n", `\\`, `\`).Replace(text)
	}
	return units
}

// expectedClasses reads internal/example/changes.md's table: unit index →
// class name as the table writes it.
func expectedClasses(t *testing.T) map[int]Class {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "internal", "example", "changes.md"))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]Class{
		"punctuation only": Punctuation, "case only": Case, "number changed": NumberEdit,
		"word substituted": Substituted, "words inserted": Inserted, "words deleted": Deleted,
		"words moved": Moved,
	}
	row := regexp.MustCompile(`(?m)^\| (\d+) \| ([a-z ]+) \|`)
	want := map[int]Class{}
	for _, m := range row.FindAllStringSubmatch(string(data), -1) {
		i, _ := strconv.Atoi(m[1])
		c, ok := names[m[2]]
		if !ok {
			t.Fatalf("changes.md: unit %d: unknown class %q", i, m[2])
		}
		want[i] = c
	}
	if len(want) == 0 {
		t.Fatal("changes.md: no table rows found")
	}
	return want
}

// TestDemoGolden diffs the example's translator draft against the editor's
// revision: every changed unit must be diffed minimally and carry the class
// changes.md gives it, and the whole report must match
// testdata/demo.golden.
func TestDemoGolden(t *testing.T) {
	from := demoUnits(t, "translation.en.tsv", example.Translation)
	to := demoUnits(t, "revision.en.tsv", example.Revision)
	want := expectedClasses(t)
	if len(from) != 37 || len(to) != 37 {
		t.Fatalf("the demo has %d and %d units, want 37", len(from), len(to))
	}
	var out strings.Builder
	changed := 0
	for i := 1; i <= 37; i++ {
		a, b := from[i], to[i]
		if a == b {
			if _, ok := want[i]; ok {
				t.Errorf("unit %d: changes.md lists it but the texts are equal", i)
			}
			continue
		}
		changed++
		ta, tb := Tokenize(a), Tokenize(b)
		ops := Diff(ta, tb)
		checkOps(t, a, b, ops)
		ka, _ := nonSpace(ta)
		kb, _ := nonSpace(tb)
		if got, min := cost(ops), len(ka)+len(kb)-2*lcs(ka, kb); got != min {
			t.Errorf("unit %d: diff changes %d tokens, minimum %d", i, got, min)
		}
		changes := Classify(ops)
		wc, ok := want[i]
		if !ok {
			t.Errorf("unit %d differs but changes.md does not list it", i)
		}
		for _, c := range changes {
			if c.Class != wc {
				t.Errorf("unit %d: change %q → %q classed %v, changes.md says %v", i, c.Deleted, c.Inserted, c.Class, wc)
			}
		}
		d := Measure(a, b)
		fmt.Fprintf(&out, "unit %d: %s\n", i, Markers(ops))
		for _, c := range changes {
			fmt.Fprintf(&out, "\t%s: %q → %q\n", c.Class, c.Deleted, c.Inserted)
		}
		fmt.Fprintf(&out, "\tTER %d/%d = %.4f (ins %d, del %d, sub %d, shift %d), similarity %.4f\n",
			d.Edits(), d.Words, d.TER, d.Insertions, d.Deletions, d.Substitutions, d.Shifts, d.Similarity)
	}
	if changed != len(want) {
		t.Errorf("%d units differ, changes.md lists %d", changed, len(want))
	}
	golden := filepath.Join("testdata", "demo.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wantOut, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if out.String() != string(wantOut) {
		t.Errorf("report differs from %s (go test -update rewrites it):\n%s", golden, out.String())
	}
}
