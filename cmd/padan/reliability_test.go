//go:build unix

package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/padan-tm/padan/internal/reliability"
	"github.com/padan-tm/padan/tm"
)

// TestReliability is the reliability suite (RELIABILITY.md): a careless
// and a hostile user's inputs, each tried against the real padan binary,
// by category (reliability.Categories). Each category runs the scripts of
// testdata/reliability/CATEGORY and the Go cases of goCases in that
// category, as TestReliability/CATEGORY/CASE.
func TestReliability(t *testing.T) {
	for _, c := range reliability.Categories {
		t.Run(c.Dir, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join("testdata", "reliability", c.Dir)
			if _, err := os.Stat(dir); err == nil {
				p := scriptParams(dir)
				maps.Copy(p.Cmds, map[string]func(*testscript.TestScript, bool, []string){
					"gen":      genFile,
					"waitsize": waitSize,
					"sql":      sqlQuery,
				})
				testscript.Run(t, p)
			}
			for _, gc := range goCases {
				if gc.category != c.Dir {
					continue
				}
				t.Run(gc.name, func(t *testing.T) {
					t.Parallel()
					p := &padanRuns{t: t}
					gc.run(t, p)
					t.Logf("%s %d", reliability.InputsLog, p.n)
					if p.n != gc.inputs {
						t.Errorf("the case ran padan %d times; its goCases entry says %d", p.n, gc.inputs)
					}
				})
			}
		})
	}
}

// goCase is a case of the reliability suite that needs Go rather than a
// script. inputs is how many times it runs padan (checked when it runs,
// and counted in RELIABILITY.md's table).
type goCase struct {
	category string // a reliability.Categories Dir
	name     string
	inputs   int
	run      func(t *testing.T, p *padanRuns)
}

// truncations is the number of cut-short exports the hostile-xml case
// truncatedExports imports, spread over the three formats.
const truncations = 150

// goCases are the Go cases of the reliability suite.
var goCases = []goCase{
	{"crash-safety", "interrupted-export", 4, interruptedExport},
	{"hostile-xml", "truncated-exports", 6 + truncations, truncatedExports},
}

// padanRuns runs the real padan binary for a Go case and counts the runs.
type padanRuns struct {
	t *testing.T
	n int
}

// command returns the command that runs padan with args, in a known,
// English environment, and counts it.
func (p *padanRuns) command(args ...string) *exec.Cmd {
	p.n++
	cmd := exec.Command("padan", args...)
	cmd.Env = append(os.Environ(), "LANG=", "LC_ALL=", "LC_MESSAGES=", "NO_COLOR=", "PADAN_DB=", "PADAN_USER=tester", "PADAN_BUSY_TIMEOUT=")
	return cmd
}

// run runs padan with args and returns its exit status, standard output
// and standard error.
func (p *padanRuns) run(args ...string) (int, string, string) {
	p.t.Helper()
	cmd := p.command(args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		p.t.Fatalf("padan %s: %v", strings.Join(args, " "), err)
	}
	return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
}

// must runs padan with args, fails the test unless it succeeds, and
// returns its standard output.
func (p *padanRuns) must(args ...string) string {
	p.t.Helper()
	code, stdout, stderr := p.run(args...)
	if code != 0 {
		p.t.Fatalf("padan %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

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
func startExport(t *testing.T, p *padanRuns, db, doc, out string) (*exec.Cmd, string, <-chan error) {
	t.Helper()
	cmd := p.command("--db", db, "export", doc, "--format", "xliff20", "--lang", "en", "-o", out, "--quiet")
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

// interruptedExport interrupts real `padan export -o` processes while
// they write: SIGINT and SIGTERM must remove the temporary file and leave
// an existing output as it was (exit status 130, 143); the temporary file
// of a process killed with SIGKILL is removed by the next padan that
// writes -o into that folder.
func interruptedExport(t *testing.T, p *padanRuns) {
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
		cmd, tmp, exited := startExport(t, p, db, "besar", out)
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

	cmd, tmp, exited := startExport(t, p, db, "besar", out)
	cmd.Process.Signal(syscall.SIGKILL)
	<-exited
	if _, err := os.Stat(tmp); err != nil {
		t.Fatalf("after SIGKILL the temporary file should still be there: %v", err)
	}
	// The next run writing into the folder removes it, and writes whole.
	again := p.command("--db", db, "export", "besar", "--format", "xliff20", "--lang", "en", "-o", out, "--quiet")
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

// truncatedExports cuts padan's own exports of the built-in article (TMX,
// XLIFF 1.2, XLIFF 2.0) short at truncations points spread over each file
// and imports each with import-tm: every one must be refused with one line
// naming the file and its line, and leave the database file byte for byte
// as it was.
func truncatedExports(t *testing.T, p *padanRuns) {
	dir := t.TempDir()
	db := filepath.Join(dir, "padan.db")
	example := filepath.Join("..", "..", "internal", "example")
	p.must("--db", db, "import", filepath.Join(example, "antara-korea-utara-rusia.txt"))
	p.must("--db", db, "translate", "antara-korea-utara-rusia", "--lang", "en", "--from", filepath.Join(example, "translation.en.tsv"))
	p.must("--db", db, "edit", "antara-korea-utara-rusia", "--lang", "en", "--from", filepath.Join(example, "revision.en.tsv"))
	formats := []string{"tmx", "xliff12", "xliff20"}
	exports := map[string][]byte{}
	for _, f := range formats {
		out := filepath.Join(dir, "whole."+f)
		p.must("--db", db, "export", "antara-korea-utara-rusia", "--format", f, "--lang", "en", "-o", out)
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		exports[f] = bytes.TrimRight(data, "\n")
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`^cut\.(tmx|xliff12|xliff20), line \d+: [^\n]+\n$`)
	for i := range truncations {
		f := formats[i%len(formats)]
		whole := exports[f]
		k := i / len(formats)
		cut := whole[:k*len(whole)/(truncations/len(formats))]
		file := filepath.Join(dir, "cut."+f)
		if err := os.WriteFile(file, cut, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := p.command("--db", db, "import-tm", "--by", "tester", "cut."+f)
		cmd.Dir = dir
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 1 || stdout.Len() > 0 || !line.MatchString(stderr.String()) {
			t.Errorf("%s cut at byte %d of %d: %v, stdout %q, stderr %q; want exit status 1 and one line naming the file and line", f, len(cut), len(whole), err, stdout.String(), stderr.String())
		}
		after, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(after, before) {
			t.Fatalf("%s cut at byte %d: the database changed", f, len(cut))
		}
	}
}

// genFile is the script command `gen [-n] OUT PART...`: it writes OUT with
// the parts one after the other, each part a file (FILE) or a file
// repeated (N*FILE), where {n} in a repeated file becomes the repetition's
// number, from 1; with -n, without each file's last line feed (an archive's
// files end with one). It makes the large inputs of the suite from small
// ones.
func genFile(ts *testscript.TestScript, neg bool, args []string) {
	trim := len(args) > 0 && args[0] == "-n"
	if trim {
		args = args[1:]
	}
	if neg || len(args) < 2 {
		ts.Fatalf("usage: gen [-n] OUT [N*]FILE...")
	}
	var b bytes.Buffer
	for _, part := range args[1:] {
		times, name, repeated := strings.Cut(part, "*")
		if !repeated {
			times, name = "1", part
		}
		n, err := strconv.Atoi(times)
		if err != nil || n < 0 {
			ts.Fatalf("gen: %s: not N*FILE", part)
		}
		data, err := os.ReadFile(ts.MkAbs(name))
		ts.Check(err)
		if trim {
			data = bytes.TrimSuffix(data, []byte("\n"))
		}
		for i := 1; i <= n; i++ {
			if repeated {
				b.Write(bytes.ReplaceAll(data, []byte("{n}"), []byte(strconv.Itoa(i))))
			} else {
				b.Write(data)
			}
		}
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), b.Bytes(), 0o644))
}

// waitSize is the script command `waitsize FILE BYTES`: it waits until
// FILE holds at least BYTES bytes (a background padan writing it), for at
// most a minute.
func waitSize(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: waitsize FILE BYTES")
	}
	want, err := strconv.ParseInt(args[1], 10, 64)
	ts.Check(err)
	path := ts.MkAbs(args[0])
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if fi, err := os.Stat(path); err == nil && fi.Size() >= want {
			return
		}
	}
	ts.Fatalf("%s did not reach %d bytes within a minute", args[0], want)
}

// sqlQuery is the script command `sql FILE QUERY`: it runs QUERY on the
// SQLite database FILE from the test process (as another program, or an
// older padan, would) and writes the rows to stdout, one a line, columns
// separated by tabs.
func sqlQuery(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sql FILE QUERY")
	}
	db, err := sql.Open("sqlite", ts.MkAbs(args[0]))
	ts.Check(err)
	defer db.Close()
	rows, err := db.Query(args[1])
	ts.Check(err)
	defer rows.Close()
	cols, err := rows.Columns()
	ts.Check(err)
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		ts.Check(rows.Scan(ptrs...))
		fields := make([]string, len(vals))
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			fields[i] = fmt.Sprint(v)
		}
		fmt.Fprintln(ts.Stdout(), strings.Join(fields, "\t"))
	}
	ts.Check(rows.Err())
}

// TestReliabilityTable checks that RELIABILITY.md's table says what the
// suite tries (go run ./bench/reliability rewrites it from a run), and that
// RELIABILITY.md lists the fuzz targets of the module, all and only them.
func TestReliabilityTable(t *testing.T) {
	counts, err := reliability.CountScripts(filepath.Join("testdata", "reliability"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []reliability.Row
	for _, c := range reliability.Categories {
		row := reliability.Row{Category: c, Cases: counts[c.Dir].Cases, Inputs: counts[c.Dir].Inputs}
		for _, gc := range goCases {
			if gc.category == c.Dir {
				row.Cases++
				row.Inputs += gc.inputs
			}
		}
		row.Handled = row.Inputs
		rows = append(rows, row)
	}
	for _, gc := range goCases {
		if !slices.ContainsFunc(reliability.Categories, func(c reliability.Category) bool { return c.Dir == gc.category }) {
			t.Errorf("Go case %s: no category %q", gc.name, gc.category)
		}
	}
	doc, err := os.ReadFile(filepath.Join("..", "..", "RELIABILITY.md"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := reliability.Section(string(doc))
	if err != nil {
		t.Fatalf("RELIABILITY.md: %v", err)
	}
	if want := reliability.Table(rows); got != want {
		t.Errorf("RELIABILITY.md's table is not what the suite tries; run go run ./bench/reliability -w\ngot:\n%s\nwant:\n%s", got, want)
	}
	targets, err := reliability.FuzzTargets(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) == 0 {
		t.Fatal("no fuzz target found")
	}
	for _, target := range targets {
		_, name, _ := strings.Cut(target, " ")
		if !strings.Contains(string(doc), "| `"+name+"` |") {
			t.Errorf("RELIABILITY.md does not list the fuzz target %s", target)
		}
	}
	if n := strings.Count(string(doc), "| `Fuzz"); n != len(targets) {
		t.Errorf("RELIABILITY.md lists %d fuzz targets; the module has %d", n, len(targets))
	}
}
