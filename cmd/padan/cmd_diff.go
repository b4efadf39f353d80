package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/message"

	"github.com/padan-tm/padan/review"
	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/worddiff"
)

func init() { register(newDiffCommand) }

// newDiffCommand is `padan diff DOC [SEG...] --lang TAG [--from ROLE] [--to
// ROLE] [--unit word|char] [--format text|json|html] [-o FILE] [--all]
// [--status STATUS]`: what the editor changed, word by word, and how much.
func newDiffCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "diff",
		Usage:       u.T("DiffUsage"),
		ArgsUsage:   u.T("DiffArgs"),
		Description: u.T("DiffDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: u.T("FlagDocLang")},
			&cli.StringFlag{Name: "from", Value: string(tm.RoleTranslator), Usage: u.T("DiffFlagFrom")},
			&cli.StringFlag{Name: "to", Value: string(tm.RoleEditor), Usage: u.T("DiffFlagTo")},
			&cli.StringFlag{Name: "unit", Value: "word", Usage: u.T("DiffFlagUnit")},
			&cli.StringFlag{Name: "format", Value: "text", Usage: u.T("DiffFlagFormat")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: u.T("DiffFlagOutput")},
			&cli.BoolFlag{Name: "all", Usage: u.T("DiffFlagAll")},
			&cli.StringFlag{Name: "status", Usage: u.T("DiffFlagStatus")},
		},
		Action: func(c *cli.Context) error { return diffRun(c, u) },
	}
}

// diffOptions are the choices of one `padan diff` run.
type diffOptions struct {
	From, To    tm.Role
	Granularity worddiff.Granularity
	Status      tm.Status // "" for every status
	Segments    []int     // nil for every unit
	All         bool
}

func diffRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 1, -1); err != nil {
		return err
	}
	cmd := c.Command.FullName()
	lang, err := docLangFlag(c, u)
	if err != nil {
		return err
	}
	opts := diffOptions{All: c.Bool("all")}
	for _, f := range []struct {
		flag string
		role *tm.Role
	}{{"from", &opts.From}, {"to", &opts.To}} {
		switch v := tm.Role(c.String(f.flag)); v {
		case tm.RoleTranslator, tm.RoleEditor, tm.RolePretranslation:
			*f.role = v
		default:
			return u.usageFor(cmd, "DiffBadRole", map[string]any{"Flag": "--" + f.flag, "Value": string(v)})
		}
	}
	if opts.From == opts.To {
		return u.usageFor(cmd, "DiffSameRoles", map[string]any{"Role": string(opts.From)})
	}
	switch c.String("unit") {
	case "word":
		opts.Granularity = worddiff.ByWord
	case "char":
		opts.Granularity = worddiff.ByChar
	default:
		return u.usageFor(cmd, "DiffBadUnit", map[string]any{"Value": c.String("unit")})
	}
	if v := c.String("status"); v != "" {
		ok := false
		for _, s := range tm.Statuses {
			ok = ok || string(s) == v
		}
		if !ok {
			return u.usageFor(cmd, "DiffBadStatus", map[string]any{"Value": v})
		}
		opts.Status = tm.Status(v)
	}
	for _, a := range c.Args().Slice()[1:] {
		n, err := segArg(c, u, a)
		if err != nil {
			return err
		}
		opts.Segments = append(opts.Segments, n)
	}
	format, err := formatFlag(c, u, "text", "json", "html")
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
	t, err := store.Translation(c.Context, c.Args().First(), lang, true)
	if err != nil {
		return tmFailure(u, err, "")
	}
	r, err := newDiffReport(t, opts)
	if err != nil {
		return tmFailure(u, err, "")
	}

	out := c.String("output")
	w, commit, abort, err := outputFile(c, u, out)
	if err != nil {
		return err
	}
	defer abort()
	switch format {
	case "json":
		err = writeDiffJSON(w, r)
	case "html":
		err = review.Render(w, reviewPage(u, r))
	default:
		err = writeDiffText(w, u, r, out == "" && useColor(w, u.Getenv))
	}
	if err != nil {
		name := out
		if name == "" || name == "-" {
			name = u.T("DiffStdoutName")
		}
		return u.Fail("WriteFailed", map[string]any{"File": name, "Error": err.Error()}, err)
	}
	if err := commit(); err != nil {
		return err
	}
	if format == "html" && out != "" && out != "-" {
		fmt.Fprintln(c.App.Writer, u.T("DiffWroteHTML", map[string]any{"File": out, "Units": len(r.Units)}))
	}
	return nil
}

// newDiffReport compares, for each unit of t (or of opts.Segments) with
// the status opts.Status, the latest revision by opts.From with the latest
// by opts.To. Units lacking either are left out. A segment out of range is
// a [*tm.SegmentError].
func newDiffReport(t *tm.Translation, opts diffOptions) (*diffReport, error) {
	r := &diffReport{Document: t.Document.Name, SourceLang: t.Document.Language, Lang: t.Language,
		FromRole: string(opts.From), ToRole: string(opts.To), All: opts.All}
	units := t.Units
	if opts.Segments != nil {
		units = nil
		seen := map[int]bool{}
		for _, n := range opts.Segments {
			if n > len(t.Units) {
				return nil, &tm.SegmentError{Document: t.Document.Name, Index: n, Count: len(t.Units)}
			}
			if !seen[n] {
				seen[n] = true
				units = append(units, t.Units[n-1])
			}
		}
		sort.Slice(units, func(i, j int) bool { return units[i].Index < units[j].Index })
	}
	var results []worddiff.Result
	for i := range units {
		tu := &units[i]
		if opts.Status != "" && tu.Status != opts.Status {
			continue
		}
		from, to := latestBy(tu, opts.From), latestBy(tu, opts.To)
		if from == nil || to == nil {
			continue
		}
		res := worddiff.Compare(worddiff.Pair{From: from.Text, To: to.Text, FromAuthor: from.Author, ToAuthor: to.Author}, opts.Granularity)
		results = append(results, res)
		r.Units = append(r.Units, diffUnit{Index: tu.Index, Source: tu.Source,
			From:   diffRevision{Text: from.Text, Author: from.Author, Role: string(from.Role), Time: from.Time},
			To:     diffRevision{Text: to.Text, Author: to.Author, Role: string(to.Role), Time: to.Time},
			Result: res})
	}
	r.Summary = worddiff.SummarizeResults(results)
	return r, nil
}

// latestBy returns the unit's latest text revision by role, or nil. A
// translator's text is also one recorded by pre-translation (as in
// [tm.Unit].Translator).
func latestBy(u *tm.Unit, role tm.Role) *tm.Revision {
	switch role {
	case tm.RoleTranslator:
		return u.Translator
	case tm.RoleEditor:
		return u.Editor
	}
	for i := len(u.Revisions) - 1; i >= 0; i-- {
		if r := &u.Revisions[i]; r.Event == tm.EventRevise && r.Role == role {
			return r
		}
	}
	return nil
}

// postEditPairs returns, for each unit of t that has both, the latest
// translator text and the latest editor text with their authors: what
// worddiff.Summarize takes for the post-edit figures of `padan stats`.
func postEditPairs(t *tm.Translation) []worddiff.Pair {
	var pairs []worddiff.Pair
	for i := range t.Units {
		from, to := t.Units[i].Translator, t.Units[i].Editor
		if from != nil && to != nil {
			pairs = append(pairs, worddiff.Pair{From: from.Text, To: to.Text, FromAuthor: from.Author, ToAuthor: to.Author})
		}
	}
	return pairs
}

// writePostEdit writes the post-edit figures of a translation, translator
// against editor: a heading, the document's summary and a line per
// translator and per editor. It is what `padan stats` and `padan demo` show;
// it writes nothing and returns false when no unit has both revisions.
func writePostEdit(w io.Writer, u *ui, t *tm.Translation) (bool, error) {
	pairs := postEditPairs(t)
	if len(pairs) == 0 {
		return false, nil
	}
	return true, writePostEditSummary(w, u, t.Document.Name, t.Language, worddiff.Summarize(pairs))
}

// writePostEditSummary writes the post-edit figures s of a document's
// translation into lang: a heading, the document's summary and a line per
// translator and per editor.
func writePostEditSummary(w io.Writer, u *ui, doc, lang string, s worddiff.Summary) error {
	ew := &errWriter{w: w}
	fmt.Fprintln(ew, u.T("DiffPostEditHead", map[string]any{"Document": doc, "Lang": lang}))
	writeDiffSummary(ew, u, s.Overall)
	for _, g := range []struct {
		role tm.Role
		list []worddiff.AuthorAggregate
	}{{tm.RoleTranslator, s.ByTranslator}, {tm.RoleEditor, s.ByEditor}} {
		for _, a := range g.list {
			fmt.Fprintln(ew, u.T("DiffPostEditAuthor", map[string]any{
				"Role": roleName(u, g.role), "Author": a.Author, "Units": a.Units, "Changed": a.Changed,
				"MeanTER": percent(u, a.MeanTER), "Untouched": percent(u, a.UntouchedShare),
				"Light": percent(u, a.LightShare), "Moderate": percent(u, a.ModerateShare), "Heavy": percent(u, a.HeavyShare)}))
		}
	}
	return ew.err
}

// writeReviewFile writes the HTML review page of a translation, translator
// against editor, to path: what `padan demo` leaves beside its TMX and XLIFF
// files. It returns the number of units on the page.
func writeReviewFile(u *ui, t *tm.Translation, path string) (int, error) {
	r, err := newDiffReport(t, diffOptions{From: tm.RoleTranslator, To: tm.RoleEditor})
	if err != nil {
		return 0, err
	}
	var b strings.Builder
	if err := review.Render(&b, reviewPage(u, r)); err != nil {
		return 0, err
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return 0, u.Fail("WriteFailed", map[string]any{"File": path, "Error": errorText(err)}, err)
	}
	return len(r.Units), nil
}

// diffRevision is one side of a unit's comparison.
type diffRevision struct {
	Text   string
	Author string
	Role   string
	Time   time.Time
}

// diffUnit is one unit compared by `padan diff`.
type diffUnit struct {
	Index  int
	Source string
	From   diffRevision
	To     diffRevision
	Result worddiff.Result
}

// diffReport is everything `padan diff` shows.
type diffReport struct {
	Document   string
	SourceLang string
	Lang       string
	FromRole   string
	ToRole     string
	Units      []diffUnit // every unit with both revisions, in order
	All        bool       // list unchanged units too (text and JSON)
	Summary    worddiff.Summary
}

// listed returns the units the text and JSON formats show.
func (r *diffReport) listed() []diffUnit {
	var out []diffUnit
	for _, u := range r.Units {
		if r.All || u.Result.Changed() {
			out = append(out, u)
		}
	}
	return out
}

// ANSI escapes for the terminal: red strike-through for deleted text,
// green for inserted text.
const (
	ansiDelete = "\x1b[9;31m"
	ansiInsert = "\x1b[32m"
	ansiReset  = "\x1b[0m"
)

// useColor reports whether the diff may be coloured: stdout is a terminal
// and NO_COLOR is unset (https://no-color.org).
func useColor(w io.Writer, getenv func(string) string) bool {
	if getenv("NO_COLOR") != "" {
		return false
	}
	return isTerminal(w)
}

// markedText renders the target side of a diff: deletions and insertions
// coloured, or between [-…-] and {+…+} markers.
func markedText(ops []worddiff.Op, color bool) string {
	if !color {
		return worddiff.Markers(ops)
	}
	var b strings.Builder
	for _, o := range ops {
		switch o.Kind {
		case worddiff.Delete:
			b.WriteString(ansiDelete + o.Text + ansiReset)
		case worddiff.Insert:
			b.WriteString(ansiInsert + o.Text + ansiReset)
		default:
			b.WriteString(o.Text)
		}
	}
	return b.String()
}

// classLabel is the localized name of a class of change.
func classLabel(u *ui, c worddiff.Class) string {
	switch c {
	case worddiff.Spacing:
		return u.T("DiffClassSpacing")
	case worddiff.Punctuation:
		return u.T("DiffClassPunctuation")
	case worddiff.Case:
		return u.T("DiffClassCase")
	case worddiff.Moved:
		return u.T("DiffClassMoved")
	case worddiff.NumberEdit:
		return u.T("DiffClassNumber")
	case worddiff.Substituted:
		return u.T("DiffClassSubstituted")
	case worddiff.Inserted:
		return u.T("DiffClassInserted")
	}
	return u.T("DiffClassDeleted")
}

// roleLabel is the localized name of a role given as a string.
func roleLabel(u *ui, role string) string { return roleName(u, tm.Role(role)) }

// percent formats a ratio as a percentage with one decimal, in the
// interface language's notation (2.2% in English, 2,2% in Indonesian).
func percent(u *ui, f float64) string {
	return message.NewPrinter(u.Lang).Sprintf("%.1f%%", 100*f)
}

// unitClasses lists a unit's change classes, localized, without repeats.
func unitClasses(u *ui, changes []worddiff.Change) string {
	var names []string
	seen := map[worddiff.Class]bool{}
	for _, c := range changes {
		if !seen[c.Class] {
			seen[c.Class] = true
			names = append(names, classLabel(u, c.Class))
		}
	}
	return strings.Join(names, ", ")
}

// writeDiffText writes the text format: for each listed unit a heading, its
// source and its marked-up target, then the summary.
func writeDiffText(w io.Writer, u *ui, r *diffReport, color bool) error {
	ew := &errWriter{w: w}
	if len(r.Units) == 0 {
		fmt.Fprintln(ew, u.T("DiffNothing", map[string]any{
			"Document": r.Document, "From": roleLabel(u, r.FromRole), "To": roleLabel(u, r.ToRole), "Lang": r.Lang}))
		return ew.err
	}
	for _, du := range r.listed() {
		res := du.Result
		if res.Changed() {
			fmt.Fprintln(ew, u.T("DiffUnitHead", map[string]any{
				"Index": du.Index, "Classes": unitClasses(u, res.Changes),
				"Distance": percent(u, res.Distance.TER), "Similarity": percent(u, res.Distance.Similarity)}))
		} else {
			fmt.Fprintln(ew, u.T("DiffUnitHeadSame", map[string]any{"Index": du.Index}))
		}
		if res.Approximate {
			fmt.Fprintln(ew, u.T("DiffUnitApproximate", map[string]any{"Work": worddiff.MaxWork}))
		}
		fmt.Fprintln(ew, u.T("DiffSourceLine", map[string]any{"Text": du.Source}))
		fmt.Fprintln(ew, u.T("DiffTargetLine", map[string]any{"Text": markedText(res.Ops, color)}))
		fmt.Fprintln(ew)
	}
	writeDiffSummary(ew, u, r.Summary.Overall)
	return ew.err
}

// writeDiffSummary writes the summary lines of the text format; `padan
// demo` shows them too.
func writeDiffSummary(w io.Writer, u *ui, a worddiff.Aggregate) {
	fmt.Fprintln(w, u.T("DiffSummary", map[string]any{
		"Changed": a.Changed, "Units": a.Units,
		"MeanTER": percent(u, a.MeanTER), "PooledTER": percent(u, a.PooledTER),
		"Untouched": percent(u, a.UntouchedShare), "Light": percent(u, a.LightShare),
		"Moderate": percent(u, a.ModerateShare), "Heavy": percent(u, a.HeavyShare)}))
	var counts []string
	for _, c := range worddiff.Classes() {
		if n := a.Classes[c]; n > 0 {
			counts = append(counts, u.T("DiffClassCount", map[string]any{"Class": classLabel(u, c), "N": n}))
		}
	}
	if len(counts) > 0 {
		fmt.Fprintln(w, u.T("DiffSummaryClasses", map[string]any{"Classes": strings.Join(counts, ", ")}))
	}
	if a.Approximate > 0 {
		fmt.Fprintln(w, u.T("DiffSummaryApproximate", map[string]any{"Count": a.Approximate, "Work": worddiff.MaxWork}))
	}
}

// errWriter keeps the first write error, so that a run of Fprintln calls
// needs one check.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// JSON shapes of `padan diff --format json`.
type (
	diffJSON struct {
		Document string          `json:"document"`
		Language string          `json:"language"`
		Units    []diffUnitJSON  `json:"units"`
		Summary  diffSummaryJSON `json:"summary"`
	}
	diffUnitJSON struct {
		Index      int               `json:"index"`
		Source     string            `json:"source"`
		From       diffRevisionJSON  `json:"from"`
		To         diffRevisionJSON  `json:"to"`
		Ops        []worddiff.Op     `json:"ops"`
		Changes    []diffChangeJSON  `json:"changes"`
		Distance   float64           `json:"distance"`
		Similarity float64           `json:"similarity"`
		Edits      worddiff.Distance `json:"edits"`
		// Approximate: too long and different to compare exactly.
		Approximate bool `json:"approximate,omitempty"`
	}
	diffRevisionJSON struct {
		Text   string `json:"text"`
		Author string `json:"author"`
		Role   string `json:"role"`
		Time   string `json:"time"`
	}
	diffChangeJSON struct {
		Class    worddiff.Class `json:"class"`
		Deleted  string         `json:"deleted"`
		Inserted string         `json:"inserted"`
	}
	diffSummaryJSON struct {
		worddiff.Aggregate
		ByTranslator []worddiff.AuthorAggregate `json:"by_translator"`
		ByEditor     []worddiff.AuthorAggregate `json:"by_editor"`
	}
)

func revisionJSON(r diffRevision) diffRevisionJSON {
	t := ""
	if !r.Time.IsZero() {
		t = r.Time.UTC().Format(time.RFC3339)
	}
	return diffRevisionJSON{Text: r.Text, Author: r.Author, Role: r.Role, Time: t}
}

// writeDiffJSON writes the JSON format.
func writeDiffJSON(w io.Writer, r *diffReport) error {
	out := diffJSON{Document: r.Document, Language: r.Lang, Units: []diffUnitJSON{},
		Summary: diffSummaryJSON{Aggregate: r.Summary.Overall, ByTranslator: r.Summary.ByTranslator, ByEditor: r.Summary.ByEditor}}
	for _, du := range r.listed() {
		res := du.Result
		ju := diffUnitJSON{Index: du.Index, Source: du.Source, From: revisionJSON(du.From), To: revisionJSON(du.To),
			Ops: res.Ops, Changes: []diffChangeJSON{}, Distance: res.Distance.TER, Similarity: res.Distance.Similarity, Edits: res.Distance,
			Approximate: res.Approximate}
		if ju.Ops == nil {
			ju.Ops = []worddiff.Op{}
		}
		for _, c := range res.Changes {
			ju.Changes = append(ju.Changes, diffChangeJSON{Class: c.Class, Deleted: c.Deleted, Inserted: c.Inserted})
		}
		out.Units = append(out.Units, ju)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// reviewPage turns a report into the HTML review page's data, every label
// localized.
func reviewPage(u *ui, r *diffReport) review.Page {
	from, to := roleLabel(u, r.FromRole), roleLabel(u, r.ToRole)
	p := review.Page{
		Lang: u.Lang.String(),
		Labels: review.Labels{
			Title:    u.T("ReviewTitle", map[string]any{"Document": r.Document}),
			Subtitle: u.T("ReviewSubtitle", map[string]any{"SourceLang": r.SourceLang, "Lang": r.Lang, "From": from, "To": to}),
			Summary:  u.T("ReviewSummary"), Chart: u.T("ReviewChart"),
			Light: u.T("ReviewLight"), Heavy: u.T("ReviewHeavy"),
			Show: u.T("ReviewShow"), All: u.T("ReviewAll"), Changed: u.T("ReviewChanged"), Unchanged: u.T("ReviewUnchanged"),
			Unit: u.T("ReviewUnit"), Source: u.T("ReviewSource"), Translator: capitalize(from), Editor: capitalize(to),
			Distance: u.T("ReviewDistance"), Similarity: u.T("ReviewSimilarity"), NoChange: u.T("ReviewNoChange"),
			Deleted: u.T("ReviewDeleted"), Inserted: u.T("ReviewInserted"),
			Generator: u.T("ReviewGenerator", map[string]any{"Version": version}),
		},
	}
	a := r.Summary.Overall
	p.Summary = []review.Figure{
		{Label: u.T("ReviewFigUnits"), Value: message.NewPrinter(u.Lang).Sprint(a.Units)},
		{Label: u.T("ReviewFigChanged"), Value: message.NewPrinter(u.Lang).Sprint(a.Changed)},
		{Label: u.T("ReviewFigMeanTER"), Value: percent(u, a.MeanTER)},
		{Label: u.T("ReviewFigPooledTER"), Value: percent(u, a.PooledTER)},
		{Label: u.T("ReviewFigSimilarity"), Value: percent(u, a.MeanSimilarity)},
		{Label: u.T("ReviewFigUntouched"), Value: percent(u, a.UntouchedShare)},
		{Label: u.T("ReviewFigLight"), Value: percent(u, a.LightShare)},
		{Label: u.T("ReviewFigModerate"), Value: percent(u, a.ModerateShare)},
		{Label: u.T("ReviewFigHeavy"), Value: percent(u, a.HeavyShare)},
	}
	for _, c := range worddiff.Classes() {
		if n := a.Classes[c]; n > 0 {
			p.Summary = append(p.Summary, review.Figure{Label: capitalize(classLabel(u, c)), Value: message.NewPrinter(u.Lang).Sprint(n)})
		}
	}
	for _, du := range r.Units {
		res := du.Result
		ru := review.Unit{
			Index: du.Index, Source: du.Source,
			From:           review.Version{Text: du.From.Text, Author: du.From.Author, Role: from, Time: shortTime(du.From.Time)},
			To:             review.Version{Text: du.To.Text, Author: du.To.Author, Role: to, Time: shortTime(du.To.Time)},
			Distance:       res.Distance.TER,
			DistanceText:   percent(u, res.Distance.TER),
			SimilarityText: percent(u, res.Distance.Similarity),
		}
		change := make([]int, len(res.Ops))
		for i := range change {
			change[i] = -1
		}
		for k, c := range res.Changes {
			ru.Changes = append(ru.Changes, review.Change{Class: c.Class.String(), Label: classLabel(u, c.Class)})
			for i := c.First; i <= c.Last; i++ {
				change[i] = k
			}
		}
		for i, o := range res.Ops {
			kind := review.Equal
			switch o.Kind {
			case worddiff.Delete:
				kind = review.Delete
			case worddiff.Insert:
				kind = review.Insert
			}
			ru.Ops = append(ru.Ops, review.Op{Kind: kind, Text: o.Text, Change: change[i]})
		}
		p.Units = append(p.Units, ru)
	}
	return p
}

// shortTime formats a revision time for the page, in UTC to the minute.
func shortTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// capitalize upper-cases the first letter of a label used as a heading.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
