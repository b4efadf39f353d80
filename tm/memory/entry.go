package memory

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Where a memory entry came from.
const (
	OriginDocument = "document" // a reviewed or final unit of a document in the store
	OriginImport   = "import"   // a unit of an imported memory (TMX)
)

// Errors of lookups, additions and concordance.
var (
	// ErrMinScore means a minimum score outside 1–100.
	ErrMinScore = errors.New("tm: minimum score must be between 1 and 100")
	// ErrBadLanguage means an entry or a query without its languages.
	ErrBadLanguage = errors.New("tm: invalid language tag")
	// ErrEmptyTerm means a concordance search for a term without any word.
	ErrEmptyTerm = errors.New("tm: the search term has no words")
)

// Origin says where a memory entry came from and who wrote its target.
type Origin struct {
	// Kind is OriginDocument or OriginImport.
	Kind string `json:"kind"`
	// File is the name of the imported file (OriginImport).
	File string `json:"file,omitempty"`
	// Document and Segment name the unit (OriginDocument), or the
	// document and unit id an imported file recorded.
	Document string `json:"document,omitempty"`
	Segment  string `json:"segment,omitempty"`
	// Author, Role and Status are those of the target's latest revision.
	Author string    `json:"author,omitempty"`
	Role   string    `json:"role,omitempty"`
	Status string    `json:"status,omitempty"`
	Time   time.Time `json:"time,omitzero"`
}

// Entry is one translation unit of the memory.
type Entry struct {
	// SourceLang and TargetLang are canonical BCP 47 tags.
	SourceLang, TargetLang string
	// Source and Target are the texts, inline codes as private-use
	// placeholders; they are stored in NFC.
	Source, Target string
	// Codes describes the inline codes (JSON, opaque to the memory).
	Codes  string
	Origin Origin
	// Prev and Next are the source texts of the units before and after
	// this one in its document, for context matches ("" when unknown).
	Prev, Next string
	// UnitID is the document unit the entry stands for (OriginDocument),
	// set by the store; 0 for other entries.
	UnitID int64
}

// hash identifies the entry's content for de-duplication; a document
// unit's entry also depends on the unit, its revision and its context, so
// that it is refreshed when any of them changes. src and tgt are the NFC
// texts, tm the stored time.
func (e Entry) hash(src, tgt, tm string) []byte {
	codes := e.Codes
	if e.UnitID != 0 {
		codes = strings.Join([]string{codes, "unit", fmt.Sprint(e.UnitID), e.Origin.Document, e.Origin.Segment,
			e.Origin.Author, e.Origin.Role, e.Origin.Status, tm, e.Prev, e.Next}, "\x00")
	}
	return entryHash(e.SourceLang, e.TargetLang, src, tgt, codes)
}
