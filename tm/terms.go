package tm

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/internal/stored"
)

// Term is one row of the term base: a source term and one of its
// translations, with the translation's status ("preferred", "admitted" or
// "forbidden"), who added it and when.
type Term struct {
	SourceLang, TargetLang string
	Source, Target         string
	Status                 string
	Note                   string
	Author                 string
	Created                time.Time
	// Line is where the term came from in an imported file, or 0; errors
	// name it.
	Line int
}

// TermStatuses are the statuses a [Term] may have.
var TermStatuses = []string{"preferred", "admitted", "forbidden"}

// AddTerms adds terms to the term base in one transaction: all or none. A
// term already there (same languages, source and target) takes the new
// status and note and keeps who added it and when; a term without an
// author gets author. It returns how many were new and how many changed.
func (s *Store) AddTerms(ctx context.Context, author string, terms []Term) (added, changed int, err error) {
	author = strings.TrimSpace(stored.NFC(author))
	now := s.now()
	err = s.session(nil).withTx(ctx, func(tx backend.Tx) error {
		for _, t := range terms {
			if err := t.normalize(); err != nil {
				return err
			}
			by := t.Author
			if by == "" {
				by = author
			}
			if by == "" {
				return fmt.Errorf("term %q: author: %w", t.Source, ErrEmpty)
			}
			created := now
			if !t.Created.IsZero() {
				created = stored.Time(t.Created)
			}
			status, note, found, err := tx.Term(ctx, t.SourceLang, t.TargetLang, t.Source, t.Target)
			switch {
			case err != nil:
				return err
			case !found:
				added++
			case status != t.Status || note != t.Note:
				changed++
			}
			if err := tx.PutTerm(ctx, backend.TermRow{SourceLang: t.SourceLang, TargetLang: t.TargetLang, Source: t.Source,
				Target: t.Target, Status: t.Status, Note: t.Note, Author: by, Created: created}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("add terms: %w", err)
	}
	return added, changed, nil
}

// TermError is a term [Store.AddTerms] refuses: its line in the file it
// came from (0 when none), the term and why.
type TermError struct {
	Line   int
	Source string
	Err    error
}

// Error describes the problem in English.
func (e *TermError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: term %q: %v", e.Line, e.Source, e.Err)
	}
	return fmt.Sprintf("term %q: %v", e.Source, e.Err)
}

// Unwrap returns the reason.
func (e *TermError) Unwrap() error { return e.Err }

// normalize checks a term and puts its texts in NFC and its languages in
// canonical form.
func (t *Term) normalize() error {
	fail := func(err error) error { return &TermError{Line: t.Line, Source: t.Source, Err: err} }
	var err error
	if t.SourceLang, err = CanonicalLanguage(t.SourceLang); err != nil {
		return fail(err)
	}
	if t.TargetLang, err = CanonicalLanguage(t.TargetLang); err != nil {
		return fail(err)
	}
	t.Source, t.Target = strings.TrimSpace(stored.NFC(t.Source)), strings.TrimSpace(stored.NFC(t.Target))
	t.Note, t.Author = strings.TrimSpace(stored.NFC(t.Note)), strings.TrimSpace(stored.NFC(t.Author))
	if t.Source == "" || t.Target == "" {
		return fail(ErrEmpty)
	}
	if t.Status == "" {
		t.Status = "preferred"
	}
	for _, st := range TermStatuses {
		if t.Status == st {
			return nil
		}
	}
	return fail(fmt.Errorf("status %q: %w", t.Status, ErrBadStatus))
}

// Terms returns the term base's terms from sourceLang into targetLang
// (either "" for any), by source, then status, then target.
func (s *Store) Terms(ctx context.Context, sourceLang, targetLang string) ([]Term, error) {
	var out []Term
	err := s.session(nil).readTx(ctx, func(tx backend.Tx) error {
		var langs [2]string
		for i, tag := range []string{sourceLang, targetLang} {
			if tag == "" {
				continue
			}
			c, err := CanonicalLanguage(tag)
			if err != nil {
				return err
			}
			langs[i] = c
		}
		rows, err := tx.Terms(ctx, langs[0], langs[1])
		if err != nil {
			return err
		}
		for _, r := range rows {
			out = append(out, Term{SourceLang: r.SourceLang, TargetLang: r.TargetLang, Source: r.Source, Target: r.Target,
				Status: r.Status, Note: r.Note, Author: r.Author, Created: stored.ParseTime(r.Created)})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("terms: %w", err)
	}
	return out, nil
}

// IgnoreNote is how a revision's note says which checks to ignore on its
// unit: the prefix, then the checks' names joined by ", ", then
// optionally ": " and the reason ("padan: ignore check number, length:
// the figure is rounded").
const IgnoreNote = "padan: ignore check "

// IgnoredChecks returns the checks a revision note names in the
// [IgnoreNote] form, or nil.
func IgnoredChecks(note string) []string {
	rest, ok := strings.CutPrefix(note, IgnoreNote)
	if !ok {
		return nil
	}
	list, _, _ := strings.Cut(rest, ":")
	var out []string
	for _, k := range strings.Split(list, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// IgnoreChecks records, in the unit's history, that the checks named are
// to be ignored on a unit's current translation: a revision that repeats
// the latest one (its text, status, role and merge) by author, with a note
// in the [IgnoreNote] form. A later revision with another text ends it
// (see [Unit.IgnoredChecks]). A unit without a translation gives an error
// matching [ErrNotTranslated].
func (s *Store) IgnoreChecks(ctx context.Context, ref, language, author string, index int, checks []string, reason string) error {
	return s.session(nil).ignoreChecks(ctx, ref, language, author, index, checks, reason)
}

// IgnoreChecks is [Store.IgnoreChecks] in the transaction of tx.
func (tx *Tx) IgnoreChecks(ctx context.Context, ref, language, author string, index int, checks []string, reason string) error {
	return tx.s.session(tx.t).ignoreChecks(ctx, ref, language, author, index, checks, reason)
}

func (s *session) ignoreChecks(ctx context.Context, ref, language, author string, index int, checks []string, reason string) error {
	if len(checks) == 0 {
		return fmt.Errorf("ignore checks %s: %w", ref, ErrEmpty)
	}
	note := IgnoreNote + strings.Join(checks, ", ")
	if r := strings.TrimSpace(reason); r != "" {
		note += ": " + r
	}
	lang, err := CanonicalLanguage(language)
	if err != nil {
		return fmt.Errorf("ignore checks %s: %w", ref, err)
	}
	author = strings.TrimSpace(stored.NFC(author))
	if err := checkAuthor(author); err != nil {
		return fmt.Errorf("ignore checks %s: %w", ref, err)
	}
	now := s.now()
	err = s.withTx(ctx, func(tx backend.Tx) error {
		doc, err := findDocument(ctx, tx, ref)
		if err != nil {
			return err
		}
		if !hasLanguage(doc, lang) {
			return &LanguageError{Document: doc.Name, Language: lang, Have: doc.Languages}
		}
		if index < 1 || index > doc.Units {
			return &SegmentError{Document: doc.Name, Index: index, Count: doc.Units}
		}
		states, err := latestStates(ctx, tx, doc.versionID, lang, []int{index})
		if err != nil {
			return err
		}
		if len(states) != 1 || !states[0].has {
			return &NotTranslatedError{Document: doc.Name, Language: lang, Index: index}
		}
		st := states[0]
		role, err := tx.LatestRole(ctx, st.unitID, lang)
		if err != nil {
			return err
		}
		return tx.InsertRevisions(ctx, []backend.RevisionRow{{UnitID: st.unitID, Language: lang, Event: string(EventRevise),
			Role: role, Status: string(st.status), Text: st.text, Author: author, Time: now, Note: stored.NFC(note),
			Codes: st.codes, MergedInto: st.merged}})
	})
	if err != nil {
		return fmt.Errorf("ignore checks %s: %w", ref, err)
	}
	return nil
}

// IgnoredChecks returns the checks that notes in the [IgnoreNote] form
// say to ignore on the unit's current translation: those of the revisions
// since the last one that changed its text.
func (u *Unit) IgnoredChecks() []string {
	var out []string
	for i := len(u.Revisions) - 1; i >= 0; i-- {
		r := u.Revisions[i]
		if r.Text != u.Target {
			break
		}
		out = append(out, IgnoredChecks(r.Note)...)
	}
	return out
}

// SameTexts reads the memory from srcLang into tgtLang in one pass and
// returns, for each text of sources, the targets its entries give that
// exact source, and for each text of targets, the sources of the entries
// with that exact target; entries from the document named except are
// left out. It is what the consistency check asks of the memory, for a
// whole document at once.
func (s *Store) SameTexts(ctx context.Context, srcLang, tgtLang, except string, sources, targets []string) (bySource, byTarget map[string][]string, err error) {
	bySource, byTarget = map[string][]string{}, map[string][]string{}
	wantS, wantT := map[string]bool{}, map[string]bool{}
	for _, x := range sources {
		wantS[stored.NFC(x)] = true
	}
	for _, x := range targets {
		wantT[stored.NFC(x)] = true
	}
	err = s.session(nil).readTx(ctx, func(tx backend.Tx) error {
		src, err := CanonicalLanguage(srcLang)
		if err != nil {
			return err
		}
		tgt, err := CanonicalLanguage(tgtLang)
		if err != nil {
			return err
		}
		return tx.EachEntryText(ctx, src, tgt, except, func(so, ta string) error {
			if wantS[so] {
				bySource[so] = append(bySource[so], ta)
			}
			if wantT[ta] {
				byTarget[ta] = append(byTarget[ta], so)
			}
			return nil
		})
	})
	if err != nil {
		return nil, nil, fmt.Errorf("memory: %w", err)
	}
	return bySource, byTarget, nil
}
