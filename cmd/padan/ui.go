package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/mattn/go-isatty"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/padan-tm/padan/locales"
)

// ui is what every command knows of the person using it: the language of the
// interface (from --ui-lang, else the locale environment) and the
// environment variables.
type ui struct {
	loc  *i18n.Localizer
	Lang language.Tag
	// Getenv reads an environment variable (PADAN_USER, NO_COLOR, …).
	Getenv func(string) string
	// dbPath is the database the command opened, for messages about it.
	dbPath string
	// program is how to run padan again, as it was started: "padan", a
	// path, or "go run ./cmd/padan" (see invocation).
	program string
}

// bundles holds the message bundle of each interface language, loaded
// when first needed (a command reads only English and its own language's
// files: parsing them all took a third of a short command's CPU time).
var bundles = struct {
	sync.Mutex
	m map[language.Tag]*i18n.Bundle
}{m: map[language.Tag]*i18n.Bundle{}}

// bundleFor returns the bundle of messages in lang (one of
// locales.Languages), with English for any message lang lacks.
func bundleFor(lang language.Tag) *i18n.Bundle {
	bundles.Lock()
	defer bundles.Unlock()
	b := bundles.m[lang]
	if b == nil {
		var err error
		if b, err = locales.NewBundleFor(lang); err != nil {
			// The files are embedded in the binary: a broken one is a
			// build defect that go test ./locales catches.
			panic(err)
		}
		bundles.m[lang] = b
	}
	return b
}

// newUI chooses the interface language: --ui-lang anywhere in args, else
// LC_ALL, LC_MESSAGES or LANG (the first that is set, as POSIX says), else
// English. An invalid --ui-lang is a usage error (reported in English).
func newUI(args []string, getenv func(string) string) (*ui, error) {
	u := &ui{Lang: language.English, Getenv: getenv, program: "padan"}
	if len(args) > 0 {
		u.program = invocation(args[0])
	}
	requested, fromFlag := uiLangArg(args)
	if !fromFlag {
		requested = localeFromEnv(getenv)
	}
	var err error
	if requested != "" {
		tag, perr := language.Parse(requested)
		if perr != nil && fromFlag {
			err = perr
		} else if perr == nil {
			matcher := language.NewMatcher(locales.Languages)
			_, i, conf := matcher.Match(tag)
			if conf != language.No {
				u.Lang = locales.Languages[i]
			}
		}
	}
	u.loc = i18n.NewLocalizer(bundleFor(u.Lang), u.Lang.String())
	if err != nil {
		return u, u.Usage("UILangInvalid", map[string]any{"Value": requested})
	}
	return u, nil
}

// uiLangArg finds --ui-lang in the arguments (before any "--").
func uiLangArg(args []string) (string, bool) {
	for i, a := range args {
		if a == "--" {
			break
		}
		for _, p := range []string{"--ui-lang=", "-ui-lang="} {
			if strings.HasPrefix(a, p) {
				return a[len(p):], true
			}
		}
		if (a == "--ui-lang" || a == "-ui-lang") && i+1 < len(args) {
			return args[i+1], true
		}
	}
	return "", false
}

// localeFromEnv turns the POSIX locale (id_ID.UTF-8, en_US@euro, C) into a
// BCP 47 tag string, or "" when none is set or it is C/POSIX.
func localeFromEnv(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if i := strings.IndexAny(v, ".@"); i >= 0 {
			v = v[:i]
		}
		if v == "C" || v == "POSIX" {
			return ""
		}
		return strings.ReplaceAll(v, "_", "-")
	}
	return ""
}

// T returns the message id in the interface language, filled with data. A
// "Count" entry in data chooses the plural form. Every string in data is
// shown through visible (a name or a text with control characters cannot
// reach the terminal raw); a shownText is shown as it is.
func (u *ui) T(id string, data ...map[string]any) string {
	cfg := &i18n.LocalizeConfig{MessageID: id}
	if len(data) > 0 && data[0] != nil {
		shown := make(map[string]any, len(data[0]))
		for k, v := range data[0] {
			if s, ok := v.(string); ok {
				v = visible(s)
			}
			shown[k] = v
		}
		cfg.TemplateData = shown
		if n, ok := data[0]["Count"]; ok {
			cfg.PluralCount = n
		}
	}
	s, err := u.loc.Localize(cfg)
	if err != nil {
		// A missing message is a defect that TestMessagesExist catches;
		// show the ID rather than nothing.
		return id
	}
	return s
}

// userError is an error whose message is already localized for the person
// reading it. usage marks a usage error (exit status 2).
type userError struct {
	msg     string
	usage   bool
	command string // the command whose --help to suggest, for usage errors
	cause   error
	// appHelp marks a usage error about padan itself (an unknown command),
	// whose hint names `padan --help` whatever the command.
	appHelp bool
}

func (e *userError) Error() string { return e.msg }
func (e *userError) Unwrap() error { return e.cause }

// Usage returns a usage error (exit status 2) with the localized message id.
func (u *ui) Usage(id string, data map[string]any) error {
	return &userError{msg: u.T(id, data), usage: true}
}

// usageFor is Usage for a known command, whose --help the hint names.
func (u *ui) usageFor(command, id string, data map[string]any) error {
	return &userError{msg: u.T(id, data), usage: true, command: command}
}

// Fail returns a failure (exit status 1) with the localized message id;
// cause is kept for errors.Is/As.
func (u *ui) Fail(id string, data map[string]any, cause error) error {
	return &userError{msg: u.T(id, data), cause: cause}
}

// parseLang validates and canonicalizes a language tag given in a flag:
// `in` becomes `id`. A tag that is not well-formed (`en_US`, for which it
// suggests `en-US`) or names no known language (`xx-zz`) is a usage error
// naming the flag.
func (u *ui) parseLang(flag, value string) (language.Tag, error) {
	tag, err := language.Parse(value)
	if err == nil && !strings.Contains(value, "_") {
		return tag, nil
	}
	var ve interface{ Subtag() string }
	if errors.As(err, &ve) && !strings.Contains(value, "_") {
		return language.Und, u.Usage("TMLangUnknown", map[string]any{"Flag": flag, "Value": value})
	}
	if fixed := strings.ReplaceAll(value, "_", "-"); fixed != value {
		if t, err := language.Parse(fixed); err == nil {
			return language.Und, u.Usage("LangInvalidSuggest", map[string]any{"Flag": flag, "Value": value, "Suggestion": t.String()})
		}
	}
	return language.Und, u.Usage("LangInvalid", map[string]any{"Flag": flag, "Value": value})
}

// isTerminal reports whether w is a terminal. A writer may say so itself
// with an IsTerminal method (tests do).
func isTerminal(w io.Writer) bool {
	if t, ok := w.(interface{ IsTerminal() bool }); ok {
		return t.IsTerminal()
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// invocation is the command that runs padan the way this process was
// started (args[0]), for the commands padan suggests: `go run ./cmd/padan`
// when `go run` built it (into a go-build folder), the path when it was
// started by one (./padan), else "padan".
func invocation(arg0 string) string {
	dir := filepath.Dir(arg0)
	switch {
	case filepath.Base(dir) == "exe" && strings.HasPrefix(filepath.Base(filepath.Dir(filepath.Dir(dir))), "go-build"):
		return "go run ./cmd/padan"
	case strings.ContainsRune(arg0, filepath.Separator):
		return arg0
	}
	return "padan"
}
