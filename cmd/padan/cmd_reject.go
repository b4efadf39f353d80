package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

func init() { register(newRejectCommand) }

// newRejectCommand is `padan reject DOC SEG --note TEXT --lang TAG [--by
// NAME]`: send a unit back to the translator with a note.
func newRejectCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "reject",
		Usage:       u.T("RejectUsage"),
		ArgsUsage:   u.T("RejectArgs"),
		Description: u.T("RejectDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: u.T("TMFlagLang")},
			&cli.StringFlag{Name: "note", Usage: u.T("RejectFlagNote")},
			&cli.StringFlag{Name: "by", Usage: u.T("ApproveFlagBy")},
		},
		Action: func(c *cli.Context) error { return rejectRun(c, u) },
	}
}

func rejectRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 2, 2); err != nil {
		return err
	}
	lang, err := langFlag(c, u, "lang")
	if err != nil {
		return err
	}
	seg, err := segArg(c, u, c.Args().Get(1))
	if err != nil {
		return err
	}
	note := strings.TrimSpace(c.String("note"))
	if note == "" {
		return u.usageFor(c.Command.Name, "RejectNeedsNote", nil)
	}
	store, err := openStore(c, u)
	if err != nil {
		return err
	}
	defer store.Close()
	ref := c.Args().First()
	author, err := eventAuthor(c, u, store, ref)
	if err != nil {
		return err
	}
	if err := store.Reject(c.Context, ref, lang, author, seg, note); err != nil {
		return tmFailure(u, err, "")
	}
	fmt.Fprintln(c.App.Writer, u.T("RejectDone", map[string]any{"Index": seg, "Doc": ref, "Lang": lang, "Author": author}))
	return nil
}
