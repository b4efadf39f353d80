package xliff

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/xmlio"
)

// Options describe an XLIFF file to write.
type Options struct {
	// SourceLang and TargetLang are the languages of every unit (required).
	SourceLang, TargetLang string
	// ToolVersion is padan's version (required).
	ToolVersion string
	// DataType is the kind of the original documents, XLIFF 1.2's datatype
	// (default "plaintext").
	DataType string
	// CopySource (XLIFF 1.2 only) gives each untranslated unit a target
	// holding a copy of its source, with state="new": OmegaT 3.x sees only
	// trans-units that have a target, and translates the target's text.
	CopySource bool
}

func (o *Options) check() error {
	if o.ToolVersion == "" {
		return fmt.Errorf("xliff: tool version: %w", exports.ErrMissingAttr)
	}
	for _, l := range []string{o.SourceLang, o.TargetLang} {
		if !xmlio.ValidLang(l) {
			return fmt.Errorf("xliff: language %q: %w", l, exports.ErrBadLanguage)
		}
	}
	if o.DataType == "" {
		o.DataType = "plaintext"
	}
	return xmlio.CheckAttr("", "version", o.ToolVersion)
}

// base is what both writers share: buffering, the current document, errors.
type base struct {
	w      *bufio.Writer
	o      Options
	buf    xmlio.Buf
	opened bool
	inFile bool
	doc    string
	files  int
	err    error
	ids    idSet
}

// idSet holds the ids of the units written in the current file element, so
// that a second unit with the same id is refused. The ids padan gives ("s"
// and the segment number) take one bit each, so that a file of a million
// units does not hold a million strings; other ids are kept as they are.
type idSet struct {
	bits  []uint64
	other map[string]bool
}

// maxBitID bounds the numbers of the ids idSet keeps as bits (2 MB of them).
const maxBitID = 1 << 24

// bit returns the number of an id of the form "s" and a number below
// maxBitID without leading zeros, and false for any other id.
func (s *idSet) bit(id string) (int, bool) {
	if len(id) < 2 || len(id) > 9 || id[0] != 's' || id[1] == '0' {
		return 0, false
	}
	n := 0
	for i := 1; i < len(id); i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n < maxBitID
}

// has reports whether id is in the set.
func (s *idSet) has(id string) bool {
	if n, ok := s.bit(id); ok {
		return n/64 < len(s.bits) && s.bits[n/64]&(1<<(n%64)) != 0
	}
	return s.other[id]
}

// add puts id in the set.
func (s *idSet) add(id string) {
	if n, ok := s.bit(id); ok {
		for n/64 >= len(s.bits) {
			s.bits = append(s.bits, 0)
		}
		s.bits[n/64] |= 1 << (n % 64)
		return
	}
	if s.other == nil {
		s.other = map[string]bool{}
	}
	s.other[id] = true
}

// reset empties the set.
func (s *idSet) reset() {
	clear(s.bits)
	clear(s.other)
}

// endUnit finishes a unit whose XML was written into buf from mark: a unit
// larger than a reader takes is dropped with an error (nothing of it
// written); before the first unit of a document, start begins its file
// element.
func (b *base) endUnit(u exports.Unit, mark int, newFile bool, start func(doc string)) error {
	if err := exports.CheckUnitSize(u.ID, len(b.buf.B)-mark); err != nil {
		b.buf.B = b.buf.B[:mark]
		return fmt.Errorf("write xliff: %w", err)
	}
	if newFile {
		unit := bytes.Clone(b.buf.B[mark:])
		b.buf.B = b.buf.B[:mark]
		start(u.Document)
		b.buf.B = append(b.buf.B, unit...)
	}
	b.ids.add(u.ID)
	return b.put()
}

// put writes the buffer out, keeping the writer's first error.
func (b *base) put() error {
	if _, err := b.w.Write(b.buf.B); err != nil {
		b.err = fmt.Errorf("write xliff: %w", err)
		return b.err
	}
	b.buf.B = b.buf.B[:0]
	return nil
}

func (b *base) close(end string) error {
	if b.err != nil {
		return b.err
	}
	b.buf.S(end)
	if err := b.put(); err != nil {
		return err
	}
	b.err = errors.New("xliff: writer closed")
	if err := b.w.Flush(); err != nil {
		return fmt.Errorf("write xliff: %w", err)
	}
	return nil
}

// checkUnit checks everything of u that goes into the file.
func (b *base) checkUnit(u exports.Unit, v2 bool) error {
	id := u.ID
	if v2 && !xmlio.ValidNMTOKEN(id) {
		return fmt.Errorf("unit %q: XLIFF 2 ids are XML name tokens: %w", id, exports.ErrBadID)
	}
	if id == "" {
		return fmt.Errorf("unit without id: %w", exports.ErrBadID)
	}
	if u.SourceLang != "" && u.SourceLang != b.o.SourceLang || u.TargetLang != "" && u.TargetLang != b.o.TargetLang {
		return fmt.Errorf("unit %s: languages %s→%s differ from the file's %s→%s: %w", id, u.SourceLang, u.TargetLang, b.o.SourceLang, b.o.TargetLang, exports.ErrBadLanguage)
	}
	if err := xmlio.CheckAttr(id, "id", id); err != nil {
		return err
	}
	if u.Match != nil && (u.Match.Score < 0 || u.Match.Score > 100) {
		return &exports.TextError{Unit: id, Field: "match score", Err: exports.ErrBadValue}
	}
	checkText := func(field, text string) error {
		if err := exports.CheckText(id, field, text, u.Codes); err != nil {
			return err
		}
		if len(u.Codes) > 0 {
			return checkHi(id, text, u.Codes)
		}
		return nil
	}
	for _, t := range [...]struct{ field, text string }{{"source", u.Source}, {"target", u.Target},
		{"translator's text", u.Translator.Text}, {"editor's text", u.Editor.Text}} {
		if err := checkText(t.field, t.text); err != nil {
			return err
		}
	}
	if u.Match != nil {
		if err := checkText("match source", u.Match.Source); err != nil {
			return err
		}
		if err := checkText("match target", u.Match.Target); err != nil {
			return err
		}
	}
	for i, r := range u.Revisions {
		if err := checkText("", r.Text); err != nil {
			// Again, with the field named (a name made only when needed).
			return checkText("revision "+strconv.Itoa(i+1), r.Text)
		}
	}
	// Names, notes and the match's origin are not checked: Attr and Text
	// write a character XML cannot carry visibly (an old database may hold
	// one), so that an export never fails on them; but none may be longer
	// than a reader takes.
	sc := xmlio.SizeCheck{Unit: id}
	sc.Names(&u)
	for _, r := range u.Revisions {
		sc.Check("author", r.Author)
	}
	for _, n := range u.Notes {
		sc.Check("note", n.Text)
		sc.Check("note author", n.From)
	}
	if sc.Err != nil {
		return sc.Err
	}
	for k, c := range u.Codes {
		for _, v := range []string{c.I, c.X, c.Type, c.Pos, c.Assoc} {
			if err := xmlio.CheckAttr(id, "code", v); err != nil {
				return err
			}
		}
		if err := exports.CheckSize(id, fmt.Sprintf("code %d", k), c.Content); err != nil {
			return err
		}
		if c.Kind == exports.CodeChar {
			continue
		}
		content := c.Content
		if v2 {
			// XLIFF 2 data holds such characters as cp elements.
			content = strings.Map(func(r rune) rune {
				if exports.IsXMLChar(r) {
					return r
				}
				return -1
			}, content)
		}
		if err := xmlio.CheckContent(content); err != nil {
			return &exports.TextError{Unit: id, Field: fmt.Sprintf("code %d", k), Err: err}
		}
		if !v2 && (c.Kind == exports.CodeBPT || c.Kind == exports.CodeEPT) && c.I == "" {
			return &exports.TextError{Unit: id, Field: fmt.Sprintf("code %d (%s) has no i", k, c.Kind), Err: exports.ErrMissingAttr}
		}
	}
	// A unit of another document starts a file element, and a new set of
	// ids.
	if b.inFile && u.Document == b.doc && b.ids.has(id) {
		return fmt.Errorf("unit %s: id used twice in document %s: %w", id, u.Document, exports.ErrBadID)
	}
	return nil
}

// Status and state.

// state12 returns the XLIFF 1.2 state and approved attributes for a unit
// (see the package documentation).
func state12(u exports.Unit) (state string, approved bool) {
	switch u.Status {
	case exports.StatusTranslated:
		return "translated", true
	case exports.StatusReviewed:
		return "signed-off", true
	case exports.StatusFinal:
		return "final", true
	}
	if u.Match != nil {
		return "needs-review-translation", false
	}
	return "new", false
}

// status12 maps an XLIFF 1.2 state back to a status.
func status12(state string, approved, hasTarget bool) exports.Status {
	switch state {
	case "new", "needs-translation", "needs-l10n", "needs-adaptation":
		return exports.StatusInitial
	case "translated", "needs-review-translation", "needs-review-l10n", "needs-review-adaptation":
		return exports.StatusTranslated
	case "signed-off":
		return exports.StatusReviewed
	case "final":
		return exports.StatusFinal
	}
	if hasTarget || approved {
		return exports.StatusTranslated
	}
	return exports.StatusInitial
}
