// Package xmlio holds what the TMX and XLIFF readers and writers share:
// a guarded streaming XML decoder and escaping.
package xmlio

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"encoding/xml"

	"github.com/padan-tm/padan/exports"
)

// Limits of a [Decoder]; the zero value of a field means its default.
type Limits struct {
	// MaxDepth is the deepest element nesting allowed (default
	// exports.MaxDepth, 64).
	MaxDepth int
	// MaxToken is the largest single token (text run, comment, tag) in
	// bytes (default exports.MaxUnitBytes, 16 MiB, and a little more for
	// read-ahead).
	MaxToken int64
	// MaxText is the largest text of one segment, note or code in bytes
	// (default exports.MaxText, 1 MiB).
	MaxText int
}

const (
	defaultMaxDepth = exports.MaxDepth
	// A token can be as large as a unit: a text of exports.MaxText bytes
	// takes up to six times that escaped ("&quot;"), and the writers bound
	// only the unit.
	defaultMaxToken = exports.MaxUnitBytes + readSlack
	defaultMaxText  = exports.MaxText
	// readSlack is how far the decoder may have read ahead of a token or
	// unit when its size is measured; a limit is checked with it, so that
	// what a writer measured as within a limit is read.
	readSlack = 64 << 10
)

// errTokenTooLarge is returned by the counting reader to stop the XML
// decoder before it buffers a huge token.
var errTokenTooLarge = errors.New("token too large")

// countingReader counts the bytes read in total and since the last reset,
// and fails once a single token has read more than max bytes.
type countingReader struct {
	r     io.Reader
	total int64
	since int64
	max   int64
}

// Read reads from the underlying reader, at most 64 KiB at a time, and
// fails with errTokenTooLarge once the current token has read more than max.
func (c *countingReader) Read(p []byte) (int, error) {
	if c.since > c.max {
		return 0, errTokenTooLarge
	}
	if int64(len(p)) > 64<<10 {
		p = p[:64<<10]
	}
	n, err := c.r.Read(p)
	c.total += int64(n)
	c.since += int64(n)
	return n, err
}

// Decoder reads XML tokens from a file, guarding against hostile input:
// entity declarations, deep nesting and huge tokens are errors, and every
// error is an [*exports.SyntaxError] naming the file and line.
type Decoder struct {
	d        *xml.Decoder
	cr       *countingReader
	name     string
	limits   Limits
	depth    int
	utf16    bool
	declared string // a declared encoding that was refused
	// mislabelled is a declared UTF-16 encoding of a file that is not
	// UTF-16 (no byte order mark, no UTF-16 "<?xml").
	mislabelled string
	rootDone    bool
	err         error
}

// NewDecoder returns a decoder reading r, a file called name (for errors).
// UTF-8 (with or without BOM) and UTF-16 (with BOM, or detected from
// "<?xml") are accepted; a declared encoding other than UTF-8 or UTF-16 is an
// error wrapping [exports.ErrEncoding].
func NewDecoder(r io.Reader, name string, lim Limits) *Decoder {
	if lim.MaxDepth == 0 {
		lim.MaxDepth = defaultMaxDepth
	}
	if lim.MaxToken == 0 {
		lim.MaxToken = defaultMaxToken
	}
	if lim.MaxText == 0 {
		lim.MaxText = defaultMaxText
	}
	dec := &Decoder{name: name, limits: lim}
	size := 64 << 10
	if l, ok := r.(interface{ Len() int }); ok && l.Len() < size {
		size = max(l.Len(), 16) // a small string: no need for a large buffer
	}
	br := bufio.NewReaderSize(r, size)
	head, _ := br.Peek(4)
	var in io.Reader = br
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.Equal(head, []byte{'<', 0, '?', 0}):
		in = newUTF16Reader(br, false)
		dec.utf16 = true
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}), bytes.Equal(head, []byte{0, '<', 0, '?'}):
		in = newUTF16Reader(br, true)
		dec.utf16 = true
	}
	dec.cr = &countingReader{r: newRefChecker(in), max: lim.MaxToken}
	d := xml.NewDecoder(dec.cr)
	d.Strict = true
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		l := strings.ToLower(label)
		isUTF16 := l == "utf-16" || l == "utf-16le" || l == "utf-16be" || l == "utf16"
		if dec.utf16 && isUTF16 {
			return input, nil // already transcoded to UTF-8
		}
		if isUTF16 {
			dec.mislabelled = label
			return nil, fmt.Errorf("encoding %s mislabelled", label)
		}
		dec.declared = label
		return nil, fmt.Errorf("encoding %s refused", label)
	}
	dec.d = d
	return dec
}

// Limits returns the decoder's limits, defaults filled in.
func (dec *Decoder) Limits() Limits { return dec.limits }

// Line returns the current line of the input.
func (dec *Decoder) Line() int {
	line, _ := dec.d.InputPos()
	return line
}

// Offset returns the number of bytes (of UTF-8) read so far.
func (dec *Decoder) Offset() int64 { return dec.cr.total }

// Depth returns the nesting depth after the last token.
func (dec *Decoder) Depth() int { return dec.depth }

// Errorf returns an [*exports.SyntaxError] of the given kind at the current
// line, and makes every later call to Token return it.
func (dec *Decoder) Errorf(kind error, format string, args ...any) error {
	return dec.ErrorfAt(dec.Line(), kind, format, args...)
}

// ErrorfAt is [Decoder.Errorf] at a given line.
func (dec *Decoder) ErrorfAt(line int, kind error, format string, args ...any) error {
	if dec.err != nil {
		return dec.err
	}
	dec.err = &exports.SyntaxError{File: dec.name, Line: line, Msg: fmt.Sprintf(format, args...), Kind: kind}
	return dec.err
}

// Token returns the next token. As with encoding/xml, the bytes of a
// CharData are valid only until the next call (a StartElement holds only
// strings and may be kept). Comments and
// processing instructions are skipped; a DOCTYPE is allowed only without
// entity declarations. At the end of the root element it checks that
// nothing but comments follows and returns io.EOF.
func (dec *Decoder) Token() (xml.Token, error) {
	if dec.err != nil {
		return nil, dec.err
	}
	for {
		dec.cr.since = 0
		startLine := dec.Line()
		tok, err := dec.d.Token()
		if err != nil {
			return nil, dec.convert(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if dec.rootDone {
				return nil, dec.Errorf(exports.ErrNotWellFormed, "element <%s> after the end of the root element", t.Name.Local)
			}
			dec.depth++
			if dec.depth > dec.limits.MaxDepth {
				return nil, dec.Errorf(exports.ErrTooDeep, "elements nested deeper than %d", dec.limits.MaxDepth)
			}
			return t, nil
		case xml.EndElement:
			dec.depth--
			if dec.depth == 0 {
				dec.rootDone = true
			}
			return t, nil
		case xml.CharData:
			if dec.rootDone || dec.depth == 0 {
				if len(bytes.TrimSpace(t)) == 0 {
					continue
				}
				if !dec.rootDone {
					return nil, dec.ErrorfAt(startLine, exports.ErrWrongRoot, "text where the root element should be: not an XML file")
				}
				return nil, dec.ErrorfAt(startLine, exports.ErrNotWellFormed, "text after the end of the root element")
			}
			return t, nil
		case xml.Directive:
			if dec.depth == 0 && bytes.HasPrefix(t, []byte("DOCTYPE")) {
				if bytes.Contains(t, []byte("ENTITY")) {
					return nil, dec.Errorf(exports.ErrEntity, "the DOCTYPE declares entities, which padan does not expand")
				}
				continue
			}
			return nil, dec.Errorf(exports.ErrNotWellFormed, "unexpected markup declaration <!%s>", firstWord(t))
		case xml.Comment:
			if msg := checkChars(t); msg != "" {
				return nil, dec.Errorf(exports.ErrNotWellFormed, "in a comment: %s", msg)
			}
			continue
		case xml.ProcInst:
			if msg := checkChars(t.Inst); msg != "" {
				return nil, dec.Errorf(exports.ErrNotWellFormed, "in the processing instruction <?%s: %s", t.Target, msg)
			}
			continue
		}
	}
}

func firstWord(b []byte) string {
	if i := bytes.IndexAny(b, " \t\r\n"); i >= 0 {
		b = b[:i]
	}
	if len(b) > 20 {
		b = b[:20]
	}
	return string(b)
}

// convert turns an error of encoding/xml into an [*exports.SyntaxError].
func (dec *Decoder) convert(err error) error {
	if err == io.EOF {
		if dec.rootDone {
			return io.EOF
		}
		return dec.Errorf(exports.ErrNotWellFormed, "unexpected end of file")
	}
	if we, ok := asWellFormed(err); ok {
		return dec.ErrorfAt(we.Line, exports.ErrNotWellFormed, "%s", we.Msg)
	}
	if errors.Is(err, errTokenTooLarge) {
		return dec.Errorf(exports.ErrTooLarge, "a single text or tag is longer than %d bytes", dec.limits.MaxToken)
	}
	if dec.mislabelled != "" {
		return dec.Errorf(exports.ErrEncoding, "the XML declaration says encoding=%q but the file is not UTF-16 (it has no UTF-16 byte order mark)", dec.mislabelled)
	}
	if dec.declared != "" {
		return dec.Errorf(exports.ErrEncoding, "declared encoding %s: only UTF-8 and UTF-16 are allowed", dec.declared)
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg := strings.TrimPrefix(se.Msg, "xml: ")
		if strings.Contains(msg, "entity") {
			return dec.ErrorfAt(se.Line, exports.ErrEntity, "%s (padan expands no entity but the five XML ones)", msg)
		}
		return dec.ErrorfAt(se.Line, exports.ErrNotWellFormed, "%s", msg)
	}
	return dec.Errorf(exports.ErrNotWellFormed, "%s", strings.TrimPrefix(err.Error(), "xml: "))
}

// Children calls f with each child element of the element whose start
// the decoder has just returned, up to that element's end; f must consume
// the child (read it or [Decoder.Skip] it). Text between the children is
// passed over.
func (dec *Decoder) Children(f func(xml.StartElement) error) error {
	return dec.walk("", 0, nil, f)
}

// ChildrenWithin is [Decoder.Children] for an element elem that may take
// at most max bytes from here to its end: past that (and the decoder's
// read-ahead) it gives an [exports.ErrTooLarge] error (max 0: no bound).
func (dec *Decoder) ChildrenWithin(elem string, max int64, f func(xml.StartElement) error) error {
	return dec.walk(elem, max, nil, f)
}

// Content is [Decoder.Children] for mixed content: it also calls text with
// each run of text between the children (valid only during the call).
func (dec *Decoder) Content(text func([]byte) error, child func(xml.StartElement) error) error {
	return dec.walk("", 0, text, child)
}

// walk reads up to the end of the element whose start was just read,
// calling text (if not nil) with its text and child with its child
// elements, within max bytes (0: no bound) of the element elem.
func (dec *Decoder) walk(elem string, max int64, text func([]byte) error, child func(xml.StartElement) error) error {
	depth, start := dec.depth, dec.Offset()
	for {
		if max > 0 && dec.Offset()-start > max+readSlack {
			return dec.Errorf(exports.ErrTooLarge, "<%s> is larger than %d bytes", elem, max)
		}
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if text != nil {
				if err := text(t); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if dec.depth < depth {
				return nil
			}
		case xml.StartElement:
			if err := child(t); err != nil {
				return err
			}
		}
	}
}

// Skip reads up to the end of the element whose start was just read.
func (dec *Decoder) Skip() error {
	depth := dec.depth
	for dec.depth >= depth {
		if _, err := dec.Token(); err != nil {
			return err
		}
	}
	return nil
}

// Text reads the text of the element whose start was just read, up to its
// end; child elements are an error unless skipChildren is set, in which case
// their text is left out.
func (dec *Decoder) Text(elem string, skipChildren bool) (string, error) {
	return dec.TextMax(elem, skipChildren, dec.limits.MaxText)
}

// TextMax is [Decoder.Text] for a text of at most max bytes (rather than
// the MaxText limit): the markup of a text held as text, for instance.
func (dec *Decoder) TextMax(elem string, skipChildren bool, max int) (string, error) {
	var b strings.Builder
	depth := dec.depth
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if b.Len()+len(t) > max {
				return "", dec.Errorf(exports.ErrTooLarge, "<%s> is longer than %d bytes", elem, max)
			}
			b.Write(t)
		case xml.StartElement:
			if !skipChildren {
				return "", dec.Errorf(exports.ErrNotWellFormed, "unexpected <%s> inside <%s>", t.Name.Local, elem)
			}
			if err := dec.Skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			if dec.depth < depth {
				return b.String(), nil
			}
		}
	}
}

// Attr returns the value of the attribute called local (in any namespace
// but xml's unless space says so) and whether it is there.
func Attr(se xml.StartElement, space, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value, true
		}
	}
	return "", false
}

// XMLNS is the namespace encoding/xml gives the xml: prefix.
const XMLNS = "http://www.w3.org/XML/1998/namespace"

// Raw reads the content of the element elem whose start was just read, up
// to its end, and returns it as escaped XML (text and child elements), the
// form of [exports.Code] content.
func Raw(dec *Decoder, elem string) (string, error) {
	var b Buf
	depth := dec.depth
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", err
		}
		if len(b.B) > dec.limits.MaxText {
			return "", dec.Errorf(exports.ErrTooLarge, "<%s> is longer than %d bytes", elem, dec.limits.MaxText)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Text(string(t))
		case xml.StartElement:
			b.S("<" + t.Name.Local)
			for _, a := range t.Attr {
				name := a.Name.Local
				if a.Name.Space == XMLNS {
					name = "xml:" + name
				}
				b.Attr(name, a.Value)
			}
			b.S(">")
		case xml.EndElement:
			if dec.depth < depth {
				return string(b.B), nil
			}
			b.S("</" + t.Name.Local + ">")
		}
	}
}

// ParseControl reads "U+000B", the content of padan's placeholder for a
// character XML cannot carry, and returns the character if it is one.
func ParseControl(s string) (rune, bool) {
	if !strings.HasPrefix(s, "U+") || len(s) < 6 || len(s) > 8 {
		return 0, false
	}
	n, err := strconv.ParseUint(s[2:], 16, 32)
	if err != nil || exports.IsXMLChar(rune(n)) || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF) {
		return 0, false
	}
	return rune(n), true
}
