package main

import (
	"errors"
	"fmt"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/language"

	"github.com/padan-tm/padan/tm"
)

// openStore opens the database named by the global --db flag (or PADAN_DB;
// default padan.db), creating it on first use. Its errors are localized.
func openStore(c *cli.Context, u *ui) (*tm.Store, error) {
	path := c.String("db")
	if path == "" {
		path = "padan.db"
	}
	o := tm.Options{OnReindex: func() {
		fmt.Fprintln(c.App.ErrWriter, u.T("MemoryReindexing", map[string]any{"File": tm.Redact(path)}))
	}}
	s, err := tm.OpenWith(c.Context, path, o)
	if err == nil {
		return s, nil
	}
	data := map[string]any{"File": tm.Redact(path), "Folder": filepath.Dir(path), "Error": err.Error()}
	switch {
	case errors.Is(err, tm.ErrNoBackend):
		return nil, u.Fail("TMNoPostgres", data, err)
	case errors.Is(err, tm.ErrNoFolder):
		return nil, u.Fail("TMNoFolder", data, err)
	case errors.Is(err, tm.ErrNotDatabase):
		return nil, u.Fail("TMNotDatabase", data, err)
	case errors.Is(err, tm.ErrTooNew):
		return nil, u.Fail("TMTooNew", data, err)
	}
	return nil, u.Fail("TMOpenFailed", data, err)
}

// tmFailure localizes an error of the tm package. file names the --from
// file, for errors about its lines.
func tmFailure(u *ui, err error, file string) error {
	var (
		le  *tm.LineError
		se  *tm.SegmentError
		de  *tm.DocumentError
		lge *tm.LanguageError
		nte *tm.NotTranslatedError
		me  *tm.MissingError
	)
	switch {
	case errors.As(err, &le):
		id := map[error]string{tm.ErrNoTab: "TMLineNoTab", tm.ErrBadIndex: "TMLineBadIndex",
			tm.ErrBadEscape: "TMLineBadEscape", tm.ErrEmptyText: "TMLineEmpty", tm.ErrInvalidUTF8: "TMLineUTF8"}[le.Err]
		if id == "" {
			id = "TMLineBad"
		}
		return u.Fail(id, map[string]any{"File": le.File, "Line": le.Line, "Error": le.Err.Error()}, err)
	case errors.As(err, &se) && se.Line > 0:
		return u.Fail("TMNoSegmentLine", map[string]any{"File": file, "Line": se.Line, "Doc": se.Document, "Index": se.Index, "Count": se.Count}, err)
	case errors.As(err, &se):
		return u.Fail("TMNoSegment", map[string]any{"Doc": se.Document, "Index": se.Index, "Count": se.Count}, err)
	case errors.As(err, &de):
		return u.Fail("TMNoDocument", map[string]any{"Doc": de.Ref}, err)
	case errors.As(err, &lge) && len(lge.Have) == 0:
		return u.Fail("TMNoTranslationYet", map[string]any{"Doc": lge.Document, "Lang": lge.Language}, err)
	case errors.As(err, &lge):
		return u.Fail("TMNoLanguage", map[string]any{"Doc": lge.Document, "Lang": lge.Language, "Have": strings.Join(lge.Have, ", ")}, err)
	case errors.As(err, &nte):
		return u.Fail("TMNotTranslated", map[string]any{"Doc": nte.Document, "Lang": nte.Language, "Index": nte.Index}, err)
	case errors.As(err, &me):
		list := make([]string, len(me.Indexes))
		for i, n := range me.Indexes {
			list[i] = strconv.Itoa(n)
		}
		return u.Fail("TMMissing", map[string]any{"Doc": me.Document, "Lang": me.Language, "Stage": me.Stage,
			"List": strings.Join(list, ", "), "Count": len(me.Indexes)}, err)
	case errors.Is(err, tm.ErrLanguageChanged):
		return u.Fail("TMLanguageChanged", map[string]any{"Error": err.Error()}, err)
	}
	return u.Fail("TMFailed", map[string]any{"Error": err.Error()}, err)
}

// langFlag reads a language flag (--lang): a malformed tag is a usage error
// (exit 2), a well-formed tag naming no known language a failure (exit 1).
// It returns the canonical tag.
func langFlag(c *cli.Context, u *ui, flag string) (string, error) {
	v := c.String(flag)
	if v == "" {
		cmd := c.Command.FullName()
		return "", u.usageFor(cmd, "TMLangRequired", map[string]any{"Flag": flag})
	}
	_, err := language.Parse(v)
	var ve interface{ Subtag() string }
	if errors.As(err, &ve) && !strings.Contains(v, "_") {
		return "", u.Fail("TMLangUnknown", map[string]any{"Flag": flag, "Value": v}, err)
	}
	tag, err := u.parseLang(flag, v)
	if err != nil {
		return "", err
	}
	return tag.String(), nil
}

// segArg reads a 1-based segment number argument.
func segArg(c *cli.Context, u *ui, s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		cmd := c.Command.FullName()
		return 0, u.usageFor(cmd, "TMSegInvalid", map[string]any{"Value": s})
	}
	return n, nil
}

// formatFlag reads --format, one of allowed.
func formatFlag(c *cli.Context, u *ui, allowed ...string) (string, error) {
	v := c.String("format")
	for _, a := range allowed {
		if v == a {
			return v, nil
		}
	}
	cmd := c.Command.FullName()
	return "", u.usageFor(cmd, "TMFormatInvalid", map[string]any{"Value": v, "Allowed": strings.Join(allowed, ", ")})
}

// defaultAuthor is who a revision is by when --by is not given: the
// document's credited person for the role (metadata key "translator" or
// "editor"), else PADAN_USER, else the operating-system user.
func defaultAuthor(u *ui, doc tm.Document, key string) string {
	if v := strings.TrimSpace(doc.Metadata[key]); v != "" {
		return v
	}
	if v := strings.TrimSpace(u.Getenv("PADAN_USER")); v != "" {
		return v
	}
	if cu, err := user.Current(); err == nil {
		if cu.Name != "" {
			return cu.Name
		}
		return cu.Username
	}
	return ""
}

// statusLabel is a status in the interface language.
func statusLabel(u *ui, s tm.Status) string {
	switch s {
	case tm.StatusInitial:
		return u.T("TMStatusInitial")
	case tm.StatusTranslated:
		return u.T("TMStatusTranslated")
	case tm.StatusReviewed:
		return u.T("TMStatusReviewed")
	case tm.StatusFinal:
		return u.T("TMStatusFinal")
	}
	return string(s)
}
