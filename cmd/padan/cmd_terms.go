package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/exports/tbx"
	"github.com/padan-tm/padan/terms"
	"github.com/padan-tm/padan/tm"
)

func init() { register(newTermsCommand) }

// newTermsCommand is `padan terms import|add|list|export`: the desk's term
// base.
func newTermsCommand(u *ui) *cli.Command {
	langFlags := func(def bool) []cli.Flag {
		src, tgt := "", ""
		if def {
			src, tgt = "id", "en"
		}
		return []cli.Flag{
			&cli.StringFlag{Name: "source-lang", Value: src, Usage: u.T("TermsFlagSourceLang")},
			&cli.StringFlag{Name: "target-lang", Value: tgt, Usage: u.T("TermsFlagTargetLang")},
		}
	}
	return &cli.Command{
		Name:      "terms",
		Usage:     u.T("TermsUsage"),
		ArgsUsage: "import|add|list|export",
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return u.usageFor("terms", "UnknownCommand", map[string]any{"Command": "terms " + c.Args().First()})
			}
			return cli.ShowSubcommandHelp(c)
		},
		Description: u.T("TermsDescription"),
		Subcommands: []*cli.Command{
			{
				Name: "import", Usage: u.T("TermsImportUsage"), ArgsUsage: u.T("TermsImportArgs"),
				Description: u.T("TermsImportDescription"),
				Flags: append(langFlags(true),
					&cli.StringFlag{Name: "by", Usage: u.T("TermsFlagBy")},
					&cli.StringFlag{Name: "format", Usage: u.T("TermsFlagImportFormat")}),
				Action: func(c *cli.Context) error { return termsImportRun(c, u) },
			},
			{
				Name: "add", Usage: u.T("TermsAddUsage"), ArgsUsage: u.T("TermsAddArgs"),
				Flags: append(langFlags(true),
					&cli.StringFlag{Name: "note", Usage: u.T("TermsFlagNote")},
					&cli.BoolFlag{Name: "forbidden", Usage: u.T("TermsFlagForbidden")},
					&cli.BoolFlag{Name: "admitted", Usage: u.T("TermsFlagAdmitted")},
					&cli.StringFlag{Name: "by", Usage: u.T("TermsFlagBy")}),
				Action: func(c *cli.Context) error { return termsAddRun(c, u) },
			},
			{
				Name: "list", Usage: u.T("TermsListUsage"),
				Flags:  append(langFlags(false), &cli.StringFlag{Name: "format", Value: "text", Usage: u.T("TermsFlagListFormat")}),
				Action: func(c *cli.Context) error { return termsListRun(c, u, false) },
			},
			{
				Name: "export", Usage: u.T("TermsExportUsage"),
				Flags: append(langFlags(true),
					&cli.StringFlag{Name: "format", Value: "tbx", Usage: u.T("TermsFlagExportFormat")},
					&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: u.T("TermsFlagOutput")}),
				Action: func(c *cli.Context) error { return termsListRun(c, u, true) },
			},
		},
	}
}

// termsAuthor is who adds terms: --by, else PADAN_USER, else the OS user.
func termsAuthor(c *cli.Context, u *ui) (string, error) {
	if by := strings.TrimSpace(c.String("by")); by != "" {
		return by, nil
	}
	if a := defaultAuthor(u, tm.Document{}, ""); a != "" {
		return a, nil
	}
	return "", u.Fail("TMNoAuthor", nil, nil)
}

// termsLangs reads --source-lang and --target-lang.
func termsLangs(c *cli.Context, u *ui, required bool) (src, tgt string, err error) {
	if !required && c.String("source-lang") == "" && c.String("target-lang") == "" {
		return "", "", nil
	}
	if src, err = langFlag(c, u, "source-lang"); err != nil {
		return "", "", err
	}
	if tgt, err = langFlag(c, u, "target-lang"); err != nil {
		return "", "", err
	}
	return src, tgt, nil
}

func termsImportRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 1, 1); err != nil {
		return err
	}
	src, tgt, err := termsLangs(c, u, true)
	if err != nil {
		return err
	}
	path := c.Args().First()
	name := path
	var in io.Reader
	if path == "-" {
		name, in = u.T("StdinName"), c.App.Reader
	} else {
		f, err := os.Open(path)
		if err != nil {
			return u.Fail("ReadFailed", map[string]any{"File": path, "Error": u.errorText(err)}, err)
		}
		defer f.Close()
		in = f
	}
	br := bufio.NewReader(in)
	format := c.String("format")
	if format == "" {
		format = sniffTermsFormat(path, br)
	}
	var rows []tm.Term
	switch format {
	case "tbx":
		rows, err = readTBXTerms(br, name, src, tgt)
	case "csv", "tsv":
		sep := ','
		if format == "tsv" {
			sep = '\t'
		}
		var es []terms.Entry
		es, err = terms.ReadGlossary(br, name, sep)
		for _, e := range es {
			rows = append(rows, entryRows(e)...)
		}
	default:
		return u.usageFor(commandPath(c), "TMFormatInvalid", map[string]any{"Value": format, "Allowed": "tbx, csv, tsv"})
	}
	if err != nil {
		return termsFileFailure(u, err)
	}
	if len(rows) == 0 {
		return u.Fail("TermsNoneFound", map[string]any{"File": name, "SourceLang": src, "TargetLang": tgt}, nil)
	}
	author, err := termsAuthor(c, u)
	if err != nil {
		return err
	}
	store, err := openStore(c, u)
	if err != nil {
		return err
	}
	defer store.Close()
	added, changed, err := store.AddTerms(c.Context, author, rows)
	if err != nil {
		return termsStoreFailure(u, err, name)
	}
	fmt.Fprintln(c.App.Writer, u.T("TermsImported", map[string]any{"File": name, "Count": added, "Changed": changed, "Total": len(rows)}))
	return nil
}

// sniffTermsFormat chooses the format of a term file by its extension,
// else by its first bytes: XML is TBX, a header with a tab TSV, else CSV.
func sniffTermsFormat(path string, br *bufio.Reader) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".tbx":
		return "tbx"
	case ".csv":
		return "csv"
	case ".tsv", ".tab":
		return "tsv"
	}
	head, _ := br.Peek(512)
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	t := bytes.TrimLeft(head, " \t\r\n")
	if bytes.HasPrefix(t, []byte("<")) || bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return "tbx"
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	if bytes.ContainsRune(line, '\t') {
		return "tsv"
	}
	return "csv"
}

// readTBXTerms reads a TBX file's terms from src into tgt: each term of a
// concept in the source language (but forbidden ones) with each term in the
// target language.
func readTBXTerms(r io.Reader, name, src, tgt string) ([]tm.Term, error) {
	rd := tbx.NewReader(r, name)
	var out []tm.Term
	for {
		cpt, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		var sources, targets []tbx.Term
		for _, ls := range cpt.Langs {
			tag, err := tm.CanonicalLanguage(ls.Lang)
			if err != nil {
				continue
			}
			switch {
			case sameLanguage(tag, src):
				for _, t := range ls.Terms {
					if t.Status != tbx.StatusForbidden {
						sources = append(sources, t)
					}
				}
			case sameLanguage(tag, tgt):
				targets = append(targets, ls.Terms...)
			}
		}
		for _, s := range sources {
			for _, t := range targets {
				note := t.Note
				if note == "" {
					note = cpt.Note
				}
				by := t.By
				if by == "" {
					by = s.By
				}
				st := t.Status
				if st == "" {
					st = tbx.StatusPreferred
				}
				out = append(out, tm.Term{SourceLang: src, TargetLang: tgt, Source: s.Text, Target: t.Text,
					Status: st, Note: note, Author: by, Created: t.Date, Line: 0})
			}
		}
	}
}

// sameLanguage compares tags on their primary language when one of them
// has no region (id matches id-ID).
func sameLanguage(a, b string) bool {
	if a == b {
		return true
	}
	pa, _, _ := strings.Cut(a, "-")
	pb, _, _ := strings.Cut(b, "-")
	return pa == pb && (!strings.Contains(a, "-") || !strings.Contains(b, "-"))
}

// entryRows turns a term-base entry into the store's rows.
func entryRows(e terms.Entry) []tm.Term {
	var out []tm.Term
	for _, t := range e.Targets {
		out = append(out, tm.Term{SourceLang: e.SourceLang, TargetLang: e.TargetLang, Source: e.Source, Target: t.Text,
			Status: t.Status.String(), Note: e.Note, Author: e.By, Created: e.Added})
	}
	return out
}

// termEntries groups the store's rows into term-base entries, one per
// language pair and source, in the rows' order.
func termEntries(rows []tm.Term) []terms.Entry {
	var out []terms.Entry
	at := map[[3]string]int{}
	for _, r := range rows {
		k := [3]string{r.SourceLang, r.TargetLang, r.Source}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, terms.Entry{SourceLang: r.SourceLang, TargetLang: r.TargetLang, Source: r.Source, Note: r.Note, By: r.Author, Added: r.Created})
		}
		st, _ := terms.ParseStatus(r.Status)
		out[i].Targets = append(out[i].Targets, terms.Translation{Text: r.Target, Status: st})
	}
	return out
}

// termsFileFailure localizes an error reading a term file.
func termsFileFailure(u *ui, err error) error {
	var fe *terms.FileError
	if errors.As(err, &fe) {
		return u.Fail("TermsBadFile", map[string]any{"File": fe.File, "Line": fe.Line, "Error": fe.Msg}, err)
	}
	return fileFailure(u, err)
}

// termsStoreFailure localizes an error of the store about terms.
func termsStoreFailure(u *ui, err error, file string) error {
	var te *tm.TermError
	if errors.As(err, &te) {
		data := map[string]any{"File": file, "Term": te.Source, "Error": te.Err.Error()}
		if errors.Is(err, tm.ErrEmpty) {
			return u.Fail("TermsEmptyTerm", data, err)
		}
		return u.Fail("TermsBadTerm", data, err)
	}
	return tmFailure(u, err, file)
}

func termsAddRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 2, 2); err != nil {
		return err
	}
	src, tgt, err := termsLangs(c, u, true)
	if err != nil {
		return err
	}
	if c.Bool("forbidden") && c.Bool("admitted") {
		return u.usageFor(commandPath(c), "TermsForbiddenAdmitted", nil)
	}
	status := "preferred"
	switch {
	case c.Bool("forbidden"):
		status = "forbidden"
	case c.Bool("admitted"):
		status = "admitted"
	}
	author, err := termsAuthor(c, u)
	if err != nil {
		return err
	}
	store, err := openStore(c, u)
	if err != nil {
		return err
	}
	defer store.Close()
	t := tm.Term{SourceLang: src, TargetLang: tgt, Source: c.Args().Get(0), Target: c.Args().Get(1), Status: status, Note: c.String("note")}
	added, _, err := store.AddTerms(c.Context, author, []tm.Term{t})
	if err != nil {
		return termsStoreFailure(u, err, "")
	}
	d := map[string]any{"Source": strings.TrimSpace(t.Source), "Target": strings.TrimSpace(t.Target), "Status": termStatusLabel(u, status)}
	if added == 0 {
		fmt.Fprintln(c.App.Writer, u.T("TermsUpdated", d))
	} else {
		fmt.Fprintln(c.App.Writer, u.T("TermsAdded", d))
	}
	return nil
}

// termStatusLabel is a term status in the interface language.
func termStatusLabel(u *ui, status string) string {
	switch status {
	case "preferred":
		return u.T("TermsStatusPreferred")
	case "admitted":
		return u.T("TermsStatusAdmitted")
	case "forbidden":
		return u.T("TermsStatusForbidden")
	}
	return status
}

// termsListRun is `terms list` (text, tsv or json on standard output) and
// `terms export` (tbx or tsv, to -o).
func termsListRun(c *cli.Context, u *ui, export bool) error {
	if err := needArgs(c, u, 0, 0); err != nil {
		return err
	}
	src, tgt, err := termsLangs(c, u, export)
	if err != nil {
		return err
	}
	var format string
	if export {
		format, err = formatFlag(c, u, "tbx", "tsv")
	} else {
		format, err = formatFlag(c, u, "text", "tsv", "json")
	}
	if err != nil {
		return err
	}
	store, err := openStore(c, u)
	if err != nil {
		return err
	}
	defer store.Close()
	rows, err := store.Terms(c.Context, src, tgt)
	if err != nil {
		return tmFailure(u, err, "")
	}
	out := c.String("output")
	w, commit, abort, err := outputFile(c, u, out)
	if err != nil {
		return err
	}
	defer abort()
	switch format {
	case "tbx":
		err = tbx.Write(w, src, tbxConcepts(rows))
	case "tsv":
		err = terms.WriteTSV(w, rowEntries(rows))
	case "json":
		err = writeTermsJSON(w, rows)
	default:
		err = writeTermsText(w, u, rows)
	}
	if err != nil {
		name := out
		if name == "" || name == "-" {
			name = u.T("DiffStdoutName")
		}
		return u.Fail("WriteFailed", map[string]any{"File": name, "Error": u.errorText(err)}, err)
	}
	if err := commit(); err != nil {
		return err
	}
	if export && out != "" && out != "-" {
		fmt.Fprintln(c.App.Writer, u.T("TermsExported", map[string]any{"File": out, "Count": len(termEntries(rows)), "Format": format}))
	}
	return nil
}

// tbxConcepts makes a TBX concept of each source term of the rows (which
// come sorted by languages and source), each translation with its status,
// note, author and date.
func tbxConcepts(rows []tm.Term) []tbx.Concept {
	var out []tbx.Concept
	for i, r := range rows {
		if i == 0 || r.SourceLang != rows[i-1].SourceLang || r.TargetLang != rows[i-1].TargetLang || r.Source != rows[i-1].Source {
			out = append(out, tbx.Concept{Langs: []tbx.LangSec{
				{Lang: r.SourceLang, Terms: []tbx.Term{{Text: r.Source, Status: tbx.StatusPreferred}}},
				{Lang: r.TargetLang}}})
		}
		c := &out[len(out)-1]
		c.Langs[1].Terms = append(c.Langs[1].Terms, tbx.Term{Text: r.Target, Status: r.Status, Note: r.Note, By: r.Author, Date: r.Created})
	}
	return out
}

// rowEntries makes one term-base entry of each row, for the TSV glossary
// (one line per translation, with its own note and author).
func rowEntries(rows []tm.Term) []terms.Entry {
	out := make([]terms.Entry, 0, len(rows))
	for _, r := range rows {
		out = append(out, termEntries([]tm.Term{r})...)
	}
	return out
}

func writeTermsText(w io.Writer, u *ui, rows []tm.Term) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, u.T("TermsListHeader"))
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.SourceLang+"→"+r.TargetLang, r.Source, r.Target,
			termStatusLabel(u, r.Status), r.Author, r.Created.UTC().Format("2006-01-02"), r.Note)
	}
	return tw.Flush()
}

// termJSON is a term as `terms list --format json` writes it.
type termJSON struct {
	SourceLang string `json:"source_lang"`
	TargetLang string `json:"target_lang"`
	Source     string `json:"source"`
	Target     string `json:"target"`
	Status     string `json:"status"`
	Note       string `json:"note,omitempty"`
	By         string `json:"by"`
	Added      string `json:"added"`
}

func writeTermsJSON(w io.Writer, rows []tm.Term) error {
	out := make([]termJSON, 0, len(rows))
	for _, r := range rows {
		out = append(out, termJSON{r.SourceLang, r.TargetLang, r.Source, r.Target, r.Status, r.Note, r.Author, r.Created.UTC().Format("2006-01-02T15:04:05Z")})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// termMatcher reads the term base from srcLang into tgtLang and returns
// its matcher (nil when the base has no such term).
func termMatcher(c *cli.Context, store *tm.Store, srcLang, tgtLang string) (*terms.Matcher, error) {
	rows, err := store.Terms(c.Context, srcLang, tgtLang)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return terms.NewMatcher(termEntries(rows), srcLang, tgtLang), nil
}

// foundTerm is a term found in a text, as lookup's JSON, next and the
// review page show it.
type foundTerm struct {
	Term         string   `json:"term"`
	Start        int      `json:"start"`
	End          int      `json:"end"`
	Translations []string `json:"translations"`
	Forbidden    []string `json:"forbidden,omitempty"`
}

// findTerms returns the terms of m found in source (nil m: none), one per
// place, agreed translations first.
func findTerms(m *terms.Matcher, source string) []foundTerm {
	if m == nil {
		return nil
	}
	var out []foundTerm
	for _, f := range m.Find(source) {
		if n := len(out); n > 0 && out[n-1].Start == f.Span.Start && out[n-1].End == f.Span.End {
			for _, t := range f.Entry.Agreed() {
				out[n-1].Translations = append(out[n-1].Translations, t.Text)
			}
			for _, t := range f.Entry.Forbidden() {
				out[n-1].Forbidden = append(out[n-1].Forbidden, t.Text)
			}
			continue
		}
		ft := foundTerm{Term: source[f.Span.Start:f.Span.End], Start: f.Span.Start, End: f.Span.End, Translations: []string{}}
		for _, t := range f.Entry.Agreed() {
			ft.Translations = append(ft.Translations, t.Text)
		}
		for _, t := range f.Entry.Forbidden() {
			ft.Forbidden = append(ft.Forbidden, t.Text)
		}
		out = append(out, ft)
	}
	return out
}

// termsLine is the terms found in a text as one line of `next` and the
// review page: "senjata → weapon / arms; sanksi → sanction".
func termsLine(u *ui, ts []foundTerm) string {
	var parts []string
	for _, t := range ts {
		s := t.Term + " → " + strings.Join(t.Translations, " / ")
		if len(t.Forbidden) > 0 {
			s += " " + u.T("TermsNotForbidden", map[string]any{"List": strings.Join(t.Forbidden, ", ")})
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}
