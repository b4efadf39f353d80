package tm

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/padan-tm/padan/tm/internal/stored"
	"github.com/padan-tm/padan/tm/memory"

	"github.com/padan-tm/padan/tm/internal/backend"
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
func syncMemory(ctx context.Context, tx backend.Tx, versionID int64, lang string, touched []int) error {
	// All units of a version share the document and its language.
	doc, srcLang, err := tx.VersionDocument(ctx, versionID)
	if err != nil {
		return fmt.Errorf("sync memory: %w", err)
	}
	var units []memory.UnitEntry
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
	return memory.Sync(ctx, tx.Memory(), srcLang, lang, units)
}

// unitEntries appends to units the memory entry each unit of the version
// at the indexes touched (every unit when touched is nil) should have.
func unitEntries(ctx context.Context, tx backend.Tx, versionID int64, doc, srcLang, lang string, touched []int, units []memory.UnitEntry) ([]memory.UnitEntry, error) {
	var only map[int]bool
	if touched != nil {
		only = make(map[int]bool, len(touched))
		for _, i := range touched {
			only[i] = true
		}
	}
	// The touched units and their neighbours (whose sources are the
	// context), or every unit, with each unit's latest revision.
	read, err := tx.SyncRows(ctx, versionID, lang, touched)
	if err != nil {
		return nil, fmt.Errorf("sync memory: %w", err)
	}
	at := make(map[int]int, len(read)) // 1-based index → position in read
	for i, u := range read {
		at[u.Index] = i
	}
	for _, u := range read {
		if only != nil && !only[u.Index] {
			continue
		}
		ue := memory.UnitEntry{UnitID: u.UnitID}
		st := Status(u.Status)
		if (st == StatusReviewed || st == StatusFinal) && u.Text != "" {
			e := MemoryEntry{SourceLang: srcLang, TargetLang: lang, Source: u.Source, Target: u.Text, Codes: u.Codes,
				Origin: Origin{Kind: OriginDocument, Document: doc, Segment: strconv.Itoa(u.Index), Author: u.Author,
					Role: u.Role, Status: u.Status, Time: stored.ParseTime(u.Time)}}
			if p, ok := at[u.Index-1]; ok {
				e.Prev = read[p].Source
			}
			if n, ok := at[u.Index+1]; ok {
				e.Next = read[n].Source
			}
			ue.Entry = &e
		}
		units = append(units, ue)
	}
	return units, nil
}
