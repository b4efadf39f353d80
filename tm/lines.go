package tm

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParseEntries reads a bulk revision file (the --from format): one entry a
// line, SEG<TAB>TEXT with SEG a 1-based segment index; lines starting with
// "#" and blank lines are skipped; in TEXT, \t, \n and \\ stand for a tab,
// a line break and a backslash. A UTF-8 byte order mark and CRLF line ends
// are accepted. The first bad line gives a [*LineError] naming file and
// line; nothing is returned with it.
func ParseEntries(file string, data []byte) ([]Entry, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var entries []Entry
	for line := 1; len(data) > 0; line++ {
		var raw []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			raw, data = data, nil
		}
		raw = bytes.TrimSuffix(raw, []byte("\r"))
		if len(bytes.TrimSpace(raw)) == 0 || raw[0] == '#' {
			continue
		}
		e, err := parseEntry(raw)
		if err != nil {
			return nil, &LineError{File: file, Line: line, Err: err}
		}
		e.Line = line
		entries = append(entries, e)
	}
	return entries, nil
}

func parseEntry(raw []byte) (Entry, error) {
	if !utf8.Valid(raw) {
		return Entry{}, ErrInvalidUTF8
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return Entry{}, ErrNUL
	}
	tab := bytes.IndexByte(raw, '\t')
	if tab < 0 {
		return Entry{}, ErrNoTab
	}
	num := string(bytes.TrimSpace(raw[:tab]))
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || strings.TrimLeft(num, "0123456789") != "" {
		return Entry{}, ErrBadIndex
	}
	text, err := Unescape(string(raw[tab+1:]))
	if err != nil {
		return Entry{}, err
	}
	if strings.TrimSpace(text) == "" {
		return Entry{}, ErrEmptyText
	}
	return Entry{Index: n, Text: text, Score: -1}, nil
}

// Unescape turns \t, \n and \\ into a tab, a line break and a backslash;
// any other backslash sequence gives [ErrBadEscape].
func Unescape(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 == len(s) {
			return "", ErrBadEscape
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case '\\':
			b.WriteByte('\\')
		default:
			return "", ErrBadEscape
		}
	}
	return b.String(), nil
}

// Escape is the inverse of [Unescape]: it writes a tab, a line break and a
// backslash as \t, \n and \\, and a carriage return as \n too.
func Escape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// AppendEntry appends one line of the bulk format for index and text.
func AppendEntry(b []byte, index int, text string) []byte {
	b = strconv.AppendInt(b, int64(index), 10)
	b = append(b, '\t')
	b = append(b, Escape(text)...)
	return append(b, '\n')
}
