package exports

import (
	"time"

	"github.com/padan-tm/padan/workflow"
)

// Status is where a unit stands in padan's workflow, in XLIFF 2.0's words:
// [workflow.Status], named here (like the statuses and roles below) so that
// the format packages' callers need not import workflow. Parse a word with
// [workflow.ParseStatus]; compare with [workflow.Status.Reached].
type Status = workflow.Status

// The statuses, in workflow order.
const (
	// StatusInitial: not translated yet, or only pre-translated.
	StatusInitial = workflow.Initial
	// StatusTranslated: translated, not reviewed yet.
	StatusTranslated = workflow.Translated
	// StatusReviewed: reviewed by the editor.
	StatusReviewed = workflow.Reviewed
	// StatusFinal: approved for publication.
	StatusFinal = workflow.Final
)

// Role says who made a revision: [workflow.Role].
type Role = workflow.Role

// The roles padan knows. Files may carry others.
const (
	RoleTranslator = workflow.Translator
	RoleEditor     = workflow.Editor
)

// Revision is one version of a unit's target text: its text, who wrote it
// and when.
type Revision struct {
	Role   Role
	Text   string // in the inline code representation of the unit
	Author string
	Time   time.Time // UTC, second precision in every format
}

// IsZero reports whether the revision is absent (no text, author or time).
func (r Revision) IsZero() bool {
	return r.Text == "" && r.Author == "" && r.Time.IsZero() && r.Role == ""
}

// Note is a comment attached to a unit.
type Note struct {
	Text string
	// From names who wrote it, when known.
	From string
	// AppliesTo is "source", "target" or "" (the whole unit).
	AppliesTo string
}

// Match is where a pre-translated target came from: a translation memory
// match with its score, or machine translation.
type Match struct {
	// Score is the similarity in percent, 0 to 100.
	Score float64
	// Context marks an exact match whose neighbouring source units are the
	// same too (a context match, which padan scores 101): Score is then
	// 100. XLIFF 1.2 writes it as the alt-trans extype
	// "x-padan-context-match", XLIFF 2.0 as the mtc:match subType
	// "padan:context-match", TMX as the prop x-match-context.
	Context bool
	// Origin names the memory or engine (e.g. "padan-tm").
	Origin string
	// Source and Target are the texts of the match.
	Source, Target string
}

// Prop is a property a file attached to a unit that padan has no field for.
// Readers keep them so that nothing is lost.
type Prop struct {
	Type, Value string
	// Lang is the language of the value (TMX xml:lang of a prop), if any.
	Lang string
}

// Variant is one language version of a TMX translation unit (a tuv). A
// unit read from a TMX tu with more than two tuvs lists all of them, source
// included, in file order.
type Variant struct {
	Lang   string
	Text   string
	Props  []Prop
	Notes  []Note
	Create Revision // creationid, creationdate of the tuv
	Change Revision // changeid, changedate of the tuv
}

// Unit is one segment of a document exchanged with a CAT tool.
//
// Texts (Source, Target, revisions' and variants' texts, a match's texts)
// carry inline codes as private use runes indexing Codes; see the package
// documentation.
type Unit struct {
	// ID identifies the unit, stable across exports (TMX tuid, XLIFF id).
	ID string
	// Document is the name of the document the unit belongs to.
	Document string
	// Segment is the 1-based position of the segment in its document, 0 when
	// unknown.
	Segment int

	SourceLang, TargetLang string // BCP 47 tags
	Source, Target         string
	Codes                  []Code

	Status Status
	// Translator and Editor are the translator's and the editor's
	// revisions; zero when absent.
	Translator, Editor Revision
	// Revisions is the whole history of the target, oldest first, when the
	// format carries it (XLIFF 2.0 change tracking).
	Revisions []Revision

	Notes []Note
	// Match is set for a pre-translated unit.
	Match *Match
	Props []Prop
	// Variants lists every tuv of a TMX tu that has more than two; nil
	// otherwise.
	Variants []Variant
}
