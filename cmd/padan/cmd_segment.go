package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/segments"
)

func init() { register(newSegmentCommand) }

// newSegmentCommand is `padan segment FILE|-`: cut a text into segments with
// the built-in SRX rules (or --srx) and print them as text, JSON or TSV; or,
// with --batch, segment JSON lines of snippets.
func newSegmentCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "segment",
		Usage:       u.T("SegmentUsage"),
		ArgsUsage:   u.T("SegmentArgs"),
		Description: u.T("SegmentDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Value: "id", Usage: u.T("SegmentFlagLang")},
			&cli.StringFlag{Name: "srx", Usage: u.T("SegmentFlagSRX")},
			&cli.StringFlag{Name: "format", Value: "text", Usage: u.T("SegmentFlagFormat")},
			&cli.BoolFlag{Name: "batch", Usage: u.T("SegmentFlagBatch")},
			&cli.BoolFlag{Name: "dump-srx", Usage: u.T("SegmentFlagDumpSRX")},
		},
		Action: func(c *cli.Context) error { return segmentRun(c, u) },
	}
}

func segmentRun(c *cli.Context, u *ui) error {
	tag, err := u.parseLang("lang", c.String("lang"))
	if err != nil {
		return err
	}
	name := c.Command.FullName()
	format := c.String("format")
	if format != "text" && format != "json" && format != "tsv" {
		return u.usageFor(name, "SegmentFormatInvalid", map[string]any{"Value": format})
	}
	rules, err := loadRules(c, u, c.String("srx"))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(c.App.Writer)
	if c.Bool("dump-srx") {
		if err := needArgs(c, u, 0, 0); err != nil {
			return err
		}
		if err := rules.WriteSRX(w); err != nil {
			return err
		}
		return w.Flush()
	}
	seg := rules.Segmenter(tag)
	if c.Bool("batch") {
		in, err := openBatch(c, u, `{"id":1,"text":"…"}`)
		if err != nil {
			return err
		}
		defer in.Close()
		return segmentBatch(seg, in, w, c.String("srx"))
	}
	if err := needArgs(c, u, 1, 1); err != nil {
		return err
	}
	file, data, err := readInput(c, u, c.Args().First())
	if err != nil {
		return err
	}
	text, err := segments.Decode(file, data)
	if err != nil {
		return inputFailure(u, err)
	}
	doc, err := seg.Article(text)
	if err != nil {
		return splitFailure(u, file, c.String("srx"), err)
	}
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(doc); err != nil {
			return err
		}
	case "tsv":
		for _, s := range doc.Segments {
			fmt.Fprintf(w, "%d\t%s\t%d\t%d\t%s\n", s.Index, s.Kind, s.Start, s.End, tsvEscape(s.Text))
		}
	default:
		for _, s := range doc.Segments {
			fmt.Fprintln(w, s.Text)
		}
	}
	return w.Flush()
}

// loadRules returns the rules of the --srx file, or the built-in ones.
func loadRules(c *cli.Context, u *ui, path string) (*segments.Rules, error) {
	if path == "" {
		return segments.DefaultRules(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, u.Fail("ReadFailed", map[string]any{"File": path, "Error": errorText(err)}, err)
	}
	defer f.Close()
	rules, err := segments.ParseSRX(f)
	var se *segments.SRXError
	switch {
	case errors.As(err, &se) && se.Rule != "":
		return nil, u.Fail("SegmentSRXRule", map[string]any{"File": path, "Line": se.Line, "Rule": se.Rule, "Index": se.Index, "Error": se.Err.Error()}, err)
	case errors.As(err, &se):
		return nil, u.Fail("SegmentSRXInvalid", map[string]any{"File": path, "Line": se.Line, "Error": se.Err.Error()}, err)
	case err != nil:
		return nil, u.Fail("ReadFailed", map[string]any{"File": path, "Error": err.Error()}, err)
	}
	return rules, nil
}

// inputFailure localizes an error of segments.Decode.
func inputFailure(u *ui, err error) error {
	var ie *segments.InputError
	if !errors.As(err, &ie) {
		return err
	}
	id := "SegmentInvalidUTF8"
	switch {
	case errors.Is(err, segments.ErrBinary):
		id = "SegmentBinary"
	case errors.Is(err, segments.ErrInvalidUTF16):
		id = "SegmentInvalidUTF16"
	}
	return u.Fail(id, map[string]any{"File": ie.File, "Offset": ie.Offset}, err)
}

// splitFailure localizes an error of segmenting the text of file with the
// rules of the SRX file srx ("" for the built-in rules): a rule that ran out
// of time, or the split's deadline; other errors as inputFailure.
func splitFailure(u *ui, file, srx string, err error) error {
	var te *segments.TimeoutError
	if !errors.As(err, &te) {
		return inputFailure(u, err)
	}
	if srx == "" {
		srx = u.T("SegmentBuiltinRules")
	}
	data := map[string]any{"File": file, "Offset": te.Offset, "Limit": te.Limit.String(), "SRX": srx,
		"Rule": te.Rule, "Index": te.Index, "Line": te.Line, "Before": te.Before, "After": te.After}
	if te.Rule == "" {
		return u.Fail("SegmentDeadline", data, err)
	}
	return u.Fail("SegmentRuleTimeout", data, err)
}

// segmentBatch answers each line {"id","text"} of the --batch input with
// a line {"id","segments"}; srx names the rules' file in errors.
func segmentBatch(seg *segments.Segmenter, in *batchInput, w *bufio.Writer, srx string) error {
	for {
		var req struct {
			ID   json.RawMessage `json:"id"`
			Text *string         `json:"text"`
		}
		ok, err := in.next(&req, func() bool { return req.Text != nil })
		if err != nil || !ok {
			return err
		}
		segs, err := seg.Split(*req.Text)
		if err != nil {
			return splitFailure(in.u, fmt.Sprintf("%s:%d", in.name, in.line), srx, err)
		}
		out := struct {
			ID       json.RawMessage `json:"id"`
			Segments []string        `json:"segments"`
		}{batchID(req.ID), []string{}}
		for _, s := range segs {
			out.Segments = append(out.Segments, s.Text)
		}
		if err := in.answer(w, out); err != nil {
			return err
		}
	}
}

// tsvEscape escapes a text for a TSV field: backslash, tab and line breaks.
func tsvEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`).Replace(s)
}
