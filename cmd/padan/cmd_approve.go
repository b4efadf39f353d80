package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/tm"
)

func init() { register(newApproveCommand) }

// newApproveCommand is `padan approve DOC [SEG...] --lang TAG [--by NAME]`:
// make units final (without SEG: every reviewed unit).
func newApproveCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "approve",
		Usage:       u.T("ApproveUsage"),
		ArgsUsage:   u.T("ApproveArgs"),
		Description: u.T("ApproveDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: u.T("TMFlagLang")},
			&cli.StringFlag{Name: "by", Usage: u.T("ApproveFlagBy")},
		},
		Action: func(c *cli.Context) error { return approveRun(c, u) },
	}
}

func approveRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 1, -1); err != nil {
		return err
	}
	lang, err := langFlag(c, u, "lang")
	if err != nil {
		return err
	}
	var segs []int
	for _, a := range c.Args().Slice()[1:] {
		n, err := segArg(c, u, a)
		if err != nil {
			return err
		}
		segs = append(segs, n)
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
	n, err := store.Approve(c.Context, ref, lang, author, segs)
	if err != nil {
		return tmFailure(u, err, "")
	}
	fmt.Fprintln(c.App.Writer, u.T("ApproveDone", map[string]any{"Count": n, "Doc": ref, "Lang": lang, "Author": author}))
	return nil
}

// eventAuthor is the author of an approval or rejection: --by, else the
// document's credited editor, PADAN_USER or the OS user.
func eventAuthor(c *cli.Context, u *ui, store *tm.Store, ref string) (string, error) {
	if by := c.String("by"); by != "" {
		return by, nil
	}
	doc, err := store.Document(c.Context, ref)
	if err != nil {
		return "", tmFailure(u, err, "")
	}
	author := defaultAuthor(u, doc, "editor")
	if author == "" {
		return "", u.Fail("TMNoAuthor", nil, nil)
	}
	return author, nil
}
