package align

import "strings"

// UnitTranslation is what an alignment says about one source sentence when
// the sentences are the units of a document: the translation to record and
// whether a person should look at it.
type UnitTranslation struct {
	// Unit is the 0-based index of the source sentence.
	Unit int
	// Text is the unit's translation: the target sentences of its bead
	// joined with one space, or "" when the unit has none (a 1-0 bead, or
	// a unit merged into another).
	Text string
	// MergedInto is the index of the unit whose translation also covers
	// this one (the later sources of a 2-1 or 3-1 bead), or -1.
	MergedInto int
	// Confidence is the confidence of the unit's bead.
	Confidence float64
	// Review is true when the bead needs review, when the unit has no
	// translation, and when a target sentence with no source (0-1) was
	// added to its text.
	Review bool
}

// Units turns beads over src units and target sentences tgt into one
// UnitTranslation per source unit, in order:
//
//   - 1-1, 1-2, 1-3: the unit gets its target sentences, joined;
//   - 2-1, 2-2, 3-1: the first unit gets all the target sentences and the
//     others are merged into it;
//   - 1-0: the unit gets no text and is marked for review;
//   - 0-1: the added target sentence is appended to the previous unit's
//     text (prepended to the next unit's at the start), marked for review,
//     so that no translated text is lost (with no unit at all, there is
//     nowhere to put it and it is dropped).
func Units(beads []Bead, tgt []string) []UnitTranslation {
	var out []UnitTranslation
	var orphan []string // target sentences of 0-1 beads before any unit
	for _, b := range beads {
		texts := make([]string, len(b.Tgt))
		for k, j := range b.Tgt {
			texts[k] = tgt[j]
		}
		if len(b.Src) == 0 {
			if len(out) == 0 {
				orphan = append(orphan, texts...)
				continue
			}
			last := &out[len(out)-1]
			if last.MergedInto >= 0 {
				last = &out[last.MergedInto]
			}
			last.Text = join(last.Text, strings.Join(texts, " "))
			last.Review = true
			continue
		}
		for k, i := range b.Src {
			u := UnitTranslation{Unit: i, MergedInto: -1, Confidence: b.Confidence, Review: b.NeedsReview()}
			if k == 0 {
				u.Text = strings.Join(texts, " ")
				if len(orphan) > 0 {
					u.Text = join(strings.Join(orphan, " "), u.Text)
					u.Review, orphan = true, nil
				}
				u.Review = u.Review || u.Text == ""
			} else {
				u.MergedInto = b.Src[0]
				if len(texts) == 0 {
					u.Review = true
				}
			}
			out = append(out, u)
		}
	}
	return out
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}
