package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// keptFigureColumns are the figures of a pair in post_edits p, when kept
// (the first column says so), without NULLs: scanned into plain values,
// they cost no allocation.
const keptFigureColumns = `p.translator_id IS NOT NULL, coalesce(p.changed, false), coalesce(p.insertions, 0),
	coalesce(p.deletions, 0), coalesce(p.substitutions, 0), coalesce(p.shifts, 0), coalesce(p.words, 0),
	coalesce(p.ter, 0), coalesce(p.similarity, 0), coalesce(p.classes, ''), coalesce(p.approximate, false)`

const postEditColumns = `t.id, t.text, t.author, e.id, e.text, e.author, ` + keptFigureColumns

// postEditScanner scans the rows of postEditColumns (or
// keptPostEditColumns). The authors and the classes of a document's pairs
// are a few texts repeated: each is kept once (strings), read without a
// copy of its own.
type postEditScanner struct {
	strings                  map[string]string
	fromAuthor, toAuthor     pgtype.DriverBytes
	classes                  pgtype.DriverBytes
	kept, changed, approx    bool
	ins, del, sub, sh, words int64
	ter, sim                 float64
}

// text returns b as a string, the same string for the same bytes.
func (p *postEditScanner) text(b []byte) string {
	if s, ok := p.strings[string(b)]; ok {
		return s
	}
	if p.strings == nil {
		p.strings = map[string]string{}
	}
	s := string(b)
	p.strings[s] = s
	return s
}

// scan reads the columns of postEditColumns after the extra ones.
func (p *postEditScanner) scan(rows pgx.Rows, extra ...any) (backend.PostEditRow, error) {
	var r backend.PostEditRow
	err := rows.Scan(append(extra, &r.TranslatorID, &r.From, &p.fromAuthor, &r.EditorID, &r.To, &p.toAuthor,
		&p.kept, &p.changed, &p.ins, &p.del, &p.sub, &p.sh, &p.words, &p.ter, &p.sim, &p.classes, &p.approx)...)
	if err != nil {
		return r, err
	}
	r.FromAuthor, r.ToAuthor = p.text(p.fromAuthor), p.text(p.toAuthor)
	if p.kept {
		r.Figures = &backend.FiguresRow{Changed: p.changed, Insertions: int(p.ins), Deletions: int(p.del), Substitutions: int(p.sub),
			Shifts: int(p.sh), Words: int(p.words), TER: p.ter, Similarity: p.sim, Classes: p.text(p.classes), Approximate: p.approx}
	}
	return r, nil
}

// keptPostEditColumns are postEditColumns for a query over unit_latest l
// and post_edits p alone: the authors are those kept with the figures;
// only a pair without kept figures has its revisions read, by id, for the
// texts the figures are computed from and their authors.
const keptPostEditColumns = `l.translator_id,
	CASE WHEN p.translator_id IS NULL THEN (SELECT r.text FROM revisions r WHERE r.id = l.translator_id) ELSE '' END,
	CASE WHEN p.translator_id IS NULL THEN (SELECT r.author FROM revisions r WHERE r.id = l.translator_id)
		ELSE p.translator_author END,
	l.editor_id,
	CASE WHEN p.translator_id IS NULL THEN (SELECT r.text FROM revisions r WHERE r.id = l.editor_id) ELSE '' END,
	CASE WHEN p.translator_id IS NULL THEN (SELECT r.author FROM revisions r WHERE r.id = l.editor_id)
		ELSE p.editor_author END, ` + keptFigureColumns

// PostEdits calls fn with the units of a version in lang that have both a
// translator's and an editor's text, in order. The rows are read with one
// query (their number grows with the units an editor revised, not with the
// document), sorted in memory rather than on disk, then handed to fn.
//
// The revisions of a pair without kept figures are read one by one by
// id (subqueries the planner cannot turn into a join): joined, the
// planner hashed the whole revisions table, a million rows and their
// texts, to find the 100,000 an editor's units name (1.5 s of a
// 1M-segment document's `padan stats`).
func (t *tx) PostEdits(ctx context.Context, versionID int64, lang string, fn func(backend.PostEditRow) error) error {
	var out []backend.PostEditRow
	var sc postEditScanner
	err := t.c.query(ctx, `SELECT vu.idx, `+keptPostEditColumns+`
		FROM unit_latest l
		JOIN version_units vu ON vu.unit_id = l.unit_id AND vu.version_id = $1
		LEFT JOIN post_edits p ON p.translator_id = l.translator_id AND p.editor_id = l.editor_id
		WHERE l.language = $2 AND l.translator_id IS NOT NULL AND l.editor_id IS NOT NULL
		ORDER BY vu.idx`, []any{versionID, lang}, func(rows pgx.Rows) error {
		var idx int
		r, err := sc.scan(rows, &idx)
		r.Index = idx
		if err == nil {
			out = append(out, r)
		}
		return err
	})
	if err != nil {
		return err
	}
	for _, r := range out {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// NewPostEdits returns the latest pairs of the units in lang whose
// figures are not kept.
func (t *tx) NewPostEdits(ctx context.Context, lang string, units []int64) ([]backend.PostEditRow, error) {
	var out []backend.PostEditRow
	var sc postEditScanner
	err := t.c.query(ctx, `SELECT `+postEditColumns+`
		FROM unit_latest l
		JOIN revisions t ON t.id = l.translator_id JOIN revisions e ON e.id = l.editor_id
		LEFT JOIN post_edits p ON p.translator_id = l.translator_id AND p.editor_id = l.editor_id
		WHERE l.language = $1 AND l.unit_id = ANY($2) AND p.translator_id IS NULL
		ORDER BY l.unit_id`, []any{lang, units}, func(rows pgx.Rows) error {
		r, err := sc.scan(rows)
		if err == nil {
			out = append(out, r)
		}
		return err
	})
	return out, err
}

// KeepPostEdits stores the figures of pairs (a pair already kept is left
// as it is), in one statement.
func (t *tx) KeepPostEdits(ctx context.Context, rows []backend.PostEditRow) error {
	if len(rows) == 0 {
		return nil
	}
	n := len(rows)
	tid, eid := make([]int64, n), make([]int64, n)
	changed := make([]bool, n)
	ins, del, sub, shifts, words := make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
	ter, sim := make([]float64, n), make([]float64, n)
	classes, approx := make([]string, n), make([]bool, n)
	tauthor, eauthor := make([]string, n), make([]string, n)
	for i, r := range rows {
		f := r.Figures
		tid[i], eid[i], changed[i] = r.TranslatorID, r.EditorID, f.Changed
		tauthor[i], eauthor[i] = r.FromAuthor, r.ToAuthor
		ins[i], del[i], sub[i], shifts[i], words[i] = int64(f.Insertions), int64(f.Deletions), int64(f.Substitutions), int64(f.Shifts), int64(f.Words)
		ter[i], sim[i], classes[i], approx[i] = f.TER, f.Similarity, f.Classes, f.Approximate
	}
	return t.exec(ctx, `INSERT INTO post_edits (translator_id, editor_id, changed, insertions, deletions,
			substitutions, shifts, words, ter, similarity, classes, approximate, translator_author, editor_author)
		SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::boolean[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
			$8::bigint[], $9::float8[], $10::float8[], $11::text[], $12::boolean[], $13::text[], $14::text[])
		ON CONFLICT DO NOTHING`, tid, eid, changed, ins, del, sub, shifts, words, ter, sim, classes, approx, tauthor, eauthor)
}
