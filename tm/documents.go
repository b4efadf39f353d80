package tm

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

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

// Import stores a document, or a new version of the document with that
// name, in one transaction. Texts are stored in NFC and the language tag in
// canonical form. Importing the same bytes again changes nothing.
//
// A document without units is refused ([ErrNoSegments]), and so is a new
// version with fewer than half of the previous version's units (a
// [*ShrinkError]) unless nd.Force is set. A new version's units are matched
// with those of every earlier version (see matchEarlier), so that a unit
// whose text comes back keeps its translations and status. A new
// document's name must not be a number ([ErrNumericName]): "12" would be
// taken for the id of document 12.
func (s *Store) Import(ctx context.Context, nd NewDocument) (ImportResult, error) {
	var res ImportResult
	name := strings.TrimSpace(nfc(nd.Name))
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

	err = s.withTx(ctx, func(tx *sql.Tx) error {
		var docID, prevVersion int64
		var docLang string
		var number int
		var prevHash string
		err := tx.QueryRowContext(ctx, `SELECT d.id, d.language, v.id, v.number, v.sha256
			FROM documents d JOIN versions v ON v.document_id = d.id
			WHERE d.name = ? ORDER BY v.number DESC LIMIT 1`, name).
			Scan(&docID, &docLang, &prevVersion, &number, &prevHash)
		switch {
		case errors.Is(err, sql.ErrNoRows) && numericName(name):
			// A document already named so (from before this rule) may
			// still get new versions.
			return ErrNumericName
		case errors.Is(err, sql.ErrNoRows):
			r, err := tx.ExecContext(ctx, `INSERT INTO documents (name, language, created) VALUES (?, ?, ?)`, name, lang, now)
			if err != nil {
				return err
			}
			if docID, err = r.LastInsertId(); err != nil {
				return err
			}
			res.New = true
		case err != nil:
			return err
		case docLang != lang:
			return fmt.Errorf("%w (%s, not %s)", ErrLanguageChanged, docLang, lang)
		case prevHash == hash:
			res.Unchanged = true
			return nil
		}
		var old []oldUnit
		if prevVersion != 0 {
			if old, err = versionUnits(ctx, tx, prevVersion); err != nil {
				return err
			}
			if !nd.Force && 2*len(nd.Units) < len(old) {
				return &ShrinkError{Document: name, Previous: len(old), New: len(nd.Units)}
			}
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO versions (document_id, number, original, sha256, metadata, created)
			VALUES (?, ?, ?, ?, ?, ?)`, docID, number+1, nd.Original, hash, string(metaJSON), now)
		if err != nil {
			return err
		}
		versionID, err := r.LastInsertId()
		if err != nil {
			return err
		}
		sources := make([]string, len(nd.Units))
		for i, u := range nd.Units {
			sources[i] = nfc(u.Text)
		}
		same, previous := align(old, sources)
		if prevVersion != 0 {
			if res.Restored, err = matchEarlier(ctx, tx, docID, prevVersion, old, sources, same, previous); err != nil {
				return err
			}
		}
		newUnit, err := tx.PrepareContext(ctx, `INSERT INTO units (document_id, source, words, previous_id) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer newUnit.Close()
		place, err := tx.PrepareContext(ctx, `INSERT INTO version_units (version_id, idx, unit_id, kind, start, "end") VALUES (?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer place.Close()
		for i, u := range nd.Units {
			unitID := same[i]
			switch {
			case unitID != 0:
				res.Kept++
			default:
				var prev any
				if previous[i] != 0 {
					prev = previous[i]
					res.Changed++
				} else {
					res.Added++
				}
				r, err := newUnit.ExecContext(ctx, docID, sources[i], CountWords(sources[i]), prev)
				if err != nil {
					return err
				}
				if unitID, err = r.LastInsertId(); err != nil {
					return err
				}
			}
			if _, err := place.ExecContext(ctx, versionID, u.Index, unitID, u.Kind, u.Start, u.End); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("import %s: %w", name, err)
	}
	doc, err := s.Document(ctx, name)
	if err != nil {
		return res, fmt.Errorf("import %s: %w", name, err)
	}
	res.Document = doc
	return res, nil
}

type oldUnit struct {
	id     int64
	source string
}

func versionUnits(ctx context.Context, tx *sql.Tx, versionID int64) ([]oldUnit, error) {
	rows, err := tx.QueryContext(ctx, `SELECT u.id, u.source FROM version_units vu JOIN units u ON u.id = vu.unit_id
		WHERE vu.version_id = ? ORDER BY vu.idx`, versionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []oldUnit
	for rows.Next() {
		var o oldUnit
		if err := rows.Scan(&o.id, &o.source); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// align matches the units of the new version with those of the old one.
// same[i] is the old unit whose text equals sources[i] (a longest common
// subsequence of the two lists, so order is kept; in order greedily when
// the lists are too long and different for it), or 0; previous[i] is,
// for a new unit lying in a gap between matched units, the unmatched old
// unit at the same position of that gap, or 0.
func align(old []oldUnit, sources []string) (same, previous []int64) {
	n, m := len(old), len(sources)
	same = make([]int64, m)
	previous = make([]int64, m)
	oldSources := make([]string, n)
	for i, o := range old {
		oldSources[i] = o.source
	}
	pairs, exact := worddiff.CommonSubsequence(oldSources, sources) // matched (old, new) positions
	if !exact {
		// Too different to finish: match greedily in order.
		pairs = pairs[:0]
		at := map[string][]int{}
		for i, o := range old {
			at[o.source] = append(at[o.source], i)
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
				previous[pj+k] = old[pi+k].id
			}
		}
		if p[1] < m {
			same[p[1]] = old[p[0]].id
		}
		pi, pj = p[0]+1, p[1]+1
	}
	return same, previous
}

// Documents returns every document at its latest version, by name.
func (s *Store) Documents(ctx context.Context) ([]Document, error) {
	var docs []Document
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		docs, err = queryDocuments(ctx, tx, "")
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return docs, nil
}

// Document returns the document named ref, or whose numeric id is ref. A
// name wins over an id. No such document gives a [*DocumentError].
func (s *Store) Document(ctx context.Context, ref string) (Document, error) {
	var doc Document
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		doc, err = findDocument(ctx, tx, ref)
		return err
	})
	return doc, err
}

const documentQuery = `SELECT d.id, d.name, d.language, d.created, v.id, v.number, v.metadata, v.created,
	(SELECT count(*) FROM version_units vu WHERE vu.version_id = v.id),
	(SELECT coalesce(sum(u.words), 0) FROM version_units vu JOIN units u ON u.id = vu.unit_id WHERE vu.version_id = v.id),
	(SELECT group_concat(language, ' ') FROM (SELECT DISTINCT r.language FROM revisions r JOIN units u ON u.id = r.unit_id
		WHERE u.document_id = d.id ORDER BY r.language))
	FROM documents d JOIN versions v ON v.document_id = d.id
	AND v.number = (SELECT max(number) FROM versions WHERE document_id = d.id)`

func queryDocuments(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]Document, error) {
	rows, err := tx.QueryContext(ctx, documentQuery+" "+where+" ORDER BY d.name", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var docs []Document
	for rows.Next() {
		var d Document
		var created, updated, meta string
		var langs sql.NullString
		if err := rows.Scan(&d.ID, &d.Name, &d.Language, &created, &d.versionID, &d.Version, &meta, &updated,
			&d.Units, &d.Words, &langs); err != nil {
			return nil, err
		}
		d.Created, d.Updated = parseTime(created), parseTime(updated)
		if err := json.Unmarshal([]byte(meta), &d.Metadata); err != nil {
			return nil, fmt.Errorf("document %s: metadata: %w", d.Name, err)
		}
		if langs.String != "" {
			d.Languages = strings.Fields(langs.String)
		}
		docs = append(docs, d)
	}
	return docs, rows.Err()
}

func findDocument(ctx context.Context, tx *sql.Tx, ref string) (Document, error) {
	var doc Document
	err := byRef(ref, func(where string, arg any) error {
		docs, err := queryDocuments(ctx, tx, where, arg)
		if err == nil && len(docs) == 0 {
			return sql.ErrNoRows
		}
		if err == nil {
			doc = docs[0]
		}
		return err
	})
	return doc, err
}

// byRef calls find with the condition and argument that select the
// document ref names: its name, or else, when ref is a number and no
// document has that name, its id. find returns sql.ErrNoRows when it finds
// none, which byRef turns into a [*DocumentError].
func byRef(ref string, find func(where string, arg any) error) error {
	err := find("WHERE d.name = ?", nfc(ref))
	if err == sql.ErrNoRows {
		if id, perr := strconv.ParseInt(ref, 10, 64); perr == nil {
			err = find("WHERE d.id = ?", id)
		}
	}
	if err == sql.ErrNoRows {
		return &DocumentError{Ref: ref}
	}
	if err != nil {
		return fmt.Errorf("find document %s: %w", ref, err)
	}
	return nil
}

// Original returns the bytes of the document's latest version, as imported.
func (s *Store) Original(ctx context.Context, doc Document) ([]byte, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, `SELECT original FROM versions WHERE id = ?`, doc.versionID).Scan(&b)
	if err != nil {
		return nil, fmt.Errorf("read document %s: %w", doc.Name, err)
	}
	return b, nil
}
