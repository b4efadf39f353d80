package tm

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// syncMemory brings the memory entries of a document version's units in
// language lang up to date, within tx: a unit whose latest revision is
// reviewed or final has one entry (source, latest target, its revision's
// author, role, status and time, its neighbours as context); any other unit
// has none. Entries already up to date are left alone, so calling it after
// every change of a document is cheap.
//
// The methods that record revisions call it in their transaction, so the
// memory never lags behind the documents.
func syncMemory(ctx context.Context, tx *sql.Tx, versionID int64, lang string) error {
	rows, err := tx.QueryContext(ctx, `SELECT vu.idx, u.id, u.source, d.name, d.language,
			r.status, r.text, r.codes, r.author, r.role, r.time
		FROM version_units vu
		JOIN units u ON u.id = vu.unit_id
		JOIN versions v ON v.id = vu.version_id
		JOIN documents d ON d.id = v.document_id
		LEFT JOIN revisions r ON r.id =
			(SELECT max(x.id) FROM revisions x WHERE x.unit_id = vu.unit_id AND x.language = ?)
		WHERE vu.version_id = ? ORDER BY vu.idx`, lang, versionID)
	if err != nil {
		return fmt.Errorf("sync memory: %w", err)
	}
	type unit struct {
		idx                               int
		id                                int64
		source, doc, srcLang              string
		status, text, codes, author, role sql.NullString
		time                              sql.NullString
	}
	var units []unit
	for rows.Next() {
		var u unit
		if err := rows.Scan(&u.idx, &u.id, &u.source, &u.doc, &u.srcLang, &u.status, &u.text, &u.codes, &u.author, &u.role, &u.time); err != nil {
			rows.Close()
			return fmt.Errorf("sync memory: %w", err)
		}
		units = append(units, u)
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("sync memory: %w", err)
	}
	if len(units) == 0 {
		return nil
	}
	// All units of a version share the document's language; the pair is
	// 0 (no entries yet) until addEntries creates it.
	pair, err := pairID(ctx, tx, units[0].srcLang, lang, false)
	if err != nil {
		return fmt.Errorf("sync memory: %w", err)
	}
	var add []MemoryEntry
	for i, u := range units {
		var old struct {
			id             int64
			hash           []byte
			source, target string
		}
		if pair != 0 {
			err := tx.QueryRowContext(ctx, `SELECT id, hash, source, target FROM memory_entry WHERE unit_id = ? AND pair = ?`, u.id, pair).
				Scan(&old.id, &old.hash, &old.source, &old.target)
			if err != nil && err != sql.ErrNoRows {
				return fmt.Errorf("sync memory: %w", err)
			}
		}
		keep := u.status.Valid && (Status(u.status.String) == StatusReviewed || Status(u.status.String) == StatusFinal) && u.text.String != ""
		var e MemoryEntry
		if keep {
			e = MemoryEntry{SourceLang: u.srcLang, TargetLang: lang, Source: u.source, Target: u.text.String, Codes: u.codes.String,
				Origin: Origin{Kind: OriginDocument, Document: u.doc, Segment: strconv.Itoa(u.idx), Author: u.author.String,
					Role: u.role.String, Status: u.status.String, Time: parseTime(u.time.String)},
				unitID: u.id}
			if i > 0 {
				e.Prev = units[i-1].source
			}
			if i+1 < len(units) {
				e.Next = units[i+1].source
			}
			var tm string
			if !e.Origin.Time.IsZero() {
				tm = e.Origin.Time.UTC().Format(timeFormat)
			}
			if old.id != 0 && bytes.Equal(old.hash, e.hash(nfc(e.Source), nfc(e.Target), tm)) {
				continue // up to date
			}
		}
		if old.id != 0 {
			if err := deleteEntry(ctx, tx, old.id, old.source, old.target); err != nil {
				return fmt.Errorf("sync memory: %w", err)
			}
		}
		if keep {
			add = append(add, e)
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

// deleteEntry removes an entry and its text index. Its postings stay (they
// are filtered out when the entry's keys are not found); ids are never
// reused, so they cannot point at another entry.
func deleteEntry(ctx context.Context, tx *sql.Tx, id int64, source, target string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO memory_text (memory_text, rowid, source, target) VALUES ('delete', ?, ?, ?)`, id, source, target); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM memory_keys WHERE id = ?`, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM memory_entry WHERE id = ?`, id)
	return err
}
