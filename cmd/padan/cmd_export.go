package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/tmx"
	"github.com/padan-tm/padan/exports/xliff"
	"github.com/padan-tm/padan/tm"
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
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: u.T("ExportFlagQuiet")},
		},
		Action: func(c *cli.Context) error { return exportRun(c, u) },
	}
}

// unitWriter is what the TMX and XLIFF writers have in common.
type unitWriter interface {
	Write(exports.Unit) error
	Close() error
}

func exportRun(c *cli.Context, u *ui) error {
	all := c.Bool("all")
	if all {
		if err := needArgs(c, u, 0, 0); err != nil {
			return err
		}
	} else if err := needArgs(c, u, 1, 1); err != nil {
		return err
	}
	if c.String("format") == "" {
		return u.usageFor(exportName, "ExportFormatRequired", nil)
	}
	format, err := formatFlag(c, u, "tmx", "xliff12", "xliff20")
	if err != nil {
		return err
	}
	lang, err := docLangFlag(c, u)
	if err == nil && all && lang == "" {
		// Documents may differ: --all needs the language.
		lang, err = langFlag(c, u, "lang")
	}
	if err != nil {
		return err
	}
	stage := tm.Stage(c.String("stage"))
	if stage != tm.StageTranslator && stage != tm.StageEditor && stage != tm.StageLatest {
		return u.usageFor(exportName, "ExportStageInvalid", map[string]any{"Value": string(stage)})
	}
	statuses := map[exports.Status]bool{}
	for _, v := range c.StringSlice("status") {
		for _, w := range strings.Split(v, ",") {
			s, err := exports.ParseStatus(strings.TrimSpace(w))
			if err != nil {
				return u.usageFor(exportName, "ExportStatusInvalid", map[string]any{"Value": w})
			}
			statuses[s] = true
		}
	}
	if c.Bool("copy-source") && format != "xliff12" {
		return u.usageFor(exportName, "ExportCopySourceFormat", nil)
	}

	s, err := openReadStore(c, u)
	if err != nil {
		return err
	}
	defer s.Close()
	var docs []tm.Document
	if all {
		if docs, err = s.Documents(c.Context); err != nil {
			return tmFailure(u, err, "")
		}
	} else {
		if lang, err = docLanguage(c, u, s, c.Args().First(), lang); err != nil {
			return err
		}
		// The head alone: the document's languages and word count would
		// take a pass over all of its units and revisions.
		doc, err := s.DocumentHead(c.Context, c.Args().First())
		if err != nil {
			return tmFailure(u, err, "")
		}
		docs = []tm.Document{doc}
	}
	if len(docs) == 0 {
		return u.Fail("ExportNoDocuments", nil, nil)
	}
	srcLang := docs[0].Language
	total := 0
	for _, d := range docs {
		total += d.Units
		if format != "tmx" && d.Language != srcLang {
			return u.Fail("ExportMixedLanguages", map[string]any{"Doc": d.Name, "Lang": d.Language, "First": docs[0].Name, "FirstLang": srcLang}, nil)
		}
	}

	out, commit, abort, err := outputFile(c, u, c.String("output"))
	if err != nil {
		return err
	}
	defer abort()
	var w unitWriter
	switch format {
	case "tmx":
		w, err = tmx.NewWriter(out, tmx.Header{SrcLang: srcLang, CreationToolVersion: version})
	case "xliff12":
		w, err = xliff.NewWriter12(out, xliff.Options{SourceLang: srcLang, TargetLang: lang, ToolVersion: version, CopySource: c.Bool("copy-source")})
	case "xliff20":
		w, err = xliff.NewWriter20(out, xliff.Options{SourceLang: srcLang, TargetLang: lang, ToolVersion: version})
	}
	if err != nil {
		return u.Fail("ExportFailed", map[string]any{"Error": err.Error()}, err)
	}
	bar := newProgress(c, u, total, "ExportProgress", false)
	written := 0
	for _, d := range docs {
		// The units stream from the database into the writer: memory holds
		// the units read ahead (about 1,500), whatever the document's size.
		var failure error
		err := s.EachUnit(c.Context, d, lang, false, func(tu *tm.Unit) error {
			bar.Add(1)
			eu, err := exportUnit(d, lang, tu, stage)
			if err != nil {
				failure = u.Fail("ExportFailed", map[string]any{"Error": err.Error()}, err)
				return failure
			}
			if len(statuses) > 0 && !statuses[eu.Status] || format == "tmx" && eu.Target == "" {
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
		return u.Fail("ExportNothing", map[string]any{"Lang": lang}, nil)
	}
	if err := w.Close(); err != nil {
		return u.Fail("ExportFailed", map[string]any{"Error": err.Error()}, err)
	}
	if err := commit(); err != nil {
		return err
	}
	if name := c.String("output"); name != "" && name != "-" && !c.Bool("quiet") {
		fmt.Fprintln(c.App.Writer, u.T("ExportDone", map[string]any{"Count": written, "File": name, "Docs": len(docs), "Format": format}))
	}
	return nil
}

// exportWriteFailure explains why a writer refused a unit.
func exportWriteFailure(u *ui, doc string, seg int, err error) error {
	var te *exports.TextError
	data := map[string]any{"Doc": doc, "Index": seg, "Error": err.Error()}
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

// exportUnit turns a stored unit into an exchanged one: its target at the
// stage, the translator's and editor's revisions, the whole history, the
// pre-translation match and the notes, with every revision's inline codes
// gathered into one list.
func exportUnit(doc tm.Document, lang string, tu *tm.Unit, stage tm.Stage) (exports.Unit, error) {
	u := exports.Unit{
		ID: "s" + strconv.Itoa(tu.Index), Document: doc.Name, Segment: tu.Index,
		SourceLang: doc.Language, TargetLang: lang,
	}
	var cs exports.CodeSet
	var err error
	if u.Source, err = cs.Remap(tu.Source, nil); err != nil {
		return u, err
	}
	remap := func(r *tm.Revision) (exports.Revision, error) {
		var codes []exports.Code
		if r.Codes != "" {
			if err := json.Unmarshal([]byte(r.Codes), &codes); err != nil {
				return exports.Revision{}, err
			}
		}
		text, err := cs.Remap(r.Text, codes)
		return exports.Revision{Role: exports.Role(r.Role), Text: text, Author: r.Author, Time: r.Time}, err
	}
	status, err := exports.ParseStatus(string(tu.Status))
	if err != nil {
		return u, err
	}
	// from is the revision whose text the unit gets at the stage; the loop
	// remaps it with the others when it is a text revision.
	var from *tm.Revision
	switch stage {
	case tm.StageTranslator:
		from = tu.Translator
		status = exports.StatusTranslated
	case tm.StageEditor:
		from = tu.Editor
		status = max(status, exports.StatusReviewed)
	default:
		if n := len(tu.Revisions); n > 0 {
			from = &tu.Revisions[n-1]
		}
	}
	var r exports.Revision
	remapped := false
	for i := range tu.Revisions {
		rev := &tu.Revisions[i]
		if rev.Note != "" {
			u.Notes = append(u.Notes, exports.Note{Text: rev.Note, From: rev.Author, AppliesTo: "target"})
		}
		if rev.Event != tm.EventRevise {
			continue
		}
		er, err := remap(rev)
		if err != nil {
			return u, err
		}
		if rev == from {
			r, remapped = er, true
		}
		u.Revisions = append(u.Revisions, er)
		switch rev.Role {
		case tm.RoleEditor:
			u.Editor = er
		case tm.RoleTranslator:
			u.Translator = er
		case tm.RolePretranslation:
			u.Translator = exports.Revision{}
			// A context match scores 101 in padan; the formats stop at 100.
			u.Match = &exports.Match{Score: min(rev.Score, 100), Origin: matchOrigin(rev.Origin), Target: er.Text}
			if !rev.HasScore {
				u.Match.Score = 100
			}
		}
	}
	if from == nil {
		u.Status = exports.StatusInitial
		u.Translator, u.Editor = exports.Revision{}, exports.Revision{}
		u.Codes = cs.Codes
		return u, nil
	}
	if !remapped {
		if r, err = remap(from); err != nil {
			return u, err
		}
	}
	u.Target, u.Status = r.Text, status
	if from.Role == tm.RolePretranslation {
		u.Status = exports.StatusInitial
	} else {
		u.Match = nil
	}
	if stage == tm.StageTranslator {
		u.Editor = exports.Revision{}
	}
	u.Codes = cs.Codes
	return u, nil
}

// matchOrigin names where a pre-translation came from, from the origin JSON
// the memory recorded.
func matchOrigin(origin string) string {
	var o tm.Origin
	if json.Unmarshal([]byte(origin), &o) == nil {
		switch {
		case o.File != "":
			return o.File
		case o.Document != "":
			return o.Document
		}
	}
	return "padan-tm"
}
