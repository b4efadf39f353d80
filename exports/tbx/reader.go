// Package tbx reads and writes term bases in TBX, ISO 30042:2019 (the
// TBX-Basic and TBX-Core dialects, DCA and DCT styles), and reads the
// older ISO 30042:2008 form (martif, termEntry, langSet, tig). The reader
// streams with the guarded decoder the TMX and XLIFF readers use:
// entity declarations, deep nesting, huge elements and truncated files are
// refused with the file and line.
package tbx

import (
	"encoding/xml"
	"io"
	"strings"
	"time"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/xmlio"
)

// The administrative statuses padan reads from administrativeStatus; any
// other value (or none) is Preferred's "".
const (
	StatusPreferred = "preferred"
	StatusAdmitted  = "admitted"
	StatusForbidden = "forbidden"
)

// Term is one term of a language section.
type Term struct {
	Text string
	// Status is StatusPreferred, StatusAdmitted, StatusForbidden or ""
	// (not given: TBX-Core has no status).
	Status string
	Note   string
	// By and Date come from the term's (or its concept's) origination
	// transaction, when there is one.
	By   string
	Date time.Time
}

// LangSec is the terms of one language.
type LangSec struct {
	Lang  string
	Terms []Term
}

// Concept is one concept entry: its terms in each language.
type Concept struct {
	ID    string
	Note  string
	Langs []LangSec
}

// MaxConceptBytes is the most bytes of XML one concept entry may take.
const MaxConceptBytes = 1 << 20

// Reader reads the concept entries of a TBX file one at a time.
type Reader struct {
	dec  *xmlio.Decoder
	name string
	// Lang is the root element's xml:lang, once the root is read.
	Lang    string
	started bool
	done    bool
}

// NewReader returns a reader of the TBX file r, called name in errors.
func NewReader(r io.Reader, name string) *Reader {
	return &Reader{dec: xmlio.NewDecoder(r, name, xmlio.Limits{}), name: name}
}

// Next returns the next concept entry, or io.EOF after the last one.
func (r *Reader) Next() (Concept, error) {
	dec := r.dec
	if r.done {
		return Concept{}, io.EOF
	}
	if !r.started {
		tok, err := nextStart(dec)
		if err != nil {
			return Concept{}, err
		}
		if tok.Name.Local != "tbx" && tok.Name.Local != "martif" {
			return Concept{}, dec.Errorf(exports.ErrWrongRoot, "root element is <%s>, not <tbx>: not a TBX file", tok.Name.Local)
		}
		r.Lang, _ = xmlio.Attr(tok, xmlio.XMLNS, "lang")
		r.started = true
	}
	// Walk down to the next conceptEntry (termEntry in TBX 2008), passing
	// over the header and going into text and body.
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			r.done = true
			return Concept{}, io.EOF
		}
		if err != nil {
			return Concept{}, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "text", "body":
			continue
		case "conceptEntry", "termEntry":
			return r.concept(se)
		default:
			if err := dec.Skip(); err != nil {
				return Concept{}, err
			}
		}
	}
}

// origin is what an origination transaction says.
type origin struct {
	by   string
	date time.Time
}

func (r *Reader) concept(se xml.StartElement) (Concept, error) {
	dec := r.dec
	c := Concept{}
	c.ID, _ = xmlio.Attr(se, "", "id")
	var co origin
	err := dec.ChildrenWithin(se.Name.Local, MaxConceptBytes, func(ch xml.StartElement) error {
		switch ch.Name.Local {
		case "langSec", "langSet":
			ls, err := r.langSec(ch)
			if err != nil {
				return err
			}
			c.Langs = append(c.Langs, ls)
			return nil
		case "note":
			t, err := dec.Text("note", true)
			c.Note = joinNote(c.Note, t)
			return err
		case "descrip":
			if v, _ := xmlio.Attr(ch, "", "type"); v == "definition" {
				t, err := dec.Text("descrip", true)
				c.Note = joinNote(c.Note, t)
				return err
			}
		case "definition":
			t, err := dec.Text("definition", true)
			c.Note = joinNote(c.Note, t)
			return err
		case "transacGrp":
			o, err := r.transacGrp()
			if o.by != "" || !o.date.IsZero() {
				co = o
			}
			return err
		}
		return dec.Skip()
	})
	if err != nil {
		return c, err
	}
	for i := range c.Langs {
		for j := range c.Langs[i].Terms {
			t := &c.Langs[i].Terms[j]
			if t.By == "" {
				t.By = co.by
			}
			if t.Date.IsZero() {
				t.Date = co.date
			}
		}
	}
	return c, nil
}

// MaxNote is the longest note (all the notes of a concept or term joined)
// the reader keeps, in bytes.
const MaxNote = 64 << 10

func joinNote(a, b string) string {
	b = strings.TrimSpace(b)
	if len(a)+len(b) > MaxNote {
		return a
	}
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + "; " + b
}

func (r *Reader) langSec(se xml.StartElement) (LangSec, error) {
	dec := r.dec
	ls := LangSec{}
	ls.Lang, _ = xmlio.Attr(se, xmlio.XMLNS, "lang")
	if ls.Lang == "" {
		ls.Lang, _ = xmlio.Attr(se, "", "lang")
	}
	if ls.Lang == "" {
		return ls, dec.Errorf(exports.ErrMissingAttr, "<%s> has no xml:lang", se.Name.Local)
	}
	err := dec.Children(func(ch xml.StartElement) error {
		switch ch.Name.Local {
		case "termSec", "tig", "ntig":
			t, err := r.termSec(ch)
			if err != nil {
				return err
			}
			if t.Text != "" {
				ls.Terms = append(ls.Terms, t)
			}
			return nil
		}
		return dec.Skip()
	})
	return ls, err
}

// termSec reads a termSec (tig, ntig): the term, its status and note. The
// status is a termNote type="administrativeStatus" (DCA) or an element
// named administrativeStatus in any namespace (DCT).
func (r *Reader) termSec(se xml.StartElement) (Term, error) {
	dec := r.dec
	var t Term
	var err error
	var walk func(xml.StartElement) error
	walk = func(ch xml.StartElement) error {
		switch ch.Name.Local {
		case "term":
			t.Text, err = dec.Text("term", true)
			t.Text = strings.TrimSpace(t.Text)
			return err
		case "termGrp":
			return dec.Children(walk)
		case "termNote", "administrativeStatus":
			if ch.Name.Local == "termNote" {
				if v, _ := xmlio.Attr(ch, "", "type"); v != "administrativeStatus" {
					return dec.Skip()
				}
			}
			v, err := dec.Text("administrativeStatus", true)
			t.Status = status(strings.TrimSpace(v))
			return err
		case "note":
			v, err := dec.Text("note", true)
			t.Note = joinNote(t.Note, v)
			return err
		case "transacGrp":
			o, err := r.transacGrp()
			if o.by != "" || !o.date.IsZero() {
				t.By, t.Date = o.by, o.date
			}
			return err
		}
		return dec.Skip()
	}
	err = dec.Children(walk)
	return t, err
}

// status maps a TBX administrative status to padan's word.
func status(v string) string {
	switch strings.TrimSuffix(v, "-admn-sts") {
	case "preferredTerm":
		return StatusPreferred
	case "admittedTerm":
		return StatusAdmitted
	case "deprecatedTerm", "supersededTerm":
		return StatusForbidden
	}
	return ""
}

// transacGrp reads a transaction group; only an origination (or one with
// no type) counts.
func (r *Reader) transacGrp() (origin, error) {
	dec := r.dec
	var o origin
	kind := ""
	err := dec.Children(func(ch xml.StartElement) error {
		switch ch.Name.Local {
		case "transac":
			v, err := dec.Text("transac", true)
			kind = strings.TrimSpace(v)
			return err
		case "transacNote":
			v, err := dec.Text("transacNote", true)
			if typ, _ := xmlio.Attr(ch, "", "type"); typ == "responsibility" || typ == "" {
				o.by = strings.TrimSpace(v)
			}
			return err
		case "date":
			v, err := dec.Text("date", true)
			v = strings.TrimSpace(v)
			for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
				if d, perr := time.Parse(layout, v); perr == nil {
					o.date = d.UTC()
					break
				}
			}
			return err
		}
		return dec.Skip()
	})
	if kind != "" && kind != "origination" {
		return origin{}, err
	}
	return o, err
}

func nextStart(dec *xmlio.Decoder) (xml.StartElement, error) {
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				return xml.StartElement{}, dec.Errorf(exports.ErrNotWellFormed, "no root element")
			}
			return xml.StartElement{}, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}
