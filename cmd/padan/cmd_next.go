package main

import (
	"context"
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
// unit without a translation, sent back, or holding only a pre-translation
// proposal (all initial); for an editor a translated unit (an exact or
// context pre-translation too, see tm.PretranslationRules).
func needsWork(unit tm.Unit, role tm.Role) bool {
	if role == tm.RoleEditor {
		return unit.Status == tm.StatusTranslated
	}
	return unit.Status == tm.StatusInitial
}

// candidate is a text the translator can take for a unit as it is.
type candidate struct{ text, codes string }

// candidates are what a translator can take for a unit, best first, in
// the order showUnit shows them: the translation of the unit this one
// replaced in a new version of the document (its suggestion), a
// pre-translation proposal, then the memory's matches.
func candidates(unit tm.Unit, ms []tm.Match) []candidate {
	var cs []candidate
	if unit.Suggestion != "" && unit.Status == tm.StatusInitial {
		cs = append(cs, candidate{text: unit.Suggestion})
	}
	if p := unit.Proposal(); p != nil {
		cs = append(cs, candidate{p.Text, p.Codes})
	}
	for _, m := range ms {
		cs = append(cs, candidate{m.Target, m.Codes})
	}
	return cs
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
	var in answerReader
	if c.Bool("interactive") {
		in = newAnswerReader(c.App.Reader, w)
		defer in.Close()
	}
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
			fmt.Fprintln(w, u.T("NextNone", map[string]any{"Doc": t.Document.Name, "Lang": lang, "Role": roleName(u, role)}))
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
			return u.Fail("LookupFailed", map[string]any{"Error": u.errorText(err)}, err)
		}
		tmatch, err := termMatcher(c, s, t.Document.Language, lang)
		if err != nil {
			return tmFailure(u, err, "")
		}
		showUnit(w, u, t, i, ms, color, findTerms(tmatch, unit.Source))
		if !c.Bool("interactive") {
			return nil
		}
		by := c.String("by")
		if by == "" {
			by = defaultAuthor(u, t.Document, string(role))
		}
		// Tab puts the best text on the line for editing: the translator's
		// best candidate, the editor's current text.
		prompt, best, bestCodes := u.T("NextPromptTranslator"), "", ""
		if role == tm.RoleEditor {
			prompt, best = u.T("NextPromptEditor"), unit.Target
			if n := len(unit.Revisions); n > 0 {
				bestCodes = unit.Revisions[n-1].Codes
			}
		} else if cs := candidates(unit, ms); len(cs) > 0 {
			best, bestCodes = cs[0].text, cs[0].codes
		}
		for {
			answer, err := in.ReadAnswer(prompt, best)
			if err == io.EOF {
				// The end of the input, Ctrl-D or Ctrl-C: what was
				// recorded stays (each answer is its own transaction).
				fmt.Fprintln(w)
				fmt.Fprintln(w, u.T("NextSummary", map[string]any{"Count": recorded, "Skipped": nskipped}))
				return nil
			}
			if err != nil {
				return u.Fail("ReadFailed", map[string]any{"File": u.T("StdinName"), "Error": u.errorText(err)}, err)
			}
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
					// The editor read the unit and keeps its text: a review,
					// recorded as the editor's revision, and the approval, in
					// one transaction.
					err := s.Update(c.Context, func(ctx context.Context, tx *tm.Tx) error {
						_, err := tx.Revise(ctx, tm.Change{Document: ref, Language: lang, Role: role, Author: by,
							Entries: []tm.Entry{{Index: unit.Index, Text: unit.Target, Codes: bestCodes, Score: -1}}})
						if err == nil {
							_, err = tx.Approve(ctx, ref, lang, by, []int{unit.Index})
						}
						return err
					})
					if err != nil {
						return tmFailure(u, err, "")
					}
				} else {
					cs := candidates(unit, ms)
					if len(cs) == 0 {
						fmt.Fprintln(w, u.T("NextNoMatch"))
						continue
					}
					if err := reviseOne(c, s, ref, lang, role, by, unit.Index, cs[0].text, cs[0].codes); err != nil {
						return tmFailure(u, err, "")
					}
				}
				recorded++
			default:
				codes := ""
				if answer == best {
					codes = bestCodes // taken with Tab as it was: its inline codes too
				}
				if err := reviseOne(c, s, ref, lang, role, by, unit.Index, answer, codes); err != nil {
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

// showUnit prints the unit to work on, the terms found in its source, its
// neighbours and its matches.
func showUnit(w io.Writer, u *ui, t *tm.Translation, i int, ms []tm.Match, color bool, terms []foundTerm) {
	unit := t.Units[i]
	fmt.Fprintln(w, u.T("NextHeader", map[string]any{"Doc": t.Document.Name, "Index": unit.Index, "Total": len(t.Units),
		"Status": unitStatusLabel(u, &unit)}))
	if i > 0 {
		p := t.Units[i-1]
		fmt.Fprintln(w, u.T("NextPrevious", map[string]any{"Source": p.Source}))
		if p.Target != "" {
			fmt.Fprintln(w, u.T("LookupMatchTarget", map[string]any{"Text": p.Target}))
		}
	}
	fmt.Fprintln(w, u.T("NextSource", map[string]any{"Source": unit.Source}))
	if len(terms) > 0 {
		fmt.Fprintln(w, "   "+u.T("TermsFound", map[string]any{"List": termsLine(u, terms)}))
	}
	proposal := unit.Proposal()
	if unit.Target != "" && proposal == nil {
		fmt.Fprintln(w, u.T("NextCurrent", map[string]any{"Text": unit.Target}))
	}
	for _, n := range unit.Notes() {
		fmt.Fprintln(w, u.T("NextNote", map[string]any{"Note": n}))
	}
	if i+1 < len(t.Units) {
		fmt.Fprintln(w, u.T("NextFollowing", map[string]any{"Source": t.Units[i+1].Source}))
	}
	fmt.Fprintln(w)
	// What the translator can take, in the order of candidates.
	if unit.Suggestion != "" && unit.Status == tm.StatusInitial {
		fmt.Fprintln(w, u.T("SegmentsSuggestion", map[string]any{"Text": unit.Suggestion}))
	}
	if proposal != nil {
		fmt.Fprintln(w, u.T("FlowProposal", map[string]any{"Score": scoreText(u, proposal.Score), "Text": proposal.Text}))
		if proposal.MatchSource != "" && proposal.MatchSource != unit.Source {
			fmt.Fprintln(w, "  "+u.T("FlowProposalSource", map[string]any{"Text": proposal.MatchSource}))
		}
	}
	if len(ms) == 0 && (proposal != nil || unit.Suggestion != "" && unit.Status == tm.StatusInitial) {
		return
	}
	writeMatches(w, u, unit.Source, ms, color)
}
