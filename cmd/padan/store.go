package main

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/tm"
)

// dbMode is how a command opens the database.
type dbMode int

const (
	// dbCreate is for commands that write: the database is created on
	// first use.
	dbCreate dbMode = iota
	// dbExisting is for commands that may write but have nothing to do
	// without a database (next --interactive): none is created.
	dbExisting
	// dbRead is for commands that only read: none is created, and a
	// database in a read-only file or folder can be read.
	dbRead
	// dbInit is padan db init's: the only mode that creates or migrates
	// a PostgreSQL database's schema (the others run no DDL there, so
	// that the desk's roles need none).
	dbInit
)

// openStore opens the database named by the global --db flag (or PADAN_DB;
// default padan.db) for a command that writes, creating it on first use.
// Its errors are localized.
func openStore(c *cli.Context, u *ui) (*tm.Store, error) { return openDB(c, u, dbCreate) }

// openReadStore opens the database for a command that only reads: where
// there is none it fails naming the path, and creates nothing.
func openReadStore(c *cli.Context, u *ui) (*tm.Store, error) { return openDB(c, u, dbRead) }

// defaultWait is how long a command waits for another padan process's
// write to end, unless PADAN_BUSY_TIMEOUT says otherwise.
const defaultWait = 10 * time.Minute

// openDB opens the database in the given mode. A write that has to wait
// for another process says so on standard error when it is a terminal.
func openDB(c *cli.Context, u *ui, mode dbMode) (*tm.Store, error) {
	return openPath(c, u, dbPath(c), mode)
}

// openPath opens the database at path (a file's path or a postgres://
// URL) in the given mode; its errors are localized and name the database
// without its password.
func openPath(c *cli.Context, u *ui, path string, mode dbMode) (*tm.Store, error) {
	u.dbPath = tm.Redact(path)
	cmd := c.Command.FullName()
	data := map[string]any{"File": tm.Redact(path), "Folder": filepath.Dir(path), "Error": ""}
	if tm.IsURL(path) {
		// A database server: nothing to look at on disk.
	} else if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		data["Example"] = filepath.Join(path, "padan.db")
		return nil, u.usageFor(cmd, "DBIsFolder", data)
	} else if mode == dbExisting && (err != nil || fi.Size() == 0) {
		return nil, u.Fail("TMNoDatabase", data, tm.ErrNoDatabase)
	}
	wait, err := busyTimeout(u)
	if err != nil {
		return nil, u.usageFor(cmd, "BusyTimeoutInvalid", map[string]any{"Value": u.Getenv("PADAN_BUSY_TIMEOUT")})
	}
	o := tm.Options{ReadOnly: mode == dbRead, Wait: wait, NoMigrate: mode != dbInit}
	if isTerminal(c.App.ErrWriter) {
		o.OnWait = func() { fmt.Fprintln(c.App.ErrWriter, u.T("TMWaiting", map[string]any{"File": tm.Redact(path)})) }
	}
	o.OnReindex = func() {
		fmt.Fprintln(c.App.ErrWriter, u.T("MemoryReindexing", map[string]any{"File": tm.Redact(path)}))
	}
	s, err := tm.OpenWith(c.Context, path, o)
	if err == nil {
		return s, nil
	}
	data["Error"] = u.errorText(err)
	switch {
	case errors.Is(err, tm.ErrNoBackend):
		return nil, u.Fail("TMNoPostgres", data, err)
	case errors.Is(err, tm.ErrNoDatabase):
		return nil, u.Fail("TMNoDatabase", data, err)
	case errors.Is(err, tm.ErrNoFolder):
		return nil, u.Fail("TMNoFolder", data, err)
	case errors.Is(err, tm.ErrNotDatabase):
		return nil, u.Fail("TMNotDatabase", data, err)
	case errors.Is(err, tm.ErrTooNew):
		return nil, u.Fail("TMTooNew", data, err)
	case errors.Is(err, tm.ErrBehind):
		return nil, u.Fail("DBBehind", data, err)
	case errors.Is(err, tm.ErrReadOnly), errors.Is(err, tm.ErrBusy):
		return nil, err // report says so, naming the database
	}
	return nil, u.Fail("TMOpenFailed", data, err)
}

// dbPath is the database the global --db flag (or PADAN_DB) names, by
// default padan.db.
func dbPath(c *cli.Context) string {
	if path := c.String("db"); path != "" {
		return path
	}
	return "padan.db"
}

// databaseFiles returns the files of the database openStore opens, which
// no output may replace: the database file and SQLite's -wal, -shm and
// -journal files beside it (by the path given and, when that is a
// symbolic link, by its target, whose name SQLite uses). A database on a
// server (a URL) has no files here, and gives none.
func databaseFiles(c *cli.Context) []string {
	path := dbPath(c)
	if strings.Contains(path, "://") {
		return nil
	}
	paths := []string{path}
	if real, err := resolveLinks(path); err == nil {
		paths = append(paths, real)
	}
	var files []string
	for _, p := range paths {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			files = append(files, p+suffix)
		}
	}
	return files
}

// busyTimeout is PADAN_BUSY_TIMEOUT (a Go duration such as 90s or 5m), else
// defaultWait.
func busyTimeout(u *ui) (time.Duration, error) {
	v := strings.TrimSpace(u.Getenv("PADAN_BUSY_TIMEOUT"))
	if v == "" {
		return defaultWait, nil
	}
	d, err := time.ParseDuration(v)
	if err == nil && d <= 0 {
		err = errors.New("not positive")
	}
	return d, err
}

// shortDuration writes d as Go does, without zero minutes and seconds:
// 10m, not 10m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	s, _ = strings.CutSuffix(s, "m0s")
	if len(s) < len(d.String()) {
		s += "m"
	}
	if t, ok := strings.CutSuffix(s, "h0m"); ok {
		s = t + "h"
	}
	return s
}

// storeProblem localizes the errors that any command touching the database
// may meet, wherever they arise: a database that cannot be written, and
// another process that kept it locked for too long. It reports false for
// other errors.
func storeProblem(u *ui, err error) (string, bool) {
	var be *tm.BusyError
	switch {
	case errors.As(err, &be):
		return u.T("TMBusy", map[string]any{"File": u.dbPath, "Wait": shortDuration(be.Wait)}), true
	case errors.Is(err, tm.ErrReadOnly):
		return u.T("TMReadOnly", map[string]any{"File": u.dbPath}), true
	}
	return "", false
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
	if ferr := dataFailure(u, err, file); ferr != nil {
		return ferr
	}
	switch {
	case errors.As(err, &le):
		return lineFailure(u, le, err)
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
		return u.Fail("TMMissing", map[string]any{"Doc": me.Document, "Lang": me.Language, "Stage": stageLabel(u, me.Stage),
			"List": strings.Join(list, ", "), "Count": len(me.Indexes)}, err)
	case errors.Is(err, tm.ErrLanguageChanged):
		return u.Fail("TMLanguageChanged", map[string]any{"Error": u.errorText(err)}, err)
	case errors.Is(err, tm.ErrOwnerOnly):
		return u.Fail("DBOwnerOnly", map[string]any{"Error": u.errorText(err)}, err)
	}
	return u.Fail("TMFailed", map[string]any{"Error": u.errorText(err)}, err)
}

// langFlag reads a language flag (--lang): a malformed tag, or one naming
// no known language, is a usage error (exit 2). It returns the canonical
// tag.
func langFlag(c *cli.Context, u *ui, flag string) (string, error) {
	v := c.String(flag)
	if v == "" {
		cmd := commandPath(c)
		return "", u.usageFor(cmd, "TMLangRequired", map[string]any{"Flag": flag})
	}
	tag, err := u.parseLang(flag, v)
	if err != nil {
		return "", err
	}
	return tag.String(), nil
}

// docLangFlag reads --lang where it may be left out because the document
// has one target language (see docLanguage): "" when it is not given.
func docLangFlag(c *cli.Context, u *ui) (string, error) {
	if c.String("lang") == "" {
		return "", nil
	}
	return langFlag(c, u, "lang")
}

// docLanguage returns lang, or when it is "" (no --lang) the language the
// document ref is translated into, when it has exactly one. With none, or
// several, --lang is needed: a usage error that lists the languages.
func docLanguage(c *cli.Context, u *ui, s *tm.Store, ref, lang string) (string, error) {
	if lang != "" {
		return lang, nil
	}
	doc, err := s.Document(c.Context, ref)
	if err != nil {
		return "", tmFailure(u, err, "")
	}
	cmd := c.Command.FullName()
	switch len(doc.Languages) {
	case 1:
		return doc.Languages[0], nil
	case 0:
		return "", u.usageFor(cmd, "DocLangNone", map[string]any{"Doc": doc.Name})
	}
	return "", u.usageFor(cmd, "DocLangChoose", map[string]any{"Doc": doc.Name, "Langs": strings.Join(doc.Languages, ", ")})
}

// segArg reads a 1-based segment number argument.
func segArg(c *cli.Context, u *ui, s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		cmd := commandPath(c)
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
	cmd := commandPath(c)
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

// stageLabel names a stage (--stage translator, editor, latest) in the
// interface language, for prose: "no editor translation", "belum memiliki
// terjemahan dari penyunting".
func stageLabel(u *ui, s tm.Stage) string {
	switch s {
	case tm.StageTranslator:
		return u.T("TMStageTranslator")
	case tm.StageEditor:
		return u.T("TMStageEditor")
	case tm.StageLatest:
		return u.T("TMStageLatest")
	}
	return string(s)
}

// stageVersion names a stage as a version (the check summary's "berita
// (en, latest)", "versi terbaru" in Indonesian).
func stageVersion(u *ui, s tm.Stage) string {
	switch s {
	case tm.StageTranslator:
		return u.T("TMStageVersionTranslator")
	case tm.StageEditor:
		return u.T("TMStageVersionEditor")
	case tm.StageLatest:
		return u.T("TMStageVersionLatest")
	}
	return string(s)
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

// lineFailure localizes the error of one line of a SEG<TAB>TEXT file.
func lineFailure(u *ui, le *tm.LineError, err error) error {
	d := map[string]any{"File": le.File, "Line": le.Line, "Error": le.Err.Error()}
	switch le.Err {
	case tm.ErrNoTab:
		return u.Fail("TMLineNoTab", d, err)
	case tm.ErrBadIndex:
		return u.Fail("TMLineBadIndex", d, err)
	case tm.ErrBadEscape:
		return u.Fail("TMLineBadEscape", d, err)
	case tm.ErrEmptyText:
		return u.Fail("TMLineEmpty", d, err)
	case tm.ErrInvalidUTF8:
		return u.Fail("TMLineUTF8", d, err)
	case tm.ErrNUL:
		return u.Fail("TMLineNUL", d, err)
	}
	return u.Fail("TMLineBad", d, err)
}
