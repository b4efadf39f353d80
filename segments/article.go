package segments

import (
	"regexp"
	"strings"
	"time"
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
	// words, the agency in brackets, a dash; ANTARA's older datelines put
	// the day and month after the place: "Jakarta, 14/5 (ANTARA) -".
	datelineRE = regexp.MustCompile(`^(\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’.-]*){0,4})(?:[ \t]*,[ \t]*(\d{1,2})/(\d{1,2}))?[ \t]*\((\p{Lu}[\p{L}\p{M}\p{N} .&-]{0,40})\)[ \t]*[-–—]`)
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

// metaLine reads a line of its own that is metadata, not text: a credit
// (Penerjemah:, Editor:, Pewarta:, their English names, and news agencies'
// "Reporting by …; Editing by …", in brackets or not), the copyright line,
// or a web page's date line ("Selasa, 14 Mei 2024 09:30 WIB", "Tuesday,
// May 14, 2024 9:30 AM"). It fills m and reports whether line was one.
func metaLine(m *Metadata, line string) bool {
	if c := creditRE.FindStringSubmatch(line); c != nil {
		*creditField(m, strings.ToLower(c[1])) = strings.TrimSpace(c[2])
		return true
	}
	if copyrightRE.MatchString(line) {
		m.Copyright = line
		return true
	}
	if agencyCredits(m, line) {
		return true
	}
	if d, ok := webDate(line); ok {
		if m.Date == "" {
			m.Date = d
		}
		return true
	}
	return false
}

// Article segments a news article: a leading "date YYYY-MM" marker and the
// dateline ("Seoul (ANTARA) -", or the older "Jakarta, 14/5 (ANTARA) -",
// at the start of one of the first lines) are read into the metadata, and
// the dateline is a segment of its own (kind [Dateline]) so that the
// first sentence can match in a translation memory; credit lines
// (Penerjemah:, Editor:, Pewarta:, their English names, "Reporting by …;
// Editing by …"), the copyright line and a web page's date line are
// metadata, not segments (see metaLine). A line of its own that does not
// end like a sentence is a [Heading]. A byte order mark (U+FEFF) at the
// start changes nothing. Offsets are into text, as with [Segmenter.Split].
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
	// The metadata lines, wherever they are, are taken out of the text. A
	// line ends at LF, CR LF or a lone CR (old Mac files).
	var meta [][2]int
	for at := pos; at < len(text); {
		end := strings.IndexAny(text[at:], "\r\n")
		if end < 0 {
			end = len(text)
		} else {
			end += at
		}
		if metaLine(&doc.Metadata, strings.TrimFunc(text[at:end], isSpace)) {
			meta = append(meta, [2]int{at, end})
		}
		at = end + 1
	}
	var segs []Segment
	var err error
	// The dateline opens the text, or one of its first lines after title
	// lines (which hold no full stop) and metadata lines.
	for line, at := 0, pos; line < maxDatelineLine && at < len(text) && !strings.Contains(outside(text, pos, at, meta), "."); {
		isMeta := false
		for _, m := range meta {
			isMeta = isMeta || m[0] <= at && at < m[1]
		}
		if m := datelineRE.FindStringSubmatchIndex(text[at:]); m != nil && !isMeta {
			if segs, err = s.splitAround(text, pos, at, meta, segs, deadline); err != nil {
				return doc, err
			}
			doc.Metadata.Place = strings.TrimSpace(text[at+m[2] : at+m[3]])
			doc.Metadata.Agency = strings.TrimSpace(text[at+m[8] : at+m[9]])
			if m[4] >= 0 && doc.Metadata.Date == "" {
				// No year: ISO 8601's --MM-DD.
				doc.Metadata.Date = "--" + twoDigits(text[at+m[6]:at+m[7]]) + "-" + twoDigits(text[at+m[4]:at+m[5]])
			}
			segs = appendSegment(segs, text, at, at+m[1])
			segs[len(segs)-1].Kind = Dateline
			pos = at + m[1]
			break
		}
		if !isMeta {
			line++
		}
		nl := strings.IndexAny(text[at:], "\r\n")
		if nl < 0 {
			break
		}
		at = skipSpace(text, at+nl+1)
	}
	if segs, err = s.splitAround(text, pos, len(text), meta, segs, deadline); err != nil {
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

// outside returns text[from:to] without the spans of meta.
func outside(text string, from, to int, meta [][2]int) string {
	var b strings.Builder
	for _, m := range meta {
		if m[1] <= from || m[0] >= to {
			continue
		}
		b.WriteString(text[from:max(from, m[0])])
		from = m[1]
	}
	if from < to {
		b.WriteString(text[from:to])
	}
	return b.String()
}

// splitAround splits text[from:to] into segments, leaving out the spans
// of meta.
func (s *Segmenter) splitAround(text string, from, to int, meta [][2]int, segs []Segment, deadline time.Time) ([]Segment, error) {
	var err error
	for _, m := range meta {
		if m[1] <= from || m[0] >= to {
			continue
		}
		if m[0] > from {
			if segs, err = s.split(text, from, m[0], segs, deadline); err != nil {
				return segs, err
			}
		}
		from = m[1]
	}
	if from < to {
		segs, err = s.split(text, from, to, segs, deadline)
	}
	return segs, err
}

// twoDigits pads a day or month number to two digits.
func twoDigits(n string) string {
	if len(n) == 1 {
		return "0" + n
	}
	return n
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
	before := strings.TrimRight(text[:seg.Start], " \t\uFEFF") // a BOM starts no line
	after := strings.TrimLeft(text[seg.End:], " \t")
	endsLine := func(c byte) bool { return c == '\n' || c == '\r' }
	if (before != "" && !endsLine(before[len(before)-1])) || (after != "" && !endsLine(after[0])) {
		return false
	}
	t := strings.TrimRight(seg.Text, `"'”’»)]`)
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".?!…:;,", last)
}
