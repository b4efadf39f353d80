package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/tm"
)

func init() { register(newApproveCommand) }

// newApproveCommand is `padan approve DOC [SEG...] --lang TAG [--by NAME]
// [--skip-review]`: make reviewed units final (without SEG: every reviewed
// unit; with --skip-review translated ones too, recorded as such).
func newApproveCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "approve",
		Usage:       u.T("ApproveUsage"),
		ArgsUsage:   u.T("ApproveArgs"),
		Description: u.T("ApproveDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: u.T("TMFlagLang")},
			&cli.StringFlag{Name: "by", Usage: u.T("ApproveFlagBy")},
			&cli.BoolFlag{Name: "skip-review", Usage: u.T("ApproveFlagSkipReview")},
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
	n, err := store.ApproveWith(c.Context, ref, lang, author, segs, tm.ApproveOptions{SkipReview: c.Bool("skip-review")})
	var nre *tm.NotReviewedError
	if errors.As(err, &nre) {
		return u.Fail("ApproveNotReviewed", map[string]any{"Doc": nre.Document, "Lang": nre.Language, "Index": nre.Index}, err)
	}
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
