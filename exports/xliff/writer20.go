package xliff

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/xmlio"
)

// Writer20 writes units to an XLIFF 2.0 file as they come, one file element
// per document (units of a document must come together).
type Writer20 struct {
	base
	item xmlio.Buf // a revision's inline markup, escaped again in ctr:item
}

// NewWriter20 returns a writer of an XLIFF 2.0 file to w. It checks the
// options but writes nothing until the first unit or Close.
func NewWriter20(w io.Writer, o Options) (*Writer20, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	return &Writer20{base: base{w: bufio.NewWriterSize(w, 64<<10), o: o}}, nil
}

func (w *Writer20) startFile(doc string) {
	b := &w.buf
	if !w.opened {
		b.S(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		b.S(`<xliff xmlns="` + NS20 + `" xmlns:mtc="` + NSMTC + `" xmlns:mda="` + NSMDA + `" xmlns:ctr="` + NSCTR + `" xmlns:padan="` + PadanNS + `" version="2.0"`)
		b.Attr("srcLang", w.o.SourceLang)
		b.Attr("trgLang", w.o.TargetLang)
		b.S(">\n")
		w.opened = true
	}
	if w.inFile {
		b.S("  </file>\n")
	}
	w.files++
	b.S(`  <file id="f`)
	b.Int(w.files)
	b.S(`"`)
	b.OptAttr("original", doc)
	b.S(` xml:space="preserve">` + "\n")
	w.inFile, w.doc = true, doc
	w.ids.reset()
}

// revisions returns the unit's history, oldest first: Revisions when set,
// else the translator's and the editor's revisions.
func revisions(u exports.Unit) []exports.Revision {
	if len(u.Revisions) > 0 {
		return u.Revisions
	}
	var rs []exports.Revision
	if !u.Translator.IsZero() {
		rs = append(rs, u.Translator)
	}
	if !u.Editor.IsZero() {
		rs = append(rs, u.Editor)
	}
	return rs
}

// Write writes one unit as a unit with one segment. A unit that cannot be
// written is refused with an error and nothing of it is written; the writer
// stays usable.
func (w *Writer20) Write(u exports.Unit) error {
	if w.err != nil {
		return w.err
	}
	if err := w.checkUnit(u, true); err != nil {
		return fmt.Errorf("write xliff: %w", err)
	}
	newFile := !w.inFile || u.Document != w.doc
	mark := len(w.buf.B)
	b := &w.buf
	b.S("    <unit")
	b.Attr("id", u.ID)
	if u.Segment > 0 {
		b.S(` name="s`)
		b.Int(u.Segment)
		b.S(`"`)
	}
	b.S(">\n")
	if u.Segment > 0 {
		b.S(`      <mda:metadata><mda:metaGroup category="padan"><mda:meta type="segment">`)
		b.Int(u.Segment)
		b.S("</mda:meta></mda:metaGroup></mda:metadata>\n")
	}
	rs := revisions(u)
	if len(rs) > 0 {
		b.S(`      <ctr:changeTrack><ctr:revisions appliesTo="target" currentVersion="r`)
		b.Int(len(rs))
		b.S(`">` + "\n")
		for i := len(rs) - 1; i >= 0; i-- {
			r := rs[i]
			b.S("        <ctr:revision")
			b.OptAttr("author", r.Author)
			if !r.Time.IsZero() {
				b.TimeAttr("datetime", r.Time, time.RFC3339)
			}
			b.S(` version="r`)
			b.Int(i + 1)
			b.S(`"`)
			b.OptAttr("padan:role", string(r.Role))
			b.S(`><ctr:item property="content">`)
			// The item holds the revision's inline markup as text.
			w.item.B = w.item.B[:0]
			write20(&w.item, r.Text, u.Codes)
			b.TextBytes(w.item.B)
			b.S("</ctr:item></ctr:revision>\n")
		}
		b.S("      </ctr:revisions></ctr:changeTrack>\n")
	}
	if m := u.Match; m != nil {
		b.S(`      <mtc:matches>` + "\n" + `        <mtc:match ref="#s1"`)
		b.Attr("similarity", strconv.FormatFloat(m.Score, 'f', -1, 64))
		b.OptAttr("origin", m.Origin)
		b.S(` type="tm">` + "\n")
		writeOriginalData(b, "          ", u.Codes, usedCodes(u.Codes, m.Source, m.Target))
		b.S("          <source>")
		write20(b, m.Source, u.Codes)
		b.S("</source>\n          <target>")
		write20(b, m.Target, u.Codes)
		b.S("</target>\n        </mtc:match>\n      </mtc:matches>\n")
	}
	if len(u.Notes) > 0 {
		b.S("      <notes>\n")
		for _, n := range u.Notes {
			b.S("        <note")
			b.OptAttr("appliesTo", n.AppliesTo)
			b.OptAttr("padan:from", n.From)
			b.S(">")
			b.Visible(n.Text)
			b.S("</note>\n")
		}
		b.S("      </notes>\n")
	}
	if len(u.Codes) > 0 {
		texts := []string{u.Source, u.Target}
		for _, r := range rs {
			texts = append(texts, r.Text)
		}
		writeOriginalData(b, "      ", u.Codes, usedCodes(u.Codes, texts...))
	}
	b.S(`      <segment id="s1" state="`)
	b.S(u.Status.String())
	b.S(`">` + "\n        <source>")
	write20(b, u.Source, u.Codes)
	b.S("</source>\n")
	if u.Target != "" {
		b.S("        <target>")
		write20(b, u.Target, u.Codes)
		b.S("</target>\n")
	}
	b.S("      </segment>\n    </unit>\n")
	return w.endUnit(u, mark, newFile, w.startFile)
}

// Close writes the end of the file and flushes it. It does not close the
// underlying writer. XLIFF 2.0 requires at least one unit: when none was
// written, Close writes nothing and returns [exports.ErrEmpty].
func (w *Writer20) Close() error {
	if w.err != nil {
		return w.err
	}
	if !w.inFile {
		return fmt.Errorf("write xliff 2.0: %w", exports.ErrEmpty)
	}
	return w.close("  </file>\n</xliff>\n")
}
