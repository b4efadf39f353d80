package main

import (
	"io"
	"os"

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
