package tmx

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/xmlio"
)

// DateLayout is the form of TMX dates: YYYYMMDDThhmmssZ, in UTC.
const DateLayout = "20060102T150405Z"

// Header is what a TMX header says about the whole file.
type Header struct {
	// SrcLang is the source language of every unit (required; "*all*" when
	// reading a file that says so).
	SrcLang string
	// AdminLang is the language of notes and props (default "en").
	AdminLang string
	// CreationTool and CreationToolVersion name the program that wrote the
	// file (a Writer writes "padan" and requires the version).
	CreationTool, CreationToolVersion string
	// SegType is block, paragraph, sentence or phrase (default "sentence").
	SegType string
	// OTMF is the format of the original memory (default "padan").
	OTMF string
	// DataType is the kind of the source texts (default "plaintext").
	DataType string
	// CreationDate and CreationID say when and by whom the file was made.
	CreationDate time.Time
	CreationID   string
	Notes        []string
	Props        []exports.Prop
}

// Writer writes units to a TMX 1.4b file as they come.
type Writer struct {
	w      *bufio.Writer
	h      Header
	buf    xmlio.Buf
	tuvs   []tuv // the current unit's, reused
	opened bool
	err    error
}

// NewWriter returns a writer of a TMX file to w with the given header. It
// checks the header (SrcLang and CreationToolVersion are required, languages
// must be well-formed tags) but writes nothing until the first unit or
// [Writer.Close].
func NewWriter(w io.Writer, h Header) (*Writer, error) {
	h.CreationTool = "padan"
	if h.AdminLang == "" {
		h.AdminLang = "en"
	}
	if h.SegType == "" {
		h.SegType = "sentence"
	}
	if h.OTMF == "" {
		h.OTMF = "padan"
	}
	if h.DataType == "" {
		h.DataType = "plaintext"
	}
	if h.CreationToolVersion == "" {
		return nil, fmt.Errorf("tmx header: creationtoolversion: %w", exports.ErrMissingAttr)
	}
	for _, l := range []string{h.SrcLang, h.AdminLang} {
		if !xmlio.ValidLang(l) {
			return nil, fmt.Errorf("tmx header: language %q: %w", l, exports.ErrBadLanguage)
		}
	}
	for _, v := range []string{h.CreationToolVersion, h.SegType, h.OTMF, h.DataType, h.CreationID} {
		if err := xmlio.CheckAttr("header", "header", v); err != nil {
			return nil, fmt.Errorf("tmx header: %w", err)
		}
	}
	for _, n := range h.Notes {
		if err := xmlio.CheckAttr("header", "note", n); err != nil {
			return nil, fmt.Errorf("tmx header: %w", err)
		}
	}
	for _, p := range h.Props {
		if err := checkProp("header", p); err != nil {
			return nil, fmt.Errorf("tmx header: %w", err)
		}
	}
	return &Writer{w: bufio.NewWriterSize(w, 64<<10), h: h}, nil
}

func checkProp(id string, p exports.Prop) error {
	if p.Type == "" {
		return &exports.TextError{Unit: id, Field: "prop type", Err: exports.ErrMissingAttr}
	}
	if p.Lang != "" && !xmlio.ValidLang(p.Lang) {
		return fmt.Errorf("unit %s: prop language %q: %w", id, p.Lang, exports.ErrBadLanguage)
	}
	return nil
}

func (w *Writer) open() {
	h := w.h
	b := &w.buf
	b.B = b.B[:0]
	b.S(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.S(`<!DOCTYPE tmx SYSTEM "tmx14.dtd">` + "\n")
	b.S(`<tmx version="1.4">` + "\n")
	b.S(`  <header`)
	b.Attr("creationtool", h.CreationTool)
	b.Attr("creationtoolversion", h.CreationToolVersion)
	b.Attr("segtype", h.SegType)
	b.Attr("o-tmf", h.OTMF)
	b.Attr("adminlang", h.AdminLang)
	b.Attr("srclang", h.SrcLang)
	b.Attr("datatype", h.DataType)
	b.Attr("o-encoding", "UTF-8")
	if !h.CreationDate.IsZero() {
		b.Attr("creationdate", h.CreationDate.UTC().Format(DateLayout))
	}
	b.OptAttr("creationid", h.CreationID)
	if len(h.Notes) == 0 && len(h.Props) == 0 {
		b.S("/>\n")
	} else {
		b.S(">\n")
		for _, n := range h.Notes {
			b.S("    <note>")
			b.Visible(n)
			b.S("</note>\n")
		}
		for _, p := range h.Props {
			writeProp(b, "    ", p)
		}
		b.S("  </header>\n")
	}
	b.S("  <body>\n")
	w.opened = true
}

func writeProp(b *xmlio.Buf, indent string, p exports.Prop) {
	b.S(indent)
	b.S("<prop")
	b.Attr("type", p.Type)
	b.OptAttr("xml:lang", p.Lang)
	b.S(">")
	b.Visible(p.Value)
	b.S("</prop>\n")
}

// Write writes one unit as a tu. A unit that cannot be written (no target,
// a text XML cannot carry in an attribute, a code rune without a code, an
// invalid language tag) is refused with an error and nothing of it is
// written; the writer stays usable.
func (w *Writer) Write(u exports.Unit) error {
	if w.err != nil {
		return w.err
	}
	if !w.opened {
		w.open()
	} else {
		w.buf.B = w.buf.B[:0]
	}
	mark := len(w.buf.B)
	err := w.unit(&w.buf, u)
	if err == nil {
		err = exports.CheckUnitSize(u.ID, len(w.buf.B)-mark)
	}
	if err != nil {
		w.buf.B = w.buf.B[:mark]
		if mark > 0 {
			if _, werr := w.w.Write(w.buf.B); werr != nil {
				w.err = werr
			}
		}
		return fmt.Errorf("write tmx: %w", err)
	}
	if _, err := w.w.Write(w.buf.B); err != nil {
		w.err = fmt.Errorf("write tmx: %w", err)
		return w.err
	}
	return nil
}

// Close writes the end of the file and flushes it. It does not close the
// underlying writer.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if !w.opened {
		w.open()
	} else {
		w.buf.B = w.buf.B[:0]
	}
	w.buf.S("  </body>\n</tmx>\n")
	if _, err := w.w.Write(w.buf.B); err != nil {
		return fmt.Errorf("write tmx: %w", err)
	}
	w.err = errors.New("tmx: writer closed")
	if err := w.w.Flush(); err != nil {
		return fmt.Errorf("write tmx: %w", err)
	}
	return nil
}

type tuv struct {
	field          string // the text's name in errors: source, target…
	lang, text     string
	props          []exports.Prop
	notes          []exports.Note
	create, change exports.Revision
}

func (w *Writer) unit(b *xmlio.Buf, u exports.Unit) error {
	id := u.ID
	if err := xmlio.CheckAttr(id, "id", id); err != nil {
		return err
	}
	tuvs, err := tuvsOf(w.tuvs[:0], u)
	w.tuvs = tuvs
	if err != nil {
		return err
	}
	if err := checkUnit(u, tuvs); err != nil {
		return err
	}
	b.S("    <tu")
	b.OptAttr("tuid", id)
	if len(u.Variants) > 0 && !strings.EqualFold(u.SourceLang, w.h.SrcLang) && u.SourceLang != "" {
		b.Attr("srclang", u.SourceLang)
	} else if len(u.Variants) == 0 && !strings.EqualFold(u.SourceLang, w.h.SrcLang) {
		b.Attr("srclang", u.SourceLang)
	}
	writeRev(b, "creation", u.Translator)
	writeRev(b, "change", u.Editor)
	b.S(">\n")
	writePadanProps(b, u)
	for _, p := range u.Props {
		writeProp(b, "      ", p)
	}
	for _, n := range u.Notes {
		if len(u.Variants) == 0 && n.AppliesTo != "" {
			continue
		}
		b.S("      <note>")
		b.Visible(n.Text)
		b.S("</note>\n")
	}
	for _, t := range tuvs {
		if err := writeTUV(b, id, t, u.Codes); err != nil {
			return err
		}
	}
	b.S("    </tu>\n")
	return nil
}

// tuvsOf appends to dst the <tuv>s of u: one per variant, or its source and
// target with the notes that apply to each.
func tuvsOf(dst []tuv, u exports.Unit) ([]tuv, error) {
	tuvs := dst
	if len(u.Variants) > 0 {
		for _, v := range u.Variants {
			tuvs = append(tuvs, tuv{field: "text in " + v.Lang, lang: v.Lang, text: v.Text, props: v.Props, notes: v.Notes, create: v.Create, change: v.Change})
		}
		return tuvs, nil
	}
	if u.Target == "" {
		return nil, fmt.Errorf("unit %s: %w", u.ID, exports.ErrNoTarget)
	}
	src, tgt := tuv{field: "source", lang: u.SourceLang, text: u.Source}, tuv{field: "target", lang: u.TargetLang, text: u.Target}
	for _, n := range u.Notes {
		switch n.AppliesTo {
		case "source":
			src.notes = append(src.notes, n)
		case "target":
			tgt.notes = append(tgt.notes, n)
		}
	}
	return append(tuvs, src, tgt), nil
}

// checkUnit checks, before anything of it is written, that u and its tuvs
// can be written as a <tu> that a reader takes back: its languages, texts,
// properties, codes and the size of every other value.
func checkUnit(u exports.Unit, tuvs []tuv) error {
	id := u.ID
	for _, t := range tuvs {
		if !xmlio.ValidLang(t.lang) {
			return fmt.Errorf("unit %s: language %q: %w", id, t.lang, exports.ErrBadLanguage)
		}
		if err := exports.CheckText(id, t.field, t.text, u.Codes); err != nil {
			return err
		}
		for _, p := range t.props {
			if err := checkProp(id, p); err != nil {
				return err
			}
		}
	}
	// Names, notes, property values and the match's origin are not
	// checked: Attr and Text write a character XML cannot carry visibly (an
	// old database may hold one), so that an export never fails on them;
	// but none may be longer than a reader takes.
	sc := xmlio.SizeCheck{Unit: id}
	sc.Names(&u)
	for _, n := range u.Notes {
		sc.Check("note", n.Text)
	}
	for _, p := range u.Props {
		sc.Check("prop", p.Value)
	}
	for _, t := range tuvs {
		sc.Check("author", t.create.Author)
		sc.Check("author", t.change.Author)
		for _, n := range t.notes {
			sc.Check("note", n.Text)
		}
		for _, p := range t.props {
			sc.Check("prop", p.Value)
		}
	}
	if sc.Err != nil {
		return sc.Err
	}
	for _, p := range u.Props {
		if err := checkProp(id, p); err != nil {
			return err
		}
	}
	return checkCodes(id, u.Codes)
}

// writePadanProps writes the <prop>s in which padan keeps what TMX has no
// place for: document, segment, status, authors and match.
func writePadanProps(b *xmlio.Buf, u exports.Unit) {
	prop := func(typ, value string) { writeProp(b, "      ", exports.Prop{Type: typ, Value: value}) }
	if u.Document != "" {
		prop("x-document", u.Document)
	}
	if u.Segment != 0 {
		prop("x-segment", strconv.Itoa(u.Segment))
	}
	prop("x-status", string(u.Status))
	if u.Translator.Author != "" {
		prop("x-translator", u.Translator.Author)
	}
	if u.Editor.Author != "" {
		prop("x-editor", u.Editor.Author)
	}
	if u.Match != nil {
		prop("x-match-score", strconv.FormatFloat(u.Match.Score, 'f', -1, 64))
		if u.Match.Context {
			prop("x-match-context", "yes")
		}
		if u.Match.Origin != "" {
			prop("x-match-origin", u.Match.Origin)
		}
	}
}

// writeTUV writes one <tuv> of the unit id, whose codes are codes.
func writeTUV(b *xmlio.Buf, id string, t tuv, codes []exports.Code) error {
	b.S("      <tuv")
	b.Attr("xml:lang", t.lang)
	writeRev(b, "creation", t.create)
	writeRev(b, "change", t.change)
	b.S(">\n")
	for _, n := range t.notes {
		b.S("        <note>")
		b.Visible(n.Text)
		b.S("</note>\n")
	}
	for _, p := range t.props {
		writeProp(b, "        ", p)
	}
	b.S("        <seg>")
	if err := writeSeg(b, id, t.text, codes); err != nil {
		return err
	}
	b.S("</seg>\n      </tuv>\n")
	return nil
}

func writeRev(b *xmlio.Buf, prefix string, r exports.Revision) {
	if r.Author != "" {
		b.Attr(prefix+"id", r.Author)
	}
	if !r.Time.IsZero() {
		b.TimeAttr(prefix+"date", r.Time, DateLayout)
	}
}

// checkCodes checks what a writer copies from codes into the file.
func checkCodes(id string, codes []exports.Code) error {
	for k, c := range codes {
		field := fmt.Sprintf("code %d", k)
		for _, v := range []string{c.I, c.X, c.Type, c.Pos, c.Assoc} {
			if err := xmlio.CheckAttr(id, field, v); err != nil {
				return err
			}
		}
		if err := exports.CheckSize(id, field, c.Content); err != nil {
			return err
		}
		if c.Kind == exports.CodeChar {
			if _, ok := exports.CodeIndex([]rune(c.Content + "\x00")[0]); !ok || len([]rune(c.Content)) != 1 {
				return &exports.TextError{Unit: id, Field: field, Err: exports.ErrBadValue}
			}
			continue
		}
		if err := xmlio.CheckContent(c.Content); err != nil {
			return &exports.TextError{Unit: id, Field: field, Err: err}
		}
	}
	return nil
}

// writeSeg writes text as the content of a seg: code runes as their
// elements, characters XML cannot carry as x-padan-control placeholders.
func writeSeg(b *xmlio.Buf, id, text string, codes []exports.Code) error {
	open := 0
	err := b.Inline(text, func(i int, r rune, k int, isCode bool) error {
		if !isCode {
			b.S(`<ph type="x-padan-control">U+`)
			b.S(xmlio.Hex4(r))
			b.S(`</ph>`)
			return nil
		}
		c := codes[k]
		switch c.Kind {
		case exports.CodeBPT, exports.CodeEPT:
			if c.I == "" {
				return &exports.TextError{Unit: id, Field: fmt.Sprintf("code %d (%s) has no i", k, c.Kind), Offset: i, Rune: r, Err: exports.ErrMissingAttr}
			}
			name := c.Kind.String()
			b.S("<" + name)
			b.Attr("i", c.I)
			if c.Kind == exports.CodeBPT {
				b.OptAttr("x", c.X)
				b.OptAttr("type", c.Type)
			}
			b.S(">")
			b.S(c.Content)
			b.S("</" + name + ">")
		case exports.CodePH:
			b.S("<ph")
			b.OptAttr("x", c.X)
			b.OptAttr("type", c.Type)
			b.OptAttr("assoc", c.Assoc)
			b.S(">")
			b.S(c.Content)
			b.S("</ph>")
		case exports.CodeIT:
			pos := c.Pos
			if pos != "end" {
				pos = "begin"
			}
			b.S("<it")
			b.Attr("pos", pos)
			b.OptAttr("x", c.X)
			b.OptAttr("type", c.Type)
			b.S(">")
			b.S(c.Content)
			b.S("</it>")
		case exports.CodeUT:
			b.S("<ut")
			b.OptAttr("x", c.X)
			b.S(">")
			b.S(c.Content)
			b.S("</ut>")
		case exports.CodeHiStart:
			open++
			b.S("<hi")
			b.OptAttr("x", c.X)
			b.OptAttr("type", c.Type)
			b.S(">")
		case exports.CodeHiEnd:
			if open == 0 {
				return &exports.TextError{Unit: id, Field: "hi end without start", Offset: i, Rune: r, Err: exports.ErrBadValue}
			}
			open--
			b.S("</hi>")
		case exports.CodeChar:
			b.Text(c.Content)
		default:
			return &exports.TextError{Unit: id, Field: "code kind", Offset: i, Rune: r, Err: exports.ErrBadValue}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if open != 0 {
		return &exports.TextError{Unit: id, Field: "hi start without end", Offset: len(text), Err: exports.ErrBadValue}
	}
	return nil
}
