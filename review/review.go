// Package review renders padan's editors' review page: one self-contained
// HTML file showing, for each unit, the source, the translator's version
// and the editor's version side by side with the word diff highlighted, the
// class of each change, a bar chart of the edit distances and filters for
// changed and unchanged units.
//
// The page needs no network: its CSS, script and chart (SVG) are inline,
// and a Content-Security-Policy forbids loading anything. It stacks its
// columns on narrow screens and has print styles. Every label comes from
// the caller ([Labels]), so the page speaks the user's language; the
// package computes nothing about the texts and prints nothing.
package review

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/padan-tm/padan/worddiff"
)

// Op is one piece of a unit's diff: kept, deleted or inserted text. Change
// is the index of the change it belongs to in [Unit].Changes, or -1 for a
// [worddiff.Equal] op.
type Op struct {
	Kind   worddiff.OpKind
	Text   string
	Change int
}

// Diff returns a unit's ops and changes from its word diff: the ops of r
// with the index of the change each belongs to, and r's changes with
// their class's machine name and the label naming it in the reader's
// language.
func Diff(r worddiff.Result, label func(worddiff.Class) string) ([]Op, []Change) {
	ops := make([]Op, len(r.Ops))
	for i, o := range r.Ops {
		ops[i] = Op{Kind: o.Kind, Text: o.Text, Change: -1}
	}
	changes := make([]Change, len(r.Changes))
	for k, c := range r.Changes {
		changes[k] = Change{Class: c.Class.String(), Label: label(c.Class)}
		for i := c.First; i <= c.Last; i++ {
			ops[i].Change = k
		}
	}
	return ops, changes
}

// Change is one classed change of a unit. Class is its machine name (such
// as "substituted", used for styling and filtering), Label its localized
// name.
type Change struct {
	Class string
	Label string
}

// Version is one revision of a unit: its text and who wrote it when. Role
// and Time are shown as given, already localized or formatted.
type Version struct {
	Text   string
	Author string
	Role   string
	Time   string
}

// Unit is one row of the page.
type Unit struct {
	Index    int
	Source   string
	From, To Version
	Ops      []Op
	Changes  []Change
	// Distance is the unit's post-edit distance (TER, 0 for none) drawn
	// in the chart; DistanceText and SimilarityText are its figures as
	// the page shows them, formatted by the caller.
	Distance       float64
	DistanceText   string
	SimilarityText string
	// Terms are the term base's terms found in the source, with their
	// agreed translations, shown under the unit.
	Terms []TermNote
	// Issues are the quality checks' findings on the unit, listed under it
	// with their spans marked in place in Source and in Checked, the
	// target text they were found in.
	Issues  []Issue
	Checked string
}

// TermNote is a term found in a unit's source and its translations, as the
// page shows them.
type TermNote struct {
	Term         string
	Translations string
}

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Issue is one finding of the quality checks on a unit: its severity
// ("error" or "warning", for styling), its check's localized label, its
// localized message and the spans it marks in the source and the checked
// target.
type Issue struct {
	Severity string
	Label    string
	Message  string
	Source   []Span
	Target   []Span
}

// piece is a run of a text, marked with a severity or not.
type piece struct {
	Text string
	Mark string
}

// marked cuts text into pieces, marking the issues' spans (the source
// spans, or the target spans when target is set) with their severity,
// errors over warnings. Spans out of range or off a UTF-8 boundary are left
// out.
func marked(text string, issues []Issue, target bool) []piece {
	marks := make([]string, len(text))
	for _, is := range issues {
		spans := is.Source
		if target {
			spans = is.Target
		}
		for _, sp := range spans {
			if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End || !utf8.RuneStart(byteAt(text, sp.Start)) || (sp.End < len(text) && !utf8.RuneStart(text[sp.End])) {
				continue
			}
			for i := sp.Start; i < sp.End; i++ {
				if marks[i] != "error" {
					marks[i] = is.Severity
				}
			}
		}
	}
	var out []piece
	for i := 0; i < len(text); {
		j := i
		for j < len(text) && marks[j] == marks[i] {
			j++
		}
		out = append(out, piece{Text: text[i:j], Mark: marks[i]})
		i = j
	}
	return out
}

func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// Changed reports whether the unit's diff has any deletion or insertion.
func (u Unit) Changed() bool {
	for _, o := range u.Ops {
		if o.Kind != worddiff.Equal {
			return true
		}
	}
	return false
}

// Figure is one line of the summary: a label and its formatted value.
type Figure struct {
	Label string
	Value string
}

// Labels are the page's fixed texts, in the reader's language.
type Labels struct {
	Title      string // page title and heading
	Subtitle   string // a line under the heading: document, languages, revisions compared
	Summary    string // heading of the summary
	Chart      string // heading and accessible name of the chart
	Light      string // name of the light-edit threshold line (10%)
	Heavy      string // name of the heavy-edit threshold line (40%)
	Show       string // label of the filter
	All        string // filter: every unit
	Changed    string // filter: changed units
	Unchanged  string // filter: unchanged units
	Unit       string // "Unit", before a unit's number
	Source     string // column heading
	Translator string // column heading
	Editor     string // column heading
	Distance   string // "Edit distance"
	Similarity string // "Similarity"
	NoChange   string // shown for a unit the editor left as it was
	Deleted    string // accessible name of deleted text
	Inserted   string // accessible name of inserted text
	Generator  string // footer, such as "Made by padan"
	Terms      string // heading of a unit's terms
	Issues     string // heading of a unit's quality-check findings
	Checked    string // label of the checked target text
}

// Page is everything the review page shows.
type Page struct {
	Lang    string // BCP 47 tag of the labels' language, for <html lang>
	Dir     string // "ltr" (default) or "rtl"
	Labels  Labels
	Summary []Figure
	Units   []Unit
}

//go:embed page.html.tmpl
var pageTemplate string

//go:embed page.css
var pageCSS string

//go:embed page.js
var pageJS string

var tmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"css":    func() template.CSS { return template.CSS(pageCSS) },
	"js":     func() template.JS { return template.JS(pageJS) },
	"px":     px,
	"marked": marked,
}).Parse(pageTemplate))

// Chart geometry, in SVG user units.
const (
	chartHeight = 120.0
	barWidth    = 14.0
	barGap      = 4.0
	chartPad    = 30.0 // room on the left for the axis labels
)

// bar is one unit's bar in the chart.
type bar struct {
	X, Y, W, H float64
	Index      int
	Level      string // the worddiff.Band: untouched, light, moderate, heavy
	Title      string
}

// line is a labelled horizontal line of the chart.
type line struct {
	Y     float64
	Label string
}

// view is what the template receives.
type view struct {
	Page
	Bars           []bar
	Lines          []line
	ChartWidth     float64
	ChartHeight    float64
	Count          int
	ChangedCount   int
	UnchangedCount int
}

// Render writes the page to w.
func Render(w io.Writer, p Page) error {
	if p.Dir == "" {
		p.Dir = "ltr"
	}
	v := view{Page: p, ChartHeight: chartHeight + 16, Count: len(p.Units)}
	top := 0.5 // the chart's scale goes at least to 50%
	for _, u := range p.Units {
		top = math.Max(top, u.Distance)
		if u.Changed() {
			v.ChangedCount++
		}
	}
	y := func(d float64) float64 { return chartHeight - chartHeight*d/top }
	for i, u := range p.Units {
		h := chartHeight * u.Distance / top
		if u.Distance > 0 && h < 2 {
			h = 2 // keep a tiny edit visible
		}
		v.Bars = append(v.Bars, bar{
			X: chartPad + float64(i)*(barWidth+barGap), Y: chartHeight - h, W: barWidth, H: h,
			Index: u.Index, Level: level(u.Distance),
			Title: fmt.Sprintf("%s %d: %s", p.Labels.Unit, u.Index, u.DistanceText),
		})
	}
	v.UnchangedCount = v.Count - v.ChangedCount
	v.Lines = []line{{y(worddiff.LightTER), p.Labels.Light}, {y(worddiff.HeavyTER), p.Labels.Heavy}}
	v.ChartWidth = chartPad + float64(len(p.Units))*(barWidth+barGap) + 60
	if err := tmpl.Execute(w, v); err != nil {
		return fmt.Errorf("render review page: %w", err)
	}
	return nil
}

// level names the band a distance falls in, for the bar's colour.
func level(d float64) string { return worddiff.BandOf(d).String() }

// px formats an SVG coordinate.
func px(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
