// Package check is padan's quality checks: it compares each unit's source
// with its target and reports what an editor should look at, each issue
// with its kind, severity, a message (an ID and its arguments, which the
// caller localizes) and the byte spans it concerns in source and target.
// It knows nothing of the database and prints nothing.
//
// The checks, by [Kind]:
//
//   - number: every number of the source is in the target and no number is
//     in the target that the source lacks, compared by value across
//     notations (20.000 = 20,000; 12,5 = 12.5; Rp45 miliar = 45 billion;
//     pukul 09.30 = 9:30 a.m.; 50 persen = 50%), with month and day names
//     (17 Agustus = August 17, Senin = Monday) and, to excuse a digit,
//     number words (dua = two). Error.
//   - name: capitalised names and acronyms of the source are in the target,
//     directly, through the pair list of internal/anchor (AS = US, PBB =
//     UN) or respelt the regular way (Rusia = Russia, Moskow = Moscow,
//     Ukraina = Ukraine); a name found only misspelt (Putin, Puttin) is an
//     error, a name not found a warning.
//   - term: the agreed translation of a term of the term base is missing
//     (warning) or a forbidden one is used (error).
//   - untranslated: the target is empty, equal to the source, or mostly in
//     the source language: at least a quarter of its lower-case words (of at
//     least three) are function words of the source language. Error.
//   - consistency: the same source translated differently, or the same
//     translation given to different sources, in the document or against the
//     memory. Warning.
//   - codes: inline codes missing or extra (error) or in another order
//     (warning).
//   - punctuation: quotes or brackets balanced differently from the
//     source's, a different end mark. Warning.
//   - spacing: double spaces, leading or trailing spaces the source lacks.
//     Warning.
//   - length: a target/source length ratio outside the document's own band
//     (median ± 3 deviations of the log ratio, at least ×/÷ 1.5). Warning.
package check

import (
	"fmt"
	"sort"

	"github.com/padan-tm/padan/terms"
)

// Kind is the kind of a check.
type Kind string

// The checks.
const (
	Number       Kind = "number"
	Name         Kind = "name"
	Term         Kind = "term"
	Untranslated Kind = "untranslated"
	Consistency  Kind = "consistency"
	Codes        Kind = "codes"
	Punctuation  Kind = "punctuation"
	Spacing      Kind = "spacing"
	Length       Kind = "length"
)

// Kinds lists every check, in the order issues of one unit are reported.
var Kinds = []Kind{Untranslated, Number, Name, Term, Codes, Consistency, Punctuation, Spacing, Length}

// ParseKind returns the kind named by word, or an error.
func ParseKind(word string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == word {
			return k, nil
		}
	}
	return "", fmt.Errorf("check: unknown check %q", word)
}

// Severity says whether an issue is an error or a warning.
type Severity string

// The severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Span is a byte range [Start, End) of a text.
type Span = terms.Span

// Issue is one problem found in a unit.
type Issue struct {
	Segment  int
	Kind     Kind
	Severity Severity
	// Message is a message ID (such as "CheckNumberMissing") and Args its
	// template data, for the caller to localize.
	Message string
	Args    map[string]any
	// Source and Target are the spans the issue concerns (possibly none).
	Source, Target []Span
}

// MessageIDs lists every message ID an [Issue] may carry, for the caller to
// check that it can localize them all.
var MessageIDs = []string{
	"CheckNumberMissing", "CheckDateMissing", "CheckNumberExtra",
	"CheckNameMissing", "CheckNameSpelling",
	"CheckTermForbidden", "CheckTermMissing",
	"CheckEmpty", "CheckSameAsSource", "CheckSourceLanguage",
	"CheckSourceTranslatedDifferently", "CheckSameTranslation", "CheckMemoryTranslation", "CheckMemorySource",
	"CheckCodesMissing", "CheckCodesExtra", "CheckCodesOrder",
	"CheckQuotes", "CheckBrackets", "CheckEndMark",
	"CheckDoubleSpace", "CheckLeadingSpace", "CheckTrailingSpace",
	"CheckTooLong", "CheckTooShort",
}

// Unit is one unit to check.
type Unit struct {
	Index          int
	Source, Target string
	// Translated is false for a unit without any translation (Target is
	// then ""), which only the untranslated check reports.
	Translated bool
	// Ignore lists the checks the unit's notes say to skip.
	Ignore []Kind
}

// Memory answers the consistency check's questions about the translation
// memory. Both methods leave out the unit's own entry.
type Memory interface {
	// Translations returns the targets the memory gives for exactly u's
	// source.
	Translations(u Unit) ([]string, error)
	// Sources returns the sources the memory translates exactly as u's
	// target.
	Sources(u Unit) ([]string, error)
}

// Options say what to check against.
type Options struct {
	SourceLang, TargetLang string
	// Terms is the term base's matcher, or nil.
	Terms *terms.Matcher
	// Memory is the memory for the consistency check, or nil.
	Memory Memory
	// Skip lists the checks not to run.
	Skip []Kind
}

// Check runs the checks on units (one document's, in order) and returns the
// issues, by segment and then in the order of [Kinds].
func Check(units []Unit, o Options) ([]Issue, error) {
	skip := map[Kind]bool{}
	for _, k := range o.Skip {
		skip[k] = true
	}
	c := &checker{o: o, doc: newDocInfo(units, o), spellings: [2]map[string]*spelling{{}, {}}}
	var out []Issue
	for _, u := range units {
		ign := map[Kind]bool{}
		for _, k := range u.Ignore {
			ign[k] = true
		}
		run := func(k Kind) bool { return !skip[k] && !ign[k] }
		var issues []Issue
		add := func(is ...Issue) {
			for _, i := range is {
				if run(i.Kind) {
					i.Segment = u.Index
					issues = append(issues, i)
				}
			}
		}
		if run(Untranslated) {
			add(c.untranslated(u)...)
		}
		if !u.Translated || u.Target == "" {
			out = append(out, issues...)
			continue
		}
		if run(Number) {
			add(c.numbers(u)...)
		}
		if run(Name) {
			add(c.names(u)...)
		}
		if run(Term) && o.Terms != nil {
			add(c.terms(u)...)
		}
		if run(Codes) {
			add(codes(u)...)
		}
		if run(Consistency) {
			is, err := c.consistency(u)
			if err != nil {
				return nil, err
			}
			add(is...)
		}
		if run(Punctuation) {
			add(punctuation(u)...)
		}
		if run(Spacing) {
			add(spacing(u)...)
		}
		if run(Length) {
			add(c.length(u)...)
		}
		out = append(out, issues...)
	}
	order := map[Kind]int{}
	for i, k := range Kinds {
		order[k] = i
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Segment != out[j].Segment {
			return out[i].Segment < out[j].Segment
		}
		return order[out[i].Kind] < order[out[j].Kind]
	})
	return out, nil
}

// checker holds what the checks of one document share.
type checker struct {
	o   Options
	doc *docInfo
	// spellings caches the spelling of source and target words.
	spellings [2]map[string]*spelling
	// foundFor and foundTerms are the terms found in the current source.
	foundFor   string
	foundTerms []terms.Found
	// cache holds the words of the unit being checked.
	cache [2]struct {
		text  string
		words []word
	}
}

// found returns the terms found in source, the current unit's, finding
// them once.
func (c *checker) found(source string) []terms.Found {
	if c.foundFor != source || c.foundTerms == nil {
		c.foundFor, c.foundTerms = source, append([]terms.Found{}, c.o.Terms.Find(source)...)
	}
	return c.foundTerms
}

// words returns the words of s, the current unit's source or target,
// splitting each text once.
func (c *checker) words(s string) []word {
	for i := range c.cache {
		if c.cache[i].words != nil && c.cache[i].text == s {
			return c.cache[i].words
		}
	}
	w := splitWords(s)
	if w == nil {
		w = []word{}
	}
	c.cache[1] = c.cache[0]
	c.cache[0].text, c.cache[0].words = s, w
	return w
}

func issue(k Kind, sev Severity, msg string, args map[string]any, src, tgt []Span) Issue {
	return Issue{Kind: k, Severity: sev, Message: msg, Args: args, Source: src, Target: tgt}
}
