// Package align aligns a text with its translation sentence by sentence.
//
// [Align] takes the sentences of a source text and of its translation and
// returns [Bead]s: groups of consecutive source sentences translated by
// groups of consecutive target sentences. The beads cover every sentence of
// both texts, in order, without crossing. Their shapes are 1-1, 1-2, 2-1,
// 2-2, 1-3 and 3-1, and the null beads 1-0 (a source sentence left
// untranslated) and 0-1 (a target sentence with no source). The package
// was written for English and Indonesian news but nothing in it depends on
// the language beyond the short word lists in anchors.go.
//
// # Cost model
//
// Each possible bead gets a cost; dynamic programming finds the sequence of
// beads with the least total cost. Costs are in Gale & Church's unit,
// -100·ln(probability), so that adding costs multiplies probabilities: 230
// is a factor of ten. The cost of a bead is the sum of:
//
//   - Prior of the shape (Gale & Church 1993): 1-1 0, 2-1 and 1-2 230,
//     2-2 440. 1-3 and 3-1 cost 600, more than a null bead plus a 2-1, so
//     they win only when anchors support them. A null bead costs 300
//     (probability 0.05 relative to 1-1), more likely than Gale & Church's
//     0.01: omissions are common in news translation. A null bead has no
//     other cost.
//   - Length: Gale & Church's -100·ln P(|Z| >= |z|) with
//     z = (c·l1 - l2) / sqrt(6.8 · (l1 + l2/c)/2), l1 and l2 the character
//     counts of the two sides and c the expected number of target
//     characters per source character. c is measured, not assumed: a first
//     pass with c = 1 aligns the texts (at most their first 1,000 source
//     sentences), and c is the character ratio over its non-null beads,
//     shrunk towards 1 by 300 characters of prior weight. Measuring on
//     non-null beads matters: a ratio over whole texts counts omitted
//     sentences and so makes omissions look normal, which is why
//     length-only alignment almost never finds them.
//   - Anchors, words that survive translation. Each sentence is reduced to
//     a multiset of anchors of four classes:
//     numbers, normalized so that 20.000, 20,000 and 20 000 are one anchor,
//     12,5 and 12.5 another, and 1950-1953 two ([Numbers]);
//     names: words capitalised other than at the start of a sentence, and
//     acronyms, lowercased; acronyms and names that differ between English
//     and Indonesian go through the short [PairList] (PBB/UN, AS/US,
//     DK/UNSC, months, days, a few countries, percent);
//     cognates: every word of five letters or more that is not a function
//     word, respelt the Indonesian way (c→k or s, ph→f, th→t, y→i, v→f,
//     x→ks, double letters single) and cut to its first four letters, so
//     that technology/teknologi, transition/transisi and names share an
//     anchor;
//     punctuation: question marks, exclamation marks, opening parentheses
//     and quotations.
//     For the anchors the two sides of a bead share (as multisets), the
//     cost falls by 150 per number, 100 per name, 60 per punctuation mark
//     and 50 per cognate. Each number, name or punctuation anchor found on
//     one side only adds 40 (cognates do not: most words have none).
//   - Unexplained sentences: when both sides of a bead have anchors, each
//     sentence of the bead that shares none with the other side adds 100.
//     Measured on the one-to-one PUD pairs, 10% of true pairs share no
//     anchor against 74% of neighbouring wrong pairs, so sharing nothing
//     is evidence against a bead; it is what lets a null bead beat the
//     merge of an untranslated sentence into its neighbour, which length
//     alone cannot tell apart.
//
// The parameters are round numbers chosen on a development set made with
// the hard-variant script of ../shared/data/alignment and another seed,
// never on the evaluation files.
//
// # Search
//
// Texts whose table has at most 4 million cells are aligned exactly. Longer
// texts are aligned in a band of ±50 target sentences around the diagonal
// (the row i goes to target i·m/n); if the best path comes within 5 cells
// of the band's edge, the band doubles and the search runs again, up to 4
// million cells (±200 sentences for texts of 10,000); a larger shift, such
// as a thousand consecutive untranslated sentences, is not followed, and
// such texts are better cut in parts first. Two texts of 10,000 sentences
// take about 3 s of CPU and 130 MB.
//
// # Confidence
//
// The costs define a probability for every alignment path, proportional to
// exp(-cost/100). A forward and a backward pass over the same table sum
// these over all paths, and the confidence of a bead is the share of the
// total carried by the paths that contain it: its posterior probability,
// in 0–1. A bead is marked for review under [ReviewThreshold], 0.8. On the
// development set, beads at 0.9 and above were right 99% of the time,
// beads under 0.8 about 80%; the threshold flagged 7% of the beads of the
// short documents and 19% of those of the 20-document chunks, and half
// (resp. 80%) of the wrong beads were among them.
package align
