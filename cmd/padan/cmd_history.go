package main

import (
	"bufio"
	"encoding/json"
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
	// Score, Match and Origin describe a pre-translation: its score (101
	// for a context match), the kind of match (fuzzy, exact, context), the
	// memory unit's source and where it came from.
	Score       *float64        `json:"score,omitempty"`
	Match       string          `json:"match,omitempty"`
	MatchSource string          `json:"match_source,omitempty"`
	Origin      json.RawMessage `json:"origin,omitempty"`
	// ReviewSkipped marks an approval of a unit no editor had reviewed.
	ReviewSkipped bool `json:"review_skipped,omitempty"`
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
			out[i] = revisionJSONOut{Text: r.Text, Author: r.Author, Role: string(r.Role), Status: string(r.Status),
				Event: string(r.Event), Note: r.Note, Time: r.Time.UTC().Format(time.RFC3339),
				MatchSource: r.MatchSource, ReviewSkipped: r.ReviewSkipped,
				Version: r.Version, Segment: r.Segment, Source: r.Source}
			if r.HasScore {
				out[i].Score = &r.Score
				out[i].Match = string(tm.RuleFor(r.Score).Kind)
			}
			if json.Valid([]byte(r.Origin)) {
				out[i].Origin = json.RawMessage(r.Origin)
			}
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
		switch {
		case r.Event == tm.EventApprove && r.ReviewSkipped:
			fmt.Fprintln(w, u.T("FlowHistoryApproveSkipped", d))
		case r.Event == tm.EventApprove:
			fmt.Fprintln(w, u.T("HistoryApprove", d))
		case r.Event == tm.EventReject:
			fmt.Fprintln(w, u.T("HistoryReject", d))
		default:
			fmt.Fprintln(w, u.T("HistoryRevise", d))
		}
		if r.Event == tm.EventRevise {
			fmt.Fprintf(w, "  %s\n", visible(r.Text))
		}
		if r.Role == tm.RolePretranslation && r.HasScore {
			fmt.Fprintln(w, "  "+pretranslationLine(u, &r))
			if r.MatchSource != "" {
				fmt.Fprintln(w, "  "+u.T("FlowProposalSource", map[string]any{"Text": r.MatchSource}))
			}
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
