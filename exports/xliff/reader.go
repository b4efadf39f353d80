package xliff

import (
	"encoding/xml"
	"hash/maphash"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/xmlio"
	"github.com/padan-tm/padan/workflow"
)

// MaxUnitBytes is the most bytes of XML one unit may take.
const MaxUnitBytes = exports.MaxUnitBytes

// Reader reads the units of an XLIFF 1.2 or 2.0 (or 2.1) file one at a time.
type Reader struct {
	dec     *xmlio.Decoder
	name    string
	version string
	// ns is the namespace of the file's elements: the root's.
	ns      string
	srcLang string
	trgLang string
	doc     string
	fSrc    string
	fTgt    string
	started bool
	done    bool
	// ids holds the unit ids of the current file element, to refuse a
	// duplicate: padan's own ids (s1, s2, …) as bits, others as hashes in
	// hashed.
	ids    idSet
	hashed map[uint64]bool
	seed   maphash.Seed
}

// NewReader returns a reader of the XLIFF file r, called name in errors.
func NewReader(r io.Reader, name string) *Reader {
	return &Reader{dec: xmlio.NewDecoder(r, name, xmlio.Limits{}), name: name, hashed: map[uint64]bool{}, seed: maphash.MakeSeed()}
}

// Version reads the root element if needed and returns the file's XLIFF
// version: "1.2" (1.0 and 1.1 files are read as 1.2), "2.0" or "2.1".
func (r *Reader) Version() (string, error) {
	if err := r.start(); err != nil {
		return "", err
	}
	return r.version, nil
}

func (r *Reader) start() error {
	if r.started {
		return nil
	}
	dec := r.dec
	var se xml.StartElement
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if s, ok := tok.(xml.StartElement); ok {
			se = s
			break
		}
		if cd, ok := tok.(xml.CharData); ok && strings.TrimSpace(string(cd)) != "" {
			return dec.Errorf(exports.ErrNotWellFormed, "text before the root element")
		}
	}
	v, _ := xmlio.Attr(se, "", "version")
	switch {
	case se.Name.Local != "xliff":
		return dec.Errorf(exports.ErrWrongRoot, "root element is <%s>, not <xliff>: not an XLIFF file", se.Name.Local)
	case se.Name.Space == NS12 || se.Name.Space == NS11 || se.Name.Space == NS10 || se.Name.Space == "" && (v == "1.0" || v == "1.1" || v == "1.2"):
		// XLIFF 1.0 and 1.1 (translate-toolkit's po2xliff writes 1.1)
		// have 1.2's structure: they are read as 1.2.
		r.version = "1.2"
	case se.Name.Space == NS20:
		if v != "2.0" && v != "2.1" {
			return dec.Errorf(exports.ErrBadValue, "XLIFF version %q in the 2.0 namespace: padan reads 2.0 and 2.1", v)
		}
		r.version = v
		r.srcLang, _ = xmlio.Attr(se, "", "srcLang")
		r.trgLang, _ = xmlio.Attr(se, "", "trgLang")
		if r.srcLang == "" {
			return dec.Errorf(exports.ErrMissingAttr, "<xliff> has no srcLang")
		}
	default:
		return dec.Errorf(exports.ErrBadValue, "<xliff> version %q in namespace %q: padan reads XLIFF 1.0, 1.1 and 1.2 (as 1.2), 2.0 and 2.1", v, se.Name.Space)
	}
	r.ns = se.Name.Space
	r.started = true
	return nil
}

// Next returns the next unit, or io.EOF after the last one. Units of an
// XLIFF 2 unit with several segments are joined into one.
func (r *Reader) Next() (exports.Unit, error) {
	if r.done {
		return exports.Unit{}, io.EOF
	}
	if err := r.start(); err != nil {
		return exports.Unit{}, err
	}
	dec := r.dec
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			r.done = true
			return exports.Unit{}, io.EOF
		}
		if err != nil {
			return exports.Unit{}, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Space != r.ns {
			if err := dec.Skip(); err != nil {
				return exports.Unit{}, err
			}
			continue
		}
		switch se.Name.Local {
		case "file":
			r.doc, _ = xmlio.Attr(se, "", "original")
			r.fSrc, r.fTgt = r.srcLang, r.trgLang
			r.ids.reset()
			clear(r.hashed)
			if r.version == "1.2" {
				if attr(se, "datatype") == "" {
					return exports.Unit{}, dec.Errorf(exports.ErrMissingAttr, "<file> has no datatype")
				}
				r.fSrc, _ = xmlio.Attr(se, "", "source-language")
				r.fTgt, _ = xmlio.Attr(se, "", "target-language")
				if r.fSrc == "" {
					return exports.Unit{}, dec.Errorf(exports.ErrMissingAttr, "<file> has no source-language")
				}
			}
			for _, l := range []string{r.fSrc, r.fTgt} {
				if l != "" && !xmlio.ValidLang(l) {
					return exports.Unit{}, dec.Errorf(exports.ErrBadValue, "language %q is not a language tag", l)
				}
			}
		case "body", "group":
			// descend
		case "trans-unit":
			if r.version == "1.2" {
				return r.transUnit(se)
			}
			if err := dec.Skip(); err != nil {
				return exports.Unit{}, err
			}
		case "unit":
			if r.version != "1.2" {
				return r.unit(se)
			}
			if err := dec.Skip(); err != nil {
				return exports.Unit{}, err
			}
		default:
			if err := dec.Skip(); err != nil {
				return exports.Unit{}, err
			}
		}
	}
}

// newID records a unit id of the current file element; false when it was
// already there.
func (r *Reader) newID(id string) bool {
	if _, ok := r.ids.bit(id); ok {
		if r.ids.has(id) {
			return false
		}
		r.ids.add(id)
		return true
	}
	h := maphash.String(r.seed, id)
	if r.hashed[h] {
		return false
	}
	r.hashed[h] = true
	return true
}

// states12 are XLIFF 1.2's state values (x- ones are allowed too).
var states12 = map[string]bool{"final": true, "needs-adaptation": true, "needs-l10n": true, "needs-review-adaptation": true,
	"needs-review-l10n": true, "needs-review-translation": true, "needs-translation": true, "new": true, "signed-off": true, "translated": true}

func parseTime(dec *xmlio.Decoder, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, dec.Errorf(exports.ErrBadValue, "date %q is not an ISO 8601 date and time", s)
	}
	return t.UTC(), nil
}

func (r *Reader) transUnit(se xml.StartElement) (exports.Unit, error) {
	dec := r.dec
	x := unit12{r: r, dec: dec, line: dec.Line(), approved: attr(se, "approved") == "yes", ctx: map[string]string{}}
	x.u = exports.Unit{Document: r.doc, SourceLang: r.fSrc, TargetLang: r.fTgt}
	x.u.ID, _ = xmlio.Attr(se, "", "id")
	if x.u.ID == "" {
		return x.u, dec.Errorf(exports.ErrMissingAttr, "<trans-unit> has no id")
	}
	if !r.newID(x.u.ID) {
		return x.u, dec.Errorf(exports.ErrBadValue, "trans-unit id %q already used in this <file>", x.u.ID)
	}
	err := dec.ChildrenWithin("trans-unit", MaxUnitBytes, func(c xml.StartElement) error {
		if c.Name.Space != r.ns {
			return dec.Skip()
		}
		var err error
		switch c.Name.Local {
		case "source":
			x.u.Source, err = x.inline()
		case "target":
			x.hasTarget = true
			x.state = attr(c, "state")
			if x.state != "" && !states12[x.state] && !strings.HasPrefix(x.state, "x-") {
				return dec.Errorf(exports.ErrBadValue, "state %q is not an XLIFF 1.2 state", x.state)
			}
			x.u.Target, err = x.inline()
		case "context-group":
			err = x.contextGroup()
		case "note":
			n := exports.Note{From: attr(c, "from"), AppliesTo: attr(c, "annotates")}
			if n.AppliesTo == "general" {
				n.AppliesTo = ""
			}
			n.Text, err = dec.Text("note", true)
			x.u.Notes = append(x.u.Notes, n)
		case "alt-trans":
			err = x.altTrans(c)
		default:
			err = dec.Skip()
		}
		return err
	})
	if err != nil {
		return x.u, err
	}
	return x.finish()
}

// unit12 is an XLIFF 1.2 <trans-unit> being read: the unit so far and what
// its elements leave for [unit12.finish].
type unit12 struct {
	r         *Reader
	dec       *xmlio.Decoder
	line      int // the trans-unit's
	u         exports.Unit
	cs        exports.CodeSet
	approved  bool              // approved="yes"
	hasTarget bool              // a <target>, even empty
	state     string            // the target's state
	prevText  string            // the translator's text, from padan's previous-version alt-trans
	ctx       map[string]string // padan's x-padan-* contexts
}

// inline reads a <source> or <target>'s content into the unit's codes.
func (x *unit12) inline() (string, error) {
	ir := newInline(x.dec, &x.cs, false, nil)
	ir.ns12 = x.r.ns
	if err := ir.content("text"); err != nil {
		return "", err
	}
	return ir.b.String(), nil
}

// contextGroup reads a <context-group>, keeping padan's contexts.
func (x *unit12) contextGroup() error {
	return x.dec.Children(func(cc xml.StartElement) error {
		v, err := x.dec.Text("context", false)
		if typ := attr(cc, "context-type"); strings.HasPrefix(typ, "x-padan-") {
			x.ctx[typ] = v
		}
		return err
	})
}

// altTrans reads an <alt-trans> c: the translator's previous version that
// padan writes, or the first match proposed.
func (x *unit12) altTrans(c xml.StartElement) error {
	dec := x.dec
	typ := attr(c, "alttranstype")
	origin := attr(c, "origin")
	var src, tgt string
	var got bool
	err := dec.Children(func(cc xml.StartElement) error {
		var err error
		switch {
		case cc.Name.Space == x.r.ns && cc.Name.Local == "source":
			src, err = x.inline()
		case cc.Name.Space == x.r.ns && cc.Name.Local == "target" && !got:
			got = true
			tgt, err = x.inline()
		default:
			err = dec.Skip()
		}
		return err
	})
	if err != nil {
		return err
	}
	switch {
	case typ == "previous-version" && origin == "translator":
		x.prevText = tgt
	case (typ == "" || typ == "proposal") && x.u.Match == nil:
		q := strings.TrimSuffix(strings.TrimSpace(attr(c, "match-quality")), "%")
		score, perr := strconv.ParseFloat(q, 64)
		if perr != nil || score < 0 || score > 100 {
			score = 0
		}
		x.u.Match = &exports.Match{Score: score, Origin: origin, Source: src, Target: tgt,
			Context: attr(c, "extype") == ContextMatch12}
	}
	return nil
}

// finish puts the unit together once its element is read: its status from
// the target's state (or the one padan wrote, while the state still says
// it), and padan's segment number, authors and times.
func (x *unit12) finish() (exports.Unit, error) {
	u, ctx, state := x.u, x.ctx, x.state
	u.Codes = x.cs.Codes
	copied := false
	if v := ctx["x-padan-copied-source"]; v == "yes" && u.Target == u.Source {
		u.Target, copied = "", true
	}
	var err error
	if v, ok := ctx["x-padan-segment"]; ok {
		if u.Segment, err = strconv.Atoi(v); err != nil || u.Segment < 0 {
			return u, x.dec.ErrorfAt(x.line, exports.ErrBadValue, "segment number %q", v)
		}
	}
	u.Status = status12(state, x.approved, x.hasTarget && u.Target != "")
	if s, err := workflow.ParseStatus(ctx["x-padan-status"]); err == nil {
		// The status padan wrote stands when the state still says it; a
		// tool that changed the state has the last word.
		su := u
		su.Status = s
		if st, _ := state12(su); st == state || copied && state == "new" {
			u.Status = s
		}
	}
	u.Translator.Author = ctx["x-padan-translator"]
	u.Editor.Author = ctx["x-padan-editor"]
	if v, ok := ctx["x-padan-translated"]; ok {
		if u.Translator.Time, err = parseTime(x.dec, v); err != nil {
			return u, err
		}
	}
	if v, ok := ctx["x-padan-edited"]; ok {
		if u.Editor.Time, err = parseTime(x.dec, v); err != nil {
			return u, err
		}
	}
	if !u.Editor.IsZero() {
		u.Editor.Role, u.Editor.Text = exports.RoleEditor, u.Target
	}
	if !u.Translator.IsZero() {
		u.Translator.Role, u.Translator.Text = exports.RoleTranslator, u.Target
		if x.prevText != "" {
			u.Translator.Text = x.prevText
		}
	}
	return u, nil
}

func (r *Reader) unit(se xml.StartElement) (exports.Unit, error) {
	dec := r.dec
	x := unit20{r: r, dec: dec, data: map[string]string{}, status: exports.StatusFinal}
	x.u = exports.Unit{Document: r.doc, SourceLang: r.fSrc, TargetLang: r.fTgt, ID: attr(se, "id")}
	if x.u.ID == "" {
		return x.u, dec.Errorf(exports.ErrMissingAttr, "<unit> has no id")
	}
	if !r.newID(x.u.ID) {
		return x.u, dec.Errorf(exports.ErrBadValue, "unit id %q already used in this <file>", x.u.ID)
	}
	err := dec.ChildrenWithin("unit", MaxUnitBytes, func(c xml.StartElement) error {
		switch {
		case c.Name.Space == NSMDA:
			return x.metadata()
		case c.Name.Space == NSCTR:
			return x.revisions()
		case c.Name.Space == NSMTC:
			return x.matches()
		case c.Name.Space != NS20:
			return dec.Skip()
		case c.Name.Local == "notes":
			return x.notes()
		case c.Name.Local == "originalData":
			return readData(dec, x.data)
		case c.Name.Local == "segment" || c.Name.Local == "ignorable":
			return x.segment(c)
		}
		return dec.Skip()
	})
	if err != nil {
		return x.u, err
	}
	if len(x.sources) == 0 {
		return x.u, dec.Errorf(exports.ErrBadValue, "<unit id=%q> has no segment", x.u.ID)
	}
	return x.finish()
}

// unit20 is an XLIFF 2.0 <unit> being read: the unit so far and what its
// elements and modules leave for [unit20.finish].
type unit20 struct {
	r    *Reader
	dec  *xmlio.Decoder
	u    exports.Unit
	cs   exports.CodeSet   // the unit's codes
	data map[string]string // its originalData
	revs []revision20      // the change-tracking revisions, as read
	// match is the first translation candidate, its codes in mcs.
	match            *exports.Match
	mcs              exports.CodeSet
	sources, targets []string // a text per segment or ignorable
	status           exports.Status
}

// revision20 is a <ctr:revision> with its content item still escaped
// markup, read once the unit's originalData is known.
type revision20 struct {
	r       exports.Revision
	item    string
	line    int
	version string
}

// inline reads a <source> or <target>'s content with the codes cs and
// originalData data.
func (x *unit20) inline(cs *exports.CodeSet, data map[string]string) (string, error) {
	ir := newInline(x.dec, cs, true, data)
	if err := ir.content("text"); err != nil {
		return "", err
	}
	return ir.b.String(), nil
}

// metadata reads <mda:metadata>: padan's segment number.
func (x *unit20) metadata() error {
	dec := x.dec
	return dec.Children(func(g xml.StartElement) error {
		if g.Name.Local != "metaGroup" || attr(g, "category") != "padan" {
			return dec.Skip()
		}
		return dec.Children(func(m xml.StartElement) error {
			v, err := dec.Text("meta", false)
			if err == nil && attr(m, "type") == "segment" {
				n, cerr := strconv.Atoi(v)
				if cerr != nil || n < 0 {
					return dec.Errorf(exports.ErrBadValue, "segment number %q", v)
				}
				x.u.Segment = n
			}
			return err
		})
	})
}

// revisions reads <ctr:changeTrack>: the target's revisions.
func (x *unit20) revisions() error {
	dec := x.dec
	return dec.Children(func(rs xml.StartElement) error {
		if rs.Name.Local != "revisions" || attr(rs, "appliesTo") != "target" {
			return dec.Skip()
		}
		return dec.Children(func(rv xml.StartElement) error {
			v := revision20{line: dec.Line(), version: attr(rv, "version")}
			v.r.Author = attr(rv, "author")
			role, _ := xmlio.Attr(rv, PadanNS, "role")
			v.r.Role = exports.Role(role)
			if t := attr(rv, "datetime"); t != "" {
				var err error
				if v.r.Time, err = parseTime(dec, t); err != nil {
					return err
				}
			}
			found := false
			err := dec.Children(func(it xml.StartElement) error {
				if it.Name.Local == "item" && attr(it, "property") == "" {
					return dec.Errorf(exports.ErrMissingAttr, "<ctr:item> has no property")
				}
				if it.Name.Local != "item" || attr(it, "property") != "content" {
					return dec.Skip()
				}
				found = true
				var err error
				// The item holds the revision's markup, escaped:
				// bounded by the unit; its text by MaxText.
				v.item, err = dec.TextMax("item", false, MaxUnitBytes)
				return err
			})
			if found {
				x.revs = append(x.revs, v)
			}
			return err
		})
	})
}

// matches reads <mtc:matches>: the first match, with its own codes.
func (x *unit20) matches() error {
	dec := x.dec
	return dec.Children(func(m xml.StartElement) error {
		if m.Name.Local != "match" || x.match != nil {
			return dec.Skip()
		}
		match := &exports.Match{Origin: attr(m, "origin"), Context: attr(m, "subType") == ContextMatch20}
		x.match = match
		if v := attr(m, "similarity"); v != "" {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 || f > 100 {
				return dec.Errorf(exports.ErrBadValue, "similarity %q is not a percentage", v)
			}
			match.Score = f
		}
		mdata := map[string]string{}
		return dec.Children(func(mc xml.StartElement) error {
			var err error
			switch {
			case mc.Name.Space == NS20 && mc.Name.Local == "originalData":
				err = readData(dec, mdata)
			case mc.Name.Space == NS20 && mc.Name.Local == "source":
				match.Source, err = x.inline(&x.mcs, mdata)
			case mc.Name.Space == NS20 && mc.Name.Local == "target":
				match.Target, err = x.inline(&x.mcs, mdata)
			default:
				err = dec.Skip()
			}
			return err
		})
	})
}

// notes reads <notes>.
func (x *unit20) notes() error {
	dec := x.dec
	return dec.Children(func(n xml.StartElement) error {
		if n.Name.Local != "note" {
			return dec.Skip()
		}
		note := exports.Note{AppliesTo: attr(n, "appliesTo")}
		note.From, _ = xmlio.Attr(n, PadanNS, "from")
		var err error
		note.Text, err = dec.Text("note", false)
		x.u.Notes = append(x.u.Notes, note)
		return err
	})
}

// segment reads a <segment> or <ignorable> c: its source, target and state.
// The unit stands where its least advanced segment does; an ignorable is
// final.
func (x *unit20) segment(c xml.StartElement) error {
	dec := x.dec
	st := exports.StatusInitial
	if c.Name.Local == "ignorable" {
		st = exports.StatusFinal
	} else if v := attr(c, "state"); v != "" || attr(c, "subState") != "" {
		if v == "" {
			return dec.Errorf(exports.ErrBadValue, "subState without state")
		}
		s, err := workflow.ParseStatus(v)
		if err != nil {
			return dec.Errorf(exports.ErrBadValue, "state %q is not initial, translated, reviewed or final", v)
		}
		st = s
	}
	if x.status.Reached(st) {
		x.status = st
	}
	var src, tgt string
	err := dec.Children(func(t xml.StartElement) error {
		var err error
		switch {
		case t.Name.Space == NS20 && t.Name.Local == "source":
			src, err = x.inline(&x.cs, x.data)
		case t.Name.Space == NS20 && t.Name.Local == "target":
			if x.u.TargetLang == "" {
				return dec.Errorf(exports.ErrMissingAttr, "<target> in a file whose <xliff> has no trgLang")
			}
			tgt, err = x.inline(&x.cs, x.data)
		default:
			err = dec.Skip()
		}
		return err
	})
	x.sources, x.targets = append(x.sources, src), append(x.targets, tgt)
	return err
}

// finish puts the unit together once its element is read: the segments'
// texts joined, the match's codes remapped into the unit's, and the
// revisions read, oldest first.
func (x *unit20) finish() (exports.Unit, error) {
	u := x.u
	u.Source, u.Target = strings.Join(x.sources, ""), strings.Join(x.targets, "")
	u.Status = x.status
	if x.match != nil {
		x.match.Source = remap(x.match.Source, x.mcs.Codes, &x.cs)
		x.match.Target = remap(x.match.Target, x.mcs.Codes, &x.cs)
		u.Match = x.match
	}
	revs := x.revs
	// Revisions: oldest first, by version number rN when every revision
	// has one, else in reverse file order (newest are written first).
	byVersion := true
	for _, v := range revs {
		if n, err := strconv.Atoi(strings.TrimPrefix(v.version, "r")); err != nil || !strings.HasPrefix(v.version, "r") || n < 0 {
			byVersion = false
		}
	}
	if byVersion {
		sort.SliceStable(revs, func(i, j int) bool {
			a, _ := strconv.Atoi(revs[i].version[1:])
			b, _ := strconv.Atoi(revs[j].version[1:])
			return a < b
		})
	} else {
		slices.Reverse(revs)
	}
	for _, v := range revs {
		x.cs.Text()
		text, err := fragment20(x.r.name, v.line, v.item, &x.cs, x.data)
		if err != nil {
			return u, err
		}
		v.r.Text = text
		u.Revisions = append(u.Revisions, v.r)
		switch v.r.Role {
		case exports.RoleTranslator:
			u.Translator = v.r
		case exports.RoleEditor:
			u.Editor = v.r
		}
	}
	u.Codes = x.cs.Codes
	return u, nil
}

// readData reads an originalData element into data (id → text).
func readData(dec *xmlio.Decoder, data map[string]string) error {
	return dec.Children(func(d xml.StartElement) error {
		if d.Name.Local != "data" {
			return dec.Skip()
		}
		id := attr(d, "id")
		var b strings.Builder
		depth := dec.Depth()
		for {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			switch t := tok.(type) {
			case xml.CharData:
				if b.Len()+len(t) > dec.Limits().MaxText {
					return dec.Errorf(exports.ErrTooLarge, "<data> longer than %d bytes", dec.Limits().MaxText)
				}
				b.Write(t)
			case xml.StartElement:
				if t.Name.Local != "cp" {
					return dec.Errorf(exports.ErrNotWellFormed, "unexpected <%s> in <data>", t.Name.Local)
				}
				n, err := strconv.ParseUint(attr(t, "hex"), 16, 32)
				if err != nil || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF) {
					return dec.Errorf(exports.ErrBadValue, "<cp hex=%q> is not a code point", attr(t, "hex"))
				}
				b.WriteRune(rune(n))
				if err := dec.Skip(); err != nil {
					return err
				}
			case xml.EndElement:
				if dec.Depth() < depth {
					data[id] = b.String()
					return nil
				}
			}
		}
	})
}

// remap rewrites text, whose code runes index from, as a new text of cs.
func remap(text string, from []exports.Code, cs *exports.CodeSet) string {
	cs.Text()
	var b strings.Builder
	for _, r := range text {
		if k, ok := exports.CodeIndex(r); ok && k < len(from) {
			nr, err := cs.Add(from[k])
			if err == nil {
				b.WriteRune(nr)
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
