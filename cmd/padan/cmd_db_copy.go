package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/tm"
)

// newDBInitCommand is `padan db init`: create the database named by --db
// (or PADAN_DB) and bring its schema to this padan's version. On
// PostgreSQL it is the schema owner's command: the others run no DDL.
func newDBInitCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "init",
		Usage:       u.T("DBInitUsage"),
		Description: u.T("DBInitDescription"),
		Action: func(c *cli.Context) error {
			if err := needArgs(c, u, 0, 0); err != nil {
				return err
			}
			s, err := openDB(c, u, dbInit)
			if err != nil {
				return err
			}
			defer s.Close()
			fmt.Fprintln(c.App.Writer, u.T("DBInitDone", map[string]any{"File": tm.Redact(s.Path())}))
			return nil
		},
	}
}

// newDBCopyCommand is `padan db copy FROM TO`: copy a whole database into
// an empty one, on either backend, in one transaction of TO.
func newDBCopyCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "copy",
		Usage:       u.T("DBCopyUsage"),
		ArgsUsage:   u.T("DBCopyArgs"),
		Description: u.T("DBCopyDescription"),
		Action:      func(c *cli.Context) error { return dbCopyRun(c, u) },
	}
}

func dbCopyRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 2, 2); err != nil {
		return err
	}
	fromPath, toPath := c.Args().Get(0), c.Args().Get(1)
	from, err := openPath(c, u, fromPath, dbRead)
	if err != nil {
		return err
	}
	defer from.Close()
	// A file that TO's open creates is removed again when the copy fails,
	// so that a failed copy leaves no empty database behind.
	created := false
	if !tm.IsURL(toPath) {
		if _, err := os.Lstat(toPath); errors.Is(err, os.ErrNotExist) {
			created = true
		}
	}
	to, err := openPath(c, u, toPath, dbCreate)
	if err != nil {
		return err
	}
	defer to.Close()
	data := map[string]any{"From": tm.Redact(fromPath), "To": tm.Redact(toPath)}
	bar := newProgress(c, u, -1, "DBCopyProgress", false)
	rep, err := tm.Copy(c.Context, from, to, tm.CopyOptions{
		OnStart: func(rows int64) { bar.ChangeMax64(rows) },
		OnRows:  func(n int) { bar.Add(n) },
	})
	bar.Finish()
	if err != nil {
		if created {
			to.Close()
			for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
				os.Remove(toPath + suffix)
			}
		}
		data["Error"] = err.Error()
		switch {
		case errors.Is(err, tm.ErrNotEmpty):
			return u.Fail("DBCopyNotEmpty", data, err)
		case errors.Is(err, tm.ErrSchemaDiffers):
			return u.Fail("DBCopySchemaDiffers", data, err)
		}
		if _, ok := storeProblem(u, err); ok {
			return err // the app says so, naming the database
		}
		return u.Fail("DBCopyFailed", data, err)
	}
	data["Rows"] = rep.Rows
	fmt.Fprintln(c.App.Writer, u.T("DBCopyDone", data))
	return nil
}
