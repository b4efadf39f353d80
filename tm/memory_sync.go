package tm

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/padan-tm/padan/tm/internal/sqlite"
	"github.com/padan-tm/padan/tm/internal/stored"
	"github.com/padan-tm/padan/tm/memory"
)

// syncListMax is the most touched units syncMemory reads with one query.
const syncListMax = 1000

// syncMemory brings the memory entries of a document version's units in
// language lang up to date, within tx: a unit whose latest revision is
// reviewed or final has one entry (source, latest target, its revision's
// author, role, status and time, its neighbours as context); any other unit
// has none (see memory.Sync, which leaves entries already up to date
// alone). Only the units whose 1-based indexes are in touched are looked
// at (every unit when touched is nil): a unit's entry changes only with
// its own revisions, since its context, the neighbours' sources, is fixed
// for a version. Touched units are read syncListMax at a time.
//
// The methods that record revisions call it in their transaction (through
// session.syncMemory), so the memory never lags behind the documents.
func syncMemory(ctx context.Context, tx *sql.Tx, versionID int64, lang string, touched []int) error {
	// All units of a version share the document and its language.
	var doc, srcLang string
	if err := tx.QueryRowContext(ctx, `SELECT d.name, d.language FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE v.id = ?`, versionID).Scan(&doc, &srcLang); err != nil {
		return fmt.Errorf("sync memory: %w", err)
	}
	var units []memory.UnitEntry
	var err error
	if touched == nil {
		if units, err = unitEntries(ctx, tx, versionID, doc, srcLang, lang, nil, nil); err != nil {
			return err
		}
	} else {
		touched = slices.Clone(touched)
		slices.Sort(touched)
		touched = slices.Compact(touched)
	}
	for part := range slices.Chunk(touched, syncListMax) {
		if units, err = unitEntries(ctx, tx, versionID, doc, srcLang, lang, part, units); err != nil {
			return err
		}
	}
	m := sqlite.NewMemory(tx)
	defer m.Close()
	return memory.Sync(ctx, m, srcLang, lang, units)
}

// unitEntries appends to units the memory entry each unit of the version
// at the indexes touched (every unit when touched is nil) should have.
func unitEntries(ctx context.Context, tx *sql.Tx, versionID int64, doc, srcLang, lang string, touched []int, units []memory.UnitEntry) ([]memory.UnitEntry, error) {
	var only map[int]bool
	if touched != nil {
		only = make(map[int]bool, len(touched))
		for _, i := range touched {
			only[i] = true
		}
	}
	// Read the touched units and their neighbours (whose sources are the
	// context), or every unit, with each unit's latest revision.
	query := `SELECT vu.idx, u.id, u.source, r.status, r.text, r.codes, r.author, r.role, r.time
		FROM version_units vu
		JOIN units u ON u.id = vu.unit_id
		LEFT JOIN revisions r ON r.id =
			(SELECT max(x.id) FROM revisions x WHERE x.unit_id = vu.unit_id AND x.language = ?)
		WHERE vu.version_id = ?`
	args := []any{lang, versionID}
	if only != nil {
		near := map[int]bool{}
		for i := range only {
			near[i-1], near[i], near[i+1] = true, true, true
		}
		query += ` AND vu.idx IN (?` + strings.Repeat(`, ?`, len(near)-1) + `)`
		for i := range near {
			args = append(args, i)
		}
	}
	rows, err := tx.QueryContext(ctx, query+` ORDER BY vu.idx`, args...)
	if err != nil {
		return nil, fmt.Errorf("sync memory: %w", err)
	}
	type unit struct {
		idx                               int
		id                                int64
		source                            string
		status, text, codes, author, role sql.NullString
		time                              sql.NullString
	}
	var read []unit
	for rows.Next() {
		var u unit
		if err := rows.Scan(&u.idx, &u.id, &u.source, &u.status, &u.text, &u.codes, &u.author, &u.role, &u.time); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sync memory: %w", err)
		}
		read = append(read, u)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("sync memory: %w", err)
	}
	at := make(map[int]int, len(read)) // 1-based index → position in read
	for i, u := range read {
		at[u.idx] = i
	}
	for _, u := range read {
		if only != nil && !only[u.idx] {
			continue
		}
		ue := memory.UnitEntry{UnitID: u.id}
		st := Status(u.status.String)
		if u.status.Valid && (st == StatusReviewed || st == StatusFinal) && u.text.String != "" {
			e := MemoryEntry{SourceLang: srcLang, TargetLang: lang, Source: u.source, Target: u.text.String, Codes: u.codes.String,
				Origin: Origin{Kind: OriginDocument, Document: doc, Segment: strconv.Itoa(u.idx), Author: u.author.String,
					Role: u.role.String, Status: u.status.String, Time: stored.ParseTime(u.time.String)}}
			if p, ok := at[u.idx-1]; ok {
				e.Prev = read[p].source
			}
			if n, ok := at[u.idx+1]; ok {
				e.Next = read[n].source
			}
			ue.Entry = &e
		}
		units = append(units, ue)
	}
	return units, nil
}
