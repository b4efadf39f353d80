package main

import (
	"bufio"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/tm"
)

func init() { register(newHistoryCommand) }

// newHistoryCommand is `padan history DOC SEG --lang TAG [--format
// text|json]`: every revision of a unit, oldest first.
func newHistoryCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:      "history",
		Usage:     u.T("HistoryUsage"),
		ArgsUsage: u.T("HistoryArgs"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: u.T("FlagDocLang")},
			&cli.StringFlag{Name: "format", Value: "text", Usage: u.T("TMFlagFormat")},
		},
		Action: func(c *cli.Context) error { return historyRun(c, u) },
	}
}

type revisionJSONOut struct {
	Text   string `json:"text"`
	Author string `json:"author"`
	Role   string `json:"role"`
	Status string `json:"status"`
	Event  string `json:"event"`
	Note   string `json:"note"`
	Time   string `json:"time"`
	// Version is the document version the revision was made on; Segment
	// and Source the unit's index and source text in it (another unit's
	// than the segment's now when the segment changed since).
	Version int    `json:"version"`
	Segment int    `json:"segment"`
	Source  string `json:"source"`
}

func historyRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 2, 2); err != nil {
		return err
	}
	lang, err := docLangFlag(c, u)
	if err != nil {
		return err
	}
	seg, err := segArg(c, u, c.Args().Get(1))
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
	doc, revs, err := store.History(c.Context, c.Args().First(), lang, seg)
	if err != nil {
		return tmFailure(u, err, "")
	}
	if format == "json" {
		out := make([]revisionJSONOut, len(revs))
		for i, r := range revs {
			out[i] = revisionJSONOut{r.Text, r.Author, string(r.Role), string(r.Status), string(r.Event), r.Note,
				r.Time.UTC().Format(time.RFC3339), r.Version, r.Segment, r.Source}
		}
		return tmJSON(c.App.Writer, map[string]any{"document": doc.Name, "language": lang, "segment": seg, "revisions": out})
	}
	w := bufio.NewWriter(c.App.Writer)
	if len(revs) == 0 {
		fmt.Fprintln(w, u.T("HistoryNone", map[string]any{"Doc": doc.Name, "Index": seg, "Lang": lang}))
	}
	// Revisions made on other versions or units than the first are shown
	// under a line naming the version, the segment and its source.
	marked := len(revs) > 0 && (revs[0].Version != revs[len(revs)-1].Version || revs[0].Source != revs[len(revs)-1].Source)
	for i, r := range revs {
		if marked && (i == 0 || r.Version != revs[i-1].Version || r.Segment != revs[i-1].Segment || r.Source != revs[i-1].Source) {
			fmt.Fprintln(w, u.T("HistoryVersion", map[string]any{"Version": r.Version, "Segment": r.Segment, "Source": r.Source}))
		}
		d := map[string]any{"Time": r.Time.Local().Format("2006-01-02 15:04:05"), "Author": r.Author,
			"Role": roleName(u, r.Role), "Status": statusLabel(u, r.Status)}
		id := "HistoryRevise"
		switch r.Event {
		case tm.EventApprove:
			id = "HistoryApprove"
		case tm.EventReject:
			id = "HistoryReject"
		}
		fmt.Fprintln(w, u.T(id, d))
		if r.Event == tm.EventRevise {
			fmt.Fprintf(w, "  %s\n", r.Text)
		}
		if r.Note != "" {
			fmt.Fprintln(w, "  "+u.T("SegmentsNote", map[string]any{"Text": r.Note}))
		}
	}
	return w.Flush()
}

// roleName is a role in the interface language.
func roleName(u *ui, r tm.Role) string {
	switch r {
	case tm.RoleTranslator:
		return u.T("TMRoleTranslator")
	case tm.RoleEditor:
		return u.T("TMRoleEditor")
	case tm.RolePretranslation:
		return u.T("TMRolePretranslation")
	}
	return string(r)
}
