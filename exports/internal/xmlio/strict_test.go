package xmlio

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/padan-tm/padan/exports"
)

// readTokens reads every token of data, one byte at a time (so that every
// state of the checks meets a read boundary), and returns the error.
func readTokens(data []byte) error {
	dec := NewDecoder(iotest.OneByteReader(bytes.NewReader(data)), "t.xml", Limits{})
	for {
		if _, err := dec.Token(); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

func TestWellFormed(t *testing.T) {
	tests := []struct {
		name string
		data string
		line int    // 0: accepted
		msg  string // in the error
	}{
		{"references", "<a b='&#x41;&#65;'>&#x10000;&#55295;&#xE000;&amp;&lt;</a>", 0, ""},
		{"surrogate reference", "<a>\n&#xD800;</a>", 2, "&#xD800;"},
		{"surrogate decimal", "<a>&#56320;</a>", 1, "&#56320;"},
		{"surrogate in attribute", "<a\nb='&#xdbff;'/>", 2, "&#xdbff;"},
		{"surrogate reference in a comment", "<a><!-- &#xD800; --></a>", 0, ""},
		{"surrogate reference in CDATA", "<a><![CDATA[&#xD800;]]></a>", 0, ""},
		{"surrogate reference in a PI", "<a><?pi &#xD800;?></a>", 0, ""},
		{"after a comment", "<a><!-- - a- -->&#xD800;</a>", 1, "&#xD800;"},
		{"after CDATA", "<a><![CDATA[ ] ]] ]]]>&#xD800;</a>", 1, "&#xD800;"},
		{"after a PI", "<?xml version='1.0'?><a><?p ? ?>&#xD800;</a>", 1, "&#xD800;"},
		{"invalid UTF-8 in a comment", "<a>\n<!-- \xe2\x82 --></a>", 2, "invalid UTF-8"},
		{"control character in a PI", "<?p \x1b?><a/>", 1, "U+001B"},
		{"control character in a comment after the root", "<a/><!-- \x0c -->", 1, "U+000C"},
		{"UTF-8 declared UTF-16", "<?xml version='1.0' encoding='utf-16'?><a/>", 1, `encoding="utf-16" but the file is not UTF-16`},
		{"UTF-16", string(utf16Bytes("\uFEFF<a>\U0001F600\n</a>", false)), 0, ""},
		{"UTF-16BE", string(utf16Bytes("\uFEFF<a>\U0001F600\n</a>", true)), 0, ""},
		{"UTF-16 lone high surrogate", string(utf16Bytes("\uFEFF<a>\n\x00x</a>", false)), 2, "U+D83D"},
		{"UTF-16 lone high surrogate at the end", string(utf16Bytes("\uFEFF<a/>\x00", false)), 1, "at the end"},
		{"UTF-16 lone low surrogate", string(utf16Bytes("\uFEFF<a>\x01</a>", true)), 1, "U+DC00"},
		{"UTF-16 odd length", string(utf16Bytes("\uFEFF<a/>", false)) + "\n", 1, "middle of a UTF-16 character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := readTokens([]byte(tt.data))
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var se *exports.SyntaxError
			if !errors.As(err, &se) || se.Line != tt.line || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("got %v, want an error at line %d saying %q", err, tt.line, tt.msg)
			}
			if !errors.Is(err, exports.ErrNotWellFormed) && !errors.Is(err, exports.ErrEncoding) {
				t.Errorf("kind %v", se.Kind)
			}
		})
	}
}

// utf16Bytes encodes s as UTF-16; NUL stands for a lone high surrogate
// U+D83D and U+0001 for a lone low surrogate U+DC00.
func utf16Bytes(s string, big bool) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		switch u {
		case 0:
			u = 0xD83D
		case 1:
			u = 0xDC00
		}
		if big {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// FuzzUTF16Reader decodes arbitrary bytes as UTF-16: valid input decodes
// as unicode/utf16 does, in any read sizes; invalid input is a
// *wellFormedError.
func FuzzUTF16Reader(f *testing.F) {
	f.Add([]byte("\xff\xfe<\x00a\x00/\x00>\x00"), false)
	f.Add([]byte("\x00<\xd8\x3d\xde\x00"), true)
	f.Add([]byte("\x3d\xd8"), false)
	f.Fuzz(func(t *testing.T, data []byte, big bool) {
		got, err := io.ReadAll(newUTF16Reader(iotest.HalfReader(bytes.NewReader(data)), big))
		units := make([]uint16, len(data)/2)
		for i := range units {
			if big {
				units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
			} else {
				units[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
			}
		}
		valid := len(data)%2 == 0
		for i := 0; i < len(units) && valid; i++ {
			switch u := rune(units[i]); {
			case u >= 0xDC00 && u <= 0xDFFF:
				valid = false
			case u >= 0xD800 && u <= 0xDBFF:
				if i+1 == len(units) || units[i+1] < 0xDC00 || units[i+1] > 0xDFFF {
					valid = false
				}
				i++
			}
		}
		if !valid {
			if _, ok := asWellFormed(err); !ok {
				t.Fatalf("invalid UTF-16 %x: got %q, %v", data, got, err)
			}
			return
		}
		if len(units) > 0 && units[0] == 0xFEFF {
			units = units[1:]
		}
		if want := string(utf16.Decode(units)); err != nil || string(got) != want {
			t.Fatalf("%x: got %q, %v; want %q", data, got, err, want)
		}
		if !utf8.Valid(got) {
			t.Fatalf("output not UTF-8: %q", got)
		}
	})
}

// FuzzRefChecker passes arbitrary bytes through the reference check: it
// must never change them, and must stop only at a reference to a
// surrogate.
func FuzzRefChecker(f *testing.F) {
	f.Add([]byte("<a>&#xD800;</a>"))
	f.Add([]byte("<a><!-- &#xD800; --><![CDATA[&#55296;]]><?p &#xD800;?>&#x41;</a>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := io.ReadAll(newRefChecker(iotest.OneByteReader(bytes.NewReader(data))))
		if !bytes.HasPrefix(data, got) {
			t.Fatalf("output %q is not a prefix of the input %q", got, data)
		}
		if err == nil {
			if len(got) != len(data) {
				t.Fatalf("read %d of %d bytes without error", len(got), len(data))
			}
			return
		}
		we, ok := asWellFormed(err)
		if !ok || !strings.Contains(we.Msg, "surrogate") {
			t.Fatalf("error %v", err)
		}
		if !bytes.Contains(data[len(got):], []byte(";")) {
			t.Fatalf("stopped at %d before no reference: %q", len(got), data)
		}
	})
}

// TestCheckVisibleSize: a name or note is measured as Visible writes it
// (and a reader reads it back): a character XML cannot carry counts six
// bytes, a byte that is not UTF-8 three.
func TestCheckVisibleSize(t *testing.T) {
	for _, tt := range []struct {
		value string
		ok    bool
	}{
		{strings.Repeat("a", exports.MaxText), true},
		{strings.Repeat("a", exports.MaxText+1), false},
		{strings.Repeat("a", exports.MaxText-6) + "\x0b", true},
		{strings.Repeat("a", exports.MaxText-5) + "\x0b", false},
		{strings.Repeat("a", exports.MaxText-3) + "\xff", true},
		{strings.Repeat("a", exports.MaxText-2) + "\xff", false},
		{strings.Repeat("é", exports.MaxText/2), true},
	} {
		err := CheckVisibleSize("s1", "note", tt.value)
		var le *exports.LimitError
		if tt.ok != (err == nil) || err != nil && !errors.As(err, &le) {
			t.Errorf("CheckVisibleSize(%d bytes ending %q) = %v", len(tt.value), tt.value[len(tt.value)-1:], err)
		}
	}
}
