package tm

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/padan-tm/padan/tm/internal/stored"
)

// syncListMax is the most touched units syncMemory reads with one query.
const syncListMax = 1000

// syncMemory brings the memory entries of a document version's units in
// language lang up to date, within tx: a unit whose latest revision is
// reviewed or final has one entry (source, latest target, its revision's
// author, role, status and time, its neighbours as context); any other unit
// has none. Entries already up to date are left alone. Only the units whose
// 1-based indexes are in touched are looked at (every unit when touched is
// nil): a unit's entry changes only with its own revisions, since its
// context, the neighbours' sources, is fixed for a version. Touched units
// are read syncListMax at a time, and the new entries added together.
//
// The methods that record revisions call it in their transaction (through
// [Store.syncMemory]), so the memory never lags behind the documents.
func syncMemory(ctx context.Context, tx *sql.Tx, versionID int64, lang string, touched []int) error {
	// All units of a version share the document and its language; the
	// pair is 0 (no entries yet) until addEntries creates it.
	var v syncVersion
	v.id, v.lang = versionID, lang
	if err := tx.QueryRowContext(ctx, `SELECT d.name, d.language FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE v.id = ?`, versionID).Scan(&v.doc, &v.srcLang); err != nil {
		return fmt.Errorf("sync memory: %w", err)
	}
	var err error
	if v.pair, err = pairID(ctx, tx, v.srcLang, lang, false); err != nil {
		return fmt.Errorf("sync memory: %w", err)
	}
	var add []MemoryEntry
	if touched == nil {
		if add, err = syncUnits(ctx, tx, v, nil, nil); err != nil {
			return err
		}
	}
	if touched != nil {
		touched = slices.Clone(touched)
		slices.Sort(touched)
		touched = slices.Compact(touched)
	}
	for part := range slices.Chunk(touched, syncListMax) {
		if add, err = syncUnits(ctx, tx, v, part, add); err != nil {
			return err
		}
	}
	if len(add) == 0 {
		return nil
	}
	if _, _, err := addEntries(ctx, tx, add); err != nil {
		return fmt.Errorf("sync memory: %w", err)
	}
	return nil
}

// syncVersion is the document version, language and pair of a sync.
type syncVersion struct {
	id           int64
	lang         string
	doc, srcLang string
	pair         int64
}

// syncUnits syncs the units of v at the indexes touched (every unit when
// touched is nil): it deletes the entries that are gone or out of date and
// appends to add the entries to add.
func syncUnits(ctx context.Context, tx *sql.Tx, v syncVersion, touched []int, add []MemoryEntry) ([]MemoryEntry, error) {
	var only map[int]bool
	if touched != nil {
		only = make(map[int]bool, len(touched))
		for _, i := range touched {
			only[i] = true
		}
	}
	versionID, lang, pair, doc, srcLang := v.id, v.lang, v.pair, v.doc, v.srcLang
	// Read the touched units and their neighbours (whose sources are the
	// context), or every unit, with each unit's latest revision and the id
	// and hash of its entry.
	query := `SELECT vu.idx, u.id, u.source, r.status, r.text, r.codes, r.author, r.role, r.time, e.id, e.hash
		FROM version_units vu
		JOIN units u ON u.id = vu.unit_id
		LEFT JOIN revisions r ON r.id =
			(SELECT max(x.id) FROM revisions x WHERE x.unit_id = vu.unit_id AND x.language = ?)
		LEFT JOIN memory_entry e ON e.unit_id = u.id AND e.pair = ?
		WHERE vu.version_id = ?`
	args := []any{lang, pair, versionID}
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
		entry                             sql.NullInt64 // the unit's memory entry
		hash                              []byte        // and its hash
	}
	var units []unit
	for rows.Next() {
		var u unit
		if err := rows.Scan(&u.idx, &u.id, &u.source, &u.status, &u.text, &u.codes, &u.author, &u.role, &u.time, &u.entry, &u.hash); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sync memory: %w", err)
		}
		units = append(units, u)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("sync memory: %w", err)
	}
	if len(units) == 0 {
		return add, nil
	}
	at := make(map[int]int, len(units)) // 1-based index → position in units
	for i, u := range units {
		at[u.idx] = i
	}
	for _, u := range units {
		if only != nil && !only[u.idx] {
			continue
		}
		keep := u.status.Valid && (Status(u.status.String) == StatusReviewed || Status(u.status.String) == StatusFinal) && u.text.String != ""
		var e MemoryEntry
		if keep {
			e = MemoryEntry{SourceLang: srcLang, TargetLang: lang, Source: u.source, Target: u.text.String, Codes: u.codes.String,
				Origin: Origin{Kind: OriginDocument, Document: doc, Segment: strconv.Itoa(u.idx), Author: u.author.String,
					Role: u.role.String, Status: u.status.String, Time: stored.ParseTime(u.time.String)},
				unitID: u.id}
			if p, ok := at[u.idx-1]; ok {
				e.Prev = units[p].source
			}
			if n, ok := at[u.idx+1]; ok {
				e.Next = units[n].source
			}
			var tm string
			if !e.Origin.Time.IsZero() {
				tm = stored.Time(e.Origin.Time)
			}
			if u.entry.Valid && bytes.Equal(u.hash, e.hash(stored.NFC(e.Source), stored.NFC(e.Target), tm)) {
				continue // up to date
			}
		}
		if u.entry.Valid {
			if err := deleteEntry(ctx, tx, u.entry.Int64); err != nil {
				return nil, fmt.Errorf("sync memory: %w", err)
			}
		}
		if keep {
			add = append(add, e)
		}
	}
	return add, nil
}

// deleteEntry removes an entry and its text index. Its postings stay (they
// are filtered out when the entry's keys are not found); ids are never
// reused, so they cannot point at another entry.
func deleteEntry(ctx context.Context, tx *sql.Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO memory_text (memory_text, rowid, source, target)
		SELECT 'delete', id, source, target FROM memory_entry WHERE id = ?`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM memory_keys WHERE id = ?`, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM memory_entry WHERE id = ?`, id)
	return err
}
