package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/tm"
)

func init() { register(newPretranslateCommand) }

// newPretranslateCommand is `padan pretranslate DOC --lang TAG [--min 100]`:
// fill a document's untranslated units from the memory.
func newPretranslateCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "pretranslate",
		Usage:       u.T("PretranslateUsage"),
		ArgsUsage:   u.T("PretranslateArgs"),
		Description: u.T("PretranslateDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: u.T("PretranslateFlagLang")},
			&cli.IntFlag{Name: "min", Value: 100, Usage: u.T("LookupFlagMin", map[string]any{"Default": 100})},
			&cli.StringFlag{Name: "by", Usage: u.T("PretranslateFlagBy")},
		},
		Action: func(c *cli.Context) error { return pretranslateRun(c, u) },
	}
}

func pretranslateRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 1, 1); err != nil {
		return err
	}
	lang, err := langFlag(c, u, "lang")
	if err != nil {
		return err
	}
	min := c.Int("min")
	if min < 1 || min > 100 {
		return u.usageFor(c.Command.FullName(), "LookupMinInvalid", map[string]any{"Value": min})
	}
	s, err := openStore(c, u)
	if err != nil {
		return err
	}
	defer s.Close()
	ref := c.Args().First()
	doc, err := s.Document(c.Context, ref)
	if err != nil {
		return tmFailure(u, err, "")
	}
	by := c.String("by")
	if by == "" {
		by = defaultAuthor(u, doc, "translator")
	}
	res, err := s.Pretranslate(c.Context, tm.PretranslateOptions{Document: ref, Language: lang, Min: min, Author: by})
	if err != nil {
		return tmFailure(u, err, "")
	}
	fmt.Fprintln(c.App.Writer, u.T("PretranslateDone", map[string]any{"Doc": res.Document.Name, "Count": res.Filled, "Exact": res.Exact,
		"Unmatched": res.Unmatched, "Translated": res.Translated, "Min": min}))
	return nil
}
