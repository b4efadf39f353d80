package tm

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

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

// Revise records the entries of c as revisions, in one transaction: all of
// them or none. Each revision's status is the entry's, or the role's when
// the entry gives none; an entry may mark its unit as merged into an earlier
// one. An index outside the document gives a [*SegmentError] (carrying the
// entry's Line); an unknown document a [*DocumentError]; a bad merge
// [ErrBadMerge]; a Version that is no longer the latest [ErrVersionChanged].
// It returns the document with only its ID, Name, Language, Created,
// Version and Units (see [Store.DocumentHead]). It reads only the units its
// entries name, so that its time is proportional to the entries, not to
// the length of the document, when they are few (see [BatchUnits]).
func (s *Store) Revise(ctx context.Context, c Change) (Document, error) {
	var doc Document
	status, err := StatusOf(c.Role)
	if err != nil {
		return doc, err
	}
	lang, err := CanonicalLanguage(c.Language)
	if err != nil {
		return doc, fmt.Errorf("revise %s: %w", c.Document, err)
	}
	author := strings.TrimSpace(nfc(c.Author))
	if err := checkAuthor(author); err != nil {
		return doc, fmt.Errorf("revise %s: %w", c.Document, err)
	}
	for _, e := range c.Entries {
		if err := checkEntryFields(e); err != nil {
			return doc, fmt.Errorf("revise %s: %w", c.Document, err)
		}
	}
	now := s.now()
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		doc, err = findHead(ctx, tx, c.Document)
		if err != nil {
			return err
		}
		if c.Version != 0 && c.Version != doc.Version {
			return fmt.Errorf("version %d, not %d: %w", doc.Version, c.Version, ErrVersionChanged)
		}
		// The ids of the units the entries name (and merge into); the
		// checks below refuse the others.
		need := make([]int, 0, len(c.Entries))
		for _, e := range c.Entries {
			if e.Index >= 1 && e.Index <= doc.Units {
				need = append(need, e.Index)
				if e.MergedInto >= 1 && e.MergedInto < e.Index {
					need = append(need, e.MergedInto)
				}
			}
		}
		unitID, err := unitIDsAt(ctx, tx, doc.versionID, doc.Units, need)
		if err != nil {
			return err
		}
		// Rows go in by batches of reviseBatch per statement: far fewer
		// round trips through the driver than one INSERT per row.
		var full *sql.Stmt
		args := make([]any, 0, reviseBatch*revisionColumns)
		flush := func() error {
			n := len(args) / revisionColumns
			if n == 0 {
				return nil
			}
			var err error
			if n == reviseBatch {
				if full == nil {
					if full, err = tx.PrepareContext(ctx, insertRevisions(reviseBatch)); err != nil {
						return err
					}
				}
				_, err = full.ExecContext(ctx, args...)
			} else {
				_, err = tx.ExecContext(ctx, insertRevisions(n), args...)
			}
			args = args[:0]
			return err
		}
		defer func() {
			if full != nil {
				full.Close()
			}
		}()
		for i, e := range c.Entries {
			if testHookRevise != nil {
				testHookRevise(i)
			}
			if e.Index < 1 || e.Index > doc.Units {
				return &SegmentError{Document: doc.Name, Index: e.Index, Count: doc.Units, Line: e.Line}
			}
			var score any
			if e.Score >= 0 && c.Role == RolePretranslation {
				score = e.Score
			}
			st := status
			if c.Role == RolePretranslation && e.Score >= 0 {
				st = RuleFor(e.Score).Status // a fuzzy match is a proposal
			}
			if e.Status != "" {
				if !e.Status.Known() {
					return fmt.Errorf("segment %d: %w %q", e.Index, ErrBadStatus, e.Status)
				}
				st = e.Status
			}
			var merged any
			if e.MergedInto != 0 {
				if e.MergedInto < 1 || e.MergedInto >= e.Index {
					return fmt.Errorf("segment %d merged into %d: %w", e.Index, e.MergedInto, ErrBadMerge)
				}
				merged = unitID(e.MergedInto)
			}
			args = append(args, unitID(e.Index), lang, string(c.Role), string(st),
				nfc(e.Text), author, now, nfc(e.Note), nullString(e.Codes), score, nullString(e.Origin), merged,
				nullString(nfc(e.MatchSource)))
			if len(args) == cap(args) {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
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

// reviseBatch is how many revisions one INSERT statement of Revise writes;
// revisionColumns is how many values each takes.
const (
	reviseBatch     = 64
	revisionColumns = 13
)

// insertRevisions returns an INSERT of n text revisions.
func insertRevisions(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO revisions (unit_id, language, event, role, status, text, author, time, note, codes, score, origin, merged_into, match_source) VALUES `)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(?, ?, 'revise', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
	}
	return b.String()
}

// testHookRevise, when set (by tests only), is called before each entry
// of a Revise is inserted, inside the transaction.
var testHookRevise func(i int)

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// unitIDs returns the unit ids of a version by index (element 0 is
// segment 1).
func unitIDs(ctx context.Context, tx *sql.Tx, versionID int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT unit_id FROM version_units WHERE version_id = ? ORDER BY idx`, versionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// latestState is a unit's latest revision in one language, as approve and
// reject need it.
type latestState struct {
	unitID int64
	has    bool
	status Status
	text   string
	codes  sql.NullString
	// merged is the unit this one is merged into (see Entry.MergedInto).
	merged sql.NullInt64
	// reviewSkipped marks the approval that insertEvent records as one
	// that skipped review.
	reviewSkipped bool
}

func latestStates(ctx context.Context, tx *sql.Tx, versionID int64, lang string) ([]latestState, error) {
	rows, err := tx.QueryContext(ctx, `SELECT vu.unit_id, r.status, r.text, r.codes, r.merged_into
		FROM version_units vu LEFT JOIN revisions r ON r.id =
			(SELECT max(x.id) FROM revisions x WHERE x.unit_id = vu.unit_id AND x.language = ?)
		WHERE vu.version_id = ? ORDER BY vu.idx`, lang, versionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []latestState
	for rows.Next() {
		var st latestState
		var status, text sql.NullString
		if err := rows.Scan(&st.unitID, &status, &text, &st.codes, &st.merged); err != nil {
			return nil, err
		}
		st.has, st.status, st.text = status.Valid, Status(status.String), text.String
		out = append(out, st)
	}
	return out, rows.Err()
}

// Approve makes units final: the given 1-based indexes, or, when there are
// none, every unit whose status is reviewed. It is [Store.ApproveWith]
// without options: a given unit that no editor reviewed is refused.
func (s *Store) Approve(ctx context.Context, ref, language, author string, indexes []int) (int, error) {
	return s.ApproveWith(ctx, ref, language, author, indexes, ApproveOptions{})
}

// ApproveWith makes units final: the given 1-based indexes, or, when there
// are none, every unit whose status is reviewed (and, with o.SkipReview,
// translated). It records an approval revision (role editor) per unit not
// already final, in one transaction, and returns how many it approved. A
// given unit without a translation gives an error matching
// [ErrNotTranslated]; a translated one that no editor reviewed, unless
// o.SkipReview, a [*NotReviewedError] (and a [*SegmentError] for an index
// out of range). Given indexes are the only units read, so that approving
// a part of a long document takes time in proportion to the part.
func (s *Store) ApproveWith(ctx context.Context, ref, language, author string, indexes []int, o ApproveOptions) (int, error) {
	if len(indexes) > 0 {
		lang, err := CanonicalLanguage(language)
		if err != nil {
			return 0, fmt.Errorf("approve %s: %w", ref, err)
		}
		author = strings.TrimSpace(nfc(author))
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
	err := s.event(ctx, ref, language, author, func(tx *sql.Tx, doc Document, lang string, states []latestState, insert func(int, latestState, Status, Event, string) error) error {
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

// Reject sends a translated unit back to the translator: it records a
// rejection revision (role editor, status initial) that keeps the text and
// carries the note. A unit without a translation gives an error matching
// [ErrNotTranslated].
func (s *Store) Reject(ctx context.Context, ref, language, author string, index int, note string) error {
	if err := checkField(fieldNote, "note", note); err != nil {
		return fmt.Errorf("reject %s: %w", ref, inUnit(err, "segment "+strconv.Itoa(index), 0))
	}
	err := s.event(ctx, ref, language, author, func(tx *sql.Tx, doc Document, lang string, states []latestState, insert func(int, latestState, Status, Event, string) error) error {
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
func (s *Store) event(ctx context.Context, ref, language, author string,
	fn func(*sql.Tx, Document, string, []latestState, func(int, latestState, Status, Event, string) error) error) error {
	lang, err := CanonicalLanguage(language)
	if err != nil {
		return err
	}
	author = strings.TrimSpace(nfc(author))
	if err := checkAuthor(author); err != nil {
		return err
	}
	now := s.now()
	return s.withTx(ctx, func(tx *sql.Tx) error {
		doc, err := findDocument(ctx, tx, ref)
		if err != nil {
			return err
		}
		if !hasLanguage(doc, lang) {
			return &LanguageError{Document: doc.Name, Language: lang, Have: doc.Languages}
		}
		states, err := latestStates(ctx, tx, doc.versionID, lang)
		if err != nil {
			return err
		}
		var touched []int
		insert := func(i int, st latestState, status Status, ev Event, note string) error {
			touched = append(touched, i+1)
			// An approval or rejection keeps the text and the merge.
			return insertEvent(ctx, tx, st, lang, status, ev, author, now, note)
		}
		if err := fn(tx, doc, lang, states, insert); err != nil {
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
