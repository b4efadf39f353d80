package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// TestEveryFlagEitherSide runs every command of padan (found in newApp at
// run time, so a command added later is covered) with each of its flags and
// of the global flags, under each name, with the value apart and attached,
// before and after the arguments (and a global flag before the command
// name too). The command's action is swapped for one
// that records what urfave/cli made of the words: the same arguments and
// the same value on both sides.
func TestEveryFlagEitherSide(t *testing.T) {
	u, _ := newUI(nil, func(string) string { return "" })
	app := newApp(u, env{})
	var paths []string
	walkCommands(app.Commands, "", func(path string, _ *cli.Command) { paths = append(paths, path) })
	if len(paths) < 10 {
		t.Fatalf("only %d commands found: %q", len(paths), paths)
	}
	positional := []string{"a.txt", "-"}
	for _, path := range paths {
		cmd := commandAt(app, path)
		local := flagTable(cmd.Flags)
		flags := slices.Clone(cmd.Flags)
		for _, f := range app.Flags {
			if local[f.Names()[0]] == nil { // --help: the command's own
				flags = append(flags, f)
			}
		}
		for _, f := range flags {
			name := f.Names()[0]
			for _, n := range f.Names() {
				for _, words := range flagForms(f, n) {
					before := slices.Concat(strings.Fields(path), words, positional)
					after := slices.Concat(strings.Fields(path), positional, words)
					b := runRecorded(t, u, path, name, before)
					a := runRecorded(t, u, path, name, after)
					if !equalRuns(a, b) {
						t.Errorf("padan %q gave %+v\npadan %q gave %+v", before, b, after, a)
						continue
					}
					if global := slices.Contains(app.Flags, f); global {
						first := slices.Concat(words, strings.Fields(path), positional)
						if g := runRecorded(t, u, path, name, first); !equalRuns(g, b) {
							t.Errorf("padan %q gave %+v\npadan %q gave %+v", first, g, before, b)
							continue
						}
					}
					switch {
					case name == "help" && (b.called || !strings.HasPrefix(b.stdout, helpHead(path))):
						t.Errorf("padan %q: not the help of %s: %+v", after, path, b)
					case name == "help":
					case !b.called || !slices.Equal(b.args, positional) || b.value != wantValue(f):
						t.Errorf("padan %q: %+v, want arguments %q and %s=%s", after, b, positional, name, wantValue(f))
					}
				}
			}
		}
	}
}

// recorded is what one run of padan with a recording action did.
type recorded struct {
	called bool
	args   []string
	value  string // the flag's, as text
	path   string // reorderArgs's
	stdout string
	err    string
}

func equalRuns(a, b recorded) bool {
	return a.called == b.called && slices.Equal(a.args, b.args) && a.value == b.value &&
		a.path == b.path && a.stdout == b.stdout && a.err == b.err
}

// runRecorded runs padan's app, freshly built (urfave/cli keeps values in
// the flags), with args after reorderArgs, the command at path recording
// its arguments and the value of the flag name.
func runRecorded(t *testing.T, u *ui, path, name string, args []string) recorded {
	t.Helper()
	var stdout bytes.Buffer
	app := newApp(u, env{stdout: &stdout, stderr: &stdout})
	var r recorded
	commandAt(app, path).Action = func(c *cli.Context) error {
		r.called, r.args = true, c.Args().Slice()
		switch v := c.Value(name).(type) {
		case cli.StringSlice:
			r.value = strings.Join(v.Value(), ",")
		default:
			r.value = fmt.Sprint(v)
		}
		return nil
	}
	args, gotPath, err := reorderArgs(app, append([]string{"padan"}, args...), u)
	if err == nil {
		err = app.Run(args)
	}
	if err != nil {
		r.err = err.Error()
	}
	r.path, r.stdout = gotPath, stdout.String()
	if gotPath != path {
		t.Errorf("padan %q: command %q, want %q", args, gotPath, path)
	}
	return r
}

// flagForms returns the ways of giving the flag f under the name n: a switch
// alone and as --n=true, a value apart and attached.
func flagForms(f cli.Flag, n string) [][]string {
	dash := "--"
	if len(n) == 1 {
		dash = "-"
	}
	if !takesValue(f) {
		return [][]string{{dash + n}, {dash + n + "=true"}}
	}
	v := flagValue(f)
	return [][]string{{dash + n, v}, {dash + n + "=" + v}}
}

// flagValue is a value the flag f accepts.
func flagValue(f cli.Flag) string {
	if _, ok := f.(*cli.IntFlag); ok {
		return "3"
	}
	return "v1"
}

// wantValue is the value the action sees for flagValue (or a switch given).
func wantValue(f cli.Flag) string {
	if !takesValue(f) {
		return "true"
	}
	return flagValue(f)
}

// helpHead is how the help of the command at path begins; the help of
// help is padan's own.
func helpHead(path string) string {
	if path == "help" {
		return "padan - "
	}
	return "padan " + path + " - "
}

// walkCommands calls fn for every command and subcommand, with its path.
func walkCommands(cmds []*cli.Command, parent string, fn func(string, *cli.Command)) {
	for _, c := range cmds {
		path := strings.TrimSpace(parent + " " + c.Name)
		fn(path, c)
		walkCommands(c.Subcommands, path, fn)
	}
}

// commandAt returns the command at path ("import") in app.
func commandAt(app *cli.App, path string) *cli.Command {
	cmd, _, rest := findCommand(app.Commands, strings.Fields(path))
	if cmd == nil || len(rest) > 0 {
		panic("no command " + path)
	}
	return cmd
}
