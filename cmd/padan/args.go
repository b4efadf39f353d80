package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// reorderArgs lets flags come before or after a command's arguments, as git
// allows: `padan import article.txt --name korut` becomes
// `padan import --name korut article.txt`, which urfave/cli (which stops
// reading flags at the first argument) understands. Global flags given after
// the command name (`padan docs --db x.db`) move before it. After `--`
// everything is an argument. An unknown flag, or a flag missing its value, is
// a usage error here, localized.
func reorderArgs(app *cli.App, args []string, u *ui) ([]string, error) {
	if len(args) == 0 {
		return args, nil
	}
	global := flagTable(app.Flags)
	out := []string{args[0]}
	rest := args[1:]

	// Global flags before the command name stay where they are.
	for len(rest) > 0 && isFlag(rest[0]) {
		name, hasValue := flagName(rest[0])
		out = append(out, rest[0])
		rest = rest[1:]
		if takes, ok := global[name]; ok && takes && !hasValue && len(rest) > 0 {
			out = append(out, rest[0])
			rest = rest[1:]
		}
	}
	if len(rest) == 0 {
		return out, nil
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
		return append(out, rest...), nil
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
		takes, isLocal := local[name]
		dst := &flags
		if !isLocal {
			var isGlobal bool
			takes, isGlobal = global[name]
			if !isGlobal {
				return nil, u.usageFor(path, "UnknownFlag", map[string]any{"Flag": a, "Command": path})
			}
			dst = &globals
		}
		*dst = append(*dst, a)
		if takes && !hasValue {
			if i+1 >= len(rest) {
				return nil, u.usageFor(path, "FlagNeedsValue", map[string]any{"Flag": a})
			}
			i++
			*dst = append(*dst, rest[i])
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
	return append(out, positional...), nil
}

// flagTable maps every name and alias of the flags to whether the flag takes
// a value.
func flagTable(flags []cli.Flag) map[string]bool {
	t := map[string]bool{}
	for _, f := range flags {
		takes := true
		if v, ok := f.(interface{ TakesValue() bool }); ok {
			takes = v.TakesValue()
		}
		for _, n := range f.Names() {
			t[n] = takes
		}
	}
	return t
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
