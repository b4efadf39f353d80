package worddiff

// The word-break properties of ASCII characters (UAX #29, table 3 of the
// Unicode 15 text that uniseg implements). Tab and the other controls are
// wbOther.
const (
	wbOther uint8 = iota
	wbCR
	wbLF
	wbNewline // vertical tab, form feed
	wbSpace   // WSegSpace
	wbSingleQuote
	wbDoubleQuote
	wbMidNumLet // .
	wbMidLetter // :
	wbMidNum    // , ;
	wbNumeric
	wbALetter
	wbExtendNumLet // _
)

// asciiWB is the word-break property of each ASCII byte.
var asciiWB = func() (t [128]uint8) {
	t['\r'], t['\n'], t['\v'], t['\f'] = wbCR, wbLF, wbNewline, wbNewline
	t[' '] = wbSpace
	t['\''], t['"'] = wbSingleQuote, wbDoubleQuote
	t['.'], t[':'], t[','], t[';'] = wbMidNumLet, wbMidLetter, wbMidNum, wbMidNum
	for c := '0'; c <= '9'; c++ {
		t[c] = wbNumeric
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c], t[c+'a'-'A'] = wbALetter, wbALetter
	}
	t['_'] = wbExtendNumLet
	return t
}()

// midLetterQ reports whether p may join letters (WB6, WB7).
func midLetterQ(p uint8) bool {
	return p == wbMidLetter || p == wbMidNumLet || p == wbSingleQuote
}

// midNumQ reports whether p may join digits (WB11, WB12).
func midNumQ(p uint8) bool {
	return p == wbMidNum || p == wbMidNumLet || p == wbSingleQuote
}

// asciiBreak reports whether UAX #29 puts a word boundary between s[i-1]
// and s[i] (0 < i < len(s)), for s of ASCII characters only: rules WB3 to
// WB13b, less those about characters ASCII does not have (Extend, Format,
// ZWJ, Hebrew letters, Katakana, regional indicators).
func asciiBreak(s string, i int) bool {
	a, b := asciiWB[s[i-1]], asciiWB[s[i]]
	switch {
	case a == wbCR && b == wbLF: // WB3
		return false
	case a == wbCR || a == wbLF || a == wbNewline: // WB3a
		return true
	case b == wbCR || b == wbLF || b == wbNewline: // WB3b
		return true
	case a == wbSpace && b == wbSpace: // WB3d
		return false
	case a == wbALetter && b == wbALetter: // WB5
		return false
	case a == wbALetter && midLetterQ(b) && i+1 < len(s) && asciiWB[s[i+1]] == wbALetter: // WB6
		return false
	case midLetterQ(a) && b == wbALetter && i >= 2 && asciiWB[s[i-2]] == wbALetter: // WB7
		return false
	case (a == wbNumeric || a == wbALetter) && (b == wbNumeric || b == wbALetter): // WB8, WB9, WB10
		return false
	case midNumQ(a) && b == wbNumeric && i >= 2 && asciiWB[s[i-2]] == wbNumeric: // WB11
		return false
	case a == wbNumeric && midNumQ(b) && i+1 < len(s) && asciiWB[s[i+1]] == wbNumeric: // WB12
		return false
	case (a == wbALetter || a == wbNumeric || a == wbExtendNumLet) && b == wbExtendNumLet: // WB13a
		return false
	case a == wbExtendNumLet && (b == wbALetter || b == wbNumeric): // WB13b
		return false
	}
	return true // WB999
}

// appendASCII appends the tokens of s, a text of ASCII characters only that
// starts at byte offset pos, as [Tokenize] would by way of uniseg.
func appendASCII(toks []Token, s string, pos int) []Token {
	start := 0
	for i := 1; i <= len(s); i++ {
		if i < len(s) && !asciiBreak(s, i) {
			continue
		}
		seg := s[start:i]
		toks = append(toks, Token{Text: seg, Start: pos + start, End: pos + i, Kind: asciiKind(seg)})
		start = i
	}
	return toks
}

// asciiKind is segmentKind for a segment of ASCII characters.
func asciiKind(seg string) TokenKind {
	allSpace, hasDigit, hasLetter := true, false, false
	for i := 0; i < len(seg); i++ {
		c := seg[i]
		switch {
		case c == ' ' || c >= '\t' && c <= '\r':
		case c >= '0' && c <= '9':
			allSpace, hasDigit = false, true
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			allSpace, hasLetter = false, true
		default:
			allSpace = false
		}
	}
	return kindOf(allSpace, hasLetter, hasDigit)
}
