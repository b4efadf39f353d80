package main

import (
	"bytes"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/segments"
	"github.com/padan-tm/padan/tm"
)

func init() { register(newTranslateCommand) }

// newTranslateCommand is `padan translate DOC SEG TEXT --lang TAG [--by
// NAME]` or `padan translate DOC --from FILE --lang TAG`: record translator
// revisions.
func newTranslateCommand(u *ui) *cli.Command {
	return reviseCommand(u, "translate", tm.RoleTranslator)
}

// reviseCommand builds `padan translate` and `padan edit`, which differ
// only in the role they record.
func reviseCommand(u *ui, name string, role tm.Role) *cli.Command {
	prefix := map[tm.Role]string{tm.RoleTranslator: "Translate", tm.RoleEditor: "Edit"}[role]
	return &cli.Command{
		Name:        name,
		Usage:       u.T(prefix + "Usage"),
		ArgsUsage:   u.T("ReviseArgs"),
		Description: u.T(prefix + "Description"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: u.T("TMFlagLang")},
			&cli.StringFlag{Name: "by", Usage: u.T(prefix + "FlagBy")},
			&cli.StringFlag{Name: "from", Usage: u.T("ReviseFlagFrom")},
			&cli.StringFlag{Name: "note", Usage: u.T("ReviseFlagNote")},
		},
		Action: func(c *cli.Context) error { return reviseRun(c, u, role) },
	}
}

func reviseRun(c *cli.Context, u *ui, role tm.Role) error {
	from := c.String("from")
	var (
		entries []tm.Entry
		file    string
	)
	if from != "" {
		if err := needArgs(c, u, 1, 1); err != nil {
			return err
		}
	} else if err := needArgs(c, u, 3, 3); err != nil {
		return err
	}
	lang, err := langFlag(c, u, "lang")
	if err != nil {
		return err
	}
	if from != "" {
		var data []byte
		if file, data, err = readInputMax(c, u, from, inputLimits.tsv, true); err != nil {
			return err
		}
		if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
			// UTF-16, as segment reads it; the lines are checked as UTF-8.
			text, err := segments.Decode(file, data)
			if err != nil {
				return inputFailure(u, err)
			}
			data = []byte(text)
		}
		if entries, err = tm.ParseEntries(file, data); err != nil {
			return tmFailure(u, err, file)
		}
		for i := range entries {
			entries[i].Note = c.String("note")
		}
	} else {
		seg, err := segArg(c, u, c.Args().Get(1))
		if err != nil {
			return err
		}
		entries = []tm.Entry{{Index: seg, Text: c.Args().Get(2), Note: c.String("note"), Score: -1}}
	}
	store, err := openStore(c, u)
	if err != nil {
		return err
	}
	defer store.Close()
	ref := c.Args().First()
	author := c.String("by")
	if author == "" {
		doc, err := store.Document(c.Context, ref)
		if err != nil {
			return tmFailure(u, err, file)
		}
		author = defaultAuthor(u, doc, string(role))
		if author == "" {
			return u.Fail("TMNoAuthor", nil, nil)
		}
	}
	doc, err := store.Revise(c.Context, tm.Change{Document: ref, Language: lang, Role: role, Author: author, Entries: entries})
	if err != nil {
		return tmFailure(u, err, file)
	}
	id := map[tm.Role]string{tm.RoleTranslator: "TranslateDone", tm.RoleEditor: "EditDone"}[role]
	fmt.Fprintln(c.App.Writer, u.T(id, map[string]any{"Count": len(entries), "Doc": doc.Name, "Lang": lang, "Author": author}))
	return nil
}
