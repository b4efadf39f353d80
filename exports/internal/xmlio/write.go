package xmlio

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/padan-tm/padan/exports"
)

// Buf is a byte buffer with XML escaping helpers, used by the writers to
// build one unit before writing it out whole.
type Buf struct{ B []byte }

// S appends s as it is (markup).
func (b *Buf) S(s string) { b.B = append(b.B, s...) }

// Int appends n in decimal.
func (b *Buf) Int(n int) { b.B = strconv.AppendInt(b.B, int64(n), 10) }

// textEscapes and attrEscapes give, for each ASCII byte, how element content
// and attribute values write it: "" for the byte itself. A carriage return
// is a character reference so that it survives line-end normalization, and
// so are a tab and a newline in attribute values (attribute value
// normalization would make them spaces).
var textEscapes, attrEscapes [utf8.RuneSelf]string

func init() {
	for _, e := range [...]struct {
		c    byte
		text string
		attr string
	}{
		{'&', "&amp;", "&amp;"}, {'<', "&lt;", "&lt;"}, {'>', "&gt;", "&gt;"}, {'"', "", "&quot;"},
		{'\t', "", "&#x9;"}, {'\n', "", "&#xA;"}, {'\r', "&#xD;", "&#xD;"},
	} {
		textEscapes[e.c], attrEscapes[e.c] = e.text, e.attr
	}
}

// appendVisible is appendEscaped for values that may hold what XML cannot
// carry (a name or a note stored by an old padan): each character XML
// cannot carry is written visibly as "\u" and four upper-case hex digits
// ("\u000B"), and each byte that is not UTF-8 as U+FFFD, so that the file
// stays well-formed. Such values do not come back as they were: the writers
// do not fail on them, and 'padan db check' finds and repairs them.
func appendVisible[S string | []byte](dst []byte, s S, escapes *[utf8.RuneSelf]string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case escapes[c] != "":
				dst = append(dst, s[last:i]...)
				dst = append(dst, escapes[c]...)
				i++
				last = i
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
				dst = append(dst, s[last:i]...)
				dst = append(dst, `\u`+Hex4(rune(c))...)
				i++
				last = i
			default:
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[last:i]...)
			dst = utf8.AppendRune(dst, utf8.RuneError)
		case !exports.IsXMLChar(r):
			dst = append(dst, s[last:i]...)
			dst = append(dst, `\u`+Hex4(r)...)
		default:
			i += size
			continue
		}
		i += size
		last = i
	}
	return append(dst, s[last:]...)
}

// SizeCheck checks the sizes of a unit's values with [CheckVisibleSize],
// one at a time (a slice of them would cost an allocation or more a unit),
// keeping the first error: a value after it is not checked.
type SizeCheck struct {
	Unit string
	Err  error
}

// Check checks one value, unless an earlier one failed.
func (c *SizeCheck) Check(field, value string) {
	if c.Err == nil {
		c.Err = CheckVisibleSize(c.Unit, field, value)
	}
}

// Names checks the values every format writes of u: its document, its
// translator's and editor's names and its match's origin.
func (c *SizeCheck) Names(u *exports.Unit) {
	c.Check("document", u.Document)
	c.Check("translator", u.Translator.Author)
	c.Check("editor", u.Editor.Author)
	if u.Match != nil {
		c.Check("match origin", u.Match.Origin)
	}
}

// CheckVisibleSize returns an [*exports.LimitError] when value, as
// [Buf.Visible] writes it (and a reader reads it back), is longer than
// [exports.MaxText]: names and notes are written without other checks, but
// not beyond what padan reads.
func CheckVisibleSize(unit, field, value string) error {
	if len(value) <= exports.MaxText/6 {
		return nil // even if every byte grew to "\u0001"
	}
	n := 0
	for i := 0; i < len(value); {
		c := value[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				n += 6
			} else {
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(value[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			n += 3
		case !exports.IsXMLChar(r):
			n += 6
		default:
			n += size
		}
		i += size
	}
	if n > exports.MaxText {
		return &exports.LimitError{Unit: unit, Field: field, Size: n, Limit: exports.MaxText}
	}
	return nil
}

// appendEscaped appends s to dst, each ASCII byte replaced by its escape in
// escapes.
func appendEscaped[S string | []byte](dst []byte, s S, escapes *[utf8.RuneSelf]string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || escapes[c] == "" {
			continue
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, escapes[c]...)
		last = i + 1
	}
	return append(dst, s[last:]...)
}

// Text appends s escaped as element content. s must hold only characters
// XML can carry (see [exports.IsXMLChar]); a carriage return is written as a
// character reference so that it survives line-end normalization.
func (b *Buf) Text(s string) { b.B = appendEscaped(b.B, s, &textEscapes) }

// TextBytes is [Buf.Text] for text held in a byte slice.
func (b *Buf) TextBytes(p []byte) { b.B = appendEscaped(b.B, p, &textEscapes) }

// Visible appends s escaped as element content like [Buf.Text], but a
// character XML cannot carry, or a byte that is not UTF-8, is written
// visibly (see appendVisible). Writers use it for names and notes, which
// an old database may hold such characters in.
func (b *Buf) Visible(s string) { b.B = appendVisible(b.B, s, &textEscapes) }

// Inline appends text as element content: plain characters escaped as
// [Buf.Text] does, and, for each inline-code placeholder (U+E000+k, see
// [exports.CodeIndex]) or character XML cannot carry, a call to special with
// its byte offset in text, the rune and the code index (isCode false for a
// character XML cannot carry); special appends what stands for it. Inline
// goes through text once, and stops at special's first error.
func (b *Buf) Inline(text string, special func(at int, r rune, k int, isCode bool) error) error {
	last := 0
	for j := 0; j < len(text); {
		c := text[j]
		if c < utf8.RuneSelf {
			switch esc := textEscapes[c]; {
			case esc != "":
				b.B = append(b.B, text[last:j]...)
				b.B = append(b.B, esc...)
				j++
				last = j
				continue
			case c >= 0x20 || c == '\t' || c == '\n':
				j++
				continue
			}
		}
		i := j
		r, size := utf8.DecodeRuneInString(text[j:])
		j += size
		k, isCode := exports.CodeIndex(r)
		if !isCode && exports.IsXMLChar(r) {
			continue
		}
		b.B = append(b.B, text[last:i]...)
		last = j
		if err := special(i, r, k, isCode); err != nil {
			return err
		}
	}
	b.B = append(b.B, text[last:]...)
	return nil
}

// Attr appends ` name="value"`, value escaped, a character XML cannot
// carry written visibly (see appendVisible).
func (b *Buf) Attr(name, value string) {
	b.B = append(b.B, ' ')
	b.B = append(b.B, name...)
	b.B = append(b.B, '=', '"')
	b.B = appendVisible(b.B, value, &attrEscapes)
	b.B = append(b.B, '"')
}

// TimeAttr appends ` name="t"`, t in UTC formatted with layout, which must
// give only characters that need no escaping (digits, letters, "-", ":",
// "+", "."), as the date layouts of TMX and XLIFF do.
func (b *Buf) TimeAttr(name string, t time.Time, layout string) {
	b.B = append(b.B, ' ')
	b.B = append(b.B, name...)
	b.B = append(b.B, '=', '"')
	b.B = t.UTC().AppendFormat(b.B, layout)
	b.B = append(b.B, '"')
}

// OptAttr appends the attribute only when value is not empty.
func (b *Buf) OptAttr(name, value string) {
	if value != "" {
		b.Attr(name, value)
	}
}

// CheckAttr returns a [*exports.TextError] when value cannot be written as
// an attribute value or plain element text: invalid UTF-8, or a character XML
// cannot carry; or an [*exports.LimitError] when it is longer than
// [exports.MaxText], which a reader would refuse.
func CheckAttr(unit, field, value string) error {
	if err := exports.CheckSize(unit, field, value); err != nil {
		return err
	}
	for i := 0; i < len(value); {
		if c := value[i]; c >= 0x20 && c < utf8.RuneSelf || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(value[i:])
		if r == utf8.RuneError && size == 1 {
			return &exports.TextError{Unit: unit, Field: field, Offset: i, Err: exports.ErrInvalidUTF8}
		}
		if !exports.IsXMLChar(r) {
			return &exports.TextError{Unit: unit, Field: field, Offset: i, Rune: r, Err: exports.ErrNotXMLChar}
		}
		i += size
	}
	return nil
}

// ValidLang reports whether tag is a well-formed language tag in the form
// TMX and XLIFF allow (letters, digits and hyphens: "en", "id-ID",
// "zh-Hant-TW"); "en_US" is not.
func ValidLang(tag string) bool {
	for i, sub := range strings.Split(tag, "-") {
		if len(sub) == 0 || len(sub) > 8 {
			return false
		}
		for j := 0; j < len(sub); j++ {
			c := sub[j]
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			digit := c >= '0' && c <= '9'
			if !letter && !(digit && i > 0) {
				return false
			}
		}
		if i == 0 && len(sub) < 2 && sub != "x" && sub != "i" {
			return false
		}
	}
	return true
}

// ValidNMTOKEN reports whether s is an XML NMTOKEN (the type of XLIFF 2
// identifiers).
func ValidNMTOKEN(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch {
		case r == '-' || r == '.' || r == '_' || r == ':':
		case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case r == 0xB7, r >= 0xC0 && r <= 0x2FF && r != 0xD7 && r != 0xF7, r >= 0x300 && r <= 0x37D,
			r >= 0x37F && r <= 0x1FFF, r == 0x200C || r == 0x200D, r == 0x203F || r == 0x2040,
			r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
			r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD, r >= 0x10000 && r <= 0xEFFFF:
		default:
			return false
		}
	}
	return true
}

// Hex4 returns the code point of r in at least four upper-case hex digits
// (the form of XLIFF 2 cp hex and of "U+000B").
func Hex4(r rune) string {
	s := strconv.FormatInt(int64(r), 16)
	for len(s) < 4 {
		s = "0" + s
	}
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'f' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// CheckContent checks that the raw content of a code is well-formed XML
// content (text and elements, escaped), so that writing it as it is keeps
// the file well-formed.
func CheckContent(content string) error {
	if !strings.ContainsAny(content, "<&>") {
		if err := CheckAttr("", "", content); err != nil {
			return exports.ErrNotXMLChar
		}
		return nil
	}
	d := xml.NewDecoder(strings.NewReader("<c>" + content + "</c>"))
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if depth != 0 {
				return exports.ErrNotWellFormed
			}
			return nil
		}
		if err != nil {
			return exports.ErrNotWellFormed
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.Directive, xml.ProcInst:
			return exports.ErrNotWellFormed
		}
	}
}
