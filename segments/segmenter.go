package segments

import (
	"strings"
	"time"

	"github.com/dlclark/regexp2/v2"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Kind says what a segment is in a news article.
type Kind string

// The kinds of segment.
const (
	// Dateline is the place and agency that open a news article
	// ("Seoul (ANTARA) -").
	Dateline Kind = "dateline"
	// Heading is a line of its own that does not end a sentence: a title
	// or a subheading.
	Heading Kind = "heading"
	// Sentence is everything else.
	Sentence Kind = "sentence"
)

// Segment is one translation unit of a text.
type Segment struct {
	// Index is the 1-based position of the segment in its text.
	Index int  `json:"index"`
	Kind  Kind `json:"kind"`
	// Text is the segment's text: the input between Start and End in NFC,
	// with every line break inside it (and the spaces around it) turned
	// into one space.
	Text string `json:"text"`
	// Start and End are byte offsets of the segment in the text segmented
	// (see the package documentation for what they are in the file). The
	// segment starts and ends with a character that is not space.
	Start int `json:"start"`
	End   int `json:"end"`
}

// Segmenter splits text of one language into segments with the rules that
// an SRX document maps to that language.
type Segmenter struct {
	// Timeout bounds the time of one split; zero means [SplitTimeout].
	Timeout time.Duration

	lang  language.Tag
	rules []*rule
	// candLast and candFirst are the union of the break rules' conditions:
	// a position where neither can hold is never a break.
	candLast, candFirst *runeSet
	anyBreak            bool
}

// Segmenter returns a segmenter for the language tag: the rules of every
// languagemap whose pattern matches the tag (all of them in document order
// when the document cascades, else the first), in that order. The tag is
// tried as given (en-US), with an underscore (en_US), and as its base
// language (en), so that OmegaT's patterns (EN.*) and Okapi's (en.*) both
// match.
func (r *Rules) Segmenter(tag language.Tag) *Segmenter {
	names := []string{tag.String(), strings.ReplaceAll(tag.String(), "-", "_")}
	if base, conf := tag.Base(); conf != language.No {
		names = append(names, base.String())
	}
	s := &Segmenter{lang: tag}
	for _, m := range r.maps {
		if !m.matches(names) {
			continue
		}
		if l := r.language(m.rule); l != nil {
			s.rules = append(s.rules, l.rules...)
		}
		if !r.cascade {
			break
		}
	}
	s.prepare()
	return s
}

// matches reports whether the map's pattern matches one of the names.
func (m languageMap) matches(names []string) bool {
	for _, n := range names {
		if ok, err := m.pattern.MatchString(n); err == nil && ok {
			return true
		}
	}
	return false
}

// prepare computes the candidate conditions of the break rules.
func (s *Segmenter) prepare() {
	s.candLast, s.candFirst = &runeSet{}, &runeSet{}
	for _, r := range s.rules {
		r.prepare()
		if !r.brk {
			continue
		}
		s.anyBreak = true
		last, first := r.last.nearest(), r.first.nearest()
		if r.lastWords != nil {
			last = r.lastWords.nearest()
		}
		if r.firstWords != nil {
			first = r.firstWords.nearest()
		}
		s.candLast = union(s.candLast, last)
		s.candFirst = union(s.candFirst, first)
	}
}

// Split cuts text into segments with the segmenter's rules, all of kind
// [Sentence]. Space between segments belongs to none; a segment never is
// empty and segments come in order, so the text is the segments and the
// space between them, byte for byte.
//
// A rule that runs out of time ([MatchTimeout]) at a position, or a split
// longer than the segmenter's Timeout, stops it with a [*TimeoutError]:
// its outcome there would be a guess.
func (s *Segmenter) Split(text string) ([]Segment, error) {
	return s.split(text, 0, len(text), nil, s.deadline())
}

// deadline returns when a split starting now must end.
func (s *Segmenter) deadline() time.Time {
	d := s.Timeout
	if d <= 0 {
		d = SplitTimeout
	}
	return time.Now().Add(d)
}

// split appends to segs the segments of text[start:end], with offsets in
// text, numbering them after the ones already in segs.
func (s *Segmenter) split(text string, start, end int, segs []Segment, deadline time.Time) ([]Segment, error) {
	part := text[start:end]
	prev := 0
	bs, err := s.breaks(part, deadline)
	if err != nil {
		if te, ok := err.(*TimeoutError); ok {
			te.Offset += start
		}
		return segs, err
	}
	for _, b := range bs {
		segs = appendSegment(segs, text, start+prev, start+b)
		prev = b
	}
	return appendSegment(segs, text, start+prev, end), nil
}

// checkEvery is how many candidate positions breaks tests between two
// looks at the clock.
const checkEvery = 256

// breaks returns the byte offsets in text where the rules break it, in
// increasing order.
func (s *Segmenter) breaks(text string, deadline time.Time) ([]int, error) {
	if !s.anyBreak || len(text) == 0 {
		return nil, nil
	}
	runes := []rune(text)
	var out []int
	bytePos, runePos := 0, 0
	offset := func(p int) int { // the byte offset of rune position p
		for runePos < p {
			_, n := utf8.DecodeRuneInString(text[bytePos:])
			bytePos += n
			runePos++
		}
		return bytePos
	}
	tested := 0
	for p := 1; p < len(runes); p++ {
		if !s.candLast.has(runes[p-1]) || !s.candFirst.has(runes[p]) {
			continue
		}
		if tested++; tested%checkEvery == 0 && time.Now().After(deadline) {
			return nil, &TimeoutError{Offset: offset(p), Limit: s.limit()}
		}
		brk, r, err := s.breakAt(runes, p)
		if err != nil {
			return nil, &TimeoutError{Rule: r.lang, Index: r.index, Line: r.line, Before: r.before, After: r.after, Offset: offset(p), Limit: MatchTimeout}
		}
		if !brk {
			continue
		}
		out = append(out, offset(p))
	}
	return out, nil
}

// limit returns the time a split may take.
func (s *Segmenter) limit() time.Duration {
	if s.Timeout <= 0 {
		return SplitTimeout
	}
	return s.Timeout
}

// breakAt applies the rules at rune position p: the first rule (in order)
// that matches decides, and no matching rule means no break. It finds the
// first matching break rule first, then looks for a no-break rule before
// it: most positions pass no break rule's cheap conditions, and are
// settled without running a regular expression. A rule that runs out of
// time is returned with the error.
func (s *Segmenter) breakAt(runes []rune, p int) (bool, *rule, error) {
	first := -1
	for i, r := range s.rules {
		if !r.brk || !r.allows(runes, p) {
			continue
		}
		ok, err := r.matchesAt(runes, p)
		if err != nil {
			return false, r, err
		}
		if ok {
			first = i
			break
		}
	}
	if first < 0 {
		return false, nil, nil
	}
	for _, r := range s.rules[:first] {
		if r.brk || !r.allows(runes, p) {
			continue
		}
		ok, err := r.matchesAt(runes, p)
		if err != nil {
			return false, r, err
		}
		if ok {
			return false, nil, nil
		}
	}
	return true, nil, nil
}

// allows checks the rule's cheap conditions at rune position p.
func (r *rule) allows(runes []rune, p int) bool {
	return r.last.allowsBefore(runes, p) && r.first.allowsAfter(runes, p) &&
		r.lastWords.matchesBefore(runes, p) && r.firstWords.matchesAfter(runes, p)
}

// appendSegment appends text[start:end] as a segment, trimmed of space, if
// anything is left.
func appendSegment(segs []Segment, text string, start, end int) []Segment {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		end -= n
	}
	if start == end {
		return segs
	}
	return append(segs, Segment{
		Index: len(segs) + 1,
		Kind:  Sentence,
		Text:  segmentText(text[start:end]),
		Start: start,
		End:   end,
	})
}

// isSpace reports whether r is space for trimming: Unicode white space,
// the byte order mark and the zero-width space.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B'
}

// segmentText returns the text of a segment: NFC, each line break with
// the space around it turned into one space.
func segmentText(s string) string {
	if strings.IndexByte(s, '\n') >= 0 || strings.IndexByte(s, '\r') >= 0 ||
		strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029") || strings.Contains(s, "\u0085") {
		var b strings.Builder
		lines := strings.FieldsFunc(s, func(r rune) bool {
			return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085'
		})
		for _, l := range lines {
			l = strings.TrimFunc(l, isSpace)
			if l == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(l)
		}
		s = b.String()
	}
	return norm.NFC.String(s)
}

// matchesAt reports whether the rule matches at rune position p, once its
// cheap conditions allow it there. Its program is anchored at p (\G), so
// nothing else of the text is searched. The error is regexp2's, a timeout
// (its text holds the whole input: not for a person to read).
func (r *rule) matchesAt(runes []rune, p int) (bool, error) {
	if r.exact {
		return true, nil
	}
	matched := false
	err := r.re.FindRunesMatches(runes, p, func(regexp2.MatchView) bool {
		matched = true
		return false
	})
	return matched, err
}
