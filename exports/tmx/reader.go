package tmx

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/xmlio"
)

// MaxUnitBytes is the most bytes of XML one tu may take; the writer refuses
// a unit that would take more.
const MaxUnitBytes = exports.MaxUnitBytes

// MaxVariants is the most tuv elements (languages) one tu may hold; a tu
// with more is refused with an [exports.ErrTooLarge] error.
const MaxVariants = 1000

// Reader reads the units of a TMX file one at a time.
type Reader struct {
	// TargetLang, when set, chooses the target of a tu with several
	// languages besides the source (compared without case, or on the
	// primary language subtag); otherwise the first one is taken.
	TargetLang string

	dec        *xmlio.Decoder
	name       string
	header     Header
	headerDone bool
	done       bool
}

// NewReader returns a reader of the TMX file r, called name in errors.
func NewReader(r io.Reader, name string) *Reader {
	return &Reader{dec: xmlio.NewDecoder(r, name, xmlio.Limits{}), name: name}
}

// Header reads (if needed) and returns the file's header.
func (r *Reader) Header() (Header, error) {
	if err := r.readHeader(); err != nil {
		return Header{}, err
	}
	return r.header, nil
}

func (r *Reader) readHeader() error {
	if r.headerDone {
		return nil
	}
	dec := r.dec
	tok, err := nextStart(dec)
	if err != nil {
		return err
	}
	if tok.Name.Local != "tmx" || tok.Name.Space != "" {
		return dec.Errorf(exports.ErrWrongRoot, "root element is <%s>, not <tmx>: not a TMX file", tok.Name.Local)
	}
	v, _ := xmlio.Attr(tok, "", "version")
	if v == "" {
		return dec.Errorf(exports.ErrMissingAttr, "<tmx> has no version attribute")
	}
	if !knownVersion(v) {
		return dec.Errorf(exports.ErrBadValue, "TMX version %q is not one padan reads (1.1 to 1.4b)", v)
	}
	tok, err = nextStart(dec)
	if err != nil {
		return err
	}
	if tok.Name.Local != "header" {
		return dec.Errorf(exports.ErrNotWellFormed, "<%s> where <header> should be", tok.Name.Local)
	}
	h := &r.header
	line := dec.Line()
	for _, a := range tok.Attr {
		switch a.Name.Local {
		case "srclang":
			h.SrcLang = a.Value
		case "adminlang":
			h.AdminLang = a.Value
		case "creationtool":
			h.CreationTool = a.Value
		case "creationtoolversion":
			h.CreationToolVersion = a.Value
		case "segtype":
			h.SegType = a.Value
		case "o-tmf":
			h.OTMF = a.Value
		case "datatype":
			h.DataType = a.Value
		case "creationid":
			h.CreationID = a.Value
		case "creationdate":
			if h.CreationDate, err = parseDate(dec, a.Value); err != nil {
				return err
			}
		}
	}
	if h.SrcLang == "" {
		return dec.ErrorfAt(line, exports.ErrMissingAttr, "<header> has no srclang: the source language is unknown")
	}
	if h.SrcLang != "*all*" && !xmlio.ValidLang(h.SrcLang) {
		return dec.ErrorfAt(line, exports.ErrBadValue, "srclang %q is not a language tag", h.SrcLang)
	}
	err = dec.Children(func(se xml.StartElement) error {
		switch se.Name.Local {
		case "note":
			s, err := dec.Text("note", false)
			if err != nil {
				return err
			}
			h.Notes = append(h.Notes, s)
		case "prop":
			p, err := readProp(dec, se)
			if err != nil {
				return err
			}
			h.Props = append(h.Props, p)
		default:
			return dec.Skip()
		}
		return nil
	})
	if err != nil {
		return err
	}
	tok, err = nextStart(dec)
	if err != nil {
		return err
	}
	if tok.Name.Local != "body" {
		return dec.Errorf(exports.ErrNotWellFormed, "<%s> where <body> should be", tok.Name.Local)
	}
	r.headerDone = true
	return nil
}

// Versions are the TMX versions the reader accepts.
var Versions = []string{"1.1", "1.2", "1.3", "1.4", "1.4a", "1.4b"}

// knownVersion reports whether v is one of [Versions] (compared without
// case, around spaces).
func knownVersion(v string) bool {
	v = strings.TrimSpace(v)
	for _, k := range Versions {
		if strings.EqualFold(v, k) {
			return true
		}
	}
	return false
}

// nextStart returns the next start element, skipping white space; other
// text or an end element is an error.
func nextStart(dec *xmlio.Decoder) (xml.StartElement, error) {
	for {
		tok, err := dec.Token()
		if err != nil {
			return xml.StartElement{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.CharData:
			if strings.TrimSpace(string(t)) != "" {
				return xml.StartElement{}, dec.Errorf(exports.ErrNotWellFormed, "unexpected text %q", short(string(t)))
			}
		case xml.EndElement:
			return xml.StartElement{}, dec.Errorf(exports.ErrNotWellFormed, "unexpected </%s>", t.Name.Local)
		}
	}
}

func short(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 30 {
		return s[:30] + "…"
	}
	return s
}

func parseDate(dec *xmlio.Decoder, s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, dec.Errorf(exports.ErrBadValue, "date %q is not in the TMX form YYYYMMDDThhmmssZ", s)
	}
	return t.UTC(), nil
}

func readProp(dec *xmlio.Decoder, se xml.StartElement) (exports.Prop, error) {
	p := exports.Prop{}
	p.Type, _ = xmlio.Attr(se, "", "type")
	p.Lang, _ = xmlio.Attr(se, xmlio.XMLNS, "lang")
	var err error
	p.Value, err = dec.Text("prop", false)
	return p, err
}

// Next returns the next unit, or io.EOF after the last one. A tu with more
// than two tuvs has them all in the unit's Variants; Source and Target are
// the source tuv and the chosen target tuv (see [Reader.TargetLang]).
func (r *Reader) Next() (exports.Unit, error) {
	if r.done {
		return exports.Unit{}, io.EOF
	}
	if err := r.readHeader(); err != nil {
		return exports.Unit{}, err
	}
	dec := r.dec
	for {
		tok, err := dec.Token()
		if err != nil {
			return exports.Unit{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "tu" {
				return exports.Unit{}, dec.Errorf(exports.ErrNotWellFormed, "<%s> in <body>, where only <tu> may be", t.Name.Local)
			}
			return r.readTU(t)
		case xml.EndElement:
			// </body>, then </tmx>, then the end of the file.
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					r.done = true
					return exports.Unit{}, io.EOF
				}
				if err != nil {
					return exports.Unit{}, err
				}
				if se, ok := tok.(xml.StartElement); ok {
					return exports.Unit{}, dec.Errorf(exports.ErrNotWellFormed, "<%s> after </body>", se.Name.Local)
				}
			}
		case xml.CharData:
			if strings.TrimSpace(string(t)) != "" {
				return exports.Unit{}, dec.Errorf(exports.ErrNotWellFormed, "unexpected text %q in <body>", short(string(t)))
			}
		}
	}
}

type readTUV struct {
	v     exports.Variant
	line  int
	notes []exports.Note
}

func (r *Reader) readTU(se xml.StartElement) (exports.Unit, error) {
	dec := r.dec
	line := dec.Line()
	var u exports.Unit
	var tuCreate, tuChange exports.Revision
	srcLang := r.header.SrcLang
	for _, a := range se.Attr {
		var err error
		switch a.Name.Local {
		case "tuid":
			u.ID = a.Value
		case "srclang":
			srcLang = a.Value
		case "creationid":
			tuCreate.Author = a.Value
		case "changeid":
			tuChange.Author = a.Value
		case "creationdate":
			tuCreate.Time, err = parseDate(dec, a.Value)
		case "changedate":
			tuChange.Time, err = parseDate(dec, a.Value)
		}
		if err != nil {
			return u, err
		}
	}
	var cs exports.CodeSet
	var tuvs []readTUV
	var props []exports.Prop
	err := dec.ChildrenWithin("tu", MaxUnitBytes, func(child xml.StartElement) error {
		switch child.Name.Local {
		case "note":
			s, err := dec.Text("note", false)
			if err != nil {
				return err
			}
			u.Notes = append(u.Notes, exports.Note{Text: s})
		case "prop":
			p, err := readProp(dec, child)
			if err != nil {
				return err
			}
			props = append(props, p)
		case "tuv":
			if len(tuvs) == MaxVariants {
				return dec.Errorf(exports.ErrTooLarge, "<tu> has more than %d <tuv>: padan reads at most %d languages per unit", MaxVariants, MaxVariants)
			}
			t, err := r.readTUV(child, &cs)
			if err != nil {
				return err
			}
			tuvs = append(tuvs, t)
		default:
			return dec.Errorf(exports.ErrNotWellFormed, "unexpected <%s> in <tu>", child.Name.Local)
		}
		return nil
	})
	if err != nil {
		return u, err
	}
	if len(tuvs) < 2 {
		return u, dec.ErrorfAt(line, exports.ErrBadValue, "<tu> has %d <tuv>: a translation unit needs at least 2", len(tuvs))
	}
	si := -1
	if srcLang == "*all*" {
		si = 0
	} else {
		si = findLang(tuvs, srcLang, -1)
		if si < 0 {
			return u, dec.ErrorfAt(line, exports.ErrBadValue, "<tu> has no <tuv> in the source language %s", srcLang)
		}
	}
	ti := -1
	if r.TargetLang != "" {
		ti = findLang(tuvs, r.TargetLang, si)
	}
	if ti < 0 {
		for i, t := range tuvs {
			if i != si && !strings.EqualFold(t.v.Lang, tuvs[si].v.Lang) {
				ti = i
				break
			}
		}
	}
	if ti < 0 {
		ti = (si + 1) % len(tuvs)
	}
	src, tgt := tuvs[si], tuvs[ti]
	u.SourceLang, u.Source = src.v.Lang, src.v.Text
	u.TargetLang, u.Target = tgt.v.Lang, tgt.v.Text
	u.Codes = cs.Codes
	u.Status = exports.StatusTranslated
	if u.Target == "" {
		u.Status = exports.StatusInitial
	}
	u.Translator = tuCreate
	if !tgt.v.Create.IsZero() {
		u.Translator = tgt.v.Create
	}
	u.Editor = tuChange
	if !tgt.v.Change.IsZero() {
		u.Editor = tgt.v.Change
	}
	for _, p := range props {
		switch p.Type {
		case "x-document":
			u.Document = p.Value
		case "x-segment":
			n, err := strconv.Atoi(p.Value)
			if err != nil || n < 0 {
				return u, dec.ErrorfAt(line, exports.ErrBadValue, "x-segment %q is not a segment number", p.Value)
			}
			u.Segment = n
		case "x-status":
			s, err := exports.ParseStatus(p.Value)
			if err != nil {
				u.Props = append(u.Props, p)
				continue
			}
			u.Status = s
		case "x-translator":
			u.Translator.Author = p.Value
		case "x-editor":
			u.Editor.Author = p.Value
		case "x-match-score":
			f, err := strconv.ParseFloat(p.Value, 64)
			if err != nil || f < 0 || f > 100 {
				return u, dec.ErrorfAt(line, exports.ErrBadValue, "x-match-score %q is not a percentage", p.Value)
			}
			if u.Match == nil {
				u.Match = &exports.Match{}
			}
			u.Match.Score = f
		case "x-match-origin":
			if u.Match == nil {
				u.Match = &exports.Match{}
			}
			u.Match.Origin = p.Value
		default:
			u.Props = append(u.Props, p)
		}
	}
	if !u.Translator.IsZero() {
		u.Translator.Role = exports.RoleTranslator
		if u.Editor.IsZero() {
			u.Translator.Text = u.Target
		}
	}
	if !u.Editor.IsZero() {
		u.Editor.Role = exports.RoleEditor
		u.Editor.Text = u.Target
	}
	if len(tuvs) > 2 {
		for _, t := range tuvs {
			t.v.Notes = t.notes
			u.Variants = append(u.Variants, t.v)
		}
	} else {
		for _, n := range src.notes {
			n.AppliesTo = "source"
			u.Notes = append(u.Notes, n)
		}
		for _, n := range tgt.notes {
			n.AppliesTo = "target"
			u.Notes = append(u.Notes, n)
		}
		u.Props = append(u.Props, src.v.Props...)
		u.Props = append(u.Props, tgt.v.Props...)
	}
	return u, nil
}

// findLang returns the index of the first tuv (other than skip) in lang,
// compared without case, else the first whose primary subtag matches, else
// -1.
func findLang(tuvs []readTUV, lang string, skip int) int {
	for i, t := range tuvs {
		if i != skip && strings.EqualFold(t.v.Lang, lang) {
			return i
		}
	}
	p := primary(lang)
	for i, t := range tuvs {
		if i != skip && strings.EqualFold(primary(t.v.Lang), p) {
			return i
		}
	}
	return -1
}

func primary(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		return tag[:i]
	}
	return tag
}

func (r *Reader) readTUV(se xml.StartElement, cs *exports.CodeSet) (readTUV, error) {
	dec := r.dec
	t := readTUV{line: dec.Line()}
	for _, a := range se.Attr {
		var err error
		switch {
		case a.Name.Local == "lang" && (a.Name.Space == xmlio.XMLNS || a.Name.Space == ""):
			if t.v.Lang == "" || a.Name.Space == xmlio.XMLNS {
				t.v.Lang = a.Value
			}
		case a.Name.Local == "creationid":
			t.v.Create.Author = a.Value
		case a.Name.Local == "changeid":
			t.v.Change.Author = a.Value
		case a.Name.Local == "creationdate":
			t.v.Create.Time, err = parseDate(dec, a.Value)
		case a.Name.Local == "changedate":
			t.v.Change.Time, err = parseDate(dec, a.Value)
		}
		if err != nil {
			return t, err
		}
	}
	if t.v.Lang == "" {
		return t, dec.Errorf(exports.ErrMissingAttr, "<tuv> has no xml:lang")
	}
	if !xmlio.ValidLang(t.v.Lang) {
		return t, dec.Errorf(exports.ErrBadValue, "xml:lang %q is not a language tag", t.v.Lang)
	}
	segs := 0
	err := dec.Children(func(child xml.StartElement) error {
		switch child.Name.Local {
		case "note":
			s, err := dec.Text("note", false)
			if err != nil {
				return err
			}
			t.notes = append(t.notes, exports.Note{Text: s})
		case "prop":
			p, err := readProp(dec, child)
			if err != nil {
				return err
			}
			t.v.Props = append(t.v.Props, p)
		case "seg":
			segs++
			cs.Text()
			s, err := readSeg(dec, cs)
			if err != nil {
				return err
			}
			t.v.Text = s
		default:
			return dec.Errorf(exports.ErrNotWellFormed, "unexpected <%s> in <tuv>", child.Name.Local)
		}
		return nil
	})
	if err != nil {
		return t, err
	}
	if segs != 1 {
		return t, dec.ErrorfAt(t.line, exports.ErrBadValue, "<tuv> has %d <seg>, not 1", segs)
	}
	return t, nil
}

// segReader collects the text of one seg.
type segReader struct {
	dec  *xmlio.Decoder
	cs   *exports.CodeSet
	b    strings.Builder
	max  int
	bpts map[string]int
	epts []string
}

func readSeg(dec *xmlio.Decoder, cs *exports.CodeSet) (string, error) {
	s := &segReader{dec: dec, cs: cs, max: dec.Limits().MaxText}
	if err := s.content("seg"); err != nil {
		return "", err
	}
	for _, i := range s.epts {
		if s.bpts[i] == 0 {
			return "", dec.Errorf(exports.ErrBadValue, "<ept i=%q> has no matching <bpt> in its <seg>", i)
		}
		s.bpts[i]--
	}
	for i, n := range s.bpts {
		if n > 0 {
			return "", dec.Errorf(exports.ErrBadValue, "<bpt i=%q> has no matching <ept> in its <seg>", i)
		}
	}
	return s.b.String(), nil
}

func (s *segReader) text(t []byte) error {
	if s.b.Len()+len(t) > s.max {
		return s.dec.Errorf(exports.ErrTooLarge, "segment text longer than %d bytes", s.max)
	}
	if bytes.IndexByte(t, 0xEE) < 0 && bytes.IndexByte(t, 0xEF) < 0 {
		s.b.Write(t) // no private use character (U+E000–U+F8FF start with EE or EF)
		return nil
	}
	for len(t) > 0 {
		r, size := utf8.DecodeRune(t)
		if _, ok := exports.CodeIndex(r); ok {
			cr, err := s.cs.Add(exports.Code{Kind: exports.CodeChar, Content: string(r)})
			if err != nil {
				return s.dec.Errorf(exports.ErrTooLarge, "%v", err)
			}
			s.b.WriteRune(cr)
		} else {
			s.b.Write(t[:size])
		}
		t = t[size:]
	}
	return nil
}

// content reads the content of a seg or hi up to its end tag.
func (s *segReader) content(elem string) error {
	return s.dec.Content(s.text, func(t xml.StartElement) error { return s.element(t, elem) })
}

func (s *segReader) element(t xml.StartElement, parent string) error {
	dec := s.dec
	c := exports.Code{}
	c.I, _ = xmlio.Attr(t, "", "i")
	c.X, _ = xmlio.Attr(t, "", "x")
	c.Type, _ = xmlio.Attr(t, "", "type")
	c.Pos, _ = xmlio.Attr(t, "", "pos")
	c.Assoc, _ = xmlio.Attr(t, "", "assoc")
	switch t.Name.Local {
	case "bpt", "ept":
		if c.I == "" {
			return dec.Errorf(exports.ErrMissingAttr, "<%s> has no i attribute", t.Name.Local)
		}
		c.Kind = exports.CodeBPT
		if t.Name.Local == "ept" {
			c.Kind = exports.CodeEPT
			s.epts = append(s.epts, c.I)
		} else {
			if s.bpts == nil {
				s.bpts = map[string]int{}
			}
			s.bpts[c.I]++
		}
	case "ph":
		c.Kind = exports.CodePH
	case "it":
		if c.Pos != "begin" && c.Pos != "end" {
			return dec.Errorf(exports.ErrBadValue, "<it> pos is %q, not begin or end", c.Pos)
		}
		c.Kind = exports.CodeIT
	case "ut":
		c.Kind = exports.CodeUT
	case "hi":
		c.Kind = exports.CodeHiStart
		if err := s.add(c); err != nil {
			return err
		}
		if err := s.content("hi"); err != nil {
			return err
		}
		return s.add(exports.Code{Kind: exports.CodeHiEnd})
	default:
		return dec.Errorf(exports.ErrNotWellFormed, "unexpected <%s> in <%s>", t.Name.Local, parent)
	}
	raw, err := xmlio.Raw(dec, t.Name.Local)
	if err != nil {
		return err
	}
	c.Content = raw
	if c.Kind == exports.CodePH && c.Type == "x-padan-control" {
		if r, ok := xmlio.ParseControl(raw); ok {
			if s.b.Len()+utf8.RuneLen(r) > s.max {
				return dec.Errorf(exports.ErrTooLarge, "segment text longer than %d bytes", s.max)
			}
			s.b.WriteRune(r)
			return nil
		}
	}
	return s.add(c)
}

func (s *segReader) add(c exports.Code) error {
	r, err := s.cs.Add(c)
	if err != nil {
		return s.dec.Errorf(exports.ErrTooLarge, "%v", err)
	}
	s.b.WriteRune(r)
	return nil
}
