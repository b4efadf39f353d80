package worddiff

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// TokenKind says what a [Token] is made of.
type TokenKind int

// The kinds of tokens [Tokenize] produces.
const (
	Word      TokenKind = iota // letters, possibly with digits or word-internal marks ("don't", "A380")
	Number                     // digits with their separators ("2023", "1.000,5")
	Punct                      // one punctuation mark or symbol
	Space                      // a run of white space, line breaks included
	Code                       // one inline-code placeholder (a private-use rune U+E000–U+F8FF)
	Ideograph                  // one character of a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar)
)

var kindNames = [...]string{"word", "number", "punct", "space", "code", "ideograph"}

// String returns the kind's lower-case name, such as "word".
func (k TokenKind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "TokenKind(" + strconv.Itoa(int(k)) + ")"
}

// Token is one piece of a text: a word, a number, a punctuation mark, a run
// of white space, an inline code or one character of a script written
// without spaces. Start and End are byte offsets into the tokenized string,
// so that s[t.Start:t.End] == t.Text.
type Token struct {
	Text       string
	Start, End int
	Kind       TokenKind
}

// IsSpace reports whether the token is a run of white space.
func (t Token) IsSpace() bool { return t.Kind == Space }

// Tokenize splits s into tokens along Unicode word boundaries (UAX #29):
// each punctuation mark and each inline-code placeholder is a token of its
// own, runs of white space are [Space] tokens, and scripts written without
// spaces give one [Ideograph] token per character (grapheme cluster).
// Concatenating the tokens' texts gives s back exactly. Invalid UTF-8 bytes
// become one-byte [Punct] tokens.
//
// Text is cut into pieces after each ASCII space that an ASCII character
// other than a space follows, where UAX #29 always breaks and no rule looks
// across; a piece of ASCII alone is segmented by [appendASCII], any other
// by uniseg. Both give the same tokens (a differential test checks it).
func Tokenize(s string) []Token {
	toks := make([]Token, 0, len(s)/3+1)
	start := 0
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			continue
		}
		if i > start && c != ' ' && s[i-1] == ' ' {
			toks = appendPiece(toks, s[start:i], start, ascii)
			start, ascii = i, true
		}
	}
	if start < len(s) {
		toks = appendPiece(toks, s[start:], start, ascii)
	}
	return mergeSpaces(toks)
}

// appendPiece appends the tokens of a piece of text that starts at byte
// offset pos, where UAX #29 breaks before and after it.
func appendPiece(toks []Token, piece string, pos int, ascii bool) []Token {
	if ascii {
		return appendASCII(toks, piece, pos)
	}
	return appendUniseg(toks, piece, pos)
}

// appendUniseg appends the tokens of s, which starts at byte offset pos,
// segmented by uniseg.
func appendUniseg(toks []Token, s string, pos int) []Token {
	state := -1
	rest := s
	for len(rest) > 0 {
		var seg string
		seg, rest, state = uniseg.FirstWordInString(rest, state)
		toks = appendSegment(toks, seg, pos)
		pos += len(seg)
	}
	return toks
}

// TokenizeChars splits s into characters (grapheme clusters) for a diff by
// character: every character is a token, except that runs of white space
// stay one [Space] token. Concatenating the tokens' texts gives s back.
func TokenizeChars(s string) []Token {
	var toks []Token
	pos := 0
	state := -1
	rest := s
	for len(rest) > 0 {
		var g string
		g, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		toks = append(toks, Token{Text: g, Start: pos, End: pos + len(g), Kind: charKind(g)})
		pos += len(g)
	}
	return mergeSpaces(toks)
}

// appendSegment appends the tokens of one UAX #29 word segment that starts
// at byte offset pos.
func appendSegment(toks []Token, seg string, pos int) []Token {
	if !needsSplit(seg) {
		return append(toks, Token{Text: seg, Start: pos, End: pos + len(seg), Kind: segmentKind(seg)})
	}
	// The segment mixes ordinary text with characters that must stand
	// alone (ideographs, codes, stray bytes): split it by grapheme cluster
	// and glue the ordinary clusters back together.
	start := -1 // start of a pending run of ordinary clusters
	flush := func(end int) {
		if start >= 0 {
			t := seg[start:end]
			toks = append(toks, Token{Text: t, Start: pos + start, End: pos + end, Kind: segmentKind(t)})
			start = -1
		}
	}
	off := 0
	state := -1
	rest := seg
	for len(rest) > 0 {
		var g string
		g, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if k, alone := aloneKind(g); alone {
			flush(off)
			toks = append(toks, Token{Text: g, Start: pos + off, End: pos + off + len(g), Kind: k})
		} else if start < 0 {
			start = off
		}
		off += len(g)
	}
	flush(off)
	return toks
}

// needsSplit reports whether a word segment holds a character that must be
// a token of its own.
func needsSplit(seg string) bool {
	if !utf8.ValidString(seg) {
		return len(seg) > 1
	}
	if utf8.RuneCountInString(seg) == 1 {
		return false
	}
	for _, r := range seg {
		if isCode(r) || isNoSpaceScript(r) {
			return true
		}
	}
	return false
}

// aloneKind reports whether a grapheme cluster must be a token by itself,
// and of which kind.
func aloneKind(g string) (TokenKind, bool) {
	r, size := utf8.DecodeRuneInString(g)
	switch {
	case r == utf8.RuneError && size <= 1:
		return Punct, true
	case isCode(r):
		return Code, true
	case isNoSpaceScript(r):
		return Ideograph, true
	}
	return 0, false
}

// segmentKind classifies a word segment that needs no further splitting.
func segmentKind(seg string) TokenKind {
	r, size := utf8.DecodeRuneInString(seg)
	if r == utf8.RuneError && size <= 1 {
		return Punct
	}
	if k, alone := aloneKind(seg); alone {
		return k
	}
	allSpace, hasDigit, hasLetter := true, false, false
	for _, r := range seg {
		switch {
		case unicode.IsSpace(r):
		case unicode.IsDigit(r) || unicode.Is(unicode.Nd, r):
			allSpace, hasDigit = false, true
		case unicode.IsLetter(r):
			allSpace, hasLetter = false, true
		default:
			allSpace = false
		}
	}
	return kindOf(allSpace, hasLetter, hasDigit)
}

// kindOf is the kind of a segment of white space alone, or with a letter,
// or with a digit, or else (marks, symbols, punctuation, emoji: no letters
// and no digits) a punctuation mark.
func kindOf(allSpace, hasLetter, hasDigit bool) TokenKind {
	switch {
	case allSpace:
		return Space
	case hasLetter:
		return Word
	case hasDigit:
		return Number
	}
	return Punct
}

// charKind classifies one grapheme cluster for [TokenizeChars].
func charKind(g string) TokenKind {
	if k, alone := aloneKind(g); alone {
		return k
	}
	return segmentKind(g)
}

// mergeSpaces joins adjacent white-space tokens (UAX #29 keeps line breaks
// apart from other spaces) into one.
func mergeSpaces(toks []Token) []Token {
	out := toks[:0]
	for _, t := range toks {
		if n := len(out); n > 0 && t.Kind == Space && out[n-1].Kind == Space {
			out[n-1].End = t.End
			out[n-1].Text += t.Text
			continue
		}
		out = append(out, t)
	}
	return out
}

// isCode reports whether r is in the Basic Multilingual Plane's private use
// area, where padan puts its inline-code placeholders.
func isCode(r rune) bool { return r >= 0xE000 && r <= 0xF8FF }

// isNoSpaceScript reports whether r belongs to a script that is written
// without spaces between words, so that it is compared character by
// character.
func isNoSpaceScript(r rune) bool {
	if r < 0x0E00 { // fast path: Latin, Greek, Cyrillic, Arabic, Indic...
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan) ||
		r == 0x3005 || r == 0x3006 || r == 0x30FC || r == 0xFF70 // 々 〆 ー ｰ
}
