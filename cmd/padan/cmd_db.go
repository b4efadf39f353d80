package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/tm"
)

func init() { register(newDBCommand) }

// newDBCommand is `padan db SUBCOMMAND`: look after the database itself.
// Each subcommand has its own constructor below.
func newDBCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "db",
		Usage:       u.T("DBUsage"),
		Subcommands: []*cli.Command{newDBInitCommand(u), newDBCopyCommand(u), newDBCheckCommand(u)},
	}
}

// newDBCheckCommand is `padan db check [--repair] [--by NAME] [--format
// text|json]`: report the stored values holding characters that padan no
// longer stores (control characters in names and notes, bytes that are not
// UTF-8), and with --repair rewrite them, in one transaction that the
// database records.
func newDBCheckCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "check",
		Usage:       u.T("DBCheckUsage"),
		Description: u.T("DBCheckDescription"),
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "repair", Usage: u.T("DBCheckFlagRepair")},
			&cli.StringFlag{Name: "by", Usage: u.T("DBCheckFlagBy")},
			&cli.StringFlag{Name: "format", Value: "text", Usage: u.T("TMFlagFormat")},
		},
		Action: func(c *cli.Context) error { return dbCheckRun(c, u) },
	}
}

// dbProblemJSON is one problem in `padan db check --format json`.
type dbProblemJSON struct {
	Table    string `json:"table"`
	Row      string `json:"row"`
	Document string `json:"document,omitempty"`
	Segment  int    `json:"segment,omitempty"`
	Field    string `json:"field"`
	Offset   int    `json:"offset"`
	Char     string `json:"char"`
	Value    string `json:"value"`
	Repaired string `json:"repaired"`
}

func dbCheckRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 0, 0); err != nil {
		return err
	}
	format, err := formatFlag(c, u, "text", "json")
	if err != nil {
		return err
	}
	s, err := openStore(c, u)
	if err != nil {
		return err
	}
	defer s.Close()
	repair := c.Bool("repair")
	var problems []tm.StoredProblem
	if repair {
		by := strings.TrimSpace(c.String("by"))
		if by == "" {
			by = defaultAuthor(u, tm.Document{}, "")
		}
		problems, err = s.RepairFields(c.Context, by)
	} else {
		problems, err = s.CheckFields(c.Context)
	}
	if err != nil {
		return tmFailure(u, err, "")
	}
	// The storage (SQLite: integrity_check and the concordance index) and
	// the memory's index, on every backend.
	storage, err := s.IntegrityCheck(c.Context)
	if err != nil {
		return tmFailure(u, err, "")
	}
	mem, err := s.CheckMemory(c.Context)
	if err != nil {
		return tmFailure(u, err, "")
	}
	sound := storage == "ok" && mem.OK()
	char := func(p tm.StoredProblem) string {
		if p.Rune < 0 {
			return "-" // no character is at fault (tm.WordsField)
		}
		if p.Rune == utf8.RuneError {
			return u.T("DataInvalidByte")
		}
		return tm.CharName(p.Rune)
	}
	if format == "json" {
		out := []dbProblemJSON{}
		for _, p := range problems {
			out = append(out, dbProblemJSON{p.Table, p.Row, p.Document, p.Segment, p.Field, p.Offset, char(p), p.Value, p.Repaired})
		}
		if err := tmJSON(c.App.Writer, map[string]any{"repaired": repair, "problems": out,
			"storage": storage, "memory": dbMemoryJSON{mem.OK(), mem.Entries, mem.Expected, mem.Postings, mem.Stale, mem.Missing, mem.BadDF, mem.BadKeys}}); err != nil {
			return err
		}
	} else {
		dbCheckIntegrityText(c, u, storage, mem)
	}
	if format == "text" && len(problems) > 0 {
		tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, u.T("DBCheckHeader"))
		for _, p := range problems {
			doc, seg := "-", "-"
			if p.Document != "" {
				doc = visible(p.Document)
			}
			if p.Segment > 0 {
				seg = strconv.Itoa(p.Segment)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.Table, p.Row, doc, seg, p.Field, char(p), visible(p.Repaired))
		}
		tw.Flush()
	}
	switch {
	case len(problems) == 0:
		if format == "text" {
			fmt.Fprintln(c.App.Writer, u.T("DBCheckClean"))
		}
	case repair:
		if format == "text" {
			fmt.Fprintln(c.App.Writer, u.T("DBCheckRepaired", map[string]any{"Count": len(problems)}))
		}
	default:
		if !sound {
			return u.Fail("DBCheckUnsound", nil, nil)
		}
		if slices.ContainsFunc(problems, func(p tm.StoredProblem) bool { return p.Field == tm.WordsField }) {
			return u.Fail("DBCheckFoundWords", map[string]any{"Count": len(problems)}, nil)
		}
		return u.Fail("DBCheckFound", map[string]any{"Count": len(problems)}, nil)
	}
	if !sound {
		return u.Fail("DBCheckUnsound", nil, nil)
	}
	return nil
}

// dbMemoryJSON is the memory index's check in `padan db check --format
// json`.
type dbMemoryJSON struct {
	OK       bool `json:"ok"`
	Entries  int  `json:"entries"`
	Expected int  `json:"expected_postings"`
	Postings int  `json:"postings"`
	Stale    int  `json:"stale_postings"`
	Missing  int  `json:"missing_postings"`
	BadDF    int  `json:"wrong_frequencies"`
	BadKeys  int  `json:"wrong_key_lists"`
}

// dbCheckIntegrityText prints what db check found of the storage and the
// memory's index: one line when both are sound, else a line for each
// problem.
func dbCheckIntegrityText(c *cli.Context, u *ui, storage string, mem tm.MemoryReport) {
	w := c.App.Writer
	if storage == "ok" && mem.OK() {
		fmt.Fprintln(w, u.T("DBCheckSound", map[string]any{"Count": mem.Entries}))
		return
	}
	if storage != "ok" {
		fmt.Fprintln(w, u.T("DBCheckStorage", map[string]any{"Report": tm.Visible(storage)}))
	}
	if !mem.OK() {
		fmt.Fprintln(w, u.T("DBCheckMemory", map[string]any{"Entries": mem.Entries, "Expected": mem.Expected,
			"Postings": mem.Postings, "Stale": mem.Stale, "Missing": mem.Missing, "BadDF": mem.BadDF, "BadKeys": mem.BadKeys}))
	}
}
