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

	name := strings.TrimSuffix(example.ArticleName, filepath.Ext(example.ArticleName))
	outputs := []string{name + ".en.txt", name + ".en.tmx", name + ".en.xlf", name + ".en.xliff", "review.html"}
	// The demo's files are named relative to its folder in what it shows.
	inDir := map[string]bool{}
	for _, f := range files {
		inDir[f.name] = true
	}
	for _, f := range outputs {
		inDir[f] = true
	}

	// step runs one padan command on the demo database, showing it first.
	step := func(args ...string) error {
		fmt.Fprintf(w, "\n$ padan %s\n", strings.Join(quoteArgs(args), " "))
		full := []string{"padan", "--db", db, "--ui-lang", u.Lang.String()}
		for _, a := range args {
			if inDir[a] {
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
		{"build", name, "--lang", "en", "--stage", "editor", "-o", outputs[0]},
		{"export", name, "--format", "tmx", "--lang", "en", "-o", outputs[1]},
		{"export", name, "--format", "xliff12", "--lang", "en", "-o", outputs[2]},
		{"export", name, "--format", "xliff20", "--lang", "en", "-o", outputs[3]},
		{"diff", name, "--lang", "en", "--format", "html", "-o", outputs[4]},
		// A short look at what the editor changed: three units' word diffs.
		{"diff", name, "2", "14", "27", "--lang", "en"},
	}
	for _, s := range steps {
		if err := step(s...); err != nil {
			return err
		}
	}
	if err := demoChanges(c, u, db, name); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, u.T("DemoFiles", map[string]any{"Dir": dir}))
	for _, f := range append([]string{"padan.db"}, outputs...) {
		fmt.Fprintf(w, "  %s\n", filepath.Join(dir, f))
	}
	fmt.Fprintln(w, u.T("DemoTry", map[string]any{"Padan": u.program, "DB": db, "Doc": name}))
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
