package segments

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Metadata is what a news article says about itself outside its sentences:
// the date line, the dateline's place and agency, the credit lines and the
// copyright line.
type Metadata struct {
	Date       string `json:"date,omitempty"`
	Place      string `json:"place,omitempty"`
	Agency     string `json:"agency,omitempty"`
	Translator string `json:"translator,omitempty"`
	Editor     string `json:"editor,omitempty"`
	Reporter   string `json:"reporter,omitempty"`
	Copyright  string `json:"copyright,omitempty"`
}

// Document is a segmented news article.
type Document struct {
	Language language.Tag `json:"language"`
	Metadata Metadata     `json:"metadata"`
	Segments []Segment    `json:"segments"`
}

var (
	// dateRE is a leading "date 2023-09" (or "date: 2023-09-14") marker.
	dateRE = regexp.MustCompile(`^date:?[ \t]+(\d{4}-\d{2}(?:-\d{2})?)\b`)
	// datelineRE is "Seoul (ANTARA) -": a capitalised place of up to five
	// words, the agency in brackets, a dash.
	datelineRE = regexp.MustCompile(`^(\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’.-]*){0,4})[ \t]*\((\p{Lu}[\p{L}\p{M}\p{N} .&-]{0,40})\)[ \t]*[-–—]`)
	// creditRE is a credit line: "Penerjemah: Jafar M Sidik".
	creditRE = regexp.MustCompile(`^(?i:(penerjemah|penterjemah|alih bahasa|translator|translated by|editor|redaktur|pewarta|reporter|wartawan|penulis|writer))[ \t]*:[ \t]*(\S.*)$`)
	// copyrightRE is a copyright line: "COPYRIGHT © ANTARA 2023".
	copyrightRE = regexp.MustCompile(`^(?:(?i:copyright|hak cipta)\b|©|\(c\)[ \t]).*$`)
)

// maxDatelineLine is how many lines from the start of an article the
// dateline is looked for in.
const maxDatelineLine = 3

// creditField maps a credit line's label (lower case) to its field.
func creditField(m *Metadata, label string) *string {
	switch label {
	case "penerjemah", "penterjemah", "alih bahasa", "translator", "translated by":
		return &m.Translator
	case "editor", "redaktur":
		return &m.Editor
	default:
		return &m.Reporter
	}
}

// Article segments a news article: a leading "date YYYY-MM" marker and the
// dateline ("Seoul (ANTARA) -", at the start of one of the first lines)
// are read into the metadata, and the dateline is a segment of its own (kind [Dateline]) so that the first
// sentence can match in a translation memory; credit lines (Penerjemah:,
// Editor:, Pewarta:, and their English names) and the copyright line are
// metadata, not segments. A line of its own that does not end like a
// sentence is a [Heading]. Offsets are into text, as with [Segmenter.Split].
//
// A rule that runs out of time stops it as it does [Segmenter.Split].
func (s *Segmenter) Article(text string) (Document, error) {
	deadline := s.deadline()
	doc := Document{Language: s.lang}
	pos := skipSpace(text, 0)
	if m := dateRE.FindStringSubmatchIndex(text[pos:]); m != nil {
		doc.Metadata.Date = text[pos+m[2] : pos+m[3]]
		pos = skipSpace(text, pos+m[1])
	}
	var segs []Segment
	// The dateline opens the text, or one of its first lines after title
	// lines (which hold no full stop).
	for line, at := 0, pos; line < maxDatelineLine && at < len(text) && !strings.Contains(text[pos:at], "."); line++ {
		if m := datelineRE.FindStringSubmatchIndex(text[at:]); m != nil {
			var err error
			if segs, err = s.split(text, pos, at, segs, deadline); err != nil {
				return doc, err
			}
			doc.Metadata.Place = strings.TrimSpace(text[at+m[2] : at+m[3]])
			doc.Metadata.Agency = strings.TrimSpace(text[at+m[4] : at+m[5]])
			segs = appendSegment(segs, text, at, at+m[1])
			segs[len(segs)-1].Kind = Dateline
			pos = at + m[1]
			break
		}
		nl := strings.IndexAny(text[at:], "\r\n")
		if nl < 0 {
			break
		}
		at = skipSpace(text, at+nl+1)
	}
	// The body is what is left once the metadata lines are taken out.
	bodyStart := pos
	for pos < len(text) {
		// A line ends at LF, CR LF or a lone CR (old Mac files).
		end := strings.IndexAny(text[pos:], "\r\n")
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		line := strings.TrimFunc(text[pos:end], isSpace)
		isMeta := false
		if m := creditRE.FindStringSubmatch(line); m != nil {
			*creditField(&doc.Metadata, strings.ToLower(m[1])) = strings.TrimSpace(m[2])
			isMeta = true
		} else if copyrightRE.MatchString(line) {
			doc.Metadata.Copyright = line
			isMeta = true
		}
		if isMeta {
			var err error
			if segs, err = s.split(text, bodyStart, pos, segs, deadline); err != nil {
				return doc, err
			}
			bodyStart = end
		}
		pos = end + 1
	}
	segs, err := s.split(text, bodyStart, len(text), segs, deadline)
	if err != nil {
		return doc, err
	}
	for i := range segs {
		if segs[i].Kind == Sentence && isHeading(text, segs[i]) {
			segs[i].Kind = Heading
		}
	}
	if segs == nil {
		segs = []Segment{} // JSON "segments": [], not null, for an empty text
	}
	doc.Segments = segs
	return doc, nil
}

// skipSpace returns the offset of the first non-space character at or
// after i.
func skipSpace(text string, i int) int {
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isSpace(r) {
			break
		}
		i += n
	}
	return i
}

// isHeading reports whether seg is a line of its own whose end is not the
// end of a sentence.
func isHeading(text string, seg Segment) bool {
	before := strings.TrimRight(text[:seg.Start], " \t")
	after := strings.TrimLeft(text[seg.End:], " \t")
	endsLine := func(c byte) bool { return c == '\n' || c == '\r' }
	if (before != "" && !endsLine(before[len(before)-1])) || (after != "" && !endsLine(after[0])) {
		return false
	}
	t := strings.TrimRight(seg.Text, `"'”’»)]`)
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".?!…:;,", last)
}
