package xliff

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/padan-tm/padan/exports"
)

// Writer12 writes units to an XLIFF 1.2 file as they come, one file element
// per document (units of a document must come together).
type Writer12 struct{ base }

// NewWriter12 returns a writer of an XLIFF 1.2 file to w. It checks the
// options but writes nothing until the first unit or Close.
func NewWriter12(w io.Writer, o Options) (*Writer12, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	return &Writer12{base{w: bufio.NewWriterSize(w, 64<<10), o: o}}, nil
}

func (w *Writer12) startFile(doc string) {
	b := &w.buf
	if !w.opened {
		b.S(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		b.S(`<xliff version="1.2" xmlns="` + NS12 + `">` + "\n")
		w.opened = true
	}
	if w.inFile {
		b.S("    </body>\n  </file>\n")
	}
	original := doc
	if original == "" {
		original = "padan"
	}
	b.S("  <file")
	b.Attr("original", original)
	b.Attr("source-language", w.o.SourceLang)
	b.Attr("target-language", w.o.TargetLang)
	b.Attr("datatype", w.o.DataType)
	b.Attr("tool-id", "padan")
	b.S(">\n    <header>\n      <tool")
	b.Attr("tool-id", "padan")
	b.Attr("tool-name", "padan")
	b.Attr("tool-version", w.o.ToolVersion)
	b.S("/>\n    </header>\n    <body>\n")
	w.inFile, w.doc = true, doc
	w.files++
	w.ids.reset()
}

// Write writes one unit as a trans-unit. A unit that cannot be written is
// refused with an error and nothing of it is written; the writer stays
// usable.
func (w *Writer12) Write(u exports.Unit) error {
	if w.err != nil {
		return w.err
	}
	if err := w.checkUnit(u, false); err != nil {
		return fmt.Errorf("write xliff: %w", err)
	}
	newFile := !w.inFile || u.Document != w.doc
	mark := len(w.buf.B)
	b := &w.buf
	target := u.Target
	state, approved := state12(u)
	if target == "" && w.o.CopySource {
		target, state, approved = u.Source, "new", false
	}
	b.S("      <trans-unit")
	b.Attr("id", u.ID)
	if u.Segment > 0 {
		b.S(` resname="s`)
		b.Int(u.Segment)
		b.S(`"`)
	}
	if approved {
		b.Attr("approved", "yes")
	}
	b.Attr("xml:space", "preserve")
	b.S(">\n        <source")
	b.Attr("xml:lang", w.o.SourceLang)
	b.S(">")
	write12(b, u.Source, u.Codes)
	b.S("</source>\n")
	if target != "" {
		b.S("        <target")
		b.Attr("xml:lang", w.o.TargetLang)
		b.Attr("state", state)
		b.S(">")
		write12(b, target, u.Codes)
		b.S("</target>\n")
	}
	b.S(`        <context-group purpose="information">` + "\n")
	open := func(typ string) {
		b.S(`          <context context-type="x-padan-`)
		b.S(typ)
		b.S(`">`)
	}
	ctx := func(typ, v string) {
		if v != "" {
			open(typ)
			b.Visible(v)
			b.S("</context>\n")
		}
	}
	ctxTime := func(typ string, t time.Time) {
		if !t.IsZero() {
			open(typ)
			b.B = t.UTC().AppendFormat(b.B, time.RFC3339)
			b.S("</context>\n")
		}
	}
	if u.Segment > 0 {
		open("segment")
		b.Int(u.Segment)
		b.S("</context>\n")
	}
	ctx("status", u.Status.String())
	ctx("translator", u.Translator.Author)
	ctxTime("translated", u.Translator.Time)
	ctx("editor", u.Editor.Author)
	ctxTime("edited", u.Editor.Time)
	if target != u.Target {
		ctx("copied-source", "yes")
	}
	b.S("        </context-group>\n")
	for _, n := range u.Notes {
		b.S("        <note")
		b.OptAttr("from", n.From)
		annotates := n.AppliesTo
		if annotates == "" {
			annotates = "general"
		}
		b.Attr("annotates", annotates)
		b.S(">")
		b.Visible(n.Text)
		b.S("</note>\n")
	}
	if !u.Editor.IsZero() && u.Translator.Text != "" && u.Translator.Text != u.Target {
		b.S(`        <alt-trans origin="translator" alttranstype="previous-version">` + "\n          <target")
		b.Attr("xml:lang", w.o.TargetLang)
		b.S(">")
		write12(b, u.Translator.Text, u.Codes)
		b.S("</target>\n        </alt-trans>\n")
	}
	if m := u.Match; m != nil {
		b.S("        <alt-trans")
		b.Attr("match-quality", strconv.FormatFloat(m.Score, 'f', -1, 64))
		b.OptAttr("origin", m.Origin)
		b.S(` alttranstype="proposal">` + "\n          <source")
		b.Attr("xml:lang", w.o.SourceLang)
		b.S(">")
		write12(b, m.Source, u.Codes)
		b.S("</source>\n          <target")
		b.Attr("xml:lang", w.o.TargetLang)
		b.S(">")
		write12(b, m.Target, u.Codes)
		b.S("</target>\n        </alt-trans>\n")
	}
	b.S("      </trans-unit>\n")
	return w.endUnit(u, mark, newFile, w.startFile)
}

// Close writes the end of the file and flushes it. It does not close the
// underlying writer. A file with no unit holds one empty file element.
func (w *Writer12) Close() error {
	if w.err != nil {
		return w.err
	}
	if !w.inFile {
		w.startFile("")
	}
	return w.close("    </body>\n  </file>\n</xliff>\n")
}
