package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/exchange"
	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/tmx"
	"github.com/padan-tm/padan/exports/xliff"
	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/workflow"
)

func init() { register(newExportCommand) }

// exportName is the command's name, for usage errors.
const exportName = "export"

// newExportCommand is `padan export DOC|--all --format tmx|xliff12|xliff20
// --lang TAG [--stage translator|editor|latest] [--status S]... [-o FILE]`:
// write a document's translation (or every document's) as a TMX memory or
// an XLIFF file for a CAT tool.
func newExportCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        exportName,
		Usage:       u.T("ExportUsage"),
		ArgsUsage:   u.T("ExportArgs"),
		Description: u.T("ExportDescription"),
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "all", Usage: u.T("ExportFlagAll")},
			&cli.StringFlag{Name: "format", Usage: u.T("ExportFlagFormat")},
			&cli.StringFlag{Name: "lang", Usage: u.T("FlagDocLang")},
			&cli.StringFlag{Name: "stage", Value: "latest", Usage: u.T("ExportFlagStage")},
			&cli.StringSliceFlag{Name: "status", Usage: u.T("ExportFlagStatus")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: u.T("ExportFlagOutput")},
			&cli.BoolFlag{Name: "copy-source", Usage: u.T("ExportFlagCopySource")},
			&cli.BoolFlag{Name: "include-proposals", Usage: u.T("ExportFlagIncludeProposals")},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: u.T("ExportFlagQuiet")},
		},
		Action: func(c *cli.Context) error {
			opts, err := exportOptionsOf(c, u)
			if err != nil {
				return err
			}
			return exportRun(c, u, opts)
		},
	}
}

// unitWriter is what the TMX and XLIFF writers have in common.
type unitWriter interface {
	Write(exports.Unit) error
	Close() error
}

// exportOptions is what `padan export` was asked for, checked.
type exportOptions struct {
	doc      string // the document's name or ID; "" with all
	all      bool   // every document
	format   string // tmx, xliff12 or xliff20
	lang     string // the target language; "" for the document's one
	stage    tm.Stage
	statuses map[exports.Status]bool // only these; none: every status
	output   string                  // the file; "" or "-": standard output
	// copySource (XLIFF 1.2) and proposals (TMX) are passed to the
	// writer and to exchange.ExportUnit.
	copySource, proposals bool
	quiet                 bool
}

// exportOptionsOf reads the export command's arguments and flags; any that
// do not fit together is a usage error.
func exportOptionsOf(c *cli.Context, u *ui) (exportOptions, error) {
	o := exportOptions{all: c.Bool("all"), doc: c.Args().First(), output: c.String("output"),
		copySource: c.Bool("copy-source"), proposals: c.Bool("include-proposals"), quiet: c.Bool("quiet")}
	if o.all {
		if err := needArgs(c, u, 0, 0); err != nil {
			return o, err
		}
	} else if err := needArgs(c, u, 1, 1); err != nil {
		return o, err
	}
	if c.String("format") == "" {
		return o, u.usageFor(exportName, "ExportFormatRequired", nil)
	}
	var err error
	if o.format, err = formatFlag(c, u, "tmx", "xliff12", "xliff20"); err != nil {
		return o, err
	}
	o.lang, err = docLangFlag(c, u)
	if err == nil && o.all && o.lang == "" {
		// Documents may differ: --all needs the language.
		o.lang, err = langFlag(c, u, "lang")
	}
	if err != nil {
		return o, err
	}
	o.stage = tm.Stage(c.String("stage"))
	if o.stage != tm.StageTranslator && o.stage != tm.StageEditor && o.stage != tm.StageLatest {
		return o, u.usageFor(exportName, "ExportStageInvalid", map[string]any{"Value": string(o.stage)})
	}
	o.statuses = map[exports.Status]bool{}
	for _, v := range c.StringSlice("status") {
		for _, w := range strings.Split(v, ",") {
			s, err := workflow.ParseStatus(strings.TrimSpace(w))
			if err != nil {
				return o, u.usageFor(exportName, "ExportStatusInvalid", map[string]any{"Value": w})
			}
			o.statuses[s] = true
		}
	}
	if o.copySource && o.format != "xliff12" {
		return o, u.usageFor(exportName, "ExportCopySourceFormat", nil)
	}
	if o.proposals && o.format != "tmx" {
		return o, u.usageFor(exportName, "ExportProposalsFormat", nil)
	}
	return o, nil
}

// exportRun writes the documents opts names, unit by unit, into one file.
func exportRun(c *cli.Context, u *ui, opts exportOptions) error {
	s, err := openReadStore(c, u)
	if err != nil {
		return err
	}
	defer s.Close()
	docs, err := exportDocuments(c, u, s, &opts)
	if err != nil {
		return err
	}
	srcLang := docs[0].Language
	total := 0
	for _, d := range docs {
		total += d.Units
	}
	out, commit, abort, err := outputFile(c, u, opts.output)
	if err != nil {
		return err
	}
	defer abort()
	w, err := newUnitWriter(out, opts, srcLang)
	if err != nil {
		return u.Fail("ExportFailed", map[string]any{"Error": u.errorText(err)}, err)
	}
	eo := exchange.ExportOptions{Stage: opts.stage, Proposals: opts.proposals}
	bar := newProgress(c, u, total, "ExportProgress", false)
	written := 0
	for _, d := range docs {
		// The units stream from the database into the writer: memory holds
		// the units read ahead (about 1,500), whatever the document's size.
		var failure error
		err := s.EachUnit(c.Context, d, opts.lang, false, func(tu *tm.Unit) error {
			bar.Add(1)
			eu, err := exchange.ExportUnit(d, opts.lang, tu, eo)
			if err != nil {
				failure = u.Fail("ExportFailed", map[string]any{"Error": u.errorText(err)}, err)
				return failure
			}
			if len(opts.statuses) > 0 && !opts.statuses[eu.Status] || opts.format == "tmx" && eu.Target == "" {
				return nil
			}
			if err := w.Write(eu); err != nil {
				failure = exportWriteFailure(u, d.Name, eu.Segment, err)
				return failure
			}
			written++
			return nil
		})
		if failure != nil {
			return failure
		}
		if err != nil {
			return tmFailure(u, err, "")
		}
	}
	bar.Finish()
	if written == 0 {
		return u.Fail("ExportNothing", map[string]any{"Lang": opts.lang}, nil)
	}
	if err := w.Close(); err != nil {
		return u.Fail("ExportFailed", map[string]any{"Error": u.errorText(err)}, err)
	}
	if err := commit(); err != nil {
		return err
	}
	if name := opts.output; !isStdout(name) && !opts.quiet {
		fmt.Fprintln(c.App.Writer, u.T("ExportDone", map[string]any{"Count": written, "File": name, "Docs": len(docs), "Format": opts.format}))
	}
	return nil
}

// exportDocuments returns the documents to export: every one, or the one
// named (whose target language, when opts gives none, it sets). XLIFF
// files have one source language, which every document must share.
func exportDocuments(c *cli.Context, u *ui, s *tm.Store, opts *exportOptions) ([]tm.Document, error) {
	var docs []tm.Document
	var err error
	if opts.all {
		if docs, err = s.Documents(c.Context); err != nil {
			return nil, tmFailure(u, err, "")
		}
	} else {
		if opts.lang, err = docLanguage(c, u, s, opts.doc, opts.lang); err != nil {
			return nil, err
		}
		// The head alone: the document's languages and word count would
		// take a pass over all of its units and revisions.
		doc, err := s.DocumentHead(c.Context, opts.doc)
		if err != nil {
			return nil, tmFailure(u, err, "")
		}
		docs = []tm.Document{doc}
	}
	if len(docs) == 0 {
		return nil, u.Fail("ExportNoDocuments", nil, nil)
	}
	for _, d := range docs {
		if opts.format != "tmx" && d.Language != docs[0].Language {
			return nil, u.Fail("ExportMixedLanguages", map[string]any{"Doc": d.Name, "Lang": d.Language, "First": docs[0].Name, "FirstLang": docs[0].Language}, nil)
		}
	}
	return docs, nil
}

// newUnitWriter returns the writer of opts.format, from srcLang into
// opts.lang, on out.
func newUnitWriter(out io.Writer, opts exportOptions, srcLang string) (unitWriter, error) {
	switch opts.format {
	case "tmx":
		return tmx.NewWriter(out, tmx.Header{SrcLang: srcLang, CreationToolVersion: version})
	case "xliff12":
		return xliff.NewWriter12(out, xliff.Options{SourceLang: srcLang, TargetLang: opts.lang, ToolVersion: version, CopySource: opts.copySource})
	}
	return xliff.NewWriter20(out, xliff.Options{SourceLang: srcLang, TargetLang: opts.lang, ToolVersion: version})
}

// exportWriteFailure explains why a writer refused a unit.
func exportWriteFailure(u *ui, doc string, seg int, err error) error {
	var te *exports.TextError
	data := map[string]any{"Doc": doc, "Index": seg, "Error": u.errorText(err)}
	var le *exports.LimitError
	if errors.As(err, &le) {
		data["Field"], data["Size"], data["Limit"] = le.Field, le.Size, mebibytes(int64(le.Limit))
		return u.Fail("ExportTooLarge", data, err)
	}
	if errors.As(err, &te) {
		data["Field"] = te.Field
		if errors.Is(err, exports.ErrInvalidUTF8) {
			return u.Fail("ExportInvalidText", data, err)
		}
		if errors.Is(err, exports.ErrNotXMLChar) {
			data["Char"] = "U+" + strings.ToUpper(strconv.FormatInt(int64(te.Rune), 16))
			return u.Fail("ExportControlChar", data, err)
		}
	}
	return u.Fail("ExportUnitFailed", data, err)
}
