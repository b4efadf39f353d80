package tm

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseEntries(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Entry
		line int
		err  error
	}{
		{"simple", "# comment\n1\tOne.\n\n2\tTwo\\tthree\\nfour \\\\ five\n",
			[]Entry{{Index: 1, Text: "One.", Line: 2, Score: -1}, {Index: 2, Text: "Two\tthree\nfour \\ five", Line: 4, Score: -1}}, 0, nil},
		{"crlf and bom", "\uFEFF3\tThree.\r\n", []Entry{{Index: 3, Text: "Three.", Line: 1, Score: -1}}, 0, nil},
		{"tab in text", "1\ta\tb", []Entry{{Index: 1, Text: "a\tb", Line: 1, Score: -1}}, 0, nil},
		{"no tab", "1\tOne.\n2 Two.\n", nil, 2, ErrNoTab},
		{"bad index", "x\tOne.\n", nil, 1, ErrBadIndex},
		{"zero index", "0\tOne.\n", nil, 1, ErrBadIndex},
		{"signed index", "+1\tOne.\n", nil, 1, ErrBadIndex},
		{"bad escape", "#\n#\n1\tOne\\x.\n", nil, 3, ErrBadEscape},
		{"trailing backslash", "1\tOne\\", nil, 1, ErrBadEscape},
		{"empty text", "1\t  \n", nil, 1, ErrEmptyText},
		{"invalid utf8", "1\t\xff\n", nil, 1, ErrInvalidUTF8},
		{"NUL", "1\tOne.\n2\tT\x00wo.\n", nil, 2, ErrNUL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseEntries("f.tsv", []byte(tt.in))
			if tt.err != nil {
				var le *LineError
				if !errors.As(err, &le) || le.Line != tt.line || le.File != "f.tsv" || !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want line %d %v", err, tt.line, tt.err)
				}
				if got != nil {
					t.Errorf("entries returned with an error: %v", got)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

// FuzzParseEntries checks that the parser never panics, that what it
// accepts re-encodes (AppendEntry) to lines it reads back the same, and
// that Escape and Unescape are inverse.
func FuzzParseEntries(f *testing.F) {
	f.Add([]byte("1\tOne.\n# c\n2\tTwo\\tx\\n\\\\\n"))
	f.Add([]byte("\uFEFF3\tThree.\r\n"))
	f.Add([]byte("1\ta\\"))
	f.Add([]byte("x\ty\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := ParseEntries("fuzz", data)
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) || le.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		// Escape writes every line break (CR, LF, CRLF) as \n.
		breaks := strings.NewReplacer("\r\n", "\n", "\r", "\n")
		var b []byte
		for i, e := range entries {
			entries[i].Text = breaks.Replace(e.Text)
			if u, err := Unescape(Escape(e.Text)); err != nil || u != entries[i].Text {
				t.Fatalf("Unescape(Escape(%q)) = %q, %v", e.Text, u, err)
			}
			b = AppendEntry(b, e.Index, e.Text)
		}
		again, err := ParseEntries("fuzz", b)
		if err != nil || len(again) != len(entries) {
			t.Fatalf("re-encoded entries do not parse: %v\n%q", err, b)
		}
		for i := range again {
			if again[i].Index != entries[i].Index || again[i].Text != entries[i].Text {
				t.Fatalf("round trip: %+v != %+v", again[i], entries[i])
			}
		}
	})
}
