package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/internal/example"
	"github.com/padan-tm/padan/tm"
)

func init() { register(newDemoCommand) }

// newDemoCommand is `padan demo [--dir DIR]`: the whole job on the built-in
// example, in a fresh database: segment and import the article, record the
// translator's draft and the editor's revision under their credited names,
// show statistics and what the editor changed, build the English article
// and export it.
func newDemoCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "demo",
		Usage:       u.T("DemoUsage"),
		Description: u.T("DemoDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "dir", Usage: u.T("DemoFlagDir")},
		},
		Action: func(c *cli.Context) error { return demoRun(c, u) },
	}
}

func demoRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 0, 0); err != nil {
		return err
	}
	dir := c.String("dir")
	var err error
	if dir == "" {
		dir, err = os.MkdirTemp("", "padan-demo-")
	} else {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return u.Fail("WriteFailed", map[string]any{"File": dir, "Error": errorText(err)}, err)
	}
	db := filepath.Join(dir, "padan.db")
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		return u.Fail("DemoDirUsed", map[string]any{"File": db}, err)
	}
	name := strings.TrimSuffix(example.ArticleName, filepath.Ext(example.ArticleName))
	files := []struct {
		name string
		data []byte
	}{
		{example.ArticleName, example.Article},
		{"translation.en.tsv", example.Translation},
		{"revision.en.tsv", example.Revision},
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return u.Fail("WriteFailed", map[string]any{"File": p, "Error": errorText(err)}, err)
		}
	}
	w := c.App.Writer
	fmt.Fprintln(w, u.T("DemoIntro", map[string]any{"Dir": dir, "Translator": example.Translator, "Editor": example.Editor}))

	// step runs one padan command on the demo database, showing it first
	// (with paths relative to the demo folder).
	step := func(args ...string) error {
		fmt.Fprintf(w, "\n$ padan %s\n", strings.Join(quoteArgs(args), " "))
		full := []string{"padan", "--db", db, "--ui-lang", u.Lang.String()}
		for _, a := range args {
			if strings.HasSuffix(a, ".txt") || strings.HasSuffix(a, ".tsv") || strings.Contains(a, ".en.") {
				a = filepath.Join(dir, a)
			}
			full = append(full, a)
		}
		e := env{stdin: strings.NewReader(""), stdout: w, stderr: c.App.ErrWriter, getenv: u.Getenv}
		if status := run(full, e); status != exitOK {
			return u.Fail("DemoStepFailed", map[string]any{"Command": strings.Join(args, " "), "Status": status}, nil)
		}
		return nil
	}
	steps := [][]string{
		{"import", example.ArticleName},
		{"translate", name, "--lang", "en", "--from", "translation.en.tsv"},
		{"edit", name, "--lang", "en", "--from", "revision.en.tsv"},
		{"stats", name},
	}
	for _, s := range steps {
		if err := step(s...); err != nil {
			return err
		}
	}
	if err := demoChanges(c, u, db, name); err != nil {
		return err
	}
	outputs := []string{name + ".en.txt"}
	if err := step("build", name, "--lang", "en", "--stage", "editor", "-o", outputs[0]); err != nil {
		return err
	}
	if c.App.Command("export") != nil {
		for _, f := range []struct{ format, file string }{
			{"tmx", name + ".en.tmx"}, {"xliff12", name + ".en.xlf"}, {"xliff20", name + ".en.xliff"},
		} {
			if err := step("export", name, "--format", f.format, "--lang", "en", "-o", f.file); err != nil {
				return err
			}
			outputs = append(outputs, f.file)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, u.T("DemoFiles", map[string]any{"Dir": dir}))
	for _, f := range append([]string{"padan.db"}, outputs...) {
		fmt.Fprintf(w, "  %s\n", filepath.Join(dir, f))
	}
	fmt.Fprintln(w, u.T("DemoTry", map[string]any{"DB": db, "Doc": name}))
	return nil
}

// demoChanges prints a short summary of what the editor changed: how many
// units, and which.
func demoChanges(c *cli.Context, u *ui, db, name string) error {
	store, err := tm.Open(c.Context, db)
	if err != nil {
		return tmFailure(u, err, "")
	}
	defer store.Close()
	t, err := store.Translation(c.Context, name, "en", true)
	if err != nil {
		return tmFailure(u, err, "")
	}
	var changed []string
	for _, un := range t.Units {
		if un.Translator != nil && un.Editor != nil && un.Translator.Text != un.Editor.Text {
			changed = append(changed, strconv.Itoa(un.Index))
		}
	}
	fmt.Fprintln(c.App.Writer)
	fmt.Fprintln(c.App.Writer, u.T("DemoChanged", map[string]any{"Editor": example.Editor, "Count": len(changed),
		"Total": len(t.Units), "List": strings.Join(changed, ", ")}))
	return nil
}

// quoteArgs quotes the arguments that a shell would split.
func quoteArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t'\"$\\") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return out
}
