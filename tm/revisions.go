package tm

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/padan-tm/padan/tm/internal/stored"

	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/workflow"
)

// Role is who made a revision: [workflow.Role], named here (like the
// roles and statuses below) so that tm's callers need not import workflow.
type Role = workflow.Role

// The roles.
const (
	RoleTranslator     = workflow.Translator
	RoleEditor         = workflow.Editor
	RolePretranslation = workflow.Pretranslation
)

// Status is the state of a unit's translation, in XLIFF 2.0's words:
// [workflow.Status].
type Status = workflow.Status

// The statuses, in the order a unit goes through them.
const (
	StatusInitial    = workflow.Initial
	StatusTranslated = workflow.Translated
	StatusReviewed   = workflow.Reviewed
	StatusFinal      = workflow.Final
)

// Statuses lists the statuses in order.
var Statuses = workflow.Statuses

// Event is what a revision records.
type Event string

// The events.
const (
	// EventRevise is a new text from a translator, editor or
	// pre-translation.
	EventRevise Event = "revise"
	// EventApprove makes the current text final.
	EventApprove Event = "approve"
	// EventReject sends the unit back to the translator with a note; the
	// text stays and the status becomes initial.
	EventReject Event = "reject"
)

// Revision is one stored event of a unit's translation into one language.
type Revision struct {
	ID     int64
	Event  Event
	Role   Role
	Status Status
	// Text is the target text after the event.
	Text   string
	Author string
	Time   time.Time
	Note   string
	// Codes is the JSON of the inline codes whose placeholders (U+E000+n)
	// Text holds, or "".
	Codes string
	// Score is the match score of a pre-translation, and HasScore whether
	// there is one; Origin is the JSON describing the match's origin.
	Score    float64
	HasScore bool
	Origin   string
	// MatchSource is the source text of the memory unit a pre-translation
	// came from, or "" (see [MatchOrigin]).
	MatchSource string
	// ReviewSkipped is set on an approval of a unit no editor had
	// reviewed (see [ApproveOptions]).
	ReviewSkipped bool
	// MergedInto is the 1-based index, in the version read, of the unit
	// the revision marks this one as merged into, or 0 (also when that unit
	// is not in the version).
	MergedInto int
	// merges is true when the revision marks a merge, even one into a unit
	// outside the version read.
	merges bool
	// Version, Segment and Source are set by [Store.History] only: the
	// number of the document version the revision was made on, the
	// unit's 1-based index in it and the unit's source text (another
	// unit's than the segment's now when the segment changed since).
	Version int
	Segment int
	Source  string
}

// Entry is one new text for a unit, as [Store.Revise] takes it.
type Entry struct {
	// Index is the 1-based segment index.
	Index int
	Text  string
	// Line is the line of the bulk file it came from, or 0; errors name it.
	Line  int
	Note  string
	Codes string
	// Score and Origin describe a pre-translation match (Score < 0: none);
	// MatchSource is the source text of the memory unit it came from.
	Score       float64
	Origin      string
	MatchSource string
	// Status is the status the revision sets, or "" for the one its role
	// sets (see [StatusOf]).
	Status Status
	// MergedInto is the 1-based index of an earlier unit whose translation
	// also covers this one, or 0. The entry's Text is then usually "": the
	// unit is merged, and a translated document gives nothing for it, until
	// a later revision without the mark.
	MergedInto int
}

// Change is a set of revisions by one author in one role, recorded by
// [Store.Revise] in one transaction.
type Change struct {
	// Document is the document's name or id.
	Document string
	// Language is the target language.
	Language string
	Role     Role
	Author   string
	Entries  []Entry
	// Version, when not 0, is the document version whose units the
	// entries' indexes count; Revise refuses the change with
	// [ErrVersionChanged] if the document has another latest version.
	Version int
}

// Errors of [Store.Revise] about entries that depend on the document.
var (
	// ErrVersionChanged means a new version of the document was imported
	// after the caller read the one its entries refer to.
	ErrVersionChanged = errors.New("tm: the document has a newer version")
	// ErrBadMerge means an entry is marked as merged into a unit that does
	// not come before it.
	ErrBadMerge = errors.New("tm: a unit can only be merged into an earlier unit")
	// ErrBadStatus means an entry asks for a status that is not one of
	// [Statuses].
	ErrBadStatus = errors.New("tm: unknown status")
)

// StatusOf returns the status a revision by role sets: translated for a
// translator or pre-translation, reviewed for an editor. A pre-translation
// with a score takes its rule's instead (see [PretranslationRules]): a
// fuzzy match is only a proposal, status initial.
func StatusOf(role Role) (Status, error) {
	if s, ok := role.Sets(); ok {
		return s, nil
	}
	return "", fmt.Errorf("tm: unknown role %q", role)
}

func (s *session) revise(ctx context.Context, c Change) (Document, error) {
	var doc Document
	status, err := StatusOf(c.Role)
	if err != nil {
		return doc, err
	}
	lang, err := CanonicalLanguage(c.Language)
	if err != nil {
		return doc, fmt.Errorf("revise %s: %w", c.Document, err)
	}
	author := strings.TrimSpace(stored.NFC(c.Author))
	if err := checkAuthor(author); err != nil {
		return doc, fmt.Errorf("revise %s: %w", c.Document, err)
	}
	for _, e := range c.Entries {
		if err := checkEntryFields(e); err != nil {
			return doc, fmt.Errorf("revise %s: %w", c.Document, err)
		}
	}
	now := s.now()
	err = s.withTx(ctx, func(tx backend.Tx) error {
		doc, err = findHead(ctx, tx, c.Document)
		if err != nil {
			return err
		}
		if c.Version != 0 && c.Version != doc.Version {
			return fmt.Errorf("version %d, not %d: %w", doc.Version, c.Version, ErrVersionChanged)
		}
		// The ids of the units the entries name (and merge into); the
		// checks below refuse the others. Few are read by index; when they
		// are a good part of the version, the whole version is read.
		need := make([]int, 0, len(c.Entries))
		for _, e := range c.Entries {
			if e.Index >= 1 && e.Index <= doc.Units {
				need = append(need, e.Index)
				if e.MergedInto >= 1 && e.MergedInto < e.Index {
					need = append(need, e.MergedInto)
				}
			}
		}
		if len(need) > doc.Units/4 {
			need = nil
		}
		unitID, err := tx.UnitIDs(ctx, doc.versionID, need)
		if err != nil {
			return err
		}
		// Rows go to the backend reviseBatch at a time.
		batch := make([]backend.RevisionRow, 0, reviseBatch)
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			err := tx.InsertRevisions(ctx, batch)
			batch = batch[:0]
			return err
		}
		for i, e := range c.Entries {
			if testHookRevise != nil {
				testHookRevise(i)
			}
			if e.Index < 1 || e.Index > doc.Units {
				return &SegmentError{Document: doc.Name, Index: e.Index, Count: doc.Units, Line: e.Line}
			}
			r := backend.RevisionRow{UnitID: unitID[e.Index], Language: lang, Event: string(EventRevise), Role: string(c.Role),
				Status: string(status), Text: stored.NFC(e.Text), Author: author, Time: now, Note: stored.NFC(e.Note),
				Codes: e.Codes, Origin: e.Origin}
			if e.Score >= 0 && c.Role == RolePretranslation {
				r.Score, r.HasScore = e.Score, true
			}
			if c.Role == RolePretranslation && e.Score >= 0 {
				r.Status = string(RuleFor(e.Score).Status) // a fuzzy match is a proposal
			}
			if e.Status != "" {
				if !e.Status.Known() {
					return fmt.Errorf("segment %d: %w %q", e.Index, ErrBadStatus, e.Status)
				}
				r.Status = string(e.Status)
			}
			if e.MergedInto != 0 {
				if e.MergedInto < 1 || e.MergedInto >= e.Index {
					return fmt.Errorf("segment %d merged into %d: %w", e.Index, e.MergedInto, ErrBadMerge)
				}
				r.MergedInto = unitID[e.MergedInto]
			}
			r.MatchSource = stored.NFC(e.MatchSource)
			if batch = append(batch, r); len(batch) == reviseBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
			return err
		}
		// Each pair of a translator's and an editor's text gets its
		// post-edit figures now, once.
		units := make([]int64, len(c.Entries))
		for i, e := range c.Entries {
			units[i] = unitID[e.Index]
		}
		if err := keepPostEdits(ctx, tx, lang, units); err != nil {
			return err
		}
		// Reviewed and final units feed the memory that lookups read.
		touched := make([]int, len(c.Entries))
		for i, e := range c.Entries {
			touched[i] = e.Index
		}
		return s.syncMemory(ctx, tx, doc.versionID, lang, touched)
	})
	if err != nil {
		return doc, fmt.Errorf("revise %s: %w", c.Document, err)
	}
	return doc, nil
}

// reviseBatch is how many revisions Revise hands the backend at a time.
const reviseBatch = 64

// testHookRevise, when set (by tests only), is called before each entry
// of a Revise is inserted, inside the transaction.
var testHookRevise func(i int)

// latestState is a unit's latest revision in one language, as approve and
// reject need it.
type latestState struct {
	unitID int64
	has    bool
	status Status
	text   string
	codes  string
	// merged is the unit this one is merged into (see Entry.MergedInto), or
	// 0.
	merged int64
	// reviewSkipped marks the approval that insertEvent records as one
	// that skipped review.
	reviewSkipped bool
}

// latestStates returns the latest states of the units at the given
// 1-based indexes of a version (every unit when indexes is nil), in index
// order.
func latestStates(ctx context.Context, tx backend.Tx, versionID int64, lang string, indexes []int) ([]latestState, error) {
	rows, err := tx.Latest(ctx, versionID, lang, indexes)
	if err != nil {
		return nil, err
	}
	out := make([]latestState, len(rows))
	for i, r := range rows {
		out[i] = latestState{unitID: r.UnitID, has: r.Has, status: Status(r.Status), text: r.Text, codes: r.Codes, merged: r.MergedInto}
	}
	return out, nil
}

// insertEvent records an approval or rejection of a unit whose latest
// state is st: it keeps the text, codes and merge, with role editor.
func insertEvent(ctx context.Context, tx backend.Tx, st latestState, lang string, status Status, ev Event, author, now, note string) error {
	return tx.InsertRevisions(ctx, []backend.RevisionRow{{UnitID: st.unitID, Language: lang, Event: string(ev),
		Role: string(RoleEditor), Status: string(status), Text: st.text, Author: author, Time: now, Note: stored.NFC(note),
		Codes: st.codes, MergedInto: st.merged, ReviewSkipped: st.reviewSkipped}})
}

func (s *session) approve(ctx context.Context, ref, language, author string, indexes []int, o ApproveOptions) (int, error) {
	if len(indexes) > 0 {
		lang, err := CanonicalLanguage(language)
		if err != nil {
			return 0, fmt.Errorf("approve %s: %w", ref, err)
		}
		author = strings.TrimSpace(stored.NFC(author))
		if err := checkAuthor(author); err != nil {
			return 0, fmt.Errorf("approve %s: %w", ref, err)
		}
		n, err := s.approveAt(ctx, ref, lang, author, indexes, o)
		if err != nil {
			return 0, fmt.Errorf("approve %s: %w", ref, err)
		}
		return n, nil
	}
	n := 0
	err := s.event(ctx, ref, language, author, func(doc Document, lang string, states []latestState, insert func(int, latestState, Status, Event, string) error) error {
		// Given indexes are approved by approveAt.
		for i, st := range states {
			if ok, skipped, _ := approvable(st.status, o); st.has && ok {
				st.reviewSkipped = skipped
				if err := insert(i, st, StatusFinal, EventApprove, ""); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("approve %s: %w", ref, err)
	}
	return n, nil
}

func (s *session) reject(ctx context.Context, ref, language, author string, index int, note string) error {
	if err := checkField(fieldNote, "note", note); err != nil {
		return fmt.Errorf("reject %s: %w", ref, inUnit(err, "segment "+strconv.Itoa(index), 0))
	}
	err := s.event(ctx, ref, language, author, func(doc Document, lang string, states []latestState, insert func(int, latestState, Status, Event, string) error) error {
		if index < 1 || index > len(states) {
			return &SegmentError{Document: doc.Name, Index: index, Count: len(states)}
		}
		st := states[index-1]
		if !st.has || st.status == StatusInitial {
			return &NotTranslatedError{Document: doc.Name, Language: lang, Index: index}
		}
		return insert(index-1, st, StatusInitial, EventReject, note)
	})
	if err != nil {
		return fmt.Errorf("reject %s: %w", ref, err)
	}
	return nil
}

// event runs fn in a transaction with the document's latest states in the
// language, and an insert function recording an event revision.
func (s *session) event(ctx context.Context, ref, language, author string,
	fn func(Document, string, []latestState, func(int, latestState, Status, Event, string) error) error) error {
	lang, err := CanonicalLanguage(language)
	if err != nil {
		return err
	}
	author = strings.TrimSpace(stored.NFC(author))
	if err := checkAuthor(author); err != nil {
		return err
	}
	now := s.now()
	return s.withTx(ctx, func(tx backend.Tx) error {
		doc, err := findDocument(ctx, tx, ref)
		if err != nil {
			return err
		}
		if !hasLanguage(doc, lang) {
			return &LanguageError{Document: doc.Name, Language: lang, Have: doc.Languages}
		}
		states, err := latestStates(ctx, tx, doc.versionID, lang, nil)
		if err != nil {
			return err
		}
		var touched []int
		insert := func(i int, st latestState, status Status, ev Event, note string) error {
			touched = append(touched, i+1)
			// An approval or rejection keeps the text and the merge.
			return insertEvent(ctx, tx, st, lang, status, ev, author, now, note)
		}
		if err := fn(doc, lang, states, insert); err != nil {
			return err
		}
		if len(touched) == 0 {
			return nil
		}
		return s.syncMemory(ctx, tx, doc.versionID, lang, touched)
	})
}

func hasLanguage(doc Document, lang string) bool {
	for _, l := range doc.Languages {
		if l == lang {
			return true
		}
	}
	return false
}
