package main

import (
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
)

// reorderArgs lets flags come before or after a command's arguments, as git
// allows: `padan import article.txt --name korut` becomes
// `padan import --name korut article.txt`, which urfave/cli (which stops
// reading flags at the first argument) understands. Global flags given after
// the command name (`padan docs --db x.db`) move before it. After `--`
// everything is an argument. It also returns the command's path ("import"),
// or "" when there is none. An unknown flag (with the nearest known one
// suggested), a flag missing its value or a number flag given something
// else is a usage error here, localized.
func reorderArgs(app *cli.App, args []string, u *ui) ([]string, string, error) {
	if len(args) == 0 {
		return args, "", nil
	}
	global := flagTable(app.Flags)
	out := []string{args[0]}
	rest := args[1:]

	// Global flags before the command name stay where they are.
	for len(rest) > 0 && isFlag(rest[0]) {
		a := rest[0]
		name, hasValue := flagName(a)
		f, ok := global[name]
		if !ok {
			return nil, "", unknownFlag(u, a, "", global)
		}
		out = append(out, a)
		rest = rest[1:]
		if takesValue(f) && !hasValue {
			if len(rest) == 0 {
				return nil, "", u.Usage("FlagNeedsValue", map[string]any{"Flag": a})
			}
			out = append(out, rest[0])
			rest = rest[1:]
		}
	}
	if len(rest) == 0 {
		return out, "", nil
	}

	// Find the command, then any subcommands.
	commands := app.Commands
	var cmd *cli.Command
	path := ""
	for len(rest) > 0 {
		var next *cli.Command
		for _, c := range commands {
			if c.HasName(rest[0]) {
				next = c
				break
			}
		}
		if next == nil {
			break
		}
		cmd = next
		path = strings.TrimSpace(path + " " + cmd.Name)
		rest = rest[1:]
		commands = cmd.Subcommands
		if len(commands) == 0 {
			break
		}
	}
	if cmd == nil {
		// Not a command: let the app report it.
		return append(out, rest...), "", nil
	}
	local := flagTable(cmd.Flags)

	var globals, flags, positional []string
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			positional = append(positional, rest[i+1:]...)
			break
		}
		if !isFlag(a) {
			positional = append(positional, a)
			continue
		}
		name, hasValue := flagName(a)
		f, isLocal := local[name]
		dst := &flags
		if !isLocal {
			var isGlobal bool
			f, isGlobal = global[name]
			if !isGlobal {
				all := flagTable(append(append([]cli.Flag{}, cmd.Flags...), app.Flags...))
				return nil, path, unknownFlag(u, a, path, all)
			}
			dst = &globals
		}
		*dst = append(*dst, a)
		if !takesValue(f) {
			if hasValue {
				v := a[strings.IndexByte(a, '=')+1:]
				if _, err := strconv.ParseBool(v); err != nil {
					return nil, path, u.usageFor(path, "FlagNotBool", map[string]any{"Flag": "--" + name, "Value": v})
				}
			}
			continue
		}
		value := a[strings.IndexByte(a, '=')+1:]
		if !hasValue {
			if i+1 >= len(rest) {
				return nil, path, u.usageFor(path, "FlagNeedsValue", map[string]any{"Flag": a})
			}
			i++
			value = rest[i]
			*dst = append(*dst, value)
		}
		if _, isInt := f.(*cli.IntFlag); isInt {
			if _, err := strconv.Atoi(value); err != nil {
				return nil, path, u.usageFor(path, "FlagNotNumber", map[string]any{"Flag": "--" + name, "Value": value})
			}
		}
	}
	out = append(out, globals...)
	out = append(out, strings.Fields(path)...)
	out = append(out, flags...)
	for _, p := range positional {
		if isFlag(p) {
			out = append(out, "--")
			break
		}
	}
	return append(out, positional...), path, nil
}

// flagTable maps every name and alias of the flags to the flag.
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
	name, _ := flagName(a)
	var names []string
	for n := range known {
		if len(n) > 1 { // -h, -o: too short to be what was meant
			names = append(names, n)
		}
	}
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
	if len(a) < 2 || a[0] != '-' {
		return false
	}
	if a[1] >= '0' && a[1] <= '9' {
		return false
	}
	return true
}

// flagName returns the name of a flag argument (without dashes and value) and
// whether the value is attached with "=".
func flagName(a string) (string, bool) {
	a = strings.TrimLeft(a, "-")
	if i := strings.IndexByte(a, '='); i >= 0 {
		return a[:i], true
	}
	return a, false
}
