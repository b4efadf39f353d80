package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/segments"
	"github.com/padan-tm/padan/tm"
)

func init() { register(newBuildCommand) }

// newBuildCommand is `padan build DOC --lang TAG [--stage
// translator|editor|latest] [--allow-missing] [-o FILE]`: write the
// document in the target language.
func newBuildCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "build",
		Usage:       u.T("BuildUsage"),
		ArgsUsage:   u.T("TMDocArg"),
		Description: u.T("BuildDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: u.T("FlagDocLang")},
			&cli.StringFlag{Name: "stage", Value: "latest", Usage: u.T("BuildFlagStage")},
			&cli.BoolFlag{Name: "allow-missing", Usage: u.T("BuildFlagAllowMissing")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: u.T("BuildFlagOutput")},
		},
		Action: func(c *cli.Context) error { return buildRun(c, u) },
	}
}

func buildRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 1, 1); err != nil {
		return err
	}
	lang, err := docLangFlag(c, u)
	if err != nil {
		return err
	}
	stage := tm.Stage(c.String("stage"))
	if stage != tm.StageTranslator && stage != tm.StageEditor && stage != tm.StageLatest {
		return u.usageFor(c.Command.Name, "BuildStageInvalid", map[string]any{"Value": stage})
	}
	store, err := openReadStore(c, u)
	if err != nil {
		return err
	}
	defer store.Close()
	if lang, err = docLanguage(c, u, store, c.Args().First(), lang); err != nil {
		return err
	}
	text, err := buildText(c, store, c.Args().First(), lang, stage, c.Bool("allow-missing"))
	if err != nil {
		return tmFailure(u, err, "")
	}
	out := c.String("output")
	w, commit, abort, err := outputFile(c, u, out)
	if err != nil {
		return err
	}
	defer abort()
	if _, err := io.WriteString(w, text); err != nil {
		return u.Fail("WriteFailed", map[string]any{"File": out, "Error": err.Error()}, err)
	}
	if err := commit(); err != nil {
		return err
	}
	if out != "" && out != "-" {
		fmt.Fprintln(c.App.Writer, u.T("BuildWrote", map[string]any{"File": out}))
	}
	return nil
}

// buildText returns the document's latest version in lang at a stage: each
// unit's translation in place of its source, the layout kept (see
// segments.Rebuild). Units without a translation are an error (a
// *tm.MissingError) unless allowMissing, which keeps their source; a unit
// merged into the one before it gives nothing of its own.
func buildText(c *cli.Context, store *tm.Store, ref, lang string, stage tm.Stage, allowMissing bool) (string, error) {
	t, err := store.Translation(c.Context, ref, lang, true)
	if err != nil {
		return "", err
	}
	targets, err := t.Complete(stage)
	var me *tm.MissingError
	missing := map[int]bool{}
	if errors.As(err, &me) && allowMissing {
		targets, _ = t.Targets(stage)
		for _, i := range me.Indexes {
			targets[i-1] = t.Units[i-1].Source
			missing[i] = true
		}
	} else if err != nil {
		return "", err
	}
	for i := range t.Units {
		if !missing[t.Units[i].Index] {
			targets[i] = readableTarget(&t.Units[i], stage, targets[i])
		}
	}
	original, err := store.Original(c.Context, t.Document)
	if err != nil {
		return "", err
	}
	text, err := segments.Decode(t.Document.Name, original)
	if err != nil {
		return "", err
	}
	// A unit merged into the one before it (tm guarantees that only merged
	// units lie between them) gives its place to that unit's translation:
	// the span of the two sources, and what lies between them, becomes the
	// one translation. When that unit has no translation at the stage and
	// keeps its source, the merged units keep theirs too.
	segs := make([]segments.Segment, 0, len(t.Units))
	kept := make([]string, 0, len(t.Units))
	for i, un := range t.Units {
		if un.MergedInto > 0 && len(segs) > 0 && !missing[un.MergedInto] {
			segs[len(segs)-1].End = un.End
			continue
		}
		text := targets[i]
		if un.MergedInto > 0 {
			text = un.Source
		}
		segs = append(segs, segments.Segment{Index: un.Index, Kind: segments.Kind(un.Kind), Text: un.Source, Start: un.Start, End: un.End})
		kept = append(kept, text)
	}
	return segments.Rebuild(text, segs, kept), nil
}

// readableTarget returns a unit's target at a stage as a person reads it:
// without its inline codes' placeholders (a tag pair kept by a CAT tool),
// and with a private-use character that is text (a code of kind char) as
// that character, so that a built article holds neither padan's
// placeholders nor another character in place of the translator's.
func readableTarget(u *tm.Unit, stage tm.Stage, text string) string {
	var rev *tm.Revision
	switch {
	case stage == tm.StageTranslator:
		rev = u.Translator
	case stage == tm.StageEditor:
		rev = u.Editor
	case len(u.Revisions) > 0:
		rev = &u.Revisions[len(u.Revisions)-1]
	}
	if rev == nil || rev.Codes == "" {
		return text // no codes: private use characters are text
	}
	var codes []exports.Code
	if json.Unmarshal([]byte(rev.Codes), &codes) != nil {
		return text
	}
	return exports.StripCodes(text, codes)
}
