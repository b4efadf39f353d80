package xmlio

import (
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/padan-tm/padan/exports"
)

// A wellFormedError is input that encoding/xml accepts but XML does not: a
// character reference to a surrogate, or a lone surrogate in UTF-16. Line
// is the line it is on.
type wellFormedError struct {
	Line int
	Msg  string
}

func (e *wellFormedError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// utf16Reader decodes UTF-16 to UTF-8 strictly: an unpaired surrogate or
// an odd final byte is a *wellFormedError, where x/text's decoder would
// put U+FFFD in its place without a word. A byte order mark at the start
// is dropped.
type utf16Reader struct {
	r       io.Reader
	big     bool
	started bool
	in      []byte // bytes read, not yet decoded
	out     []byte // UTF-8 decoded, not yet returned
	line    int
	err     error
}

func newUTF16Reader(r io.Reader, big bool) *utf16Reader {
	return &utf16Reader{r: r, big: big, in: make([]byte, 0, 32<<10), line: 1}
}

func (u *utf16Reader) unit(i int) rune {
	if u.big {
		return rune(u.in[i])<<8 | rune(u.in[i+1])
	}
	return rune(u.in[i+1])<<8 | rune(u.in[i])
}

// Read returns decoded UTF-8.
func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		n, err := u.r.Read(u.in[len(u.in):cap(u.in)])
		u.in = u.in[:len(u.in)+n]
		u.decode(err != nil)
		if err != nil && u.err == nil {
			u.err = err
		}
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// decode turns the whole code units of in into out; at the end (eof) a
// byte or a high surrogate left over is an error.
func (u *utf16Reader) decode(eof bool) {
	out := u.out[:0]
	i := 0
	for ; i+1 < len(u.in); i += 2 {
		c := u.unit(i)
		if !u.started {
			u.started = true
			if c == 0xFEFF {
				continue
			}
		}
		switch {
		case c >= 0xDC00 && c <= 0xDFFF:
			u.fail(out, "a lone UTF-16 low surrogate U+%04X", c)
			return
		case c >= 0xD800 && c <= 0xDBFF:
			if i+3 >= len(u.in) {
				if eof {
					u.fail(out, "a lone UTF-16 high surrogate U+%04X at the end of the file", c)
					return
				}
				u.keep(out, i)
				return
			}
			d := u.unit(i + 2)
			if d < 0xDC00 || d > 0xDFFF {
				u.fail(out, "a lone UTF-16 high surrogate U+%04X", c)
				return
			}
			out = utf8.AppendRune(out, utf16.DecodeRune(c, d))
			i += 2
		default:
			if c == '\n' {
				u.line++
			}
			out = utf8.AppendRune(out, c)
		}
	}
	if eof && i < len(u.in) {
		u.fail(out, "the file ends in the middle of a UTF-16 character")
		return
	}
	u.keep(out, i)
}

// keep sets out and moves the bytes of in from i on to its start.
func (u *utf16Reader) keep(out []byte, i int) {
	u.out = out
	u.in = u.in[:copy(u.in, u.in[i:])]
}

func (u *utf16Reader) fail(out []byte, format string, args ...any) {
	u.out = out
	u.in = u.in[:0]
	u.err = &wellFormedError{Line: u.line, Msg: fmt.Sprintf(format, args...)}
}

// refState is where a refChecker is in the markup.
type refState int

const (
	rsText      refState = iota
	rsLT                 // after <
	rsBang               // after <!
	rsBangDash           // after <!-
	rsCDATAOpen          // in <![CDATA[, matched says how far
	rsComment            // in <!-- -->
	rsCDATA              // in <![CDATA[ ]]>
	rsPI                 // in <? ?>
	rsAmp                // after &
	rsRef                // in &#…;
)

// refChecker passes UTF-8 XML through, refusing the character references
// to surrogates (&#xD800; to &#xDFFF;), which encoding/xml turns into
// U+FFFD without a word. It tells markup from text just enough to leave
// comments, CDATA sections and processing instructions alone.
type refChecker struct {
	r       io.Reader
	state   refState
	matched int // characters of a delimiter matched so far
	hex     bool
	digits  int
	value   rune
	ref     []byte // the reference as written, for the message
	line    int
	err     error
}

func newRefChecker(r io.Reader) *refChecker { return &refChecker{r: r, line: 1} }

// Read reads from the underlying reader and returns the bytes before a
// bad reference, then the error.
func (c *refChecker) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.r.Read(p)
	for i := 0; i < n; i++ {
		if c.step(p[i]) {
			c.err = &wellFormedError{Line: c.line, Msg: fmt.Sprintf("character reference %s;: a surrogate is not a character", c.ref)}
			return i, nil
		}
	}
	return n, err
}

// step advances the state by one byte and reports a reference to a
// surrogate that b ends.
func (c *refChecker) step(b byte) bool {
	if b == '\n' {
		c.line++
	}
	switch c.state {
	case rsText:
		switch b {
		case '<':
			c.state = rsLT
		case '&':
			c.state = rsAmp
		}
	case rsLT:
		switch b {
		case '!':
			c.state = rsBang
		case '?':
			c.state, c.matched = rsPI, 0
		default:
			c.state = rsText
			return c.step2(b)
		}
	case rsBang:
		switch b {
		case '-':
			c.state = rsBangDash
		case '[':
			c.state, c.matched = rsCDATAOpen, 0
		default:
			c.state = rsText
			return c.step2(b)
		}
	case rsBangDash:
		if b == '-' {
			c.state, c.matched = rsComment, 0
		} else {
			c.state = rsText
			return c.step2(b)
		}
	case rsCDATAOpen:
		const open = "CDATA["
		if b == open[c.matched] {
			c.matched++
			if c.matched == len(open) {
				c.state, c.matched = rsCDATA, 0
			}
		} else {
			c.state = rsText
			return c.step2(b)
		}
	case rsComment:
		switch {
		case b == '-':
			c.matched++
		case b == '>' && c.matched >= 2:
			c.state = rsText
		default:
			c.matched = 0
		}
	case rsCDATA:
		switch {
		case b == ']':
			c.matched++
		case b == '>' && c.matched >= 2:
			c.state = rsText
		default:
			c.matched = 0
		}
	case rsPI:
		switch {
		case b == '?':
			c.matched = 1
		case b == '>' && c.matched == 1:
			c.state = rsText
		default:
			c.matched = 0
		}
	case rsAmp:
		if b == '#' {
			c.state, c.hex, c.digits, c.value = rsRef, false, 0, 0
			c.ref = append(c.ref[:0], "&#"...)
		} else {
			c.state = rsText
			return c.step2(b)
		}
	case rsRef:
		if len(c.ref) < 16 {
			c.ref = append(c.ref, b)
		}
		switch {
		case b == 'x' && c.digits == 0 && !c.hex:
			c.hex = true
		case b >= '0' && b <= '9':
			c.add(rune(b - '0'))
		case c.hex && b >= 'a' && b <= 'f':
			c.add(rune(b-'a') + 10)
		case c.hex && b >= 'A' && b <= 'F':
			c.add(rune(b-'A') + 10)
		case b == ';':
			c.state = rsText
			c.ref = c.ref[:len(c.ref)-1]
			return c.digits > 0 && utf16.IsSurrogate(c.value)
		default:
			// Not a reference encoding/xml accepts: it reports it.
			c.state = rsText
			return c.step2(b)
		}
	}
	return false
}

// step2 handles b again in the text state, the state it ended in, without
// counting its line twice.
func (c *refChecker) step2(b byte) bool {
	if b == '\n' {
		c.line--
	}
	return c.step(b)
}

// add adds a digit to the reference's value, saturating above the
// largest character.
func (c *refChecker) add(d rune) {
	c.digits++
	base := rune(10)
	if c.hex {
		base = 16
	}
	if c.value <= utf8.MaxRune {
		c.value = c.value*base + d
	}
}

// checkChars returns a description of the first byte sequence of b that is
// not valid UTF-8 or not a character XML allows, or "".
func checkChars(b []byte) string {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Sprintf("invalid UTF-8 (byte 0x%02X)", b[i])
		}
		if !exports.IsXMLChar(r) {
			return fmt.Sprintf("character U+%04X is not allowed in XML", r)
		}
		i += size
	}
	return ""
}

// asWellFormed returns err as a *wellFormedError, if it is one.
func asWellFormed(err error) (*wellFormedError, bool) {
	var we *wellFormedError
	ok := errors.As(err, &we)
	return we, ok
}
