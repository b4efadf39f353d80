package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/padan-tm/padan/tm/internal/backend"
)

const postEditColumns = `t.id, t.text, t.author, e.id, e.text, e.author,
	p.changed, p.insertions, p.deletions, p.substitutions, p.shifts, p.words, p.ter, p.similarity, p.classes, p.approximate`

// scanPostEdit reads the columns of postEditColumns after the extra ones.
func scanPostEdit(rows *sql.Rows, extra ...any) (backend.PostEditRow, error) {
	var r backend.PostEditRow
	var changed sql.NullBool
	var f backend.FiguresRow
	var ins, del, sub, shifts, words sql.NullInt64
	var ter, sim sql.NullFloat64
	var classes sql.NullString
	var approx sql.NullBool
	err := rows.Scan(append(extra, &r.TranslatorID, &r.From, &r.FromAuthor, &r.EditorID, &r.To, &r.ToAuthor,
		&changed, &ins, &del, &sub, &shifts, &words, &ter, &sim, &classes, &approx)...)
	if err != nil || !changed.Valid {
		return r, err
	}
	f.Changed, f.Insertions, f.Deletions, f.Substitutions, f.Shifts, f.Words = changed.Bool, int(ins.Int64), int(del.Int64),
		int(sub.Int64), int(shifts.Int64), int(words.Int64)
	f.TER, f.Similarity, f.Classes, f.Approximate = ter.Float64, sim.Float64, classes.String, approx.Bool
	r.Figures = &f
	return r, nil
}

// keptPostEditColumns are postEditColumns for a query over unit_latest l
// and post_edits p alone: the authors are those kept with the figures;
// only a pair without kept figures has its revisions read, for the texts
// the figures are computed from and their authors.
const keptPostEditColumns = `l.translator_id,
	CASE WHEN p.translator_id IS NULL THEN (SELECT r.text FROM revisions r WHERE r.id = l.translator_id) ELSE '' END,
	CASE WHEN p.translator_id IS NULL THEN (SELECT r.author FROM revisions r WHERE r.id = l.translator_id)
		ELSE p.translator_author END,
	l.editor_id,
	CASE WHEN p.translator_id IS NULL THEN (SELECT r.text FROM revisions r WHERE r.id = l.editor_id) ELSE '' END,
	CASE WHEN p.translator_id IS NULL THEN (SELECT r.author FROM revisions r WHERE r.id = l.editor_id)
		ELSE p.editor_author END,
	p.changed, p.insertions, p.deletions, p.substitutions, p.shifts, p.words, p.ter, p.similarity, p.classes, p.approximate`

// PostEdits calls fn with the units of a version in lang that have both a
// translator's and an editor's text, in order: from the (few) units with
// both texts in the language, not from every unit of the version.
func (t *tx) PostEdits(ctx context.Context, versionID int64, lang string, fn func(backend.PostEditRow) error) error {
	rows, err := t.tx.QueryContext(ctx, `SELECT vu.idx, `+keptPostEditColumns+`
		FROM unit_latest l INDEXED BY unit_latest_edited
		JOIN version_units vu ON vu.unit_id = l.unit_id AND vu.version_id = ?
		LEFT JOIN post_edits p ON p.translator_id = l.translator_id AND p.editor_id = l.editor_id
		WHERE l.language = ? AND l.translator_id IS NOT NULL AND l.editor_id IS NOT NULL
		ORDER BY vu.idx`, versionID, lang)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var idx int
		r, err := scanPostEdit(rows, &idx)
		if err != nil {
			return err
		}
		r.Index = idx
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// NewPostEdits returns the latest pairs of the units in lang whose
// figures are not kept.
func (t *tx) NewPostEdits(ctx context.Context, lang string, units []int64) ([]backend.PostEditRow, error) {
	var out []backend.PostEditRow
	for len(units) > 0 {
		n := min(len(units), inBatch)
		list, args := inList(units[:n])
		units = units[n:]
		rows, err := t.tx.QueryContext(ctx, `SELECT `+postEditColumns+`
			FROM unit_latest l
			JOIN revisions t ON t.id = l.translator_id JOIN revisions e ON e.id = l.editor_id
			LEFT JOIN post_edits p ON p.translator_id = l.translator_id AND p.editor_id = l.editor_id
			WHERE l.language = ? AND l.unit_id IN `+list+` AND p.translator_id IS NULL`, append([]any{lang}, args...)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			r, err := scanPostEdit(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, r)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// KeepPostEdits stores the figures of pairs (a pair already kept is left
// as it is).
func (t *tx) KeepPostEdits(ctx context.Context, rows []backend.PostEditRow) error {
	const cols = 14
	args := make([]any, 0, cols*len(rows))
	for _, r := range rows {
		f := r.Figures
		args = append(args, r.TranslatorID, r.EditorID, f.Changed, f.Insertions, f.Deletions, f.Substitutions, f.Shifts,
			f.Words, f.TER, f.Similarity, f.Classes, f.Approximate, r.FromAuthor, r.ToAuthor)
	}
	const row = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	for len(args) > 0 {
		n := min(len(args)/cols, 64)
		_, err := t.tx.ExecContext(ctx, `INSERT OR IGNORE INTO post_edits (translator_id, editor_id, changed, insertions, deletions,
			substitutions, shifts, words, ter, similarity, classes, approximate, translator_author, editor_author) VALUES `+row+strings.Repeat(", "+row, n-1), args[:n*cols]...)
		if err != nil {
			return err
		}
		args = args[n*cols:]
	}
	return nil
}
