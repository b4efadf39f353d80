package sqlite

import (
	"context"
	"database/sql"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// LatestRole returns the role of a unit's latest revision in lang.
func (t *tx) LatestRole(ctx context.Context, unitID int64, lang string) (string, error) {
	var role string
	err := t.tx.QueryRowContext(ctx, `SELECT role FROM revisions WHERE unit_id = ? AND language = ? ORDER BY id DESC LIMIT 1`,
		unitID, lang).Scan(&role)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return role, err
}

// Term returns the status and note of a term base pair.
func (t *tx) Term(ctx context.Context, sourceLang, targetLang, source, target string) (string, string, bool, error) {
	var status, note string
	err := t.tx.QueryRowContext(ctx, `SELECT status, note FROM terms
		WHERE source_lang = ? AND target_lang = ? AND source = ? AND target = ?`,
		sourceLang, targetLang, source, target).Scan(&status, &note)
	if err == sql.ErrNoRows {
		return "", "", false, nil
	}
	return status, note, err == nil, err
}

// PutTerm adds a term or sets its status and note.
func (t *tx) PutTerm(ctx context.Context, r backend.TermRow) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO terms (source_lang, target_lang, source, target, status, note, author, created)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (source_lang, target_lang, source, target) DO UPDATE SET status = excluded.status, note = excluded.note`,
		r.SourceLang, r.TargetLang, r.Source, r.Target, r.Status, r.Note, r.Author, r.Created)
	return err
}

// Terms returns the terms between two languages ("" for any).
func (t *tx) Terms(ctx context.Context, sourceLang, targetLang string) ([]backend.TermRow, error) {
	var out []backend.TermRow
	err := t.query(ctx, `SELECT source_lang, target_lang, source, target, status, note, author, created FROM terms
		WHERE (?1 = '' OR source_lang = ?1) AND (?2 = '' OR target_lang = ?2)
		ORDER BY source_lang, target_lang, source,
			CASE status WHEN 'preferred' THEN 0 WHEN 'admitted' THEN 1 ELSE 2 END, target`,
		[]any{sourceLang, targetLang}, func(scan func(...any) error) error {
			var r backend.TermRow
			if err := scan(&r.SourceLang, &r.TargetLang, &r.Source, &r.Target, &r.Status, &r.Note, &r.Author, &r.Created); err != nil {
				return err
			}
			out = append(out, r)
			return nil
		})
	return out, err
}

// EachEntryText calls fn with the texts of the memory's entries between
// two languages, except those of one document.
func (t *tx) EachEntryText(ctx context.Context, srcLang, tgtLang, except string, fn func(source, target string) error) error {
	return t.query(ctx, `SELECT e.source, e.target FROM memory_entry e
		JOIN memory_pair p ON p.id = e.pair
		WHERE p.source_lang = ? AND p.target_lang = ? AND NOT (e.origin = 'document' AND e.document = ?)`,
		[]any{srcLang, tgtLang, except}, func(scan func(...any) error) error {
			var so, ta string
			if err := scan(&so, &ta); err != nil {
				return err
			}
			return fn(so, ta)
		})
}
