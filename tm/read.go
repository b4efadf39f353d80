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
// longer holds has none. A pre-translation proposal is not a text (see
// [Unit.ProposalAt]).
func (u *Unit) TargetAt(stage Stage) (string, bool) {
	if u.MergedInto > 0 {
		return "", true
	}
	if u.mergeBroken {
		return "", false
	}
	switch stage {
	case StageTranslator:
		if u.Translator != nil && !u.Translator.IsProposal() {
			return u.Translator.Text, true
		}
	case StageEditor:
		if u.Editor != nil {
			return u.Editor.Text, true
		}
	case StageLatest:
		if len(u.Revisions) > 0 && u.Proposal() == nil {
			return u.Target, true
		}
	}
	return "", false
}

// ProposalAt returns the unit's pre-translation proposal (see
// [Revision.IsProposal]) when that is all it has at a stage, else nil.
func (u *Unit) ProposalAt(stage Stage) *Revision {
	if _, ok := u.TargetAt(stage); ok || stage == StageEditor {
		return nil
	}
	if stage == StageTranslator && u.Translator.IsProposal() {
		return u.Translator
	}
	return u.Proposal()
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
	targets, missing, _ = t.targets(stage, false)
	return targets, missing
}

// TargetsWithProposals is [Translation.Targets] where a unit whose only
// text at the stage is a pre-translation proposal gives the proposal;
// proposals lists those units.
func (t *Translation) TargetsWithProposals(stage Stage) (targets []string, missing, proposals []int) {
	return t.targets(stage, true)
}

func (t *Translation) targets(stage Stage, withProposals bool) (targets []string, missing, proposals []int) {
	targets = make([]string, len(t.Units))
	for i := range t.Units {
		u := &t.Units[i]
		text, ok := u.TargetAt(stage)
		if p := u.ProposalAt(stage); !ok && p != nil && withProposals {
			text, ok = p.Text, true
			proposals = append(proposals, u.Index)
		}
		if !ok {
			missing = append(missing, u.Index)
		}
		targets[i] = text
	}
	return targets, missing, proposals
}

// Complete returns the texts of the units at a stage, or a [*MissingError]
// listing the units that have none (and which of them hold a proposal,
// which is not a text: see [Translation.TargetsWithProposals]).
func (t *Translation) Complete(stage Stage) ([]string, error) {
	targets, missing, _ := t.targets(stage, false)
	if len(missing) > 0 {
		me := &MissingError{Document: t.Document.Name, Language: t.Language, Stage: stage, Indexes: missing}
		for _, i := range missing {
			if t.Units[i-1].ProposalAt(stage) != nil {
				me.Proposals = append(me.Proposals, i)
			}
		}
		return nil, me
	}
	return targets, nil
}

// Translation reads a document's units and their revisions in a language
// into memory, in one read transaction, the way [Store.EachUnit] streams
// them. A document with no revision in the language still gives its units
// (all initial) unless strict is true, in which case it gives a
// [*LanguageError].
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
		return readUnits(ctx, tx, doc, lang, strict, func(u *Unit) error {
			t.Units = append(t.Units, *u)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ref, err)
	}
	return t, nil
}

// EachUnit calls fn with each unit of doc's version and its revisions in a
// language, in order, as it reads them in one read transaction: memory holds
// a few batches of units at a time (see readAheadBatch), whatever the size
// of the document. The reading runs ahead of fn on a goroutine of its own,
// so that the two overlap; fn is called on the caller's goroutine.
//
// doc comes from [Store.Document] or [Store.Documents]; should a new version
// of it have been imported since, the units are still those of doc's
// version. Each call gets a new [Unit], which fn may keep. A document with
// no revision in the language still gives its units (all initial) unless
// strict is true, in which case it gives a [*LanguageError] before any call.
// An error of fn stops the reading and is returned as it is.
func (s *Store) EachUnit(ctx context.Context, doc Document, language string, strict bool, fn func(*Unit) error) error {
	lang, err := CanonicalLanguage(language)
	if err != nil {
		return err
	}
	if doc.versionID == 0 {
		return fmt.Errorf("read %s: %w", doc.Name, &DocumentError{Ref: doc.Name})
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []*Unit, readAheadBatches)
	var readErr error // set before batches is closed
	go func() {
		defer close(batches)
		batch := make([]*Unit, 0, readAheadBatch)
		send := func() error {
			select {
			case batches <- batch:
				batch = make([]*Unit, 0, readAheadBatch)
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		readErr = s.readTx(ctx, func(tx *sql.Tx) error {
			return readUnits(ctx, tx, doc, lang, strict, func(u *Unit) error {
				if batch = append(batch, u); len(batch) == cap(batch) {
					return send()
				}
				return nil
			})
		})
		if readErr == nil && len(batch) > 0 {
			readErr = send()
		}
	}()
	for batch := range batches {
		for _, u := range batch {
			if err := fn(u); err != nil {
				cancel()
				for range batches {
					// Wait for the reader to stop.
				}
				return err
			}
		}
	}
	if readErr != nil {
		return fmt.Errorf("read %s: %w", doc.Name, readErr)
	}
	return nil
}

// How far [Store.EachUnit] reads ahead: batches of readAheadBatch units,
// up to readAheadBatches of them waiting for fn.
const (
	readAheadBatch   = 256
	readAheadBatches = 4
)

// Queries of readUnits, both in the order of the version's units: the
// units with the latest text of the unit each replaced (its suggestion),
// and their revisions in the language. A revision's last column is NULL
// when it marks no merge, else the index in the version of the unit it
// merges into (the last one, should a unit be placed twice), or 0 when that
// unit is not in the version.
const (
	unitsQuery = `SELECT vu.idx, vu.kind, vu.start, vu."end", u.source, u.words,
			CASE WHEN u.previous_id IS NOT NULL THEN (SELECT p.text FROM revisions p
				WHERE p.unit_id = u.previous_id AND p.language = ?1 ORDER BY p.id DESC LIMIT 1) END
		FROM version_units vu JOIN units u ON u.id = vu.unit_id
		WHERE vu.version_id = ?2 ORDER BY vu.idx`
	revisionsQuery = `SELECT vu.idx, r.id, r.event, r.role, r.status, r.text, r.author, r.time,
			r.note, r.codes, r.score, r.origin,
			CASE WHEN r.merged_into IS NOT NULL THEN coalesce((SELECT max(m.idx) FROM version_units m
				WHERE m.version_id = ?2 AND m.unit_id = r.merged_into), 0) END,
			r.match_source, r.review_skipped
		FROM version_units vu JOIN revisions r ON r.unit_id = vu.unit_id AND r.language = ?1
		WHERE vu.version_id = ?2 ORDER BY vu.idx, r.id`
)

// readUnits reads the units of doc's version and their revisions in lang
// with two cursors walked side by side, and calls fn with each unit,
// complete. Rows are scanned into plain values (see [row]), the cheapest
// way through database/sql.
func readUnits(ctx context.Context, tx *sql.Tx, doc Document, lang string, strict bool, fn func(*Unit) error) error {
	if strict && !hasLanguage(doc, lang) {
		return &LanguageError{Document: doc.Name, Language: lang, Have: doc.Languages}
	}
	units, err := tx.QueryContext(ctx, unitsQuery, lang, doc.versionID)
	if err != nil {
		return err
	}
	defer units.Close()
	revs, err := tx.QueryContext(ctx, revisionsQuery, lang, doc.versionID)
	if err != nil {
		return err
	}
	defer revs.Close()
	// next is the revision read ahead, of the unit at index nextIdx (0 when
	// there is none left).
	var next Revision
	nextIdx := 0
	var rv row
	advance := func() error {
		nextIdx = 0
		if !revs.Next() {
			return revs.Err()
		}
		if err := rv.scan(revs, 15); err != nil {
			return err
		}
		nextIdx = rv.int(0)
		next = Revision{
			ID: int64(rv.int(1)), Event: Event(rv.str(2)), Role: Role(rv.str(3)), Status: Status(rv.str(4)),
			Text: rv.str(5), Author: rv.str(6), Time: parseTime(rv.str(7)), Note: rv.str(8), Codes: rv.str(9),
			Origin: rv.str(11), MergedInto: rv.int(12), merges: rv.v[12] != nil,
			MatchSource: rv.str(13), ReviewSkipped: rv.int(14) != 0,
		}
		next.Score, next.HasScore = rv.v[10].(float64)
		return nil
	}
	if err := advance(); err != nil {
		return err
	}
	var run mergeRun
	var ur row
	for units.Next() {
		if err := ur.scan(units, 7); err != nil {
			return err
		}
		u := &Unit{Index: ur.int(0), Kind: ur.str(1), Start: ur.int(2), End: ur.int(3), Source: ur.str(4),
			Words: ur.int(5), Suggestion: ur.str(6), Status: StatusInitial}
		for nextIdx != 0 && nextIdx <= u.Index {
			if nextIdx == u.Index {
				u.Revisions = append(u.Revisions, next)
			}
			if err := advance(); err != nil {
				return err
			}
		}
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
		run.place(u)
		if err := fn(u); err != nil {
			return err
		}
	}
	return units.Err()
}

// row holds the columns of a result row as the driver gives them (int64,
// float64, string or nil): scanning into interface values skips the
// conversions by reflection that database/sql makes into other types.
type row struct {
	v    [15]any
	dest [15]any
}

// scan reads the n first columns of the current row of rows.
func (r *row) scan(rows *sql.Rows, n int) error {
	if r.dest[0] == nil {
		for i := range r.dest {
			r.dest[i] = &r.v[i]
		}
	}
	return rows.Scan(r.dest[:n]...)
}

// int returns column i as an int, 0 for NULL.
func (r *row) int(i int) int {
	n, _ := r.v[i].(int64)
	return int(n)
}

// str returns column i as a string, "" for NULL.
func (r *row) str(i int) string {
	s, _ := r.v[i].(string)
	return s
}

// mergeRun decides, as the units of a version come in order, whether each
// unit's merge holds: the unit its latest revision merges it into must be
// the last unit so far that is not merged itself (head), so that only
// units merged into it lie between them. (Every unit after head is merged
// into head, since a merge holds only into head.)
type mergeRun struct{ head int }

// place sets u's MergedInto, or marks its merge broken, and moves the head.
func (m *mergeRun) place(u *Unit) {
	if n := len(u.Revisions); n > 0 && u.Revisions[n-1].merges {
		if into := u.Revisions[n-1].MergedInto; into > 0 && into == m.head {
			u.MergedInto = into
		}
		u.mergeBroken = u.MergedInto == 0
	}
	if u.MergedInto == 0 {
		m.head = u.Index
	}
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
	// Proposed is set on the count of the initial units that hold a
	// pre-translation proposal (see [Revision.IsProposal]), which are
	// counted apart from the other initial units.
	Proposed bool
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
		lang     string
		status   Status
		proposed bool
	}
	counts := map[key]*Stat{}
	done := map[string]int{} // units with a revision, per language
	doneWords := map[string]int{}
	rows, err = tx.QueryContext(ctx, `SELECT r.unit_id, r.language, r.status, r.event, r.role FROM revisions r WHERE r.id IN (
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
		var event Event
		var role Role
		if err := rows.Scan(&id, &lang, &status, &event, &role); err != nil {
			return nil, err
		}
		last := Revision{Event: event, Role: role, Status: status}
		k := key{lang, status, last.IsProposal()}
		if counts[k] == nil {
			counts[k] = &Stat{Document: doc.Name, Language: lang, Status: status, Proposed: k.proposed}
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
			st := counts[key{lang, status, false}]
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
			if p := counts[key{lang, status, true}]; p != nil {
				out = append(out, *p)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Language < out[j].Language })
	return out, nil
}
