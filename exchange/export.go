package exchange

import (
	"encoding/json"
	"strconv"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/workflow"
)

// ExportOptions says which text of a unit [ExportUnit] gives.
type ExportOptions struct {
	// Stage chooses the target: the translator's, the editor's or the
	// latest text.
	Stage tm.Stage
	// Proposals makes a pre-translation proposal (see
	// [tm.PretranslationRules]) the target, status initial; otherwise a
	// proposal is only the unit's Match and the unit has no target, as
	// XLIFF carries it. A TMX export gives proposals only when asked.
	Proposals bool
}

// ExportUnit turns a stored unit of doc, translated into lang, into an
// exchanged one: its target at the stage, the translator's and editor's
// revisions, the whole history, the pre-translation match (with the
// memory unit's source, and scores within 0–100: a context match is 100
// and marked Context) and the notes, with every revision's inline codes
// gathered into one list.
func ExportUnit(doc tm.Document, lang string, tu *tm.Unit, o ExportOptions) (exports.Unit, error) {
	stage := o.Stage
	u := exports.Unit{
		ID: "s" + strconv.Itoa(tu.Index), Document: doc.Name, Segment: tu.Index,
		SourceLang: doc.Language, TargetLang: lang,
	}
	var cs exports.CodeSet
	var err error
	if u.Source, err = cs.Remap(tu.Source, nil); err != nil {
		return u, err
	}
	remap := func(r *tm.Revision) (exports.Revision, error) {
		codes, err := DecodeCodes(r.Codes)
		if err != nil {
			return exports.Revision{}, err
		}
		text, err := cs.Remap(r.Text, codes)
		return exports.Revision{Role: r.Role, Text: text, Author: r.Author, Time: r.Time}, err
	}
	status, err := workflow.ParseStatus(string(tu.Status))
	if err != nil {
		return u, err
	}
	// from is the revision whose text the unit gets at the stage; the loop
	// remaps it with the others when it is a text revision.
	var from *tm.Revision
	switch stage {
	case tm.StageTranslator:
		from = tu.Translator
		status = exports.StatusTranslated
	case tm.StageEditor:
		from = tu.Editor
		if !status.Reached(exports.StatusReviewed) {
			status = exports.StatusReviewed
		}
	default:
		if n := len(tu.Revisions); n > 0 {
			from = &tu.Revisions[n-1]
		}
	}
	var r exports.Revision
	remapped := false
	for i := range tu.Revisions {
		rev := &tu.Revisions[i]
		if rev.Note != "" {
			u.Notes = append(u.Notes, exports.Note{Text: rev.Note, From: rev.Author, AppliesTo: "target"})
		}
		if rev.Event != tm.EventRevise {
			continue
		}
		er, err := remap(rev)
		if err != nil {
			return u, err
		}
		if rev == from {
			r, remapped = er, true
		}
		u.Revisions = append(u.Revisions, er)
		switch rev.Role {
		case tm.RoleEditor:
			u.Editor = er
		case tm.RoleTranslator:
			u.Translator = er
		case tm.RolePretranslation:
			u.Translator = exports.Revision{}
			if u.Match, err = match(rev, er.Text, &cs); err != nil {
				return u, err
			}
		}
	}
	if from == nil {
		u.Status = exports.StatusInitial
		u.Translator, u.Editor = exports.Revision{}, exports.Revision{}
		u.Codes = cs.Codes
		return u, nil
	}
	if !remapped {
		if r, err = remap(from); err != nil {
			return u, err
		}
	}
	u.Target, u.Status = r.Text, status
	switch {
	case from.Role != tm.RolePretranslation:
		u.Match = nil
	case from.IsProposal() && !o.Proposals:
		// A proposal is a match, not a translation.
		u.Target, u.Status = "", exports.StatusInitial
	case from.IsProposal():
		u.Status = exports.StatusInitial
	}
	if stage == tm.StageTranslator {
		u.Editor = exports.Revision{}
	}
	u.Codes = cs.Codes
	return u, nil
}

// match returns the exchanged match of a pre-translation revision whose
// remapped text is target: its score within 0–100 (a context match is 100,
// marked Context), where it came from and the memory unit's source.
func match(rev *tm.Revision, target string, cs *exports.CodeSet) (*exports.Match, error) {
	m := &exports.Match{Score: rev.Score, Origin: matchOrigin(rev.Origin), Target: target}
	switch {
	case !rev.HasScore:
		m.Score = 100
	case tm.RuleFor(rev.Score).Kind == tm.MatchContext:
		m.Score, m.Context = 100, true
	}
	src := rev.MatchSource
	if src == "" {
		// Pre-translations recorded before the source had a column of its
		// own kept it in the origin.
		var mo tm.MatchOrigin
		if json.Unmarshal([]byte(rev.Origin), &mo) == nil {
			src = mo.Source
		}
	}
	codes, err := DecodeCodes(rev.Codes)
	if err != nil {
		return nil, err
	}
	if m.Source, err = cs.Remap(src, codes); err != nil {
		return nil, err
	}
	return m, nil
}

// matchOrigin names where a pre-translation came from, from the origin JSON
// the memory recorded.
func matchOrigin(origin string) string {
	var o tm.Origin
	if json.Unmarshal([]byte(origin), &o) == nil {
		switch {
		case o.File != "":
			return o.File
		case o.Document != "":
			return o.Document
		}
	}
	return "padan-tm"
}
