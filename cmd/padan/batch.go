package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"unicode/utf8"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// batchMaxLine is the longest line --batch reads, in bytes.
const batchMaxLine = 16 << 20

// batchInput is the input of a command's --batch mode, the same for every
// command that has one: JSON lines, one request each, read from the file
// that the command's only argument names, or from standard input when the
// argument is "-" or absent. Blank lines are skipped; a byte order mark
// (UTF-8, or UTF-16, which is decoded) and CRLF line ends are fine. Lines
// are read one at a time, so that a program can write a line and read its
// answer before writing the next.
type batchInput struct {
	u       *ui
	name    string // the input's name in messages
	example string // a good line, shown in the error about a bad one
	sc      *bufio.Scanner
	close   func() error
	line    int
}

// openBatch opens the input of --batch for the command c. example is a
// line that the command accepts, shown when a line is bad.
func openBatch(c *cli.Context, u *ui, example string) (*batchInput, error) {
	if c.Args().Len() > 1 {
		name := c.Command.FullName()
		return nil, u.usageFor(name, "BatchArgs", map[string]any{"Command": name})
	}
	path := c.Args().First()
	if path == "" || path == "-" {
		return newBatchInput(u, u.T("StdinName"), c.App.Reader, example), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, u.Fail("ReadFailed", map[string]any{"File": path, "Error": errorText(err)}, err)
	}
	b := newBatchInput(u, path, f, example)
	b.close = f.Close
	return b, nil
}

// newBatchInput reads the --batch lines of r, called name in messages.
func newBatchInput(u *ui, name string, r io.Reader, example string) *batchInput {
	b := &batchInput{u: u, name: name, example: example, close: func() error { return nil }}
	b.sc = bufio.NewScanner(transform.NewReader(r, unicode.BOMOverride(transform.Nop)))
	b.sc.Buffer(make([]byte, 64*1024), batchMaxLine)
	return b
}

// Close closes the input file.
func (b *batchInput) Close() error { return b.close() }

// next decodes the next non-blank line into v and checks it with valid
// (the fields the command needs are there). It returns false at the end of
// the input. A line that is not valid UTF-8, not a JSON object or not
// valid is an error naming the input and the line.
func (b *batchInput) next(v any, valid func() bool) (bool, error) {
	for b.sc.Scan() {
		b.line++
		line := bytes.TrimSpace(b.sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if !utf8.Valid(line) {
			return false, b.u.Fail("BatchLineUTF8", map[string]any{"File": b.name, "Line": b.line}, errors.New("invalid UTF-8"))
		}
		if err := json.Unmarshal(line, v); err != nil || !valid() {
			if err == nil {
				err = errors.New("missing field")
			}
			return false, b.u.Fail("BatchLineBad", map[string]any{"File": b.name, "Line": b.line, "Example": b.example}, err)
		}
		return true, nil
	}
	err := b.sc.Err()
	switch {
	case errors.Is(err, bufio.ErrTooLong):
		return false, b.u.Fail("BatchLineTooLong", map[string]any{"File": b.name, "Line": b.line + 1, "Max": batchMaxLine >> 20}, err)
	case err != nil:
		return false, b.u.Fail("ReadFailed", map[string]any{"File": b.name, "Error": errorText(err)}, err)
	}
	return false, nil
}

// batchID is a request's id as given (a string, a number, …), or null when
// it has none: answers echo it.
func batchID(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return json.RawMessage("null")
	}
	return raw
}

// answer writes one answer of --batch as a JSON line and flushes it, so
// that the program that sent the request gets it at once.
func (b *batchInput) answer(w *bufio.Writer, v any) error {
	if err := writeJSONLine(w, v); err != nil {
		return err
	}
	return w.Flush()
}
