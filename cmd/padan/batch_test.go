package main

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf16"
)

// batchRequest is a --batch request as segment and lookup read it.
type batchRequest struct {
	ID   json.RawMessage `json:"id"`
	Text *string         `json:"text"`
}

// readBatch reads every request of input; it returns the texts read and
// the error that stopped it.
func readBatch(t testing.TB, input string) ([]string, []string, error) {
	u, _ := newUI(nil, func(string) string { return "" })
	in := newBatchInput(u, "in.jsonl", strings.NewReader(input), `{"id":1,"text":"…"}`)
	var ids, texts []string
	for {
		var req batchRequest
		ok, err := in.next(&req, func() bool { return req.Text != nil })
		if err != nil || !ok {
			return ids, texts, err
		}
		ids = append(ids, string(batchID(req.ID)))
		texts = append(texts, *req.Text)
	}
}

func utf16LE(s string) string {
	var b []byte
	for _, r := range utf16.Encode([]rune(s)) {
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

func TestBatchInput(t *testing.T) {
	for _, tt := range []struct {
		name, input string
		ids, texts  []string
		err         string
	}{
		{"ids as given", "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":7,\"text\":\"y\"}\n{\"text\":\"z\"}\n",
			[]string{`"a"`, "7", "null"}, []string{"x", "y", "z"}, ""},
		{"blank lines and CRLF", "\r\n{\"id\":1,\"text\":\"x\"}\r\n  \r\n{\"id\":2,\"text\":\"y\"}", []string{"1", "2"}, []string{"x", "y"}, ""},
		{"UTF-8 BOM", "\uFEFF{\"id\":1,\"text\":\"x\"}\n", []string{"1"}, []string{"x"}, ""},
		{"UTF-16 BOM", utf16LE("\uFEFF{\"id\":1,\"text\":\"é\"}\n"), []string{"1"}, []string{"é"}, ""},
		{"empty", "", nil, nil, ""},
		{"not JSON", "{\"id\":1,\"text\":\"x\"}\nnot json\n", []string{"1"}, []string{"x"},
			`in.jsonl: line 2: expected a JSON object such as {"id":1,"text":"…"}`},
		{"missing field", "\n{\"id\":1,\"txt\":\"x\"}\n", nil, nil, `in.jsonl: line 2: expected a JSON object such as`},
		{"not an object", "[1,2]\n", nil, nil, `in.jsonl: line 1: expected a JSON object`},
		{"invalid UTF-8", "{\"id\":1,\"text\":\"caf\xe9\"}\n", nil, nil, "in.jsonl: line 1: not valid UTF-8"},
		{"too long", "{\"id\":1,\"text\":\"x\"}\n" + strings.Repeat("a", batchMaxLine+1), []string{"1"}, []string{"x"}, "in.jsonl: line 2: longer than 16 MiB"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ids, texts, err := readBatch(t, tt.input)
			if strings.Join(ids, ",") != strings.Join(tt.ids, ",") || strings.Join(texts, ",") != strings.Join(tt.texts, ",") {
				t.Errorf("read ids %q texts %q, want %q %q", ids, texts, tt.ids, tt.texts)
			}
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)):
				t.Errorf("error %v, want %q…", err, tt.err)
			}
		})
	}
}

// FuzzBatchInput: any input is read without panic, line by line, each
// request either decoded or refused with an error naming its line.
func FuzzBatchInput(f *testing.F) {
	f.Add("{\"id\":1,\"text\":\"x\"}\n{\"text\":\"y\"}\n")
	f.Add("\uFEFF{\"id\":\"a\",\"text\":\"\"}\r\n\r\n")
	f.Add(utf16LE("\uFEFF{\"id\":1,\"text\":\"x\"}\n"))
	f.Add("{\"id\":1,\"text\":\"caf\xe9\"}\nnot json")
	f.Fuzz(func(t *testing.T, input string) {
		_, texts, err := readBatch(t, input)
		if err != nil && !strings.HasPrefix(err.Error(), "in.jsonl: line ") {
			t.Fatalf("error %q does not name the line", err)
		}
		if n := strings.Count(input, "\n") + 1; len(texts) > n {
			t.Fatalf("%d requests from %d lines", len(texts), n)
		}
	})
}
