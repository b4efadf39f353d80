package segments

import (
	"errors"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/language"
)

// utf16Bytes encodes s as UTF-16 with a BOM in the given byte order.
func utf16Bytes(s string, big bool) []byte {
	units := append([]uint16{0xFEFF}, utf16.Encode([]rune(s))...)
	var b []byte
	for _, u := range units {
		if big {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

func TestDecode(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		want string
	}{
		{"utf-8", []byte("Kim tiba. Dia pergi."), "Kim tiba. Dia pergi."},
		{"utf-8 with BOM kept", []byte("\xEF\xBB\xBFKim tiba."), "\uFEFFKim tiba."},
		{"CRLF kept", []byte("Satu.\r\nDua.\r\n"), "Satu.\r\nDua.\r\n"},
		{"utf-16le", utf16Bytes("Café “Korea”.\r\n𝄞", false), "\uFEFFCafé “Korea”.\r\n𝄞"},
		{"utf-16be", utf16Bytes("Café “Korea”.", true), "\uFEFFCafé “Korea”."},
		{"empty", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Decode("f.txt", c.in)
			if err != nil || got != c.want {
				t.Errorf("Decode = %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	le := utf16Bytes("ab", false)
	cases := []struct {
		name   string
		in     []byte
		offset int
		reason error
	}{
		{"invalid utf-8", []byte("Kim tiba\xC3. Lalu"), 8, ErrInvalidUTF8},
		{"truncated utf-8", []byte("abc\xE2\x80"), 3, ErrInvalidUTF8},
		{"latin-1", []byte("caf\xE9"), 3, ErrInvalidUTF8},
		{"binary", []byte("PK\x03\x04\x00\x00"), 4, ErrBinary},
		{"utf-16 with NUL", append(append([]byte{}, le...), 0, 0), 6, ErrBinary},
		{"utf-16 odd length", append(append([]byte{}, le...), 'x'), 6, ErrInvalidUTF16},
		{"utf-16 lone high surrogate", append(append([]byte{}, le...), 0x00, 0xD8, 'a', 0), 6, ErrInvalidUTF16},
		{"utf-16 lone low surrogate", append(append([]byte{}, le...), 0x00, 0xDC), 6, ErrInvalidUTF16},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode("f.txt", c.in)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			if ie.File != "f.txt" || ie.Offset != c.offset || !errors.Is(err, c.reason) {
				t.Errorf("got %s at %d (%v), want offset %d, %v", ie.File, ie.Offset, ie.Reason, c.offset, c.reason)
			}
		})
	}
}

// TestDecodedOffsets checks the documented relation between offsets and
// the file: for UTF-8 with a BOM and CRLF, text[Start:End] are the file's
// bytes.
func TestDecodedOffsets(t *testing.T) {
	file := []byte("\xEF\xBB\xBFSatu.\r\nDua.\r\n")
	text, err := Decode("f.txt", file)
	if err != nil {
		t.Fatal(err)
	}
	segs := mustSplit(t, DefaultRules().Segmenter(language.Indonesian), text)
	want := [][2]int{{3, 8}, {10, 14}}
	for i, s := range segs {
		if i >= len(want) || s.Start != want[i][0] || s.End != want[i][1] || string(file[s.Start:s.End]) != s.Text {
			t.Errorf("segment %d %q at [%d,%d), want %v", i+1, s.Text, s.Start, s.End, want)
		}
	}
}
