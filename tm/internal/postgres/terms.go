package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// LatestRole returns the role of a unit's latest revision in lang.
func (t *tx) LatestRole(ctx context.Context, unitID int64, lang string) (string, error) {
	var role string
	_, err := t.c.queryRow(ctx, `SELECT role FROM revisions WHERE unit_id = $1 AND language = $2 ORDER BY id DESC LIMIT 1`,
		[]any{unitID, lang}, &role)
	return role, err
}

// Term returns the status and note of a term base pair.
func (t *tx) Term(ctx context.Context, sourceLang, targetLang, source, target string) (string, string, bool, error) {
	var status, note string
	found, err := t.c.queryRow(ctx, `SELECT status, note FROM terms
		WHERE source_lang = $1 AND target_lang = $2 AND source = $3 AND target = $4`,
		[]any{sourceLang, targetLang, source, target}, &status, &note)
	return status, note, found, err
}

// PutTerm adds a term or sets its status and note.
func (t *tx) PutTerm(ctx context.Context, r backend.TermRow) error {
	return t.exec(ctx, `INSERT INTO terms (source_lang, target_lang, source, target, status, note, author, created)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (source_lang, target_lang, source, target) DO UPDATE SET status = excluded.status, note = excluded.note`,
		r.SourceLang, r.TargetLang, r.Source, r.Target, r.Status, r.Note, r.Author, r.Created)
}

// Terms returns the terms between two languages ("" for any), in the
// order SQLite gives (byte order of the texts).
func (t *tx) Terms(ctx context.Context, sourceLang, targetLang string) ([]backend.TermRow, error) {
	var out []backend.TermRow
	err := t.c.query(ctx, `SELECT source_lang, target_lang, source, target, status, note, author, created FROM terms
		WHERE ($1 = '' OR source_lang = $1) AND ($2 = '' OR target_lang = $2)
		ORDER BY source_lang COLLATE "C", target_lang COLLATE "C", source COLLATE "C",
			CASE status WHEN 'preferred' THEN 0 WHEN 'admitted' THEN 1 ELSE 2 END, target COLLATE "C"`,
		[]any{sourceLang, targetLang}, func(rows pgx.Rows) error {
			var r backend.TermRow
			if err := rows.Scan(&r.SourceLang, &r.TargetLang, &r.Source, &r.Target, &r.Status, &r.Note, &r.Author, &r.Created); err != nil {
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
	return t.c.query(ctx, `SELECT e.source, e.target FROM memory_entry e
		JOIN memory_pair p ON p.id = e.pair
		WHERE p.source_lang = $1 AND p.target_lang = $2 AND NOT (e.origin = 'document' AND e.document = $3)`,
		[]any{srcLang, tgtLang, except}, func(rows pgx.Rows) error {
			var so, ta string
			if err := rows.Scan(&so, &ta); err != nil {
				return err
			}
			return fn(so, ta)
		})
}
