package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

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
			&cli.BoolFlag{Name: "allow-proposals", Usage: u.T("BuildFlagAllowProposals")},
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
	text, proposals, err := buildText(c, store, c.Args().First(), lang, stage, c.Bool("allow-missing"), c.Bool("allow-proposals"))
	var me *tm.MissingError
	if errors.As(err, &me) && len(me.Proposals) > 0 {
		return u.Fail("BuildProposals", map[string]any{"Doc": me.Document, "Lang": me.Language, "Count": len(me.Indexes),
			"List": segmentList(me.Indexes), "Proposals": segmentList(me.Proposals), "Stage": stageLabel(u, me.Stage)}, err)
	}
	if err != nil {
		return tmFailure(u, err, "")
	}
	if len(proposals) > 0 {
		fmt.Fprintln(c.App.ErrWriter, u.T("BuildUsedProposals", map[string]any{"Doc": c.Args().First(), "Count": len(proposals), "List": segmentList(proposals)}))
	}
	out := c.String("output")
	w, commit, abort, err := outputFile(c, u, out)
	if err != nil {
		return err
	}
	defer abort()
	if _, err := io.WriteString(w, text); err != nil {
		return u.Fail("WriteFailed", map[string]any{"File": out, "Error": u.errorText(err)}, err)
	}
	if err := commit(); err != nil {
		return err
	}
	if !isStdout(out) {
		fmt.Fprintln(c.App.Writer, u.T("BuildWrote", map[string]any{"File": out}))
	}
	return nil
}

// buildText returns the document's latest version in lang at a stage: each
// unit's translation in place of its source, the layout kept (see
// segments.Rebuild). Units without a translation are an error (a
// *tm.MissingError) unless allowMissing, which keeps their source; a unit
// that holds only a pre-translation proposal has none, unless
// allowProposals, which uses the proposal and lists the unit in proposals.
// A unit merged into the one before it gives nothing of its own.
func buildText(c *cli.Context, store *tm.Store, ref, lang string, stage tm.Stage, allowMissing, allowProposals bool) (text string, proposals []int, err error) {
	t, err := store.Translation(c.Context, ref, lang, true)
	if err != nil {
		return "", nil, err
	}
	var targets []string
	var absent []int
	if allowProposals {
		targets, absent, proposals = t.TargetsWithProposals(stage)
	} else {
		targets, absent = t.Targets(stage)
	}
	missing := map[int]bool{}
	if len(absent) > 0 && !allowMissing {
		me := &tm.MissingError{Document: t.Document.Name, Language: t.Language, Stage: stage, Indexes: absent}
		for _, i := range absent {
			if t.Units[i-1].ProposalAt(stage) != nil {
				me.Proposals = append(me.Proposals, i)
			}
		}
		return "", nil, me
	}
	for _, i := range absent {
		targets[i-1] = t.Units[i-1].Source
		missing[i] = true
	}
	for i := range t.Units {
		if !missing[t.Units[i].Index] {
			targets[i] = readableTarget(&t.Units[i], stage, targets[i])
		}
	}
	original, err := store.Original(c.Context, t.Document)
	if err != nil {
		return "", nil, err
	}
	decoded, err := segments.Decode(t.Document.Name, original)
	if err != nil {
		return "", nil, err
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
	return segments.Rebuild(decoded, segs, kept), proposals, nil
}

// segmentList is a list of segment indexes as a person reads it: "2, 3, 7".
func segmentList(indexes []int) string {
	s := make([]string, len(indexes))
	for i, n := range indexes {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
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
