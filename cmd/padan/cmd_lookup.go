package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/segments"
	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/worddiff"
)

func init() { register(newLookupCommand) }

// newLookupCommand is `padan lookup TEXT|-`: the memory's matches for a
// text, best first, with the words that differ highlighted; or, with
// --batch, matches for JSON lines of texts.
func newLookupCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "lookup",
		Usage:       u.T("LookupUsage"),
		ArgsUsage:   u.T("LookupArgs"),
		Description: u.T("LookupDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "source-lang", Usage: u.T("LookupFlagSourceLang")},
			&cli.StringFlag{Name: "target-lang", Usage: u.T("LookupFlagTargetLang")},
			&cli.IntFlag{Name: "min", Value: 75, Usage: u.T("LookupFlagMin", map[string]any{"Default": 75})},
			&cli.IntFlag{Name: "max", Value: 5, Usage: u.T("LookupFlagMax", map[string]any{"Default": 5})},
			&cli.StringFlag{Name: "format", Value: "text", Usage: u.T("LookupFlagFormat")},
			&cli.BoolFlag{Name: "batch", Usage: u.T("LookupFlagBatch")},
			&cli.BoolFlag{Name: "history", Usage: u.T("LookupFlagHistory")},
		},
		Action: func(c *cli.Context) error { return lookupRun(c, u) },
	}
}

// lookupOptions are the validated flags of lookup (and of the commands
// that show matches).
type lookupOptions struct {
	sourceLang, targetLang string
	min, max               int
	history                bool
}

// matchFlags validates --min and --max.
func matchFlags(c *cli.Context, u *ui) (min, max int, err error) {
	min, max = c.Int("min"), c.Int("max")
	if min < 1 || min > 100 {
		return 0, 0, u.usageFor(c.Command.FullName(), "LookupMinInvalid", map[string]any{"Value": min})
	}
	if max < 0 {
		return 0, 0, u.usageFor(c.Command.FullName(), "LookupMaxInvalid", map[string]any{"Value": max})
	}
	return min, max, nil
}

func lookupRun(c *cli.Context, u *ui) error {
	batch := c.Bool("batch")
	if !batch {
		if err := needArgs(c, u, 1, 1); err != nil {
			return err
		}
	}
	var o lookupOptions
	var err error
	if o.sourceLang, err = langFlag(c, u, "source-lang"); err != nil {
		return err
	}
	if o.targetLang, err = langFlag(c, u, "target-lang"); err != nil {
		return err
	}
	if o.min, o.max, err = matchFlags(c, u); err != nil {
		return err
	}
	o.history = c.Bool("history")
	format, err := formatFlag(c, u, "text", "json")
	if err != nil {
		return err
	}
	var in *batchInput
	if batch {
		if in, err = openBatch(c, u, `{"id":1,"text":"…"}`); err != nil {
			return err
		}
		defer in.Close()
	}
	s, err := openReadStore(c, u)
	if err != nil {
		return err
	}
	defer s.Close()
	w := bufio.NewWriter(c.App.Writer)
	defer w.Flush()
	if batch {
		return lookupBatch(c, u, s, o, in, w)
	}
	text := c.Args().First()
	if text == "-" {
		file, data, err := readInputMax(c, u, "-", inputLimits.query, false)
		if err != nil {
			return err
		}
		// Checked as segment checks its input: UTF-8 or UTF-16, no NUL.
		if text, err = segments.Decode(file, data); err != nil {
			return inputFailure(u, err)
		}
		text = strings.TrimRight(strings.TrimPrefix(text, "\uFEFF"), "\r\n")
	}
	ms, err := lookupMatches(c, u, s, o, tm.LookupQuery{Text: text})
	if err != nil {
		return err
	}
	if format == "json" {
		tmatch, err := termMatcher(c, s, o.sourceLang, o.targetLang)
		if err != nil {
			return u.Fail("LookupFailed", map[string]any{"Error": u.errorText(err)}, err)
		}
		return writeJSONLine(w, struct {
			Query   string      `json:"query"`
			Matches []matchJSON `json:"matches"`
			Terms   []foundTerm `json:"terms"`
		}{text, matchesJSON(ms), append([]foundTerm{}, findTerms(tmatch, text)...)})
	}
	writeMatches(w, u, text, ms, useColor(c.App.Writer, u.Getenv))
	return nil
}

// lookupMatches runs one lookup with the options.
func lookupMatches(c *cli.Context, u *ui, s *tm.Store, o lookupOptions, q tm.LookupQuery) ([]tm.Match, error) {
	q.SourceLang, q.TargetLang, q.Min, q.Max, q.History = o.sourceLang, o.targetLang, o.min, o.max, o.history
	ms, err := s.Lookup(c.Context, q)
	if err != nil {
		return nil, u.Fail("LookupFailed", map[string]any{"Error": u.errorText(err)}, err)
	}
	return ms, nil
}

// lookupBatch answers each line {"id":…, "text":…} of the --batch input
// with a line {"id":…, "matches":[…]}.
func lookupBatch(c *cli.Context, u *ui, s *tm.Store, o lookupOptions, in *batchInput, w *bufio.Writer) error {
	for {
		var req struct {
			ID   json.RawMessage `json:"id"`
			Text *string         `json:"text"`
		}
		ok, err := in.next(&req, func() bool { return req.Text != nil })
		if err != nil || !ok {
			return err
		}
		ms, err := lookupMatches(c, u, s, o, tm.LookupQuery{Text: *req.Text})
		if err != nil {
			return err
		}
		if err := in.answer(w, struct {
			ID      json.RawMessage `json:"id"`
			Matches []matchJSON     `json:"matches"`
		}{batchID(req.ID), matchesJSON(ms)}); err != nil {
			return err
		}
	}
}

// matchJSON is a match as lookup's JSON shows it.
type matchJSON struct {
	Score     int             `json:"score"`
	Context   bool            `json:"context,omitempty"`
	Source    string          `json:"source"`
	Target    string          `json:"target"`
	Origin    originJSON      `json:"origin"`
	Origins   []originJSON    `json:"origins"`
	Diff      []worddiff.Op   `json:"diff"`
	Penalties []fuzzy.Penalty `json:"penalties"`
	History   *historyJSON    `json:"history,omitempty"`
}

type originJSON struct {
	Kind     string `json:"kind"`
	File     string `json:"file,omitempty"`
	Document string `json:"document"`
	Segment  string `json:"segment"`
	Author   string `json:"author"`
	Role     string `json:"role"`
	Status   string `json:"status"`
	Time     string `json:"time"`
}

type historyJSON struct {
	Translation string        `json:"translation"`
	Author      string        `json:"author"`
	Time        string        `json:"time"`
	Diff        []worddiff.Op `json:"diff"`
}

// originOut is an origin as the JSON shows it.
func originOut(o tm.Origin) originJSON {
	return originJSON{Kind: o.Kind, File: o.File, Document: o.Document, Segment: o.Segment,
		Author: o.Author, Role: o.Role, Status: o.Status, Time: jsonTime(o.Time)}
}

func jsonTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func matchesJSON(ms []tm.Match) []matchJSON {
	out := make([]matchJSON, 0, len(ms))
	for _, m := range ms {
		j := matchJSON{Score: m.Score, Context: m.Context, Source: m.Source, Target: m.Target,
			Origin: originOut(m.Origin), Diff: m.Diff, Penalties: m.Penalties}
		for _, o := range m.Origins {
			j.Origins = append(j.Origins, originOut(o))
		}
		if len(j.Origins) == 0 {
			j.Origins = []originJSON{j.Origin}
		}
		if j.Diff == nil {
			j.Diff = []worddiff.Op{}
		}
		if j.Penalties == nil {
			j.Penalties = []fuzzy.Penalty{}
		}
		if h := m.History; h != nil {
			j.History = &historyJSON{Translation: h.Text, Author: h.Author, Time: jsonTime(h.Time), Diff: h.Diff}
		}
		out = append(out, j)
	}
	return out
}

func writeJSONLine(w io.Writer, v any) error {
	enc := newJSONEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// displayScore is the score as CAT tools show it: 101 for a context match.
func displayScore(m tm.Match) int {
	if m.Context {
		return 101
	}
	return m.Score
}

// writeMatches prints matches as text: the score, the stored source with
// the words that differ from the query highlighted, the target, where it
// came from and the penalties.
func writeMatches(w io.Writer, u *ui, query string, ms []tm.Match, color bool) {
	if len(ms) == 0 {
		fmt.Fprintln(w, u.T("LookupNoMatches"))
		return
	}
	for i, m := range ms {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, u.T("LookupMatchSource", map[string]any{"Score": displayScore(m), "Text": markedText(m.Diff, color)}))
		fmt.Fprintln(w, u.T("LookupMatchTarget", map[string]any{"Text": m.Target}))
		if len(m.Origins) == 0 {
			fmt.Fprintln(w, "     "+originLine(u, m.Origin))
		}
		for _, o := range m.Origins {
			fmt.Fprintln(w, "     "+originLine(u, o))
		}
		if len(m.Penalties) > 0 {
			var ps []string
			for _, p := range m.Penalties {
				ps = append(ps, u.T("LookupPenalty", map[string]any{"Reason": penaltyLabel(u, p.Reason), "Points": p.Points}))
			}
			fmt.Fprintln(w, u.T("LookupPenalties", map[string]any{"List": strings.Join(ps, ", ")}))
		}
		if h := m.History; h != nil {
			fmt.Fprintln(w, u.T("LookupHistory", map[string]any{"Author": h.Author, "Text": markedText(h.Diff, color)}))
		}
	}
}

// originLine says where a match came from, localized.
func originLine(u *ui, o tm.Origin) string {
	data := map[string]any{"File": o.File, "Document": o.Document, "Segment": o.Segment, "Author": o.Author,
		"Role": roleName(u, tm.Role(o.Role)), "Status": statusLabel(u, tm.Status(o.Status)), "Date": ""}
	if !o.Time.IsZero() {
		data["Date"] = o.Time.UTC().Format("2006-01-02")
	}
	if o.Kind == tm.OriginDocument {
		return u.T("LookupOriginDocument", data)
	}
	return u.T("LookupOriginImport", data)
}

func penaltyLabel(u *ui, r fuzzy.Reason) string {
	switch r {
	case fuzzy.PenaltyCase:
		return u.T("LookupPenaltyCase")
	case fuzzy.PenaltyPunctuation:
		return u.T("LookupPenaltyPunctuation")
	case fuzzy.PenaltyNumbers:
		return u.T("LookupPenaltyNumbers")
	case fuzzy.PenaltyCodes:
		return u.T("LookupPenaltyCodes")
	}
	return string(r)
}
