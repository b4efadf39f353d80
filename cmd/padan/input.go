package main

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/segments"
	"github.com/padan-tm/padan/tm"
)

// inputLimits are the most bytes a command holds whole of what it reads:
// a text to segment (segment, import, align, align-import), a --from TSV
// file, a lookup query from standard input.
// Tests make them small.
var inputLimits = struct {
	document, tsv, query int64
}{64 << 20, 64 << 20, 1 << 20}

// binarySniff is how many bytes at the start of an input are looked at for
// a NUL, the sign of a file that is not text (UTF-16 aside).
const binarySniff = 8 << 10

// readInput reads the file named by a command's argument, or standard input
// for "-", whole, up to inputLimits.document. It returns the name to show
// in messages and the bytes.
func readInput(c *cli.Context, u *ui, path string) (string, []byte, error) {
	return readInputMax(c, u, path, inputLimits.document, false)
}

// readInputMax is readInput up to limit bytes. Files and standard input are
// read alike, as a stream: a NUL in the first bytes (of input that does
// not start with a UTF-16 byte order mark) is "not a text file" at once
// (for a file of lines, an error naming the line: a [tm.LineError]),
// and input longer than limit is refused, naming the limit, once limit
// bytes are read (a file's size is checked before reading it).
func readInputMax(c *cli.Context, u *ui, path string, limit int64, lines bool) (string, []byte, error) {
	name := path
	var r io.Reader
	size := int64(-1)
	if path == "-" {
		name, r = u.T("StdinName"), c.App.Reader
	} else {
		f, err := os.Open(path)
		if err != nil {
			return "", nil, u.Fail("ReadFailed", map[string]any{"File": path, "Error": errorText(err)}, err)
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
		r = f
	}
	fail := func(err error) error {
		return u.Fail("ReadFailed", map[string]any{"File": name, "Error": errorText(err)}, err)
	}
	head := make([]byte, min(binarySniff, limit+1))
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return "", nil, fail(err)
	}
	head = head[:n]
	if !bytes.HasPrefix(head, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		if i := bytes.IndexByte(head, 0); i >= 0 && lines {
			line := 1 + bytes.Count(head[:i], []byte("\n"))
			return "", nil, tmFailure(u, &tm.LineError{File: name, Line: line, Err: tm.ErrNUL}, name)
		} else if i >= 0 {
			return "", nil, inputFailure(u, &segments.InputError{File: name, Offset: i, Reason: segments.ErrBinary})
		}
	}
	tooLarge := func() error {
		return u.Fail("InputTooLarge", map[string]any{"File": name, "Limit": mebibytes(limit)}, errInputTooLarge)
	}
	if size > limit || int64(n) > limit {
		return "", nil, tooLarge()
	}
	if n < len(head) {
		return name, head, nil // all of it
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(limit+1, max(size+1, 64<<10))))
	buf.Write(head)
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1-int64(n))); err != nil {
		return "", nil, fail(err)
	}
	if int64(buf.Len()) > limit {
		return "", nil, tooLarge()
	}
	return name, buf.Bytes(), nil
}

// errInputTooLarge is the cause of the InputTooLarge failure.
var errInputTooLarge = errors.New("input too large")

// mebibytes writes a limit in bytes for a person: "64 MiB", or bytes when
// it is not a whole number of MiB (tests' small limits).
func mebibytes(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// errorText is the most specific part of an operating-system error, without
// the operation and path the message already names.
func errorText(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// outputFile returns where a command writes: standard output, or, for -o
// FILE, a temporary file beside FILE that commit renames to FILE, so that a
// failed command leaves no half-written file (and an existing FILE as it
// was); abort removes it and does nothing after commit. A new FILE gets mode
// 0644, an existing one keeps its mode. A FILE that is a device or a pipe
// is written to directly.
func outputFile(c *cli.Context, u *ui, path string) (w io.Writer, commit func() error, abort func(), err error) {
	if path == "" || path == "-" {
		return c.App.Writer, func() error { return nil }, func() {}, nil
	}
	fail := func(err error) error {
		return u.Fail("WriteFailed", map[string]any{"File": path, "Error": errorText(err)}, err)
	}
	// A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written to
	// directly: renaming a file over it would replace it.
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, nil, nil, fail(err)
		}
		closed := false
		abort = func() {
			if !closed {
				closed = true
				f.Close()
			}
		}
		commit = func() error {
			if closed {
				return nil
			}
			closed = true
			if err := f.Close(); err != nil {
				return fail(err)
			}
			return nil
		}
		return f, commit, abort, nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, nil, nil, fail(err)
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	done := false
	abort = func() {
		if !done {
			done = true
			f.Close()
			os.Remove(f.Name())
		}
	}
	commit = func() error {
		if done {
			return nil
		}
		err := f.Chmod(mode)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(f.Name(), path)
		}
		if err != nil {
			os.Remove(f.Name())
			done = true
			return fail(err)
		}
		done = true
		return nil
	}
	return f, commit, abort, nil
}
