package main

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"
)

// readInput reads the file named by a command's argument, or standard input
// for "-". It returns the name to show in messages and the bytes.
func readInput(c *cli.Context, u *ui, path string) (string, []byte, error) {
	if path == "-" {
		data, err := io.ReadAll(c.App.Reader)
		if err != nil {
			return "", nil, u.Fail("ReadFailed", map[string]any{"File": u.T("StdinName"), "Error": err.Error()}, err)
		}
		return u.T("StdinName"), data, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", nil, u.Fail("ReadFailed", map[string]any{"File": path, "Error": errorText(err)}, err)
	}
	return path, data, nil
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
