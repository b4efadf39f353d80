package segments

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// Sentinels for the reason of an [InputError].
var (
	// ErrInvalidUTF8 means the input is neither valid UTF-8 nor UTF-16 with
	// a byte order mark.
	ErrInvalidUTF8 = errors.New("segments: invalid UTF-8")
	// ErrInvalidUTF16 means the input starts with a UTF-16 byte order mark
	// but is not valid UTF-16 (odd length or an unpaired surrogate).
	ErrInvalidUTF16 = errors.New("segments: invalid UTF-16")
	// ErrBinary means the input holds a NUL character, so it is not text.
	ErrBinary = errors.New("segments: binary data")
)

// InputError reports input that is not text padan can read. Offset is the
// byte offset in the input as given (the file's bytes) where the problem
// starts; Reason is [ErrInvalidUTF8], [ErrInvalidUTF16] or [ErrBinary].
type InputError struct {
	File   string
	Offset int
	Reason error
}

// Error returns the message in English, naming the file and the offset.
func (e *InputError) Error() string {
	return fmt.Sprintf("%s: byte %d: %v", e.File, e.Offset, e.Reason)
}

// Unwrap returns the reason, so that errors.Is(err, ErrBinary) works.
func (e *InputError) Unwrap() error { return e.Reason }

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Decode turns the bytes of a file named name into text, as UTF-8.
//
// UTF-8 input, with or without a byte order mark, is returned unchanged, BOM
// and CRLF included, so that segment offsets are offsets in the file. UTF-16
// input with a byte order mark (either byte order) is decoded to UTF-8; its
// BOM becomes U+FEFF at the start of the text, which segmentation treats as
// space. Input that is not valid UTF-8, holds a NUL byte, or is broken UTF-16
// gives an [*InputError] naming the file and the byte offset.
func Decode(name string, b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		// Handled as UTF-8 below.
	case bytes.HasPrefix(b, bomUTF16LE), bytes.HasPrefix(b, bomUTF16BE):
		return decodeUTF16(name, b)
	}
	for i := 0; i < len(b); {
		c := b[i]
		if c == 0 {
			return "", &InputError{File: name, Offset: i, Reason: ErrBinary}
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return "", &InputError{File: name, Offset: i, Reason: ErrInvalidUTF8}
		}
		i += size
	}
	return string(b), nil
}

// decodeUTF16 checks UTF-16 input with a BOM code unit by code unit (so that
// an error can name its offset) and decodes it with x/text.
func decodeUTF16(name string, b []byte) (string, error) {
	big := b[0] == 0xFE
	unit := func(i int) uint16 {
		if big {
			return uint16(b[i])<<8 | uint16(b[i+1])
		}
		return uint16(b[i+1])<<8 | uint16(b[i])
	}
	if len(b)%2 != 0 {
		return "", &InputError{File: name, Offset: len(b) - 1, Reason: ErrInvalidUTF16}
	}
	for i := 2; i < len(b); i += 2 {
		u := unit(i)
		switch {
		case u == 0:
			return "", &InputError{File: name, Offset: i, Reason: ErrBinary}
		case utf16.IsSurrogate(rune(u)):
			if u >= 0xDC00 || i+2 >= len(b) {
				return "", &InputError{File: name, Offset: i, Reason: ErrInvalidUTF16}
			}
			if v := unit(i + 2); v < 0xDC00 || v > 0xDFFF {
				return "", &InputError{File: name, Offset: i, Reason: ErrInvalidUTF16}
			}
			i += 2
		}
	}
	endian := unicode.LittleEndian
	if big {
		endian = unicode.BigEndian
	}
	// IgnoreBOM keeps the BOM in the output as U+FEFF (see Decode).
	out, err := unicode.UTF16(endian, unicode.IgnoreBOM).NewDecoder().Bytes(b)
	if err != nil {
		return "", fmt.Errorf("decode %s: %w", name, err)
	}
	return string(out), nil
}
