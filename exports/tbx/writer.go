package tbx

import (
	"bufio"
	"io"
	"time"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/xmlio"
)

// Namespace is the namespace of TBX (ISO 30042:2019).
const Namespace = "urn:iso:std:iso:30042:ed-2"

// Write writes concepts as a TBX-Basic file (ISO 30042:2019, DCA style)
// whose main language is lang: one conceptEntry per concept (ids c1, c2, …
// when a concept has none), a langSec per language, a termSec per term with
// its administrativeStatus (deprecatedTerm-admn-sts for a forbidden term),
// its note and, when known, an origination transaction naming who added
// it and when. A text or language XML cannot carry is an error.
func Write(w io.Writer, lang string, concepts []Concept) error {
	if lang != "" && !xmlio.ValidLang(lang) {
		return &exports.TextError{Unit: "tbx", Field: "xml:lang", Err: exports.ErrBadLanguage}
	}
	bw := bufio.NewWriter(w)
	var b xmlio.Buf
	b.S(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.S(`<tbx style="dca" type="TBX-Basic"`)
	b.OptAttr("xml:lang", lang)
	b.S(` xmlns="` + Namespace + `">` + "\n")
	b.S("<tbxHeader><fileDesc><sourceDesc><p>padan</p></sourceDesc></fileDesc></tbxHeader>\n<text><body>\n")
	for i, c := range concepts {
		id := c.ID
		if id == "" || !xmlio.ValidNMTOKEN(id) {
			id = "c" + itoa(i+1)
		}
		b.S(`<conceptEntry`)
		b.Attr("id", id)
		b.S(">\n")
		if c.Note != "" {
			if err := text(&b, id, "note", c.Note); err != nil {
				return err
			}
		}
		for _, ls := range c.Langs {
			if !xmlio.ValidLang(ls.Lang) {
				return &exports.TextError{Unit: id, Field: "xml:lang", Err: exports.ErrBadLanguage}
			}
			b.S(`  <langSec`)
			b.Attr("xml:lang", ls.Lang)
			b.S(">\n")
			for _, t := range ls.Terms {
				b.S("    <termSec>")
				if err := text(&b, id, "term", t.Text); err != nil {
					return err
				}
				if st := admin(t.Status); st != "" {
					b.S(`<termNote type="administrativeStatus">` + st + `</termNote>`)
				}
				if t.Note != "" {
					if err := text(&b, id, "note", t.Note); err != nil {
						return err
					}
				}
				if t.By != "" || !t.Date.IsZero() {
					b.S(`<transacGrp><transac type="transactionType">origination</transac>`)
					if t.By != "" {
						b.S(`<transacNote type="responsibility">`)
						if err := xmlio.CheckAttr(id, "by", t.By); err != nil {
							return err
						}
						b.Text(t.By)
						b.S(`</transacNote>`)
					}
					if !t.Date.IsZero() {
						b.S(`<date>` + t.Date.UTC().Format(time.DateOnly) + `</date>`)
					}
					b.S(`</transacGrp>`)
				}
				b.S("</termSec>\n")
			}
			b.S("  </langSec>\n")
		}
		b.S("</conceptEntry>\n")
		if len(b.B) > 32<<10 {
			if _, err := bw.Write(b.B); err != nil {
				return err
			}
			b.B = b.B[:0]
		}
	}
	b.S("</body></text>\n</tbx>\n")
	if _, err := bw.Write(b.B); err != nil {
		return err
	}
	return bw.Flush()
}

// text writes <elem>s</elem>, refusing characters XML cannot carry.
func text(b *xmlio.Buf, id, elem, s string) error {
	if err := xmlio.CheckAttr(id, elem, s); err != nil {
		return err
	}
	b.S("<" + elem + ">")
	b.Text(s)
	b.S("</" + elem + ">")
	return nil
}

func admin(status string) string {
	switch status {
	case StatusPreferred:
		return "preferredTerm-admn-sts"
	case StatusAdmitted:
		return "admittedTerm-admn-sts"
	case StatusForbidden:
		return "deprecatedTerm-admn-sts"
	}
	return ""
}

func itoa(n int) string {
	var b xmlio.Buf
	b.Int(n)
	return string(b.B)
}
