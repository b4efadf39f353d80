package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/worddiff"
)

func init() { register(newStatsCommand) }

// newStatsCommand is `padan stats [DOC] [--format text|json]`: units and
// source words per status and target language.
func newStatsCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:      "stats",
		Usage:     u.T("StatsUsage"),
		ArgsUsage: u.T("StatsArgs"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: u.T("TMFlagFormat")},
		},
		Action: func(c *cli.Context) error { return statsRun(c, u) },
	}
}

type postEditJSON struct {
	Document string           `json:"document"`
	Language string           `json:"language"`
	Figures  worddiff.Summary `json:"figures"`
}

type statJSON struct {
	Document string `json:"document"`
	Language string `json:"language"`
	Status   string `json:"status"`
	Segments int    `json:"segments"`
	Words    int    `json:"words"`
}

func statsRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 0, 1); err != nil {
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
	stats, err := store.Stats(c.Context, c.Args().First())
	if err != nil {
		return tmFailure(u, err, "")
	}
	// The post-edit figures of every translation that has both a
	// translator's and an editor's revision of some unit (kept by the
	// store as revisions are recorded: no document is read whole).
	type postEdit struct {
		doc, lang string
		figures   worddiff.Summary
	}
	var postEdits []postEdit
	seen := map[[2]string]bool{}
	for _, s := range stats {
		key := [2]string{s.Document, s.Language}
		if s.Language == "" || seen[key] {
			continue
		}
		seen[key] = true
		sum, ok, err := store.PostEdit(c.Context, s.Document, s.Language)
		if err != nil {
			return tmFailure(u, err, "")
		}
		if ok {
			postEdits = append(postEdits, postEdit{s.Document, s.Language, sum})
		}
	}
	if format == "json" {
		out := make([]statJSON, len(stats))
		for i, s := range stats {
			out[i] = statJSON{s.Document, s.Language, string(s.Status), s.Units, s.Words}
		}
		pe := make([]postEditJSON, len(postEdits))
		for i, p := range postEdits {
			pe[i] = postEditJSON{p.doc, p.lang, p.figures}
		}
		return tmJSON(c.App.Writer, map[string]any{"stats": out, "post_edit": pe})
	}
	if len(stats) == 0 {
		fmt.Fprintln(c.App.Writer, u.T("DocsNone"))
		return nil
	}
	tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, u.T("StatsHeader"))
	for _, s := range stats {
		lang := s.Language
		if lang == "" {
			lang = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\n", s.Document, lang, statusLabel(u, s.Status), s.Units, s.Words)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, p := range postEdits {
		fmt.Fprintln(c.App.Writer)
		if err := writePostEditSummary(c.App.Writer, u, p.doc, p.lang, p.figures); err != nil {
			return err
		}
	}
	return nil
}
