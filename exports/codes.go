package exports

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// CodeKind says what an inline code is.
type CodeKind int

// The kinds of inline codes, named after the TMX elements.
const (
	CodeBPT     CodeKind = iota // beginning of a paired code (TMX bpt)
	CodeEPT                     // end of a paired code (TMX ept)
	CodePH                      // stand-alone placeholder (TMX ph)
	CodeIT                      // isolated half of a pair (TMX it, with Pos)
	CodeUT                      // unknown code (TMX ut, deprecated)
	CodeHiStart                 // start of highlighted text (TMX hi)
	CodeHiEnd                   // end of highlighted text (TMX /hi)
	CodeChar                    // a private use character held as text; Content is the character
)

var codeKindWords = [...]string{"bpt", "ept", "ph", "it", "ut", "hi-start", "hi-end", "char"}

// String returns the kind's name: bpt, ept, ph, it, ut, hi-start, hi-end or
// char.
func (k CodeKind) String() string {
	if k < 0 || int(k) >= len(codeKindWords) {
		return fmt.Sprintf("CodeKind(%d)", int(k))
	}
	return codeKindWords[k]
}

// MarshalText returns the kind's word, for JSON.
func (k CodeKind) MarshalText() ([]byte, error) {
	if k < 0 || int(k) >= len(codeKindWords) {
		return nil, fmt.Errorf("code kind %d: %w", int(k), ErrBadValue)
	}
	return []byte(codeKindWords[k]), nil
}

// UnmarshalText sets the kind from its word.
func (k *CodeKind) UnmarshalText(b []byte) error {
	v, ok := ParseCodeKind(string(b))
	if !ok {
		return fmt.Errorf("code kind %q: %w", b, ErrBadValue)
	}
	*k = v
	return nil
}

// ParseCodeKind returns the kind named by word, as [CodeKind.String] writes
// it.
func ParseCodeKind(word string) (CodeKind, bool) {
	for i, w := range codeKindWords {
		if w == word {
			return CodeKind(i), true
		}
	}
	return 0, false
}

// Code is one inline code of a unit.
//
// Its JSON form (the form the translation memory stores) is an object with
// the kind's word and the non-empty fields:
// {"kind":"bpt","i":"1","type":"bold","content":"&lt;b&gt;"}.
type Code struct {
	Kind CodeKind `json:"kind"`
	// I pairs a bpt with its ept (TMX i).
	I string `json:"i,omitempty"`
	// X links the code to the corresponding code in other languages (TMX x).
	X string `json:"x,omitempty"`
	// Type is the kind of formatting (TMX type, e.g. "bold"; XLIFF ctype).
	Type string `json:"type,omitempty"`
	// Pos is "begin" or "end" for an isolated code (TMX it pos).
	Pos string `json:"pos,omitempty"`
	// Assoc is "p", "f" or "b" for a placeholder (TMX ph assoc).
	Assoc string `json:"assoc,omitempty"`
	// Content is the native code the element protects, as escaped XML
	// (e.g. "&lt;b&gt;"), sub-flows included.
	Content string `json:"content,omitempty"`
}

// MaxCodes is the most codes a unit can hold: the size of the private use
// area U+E000–U+F8FF.
const MaxCodes = 0xF8FF - 0xE000 + 1

// CodeRune returns the rune that stands for Codes[k] in a text.
func CodeRune(k int) rune { return rune(0xE000 + k) }

// CodeIndex returns the index of the code that r stands for, and whether r
// is a code rune at all (a rune of the private use area U+E000–U+F8FF).
func CodeIndex(r rune) (int, bool) {
	if r >= 0xE000 && r <= 0xF8FF {
		return int(r - 0xE000), true
	}
	return 0, false
}

// hasCodeRune reports whether s holds a code rune. Every code rune is
// encoded in UTF-8 with a first byte of 0xEE or 0xEF, so the many texts
// without either byte are answered by two byte searches.
func hasCodeRune(s string) bool {
	if strings.IndexByte(s, 0xEE) < 0 && strings.IndexByte(s, 0xEF) < 0 {
		return false
	}
	return strings.ContainsFunc(s, func(r rune) bool { _, ok := CodeIndex(r); return ok })
}

// CodeSet collects the codes of one unit while its texts are read. Call
// [CodeSet.Text] before each text (source first) and [CodeSet.Add] for each
// code met in it.
type CodeSet struct {
	Codes []Code
	used  map[int]bool
	// index lists, for each distinct code, its indexes in Codes; indexed
	// counts the codes already in it.
	index   map[Code][]int
	indexed int
}

// Text starts a new text: codes of earlier texts may be reused once each.
func (s *CodeSet) Text() { clear(s.used) }

// Add returns the rune standing for c in the current text: that of an
// identical code of an earlier text not yet used in this one, else of a new
// code. It returns an error wrapping [ErrTooManyCodes] beyond [MaxCodes].
func (s *CodeSet) Add(c Code) (rune, error) {
	if s.used == nil {
		s.used = make(map[int]bool)
		s.index = make(map[Code][]int)
	}
	for ; s.indexed < len(s.Codes); s.indexed++ {
		s.index[s.Codes[s.indexed]] = append(s.index[s.Codes[s.indexed]], s.indexed)
	}
	for _, k := range s.index[c] {
		if !s.used[k] {
			s.used[k] = true
			return CodeRune(k), nil
		}
	}
	if len(s.Codes) >= MaxCodes {
		return 0, fmt.Errorf("more than %d inline codes: %w", MaxCodes, ErrTooManyCodes)
	}
	k := len(s.Codes)
	s.Codes = append(s.Codes, c)
	s.index[c] = append(s.index[c], k)
	s.indexed = len(s.Codes)
	s.used[k] = true
	return CodeRune(k), nil
}

// Remap adds to the set a text whose code runes index codes, a list of its
// own (as a revision stored apart keeps its codes), and returns the text with
// the set's runes. Like [CodeSet.Text], it starts a new text.
func (s *CodeSet) Remap(text string, codes []Code) (string, error) {
	s.Text()
	if !hasCodeRune(text) {
		return text, nil
	}
	var b strings.Builder
	for _, r := range text {
		k, ok := CodeIndex(r)
		if !ok {
			b.WriteRune(r)
			continue
		}
		c := Code{Kind: CodeChar, Content: string(r)}
		if k < len(codes) {
			c = codes[k]
		}
		nr, err := s.Add(c)
		if err != nil {
			return "", err
		}
		b.WriteRune(nr)
	}
	return b.String(), nil
}

// PlainText returns s in the inline code representation: every private use
// character of s becomes a code of kind [CodeChar] appended to codes. Use it
// for text that did not come from a reader, before giving it to a writer.
func PlainText(s string, codes []Code) (string, []Code, error) {
	if !hasCodeRune(s) {
		return s, codes, nil
	}
	var b strings.Builder
	for _, r := range s {
		if _, ok := CodeIndex(r); ok {
			if len(codes) >= MaxCodes {
				return "", nil, fmt.Errorf("more than %d inline codes: %w", MaxCodes, ErrTooManyCodes)
			}
			codes = append(codes, Code{Kind: CodeChar, Content: string(r)})
			b.WriteRune(CodeRune(len(codes) - 1))
			continue
		}
		b.WriteRune(r)
	}
	return b.String(), codes, nil
}

// Canonical returns texts that share the code list codes (a unit's source
// and target, say) in the one form in which equal contents are equal
// strings: their code runes renumbered in order of appearance, source
// first, a code of a later text identical to an unused one of an earlier
// text sharing its rune (as [CodeSet] does), codes no text uses dropped, and
// a private use character that indexes no code (text from a person, not
// from a file) a code of kind [CodeChar]. When every code is of kind
// [CodeChar], the texts are returned plain (each such code its character
// again) with no codes: private use characters of a text without codes are
// the characters themselves, never placeholders, so that a person's
// private use character cannot be taken for one of padan's codes.
func Canonical(codes []Code, texts ...string) ([]string, []Code, error) {
	var cs CodeSet
	out := make([]string, len(texts))
	for i, t := range texts {
		var err error
		if out[i], err = cs.Remap(t, codes); err != nil {
			return nil, nil, err
		}
	}
	for _, c := range cs.Codes {
		if c.Kind != CodeChar {
			return out, cs.Codes, nil
		}
	}
	for i, t := range out {
		out[i] = StripCodes(t, cs.Codes)
	}
	return out, nil, nil
}

// StripCodes returns text without its code runes, except those of kind
// [CodeChar], which become their character again: the words a person reads.
func StripCodes(text string, codes []Code) string {
	if !hasCodeRune(text) {
		return text
	}
	var b strings.Builder
	for _, r := range text {
		if k, ok := CodeIndex(r); ok {
			if k < len(codes) && codes[k].Kind == CodeChar {
				b.WriteString(codes[k].Content)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// CheckText reports the first problem that keeps text from being written:
// invalid UTF-8 (an unpaired surrogate included) or a code rune with no code
// in codes. field names the text in the error.
func CheckText(id, field, text string, codes []Code) error {
	if err := CheckSize(id, field, text); err != nil {
		return err
	}
	for i := 0; i < len(text); {
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 1 {
			return &TextError{Unit: id, Field: field, Offset: i, Err: ErrInvalidUTF8}
		}
		if k, ok := CodeIndex(r); ok && k >= len(codes) {
			return &TextError{Unit: id, Field: field, Offset: i, Rune: r, Err: ErrUnknownCode}
		}
		i += size
	}
	return nil
}

// IsXMLChar reports whether XML 1.0 can carry r in a document.
func IsXMLChar(r rune) bool {
	switch {
	case r == 0x09 || r == 0x0A || r == 0x0D:
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF:
		return false
	case r == 0xFFFE || r == 0xFFFF:
		return false
	case r > 0x10FFFF:
		return false
	}
	return true
}
