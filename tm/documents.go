package tm

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/padan-tm/padan/tm/internal/stored"

	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/worddiff"
)

// SourceUnit is one segment of a document being imported.
type SourceUnit struct {
	// Index is the 1-based position of the unit in the document.
	Index int
	// Kind says what the unit is (sentence, heading, dateline, …).
	Kind string
	// Text is the unit's source text.
	Text string
	// Start and End are the byte offsets of the unit in the decoded text.
	Start, End int
}

// NewDocument is a document to import: its name, source language, the
// file's bytes, metadata (such as the credited "translator" and "editor")
// and units in order.
type NewDocument struct {
	Name     string
	Language string
	Original []byte
	Metadata map[string]string
	Units    []SourceUnit
	// Force lets a new version have fewer than half of the previous
	// version's units (see [ShrinkError]).
	Force bool
}

// Document describes a stored document at its latest version.
type Document struct {
	ID   int64
	Name string
	// Language is the source language, canonical BCP 47.
	Language string
	// Version is the number of the latest version, from 1.
	Version int
	// Units is the number of units in the latest version.
	Units int
	// Words is the number of source words in the latest version.
	Words int
	// Metadata is the latest version's metadata.
	Metadata map[string]string
	// Created is when the document was first imported; Updated when its
	// latest version was.
	Created, Updated time.Time
	// Languages are the languages it has revisions in, sorted.
	Languages []string

	versionID int64
}

// ImportResult says what [Store.Import] did.
type ImportResult struct {
	Document Document
	// New is true when the import created the document.
	New bool
	// Unchanged is true when the bytes were those of the latest version,
	// so no version was added.
	Unchanged bool
	// Kept counts the units whose source text is unchanged from the
	// previous version (their translations carry over); Changed the units
	// that replace a changed unit (its translation becomes a suggestion);
	// Added the other new units.
	Kept, Changed, Added int
	// Restored counts the kept units that the previous version did not
	// hold in that place: units of an older version whose text came back
	// (with their translations), or moved units.
	Restored int
}

func (s *session) importDocument(ctx context.Context, nd NewDocument) (ImportResult, error) {
	var res ImportResult
	name := strings.TrimSpace(stored.NFC(nd.Name))
	if name == "" {
		return res, fmt.Errorf("import: document name: %w", ErrEmpty)
	}
	lang, err := CanonicalLanguage(nd.Language)
	if err != nil {
		return res, fmt.Errorf("import %s: %w", name, err)
	}
	if len(nd.Units) == 0 {
		return res, fmt.Errorf("import %s: %w", name, ErrNoSegments)
	}
	if err := checkDocumentFields(name, nd.Metadata); err != nil {
		return res, fmt.Errorf("import %s: %w", name, err)
	}
	for i, u := range nd.Units {
		if u.Index != i+1 {
			return res, fmt.Errorf("import %s: unit %d has index %d", name, i+1, u.Index)
		}
		if err := checkUnitFields(u); err != nil {
			return res, fmt.Errorf("import %s: %w", name, err)
		}
	}
	meta := nd.Metadata
	if meta == nil {
		meta = map[string]string{}
	}
	metaJSON, err := json.Marshal(meta)
	if err != nil {
		return res, fmt.Errorf("import %s: %w", name, err)
	}
	sum := sha256.Sum256(nd.Original)
	hash := hex.EncodeToString(sum[:])
	now := s.now()

	err = s.withTx(ctx, func(tx backend.Tx) error {
		prev, found, err := tx.LatestVersion(ctx, name)
		if err != nil {
			return err
		}
		docID, number := prev.DocumentID, prev.Number
		switch {
		case !found && numericName(name):
			// A document already named so (from before this rule) may
			// still get new versions.
			return ErrNumericName
		case !found:
			if docID, err = tx.InsertDocument(ctx, name, lang, now); err != nil {
				return err
			}
			res.New = true
		case prev.Language != lang:
			return fmt.Errorf("%w (%s, not %s)", ErrLanguageChanged, prev.Language, lang)
		case prev.SHA256 == hash:
			res.Unchanged = true
			return nil
		}
		var old []backend.UnitSource
		if found {
			if old, err = tx.VersionSources(ctx, prev.VersionID); err != nil {
				return err
			}
			if !nd.Force && 2*len(nd.Units) < len(old) {
				return &ShrinkError{Document: name, Previous: len(old), New: len(nd.Units)}
			}
		}
		versionID, err := tx.InsertVersion(ctx, backend.VersionRow{DocumentID: docID, Number: number + 1, Original: nd.Original,
			SHA256: hash, Metadata: string(metaJSON), Created: now})
		if err != nil {
			return err
		}
		sources := make([]string, len(nd.Units))
		for i, u := range nd.Units {
			sources[i] = stored.NFC(u.Text)
		}
		same, previous := align(old, sources)
		if found {
			if res.Restored, err = matchEarlier(ctx, tx, docID, prev.VersionID, old, sources, same, previous); err != nil {
				return err
			}
		}
		var fresh []backend.NewUnit
		for i := range nd.Units {
			switch {
			case same[i] != 0:
				res.Kept++
			case previous[i] != 0:
				res.Changed++
			default:
				res.Added++
			}
			if same[i] == 0 {
				fresh = append(fresh, backend.NewUnit{Source: sources[i], Words: CountWords(sources[i]), Previous: previous[i]})
			}
		}
		ids, err := tx.InsertUnits(ctx, docID, fresh)
		if err != nil {
			return err
		}
		places := make([]backend.Placement, len(nd.Units))
		for i, u := range nd.Units {
			unitID := same[i]
			if unitID == 0 {
				unitID, ids = ids[0], ids[1:]
			}
			places[i] = backend.Placement{Index: u.Index, UnitID: unitID, Kind: u.Kind, Start: u.Start, End: u.End}
		}
		return tx.PlaceUnits(ctx, versionID, places)
	})
	if err != nil {
		return res, fmt.Errorf("import %s: %w", name, err)
	}
	doc, err := s.document(ctx, name)
	if err != nil {
		return res, fmt.Errorf("import %s: %w", name, err)
	}
	res.Document = doc
	return res, nil
}

// align matches the units of the new version with those of the old one.
// same[i] is the old unit whose text equals sources[i] (a longest common
// subsequence of the two lists, so order is kept; in order greedily when
// the lists are too long and different for it), or 0; previous[i] is,
// for a new unit lying in a gap between matched units, the unmatched old
// unit at the same position of that gap, or 0.
func align(old []backend.UnitSource, sources []string) (same, previous []int64) {
	n, m := len(old), len(sources)
	same = make([]int64, m)
	previous = make([]int64, m)
	oldSources := make([]string, n)
	for i, o := range old {
		oldSources[i] = o.Source
	}
	pairs, exact := worddiff.CommonSubsequence(oldSources, sources) // matched (old, new) positions
	if !exact {
		// Too different to finish: match greedily in order.
		pairs = pairs[:0]
		at := map[string][]int{}
		for i, o := range old {
			at[o.Source] = append(at[o.Source], i)
		}
		last := -1
		for j, src := range sources {
			q := at[src]
			k := sort.SearchInts(q, last+1)
			if k < len(q) {
				pairs = append(pairs, [2]int{q[k], j})
				last = q[k]
			}
		}
	}
	pi, pj := 0, 0
	for _, p := range append(pairs, [2]int{n, m}) {
		for k := 0; pj+k < p[1]; k++ {
			if pi+k < p[0] {
				previous[pj+k] = old[pi+k].ID
			}
		}
		if p[1] < m {
			same[p[1]] = old[p[0]].ID
		}
		pi, pj = p[0]+1, p[1]+1
	}
	return same, previous
}

func (s *session) documents(ctx context.Context) ([]Document, error) {
	var docs []Document
	err := s.readTx(ctx, func(tx backend.Tx) error {
		var err error
		docs, err = allDocuments(ctx, tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return docs, nil
}

// allDocuments returns every document at its latest version.
func allDocuments(ctx context.Context, tx backend.Tx) ([]Document, error) {
	rows, err := tx.Documents(ctx, backend.DocRef{})
	if err != nil {
		return nil, err
	}
	var docs []Document
	for _, r := range rows {
		d, err := documentOf(r)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func (s *session) document(ctx context.Context, ref string) (Document, error) {
	var doc Document
	err := s.readTx(ctx, func(tx backend.Tx) error {
		var err error
		doc, err = findDocument(ctx, tx, ref)
		return err
	})
	return doc, err
}

// documentOf turns a stored document into a Document.
func documentOf(r backend.DocumentRow) (Document, error) {
	d := headOf(r.HeadRow)
	d.Words, d.Updated, d.Languages = r.Words, stored.ParseTime(r.Updated), r.Languages
	if err := json.Unmarshal([]byte(r.Metadata), &d.Metadata); err != nil {
		return Document{}, fmt.Errorf("document %s: metadata: %w", d.Name, err)
	}
	return d, nil
}

// headOf turns a stored document head into a Document.
func headOf(h backend.HeadRow) Document {
	return Document{ID: h.ID, Name: h.Name, Language: h.Language, Created: stored.ParseTime(h.Created),
		Version: h.Version, Units: h.Units, versionID: h.VersionID}
}

func findDocument(ctx context.Context, tx backend.Tx, ref string) (Document, error) {
	var doc Document
	err := byRef(ref, func(by backend.DocRef) (bool, error) {
		docs, err := tx.Documents(ctx, by)
		if err != nil || len(docs) == 0 {
			return false, err
		}
		doc, err = documentOf(docs[0])
		return err == nil, err
	})
	return doc, err
}

// byRef calls find with the selection of the document ref names: its
// name, or else, when ref is a number and no document has that name, its
// id. find reports whether it found one; none gives a [*DocumentError].
func byRef(ref string, find func(backend.DocRef) (bool, error)) error {
	found, err := find(backend.DocRef{Name: stored.NFC(ref)})
	if err == nil && !found {
		if id, perr := strconv.ParseInt(ref, 10, 64); perr == nil && id != 0 {
			found, err = find(backend.DocRef{ID: id})
		}
	}
	if err != nil {
		return fmt.Errorf("find document %s: %w", ref, err)
	}
	if !found {
		return &DocumentError{Ref: ref}
	}
	return nil
}

// Original returns the bytes of the document's latest version, as imported.
func (s *Store) Original(ctx context.Context, doc Document) ([]byte, error) {
	var b []byte
	err := s.db.Read(ctx, func(tx backend.Tx) error {
		var err error
		b, err = tx.Original(ctx, doc.versionID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read document %s: %w", doc.Name, err)
	}
	return b, nil
}
