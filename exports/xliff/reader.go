package xliff

import (
	"encoding/xml"
	"hash/maphash"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/xmlio"
)

// MaxUnitBytes is the most bytes of XML one unit may take.
const MaxUnitBytes = exports.MaxUnitBytes

// Reader reads the units of an XLIFF 1.2 or 2.0 (or 2.1) file one at a time.
type Reader struct {
	dec     *xmlio.Decoder
	name    string
	version string
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
	case se.Name.Space == NS12 || se.Name.Space == "urn:oasis:names:tc:xliff:document:1.1" || se.Name.Space == "urn:oasis:names:tc:xliff:document:1.0" || se.Name.Space == "" && strings.HasPrefix(v, "1."):
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
		return dec.Errorf(exports.ErrWrongRoot, "<xliff> in namespace %q: not XLIFF 1.2 or 2.0", se.Name.Space)
	}
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
		ns := NS12
		if r.version != "1.2" {
			ns = NS20
		}
		if se.Name.Space != ns {
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
	line := dec.Line()
	u := exports.Unit{Document: r.doc, SourceLang: r.fSrc, TargetLang: r.fTgt}
	u.ID, _ = xmlio.Attr(se, "", "id")
	if u.ID == "" {
		return u, dec.Errorf(exports.ErrMissingAttr, "<trans-unit> has no id")
	}
	if !r.newID(u.ID) {
		return u, dec.Errorf(exports.ErrBadValue, "trans-unit id %q already used in this <file>", u.ID)
	}
	approved := attr(se, "approved") == "yes"
	var cs exports.CodeSet
	var state, prevText string
	var hasTarget, copied bool
	var status *exports.Status
	inline := func() (string, error) {
		ir := newInline(dec, &cs, false, nil)
		if err := ir.content("text"); err != nil {
			return "", err
		}
		return ir.b.String(), nil
	}
	ctx := map[string]string{}
	err := dec.ChildrenWithin("trans-unit", MaxUnitBytes, func(c xml.StartElement) error {
		if c.Name.Space != NS12 {
			return dec.Skip()
		}
		var err error
		switch c.Name.Local {
		case "source":
			u.Source, err = inline()
		case "target":
			hasTarget = true
			state = attr(c, "state")
			if state != "" && !states12[state] && !strings.HasPrefix(state, "x-") {
				return dec.Errorf(exports.ErrBadValue, "state %q is not an XLIFF 1.2 state", state)
			}
			u.Target, err = inline()
		case "context-group":
			return dec.Children(func(cc xml.StartElement) error {
				v, err := dec.Text("context", false)
				if typ := attr(cc, "context-type"); strings.HasPrefix(typ, "x-padan-") {
					ctx[typ] = v
				}
				return err
			})
		case "note":
			n := exports.Note{From: attr(c, "from"), AppliesTo: attr(c, "annotates")}
			if n.AppliesTo == "general" {
				n.AppliesTo = ""
			}
			n.Text, err = dec.Text("note", true)
			u.Notes = append(u.Notes, n)
		case "alt-trans":
			typ := attr(c, "alttranstype")
			origin := attr(c, "origin")
			var src, tgt string
			var got bool
			err = dec.Children(func(cc xml.StartElement) error {
				var err error
				switch {
				case cc.Name.Space == NS12 && cc.Name.Local == "source":
					src, err = inline()
				case cc.Name.Space == NS12 && cc.Name.Local == "target" && !got:
					got = true
					tgt, err = inline()
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
				prevText = tgt
			case (typ == "" || typ == "proposal") && u.Match == nil:
				q := strings.TrimSuffix(strings.TrimSpace(attr(c, "match-quality")), "%")
				score, perr := strconv.ParseFloat(q, 64)
				if perr != nil || score < 0 || score > 100 {
					score = 0
				}
				u.Match = &exports.Match{Score: score, Origin: origin, Source: src, Target: tgt}
			}
		default:
			err = dec.Skip()
		}
		return err
	})
	if err != nil {
		return u, err
	}
	u.Codes = cs.Codes
	if v := ctx["x-padan-copied-source"]; v == "yes" && u.Target == u.Source {
		u.Target, copied = "", true
	}
	if v, ok := ctx["x-padan-segment"]; ok {
		if u.Segment, err = strconv.Atoi(v); err != nil || u.Segment < 0 {
			return u, dec.ErrorfAt(line, exports.ErrBadValue, "segment number %q", v)
		}
	}
	u.Status = status12(state, approved, hasTarget && u.Target != "")
	if v, ok := ctx["x-padan-status"]; ok {
		if s, err := exports.ParseStatus(v); err == nil {
			status = &s
		}
	}
	if status != nil {
		// The status padan wrote stands when the state still says it; a
		// tool that changed the state has the last word.
		su := u
		su.Status = *status
		if st, _ := state12(su); st == state || copied && state == "new" {
			u.Status = *status
		}
	}
	u.Translator.Author = ctx["x-padan-translator"]
	u.Editor.Author = ctx["x-padan-editor"]
	if v, ok := ctx["x-padan-translated"]; ok {
		if u.Translator.Time, err = parseTime(dec, v); err != nil {
			return u, err
		}
	}
	if v, ok := ctx["x-padan-edited"]; ok {
		if u.Editor.Time, err = parseTime(dec, v); err != nil {
			return u, err
		}
	}
	if !u.Editor.IsZero() {
		u.Editor.Role, u.Editor.Text = exports.RoleEditor, u.Target
	}
	if !u.Translator.IsZero() {
		u.Translator.Role, u.Translator.Text = exports.RoleTranslator, u.Target
		if prevText != "" {
			u.Translator.Text = prevText
		}
	}
	return u, nil
}

func (r *Reader) unit(se xml.StartElement) (exports.Unit, error) {
	dec := r.dec
	u := exports.Unit{Document: r.doc, SourceLang: r.fSrc, TargetLang: r.fTgt}
	u.ID = attr(se, "id")
	if u.ID == "" {
		return u, dec.Errorf(exports.ErrMissingAttr, "<unit> has no id")
	}
	if !r.newID(u.ID) {
		return u, dec.Errorf(exports.ErrBadValue, "unit id %q already used in this <file>", u.ID)
	}
	var cs exports.CodeSet
	data := map[string]string{}
	type rev struct {
		r       exports.Revision
		item    string
		line    int
		version string
	}
	var revs []rev
	var match *exports.Match
	var mcs exports.CodeSet
	var sources, targets []string
	status := exports.StatusFinal
	segments := 0
	inline := func(cs *exports.CodeSet, data map[string]string) (string, error) {
		ir := newInline(dec, cs, true, data)
		if err := ir.content("text"); err != nil {
			return "", err
		}
		return ir.b.String(), nil
	}
	err := dec.ChildrenWithin("unit", MaxUnitBytes, func(c xml.StartElement) error {
		switch c.Name.Space {
		case NSMDA:
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
						u.Segment = n
					}
					return err
				})
			})
		case NSCTR:
			return dec.Children(func(rs xml.StartElement) error {
				if rs.Name.Local != "revisions" || attr(rs, "appliesTo") != "target" {
					return dec.Skip()
				}
				return dec.Children(func(rv xml.StartElement) error {
					x := rev{line: dec.Line(), version: attr(rv, "version")}
					x.r.Author = attr(rv, "author")
					role, _ := xmlio.Attr(rv, PadanNS, "role")
					x.r.Role = exports.Role(role)
					if v := attr(rv, "datetime"); v != "" {
						var err error
						if x.r.Time, err = parseTime(dec, v); err != nil {
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
						x.item, err = dec.TextMax("item", false, MaxUnitBytes)
						return err
					})
					if found {
						revs = append(revs, x)
					}
					return err
				})
			})
		case NSMTC:
			return dec.Children(func(m xml.StartElement) error {
				if m.Name.Local != "match" || match != nil {
					return dec.Skip()
				}
				match = &exports.Match{Origin: attr(m, "origin")}
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
						match.Source, err = inline(&mcs, mdata)
					case mc.Name.Space == NS20 && mc.Name.Local == "target":
						match.Target, err = inline(&mcs, mdata)
					default:
						err = dec.Skip()
					}
					return err
				})
			})
		case NS20:
		default:
			return dec.Skip()
		}
		switch c.Name.Local {
		case "notes":
			return dec.Children(func(n xml.StartElement) error {
				if n.Name.Local != "note" {
					return dec.Skip()
				}
				note := exports.Note{AppliesTo: attr(n, "appliesTo")}
				note.From, _ = xmlio.Attr(n, PadanNS, "from")
				var err error
				note.Text, err = dec.Text("note", false)
				u.Notes = append(u.Notes, note)
				return err
			})
		case "originalData":
			return readData(dec, data)
		case "segment", "ignorable":
			segments++
			st := exports.StatusInitial
			if c.Name.Local == "ignorable" {
				st = exports.StatusFinal
			} else if v := attr(c, "state"); v != "" || attr(c, "subState") != "" {
				if v == "" {
					return dec.Errorf(exports.ErrBadValue, "subState without state")
				}
				s, err := exports.ParseStatus(v)
				if err != nil {
					return dec.Errorf(exports.ErrBadValue, "state %q is not initial, translated, reviewed or final", v)
				}
				st = s
			}
			status = min(status, st)
			var src, tgt string
			err := dec.Children(func(t xml.StartElement) error {
				var err error
				switch {
				case t.Name.Space == NS20 && t.Name.Local == "source":
					src, err = inline(&cs, data)
				case t.Name.Space == NS20 && t.Name.Local == "target":
					if u.TargetLang == "" {
						return dec.Errorf(exports.ErrMissingAttr, "<target> in a file whose <xliff> has no trgLang")
					}
					tgt, err = inline(&cs, data)
				default:
					err = dec.Skip()
				}
				return err
			})
			sources, targets = append(sources, src), append(targets, tgt)
			return err
		}
		return dec.Skip()
	})
	if err != nil {
		return u, err
	}
	if segments == 0 {
		return u, dec.Errorf(exports.ErrBadValue, "<unit id=%q> has no segment", u.ID)
	}
	u.Source, u.Target = strings.Join(sources, ""), strings.Join(targets, "")
	u.Status = status
	if match != nil {
		match.Source = remap(match.Source, mcs.Codes, &cs)
		match.Target = remap(match.Target, mcs.Codes, &cs)
		u.Match = match
	}
	// Revisions: oldest first, by version number rN when every revision
	// has one, else in reverse file order (newest are written first).
	byVersion := true
	for _, x := range revs {
		if n, err := strconv.Atoi(strings.TrimPrefix(x.version, "r")); err != nil || !strings.HasPrefix(x.version, "r") || n < 0 {
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
		for i, j := 0, len(revs)-1; i < j; i, j = i+1, j-1 {
			revs[i], revs[j] = revs[j], revs[i]
		}
	}
	for _, x := range revs {
		cs.Text()
		text, err := fragment20(r.name, x.line, x.item, &cs, data)
		if err != nil {
			return u, err
		}
		x.r.Text = text
		u.Revisions = append(u.Revisions, x.r)
		switch x.r.Role {
		case exports.RoleTranslator:
			u.Translator = x.r
		case exports.RoleEditor:
			u.Editor = x.r
		}
	}
	u.Codes = cs.Codes
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
