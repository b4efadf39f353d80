package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/tm"
)

func init() { register(newConcordanceCommand) }

// newConcordanceCommand is `padan concordance TERM --lang TAG [--target]`:
// the memory's units whose source (or target) holds a word or phrase, with
// the hits highlighted.
func newConcordanceCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "concordance",
		Usage:       u.T("ConcordanceUsage"),
		ArgsUsage:   u.T("ConcordanceArgs"),
		Description: u.T("ConcordanceDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: u.T("ConcordanceFlagLang")},
			&cli.BoolFlag{Name: "target", Usage: u.T("ConcordanceFlagTarget")},
			&cli.IntFlag{Name: "max", Value: 20, Usage: u.T("ConcordanceFlagMax")},
			&cli.StringFlag{Name: "format", Value: "text", Usage: u.T("LookupFlagFormat")},
		},
		Action: func(c *cli.Context) error { return concordanceRun(c, u) },
	}
}

func concordanceRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 1, 1); err != nil {
		return err
	}
	lang, err := langFlag(c, u, "lang")
	if err != nil {
		return err
	}
	max := c.Int("max")
	if max < 0 {
		return u.usageFor(c.Command.FullName(), "LookupMaxInvalid", map[string]any{"Value": max})
	}
	format, err := formatFlag(c, u, "text", "json")
	if err != nil {
		return err
	}
	s, err := openReadStore(c, u)
	if err != nil {
		return err
	}
	defer s.Close()
	term := c.Args().First()
	hits, err := s.Concordance(c.Context, tm.ConcordanceQuery{Term: term, Lang: lang, Target: c.Bool("target"), Max: max})
	if errors.Is(err, tm.ErrEmptyTerm) {
		return u.usageFor(c.Command.FullName(), "ConcordanceEmptyTerm", map[string]any{"Term": term})
	}
	if err != nil {
		return u.Fail("LookupFailed", map[string]any{"Error": err.Error()}, err)
	}
	w := bufio.NewWriter(c.App.Writer)
	defer w.Flush()
	if format == "json" {
		return writeJSONLine(w, concordanceJSON(term, c.Bool("target"), hits))
	}
	writeConcordance(w, u, hits, c.Bool("target"), useColor(c.App.Writer, u.Getenv))
	return nil
}

type concordanceHitJSON struct {
	SourceLang string     `json:"source_lang"`
	TargetLang string     `json:"target_lang"`
	Source     string     `json:"source"`
	Target     string     `json:"target"`
	Hits       [][2]int   `json:"hits"`
	Origin     originJSON `json:"origin"`
}

func concordanceJSON(term string, target bool, hits []tm.ConcordanceHit) any {
	out := make([]concordanceHitJSON, 0, len(hits))
	for _, h := range hits {
		spans := make([][2]int, 0, len(h.Spans))
		for _, s := range h.Spans {
			spans = append(spans, [2]int{s.Start, s.End})
		}
		o := h.Origin
		out = append(out, concordanceHitJSON{SourceLang: h.SourceLang, TargetLang: h.TargetLang, Source: h.Source, Target: h.Target, Hits: spans,
			Origin: originJSON{Kind: o.Kind, File: o.File, Document: o.Document, Segment: o.Segment, Author: o.Author, Role: o.Role, Status: o.Status, Time: jsonTime(o.Time)}})
	}
	side := "source"
	if target {
		side = "target"
	}
	return struct {
		Term  string               `json:"term"`
		Side  string               `json:"side"`
		Units []concordanceHitJSON `json:"units"`
	}{term, side, out}
}

// ANSI escapes for concordance hits: bold yellow.
const ansiHit = "\x1b[1;33m"

// highlight marks the spans of s: in colour, or between [ and ].
func highlight(s string, spans []tm.Span, color bool) string {
	open, closing := "[", "]"
	if color {
		open, closing = ansiHit, ansiReset
	}
	out, at := "", 0
	for _, sp := range spans {
		if sp.Start < at || sp.End > len(s) {
			continue
		}
		out += s[at:sp.Start] + open + s[sp.Start:sp.End] + closing
		at = sp.End
	}
	return out + s[at:]
}

func writeConcordance(w io.Writer, u *ui, hits []tm.ConcordanceHit, target, color bool) {
	if len(hits) == 0 {
		fmt.Fprintln(w, u.T("ConcordanceNone"))
		return
	}
	for i, h := range hits {
		if i > 0 {
			fmt.Fprintln(w)
		}
		src, tgt := h.Source, h.Target
		if target {
			tgt = highlight(tgt, h.Spans, color)
		} else {
			src = highlight(src, h.Spans, color)
		}
		fmt.Fprintln(w, src)
		fmt.Fprintln(w, u.T("LookupMatchTarget", map[string]any{"Text": tgt}))
		fmt.Fprintln(w, "     "+originLine(u, h.Origin))
	}
}
