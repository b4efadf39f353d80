package xliff

import (
	"bytes"
	"encoding/xml"
	"errors"
	"strconv"
	"strings"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/xmlio"
)

// PadanNS is the namespace of the attributes with which padan's XLIFF 2.0
// files record what the standard attributes cannot say of an inline code
// (its TMX kind, i, x, type, pos, assoc). XLIFF 2.0 allows attributes of
// other namespaces on inline elements; tools ignore them.
const PadanNS = "urn:padan-tm:xliff:1"

// How a context match (see [exports.Match]) is marked: the XLIFF 1.2
// alt-trans extype, and the XLIFF 2.0 mtc:match subType (a user-defined
// value, prefix:value, of the match's type "tm").
const (
	ContextMatch12 = "x-padan-context-match"
	ContextMatch20 = "padan:context-match"
)

// Namespaces of XLIFF and of the XLIFF 2.0 modules padan writes.
const (
	NS10  = "urn:oasis:names:tc:xliff:document:1.0"
	NS11  = "urn:oasis:names:tc:xliff:document:1.1"
	NS12  = "urn:oasis:names:tc:xliff:document:1.2"
	NS20  = "urn:oasis:names:tc:xliff:document:2.0"
	NSMTC = "urn:oasis:names:tc:xliff:matches:2.0"
	NSMDA = "urn:oasis:names:tc:xliff:metadata:2.0"
	NSCTR = "urn:oasis:names:tc:xliff:changetracking:2.0"
)

// Values of XLIFF 1.2's ctype that need no x- prefix.
var (
	delimiters   = map[string]bool{"bold": true, "italic": true, "underlined": true, "link": true}
	placeholders = map[string]bool{"image": true, "pb": true, "lb": true}
)

// ctype12 returns the XLIFF 1.2 ctype for a code's TMX type.
func ctype12(typ string, allowed map[string]bool) string {
	if typ == "" || allowed[typ] || strings.HasPrefix(typ, "x-") {
		return typ
	}
	return "x-padan-" + typ
}

// typeFromCtype undoes ctype12.
func typeFromCtype(ctype string) string { return strings.TrimPrefix(ctype, "x-padan-") }

// pairs returns, for each byte offset of a bpt rune in text, the offset of
// its ept (the first later ept with the same i not taken by an earlier bpt),
// and the reverse.
func pairs(text string, codes []exports.Code) map[int]int {
	m := map[int]int{}
	open := map[string][]int{} // i → offsets of unpaired bpts, oldest first
	for i, r := range text {
		k, ok := exports.CodeIndex(r)
		if !ok || k >= len(codes) {
			continue
		}
		switch c := codes[k]; c.Kind {
		case exports.CodeBPT:
			open[c.I] = append(open[c.I], i)
		case exports.CodeEPT:
			if q := open[c.I]; len(q) > 0 {
				m[q[0]], m[i] = i, q[0]
				open[c.I] = q[1:]
			}
		}
	}
	return m
}

// checkHi checks that hi starts and ends nest in text.
func checkHi(id, text string, codes []exports.Code) error {
	open := 0
	for i, r := range text {
		if k, ok := exports.CodeIndex(r); ok {
			switch codes[k].Kind {
			case exports.CodeHiStart:
				open++
			case exports.CodeHiEnd:
				if open == 0 {
					return &exports.TextError{Unit: id, Field: "hi end without start", Offset: i, Rune: r, Err: exports.ErrBadValue}
				}
				open--
			}
		}
	}
	if open != 0 {
		return &exports.TextError{Unit: id, Field: "hi start without end", Offset: len(text), Err: exports.ErrBadValue}
	}
	return nil
}

// write12 writes text as XLIFF 1.2 inline content.
func write12(b *xmlio.Buf, text string, codes []exports.Code) {
	ctl := 0
	b.Inline(text, func(_ int, r rune, k int, isCode bool) error {
		if !isCode {
			ctl++
			b.S(`<ph id="padan-ctl-`)
			b.Int(ctl)
			b.S(`" ctype="x-padan-control">U+`)
			b.S(xmlio.Hex4(r))
			b.S(`</ph>`)
			return nil
		}
		c := codes[k]
		id := c.X
		if id == "" {
			id = "padan-" + strconv.Itoa(k+1)
		}
		switch c.Kind {
		case exports.CodeBPT:
			b.S("<bpt")
			b.Attr("id", c.I)
			b.OptAttr("ctype", ctype12(c.Type, delimiters))
			b.S(">" + c.Content + "</bpt>")
		case exports.CodeEPT:
			b.S("<ept")
			b.Attr("id", c.I)
			b.S(">" + c.Content + "</ept>")
		case exports.CodePH:
			b.S("<ph")
			b.Attr("id", id)
			b.OptAttr("ctype", ctype12(c.Type, placeholders))
			b.OptAttr("assoc", c.Assoc)
			b.S(">" + c.Content + "</ph>")
		case exports.CodeUT:
			b.S("<ph")
			b.Attr("id", id)
			b.Attr("ctype", "x-padan-ut")
			b.S(">" + c.Content + "</ph>")
		case exports.CodeIT:
			pos := "open"
			if c.Pos == "end" {
				pos = "close"
			}
			b.S("<it")
			b.Attr("id", id)
			b.Attr("pos", pos)
			b.OptAttr("ctype", ctype12(c.Type, delimiters))
			b.S(">" + c.Content + "</it>")
		case exports.CodeHiStart:
			b.S(`<mrk mtype="x-padan-hi"`)
			b.OptAttr("mid", c.X)
			b.OptAttr("comment", c.Type)
			b.S(">")
		case exports.CodeHiEnd:
			b.S("</mrk>")
		case exports.CodeChar:
			b.Text(c.Content)
		}
		return nil
	})
}

// write20 writes text as XLIFF 2.0 inline content. Codes get the ids c<k+1>
// (markers m<k+1>), and dataRef d<k+1> when they have content.
func write20(b *xmlio.Buf, text string, codes []exports.Code) {
	// The bookkeeping of codes is made at the first code: most texts have
	// none.
	var pair, seen map[int]int
	var startIDs map[int]string // offset of a bpt → its sc id
	var hiStack []string
	idOf := func(k int) string {
		seen[k]++
		id := "c" + strconv.Itoa(k+1)
		if n := seen[k]; n > 1 {
			id += "_" + strconv.Itoa(n)
		}
		return id
	}
	b.Inline(text, func(i int, r rune, k int, isCode bool) error {
		if !isCode {
			b.S(`<cp hex="`)
			b.S(xmlio.Hex4(r))
			b.S(`"/>`)
			return nil
		}
		if pair == nil {
			pair, seen, startIDs = pairs(text, codes), map[int]int{}, map[int]string{}
		}
		c := codes[k]
		attrs := func() {
			b.Attr("padan:kind", c.Kind.String())
			b.OptAttr("padan:i", c.I)
			b.OptAttr("padan:x", c.X)
			b.OptAttr("padan:type", c.Type)
			b.OptAttr("padan:pos", c.Pos)
			b.OptAttr("padan:assoc", c.Assoc)
			if c.Content != "" {
				b.Attr("dataRef", "d"+strconv.Itoa(k+1))
				if strings.Contains(c.Content, "<") {
					b.Attr("padan:raw", "yes")
				}
			}
		}
		switch c.Kind {
		case exports.CodeBPT:
			id := idOf(k)
			b.S("<sc")
			b.Attr("id", id)
			if _, ok := pair[i]; ok {
				startIDs[i] = id
			} else {
				b.Attr("isolated", "yes")
			}
			attrs()
			b.S("/>")
		case exports.CodeEPT:
			b.S("<ec")
			if s, ok := pair[i]; ok {
				b.Attr("startRef", startIDs[s])
			} else {
				b.Attr("id", idOf(k))
				b.Attr("isolated", "yes")
			}
			attrs()
			b.S("/>")
		case exports.CodeIT:
			if c.Pos == "end" {
				b.S("<ec")
			} else {
				b.S("<sc")
			}
			b.Attr("id", idOf(k))
			b.Attr("isolated", "yes")
			attrs()
			b.S("/>")
		case exports.CodePH, exports.CodeUT:
			b.S("<ph")
			b.Attr("id", idOf(k))
			attrs()
			b.S("/>")
		case exports.CodeHiStart:
			id := "m" + strings.TrimPrefix(idOf(k), "c")
			hiStack = append(hiStack, id)
			b.S("<sm")
			b.Attr("id", id)
			attrs()
			b.S("/>")
		case exports.CodeHiEnd:
			id := hiStack[len(hiStack)-1]
			hiStack = hiStack[:len(hiStack)-1]
			b.S("<em")
			b.Attr("startRef", id)
			b.S("/>")
		case exports.CodeChar:
			b.Text(c.Content)
		}
		return nil
	})
}

// usedCodes returns the indexes of the codes with content used in texts, in
// order.
func usedCodes(codes []exports.Code, texts ...string) []int {
	if len(codes) == 0 {
		return nil
	}
	used := make([]bool, len(codes))
	for _, t := range texts {
		for _, r := range t {
			if k, ok := exports.CodeIndex(r); ok && k < len(codes) && codes[k].Content != "" && codes[k].Kind != exports.CodeChar {
				used[k] = true
			}
		}
	}
	var ks []int
	for k, u := range used {
		if u {
			ks = append(ks, k)
		}
	}
	return ks
}

// writeOriginalData writes the originalData element for the codes ks.
func writeOriginalData(b *xmlio.Buf, indent string, codes []exports.Code, ks []int) {
	if len(ks) == 0 {
		return
	}
	b.S(indent + "<originalData>\n")
	for _, k := range ks {
		b.S(indent + `  <data id="d`)
		b.Int(k + 1)
		b.S(`">`)
		c := codes[k].Content
		if !strings.Contains(c, "<") {
			c = unescape(c) // the native code itself
		}
		text20(b, c)
		b.S("</data>\n")
	}
	b.S(indent + "</originalData>\n")
}

// escapeContent turns the text of an XLIFF 2 data element (a native code)
// into a code's Content, escaped XML.
func escapeContent(s string) string {
	var b xmlio.Buf
	b.Text(s)
	return string(b.B)
}

// inlineReader reads XLIFF inline content into a text with code runes.
type inlineReader struct {
	dec  *xmlio.Decoder
	cs   *exports.CodeSet
	v2   bool
	ns12 string            // the namespace of XLIFF 1.x elements (1.0, 1.1, 1.2 or none)
	data map[string]string // XLIFF 2 originalData
	b    strings.Builder
	max  int
	hi   map[string]bool
}

func newInline(dec *xmlio.Decoder, cs *exports.CodeSet, v2 bool, data map[string]string) *inlineReader {
	cs.Text()
	return &inlineReader{dec: dec, cs: cs, v2: v2, ns12: NS12, data: data, max: dec.Limits().MaxText}
}

func (ir *inlineReader) text(t []byte) error {
	if ir.b.Len()+len(t) > ir.max {
		return ir.dec.Errorf(exports.ErrTooLarge, "text longer than %d bytes", ir.max)
	}
	if bytes.IndexByte(t, 0xEE) < 0 && bytes.IndexByte(t, 0xEF) < 0 {
		ir.b.Write(t) // no private use character (U+E000–U+F8FF start with EE or EF)
		return nil
	}
	s := string(t)
	for _, r := range s {
		if _, ok := exports.CodeIndex(r); ok {
			if err := ir.add(exports.Code{Kind: exports.CodeChar, Content: string(r)}); err != nil {
				return err
			}
			continue
		}
		ir.b.WriteRune(r)
	}
	return nil
}

func (ir *inlineReader) add(c exports.Code) error {
	r, err := ir.cs.Add(c)
	if err != nil {
		return ir.dec.Errorf(exports.ErrTooLarge, "%v", err)
	}
	ir.b.WriteRune(r)
	return nil
}

// content reads up to the end of the element whose start was just read.
func (ir *inlineReader) content(elem string) error {
	return ir.dec.Content(ir.text, func(t xml.StartElement) error {
		if ir.v2 {
			return ir.element20(t, elem)
		}
		return ir.element12(t, elem)
	})
}

func attr(se xml.StartElement, name string) string {
	v, _ := xmlio.Attr(se, "", name)
	return v
}

func (ir *inlineReader) element12(t xml.StartElement, parent string) error {
	dec := ir.dec
	if t.Name.Space != ir.ns12 {
		return dec.Errorf(exports.ErrNotWellFormed, "unexpected <%s> in <%s>", t.Name.Local, parent)
	}
	id := attr(t, "id")
	x := id
	if strings.HasPrefix(x, "padan-") {
		x = ""
	}
	c := exports.Code{Type: typeFromCtype(attr(t, "ctype"))}
	switch t.Name.Local {
	case "g":
		if err := ir.add(exports.Code{Kind: exports.CodeBPT, I: id, Type: c.Type}); err != nil {
			return err
		}
		if err := ir.content("g"); err != nil {
			return err
		}
		return ir.add(exports.Code{Kind: exports.CodeEPT, I: id})
	case "mrk":
		c.Kind = exports.CodeHiStart
		c.X = attr(t, "mid")
		if mt := attr(t, "mtype"); mt == "x-padan-hi" {
			c.Type = attr(t, "comment")
		} else {
			c.Type = mt
		}
		if err := ir.add(c); err != nil {
			return err
		}
		if err := ir.content("mrk"); err != nil {
			return err
		}
		return ir.add(exports.Code{Kind: exports.CodeHiEnd})
	case "x":
		c.Kind, c.X = exports.CodePH, x
		if err := dec.Skip(); err != nil {
			return err
		}
		return ir.add(c)
	case "bx", "ex":
		c.Kind, c.I = exports.CodeBPT, id
		if rid := attr(t, "rid"); rid != "" {
			c.I = rid
		}
		if t.Name.Local == "ex" {
			c.Kind, c.Type = exports.CodeEPT, ""
		}
		if err := dec.Skip(); err != nil {
			return err
		}
		return ir.add(c)
	case "bpt", "ept", "ph", "it":
	default:
		return dec.Errorf(exports.ErrNotWellFormed, "unexpected <%s> in <%s>", t.Name.Local, parent)
	}
	raw, err := xmlio.Raw(dec, t.Name.Local)
	if err != nil {
		return err
	}
	c.Content = raw
	switch t.Name.Local {
	case "bpt", "ept":
		c.Kind, c.I = exports.CodeBPT, id
		if rid := attr(t, "rid"); rid != "" {
			c.I = rid
		}
		if t.Name.Local == "ept" {
			c.Kind = exports.CodeEPT
		}
	case "ph":
		c.Kind, c.X, c.Assoc = exports.CodePH, x, attr(t, "assoc")
		switch attr(t, "ctype") {
		case "x-padan-control":
			if r, ok := xmlio.ParseControl(raw); ok {
				ir.b.WriteRune(r)
				return nil
			}
		case "x-padan-ut":
			c.Kind, c.Type = exports.CodeUT, ""
		}
	case "it":
		c.Kind, c.X, c.Pos = exports.CodeIT, x, "begin"
		if attr(t, "pos") == "close" {
			c.Pos = "end"
		}
	}
	return ir.add(c)
}

func (ir *inlineReader) element20(t xml.StartElement, parent string) error {
	dec := ir.dec
	if t.Name.Space != NS20 {
		return dec.Errorf(exports.ErrNotWellFormed, "unexpected <%s> in <%s>", t.Name.Local, parent)
	}
	name := t.Name.Local
	if name == "cp" {
		n, err := strconv.ParseUint(attr(t, "hex"), 16, 32)
		if err != nil || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF) {
			return dec.Errorf(exports.ErrBadValue, "<cp hex=%q> is not a code point", attr(t, "hex"))
		}
		ir.b.WriteRune(rune(n))
		return dec.Skip()
	}
	id := attr(t, "id")
	c := exports.Code{}
	content := func(ref string) (string, error) {
		if ref == "" {
			return "", nil
		}
		v, ok := ir.data[ref]
		if !ok {
			return "", dec.Errorf(exports.ErrBadValue, "<%s> refers to data %q, which <originalData> does not have", name, ref)
		}
		if p, _ := xmlio.Attr(t, PadanNS, "raw"); p == "yes" {
			return v, nil
		}
		return escapeContent(v), nil
	}
	if kind, ok := xmlio.Attr(t, PadanNS, "kind"); ok {
		k, ok := exports.ParseCodeKind(kind)
		if !ok || k == exports.CodeChar {
			return dec.Errorf(exports.ErrBadValue, "padan:kind %q is not a code kind", kind)
		}
		c.Kind = k
		c.I, _ = xmlio.Attr(t, PadanNS, "i")
		c.X, _ = xmlio.Attr(t, PadanNS, "x")
		c.Type, _ = xmlio.Attr(t, PadanNS, "type")
		c.Pos, _ = xmlio.Attr(t, PadanNS, "pos")
		c.Assoc, _ = xmlio.Attr(t, PadanNS, "assoc")
		var err error
		if c.Content, err = content(attr(t, "dataRef")); err != nil {
			return err
		}
		if name == "pc" || name == "mrk" {
			return dec.Errorf(exports.ErrBadValue, "padan:kind on <%s>", name)
		}
		if err := dec.Skip(); err != nil {
			return err
		}
		return ir.add(c)
	}
	switch name {
	case "ph":
		c.Kind, c.X = exports.CodePH, id
		var err error
		if c.Content, err = content(attr(t, "dataRef")); err != nil {
			return err
		}
	case "sc":
		c.Kind, c.I = exports.CodeBPT, id
		if attr(t, "isolated") == "yes" {
			c.Kind, c.I, c.X, c.Pos = exports.CodeIT, "", id, "begin"
		}
		var err error
		if c.Content, err = content(attr(t, "dataRef")); err != nil {
			return err
		}
	case "ec":
		c.Kind, c.I = exports.CodeEPT, attr(t, "startRef")
		if attr(t, "isolated") == "yes" {
			c.Kind, c.I, c.X, c.Pos = exports.CodeIT, "", id, "end"
		}
		var err error
		if c.Content, err = content(attr(t, "dataRef")); err != nil {
			return err
		}
	case "sm":
		c.Kind, c.X, c.Type = exports.CodeHiStart, "", attr(t, "type")
		if ir.hi == nil {
			ir.hi = map[string]bool{}
		}
		ir.hi[id] = true
	case "em":
		c.Kind = exports.CodeHiEnd
	case "pc", "mrk":
		if name == "pc" {
			c.Kind, c.I = exports.CodeBPT, id
			var err error
			if c.Content, err = content(attr(t, "dataRefStart")); err != nil {
				return err
			}
		} else {
			c.Kind, c.Type = exports.CodeHiStart, attr(t, "type")
		}
		if err := ir.add(c); err != nil {
			return err
		}
		end := exports.Code{Kind: exports.CodeHiEnd}
		if name == "pc" {
			end = exports.Code{Kind: exports.CodeEPT, I: id}
			var err error
			if end.Content, err = content(attr(t, "dataRefEnd")); err != nil {
				return err
			}
		}
		if err := ir.content(name); err != nil {
			return err
		}
		return ir.add(end)
	default:
		return dec.Errorf(exports.ErrNotWellFormed, "unexpected <%s> in <%s>", name, parent)
	}
	if err := dec.Skip(); err != nil {
		return err
	}
	return ir.add(c)
}

// fragment20 reads a text of XLIFF 2.0 inline markup held as a string (a
// change tracking item) with the unit's original data.
func fragment20(name string, line int, s string, cs *exports.CodeSet, data map[string]string) (string, error) {
	if !strings.Contains(s, "<") {
		// Plain text: no code to resolve.
		t := unescape(s)
		var b strings.Builder
		for _, r := range t {
			if _, ok := exports.CodeIndex(r); ok {
				nr, err := cs.Add(exports.Code{Kind: exports.CodeChar, Content: string(r)})
				if err != nil {
					return "", &exports.SyntaxError{File: name, Line: line, Msg: err.Error(), Kind: exports.ErrTooLarge}
				}
				b.WriteRune(nr)
				continue
			}
			if !exports.IsXMLChar(r) {
				return "", &exports.SyntaxError{File: name, Line: line, Msg: "a change tracking item holds a character XML cannot carry", Kind: exports.ErrNotWellFormed}
			}
			b.WriteRune(r)
		}
		return b.String(), nil
	}
	dec := xmlio.NewDecoder(strings.NewReader(`<x xmlns="`+NS20+`" xmlns:padan="`+PadanNS+`">`+s+`</x>`), name, xmlio.Limits{})
	if _, err := dec.Token(); err != nil {
		return "", err
	}
	ir := newInline(dec, cs, true, data)
	if err := ir.content("item"); err != nil {
		var se *exports.SyntaxError
		if errors.As(err, &se) {
			se.Line = line
			se.Msg = "in a change tracking item: " + se.Msg
		}
		return "", err
	}
	return ir.b.String(), nil
}

// text20 writes s as XLIFF 2.0 text: escaped, characters XML cannot carry as
// cp elements.
func text20(b *xmlio.Buf, s string) {
	start := 0
	for i, r := range s {
		if exports.IsXMLChar(r) {
			continue
		}
		b.Text(s[start:i])
		start = i + len(string(r))
		b.S(`<cp hex="`)
		b.S(xmlio.Hex4(r))
		b.S(`"/>`)
	}
	b.Text(s[start:])
}

// unescape returns the text that escaped XML text s stands for (the five
// named entities and character references).
func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		j := strings.IndexByte(s, ';')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		ref := s[1:j]
		r := rune(-1)
		switch {
		case ref == "amp":
			r = '&'
		case ref == "lt":
			r = '<'
		case ref == "gt":
			r = '>'
		case ref == "quot":
			r = '"'
		case ref == "apos":
			r = '\''
		case strings.HasPrefix(ref, "#x"):
			if n, err := strconv.ParseUint(ref[2:], 16, 32); err == nil {
				r = rune(n)
			}
		case strings.HasPrefix(ref, "#"):
			if n, err := strconv.ParseUint(ref[1:], 10, 32); err == nil {
				r = rune(n)
			}
		}
		if r < 0 {
			b.WriteByte('&')
			s = s[1:]
			continue
		}
		b.WriteRune(r)
		s = s[j+1:]
	}
}
