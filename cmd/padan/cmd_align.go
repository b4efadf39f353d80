package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/language"

	"github.com/padan-tm/padan/align"
	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/tmx"
	"github.com/padan-tm/padan/segments"
)

func init() { register(newAlignCommand) }

// newAlignCommand is `padan align SRC TGT`: segment a text and its
// translation and align them sentence by sentence; or, with --batch, align
// JSON lines of presegmented texts.
func newAlignCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "align",
		Usage:       u.T("AlignUsage"),
		ArgsUsage:   u.T("AlignArgs"),
		Description: u.T("AlignDescription", map[string]any{"Threshold": align.ReviewThreshold}),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "source-lang", Usage: u.T("AlignFlagSourceLang")},
			&cli.StringFlag{Name: "target-lang", Usage: u.T("AlignFlagTargetLang")},
			&cli.BoolFlag{Name: "presegmented", Usage: u.T("AlignFlagPresegmented")},
			&cli.StringFlag{Name: "format", Value: "links", Usage: u.T("AlignFlagFormat")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: u.T("AlignFlagOutput")},
			&cli.BoolFlag{Name: "batch", Usage: u.T("AlignFlagBatch")},
		},
		Action: func(c *cli.Context) error { return alignRun(c, u) },
	}
}

// alignFormats are the values of --format.
var alignFormats = []string{"links", "tsv", "json", "tmx"}

func alignRun(c *cli.Context, u *ui) error {
	name := c.Command.FullName()
	format := c.String("format")
	known := false
	for _, f := range alignFormats {
		known = known || f == format
	}
	if !known {
		return u.usageFor(name, "AlignFormatInvalid", map[string]any{"Value": format, "Formats": strings.Join(alignFormats, ", ")})
	}
	if c.Bool("batch") {
		in, err := openBatch(c, u, `{"id":1,"src":["…"],"tgt":["…"]}`)
		if err != nil {
			return err
		}
		defer in.Close()
		return alignBatch(c, u, in)
	}
	if err := needArgs(c, u, 2, 2); err != nil {
		return err
	}
	var tags [2]language.Tag
	for k, flag := range []string{"source-lang", "target-lang"} {
		if c.String(flag) == "" {
			return u.usageFor(name, "AlignLangRequired", map[string]any{"Flag": flag})
		}
		tag, err := u.parseLang(flag, c.String(flag))
		if err != nil {
			return err
		}
		tags[k] = tag
	}
	var texts [2][]string
	for k, path := range c.Args().Slice() {
		file, data, err := readInput(c, u, path)
		if err != nil {
			return err
		}
		text, err := segments.Decode(file, data)
		if err != nil {
			return inputFailure(u, err)
		}
		text = strings.TrimPrefix(text, "\uFEFF")
		if c.Bool("presegmented") {
			texts[k] = presegmented(text)
		} else {
			segs, err := segments.DefaultRules().Segmenter(tags[k]).Split(text)
			if err != nil {
				return splitFailure(u, file, "", err)
			}
			for _, s := range segs {
				texts[k] = append(texts[k], s.Text)
			}
		}
	}
	beads := align.Align(texts[0], texts[1], align.Options{})
	var out bytes.Buffer
	switch format {
	case "links":
		for _, b := range beads {
			fmt.Fprintln(&out, link(b))
		}
	case "tsv":
		for _, b := range beads {
			fmt.Fprintf(&out, "%s\t%.3f\t%s\t%s\t%s\n", link(b), b.Confidence, reviewMark(b),
				tsvEscape(joinSentences(texts[0], b.Src)), tsvEscape(joinSentences(texts[1], b.Tgt)))
		}
	case "json":
		if err := writeAlignJSON(&out, tags, texts, beads); err != nil {
			return err
		}
	case "tmx":
		if err := writeAlignTMX(&out, tags, texts, beads); err != nil {
			return u.Fail("AlignTMXFailed", map[string]any{"Error": err.Error()}, err)
		}
	}
	return writeOutput(c, u, out.Bytes())
}

// writeOutput writes the finished output to -o or the app's Writer, so that
// a failed run writes nothing.
func writeOutput(c *cli.Context, u *ui, data []byte) error {
	w, commit, abort, err := outputFile(c, u, c.String("output"))
	if err != nil {
		return err
	}
	defer abort()
	if _, err := w.Write(data); err != nil {
		return u.Fail("WriteFailed", map[string]any{"File": c.String("output"), "Error": errorText(err)}, err)
	}
	return commit()
}

// presegmented returns the lines of text, one sentence each, without line
// ends; blank lines are not sentences.
func presegmented(text string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(nil, len(text)+1)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// link writes a bead in the link format of eval-alignment.py: "1,2-3",
// "4-", "-5".
func link(b align.Bead) string {
	return indexList(b.Src) + "-" + indexList(b.Tgt)
}

func indexList(x []int) string {
	s := make([]string, len(x))
	for i, v := range x {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, ",")
}

func reviewMark(b align.Bead) string {
	if b.NeedsReview() {
		return "review"
	}
	return "ok"
}

// joinSentences joins the sentences of a bead's side with one space.
func joinSentences(sents []string, idx []int) string {
	parts := make([]string, len(idx))
	for k, i := range idx {
		parts[k] = sents[i]
	}
	return strings.Join(parts, " ")
}

// alignJSONBead is one bead in --format json.
type alignJSONBead struct {
	Link       string  `json:"link"`
	Src        []int   `json:"src"`
	Tgt        []int   `json:"tgt"`
	Confidence float64 `json:"confidence"`
	Review     bool    `json:"review"`
	Source     string  `json:"source"`
	Target     string  `json:"target"`
}

func writeAlignJSON(w io.Writer, tags [2]language.Tag, texts [2][]string, beads []align.Bead) error {
	doc := struct {
		SourceLang string          `json:"source_lang"`
		TargetLang string          `json:"target_lang"`
		Beads      []alignJSONBead `json:"beads"`
	}{tags[0].String(), tags[1].String(), []alignJSONBead{}}
	for _, b := range beads {
		doc.Beads = append(doc.Beads, alignJSONBead{
			Link: link(b), Src: orEmpty(b.Src), Tgt: orEmpty(b.Tgt),
			Confidence: round3(b.Confidence), Review: b.NeedsReview(),
			Source: joinSentences(texts[0], b.Src), Target: joinSentences(texts[1], b.Tgt),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func orEmpty(x []int) []int {
	if x == nil {
		return []int{}
	}
	return x
}

func round3(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 3, 64), 64)
	return v
}

// writeAlignTMX writes the beads that have both sides as TMX units; beads
// to review get status initial and a note.
func writeAlignTMX(w io.Writer, tags [2]language.Tag, texts [2][]string, beads []align.Bead) error {
	tw, err := tmx.NewWriter(w, tmx.Header{SrcLang: tags[0].String(), CreationToolVersion: version})
	if err != nil {
		return err
	}
	for _, b := range beads {
		if len(b.Src) == 0 || len(b.Tgt) == 0 {
			continue
		}
		unit := exports.Unit{
			ID:         link(b),
			SourceLang: tags[0].String(),
			TargetLang: tags[1].String(),
			Source:     joinSentences(texts[0], b.Src),
			Target:     joinSentences(texts[1], b.Tgt),
			Status:     exports.StatusTranslated,
			Props:      []exports.Prop{{Type: "x-padan-align-confidence", Value: strconv.FormatFloat(b.Confidence, 'f', 3, 64)}},
		}
		if b.NeedsReview() {
			unit.Status = exports.StatusInitial
			unit.Notes = []exports.Note{{Text: "padan align: low confidence, to review"}}
		}
		if err := tw.Write(unit); err != nil {
			return err
		}
	}
	return tw.Close()
}

// alignBatch answers each line {"id","src","tgt"} of the --batch input
// with a line {"id","links","confidence"}, on standard output or into -o.
func alignBatch(c *cli.Context, u *ui, in *batchInput) error {
	dst, commit, abort, err := outputFile(c, u, c.String("output"))
	if err != nil {
		return err
	}
	defer abort()
	w := bufio.NewWriter(dst)
	for {
		var req struct {
			ID  json.RawMessage `json:"id"`
			Src *[]string       `json:"src"`
			Tgt *[]string       `json:"tgt"`
		}
		ok, err := in.next(&req, func() bool { return req.Src != nil && req.Tgt != nil })
		if err != nil {
			return err
		}
		if !ok {
			return commit()
		}
		out := struct {
			ID         json.RawMessage `json:"id"`
			Links      []string        `json:"links"`
			Confidence []float64       `json:"confidence"`
		}{batchID(req.ID), []string{}, []float64{}}
		for _, b := range align.Align(*req.Src, *req.Tgt, align.Options{}) {
			out.Links = append(out.Links, link(b))
			out.Confidence = append(out.Confidence, round3(b.Confidence))
		}
		if err := in.answer(w, out); err != nil {
			name := c.String("output")
			if name == "" || name == "-" {
				name = u.T("DiffStdoutName")
			}
			return u.Fail("WriteFailed", map[string]any{"File": name, "Error": errorText(err)}, err)
		}
	}
}
