package main

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// visible returns s with every control character shown as an escape, so
// that text from the database or a file (a translation, a note, a name)
// cannot move the cursor, clear the screen, set the terminal's title or
// break a listing's lines and columns: a tab, line feed and carriage
// return become \t, \n and \r; the other C0 controls and DEL become \xHH
// (ESC is \x1b); the C1 controls (U+0080–U+009F) become \uHHHH; a byte
// that is not UTF-8 becomes \xHH. Everything else, and a string without
// any of them, is unchanged. The result holds no control character, so
// visible(visible(s)) == visible(s).
//
// It is the one rule of every text printer (segments, history, next,
// diff, docs, lookup, concordance, stats, and every localized message
// through ui.T); JSON output keeps its own escapes instead, and files that
// are the text itself (build, export) are written as they are.
func visible(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if needsEscape(r, size) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case !needsEscape(r, size):
			b.WriteString(s[i : i+size])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == utf8.RuneError:
			b.WriteString(`\x` + hex2(s[i]))
		case r < 0x80:
			b.WriteString(`\x` + hex2(byte(r)))
		default:
			b.WriteString(`\u00` + hex2(byte(r)))
		}
		i += size
	}
	return b.String()
}

// needsEscape reports whether visible escapes the rune r decoded from size
// bytes: a C0 or C1 control, DEL, or an invalid byte.
func needsEscape(r rune, size int) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || r == utf8.RuneError && size == 1
}

// hex2 is a byte in two lower-case hexadecimal digits.
func hex2(c byte) string {
	s := strconv.FormatUint(uint64(c), 16)
	if len(s) < 2 {
		s = "0" + s
	}
	return s
}

// shownText is text already passed through visible that may hold padan's
// own terminal markup (the colours of a diff or a concordance hit): ui.T
// shows it as it is.
type shownText string

// newJSONEncoder returns a JSON encoder writing to w that, beyond what
// encoding/json escapes (C0 controls among them), also escapes DEL and the
// C1 controls, which it writes raw: \u007f, \u0080–\u009f. The JSON means
// the same; a terminal showing it meets no control character.
func newJSONEncoder(w io.Writer) *json.Encoder { return json.NewEncoder(jsonControls{w}) }

// jsonControls escapes DEL and the C1 controls in the JSON written through
// it. In JSON they can only stand inside strings, and in UTF-8 a C1
// control is 0xC2 followed by 0x80–0x9F (0xC2 is never a continuation
// byte), so escaping them byte by byte keeps the JSON valid.
type jsonControls struct{ w io.Writer }

func (j jsonControls) Write(p []byte) (int, error) {
	if !bytes.ContainsFunc(p, func(r rune) bool { return r == 0x7f || r >= 0x80 && r <= 0x9f }) {
		return j.w.Write(p)
	}
	out := make([]byte, 0, len(p)+16)
	for i := 0; i < len(p); i++ {
		switch {
		case p[i] == 0x7f:
			out = append(out, `\u007f`...)
		case p[i] == 0xc2 && i+1 < len(p) && p[i+1] >= 0x80 && p[i+1] <= 0x9f:
			out = append(out, `\u00`+hex2(p[i+1])...)
			i++
		default:
			out = append(out, p[i])
		}
	}
	if _, err := j.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
