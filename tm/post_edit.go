package tm

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/worddiff"
)

// PostEdit returns the post-edit figures of a document's translation into
// a language, translator against editor: worddiff's summary over the
// units of its latest version that have both a translator's (or
// pre-translation's) text and an editor's, in order, each unit comparing
// its latest texts of the two. It reports false when no unit has both.
//
// The figures of each pair of texts are kept when the pair is recorded
// (see [Store.Revise]), so that PostEdit reads them, not the texts: its
// time grows with the units that an editor revised, not with the document.
// (Figures missing from a database made before they were kept are
// computed as it reads.)
func (s *Store) PostEdit(ctx context.Context, ref, language string) (worddiff.Summary, bool, error) {
	lang, err := CanonicalLanguage(language)
	if err != nil {
		return worddiff.Summary{}, false, err
	}
	var fs []worddiff.AuthoredFigures
	err = s.db.Read(ctx, func(tx backend.Tx) error {
		doc, err := findHead(ctx, tx, ref)
		if err != nil {
			return err
		}
		classes := classesDecoder{}
		return tx.PostEdits(ctx, doc.versionID, lang, func(r backend.PostEditRow) error {
			f, err := figuresOf(r, classes)
			if err != nil {
				return err
			}
			fs = append(fs, worddiff.AuthoredFigures{FromAuthor: r.FromAuthor, ToAuthor: r.ToAuthor, Figures: f})
			return nil
		})
	})
	if err != nil {
		return worddiff.Summary{}, false, fmt.Errorf("post-edit figures of %s: %w", ref, err)
	}
	if len(fs) == 0 {
		return worddiff.Summary{}, false, nil
	}
	return worddiff.SummarizeFigures(fs), true, nil
}

// figuresOf returns the figures kept of a pair, or computes them.
func figuresOf(r backend.PostEditRow, classes classesDecoder) (worddiff.Figures, error) {
	if r.Figures == nil {
		return compare(r), nil
	}
	k := r.Figures
	f := worddiff.Figures{Changed: k.Changed, Approximate: k.Approximate, Distance: worddiff.Distance{Insertions: k.Insertions, Deletions: k.Deletions,
		Substitutions: k.Substitutions, Shifts: k.Shifts, Words: k.Words, TER: k.TER, Similarity: k.Similarity}}
	var err error
	if f.Classes, err = classes.decode(k.Classes); err != nil {
		return f, fmt.Errorf("post-edit figures of revisions %d and %d: %w", r.TranslatorID, r.EditorID, err)
	}
	return f, nil
}

// classesDecoder decodes the kept change counts of pairs (a JSON object
// by class name), each distinct text once: the pairs of a document share
// a few texts, and decoding each pair's took a third of `padan stats`'s
// CPU time at 100,000 pairs.
type classesDecoder map[string]worddiff.Counts

// decode returns the counts that the JSON text holds.
func (d classesDecoder) decode(text string) (worddiff.Counts, error) {
	if c, ok := d[text]; ok {
		return c, nil
	}
	var byName map[string]int
	if err := json.Unmarshal([]byte(text), &byName); err != nil {
		return worddiff.Counts{}, err
	}
	var c worddiff.Counts
	for i := range c {
		c[i] = byName[worddiff.Class(i).String()]
	}
	d[text] = c
	return c, nil
}

// compare compares the two texts of a pair by word, as the summaries do.
func compare(r backend.PostEditRow) worddiff.Figures {
	return worddiff.Compare(worddiff.Pair{From: r.From, To: r.To}, worddiff.ByWord).Figures()
}

// keepPostEdits computes and keeps the figures of the latest pairs of the
// given units in lang that have none yet: called where revisions are
// recorded, in their transaction.
func keepPostEdits(ctx context.Context, tx backend.Tx, lang string, units []int64) error {
	units = slices.Compact(slices.Sorted(slices.Values(units)))
	rows, err := tx.NewPostEdits(ctx, lang, units)
	if err != nil || len(rows) == 0 {
		return err
	}
	for i := range rows {
		f := compare(rows[i])
		classes, err := json.Marshal(f.Classes)
		if err != nil {
			return err
		}
		d := f.Distance
		rows[i].Figures = &backend.FiguresRow{Changed: f.Changed, Insertions: d.Insertions, Deletions: d.Deletions,
			Substitutions: d.Substitutions, Shifts: d.Shifts, Words: d.Words, TER: d.TER, Similarity: d.Similarity,
			Classes: string(classes), Approximate: f.Approximate}
	}
	return tx.KeepPostEdits(ctx, rows)
}
