package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/language"

	"github.com/padan-tm/padan/align"
	"github.com/padan-tm/padan/segments"
	"github.com/padan-tm/padan/tm"
)

func init() { register(newAlignImportCommand) }

// newAlignImportCommand is `padan align-import DOC TRANSLATION-FILE --lang
// TAG [--role translator|editor] [--by NAME] [--presegmented]`: align a
// whole translation with a document's units and record it as their
// revisions.
func newAlignImportCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "align-import",
		Usage:       u.T("AlignImportUsage"),
		ArgsUsage:   u.T("AlignImportArgs"),
		Description: u.T("AlignImportDescription", map[string]any{"Threshold": align.ReviewThreshold}),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: u.T("TMFlagLang")},
			&cli.StringFlag{Name: "role", Value: string(tm.RoleTranslator), Usage: u.T("AlignImportFlagRole")},
			&cli.StringFlag{Name: "by", Usage: u.T("AlignImportFlagBy")},
			&cli.BoolFlag{Name: "presegmented", Usage: u.T("AlignImportFlagPresegmented")},
		},
		Action: func(c *cli.Context) error { return alignImportRun(c, u) },
	}
}

// alignImportSummary counts what an align-import recorded.
type alignImportSummary struct {
	Recorded, Merged, Empty, Review int
}

func alignImportRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 2, 2); err != nil {
		return err
	}
	lang, err := langFlag(c, u, "lang")
	if err != nil {
		return err
	}
	role := tm.Role(c.String("role"))
	if role != tm.RoleTranslator && role != tm.RoleEditor {
		return u.usageFor(c.Command.FullName(), "AlignImportRoleInvalid", map[string]any{"Value": role})
	}
	file, data, err := readInput(c, u, c.Args().Get(1))
	if err != nil {
		return err
	}
	text, err := segments.Decode(file, data)
	if err != nil {
		return inputFailure(u, err)
	}
	text = strings.TrimPrefix(text, "\uFEFF")
	var tgt []string
	if c.Bool("presegmented") {
		tgt = presegmented(text)
	} else {
		// As padan import segments the document: a dateline is a unit of
		// its own and credit lines are metadata, not sentences.
		art, err := segments.DefaultRules().Segmenter(language.Make(lang)).Article(text)
		if err != nil {
			return splitFailure(u, file, "", err)
		}
		for _, s := range art.Segments {
			tgt = append(tgt, s.Text)
		}
	}
	if len(tgt) == 0 {
		return u.Fail("AlignImportEmpty", map[string]any{"File": file}, nil)
	}

	store, err := openStore(c, u)
	if err != nil {
		return err
	}
	defer store.Close()
	ref := c.Args().First()
	t, err := store.Translation(c.Context, ref, lang, false)
	if err != nil {
		return tmFailure(u, err, file)
	}
	doc := t.Document
	if lang == doc.Language {
		return u.Fail("AlignImportSameLanguage", map[string]any{"Doc": doc.Name, "Lang": lang}, nil)
	}
	author := c.String("by")
	if author == "" {
		if author = defaultAuthor(u, doc, string(role)); author == "" {
			return u.Fail("TMNoAuthor", nil, nil)
		}
	}
	src := make([]string, len(t.Units))
	for i, un := range t.Units {
		src[i] = un.Source
	}
	units := align.Units(align.Align(src, tgt, align.Options{}), tgt)
	entries, sum := alignEntries(u, units)

	// Version makes the change fail, rather than land on other units, if
	// the document was re-imported since it was read.
	_, err = store.Revise(c.Context, tm.Change{Document: doc.Name, Language: lang, Role: role, Author: author,
		Entries: entries, Version: doc.Version})
	if errors.Is(err, tm.ErrVersionChanged) {
		return u.Fail("AlignImportVersionChanged", map[string]any{"Doc": doc.Name}, err)
	}
	if err != nil {
		return tmFailure(u, err, file)
	}
	fmt.Fprintln(c.App.Writer, u.T("AlignImportDone", map[string]any{
		"Doc": doc.Name, "Lang": lang, "Author": author, "File": file,
		"Units": len(t.Units), "Sentences": len(tgt),
	}))
	fmt.Fprintln(c.App.Writer, u.T("AlignImportCounts", map[string]any{
		"Recorded": sum.Recorded, "Merged": sum.Merged, "Empty": sum.Empty, "Review": sum.Review,
	}))
	return nil
}

// alignEntries turns the aligned units into the revisions to record:
//
//   - a unit with a text gets it, with the role's status, or status
//     initial and a note when a person should check it (a bead under the
//     review threshold, or a target sentence with no source added to it);
//   - a unit merged into another gets an empty text marked as merged, and a
//     note saying into which unit;
//   - a unit the translation left out gets nothing: it stays as it was.
//
// Notes are written in the interface language: they are for the people
// who will read the document's segments.
func alignEntries(u *ui, units []align.UnitTranslation) ([]tm.Entry, alignImportSummary) {
	var entries []tm.Entry
	var sum alignImportSummary
	for _, ut := range units {
		conf := confidenceText(u, ut.Confidence)
		e := tm.Entry{Index: ut.Unit + 1, Text: ut.Text, Score: -1}
		switch {
		case ut.MergedInto >= 0:
			e.Text, e.MergedInto = "", ut.MergedInto+1
			data := map[string]any{"Into": e.MergedInto, "Confidence": conf}
			e.Note = u.T("AlignImportNoteMerged", data)
			if ut.Review {
				e.Status, e.Note = tm.StatusInitial, u.T("AlignImportNoteMergedReview", data)
				sum.Review++
			}
			sum.Merged++
		case ut.Text == "":
			sum.Empty++
			continue
		case ut.Review:
			e.Status = tm.StatusInitial
			e.Note = u.T("AlignImportNoteReview", map[string]any{"Confidence": conf})
			if ut.Confidence >= align.ReviewThreshold {
				// The bead is sure; a sentence with no source was added.
				e.Note = u.T("AlignImportNoteExtra", map[string]any{"Confidence": conf})
			}
			sum.Recorded++
			sum.Review++
		default:
			sum.Recorded++
		}
		entries = append(entries, e)
	}
	return entries, sum
}

// confidenceText writes a confidence with two decimals, with the decimal
// separator of the interface language.
func confidenceText(u *ui, c float64) string {
	s := strconv.FormatFloat(c, 'f', 2, 64)
	if base, _ := u.Lang.Base(); base.String() == "id" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
