package tm

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// Unit is a unit of a document's latest version with its translation into
// one language.
type Unit struct {
	// Index is the 1-based position of the unit.
	Index  int
	Kind   string
	Source string
	// Start and End are the byte offsets of the unit in the decoded text.
	Start, End int
	Words      int
	// Status is the latest revision's status (initial when there is none).
	Status Status
	// Target is the latest revision's text, or "".
	Target string
	// Translator is the latest text revision by a translator or by
	// pre-translation, Editor the latest by an editor; nil when none.
	Translator, Editor *Revision
	// Suggestion is the latest translation of the unit that this one
	// replaced when the document's text changed, or "".
	Suggestion string
	// Revisions are all revisions of the unit in the language, oldest
	// first.
	Revisions []Revision
	// MergedInto is the 1-based index of the unit whose translation also
	// covers this one, when the latest revision merges it (see
	// [Entry.MergedInto]), or 0. It is set only when that unit comes
	// before this one with nothing but units merged into it between them,
	// so that a translated document can give the two sources' place to the
	// one translation; a merge that a new version of the document broke
	// apart is not one.
	MergedInto int
	// mergeBroken is true when the latest revision merges the unit into
	// another but the merge does not hold (see MergedInto): the unit then
	// has no text.
	mergeBroken bool
}

// Notes returns the non-empty notes of the unit's revisions, oldest first.
func (u *Unit) Notes() []string {
	var notes []string
	for _, r := range u.Revisions {
		if r.Note != "" {
			notes = append(notes, r.Note)
		}
	}
	return notes
}

// Stage chooses which text of a unit a translated document uses.
type Stage string

// The stages.
const (
	// StageTranslator is the latest translator (or pre-translation) text.
	StageTranslator Stage = "translator"
	// StageEditor is the latest editor text.
	StageEditor Stage = "editor"
	// StageLatest is the latest text of any revision.
	StageLatest Stage = "latest"
)

// TargetAt returns the unit's text at a stage, and false when it has none.
// A merged unit has the text "" at every stage; a unit whose merge no
// longer holds has none.
func (u *Unit) TargetAt(stage Stage) (string, bool) {
	if u.MergedInto > 0 {
		return "", true
	}
	if u.mergeBroken {
		return "", false
	}
	switch stage {
	case StageTranslator:
		if u.Translator != nil {
			return u.Translator.Text, true
		}
	case StageEditor:
		if u.Editor != nil {
			return u.Editor.Text, true
		}
	case StageLatest:
		if len(u.Revisions) > 0 {
			return u.Target, true
		}
	}
	return "", false
}

// Translation is a document's latest version with every unit's translation
// into one language.
type Translation struct {
	Document Document
	Language string
	Units    []Unit
}

// Targets returns the texts of the units at a stage, in order, and the
// 1-based indexes of the units that have none (their text is ""). A merged
// unit is not missing: its text is "".
func (t *Translation) Targets(stage Stage) (targets []string, missing []int) {
	targets = make([]string, len(t.Units))
	for i := range t.Units {
		text, ok := t.Units[i].TargetAt(stage)
		if !ok {
			missing = append(missing, t.Units[i].Index)
		}
		targets[i] = text
	}
	return targets, missing
}

// Complete returns the texts of the units at a stage, or a [*MissingError]
// listing the units that have none.
func (t *Translation) Complete(stage Stage) ([]string, error) {
	targets, missing := t.Targets(stage)
	if len(missing) > 0 {
		return nil, &MissingError{Document: t.Document.Name, Language: t.Language, Stage: stage, Indexes: missing}
	}
	return targets, nil
}

// Translation reads a document's units and their revisions in a language
// with two queries in one read transaction. A document with no revision in
// the language still gives its units (all initial) unless strict is true,
// in which case it gives a [*LanguageError].
func (s *Store) Translation(ctx context.Context, ref, language string, strict bool) (*Translation, error) {
	lang, err := CanonicalLanguage(language)
	if err != nil {
		return nil, err
	}
	t := &Translation{Language: lang}
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		doc, err := findDocument(ctx, tx, ref)
		if err != nil {
			return err
		}
		t.Document = doc
		if strict && !hasLanguage(doc, lang) {
			return &LanguageError{Document: doc.Name, Language: lang, Have: doc.Languages}
		}
		return readUnits(ctx, tx, t, doc.versionID)
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ref, err)
	}
	return t, nil
}

func readUnits(ctx context.Context, tx *sql.Tx, t *Translation, versionID int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT vu.idx, vu.kind, vu.start, vu."end", u.id, u.source, u.words, u.previous_id
		FROM version_units vu JOIN units u ON u.id = vu.unit_id WHERE vu.version_id = ? ORDER BY vu.idx`, versionID)
	if err != nil {
		return err
	}
	var ids, prev []int64
	for rows.Next() {
		var u Unit
		var id int64
		var p sql.NullInt64
		if err := rows.Scan(&u.Index, &u.Kind, &u.Start, &u.End, &id, &u.Source, &u.Words, &p); err != nil {
			rows.Close()
			return err
		}
		u.Status = StatusInitial
		t.Units = append(t.Units, u)
		ids = append(ids, id)
		prev = append(prev, p.Int64)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	revs, err := tx.QueryContext(ctx, `SELECT r.unit_id, r.id, r.event, r.role, r.status, r.text, r.author, r.time,
			r.note, coalesce(r.codes, ''), r.score, coalesce(r.origin, ''), r.merged_into
		FROM revisions r WHERE r.language = ? AND r.unit_id IN (
			SELECT unit_id FROM version_units WHERE version_id = ?
			UNION SELECT u.previous_id FROM version_units vu JOIN units u ON u.id = vu.unit_id
			WHERE vu.version_id = ? AND u.previous_id IS NOT NULL)
		ORDER BY r.unit_id, r.id`, t.Language, versionID, versionID)
	if err != nil {
		return err
	}
	defer revs.Close()
	index := make(map[int64]int, len(ids)) // unit id → 1-based index
	for i, id := range ids {
		index[id] = i + 1
	}
	byUnit := map[int64][]Revision{}
	for revs.Next() {
		var unitID int64
		var r Revision
		var tm string
		var score sql.NullFloat64
		var merged sql.NullInt64
		if err := revs.Scan(&unitID, &r.ID, &r.Event, &r.Role, &r.Status, &r.Text, &r.Author, &tm,
			&r.Note, &r.Codes, &score, &r.Origin, &merged); err != nil {
			return err
		}
		if merged.Valid {
			r.MergedInto, r.merges = index[merged.Int64], true
		}
		r.Time = parseTime(tm)
		r.Score, r.HasScore = score.Float64, score.Valid
		byUnit[unitID] = append(byUnit[unitID], r)
	}
	if err := revs.Err(); err != nil {
		return err
	}
	for i := range t.Units {
		u := &t.Units[i]
		u.Revisions = byUnit[ids[i]]
		for j := range u.Revisions {
			r := &u.Revisions[j]
			u.Status, u.Target = r.Status, r.Text
			if r.Event != EventRevise {
				continue
			}
			if r.Role == RoleEditor {
				u.Editor = r
			} else {
				u.Translator = r
			}
		}
		if old := byUnit[prev[i]]; prev[i] != 0 && len(old) > 0 {
			u.Suggestion = old[len(old)-1].Text
		}
		if n := len(u.Revisions); n > 0 && u.Revisions[n-1].merges {
			u.MergedInto = mergeTarget(t.Units[:i], u.Revisions[n-1].MergedInto)
			u.mergeBroken = u.MergedInto == 0
		}
	}
	return nil
}

// mergeTarget returns into, the 1-based index of the unit that the unit
// following before is merged into, if the merge holds: into is one of
// before, not merged itself, and every unit after it is merged into it
// too. Otherwise it returns 0.
func mergeTarget(before []Unit, into int) int {
	if into < 1 || into > len(before) || before[into-1].MergedInto != 0 {
		return 0
	}
	for _, u := range before[into:] {
		if u.MergedInto != into {
			return 0
		}
	}
	return into
}

// History returns every revision of segment index (1-based) of a document
// in a language, oldest first. A document with no revision in the language
// gives a [*LanguageError]; an index out of range a [*SegmentError].
func (s *Store) History(ctx context.Context, ref, language string, index int) (Document, []Revision, error) {
	t, err := s.Translation(ctx, ref, language, true)
	if err != nil {
		return Document{}, nil, fmt.Errorf("history: %w", err)
	}
	if index < 1 || index > len(t.Units) {
		return t.Document, nil, fmt.Errorf("history: %w", &SegmentError{Document: t.Document.Name, Index: index, Count: len(t.Units)})
	}
	return t.Document, t.Units[index-1].Revisions, nil
}

// Stat counts the units of a document, and their source words, that have a
// status in a language. Language is "" for a document with no translation.
type Stat struct {
	Document string
	Language string
	Status   Status
	Units    int
	Words    int
}

// Stats counts, for the document ref (or every document when ref is ""),
// its units and source words by target language and status. Only non-zero
// counts are returned, by document, language and status order.
func (s *Store) Stats(ctx context.Context, ref string) ([]Stat, error) {
	var out []Stat
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var docs []Document
		if ref == "" {
			var err error
			if docs, err = queryDocuments(ctx, tx, ""); err != nil {
				return err
			}
		} else {
			doc, err := findDocument(ctx, tx, ref)
			if err != nil {
				return err
			}
			docs = []Document{doc}
		}
		for _, doc := range docs {
			st, err := docStats(ctx, tx, doc)
			if err != nil {
				return err
			}
			out = append(out, st...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	return out, nil
}

func docStats(ctx context.Context, tx *sql.Tx, doc Document) ([]Stat, error) {
	rows, err := tx.QueryContext(ctx, `SELECT vu.unit_id, u.words FROM version_units vu JOIN units u ON u.id = vu.unit_id
		WHERE vu.version_id = ?`, doc.versionID)
	if err != nil {
		return nil, err
	}
	words := map[int64]int{}
	for rows.Next() {
		var id int64
		var w int
		if err := rows.Scan(&id, &w); err != nil {
			rows.Close()
			return nil, err
		}
		words[id] = w
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	langs := doc.Languages
	if len(langs) == 0 {
		langs = []string{""}
	}
	type key struct {
		lang   string
		status Status
	}
	counts := map[key]*Stat{}
	done := map[string]int{} // units with a revision, per language
	doneWords := map[string]int{}
	rows, err = tx.QueryContext(ctx, `SELECT r.unit_id, r.language, r.status FROM revisions r WHERE r.id IN (
		SELECT max(x.id) FROM revisions x JOIN version_units vu ON vu.unit_id = x.unit_id
		WHERE vu.version_id = ? GROUP BY x.unit_id, x.language)`, doc.versionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var lang string
		var status Status
		if err := rows.Scan(&id, &lang, &status); err != nil {
			return nil, err
		}
		k := key{lang, status}
		if counts[k] == nil {
			counts[k] = &Stat{Document: doc.Name, Language: lang, Status: status}
		}
		counts[k].Units++
		counts[k].Words += words[id]
		done[lang]++
		doneWords[lang] += words[id]
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []Stat
	for _, lang := range langs {
		for _, status := range Statuses {
			st := counts[key{lang, status}]
			if status == StatusInitial {
				// Units with no revision in the language are initial too.
				if st == nil {
					st = &Stat{Document: doc.Name, Language: lang, Status: status}
				}
				st.Units += doc.Units - done[lang]
				st.Words += doc.Words - doneWords[lang]
			}
			if st != nil && st.Units > 0 {
				out = append(out, *st)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Language < out[j].Language })
	return out, nil
}
