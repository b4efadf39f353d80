package tm

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/padan-tm/padan/tm/internal/stored"

	"github.com/padan-tm/padan/tm/internal/backend"
)

// BatchUnits is the most units that one [Store.Revise] or [Store.Approve]
// call should touch for its work to be proportional to those units rather
// than to the whole document: a caller writing a long document in parts,
// such as an import streaming a file, writes at most this many units a
// call.
const BatchUnits = syncListMax

// UnitState is a unit of a document's latest version with its latest
// revision in one language, as [Store.UnitsAt] reads it.
type UnitState struct {
	// Index is the 1-based position of the unit.
	Index  int
	Source string
	// Status is the latest revision's status (initial when there is none).
	Status Status
	// Target is the latest revision's text, or "".
	Target string
	// Codes is the JSON of the latest revision's inline codes, or "".
	Codes string
}

// Excerpt is some units of a document's latest version with their latest
// translation into one language.
type Excerpt struct {
	// Document is the document with only its ID, Name, Language, Created,
	// Version and Units (see [Store.DocumentHead] for the rest).
	Document Document
	// Language is the target language, canonical.
	Language string
	// Units are the units asked for, in the order asked.
	Units []UnitState
}

func (s *session) unitsAt(ctx context.Context, ref, language string, indexes []int) (*Excerpt, error) {
	lang, err := CanonicalLanguage(language)
	if err != nil {
		return nil, err
	}
	ex := &Excerpt{Language: lang}
	err = s.readTx(ctx, func(tx backend.Tx) error {
		doc, err := findHead(ctx, tx, ref)
		if err != nil {
			return err
		}
		ex.Document = doc
		for _, i := range indexes {
			if i < 1 || i > doc.Units {
				return &SegmentError{Document: doc.Name, Index: i, Count: doc.Units}
			}
		}
		rows, err := tx.Latest(ctx, doc.versionID, lang, append([]int{}, indexes...))
		if err != nil {
			return err
		}
		at := make(map[int]UnitState, len(rows))
		for _, r := range rows {
			u := UnitState{Index: r.Index, Source: r.Source, Status: StatusInitial, Target: r.Text, Codes: r.Codes}
			if r.Has {
				u.Status = Status(r.Status)
			}
			at[r.Index] = u
		}
		ex.Units = make([]UnitState, len(indexes))
		for k, i := range indexes {
			ex.Units[k] = at[i]
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ref, err)
	}
	return ex, nil
}

func (s *session) documentHead(ctx context.Context, ref string) (Document, error) {
	var doc Document
	err := s.readTx(ctx, func(tx backend.Tx) error {
		var err error
		if doc, err = findHead(ctx, tx, ref); err != nil {
			return err
		}
		meta, updated, err := tx.VersionInfo(ctx, doc.versionID)
		if err != nil {
			return fmt.Errorf("find document %s: %w", ref, err)
		}
		doc.Updated = stored.ParseTime(updated)
		if err := json.Unmarshal([]byte(meta), &doc.Metadata); err != nil {
			return fmt.Errorf("document %s: metadata: %w", doc.Name, err)
		}
		return nil
	})
	return doc, err
}

// findHead returns the document ref (a name, or else an id) with only its
// ID, Name, Language, Created, Version and Units, in time that depends on
// neither the number of its units nor the size of its text.
func findHead(ctx context.Context, tx backend.Tx, ref string) (Document, error) {
	var d Document
	err := byRef(ref, func(by backend.DocRef) (bool, error) {
		h, found, err := tx.Head(ctx, by)
		d = headOf(h)
		return found, err
	})
	if err != nil {
		return Document{}, err
	}
	return d, nil
}

// approveAt is [Store.Approve] of the given indexes: it reads only those
// units, so that approving a part of a long document takes time in
// proportion to the part.
func (s *session) approveAt(ctx context.Context, ref, lang, author string, indexes []int, o ApproveOptions) (int, error) {
	n := 0
	now := s.now()
	err := s.withTx(ctx, func(tx backend.Tx) error {
		doc, err := findHead(ctx, tx, ref)
		if err != nil {
			return err
		}
		in := []int{}
		for _, i := range indexes {
			if i >= 1 && i <= doc.Units {
				in = append(in, i)
			}
		}
		list, err := latestStates(ctx, tx, doc.versionID, lang, in)
		if err != nil {
			return err
		}
		states := make(map[int]latestState, len(list))
		slices.Sort(in)
		for k, i := range slices.Compact(in) {
			states[i] = list[k]
		}
		// An error names the missing language first, as Approve of every
		// reviewed unit does; it is looked for only when there is one.
		refuse := func(err error) error {
			full, ferr := findDocument(ctx, tx, ref)
			if ferr != nil {
				return ferr
			}
			if !hasLanguage(full, lang) {
				return &LanguageError{Document: full.Name, Language: lang, Have: full.Languages}
			}
			return err
		}
		var touched []int
		for _, i := range indexes {
			if i < 1 || i > doc.Units {
				return refuse(&SegmentError{Document: doc.Name, Index: i, Count: doc.Units})
			}
			st := states[i]
			ok, skipped, refused := approvable(st.status, o)
			switch {
			case !st.has || refused == ErrNotTranslated:
				return refuse(&NotTranslatedError{Document: doc.Name, Language: lang, Index: i})
			case refused == ErrNotReviewed:
				return refuse(&NotReviewedError{Document: doc.Name, Language: lang, Index: i})
			case !ok:
				continue
			}
			st.reviewSkipped = skipped
			if err := insertEvent(ctx, tx, st, lang, StatusFinal, EventApprove, author, now, ""); err != nil {
				return err
			}
			st.status = StatusFinal
			states[i] = st
			touched = append(touched, i)
			n++
		}
		if len(touched) == 0 {
			return nil
		}
		return s.syncMemory(ctx, tx, doc.versionID, lang, touched)
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
