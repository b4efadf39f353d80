package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readme returns the repository's README.md.
func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// helpCommands returns the lines of the COMMANDS section of help, without
// trailing spaces.
func helpCommands(help string) []string {
	var out []string
	in := false
	for _, l := range strings.Split(help, "\n") {
		switch {
		case l == "COMMANDS:":
			in = true
		case in && strings.HasPrefix(l, "   "):
			out = append(out, strings.TrimRight(l, " "))
		case in:
			return out
		}
	}
	return out
}

// TestREADMECommands checks the README's list of commands against
// `padan --help`: the same commands, with the same summaries.
func TestREADMECommands(t *testing.T) {
	code, help, errOut := runPadan(t, nil, "--help")
	if code != 0 {
		t.Fatalf("padan --help: exit %d, %s", code, errOut)
	}
	want := helpCommands(help)
	got := helpCommands(readme(t))
	if len(want) < 10 {
		t.Fatalf("padan --help lists %d commands: the parser is broken", len(want))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("README's command list differs from padan --help:\nREADME:\n%s\n\npadan --help:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// readmeExample is a command shown in the README (`$ padan …`) with the
// output shown under it.
type readmeExample struct {
	line string   // the command line as written
	env  []string // VAR=value before the command
	args []string // padan's arguments
	want []string // the output shown; "..." stands for lines left out
}

var exampleEnv = regexp.MustCompile(`^[A-Z_]+=\S*$`)

// readmeExamples returns the examples of the README's code blocks. In a
// block whose first command is `demo`, everything after it is the demo's
// output (the commands it shows included).
func readmeExamples(t *testing.T, text string) []readmeExample {
	var out []readmeExample
	var block []string
	in := false
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "```") {
			if in {
				out = append(out, blockExamples(t, block)...)
				block = nil
			}
			in = !in
			continue
		}
		if in {
			block = append(block, l)
		}
	}
	return out
}

func blockExamples(t *testing.T, block []string) []readmeExample {
	var out []readmeExample
	demo := false
	for _, l := range block {
		cmd, ok := strings.CutPrefix(l, "$ ")
		if !ok || demo {
			if len(out) > 0 {
				out[len(out)-1].want = append(out[len(out)-1].want, l)
			}
			continue
		}
		ex := readmeExample{line: l}
		fields := strings.Fields(cmd)
		for len(fields) > 0 && exampleEnv.MatchString(fields[0]) {
			ex.env, fields = append(ex.env, fields[0]), fields[1:]
		}
		switch {
		case len(fields) >= 3 && fields[0] == "go" && fields[1] == "run" && fields[2] == "./cmd/padan":
			ex.args = fields[3:]
		case len(fields) >= 1 && fields[0] == "padan":
			ex.args = fields[1:]
		default:
			continue // not a padan command (go test, …)
		}
		for _, a := range ex.args {
			demo = demo || a == "demo"
		}
		out = append(out, ex)
	}
	return out
}

// isEllipsis reports whether a line of shown output stands for lines left
// out: "..." alone, or followed by a comment in parentheses.
func isEllipsis(l string) bool {
	l = strings.TrimSpace(l)
	return l == "..." || strings.HasPrefix(l, "...  (")
}

// matchShown reports whether got holds the lines of want in order: each
// run of lines between ellipses contiguously, the first at the start
// unless want begins with an ellipsis, the last at the end unless want
// ends with one.
func matchShown(got, want []string) bool {
	for len(want) > 0 && strings.TrimSpace(want[len(want)-1]) == "" {
		want = want[:len(want)-1]
	}
	for len(got) > 0 && strings.TrimSpace(got[len(got)-1]) == "" {
		got = got[:len(got)-1]
	}
	var runs [][]string
	cur := []string{}
	for _, l := range want {
		if isEllipsis(l) {
			runs = append(runs, cur)
			cur = []string{}
			continue
		}
		cur = append(cur, l)
	}
	runs = append(runs, cur)
	pos := 0
	for i, run := range runs {
		if len(run) == 0 {
			continue
		}
		found := -1
		for start := pos; start+len(run) <= len(got); start++ {
			if i == 0 && start > 0 {
				break // the first run starts the output
			}
			if equalLines(got[start:start+len(run)], run) {
				found = start
				break
			}
		}
		if found < 0 {
			return false
		}
		pos = found + len(run)
		if i == len(runs)-1 && pos != len(got) {
			// The last run ends the output: look for a later place.
			for start := len(got) - len(run); start >= pos; start-- {
				if equalLines(got[start:], run) {
					return true
				}
			}
			return false
		}
	}
	return true
}

func equalLines(a, b []string) bool {
	for i := range a {
		if strings.TrimRight(a[i], " ") != strings.TrimRight(b[i], " ") {
			return false
		}
	}
	return true
}

// TestREADMEExamples runs every padan command shown in the README's code
// blocks as written, from the repository's root, as on a fresh clone, and
// checks that its output holds what the README shows. A demo's folder is
// replaced by a temporary one.
func TestREADMEExamples(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(wd, "..", "..")
	examples := readmeExamples(t, readme(t))
	if len(examples) < 5 {
		t.Fatalf("found %d examples in the README: the parser is broken", len(examples))
	}
	t.Chdir(root)
	for _, ex := range examples {
		t.Run(ex.line, func(t *testing.T) {
			args, want := ex.args, ex.want
			tmp := t.TempDir()
			for i, a := range args {
				if i > 0 && args[i-1] == "--dir" {
					dir := filepath.Join(tmp, "demo")
					for k := range want {
						want[k] = strings.ReplaceAll(want[k], a, dir)
					}
					args[i] = dir
				}
			}
			vars := map[string]string{"PADAN_USER": "tester"}
			for _, e := range ex.env {
				k, v, _ := strings.Cut(e, "=")
				vars[k] = v
			}
			if len(args) > 0 && args[len(args)-1] == "demo" {
				// A demo without --dir works in a new temporary folder.
				vars["TMPDIR"] = tmp
			}
			var out bytes.Buffer
			e := env{stdin: strings.NewReader(""), stdout: &out, stderr: &out, getenv: func(k string) string { return vars[k] }}
			// As `go run ./cmd/padan` starts it, so that the demo's last
			// line reads as the README shows.
			run(append([]string{filepath.Join(tmp, "go-build1", "b001", "exe", "padan")}, args...), e)
			got := strings.Split(out.String(), "\n")
			if !matchShown(got, want) {
				t.Errorf("the README shows:\n%s\n\nthe command prints:\n%s", strings.Join(want, "\n"), out.String())
			}
		})
	}
}

func TestMatchShown(t *testing.T) {
	got := []string{"a", "b", "c", "d", ""}
	for _, tt := range []struct {
		want []string
		ok   bool
	}{
		{[]string{"a", "b", "c", "d"}, true},
		{[]string{"a", "...", "d"}, true},
		{[]string{"a", "b", "..."}, true},
		{[]string{"...", "c", "d"}, true},
		{[]string{"...", "b", "..."}, true},
		{[]string{"b", "..."}, false},
		{[]string{"a", "..."}, true},
		{[]string{"a", "c", "..."}, false},
		{[]string{"...", "c"}, false},
		{[]string{"a", "b", "c"}, false},
	} {
		if ok := matchShown(got, tt.want); ok != tt.ok {
			t.Errorf("matchShown(%q) = %v, want %v", tt.want, ok, tt.ok)
		}
	}
}
