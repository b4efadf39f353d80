package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/tm"
)

func init() { register(newSegmentsCommand) }

// newSegmentsCommand is `padan segments DOC --lang TAG [--format
// text|json]`: each unit with its source, status, target and authors.
func newSegmentsCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:      "segments",
		Usage:     u.T("SegmentsUsage"),
		ArgsUsage: u.T("TMDocArg"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: u.T("FlagDocLang")},
			&cli.StringFlag{Name: "format", Value: "text", Usage: u.T("TMFlagFormat")},
		},
		Action: func(c *cli.Context) error { return segmentsRun(c, u) },
	}
}

type segmentJSON struct {
	Index      int    `json:"index"`
	Kind       string `json:"kind"`
	Source     string `json:"source"`
	Status     string `json:"status"`
	Target     string `json:"target"`
	Translator string `json:"translator"`
	Editor     string `json:"editor"`
	Suggestion string `json:"suggestion"`
	Note       string `json:"note"`
	// MergedInto is the index of the unit whose translation covers this
	// one too (a 2-1 alignment), or 0.
	MergedInto int `json:"merged_into"`
	// Score is the match score of a pre-translation, or 0.
	Score float64 `json:"score"`
}

func segmentsRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 1, 1); err != nil {
		return err
	}
	lang, err := docLangFlag(c, u)
	if err != nil {
		return err
	}
	format, err := formatFlag(c, u, "text", "json")
	if err != nil {
		return err
	}
	store, err := openReadStore(c, u)
	if err != nil {
		return err
	}
	defer store.Close()
	if lang, err = docLanguage(c, u, store, c.Args().First(), lang); err != nil {
		return err
	}
	t, err := store.Translation(c.Context, c.Args().First(), lang, false)
	if err != nil {
		return tmFailure(u, err, "")
	}
	rows := make([]segmentJSON, len(t.Units))
	for i, un := range t.Units {
		r := segmentJSON{Index: un.Index, Kind: un.Kind, Source: un.Source, Status: string(un.Status),
			Target: un.Target, Suggestion: un.Suggestion}
		if un.Translator != nil {
			r.Translator = un.Translator.Author
		}
		if un.Editor != nil {
			r.Editor = un.Editor.Author
		}
		if n := len(un.Revisions); n > 0 {
			r.Note = un.Revisions[n-1].Note
		}
		r.MergedInto = un.MergedInto
		if un.Translator != nil && un.Translator.Role == tm.RolePretranslation && un.Translator.HasScore {
			r.Score = un.Translator.Score
		}
		rows[i] = r
	}
	if format == "json" {
		return tmJSON(c.App.Writer, map[string]any{"document": t.Document.Name, "language": t.Language, "units": rows})
	}
	w := bufio.NewWriter(c.App.Writer)
	for i, r := range rows {
		if i > 0 {
			fmt.Fprintln(w)
		}
		un := t.Units[i]
		fmt.Fprintln(w, u.T("SegmentsHead", map[string]any{"Index": r.Index, "Status": statusLabel(u, un.Status)}))
		fmt.Fprintf(w, "  %s: %s\n", t.Document.Language, r.Source)
		target := r.Target
		if target == "" {
			target = "—"
		}
		fmt.Fprintf(w, "  %s: %s\n", t.Language, target)
		if r.Suggestion != "" && un.Status == tm.StatusInitial && r.Target == "" {
			fmt.Fprintln(w, "  "+u.T("SegmentsSuggestion", map[string]any{"Text": r.Suggestion}))
		}
		var who []string
		if r.Translator != "" {
			switch {
			case un.Translator.Role == tm.RolePretranslation && un.Translator.HasScore:
				who = append(who, u.T("SegmentsPretranslationScore", map[string]any{"Name": r.Translator, "Score": r.Score}))
			case un.Translator.Role == tm.RolePretranslation:
				who = append(who, u.T("SegmentsPretranslation", map[string]any{"Name": r.Translator}))
			default:
				who = append(who, u.T("SegmentsTranslator", map[string]any{"Name": r.Translator}))
			}
		}
		if r.Editor != "" {
			who = append(who, u.T("SegmentsEditor", map[string]any{"Name": r.Editor}))
		}
		if len(who) > 0 {
			fmt.Fprintln(w, "  "+strings.Join(who, " · "))
		}
		if r.MergedInto > 0 {
			fmt.Fprintln(w, "  "+u.T("SegmentsMerged", map[string]any{"Into": r.MergedInto}))
		}
		if r.Note != "" {
			fmt.Fprintln(w, "  "+u.T("SegmentsNote", map[string]any{"Text": r.Note}))
		}
	}
	return w.Flush()
}
