package segments

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/dlclark/regexp2/v2"
)

// srxNamespace is the namespace of SRX 2.0 documents.
const srxNamespace = "http://www.lisa.org/srx20"

// MatchTimeout bounds the time one rule may take at one position of the
// text. A pattern that backtracks catastrophically is stopped there, and
// the split fails with a [*TimeoutError] naming the rule and the position
// (its outcome would otherwise be a guess).
const MatchTimeout = 100 * time.Millisecond

// SplitTimeout bounds the time of one split ([Segmenter.Split] or
// [Segmenter.Article]) unless the segmenter's Timeout says otherwise; past
// it the split fails with a [*TimeoutError]. The built-in rules segment
// about 25 MB a second, so this allows for any text padan reads whole
// (64 MiB) on a slow machine.
const SplitTimeout = time.Minute

// TimeoutError reports a split that was stopped: a rule that ran out of
// time at one position (Rule, Index and Line name it, Before and After are
// its patterns), or the whole split running past its deadline (Rule is
// empty). Offset is the byte offset in the text where it happened; Limit
// is the time allowed.
type TimeoutError struct {
	Rule          string // the languagerule's name
	Index         int    // the rule's 1-based position in its languagerule
	Line          int    // the rule's line in the SRX document
	Before, After string
	Offset        int
	Limit         time.Duration
}

// Error returns the message in English.
func (e *TimeoutError) Error() string {
	if e.Rule == "" {
		return fmt.Sprintf("segments: byte %d: the split took more than %v", e.Offset, e.Limit)
	}
	return fmt.Sprintf("segments: byte %d: rule %d of languagerule %q (line %d, beforebreak %q, afterbreak %q) took more than %v", e.Offset, e.Index, e.Rule, e.Line, e.Before, e.After, e.Limit)
}

// Rules is a set of segmentation rules read from an SRX 2.0 document: named
// language rules, each an ordered list of break and no-break rules, and the
// map rules that choose language rules for a language.
type Rules struct {
	cascade   bool
	languages []*languageRule
	maps      []languageMap
}

// languageRule is a named, ordered list of rules.
type languageRule struct {
	name  string
	rules []*rule
}

// languageMap maps a language pattern (a Java regular expression matched
// against the whole tag) to a language rule.
type languageMap struct {
	pattern *regexp2.Regexp
	source  string
	rule    string
}

// rule is one SRX rule, compiled.
type rule struct {
	// lang, index and line name the rule in errors: its languagerule, its
	// 1-based position there, its line in the SRX document.
	lang          string
	index, line   int
	brk           bool
	before, after string
	comment       string // the XML comment just before the rule, kept for WriteSRX
	// re matches, at a position, when before matches ending there and after
	// matches starting there.
	re *regexp2.Regexp
	// last and first are cheap necessary conditions on the characters on
	// each side of the position (nil: none).
	last, first *edge
	// lastWords and firstWords, when not nil, hold every string before
	// and after can match: a sharper condition for word lists.
	lastWords, firstWords *trie
	// exact says the tries decide alone: the rule matches wherever they
	// do, and its regular expression need not run.
	exact bool
	once  sync.Once // guards the conditions, see prepare
}

// SRXError reports an SRX document that cannot be used. Rule and Index
// name the rule at fault (the languagerule's name and the 1-based position
// of the rule in it) when the problem is in a rule.
type SRXError struct {
	Line  int
	Rule  string
	Index int
	Err   error
}

// Error returns the message in English, naming the line and the rule.
func (e *SRXError) Error() string {
	if e.Rule != "" {
		return fmt.Sprintf("srx: line %d: languagerule %q rule %d: %v", e.Line, e.Rule, e.Index, e.Err)
	}
	return fmt.Sprintf("srx: line %d: %v", e.Line, e.Err)
}

// Unwrap returns the underlying error.
func (e *SRXError) Unwrap() error { return e.Err }

// ErrNotSRX is the Err of an [SRXError] for a document that is not SRX 2.0.
var ErrNotSRX = errors.New("not an SRX 2.0 document")

// compileRule compiles a rule's two patterns into one regexp2 program that
// matches, at a position given as the start, when the position is preceded
// by a match of before and followed by a match of after.
func compileRule(r *rule) error {
	p := `\G`
	if r.before != "" {
		p += `(?<=(?:` + r.before + `))`
	}
	if r.after != "" {
		p += `(?=(?:` + r.after + `))`
	}
	re, err := regexp2.Compile(p)
	if err != nil {
		// Say which pattern is at fault.
		if _, err := regexp2.Compile(r.before); err != nil {
			return fmt.Errorf("beforebreak %q: %w", r.before, err)
		}
		if _, err := regexp2.Compile(r.after); err != nil {
			return fmt.Errorf("afterbreak %q: %w", r.after, err)
		}
		return fmt.Errorf("beforebreak %q with afterbreak %q: %w", r.before, r.after, err)
	}
	re.MatchTimeout = MatchTimeout
	r.re = re
	return nil
}

// prepare derives the rule's cheap conditions, once, when a segmenter
// first needs them: a word list is checked exactly by its trie, other
// patterns get the character tree.
func (r *rule) prepare() {
	r.once.Do(func() {
		var beforeExact, afterExact bool
		if r.lastWords, beforeExact = wordTrie(r.before, true); r.lastWords == nil {
			r.last = edgeOf(r.before, true)
		}
		if r.firstWords, afterExact = wordTrie(r.after, false); r.firstWords == nil {
			r.first = edgeOf(r.after, false)
		}
		r.exact = (beforeExact || r.before == "") && (afterExact || r.after == "") &&
			(r.lastWords != nil || r.firstWords != nil)
	})
}

// ParseSRX reads an SRX 2.0 document. Every pattern is compiled (as a Java
// regular expression, with lookahead and lookbehind); a pattern that does
// not compile is an [*SRXError] naming its language rule, its index and its
// line.
func ParseSRX(r io.Reader) (*Rules, error) {
	d := xml.NewDecoder(r)
	line := func() int { l, _ := d.InputPos(); return l }
	rs := &Rules{cascade: true}
	var (
		level   int // of the current element
		lr      *languageRule
		cur     *rule
		curLine int
		text    strings.Builder
		comment string
		sawSRX  bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, &SRXError{Line: se.Line, Err: errors.New(se.Msg)}
			}
			return nil, fmt.Errorf("read srx: %w", err)
		}
		switch t := tok.(type) {
		case xml.Comment:
			comment = strings.TrimSpace(string(t))
		case xml.CharData:
			text.Write(t)
		case xml.StartElement:
			level++
			text.Reset()
			if level == 1 {
				if t.Name.Local != "srx" {
					return nil, &SRXError{Line: line(), Err: ErrNotSRX}
				}
				sawSRX = true
				if v := attr(t, "version"); v != "" && v != "2.0" {
					return nil, &SRXError{Line: line(), Err: fmt.Errorf("%w: version %q", ErrNotSRX, v)}
				}
			}
			switch t.Name.Local {
			case "header":
				rs.cascade = attr(t, "cascade") != "no"
			case "languagerule":
				name := attr(t, "languagerulename")
				if name == "" {
					return nil, &SRXError{Line: line(), Err: errors.New("languagerule without languagerulename")}
				}
				lr = &languageRule{name: name}
				rs.languages = append(rs.languages, lr)
				comment = ""
			case "rule":
				if lr == nil {
					return nil, &SRXError{Line: line(), Err: errors.New("rule outside a languagerule")}
				}
				cur = &rule{brk: attr(t, "break") != "no", comment: comment}
				curLine = line()
				comment = ""
			case "languagemap":
				pat, name := attr(t, "languagepattern"), attr(t, "languagerulename")
				re, err := regexp2.Compile(`^(?:`+pat+`)$`, regexp2.IgnoreCase)
				if err != nil {
					return nil, &SRXError{Line: line(), Err: fmt.Errorf("languagemap %q: languagepattern %q: %w", name, pat, err)}
				}
				re.MatchTimeout = MatchTimeout
				rs.maps = append(rs.maps, languageMap{pattern: re, source: pat, rule: name})
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "beforebreak":
				if cur != nil {
					cur.before = text.String()
				}
			case "afterbreak":
				if cur != nil {
					cur.after = text.String()
				}
			case "rule":
				if cur != nil {
					if err := compileRule(cur); err != nil {
						return nil, &SRXError{Line: curLine, Rule: lr.name, Index: len(lr.rules) + 1, Err: err}
					}
					cur.lang, cur.index, cur.line = lr.name, len(lr.rules)+1, curLine
					lr.rules = append(lr.rules, cur)
					cur = nil
				}
			case "languagerule":
				lr = nil
			}
			level--
			text.Reset()
		}
	}
	if !sawSRX {
		return nil, &SRXError{Line: 1, Err: ErrNotSRX}
	}
	for _, m := range rs.maps {
		if rs.language(m.rule) == nil {
			return nil, &SRXError{Line: 1, Err: fmt.Errorf("languagemap names languagerule %q, which does not exist", m.rule)}
		}
	}
	return rs, nil
}

// attr returns the value of the attribute local name of an element.
func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// language returns the language rule with the given name, or nil.
func (r *Rules) language(name string) *languageRule {
	for _, l := range r.languages {
		if l.name == name {
			return l
		}
	}
	return nil
}

// WriteSRX writes the rules as an SRX 2.0 document that [ParseSRX] reads
// back to the same rules and that OmegaT and Okapi load. Comments that
// preceded rules in the document they came from are kept.
func (r *Rules) WriteSRX(w io.Writer) error {
	var b strings.Builder
	esc := func(s string) string {
		var e strings.Builder
		xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	cascade := "yes"
	if !r.cascade {
		cascade = "no"
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<srx xmlns="` + srxNamespace + `" version="2.0">` + "\n")
	b.WriteString(`    <header segmentsubflows="yes" cascade="` + cascade + `">` + "\n")
	b.WriteString(`        <formathandle type="start" include="no"/>` + "\n")
	b.WriteString(`        <formathandle type="end" include="yes"/>` + "\n")
	b.WriteString(`        <formathandle type="isolated" include="yes"/>` + "\n")
	b.WriteString("    </header>\n    <body>\n        <languagerules>\n")
	for _, l := range r.languages {
		b.WriteString(`            <languagerule languagerulename="` + esc(l.name) + `">` + "\n")
		for _, ru := range l.rules {
			if ru.comment != "" {
				b.WriteString("                <!-- " + strings.ReplaceAll(ru.comment, "--", "- -") + " -->\n")
			}
			brk := "yes"
			if !ru.brk {
				brk = "no"
			}
			b.WriteString(`                <rule break="` + brk + `">` + "\n")
			b.WriteString("                    <beforebreak>" + esc(ru.before) + "</beforebreak>\n")
			b.WriteString("                    <afterbreak>" + esc(ru.after) + "</afterbreak>\n")
			b.WriteString("                </rule>\n")
		}
		b.WriteString("            </languagerule>\n")
	}
	b.WriteString("        </languagerules>\n        <maprules>\n")
	for _, m := range r.maps {
		b.WriteString(`            <languagemap languagepattern="` + esc(m.source) + `" languagerulename="` + esc(m.rule) + `"/>` + "\n")
	}
	b.WriteString("        </maprules>\n    </body>\n</srx>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write srx: %w", err)
	}
	return nil
}
