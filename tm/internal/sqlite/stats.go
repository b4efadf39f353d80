package sqlite

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// latestKey is a unit and a language.
type latestKey struct {
	unit int64
	lang string
}

// latest is a row of unit_latest.
type latest struct {
	revision, translator, editor int64
	status                       string
}

// statKey is a row of version_stats.
type statKey struct {
	version      int64
	lang, status string
}

// keepStats brings unit_latest, version_stats and document_languages up to
// date with revisions just inserted, in order, with ids from first on
// (migration 5): each unit leaves its old status in every version that
// holds it and enters its new one. It reads the batch's units' rows and
// writes the changes in a few statements, not a few per revision.
func (t *tx) keepStats(ctx context.Context, revs []backend.RevisionRow, first int64) error {
	units := make([]int64, 0, len(revs))
	for _, r := range revs {
		units = append(units, r.UnitID)
	}
	units = slices.Compact(slices.Sorted(slices.Values(units)))
	list, args := inList(units)
	state := map[latestKey]*latest{}
	err := t.query(ctx, `SELECT unit_id, language, revision_id, status, coalesce(translator_id, 0), coalesce(editor_id, 0)
		FROM unit_latest WHERE unit_id IN `+list, args, func(scan func(...any) error) error {
		var k latestKey
		var l latest
		if err := scan(&k.unit, &k.lang, &l.revision, &l.status, &l.translator, &l.editor); err != nil {
			return err
		}
		state[k] = &l
		return nil
	})
	if err != nil {
		return err
	}
	type unitInfo struct {
		words, document int64
		versions        []int64
	}
	info := map[int64]*unitInfo{}
	err = t.query(ctx, `SELECT u.id, u.words, u.document_id, vu.version_id FROM units u
		LEFT JOIN (SELECT DISTINCT unit_id, version_id FROM version_units WHERE unit_id IN `+list+`) vu ON vu.unit_id = u.id
		WHERE u.id IN `+list, append(slices.Clone(args), args...), func(scan func(...any) error) error {
		var id, words, doc int64
		var version *int64
		if err := scan(&id, &words, &doc, &version); err != nil {
			return err
		}
		u := info[id]
		if u == nil {
			u = &unitInfo{words: words, document: doc}
			info[id] = u
		}
		if version != nil {
			u.versions = append(u.versions, *version)
		}
		return nil
	})
	if err != nil {
		return err
	}
	delta := map[statKey][2]int64{}
	move := func(u *unitInfo, lang, status string, by int64) {
		for _, v := range u.versions {
			k := statKey{v, lang, status}
			d := delta[k]
			delta[k] = [2]int64{d[0] + by, d[1] + by*u.words}
		}
	}
	changed := map[latestKey]bool{}
	langs := map[[2]any]bool{}
	for i, r := range revs {
		id := first + int64(i)
		k := latestKey{r.UnitID, r.Language}
		u := info[r.UnitID]
		l := state[k]
		if l == nil {
			l = &latest{}
			state[k] = l
		}
		if l.status != "" {
			move(u, r.Language, l.status, -1)
		}
		move(u, r.Language, r.Status, 1)
		l.revision, l.status = id, r.Status
		if r.Event == "revise" && r.Role == "editor" {
			l.editor = id
		} else if r.Event == "revise" {
			l.translator = id
		}
		changed[k] = true
		langs[[2]any{u.document, r.Language}] = true
	}
	var rows []any
	for _, k := range slices.SortedFunc(maps.Keys(changed), func(a, b latestKey) int {
		return cmp.Or(cmp.Compare(a.unit, b.unit), strings.Compare(a.lang, b.lang))
	}) {
		l := state[k]
		rows = append(rows, k.unit, k.lang, l.revision, l.status, nullID(l.translator), nullID(l.editor))
	}
	if err := t.insertRows(ctx, `INSERT INTO unit_latest (unit_id, language, revision_id, status, translator_id, editor_id) VALUES `,
		`(?, ?, ?, ?, ?, ?)`, ` ON CONFLICT (unit_id, language) DO UPDATE SET revision_id = excluded.revision_id,
			status = excluded.status, translator_id = excluded.translator_id, editor_id = excluded.editor_id`, 6, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, k := range slices.SortedFunc(maps.Keys(delta), func(a, b statKey) int {
		return cmp.Or(cmp.Compare(a.version, b.version), strings.Compare(a.lang, b.lang), strings.Compare(a.status, b.status))
	}) {
		if d := delta[k]; d != [2]int64{} {
			rows = append(rows, k.version, k.lang, k.status, d[0], d[1])
		}
	}
	if err := t.insertRows(ctx, `INSERT INTO version_stats (version_id, language, status, units, words) VALUES `,
		`(?, ?, ?, ?, ?)`, ` ON CONFLICT (version_id, language, status) DO UPDATE SET units = units + excluded.units,
			words = words + excluded.words`, 5, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for k := range langs {
		rows = append(rows, k[0], k[1])
	}
	return t.insertRows(ctx, `INSERT OR IGNORE INTO document_languages (document_id, language) VALUES `, `(?, ?)`, ``, 2, rows)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// query runs a query and calls fn with a scan function for each row.
func (t *tx) query(ctx context.Context, q string, args []any, fn func(scan func(...any) error) error) error {
	rows, err := t.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// insertRows runs head + rows + tail with args, cols values a row, at most
// 100 rows a statement.
func (t *tx) insertRows(ctx context.Context, head, row, tail string, cols int, args []any) error {
	for len(args) > 0 {
		n := min(len(args)/cols, 100)
		if _, err := t.tx.ExecContext(ctx, multiRow(head, row, tail, n), args[:n*cols]...); err != nil {
			return err
		}
		args = args[n*cols:]
	}
	return nil
}
