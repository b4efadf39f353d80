package tm

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
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
	author = strings.TrimSpace(nfc(author))
	now := s.now()
	err = s.withTx(ctx, func(tx *sql.Tx) error {
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
				created = t.Created.UTC().Format(timeFormat)
			}
			var old sql.NullString
			err := tx.QueryRowContext(ctx, `SELECT status || char(31) || note FROM terms
				WHERE source_lang = ? AND target_lang = ? AND source = ? AND target = ?`,
				t.SourceLang, t.TargetLang, t.Source, t.Target).Scan(&old)
			switch {
			case err == sql.ErrNoRows:
				added++
			case err != nil:
				return err
			case old.String != t.Status+"\x1f"+t.Note:
				changed++
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO terms (source_lang, target_lang, source, target, status, note, author, created)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (source_lang, target_lang, source, target) DO UPDATE SET status = excluded.status, note = excluded.note`,
				t.SourceLang, t.TargetLang, t.Source, t.Target, t.Status, t.Note, by, created); err != nil {
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
	t.Source, t.Target = strings.TrimSpace(nfc(t.Source)), strings.TrimSpace(nfc(t.Target))
	t.Note, t.Author = strings.TrimSpace(nfc(t.Note)), strings.TrimSpace(nfc(t.Author))
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
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		q := `SELECT source_lang, target_lang, source, target, status, note, author, created FROM terms WHERE 1`
		var args []any
		for _, l := range []struct{ col, tag string }{{"source_lang", sourceLang}, {"target_lang", targetLang}} {
			if l.tag == "" {
				continue
			}
			c, err := CanonicalLanguage(l.tag)
			if err != nil {
				return err
			}
			q += " AND " + l.col + " = ?"
			args = append(args, c)
		}
		q += ` ORDER BY source_lang, target_lang, source,
			CASE status WHEN 'preferred' THEN 0 WHEN 'admitted' THEN 1 ELSE 2 END, target`
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t Term
			var created string
			if err := rows.Scan(&t.SourceLang, &t.TargetLang, &t.Source, &t.Target, &t.Status, &t.Note, &t.Author, &created); err != nil {
				return err
			}
			t.Created = parseTime(created)
			out = append(out, t)
		}
		return rows.Err()
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
	if len(checks) == 0 {
		return fmt.Errorf("ignore checks %s: %w", ref, ErrEmpty)
	}
	note := IgnoreNote + strings.Join(checks, ", ")
	if r := strings.TrimSpace(reason); r != "" {
		note += ": " + r
	}
	err := s.event(ctx, ref, language, author, func(tx *sql.Tx, doc Document, lang string, states []latestState, insert func(int, latestState, Status, Event, string) error) error {
		if index < 1 || index > len(states) {
			return &SegmentError{Document: doc.Name, Index: index, Count: len(states)}
		}
		st := states[index-1]
		if !st.has {
			return &NotTranslatedError{Document: doc.Name, Language: lang, Index: index}
		}
		var role string
		if err := tx.QueryRowContext(ctx, `SELECT role FROM revisions WHERE unit_id = ? AND language = ? ORDER BY id DESC LIMIT 1`,
			st.unitID, lang).Scan(&role); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO revisions
			(unit_id, language, event, role, status, text, author, time, note, codes, merged_into)
			VALUES (?, ?, 'revise', ?, ?, ?, ?, ?, ?, ?, ?)`,
			st.unitID, lang, role, string(st.status), st.text, strings.TrimSpace(nfc(author)), s.now(), nfc(note), st.codes, st.merged)
		return err
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
		wantS[nfc(x)] = true
	}
	for _, x := range targets {
		wantT[nfc(x)] = true
	}
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		src, err := CanonicalLanguage(srcLang)
		if err != nil {
			return err
		}
		tgt, err := CanonicalLanguage(tgtLang)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT e.source, e.target FROM memory_entry e
			JOIN memory_pair p ON p.id = e.pair
			WHERE p.source_lang = ? AND p.target_lang = ? AND NOT (e.origin = 'document' AND e.document = ?)`, src, tgt, except)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var so, ta string
			if err := rows.Scan(&so, &ta); err != nil {
				return err
			}
			if wantS[so] {
				bySource[so] = append(bySource[so], ta)
			}
			if wantT[ta] {
				byTarget[ta] = append(byTarget[ta], so)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, nil, fmt.Errorf("memory: %w", err)
	}
	return bySource, byTarget, nil
}
