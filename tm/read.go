package tm

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/padan-tm/padan/tm/internal/stored"

	"github.com/padan-tm/padan/tm/internal/backend"
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

func (s *session) translation(ctx context.Context, ref, language string, strict bool) (*Translation, error) {
	lang, err := CanonicalLanguage(language)
	if err != nil {
		return nil, err
	}
	t := &Translation{Language: lang}
	err = s.readTx(ctx, func(tx backend.Tx) error {
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

func (s *session) eachUnit(ctx context.Context, doc Document, language string, strict bool, fn func(*Unit) error) error {
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
		readErr = s.readTx(ctx, func(tx backend.Tx) error {
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

// readUnits reads the units of doc's version and their revisions in lang
// (see backend.Tx.ReadUnits) and calls fn with each unit, complete.
func readUnits(ctx context.Context, tx backend.Tx, doc Document, lang string, strict bool, fn func(*Unit) error) error {
	if strict && !hasLanguage(doc, lang) {
		return &LanguageError{Document: doc.Name, Language: lang, Have: doc.Languages}
	}
	var run mergeRun
	return tx.ReadUnits(ctx, doc.versionID, lang, func(r backend.UnitRow, revs []backend.RevisionRow) error {
		u := &Unit{Index: r.Index, Kind: r.Kind, Start: r.Start, End: r.End, Source: r.Source,
			Words: r.Words, Suggestion: r.Suggestion, Status: StatusInitial}
		if len(revs) > 0 {
			u.Revisions = make([]Revision, len(revs))
		}
		for j, rv := range revs {
			u.Revisions[j] = Revision{ID: rv.ID, Event: Event(rv.Event), Role: Role(rv.Role), Status: Status(rv.Status),
				Text: rv.Text, Author: rv.Author, Time: stored.ParseTime(rv.Time), Note: rv.Note, Codes: rv.Codes,
				Score: rv.Score, HasScore: rv.HasScore, Origin: rv.Origin, MergedInto: int(rv.MergedInto), merges: rv.Merges,
				MatchSource: rv.MatchSource, ReviewSkipped: rv.ReviewSkipped}
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
		return fn(u)
	})
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

func (s *session) history(ctx context.Context, ref, language string, index int) (Document, []Revision, error) {
	lang, err := CanonicalLanguage(language)
	if err != nil {
		return Document{}, nil, fmt.Errorf("history: %w", err)
	}
	var doc Document
	var out []Revision
	err = s.readTx(ctx, func(tx backend.Tx) error {
		if doc, err = findDocument(ctx, tx, ref); err != nil {
			return fmt.Errorf("read %s: %w", ref, err)
		}
		var current *Unit
		err := readUnits(ctx, tx, doc, lang, true, func(u *Unit) error {
			if u.Index == index {
				current = u
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("read %s: %w", ref, err)
		}
		if current == nil {
			return &SegmentError{Document: doc.Name, Index: index, Count: doc.Units}
		}
		ids, err := tx.UnitIDs(ctx, doc.versionID, []int{index})
		if err != nil {
			return err
		}
		lineage, err := tx.UnitLineage(ctx, ids[index], lang)
		if err != nil {
			return err
		}
		out = lineageRevisions(lineage, current.Revisions)
		return nil
	})
	if err != nil {
		return doc, nil, fmt.Errorf("history: %w", err)
	}
	return doc, out, nil
}

// lineageRevisions returns the revisions of a unit's lineage (see
// backend.Tx.UnitLineage), oldest version first and in order within one,
// each with the version it was made on: the newest version placing its
// unit created no later than it (revisions are made on the latest version
// of their document), or the oldest placing it should clocks disagree. The
// current unit's revisions are those given, as read with its version.
func lineageRevisions(lineage []backend.LineageRow, current []Revision) []Revision {
	var out []Revision
	for i, l := range lineage {
		revs := current
		if i > 0 {
			revs = make([]Revision, len(l.Revisions))
			for j, rv := range l.Revisions {
				revs[j] = Revision{ID: rv.ID, Event: Event(rv.Event), Role: Role(rv.Role), Status: Status(rv.Status),
					Text: rv.Text, Author: rv.Author, Time: stored.ParseTime(rv.Time), Note: rv.Note, Codes: rv.Codes,
					Score: rv.Score, HasScore: rv.HasScore, Origin: rv.Origin, merges: rv.Merges,
					MatchSource: rv.MatchSource, ReviewSkipped: rv.ReviewSkipped}
			}
		}
		for _, r := range revs {
			r.Source = l.Source
			if len(l.Places) > 0 {
				p := l.Places[0]
				t := stored.Time(r.Time)
				for _, q := range l.Places {
					if q.Created <= t {
						p = q
					}
				}
				r.Version, r.Segment = p.Version, p.Index
			}
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b Revision) int { return cmp.Or(cmp.Compare(a.Version, b.Version), cmp.Compare(a.ID, b.ID)) })
	return out
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

func (s *session) stats(ctx context.Context, ref string) ([]Stat, error) {
	var out []Stat
	err := s.readTx(ctx, func(tx backend.Tx) error {
		var docs []Document
		if ref == "" {
			var err error
			if docs, err = allDocuments(ctx, tx); err != nil {
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

// docStats counts the units of doc's version by language and status.
func docStats(ctx context.Context, tx backend.Tx, doc Document) ([]Stat, error) {
	rows, err := tx.Stats(ctx, doc.versionID)
	if err != nil {
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
	for _, r := range rows {
		k := key{r.Language, Status(r.Status), r.Proposed}
		counts[k] = &Stat{Document: doc.Name, Language: r.Language, Status: Status(r.Status), Proposed: r.Proposed,
			Units: r.Units, Words: r.Words}
		done[r.Language] += r.Units
		doneWords[r.Language] += r.Words
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
