package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/tm"
)

func init() { register(newNextCommand) }

// newNextCommand is `padan next DOC --lang TAG [--role translator|editor]
// [--interactive]`: the working loop of a translator (or editor) in a
// terminal.
func newNextCommand(u *ui) *cli.Command {
	return &cli.Command{
		Name:        "next",
		Usage:       u.T("NextUsage"),
		ArgsUsage:   u.T("PretranslateArgs"),
		Description: u.T("NextDescription"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: u.T("PretranslateFlagLang")},
			&cli.StringFlag{Name: "role", Value: "translator", Usage: u.T("NextFlagRole")},
			&cli.BoolFlag{Name: "interactive", Aliases: []string{"i"}, Usage: u.T("NextFlagInteractive")},
			&cli.IntFlag{Name: "min", Value: 75, Usage: u.T("LookupFlagMin", map[string]any{"Default": 75})},
			&cli.IntFlag{Name: "max", Value: 3, Usage: u.T("LookupFlagMax", map[string]any{"Default": 3})},
			&cli.StringFlag{Name: "by", Usage: u.T("NextFlagBy")},
		},
		Action: func(c *cli.Context) error { return nextRun(c, u) },
	}
}

// needsWork reports whether a unit waits for the role: for a translator a
// unit without a translation, sent back, or only pre-translated; for an
// editor a translated unit.
func needsWork(unit tm.Unit, role tm.Role) bool {
	if role == tm.RoleEditor {
		return unit.Status == tm.StatusTranslated
	}
	if unit.Status == tm.StatusInitial {
		return true
	}
	n := len(unit.Revisions)
	return unit.Status == tm.StatusTranslated && n > 0 && unit.Revisions[n-1].Role == tm.RolePretranslation
}

func nextRun(c *cli.Context, u *ui) error {
	if err := needArgs(c, u, 1, 1); err != nil {
		return err
	}
	lang, err := langFlag(c, u, "lang")
	if err != nil {
		return err
	}
	role := tm.Role(c.String("role"))
	if role != tm.RoleTranslator && role != tm.RoleEditor {
		return u.usageFor(c.Command.FullName(), "NextRoleInvalid", map[string]any{"Value": c.String("role")})
	}
	min, max, err := matchFlags(c, u)
	if err != nil {
		return err
	}
	mode := dbRead
	if c.Bool("interactive") {
		mode = dbExisting
	}
	s, err := openDB(c, u, mode)
	if err != nil {
		return err
	}
	defer s.Close()
	ref := c.Args().First()
	w := c.App.Writer
	color := useColor(w, u.Getenv)
	in := bufio.NewReader(c.App.Reader)
	skipped := map[int]bool{}
	recorded, nskipped := 0, 0
	for {
		t, err := s.Translation(c.Context, ref, lang, false)
		if err != nil {
			return tmFailure(u, err, "")
		}
		i := -1
		for k, unit := range t.Units {
			if !skipped[unit.Index] && needsWork(unit, role) {
				i = k
				break
			}
		}
		if i < 0 {
			fmt.Fprintln(w, u.T("NextNone", map[string]any{"Doc": t.Document.Name, "Lang": lang, "Role": string(role)}))
			break
		}
		unit := t.Units[i]
		q := tm.LookupQuery{Text: unit.Source, SourceLang: t.Document.Language, TargetLang: lang, Min: min, Max: max}
		if i > 0 {
			q.Prev = t.Units[i-1].Source
		}
		if i+1 < len(t.Units) {
			q.Next = t.Units[i+1].Source
		}
		ms, err := s.Lookup(c.Context, q)
		if err != nil {
			return u.Fail("LookupFailed", map[string]any{"Error": err.Error()}, err)
		}
		showUnit(w, u, t, i, ms, color)
		if !c.Bool("interactive") {
			return nil
		}
		by := c.String("by")
		if by == "" {
			by = defaultAuthor(u, t.Document, string(role))
		}
		for {
			if role == tm.RoleEditor {
				fmt.Fprint(w, u.T("NextPromptEditor"))
			} else {
				fmt.Fprint(w, u.T("NextPromptTranslator"))
			}
			line, err := in.ReadString('\n')
			if err != nil && err != io.EOF {
				return u.Fail("ReadFailed", map[string]any{"File": u.T("StdinName"), "Error": err.Error()}, err)
			}
			if err == io.EOF && line == "" {
				fmt.Fprintln(w)
				fmt.Fprintln(w, u.T("NextSummary", map[string]any{"Count": recorded, "Skipped": nskipped}))
				return nil
			}
			answer := strings.TrimRight(line, "\r\n")
			switch strings.TrimSpace(answer) {
			case "q":
				fmt.Fprintln(w)
				fmt.Fprintln(w, u.T("NextSummary", map[string]any{"Count": recorded, "Skipped": nskipped}))
				return nil
			case "s":
				skipped[unit.Index] = true
				nskipped++
			case "":
				if role == tm.RoleEditor {
					if _, err := s.Approve(c.Context, ref, lang, by, []int{unit.Index}); err != nil {
						return tmFailure(u, err, "")
					}
				} else {
					if len(ms) == 0 {
						fmt.Fprintln(w, u.T("NextNoMatch"))
						continue
					}
					if err := reviseOne(c, s, ref, lang, role, by, unit.Index, ms[0].Target, ms[0].Codes); err != nil {
						return tmFailure(u, err, "")
					}
				}
				recorded++
			default:
				if err := reviseOne(c, s, ref, lang, role, by, unit.Index, answer, ""); err != nil {
					return tmFailure(u, err, "")
				}
				recorded++
			}
			break
		}
		fmt.Fprintln(w)
	}
	if c.Bool("interactive") {
		fmt.Fprintln(w, u.T("NextSummary", map[string]any{"Count": recorded, "Skipped": nskipped}))
	}
	return nil
}

// reviseOne records one text as a revision in its own transaction.
func reviseOne(c *cli.Context, s *tm.Store, ref, lang string, role tm.Role, by string, index int, text, codes string) error {
	_, err := s.Revise(c.Context, tm.Change{Document: ref, Language: lang, Role: role, Author: by,
		Entries: []tm.Entry{{Index: index, Text: text, Codes: codes, Score: -1}}})
	return err
}

// showUnit prints the unit to work on, its neighbours and its matches.
func showUnit(w io.Writer, u *ui, t *tm.Translation, i int, ms []tm.Match, color bool) {
	unit := t.Units[i]
	fmt.Fprintln(w, u.T("NextHeader", map[string]any{"Doc": t.Document.Name, "Index": unit.Index, "Total": len(t.Units),
		"Status": statusLabel(u, unit.Status)}))
	if i > 0 {
		p := t.Units[i-1]
		fmt.Fprintln(w, u.T("NextPrevious", map[string]any{"Source": p.Source}))
		if p.Target != "" {
			fmt.Fprintln(w, u.T("LookupMatchTarget", map[string]any{"Text": p.Target}))
		}
	}
	fmt.Fprintln(w, u.T("NextSource", map[string]any{"Source": unit.Source}))
	if unit.Target != "" {
		fmt.Fprintln(w, u.T("NextCurrent", map[string]any{"Text": unit.Target}))
	}
	for _, n := range unit.Notes() {
		fmt.Fprintln(w, u.T("NextNote", map[string]any{"Note": n}))
	}
	if i+1 < len(t.Units) {
		fmt.Fprintln(w, u.T("NextFollowing", map[string]any{"Source": t.Units[i+1].Source}))
	}
	fmt.Fprintln(w)
	writeMatches(w, u, unit.Source, ms, color)
}
