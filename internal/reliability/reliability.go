// Package reliability counts and reports padan's reliability suite: the
// testscript files under cmd/padan/testdata/reliability/CATEGORY and the Go
// cases of cmd/padan's TestReliability, each run against the real padan
// binary. It reads what was tried from the files and what happened from
// `go test -json`, and renders the table of RELIABILITY.md.
package reliability

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Category is one row of the table: the folder of its scripts (also the
// middle part of its cases' test names) and its title.
type Category struct {
	Dir   string
	Title string
}

// Categories are the suite's categories, in the table's order.
var Categories = []Category{
	{"hostile-xml", "hostile XML"},
	{"text-input", "text input"},
	{"srx", "SRX"},
	{"tsv", "TSV"},
	{"crash-safety", "crash safety"},
	{"concurrency", "concurrency"},
	{"database-abuse", "database abuse"},
	{"output", "output"},
}

// TestName is the name of the test that runs the suite.
const TestName = "TestReliability"

// InputsLog is what a Go case logs (followed by a number) to say how many
// times it ran padan.
const InputsLog = "reliability inputs:"

// Row is one category's line of the table.
type Row struct {
	Category Category
	Cases    int // scripts and Go cases
	Inputs   int // padan runs: exec lines of the scripts, runs of the Go cases
	Handled  int // inputs of the cases that passed
	Failures int // cases that failed
}

// execLine is a script line that runs a command, after its conditions and
// its negation.
var execLine = regexp.MustCompile(`^(?:\[[^\]]*\]\s*)*(?:[!?]\s*)?exec\s+(.*)$`)

// padanWord finds padan in a shell command.
var padanWord = regexp.MustCompile(`\bpadan\b`)

// ScriptInputs returns how many inputs a testscript file tries: its exec
// lines that run padan, directly or through a shell (`exec sh -c 'padan
// … < /dev/zero'`), lines behind a condition included. The archive's files
// after the script are not read.
func ScriptInputs(script []byte) int {
	n := 0
	for line := range strings.Lines(string(script)) {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(strings.TrimSpace(line), " --") {
			break
		}
		m := execLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		cmd := m[1]
		if strings.HasPrefix(cmd, "padan ") || cmd == "padan" || (strings.HasPrefix(cmd, "sh ") && padanWord.MatchString(cmd)) {
			n++
		}
	}
	return n
}

// Count is the cases of a category and the inputs they try.
type Count struct {
	Cases  int
	Inputs int
}

// CountScripts counts the scripts of each category under dir (dir/CATEGORY/
// *.txtar) and their inputs, by category folder. A folder that is not a
// category is an error, so that no script is left out of the table.
func CountScripts(dir string) (map[string]Count, error) {
	counts := map[string]Count{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if !slices.ContainsFunc(Categories, func(c Category) bool { return c.Dir == e.Name() }) {
			return nil, fmt.Errorf("%s: not a category of the reliability suite", filepath.Join(dir, e.Name()))
		}
		files, err := filepath.Glob(filepath.Join(dir, e.Name(), "*.txtar"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			c := counts[e.Name()]
			c.Cases++
			c.Inputs += ScriptInputs(data)
			counts[e.Name()] = c
		}
	}
	return counts, nil
}

// Outcome is what became of one case in a run of the suite.
type Outcome struct {
	Category string
	Name     string
	Action   string // pass, fail or skip
	Inputs   int    // as the case logged it (Go cases only)
}

// testEvent is the part of a `go test -json` event that Results reads.
type testEvent struct {
	Action string
	Test   string
	Output string
}

// inputsRe finds a Go case's InputsLog line in its output.
var inputsRe = regexp.MustCompile(regexp.QuoteMeta(InputsLog) + ` (\d+)`)

// Results reads the output of `go test -json` running TestName and returns
// the outcome of each case (TestName/CATEGORY/CASE), in the order they
// ended.
func Results(r io.Reader) ([]Outcome, error) {
	var out []Outcome
	inputs := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 || line[0] != '{' {
			continue
		}
		var ev testEvent
		if err := json.Unmarshal(line, &ev); err != nil {
			return nil, fmt.Errorf("go test -json: %w", err)
		}
		parts := strings.Split(ev.Test, "/")
		if len(parts) != 3 || parts[0] != TestName {
			continue
		}
		switch ev.Action {
		case "output":
			if m := inputsRe.FindStringSubmatch(ev.Output); m != nil {
				inputs[ev.Test], _ = strconv.Atoi(m[1])
			}
		case "pass", "fail", "skip":
			out = append(out, Outcome{Category: parts[1], Name: parts[2], Action: ev.Action, Inputs: inputs[ev.Test]})
		}
	}
	return out, sc.Err()
}

// Rows makes the table's rows from the outcomes of a run and the scripts'
// counts of inputs (by category, then script name without .txtar). A case
// that failed or was skipped counts as a failure.
func Rows(outcomes []Outcome, scriptInputs map[string]map[string]int) []Row {
	var rows []Row
	for _, c := range Categories {
		row := Row{Category: c}
		for _, o := range outcomes {
			if o.Category != c.Dir {
				continue
			}
			n, script := scriptInputs[c.Dir][o.Name]
			if !script {
				n = o.Inputs
			}
			row.Cases++
			row.Inputs += n
			if o.Action == "pass" {
				row.Handled += n
			} else {
				row.Failures++
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// ScriptInputsByName reads every script under dir and returns its inputs
// by category and script name (without .txtar), for Rows.
func ScriptInputsByName(dir string) (map[string]map[string]int, error) {
	m := map[string]map[string]int{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".txtar" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		cat := filepath.Base(filepath.Dir(path))
		if m[cat] == nil {
			m[cat] = map[string]int{}
		}
		m[cat][strings.TrimSuffix(filepath.Base(path), ".txtar")] = ScriptInputs(data)
		return nil
	})
	return m, err
}

// TableStart and TableEnd enclose the table in RELIABILITY.md.
const (
	TableStart = "<!-- reliability-table: made by go run ./bench/reliability -->"
	TableEnd   = "<!-- end of reliability-table -->"
)

// Table renders rows as the Markdown table of RELIABILITY.md, with a line
// of totals.
func Table(rows []Row) string {
	var b strings.Builder
	b.WriteString("| category | cases | inputs tried | handled well | failures |\n|---|---:|---:|---:|---:|\n")
	var total Row
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", r.Category.Title, r.Cases, r.Inputs, r.Handled, r.Failures)
		total.Cases += r.Cases
		total.Inputs += r.Inputs
		total.Handled += r.Handled
		total.Failures += r.Failures
	}
	fmt.Fprintf(&b, "| **all** | %d | %d | %d | %d |\n", total.Cases, total.Inputs, total.Handled, total.Failures)
	return b.String()
}

// Section returns the text between TableStart and TableEnd in doc, without
// the markers' lines, or an error if they are missing.
func Section(doc string) (string, error) {
	_, after, ok := strings.Cut(doc, TableStart+"\n")
	if !ok {
		return "", fmt.Errorf("no line %q", TableStart)
	}
	table, _, ok := strings.Cut(after, TableEnd)
	if !ok {
		return "", fmt.Errorf("no line %q", TableEnd)
	}
	return table, nil
}

// Replace returns doc with the text between TableStart and TableEnd
// replaced by table.
func Replace(doc, table string) (string, error) {
	old, err := Section(doc)
	if err != nil {
		return "", err
	}
	return strings.Replace(doc, TableStart+"\n"+old+TableEnd, TableStart+"\n"+table+TableEnd, 1), nil
}

// fuzzFunc is the declaration of a fuzz target.
var fuzzFunc = regexp.MustCompile(`(?m)^func (Fuzz\w+)\(\w+ \*testing\.F\)`)

// FuzzTargets returns the fuzz targets of the module at root, as
// "package-folder FuzzName", sorted.
func FuzzTargets(root string) ([]string, error) {
	var targets []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		for _, m := range fuzzFunc.FindAllSubmatch(data, -1) {
			targets = append(targets, filepath.ToSlash(rel)+" "+string(m[1]))
		}
		return nil
	})
	slices.Sort(targets)
	return targets, err
}
