package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/worddiff"
)

// version is padan's version, shown by --version and written into exported
// files (TMX creationtoolversion).
var version = "0.1.0-dev"

// env is what a run of padan is given by the outside world: its standard
// streams and its environment. Tests give buffers and a map.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// osEnv returns the process's real streams and environment.
func osEnv() env {
	return env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
}

// commandBuilders holds the constructors of padan's commands. Each command's
// file registers its constructor in an init function, so that adding a
// command touches no shared file.
var commandBuilders []func(*ui) *cli.Command

// register adds a command constructor; it is called from init functions only.
func register(b func(*ui) *cli.Command) { commandBuilders = append(commandBuilders, b) }

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// run runs padan with the given arguments (args[0] is the program name) and
// returns the exit status. Every error is printed here, once, localized.
func run(args []string, e env) int {
	u, langErr := newUI(args, e.getenv)
	app := newApp(u, e)
	if langErr != nil {
		return report(app, u, langErr)
	}
	args, path, err := reorderArgs(app, args, u)
	if err == nil {
		err = app.Run(args)
	}
	if ue := (*userError)(nil); errors.As(err, &ue) && ue.usage && ue.command == "" && !ue.appHelp {
		ue.command = path // a usage error points at its command's --help
	}
	return report(app, u, err)
}

// report prints err (if any) on the app's error stream and returns the exit
// status it calls for.
func report(app *cli.App, u *ui, err error) int {
	if err == nil {
		return exitOK
	}
	if msg, ok := storeProblem(u, err); ok {
		fmt.Fprintln(app.ErrWriter, msg)
		return exitFailure
	}
	var ue *userError
	if errors.As(err, &ue) {
		fmt.Fprintln(app.ErrWriter, ue.Error())
		if ue.usage {
			if ue.command != "" {
				fmt.Fprintln(app.ErrWriter, u.T("UsageHintCommand", map[string]any{"Command": ue.command}))
			} else {
				fmt.Fprintln(app.ErrWriter, u.T("UsageHint"))
			}
			return exitUsage
		}
		return exitFailure
	}
	fmt.Fprintln(app.ErrWriter, u.T("ErrorGeneric", map[string]any{"Error": err.Error()}))
	return exitFailure
}

// newApp builds the command-line application: global flags, every registered
// command with its localized texts, and the streams it writes to.
func newApp(u *ui, e env) *cli.App {
	app := &cli.App{
		Name:      "padan",
		Usage:     u.T("AppUsage"),
		Version:   version,
		Reader:    e.stdin,
		Writer:    e.stdout,
		ErrWriter: e.stderr,
		// padan prints every error itself, once (see report).
		ExitErrHandler:  func(*cli.Context, error) {},
		HideHelp:        true,
		HideHelpCommand: true,
		HideVersion:     true,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Usage: u.T("FlagDB"), EnvVars: []string{"PADAN_DB"}, Value: "padan.db"},
			&cli.StringFlag{Name: "ui-lang", Usage: u.T("FlagUILang")},
			&cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: u.T("FlagHelp")},
			&cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: u.T("FlagVersion")},
		},
		CustomAppHelpTemplate: appHelpTemplate(u),
		Action: func(c *cli.Context) error {
			if c.Bool("version") {
				fmt.Fprintln(c.App.Writer, u.T("Version", map[string]any{"Version": version}))
				return nil
			}
			if c.Args().Present() {
				return unknownCommand(u, c.App, c.Args().First())
			}
			return cli.ShowAppHelp(c)
		},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return u.Usage("UsageBadFlags", map[string]any{"Detail": err.Error()})
		},
	}
	for _, b := range commandBuilders {
		app.Commands = append(app.Commands, b(u))
	}
	app.Commands = append(app.Commands, helpCommand(u))
	sort.Slice(app.Commands, func(i, j int) bool { return app.Commands[i].Name < app.Commands[j].Name })
	for _, c := range app.Commands {
		prepareCommand(u, c, "")
	}
	return app
}

// prepareCommand gives a command (and its subcommands) what every command
// has: a localized --help flag and help template, and usage errors that exit
// with status 2.
func prepareCommand(u *ui, c *cli.Command, parent string) {
	path := strings.TrimSpace(parent + " " + c.Name)
	c.HideHelp = true
	c.HideHelpCommand = true
	c.Flags = append(c.Flags, &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: u.T("FlagHelp")})
	c.CustomHelpTemplate = commandHelpTemplate(u)
	c.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
		return u.usageFor(path, "UsageBadFlags", map[string]any{"Detail": err.Error()})
	}
	for _, s := range c.Subcommands {
		prepareCommand(u, s, path)
	}
}

// helpCommand is `padan help [COMMAND]`.
func helpCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:      "help",
		Usage:     u.T("HelpUsage"),
		ArgsUsage: u.T("HelpArgs"),
		Action: func(c *cli.Context) error {
			if !c.Args().Present() {
				return cli.ShowAppHelp(c)
			}
			name := c.Args().First()
			if c.App.Command(name) == nil {
				return unknownCommand(u, c.App, name)
			}
			return cli.ShowCommandHelp(c, name)
		},
	}
}

// unknownCommand is the usage error for a command padan does not have,
// suggesting the nearest it has.
func unknownCommand(u *ui, app *cli.App, name string) error {
	var names []string
	for _, c := range app.VisibleCommands() {
		names = append(names, c.Name)
	}
	data := map[string]any{"Command": name}
	msg := u.T("UnknownCommand", data)
	if near := nearest(name, names); near != "" {
		data["Suggestion"] = near
		msg = u.T("UnknownCommandSuggest", data)
	}
	return &userError{msg: msg, usage: true, appHelp: true}
}

// nearest returns the candidate closest to s, by the share of characters
// that differ, when it is close enough to be what was meant; else "".
func nearest(s string, candidates []string) string {
	s = strings.ToLower(s)
	best, bestSim := "", 0.0
	for _, c := range candidates {
		sim := worddiff.CharSimilarity(s, c)
		if swapped(s, c) {
			sim = 1 - 1/float64(len(c)) // one slip, like a typo of one letter
		}
		if sim > bestSim {
			best, bestSim = c, sim
		}
	}
	// Up to two characters in five may differ: imprt, improt, transalte,
	// dcs.
	if bestSim < 0.6 {
		return ""
	}
	return best
}

// swapped reports whether a and b differ only by two neighbouring letters
// swapped (lnag, lang).
func swapped(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i+1 < len(a); i++ {
		if a[i] != b[i] {
			return a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
		}
	}
	return false
}

// flagHelp is the template fragment listing flags, localized.
func flagHelp(u *ui) string {
	return `{{range .VisibleFlags}}   {{range $i, $n := .Names}}{{if $i}}, {{end}}{{if lt (len $n) 2}}-{{else}}--{{end}}{{$n}}{{end}}{{if .TakesValue}} ` +
		u.T("HelpValue") + `{{end}}{{"\t"}}{{.GetUsage}}{{"\n"}}{{end}}`
}

func appHelpTemplate(u *ui) string {
	return `{{.Name}} - {{.Usage}}

` + u.T("HelpHeadUsage") + `
   {{.Name}} ` + u.T("HelpAppUsageLine") + `

` + u.T("HelpHeadCommands") + `
{{range .VisibleCommands}}   {{join .Names ", "}}{{"\t"}}{{.Usage}}{{"\n"}}{{end}}
` + u.T("HelpHeadGlobalOptions") + `
` + flagHelp(u) + `
` + u.T("HelpFooter") + `
`
}

func commandHelpTemplate(u *ui) string {
	return `{{.HelpName}} - {{.Usage}}

` + u.T("HelpHeadUsage") + `
   {{.HelpName}}{{if .VisibleFlags}} ` + u.T("HelpOptions") + `{{end}}{{if .ArgsUsage}} {{.ArgsUsage}}{{end}}
{{if .Description}}
{{.Description}}
{{end}}{{if .VisibleFlags}}
` + u.T("HelpHeadOptions") + `
` + flagHelp(u) + `{{end}}{{if .Subcommands}}
` + u.T("HelpHeadCommands") + `
{{range .VisibleCommands}}   {{join .Names ", "}}{{"\t"}}{{.Usage}}{{"\n"}}{{end}}{{end}}`
}

// needArgs returns a usage error unless the command was given between min and
// max arguments (max < 0: no upper limit).
func needArgs(c *cli.Context, u *ui, min, max int) error {
	n := c.Args().Len()
	if n >= min && (max < 0 || n <= max) {
		return nil
	}
	name := c.Command.FullName()
	return u.usageFor(name, "WrongArgCount", map[string]any{"Command": name, "Count": min, "Args": c.Command.ArgsUsage})
}
