package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/message"

	"github.com/padan-tm/padan/check"
	"github.com/padan-tm/padan/review"
	"github.com/padan-tm/padan/terms"
	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/worddiff"
)

func init() { register(newCheckCommand) }

// errIssuesFound is the failure of a check that found errors: exit status
// 1, with nothing more printed than the report.
var errIssuesFound = errors.New("check: errors found")

// newCheckCommand is `padan check DOC [SEG...] --lang TAG [--stage
// translator|editor|latest] [--format text|json|html] [--skip KINDS] [-o
// FILE]`, and with --ignore KINDS, recording that checks are to be ignored
// on units.
func newCheckCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "check",
		Usage:       u.T("CheckUsage"),
		ArgsUsage:   u.T("CheckArgs"),
		Description: u.T("CheckDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: u.T("FlagDocLang")},
			&cli.StringFlag{Name: "stage", Value: "latest", Usage: u.T("CheckFlagStage")},
			&cli.StringFlag{Name: "format", Value: "text", Usage: u.T("CheckFlagFormat")},
			&cli.StringFlag{Name: "skip", Usage: u.T("CheckFlagSkip")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: u.T("CheckFlagOutput")},
			&cli.BoolFlag{Name: "no-memory", Usage: u.T("CheckFlagNoMemory")},
			&cli.StringFlag{Name: "ignore", Usage: u.T("CheckFlagIgnore")},
			&cli.StringFlag{Name: "note", Usage: u.T("CheckFlagNote")},
			&cli.StringFlag{Name: "by", Usage: u.T("CheckFlagBy")},
		},
		Action: func(c *cli.Context) error { return checkRun(c, u) },
	}
}

// kindsFlag reads a comma-separated list of check kinds.
func kindsFlag(c *cli.Context, u *ui, flag string) ([]check.Kind, error) {
	var out []check.Kind
	for _, w := range strings.Split(c.String(flag), ",") {
		if w = strings.TrimSpace(w); w == "" {
			continue
		}
		k, err := check.ParseKind(w)
		if err != nil {
			names := make([]string, len(check.Kinds))
			for i, k := range check.Kinds {
				names[i] = string(k)
			}
			return nil, u.usageFor(commandPath(c), "CheckBadKind", map[string]any{"Flag": flag, "Value": w, "Allowed": strings.Join(names, ", ")})
		}
		out = append(out, k)
	}
	return out, nil
}

func checkRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 1, -1); err != nil {
		return err
	}
	cmd := commandPath(c)
	lang, err := docLangFlag(c, u)
	if err != nil {
		return err
	}
	stage := tm.Stage(c.String("stage"))
	if stage != tm.StageTranslator && stage != tm.StageEditor && stage != tm.StageLatest {
		return u.usageFor(cmd, "BuildStageInvalid", map[string]any{"Value": stage})
	}
	format, err := formatFlag(c, u, "text", "json", "html")
	if err != nil {
		return err
	}
	skip, err := kindsFlag(c, u, "skip")
	if err != nil {
		return err
	}
	ignore, err := kindsFlag(c, u, "ignore")
	if err != nil {
		return err
	}
	var segs []int
	for _, a := range c.Args().Slice()[1:] {
		n, err := segArg(c, u, a)
		if err != nil {
			return err
		}
		segs = append(segs, n)
	}
	if len(ignore) > 0 && len(segs) == 0 {
		return u.usageFor(cmd, "CheckIgnoreNeedsSeg", nil)
	}
	// Only --ignore writes (a note in the units' history); a check reads.
	open := openReadStore
	if len(ignore) > 0 {
		open = openStore
	}
	store, err := open(c, u)
	if err != nil {
		return err
	}
	defer store.Close()
	ref := c.Args().First()
	if lang, err = docLanguage(c, u, store, ref, lang); err != nil {
		return err
	}
	if len(ignore) > 0 {
		return checkIgnore(c, u, store, ref, lang, segs, ignore)
	}
	t, err := store.Translation(c.Context, ref, lang, true)
	if err != nil {
		return tmFailure(u, err, "")
	}
	for _, n := range segs {
		if n > len(t.Units) {
			return tmFailure(u, &tm.SegmentError{Document: t.Document.Name, Index: n, Count: len(t.Units)}, "")
		}
	}
	matcher, err := termMatcher(c, store, t.Document.Language, lang)
	if err != nil {
		return tmFailure(u, err, "")
	}
	opts := check.Options{SourceLang: t.Document.Language, TargetLang: lang, Terms: matcher, Skip: skip}
	units := checkUnits(t, stage)
	if !c.Bool("no-memory") {
		mem, err := newStoreMemory(c, store, t.Document.Name, t.Document.Language, lang, units)
		if err != nil {
			return tmFailure(u, err, "")
		}
		opts.Memory = mem
	}
	issues, err := check.Check(units, opts)
	if err != nil {
		return tmFailure(u, err, "")
	}
	r := newCheckReport(t, stage, units, issues, segs)

	out := c.String("output")
	w, commit, abort, err := outputFile(c, u, out)
	if err != nil {
		return err
	}
	defer abort()
	switch format {
	case "json":
		err = writeCheckJSON(w, u, r)
	case "html":
		err = writeCheckHTML(w, u, r, t, matcher)
	default:
		err = writeCheckText(w, u, r)
	}
	if err != nil {
		name := out
		if name == "" || name == "-" {
			name = u.T("DiffStdoutName")
		}
		return u.Fail("WriteFailed", map[string]any{"File": name, "Error": u.errorText(err)}, err)
	}
	if err := commit(); err != nil {
		return err
	}
	if out != "" && out != "-" {
		fmt.Fprintln(c.App.Writer, u.T("CheckWrote", map[string]any{"File": out}))
	}
	if r.Errors > 0 {
		return errIssuesFound
	}
	return nil
}

// checkIgnore records, on each unit of segs, that the checks named are to
// be ignored, in one transaction per unit.
func checkIgnore(c *cli.Context, u *ui, store *tm.Store, ref, lang string, segs []int, kinds []check.Kind) error {
	author, err := eventAuthor(c, u, store, ref)
	if err != nil {
		return err
	}
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	err = store.Update(c.Context, func(ctx context.Context, tx *tm.Tx) error {
		for _, n := range segs {
			if err := tx.IgnoreChecks(ctx, ref, lang, author, n, names, c.String("note")); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return tmFailure(u, err, "")
	}
	fmt.Fprintln(c.App.Writer, u.T("CheckIgnoreRecorded", map[string]any{"Checks": strings.Join(names, ", "), "Count": len(segs), "Doc": ref, "Author": author}))
	return nil
}

// checkUnits turns a translation into the units the checks read, at a
// stage. A unit merged into another is left out (its translation is the
// other's).
func checkUnits(t *tm.Translation, stage tm.Stage) []check.Unit {
	out := make([]check.Unit, 0, len(t.Units))
	for i := range t.Units {
		tu := &t.Units[i]
		if tu.MergedInto > 0 {
			continue
		}
		text, ok := tu.TargetAt(stage)
		cu := check.Unit{Index: tu.Index, Source: tu.Source, Target: text, Translated: ok}
		for _, k := range tu.IgnoredChecks() {
			if kind, err := check.ParseKind(k); err == nil {
				cu.Ignore = append(cu.Ignore, kind)
			}
		}
		out = append(out, cu)
	}
	return out
}

// storeMemory answers the consistency check from the store's memory,
// read once for the whole document (tm.Store.SameTexts), leaving out the
// document's own units (the document check sees them).
type storeMemory struct {
	bySource, byTarget map[string][]string
}

func newStoreMemory(c *cli.Context, store *tm.Store, doc, src, tgt string, units []check.Unit) (*storeMemory, error) {
	var sources, targets []string
	for _, u := range units {
		if u.Translated && u.Target != "" {
			sources = append(sources, u.Source)
			targets = append(targets, u.Target)
		}
	}
	bs, bt, err := store.SameTexts(c.Context, src, tgt, doc, sources, targets)
	if err != nil {
		return nil, err
	}
	return &storeMemory{bySource: bs, byTarget: bt}, nil
}

// Translations returns the targets the memory gives u's exact source.
func (m *storeMemory) Translations(u check.Unit) ([]string, error) { return m.bySource[u.Source], nil }

// Sources returns the sources the memory translates exactly as u's target.
func (m *storeMemory) Sources(u check.Unit) ([]string, error) { return m.byTarget[u.Target], nil }

// checkReport is what `padan check` shows.
type checkReport struct {
	Document, Language string
	Stage              tm.Stage
	Units              int // units of the document
	Checked            int // units looked at (all, or the SEGs given)
	Issues             []check.Issue
	Errors, Warnings   int
	ByCheck            map[check.Kind]int
	// texts holds each unit's source and checked target, for marking.
	sources, targets map[int]string
}

func newCheckReport(t *tm.Translation, stage tm.Stage, units []check.Unit, issues []check.Issue, segs []int) *checkReport {
	r := &checkReport{Document: t.Document.Name, Language: t.Language, Stage: stage, Units: len(t.Units),
		ByCheck: map[check.Kind]int{}, sources: map[int]string{}, targets: map[int]string{}}
	want := map[int]bool{}
	for _, n := range segs {
		want[n] = true
	}
	for _, cu := range units {
		if len(segs) == 0 || want[cu.Index] {
			r.Checked++
			r.sources[cu.Index], r.targets[cu.Index] = cu.Source, cu.Target
		}
	}
	for _, k := range check.Kinds {
		r.ByCheck[k] = 0
	}
	for _, is := range issues {
		if len(segs) > 0 && !want[is.Segment] {
			continue
		}
		r.Issues = append(r.Issues, is)
		r.ByCheck[is.Kind]++
		if is.Severity == check.Error {
			r.Errors++
		} else {
			r.Warnings++
		}
	}
	return r
}

// checkMessage localizes an issue's message (check.MessageIDs); an ID it
// does not know gives the check's name.
func checkMessage(u *ui, is check.Issue) string {
	data := map[string]any{}
	for k, v := range is.Args {
		switch x := v.(type) {
		case float64:
			if k == "Share" {
				data[k] = u.percent(x)
			} else {
				data[k] = u.decimal(x, 2)
			}
		default:
			data[k] = v
		}
	}
	// One literal call per ID, so that TestMessagesExist checks each; a
	// check that gains a message must be named here too
	// (TestCheckMessagesExist fails otherwise).
	switch is.Message {
	case "CheckNumberMissing":
		return u.T("CheckNumberMissing", data)
	case "CheckDateMissing":
		return u.T("CheckDateMissing", data)
	case "CheckNumberExtra":
		return u.T("CheckNumberExtra", data)
	case "CheckNameMissing":
		return u.T("CheckNameMissing", data)
	case "CheckNameSpelling":
		return u.T("CheckNameSpelling", data)
	case "CheckTermForbidden":
		return u.T("CheckTermForbidden", data)
	case "CheckTermMissing":
		return u.T("CheckTermMissing", data)
	case "CheckEmpty":
		return u.T("CheckEmpty", data)
	case "CheckSameAsSource":
		return u.T("CheckSameAsSource", data)
	case "CheckSourceLanguage":
		return u.T("CheckSourceLanguage", data)
	case "CheckSourceTranslatedDifferently":
		return u.T("CheckSourceTranslatedDifferently", data)
	case "CheckSameTranslation":
		return u.T("CheckSameTranslation", data)
	case "CheckMemoryTranslation":
		return u.T("CheckMemoryTranslation", data)
	case "CheckMemorySource":
		return u.T("CheckMemorySource", data)
	case "CheckCodesMissing":
		return u.T("CheckCodesMissing", data)
	case "CheckCodesExtra":
		return u.T("CheckCodesExtra", data)
	case "CheckCodesOrder":
		return u.T("CheckCodesOrder", data)
	case "CheckQuotes":
		return u.T("CheckQuotes", data)
	case "CheckBrackets":
		return u.T("CheckBrackets", data)
	case "CheckEndMark":
		return u.T("CheckEndMark", data)
	case "CheckDoubleSpace":
		return u.T("CheckDoubleSpace", data)
	case "CheckLeadingSpace":
		return u.T("CheckLeadingSpace", data)
	case "CheckTrailingSpace":
		return u.T("CheckTrailingSpace", data)
	case "CheckTooLong":
		return u.T("CheckTooLong", data)
	case "CheckTooShort":
		return u.T("CheckTooShort", data)
	}
	return kindLabel(u, is.Kind)
}

// kindLabel and severityLabel name a check and a severity in the interface
// language.
func kindLabel(u *ui, k check.Kind) string {
	switch k {
	case check.Number:
		return u.T("CheckKindNumber")
	case check.Name:
		return u.T("CheckKindName")
	case check.Term:
		return u.T("CheckKindTerm")
	case check.Untranslated:
		return u.T("CheckKindUntranslated")
	case check.Consistency:
		return u.T("CheckKindConsistency")
	case check.Codes:
		return u.T("CheckKindCodes")
	case check.Punctuation:
		return u.T("CheckKindPunctuation")
	case check.Spacing:
		return u.T("CheckKindSpacing")
	case check.Length:
		return u.T("CheckKindLength")
	}
	return string(k)
}

func severityLabel(u *ui, s check.Severity) string {
	if s == check.Error {
		return u.T("CheckSeverityError")
	}
	return u.T("CheckSeverityWarning")
}

// markSpans writes text with the spans bracketed: "in [2016], Kim".
func markSpans(text string, spans []check.Span) string {
	ss := append([]check.Span(nil), spans...)
	sort.Slice(ss, func(i, j int) bool { return ss[i].Start < ss[j].Start })
	var b strings.Builder
	at := 0
	for _, s := range ss {
		if s.Start < at || s.End > len(text) || s.Start > s.End {
			continue
		}
		b.WriteString(text[at:s.Start])
		b.WriteString("[" + text[s.Start:s.End] + "]")
		at = s.End
	}
	b.WriteString(text[at:])
	return b.String()
}

func writeCheckText(w io.Writer, u *ui, r *checkReport) error {
	ew := &errWriter{w: w}
	for _, is := range r.Issues {
		fmt.Fprintln(ew, u.T("CheckIssueLine", map[string]any{"Segment": is.Segment, "Severity": severityLabel(u, is.Severity),
			"Check": kindLabel(u, is.Kind), "Message": checkMessage(u, is)}))
		if len(is.Source) > 0 {
			fmt.Fprintln(ew, "  "+u.T("CheckSourceLine", map[string]any{"Text": markSpans(r.sources[is.Segment], is.Source)}))
		}
		if len(is.Target) > 0 {
			fmt.Fprintln(ew, "  "+u.T("CheckTargetLine", map[string]any{"Text": markSpans(r.targets[is.Segment], is.Target)}))
		}
	}
	fmt.Fprintln(ew, u.T("CheckSummary", map[string]any{"Doc": r.Document, "Lang": r.Language, "Stage": stageVersion(u, r.Stage),
		"Count": r.Checked, "Errors": r.Errors, "Warnings": r.Warnings}))
	return ew.err
}

// checkIssueJSON and checkJSON are the JSON of `padan check`.
type checkIssueJSON struct {
	Segment     int      `json:"segment"`
	Check       string   `json:"check"`
	Severity    string   `json:"severity"`
	Message     string   `json:"message"`
	SourceSpans [][2]int `json:"source_spans"`
	TargetSpans [][2]int `json:"target_spans"`
}

type checkSummaryJSON struct {
	Units    int            `json:"units"`
	Checked  int            `json:"checked"`
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	Checks   map[string]int `json:"checks"`
}

type checkJSON struct {
	Document string           `json:"document"`
	Language string           `json:"language"`
	Stage    string           `json:"stage"`
	Issues   []checkIssueJSON `json:"issues"`
	Summary  checkSummaryJSON `json:"summary"`
}

func spansJSON(ss []check.Span) [][2]int {
	out := make([][2]int, 0, len(ss))
	for _, s := range ss {
		out = append(out, [2]int{s.Start, s.End})
	}
	return out
}

func writeCheckJSON(w io.Writer, u *ui, r *checkReport) error {
	out := checkJSON{Document: r.Document, Language: r.Language, Stage: string(r.Stage), Issues: []checkIssueJSON{},
		Summary: checkSummaryJSON{Units: r.Units, Checked: r.Checked, Errors: r.Errors, Warnings: r.Warnings, Checks: map[string]int{}}}
	for _, is := range r.Issues {
		out.Issues = append(out.Issues, checkIssueJSON{Segment: is.Segment, Check: string(is.Kind), Severity: string(is.Severity),
			Message: checkMessage(u, is), SourceSpans: spansJSON(is.Source), TargetSpans: spansJSON(is.Target)})
	}
	for k, n := range r.ByCheck {
		out.Summary.Checks[string(k)] = n
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeCheckHTML writes the review page (translator against editor) with
// every checked unit, its terms and its issues marked in place.
func writeCheckHTML(w io.Writer, u *ui, r *checkReport, t *tm.Translation, m *terms.Matcher) error {
	dr, err := newDiffReport(t, diffOptions{From: tm.RoleTranslator, To: tm.RoleEditor})
	if err != nil {
		return err
	}
	p := reviewPage(u, dr)
	p.Labels.Title = u.T("CheckPageTitle", map[string]any{"Document": r.Document})
	p.Labels.Subtitle = u.T("CheckSummary", map[string]any{"Doc": r.Document, "Lang": r.Language, "Stage": stageVersion(u, r.Stage),
		"Count": r.Checked, "Errors": r.Errors, "Warnings": r.Warnings})
	p.Labels.Terms, p.Labels.Issues, p.Labels.Checked = u.T("CheckPageTerms"), u.T("CheckPageIssues"), u.T("CheckPageChecked", map[string]any{"Stage": stageVersion(u, r.Stage)})
	pr := message.NewPrinter(u.Lang)
	p.Summary = append([]review.Figure{
		{Label: u.T("CheckFigErrors"), Value: pr.Sprint(r.Errors)},
		{Label: u.T("CheckFigWarnings"), Value: pr.Sprint(r.Warnings)},
	}, p.Summary...)
	byIndex := map[int]int{}
	for i, ru := range p.Units {
		byIndex[ru.Index] = i
	}
	// Every checked unit is on the page, those without both revisions with
	// the text checked.
	for idx, target := range r.targets {
		if _, ok := byIndex[idx]; ok {
			continue
		}
		p.Units = append(p.Units, review.Unit{Index: idx, Source: r.sources[idx], To: review.Version{Text: target},
			Ops: []review.Op{{Kind: worddiff.Equal, Text: target, Change: -1}}})
	}
	var kept []review.Unit
	for _, ru := range p.Units {
		if _, ok := r.targets[ru.Index]; ok {
			kept = append(kept, ru)
		}
	}
	p.Units = kept
	sort.Slice(p.Units, func(i, j int) bool { return p.Units[i].Index < p.Units[j].Index })
	for i := range p.Units {
		ru := &p.Units[i]
		ru.Checked = r.targets[ru.Index]
		ru.Terms = reviewTerms(u, m, ru.Source)
	}
	at := map[int]int{}
	for i, ru := range p.Units {
		at[ru.Index] = i
	}
	for _, is := range r.Issues {
		i, ok := at[is.Segment]
		if !ok {
			continue
		}
		ri := review.Issue{Severity: string(is.Severity), Label: kindLabel(u, is.Kind), Message: checkMessage(u, is)}
		for _, s := range is.Source {
			ri.Source = append(ri.Source, review.Span{Start: s.Start, End: s.End})
		}
		for _, s := range is.Target {
			ri.Target = append(ri.Target, review.Span{Start: s.Start, End: s.End})
		}
		p.Units[i].Issues = append(p.Units[i].Issues, ri)
	}
	return review.Render(w, p)
}

// reviewTerms is the terms found in a source, as the review page lists
// them.
func reviewTerms(u *ui, m *terms.Matcher, source string) []review.TermNote {
	var out []review.TermNote
	for _, t := range findTerms(m, source) {
		tr := strings.Join(t.Translations, " / ")
		if len(t.Forbidden) > 0 {
			tr += " " + u.T("TermsNotForbidden", map[string]any{"List": strings.Join(t.Forbidden, ", ")})
		}
		out = append(out, review.TermNote{Term: t.Term, Translations: tr})
	}
	return out
}

// addReviewTerms gives each unit of a review page the term base's terms
// found in its source.
func addReviewTerms(c *cli.Context, u *ui, store *tm.Store, t *tm.Translation, p *review.Page) error {
	m, err := termMatcher(c, store, t.Document.Language, t.Language)
	if err != nil || m == nil {
		return err
	}
	p.Labels.Terms = u.T("CheckPageTerms")
	for i := range p.Units {
		p.Units[i].Terms = reviewTerms(u, m, p.Units[i].Source)
	}
	return nil
}
