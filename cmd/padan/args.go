package main

import (
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
)

// reorderArgs lets flags come before or after a command's arguments, as git
// allows. urfave/cli v2 stops reading a command's flags at its first
// argument and knows global flags only before the command name, and has no
// hook to change either, so the words are put in the order it reads:
//
//	padan GLOBAL-FLAGS COMMAND COMMAND-FLAGS [--] ARGUMENTS
//
// `padan import article.txt --name korut --db x.db` becomes
// `padan --db x.db import --name korut article.txt`. After `--` every word
// is an argument; "-" and negative numbers are arguments too. It also
// returns the command's path ("import"), or "" when there is none. An
// unknown flag (with the nearest known one suggested), a flag missing its
// value, a number flag given something else or a switch given other than
// true or false is a usage error here, localized.
func reorderArgs(app *cli.App, args []string, u *ui) ([]string, string, error) {
	if len(args) == 0 {
		return args, "", nil
	}
	global := flagTable(app.Flags)
	var globals []string
	rest := args[1:]
	for len(rest) > 0 && isFlag(rest[0]) {
		n, err := flagWords(u, "", rest, global)
		if err != nil {
			return nil, "", err
		}
		globals, rest = append(globals, rest[:n]...), rest[n:]
	}
	cmd, path, rest := findCommand(app.Commands, rest)
	if cmd == nil { // not a command: the app reports it
		return slices.Concat(args[:1], globals, rest), "", nil
	}

	local := flagTable(cmd.Flags)
	known := flagTable(slices.Concat(app.Flags, cmd.Flags)) // the command's own win
	var flags, positional []string
	for len(rest) > 0 {
		a := rest[0]
		switch {
		case a == "--":
			positional, rest = append(positional, rest[1:]...), nil
		case !isFlag(a):
			positional, rest = append(positional, a), rest[1:]
		default:
			n, err := flagWords(u, path, rest, known)
			if err != nil {
				return nil, path, err
			}
			if name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "="); local[name] != nil {
				flags = append(flags, rest[:n]...)
			} else {
				globals = append(globals, rest[:n]...)
			}
			rest = rest[n:]
		}
	}
	if asksHelp(flags) {
		positional = nil // else urfave/cli takes the first for a help topic
	}
	out := slices.Concat(args[:1], globals, strings.Fields(path), flags)
	if slices.ContainsFunc(positional, isFlag) {
		out = append(out, "--")
	}
	return append(out, positional...), path, nil
}

// findCommand reads the command at the start of words, then its
// subcommands. It returns the last one found (nil if none), its path
// ("import") and the words after it.
func findCommand(commands []*cli.Command, words []string) (*cli.Command, string, []string) {
	var cmd *cli.Command
	var path []string
	for len(words) > 0 {
		i := slices.IndexFunc(commands, func(c *cli.Command) bool { return c.HasName(words[0]) })
		if i < 0 {
			break
		}
		cmd = commands[i]
		path = append(path, cmd.Name)
		words, commands = words[1:], cmd.Subcommands
	}
	return cmd, strings.Join(path, " "), words
}

// flagWords returns how many of words the flag words[0] spans: 1, or 2 when
// its value is the next word (--db FILE, not --db=FILE). The flag must be
// in known and its value must fit it; path is the command, for the usage
// error ("" for padan itself).
func flagWords(u *ui, path string, words []string, known map[string]cli.Flag) (int, error) {
	a := words[0]
	name, value, attached := strings.Cut(strings.TrimLeft(a, "-"), "=")
	f, ok := known[name]
	if !ok {
		return 0, unknownFlag(u, a, path, known)
	}
	if !takesValue(f) {
		if _, err := strconv.ParseBool(value); attached && err != nil {
			return 0, u.usageFor(path, "FlagNotBool", map[string]any{"Flag": "--" + name, "Value": value})
		}
		return 1, nil
	}
	n := 1
	if !attached {
		if len(words) < 2 {
			return 0, u.usageFor(path, "FlagNeedsValue", map[string]any{"Flag": a})
		}
		value, n = words[1], 2
	}
	if _, isInt := f.(*cli.IntFlag); isInt {
		if _, err := strconv.Atoi(value); err != nil {
			return 0, u.usageFor(path, "FlagNotNumber", map[string]any{"Flag": "--" + name, "Value": value})
		}
	}
	return n, nil
}

// asksHelp reports whether the command's flags include --help (or -h)
// switched on.
func asksHelp(flags []string) bool {
	return slices.ContainsFunc(flags, func(a string) bool {
		name, value, attached := strings.Cut(strings.TrimLeft(a, "-"), "=")
		on, _ := strconv.ParseBool(value)
		return (name == "help" || name == "h") && a[0] == '-' && (!attached || on)
	})
}

// flagTable maps every name and alias of the flags to the flag; a later
// flag of the same name replaces an earlier one.
func flagTable(flags []cli.Flag) map[string]cli.Flag {
	t := map[string]cli.Flag{}
	for _, f := range flags {
		for _, n := range f.Names() {
			t[n] = f
		}
	}
	return t
}

// takesValue reports whether the flag takes a value (--db FILE) rather than
// being a switch (--quiet).
func takesValue(f cli.Flag) bool {
	if v, ok := f.(interface{ TakesValue() bool }); ok {
		return v.TakesValue()
	}
	return true
}

// unknownFlag is the usage error for the flag a, unknown to the command
// (path; "" for padan itself), suggesting the nearest of known.
func unknownFlag(u *ui, a, path string, known map[string]cli.Flag) error {
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	var names []string
	for n := range known {
		if len(n) > 1 { // -h, -o: too short to be what was meant
			names = append(names, n)
		}
	}
	slices.Sort(names) // the same suggestion on every run when two are as near
	data := map[string]any{"Flag": a, "Command": path}
	near := nearest(name, names)
	data["Suggestion"] = "--" + near
	switch {
	case path == "" && near != "":
		return u.Usage("UnknownGlobalFlagSuggest", data)
	case path == "":
		return u.Usage("UnknownGlobalFlag", data)
	case near != "":
		return u.usageFor(path, "UnknownFlagSuggest", data)
	}
	return u.usageFor(path, "UnknownFlag", data)
}

// isFlag reports whether a looks like a flag: it starts with a dash and is not
// "-" (standard input) or a negative number.
func isFlag(a string) bool {
	return len(a) >= 2 && a[0] == '-' && (a[1] < '0' || a[1] > '9')
}
