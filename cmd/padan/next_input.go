package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// answerReader reads the answers of `padan next --interactive`, one line
// per prompt; io.EOF when the person leaves (the end of the input, or
// Ctrl-C or Ctrl-D at a terminal).
type answerReader interface {
	// ReadAnswer shows the prompt and returns the line typed. best is the
	// text Tab puts on the line for editing ("" for none).
	ReadAnswer(prompt, best string) (string, error)
	// Close gives the terminal back as it was.
	Close() error
}

// newAnswerReader returns a line editor when in and out are a terminal
// (arrows, Home/End, Backspace, the session's history on Up/Down, Tab to
// take the best text), else a reader of plain lines for scripts.
func newAnswerReader(in io.Reader, out io.Writer) answerReader {
	if ew, ok := out.(*errWriter); ok {
		out = ew.w // standard output, which newApp wraps
	}
	fin, ok1 := in.(*os.File)
	fout, ok2 := out.(*os.File)
	if ok1 && ok2 && term.IsTerminal(int(fin.Fd())) && term.IsTerminal(int(fout.Fd())) {
		return &termAnswers{in: fin, t: term.NewTerminal(struct {
			io.Reader
			io.Writer
		}{fin, fout}, "")}
	}
	return &lineAnswers{in: bufio.NewReader(in), out: out}
}

// lineAnswers reads plain lines: standard input is a file or a pipe.
type lineAnswers struct {
	in  *bufio.Reader
	out io.Writer
}

func (l *lineAnswers) ReadAnswer(prompt, _ string) (string, error) {
	fmt.Fprint(l.out, prompt)
	line, err := l.in.ReadString('\n')
	if err == io.EOF && line != "" {
		err = nil
	}
	return strings.TrimRight(line, "\r\n"), err
}

func (l *lineAnswers) Close() error { return nil }

// termAnswers edits lines at a terminal with golang.org/x/term's
// Terminal, which keeps the session's history. The terminal is in raw
// mode only while a line is read, so that everything else prints as
// usual.
type termAnswers struct {
	in *os.File
	t  *term.Terminal
}

// keyTab is the key that takes the best text.
const keyTab = '\t'

func (a *termAnswers) ReadAnswer(prompt, best string) (string, error) {
	fd := int(a.in.Fd())
	if w, h, err := term.GetSize(fd); err == nil && w > 0 && h > 0 {
		a.t.SetSize(w, h) // else the Terminal's 80 columns
	}
	a.t.SetPrompt(prompt)
	a.t.AutoCompleteCallback = func(line string, pos int, key rune) (string, int, bool) {
		if key != keyTab || best == "" {
			return "", 0, false
		}
		return best, len(best), true
	}
	old, err := term.MakeRaw(fd)
	if err != nil {
		return "", fmt.Errorf("terminal: %w", err)
	}
	// SIGTERM (or SIGINT sent by kill) while the terminal is raw must not
	// leave it raw: padan exits from its signal handler (runProcess).
	done := atInterrupt(func() { term.Restore(fd, old) })
	line, err := a.t.ReadLine()
	done()
	if rerr := term.Restore(fd, old); rerr != nil && err == nil {
		err = rerr
	}
	if errors.Is(err, term.ErrPasteIndicator) {
		err = nil // a pasted line is a line
	}
	return line, err
}

func (a *termAnswers) Close() error { return nil }
