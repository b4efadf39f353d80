// Package worddiff compares two versions of a translation unit, the
// translator's and the editor's: it splits text into tokens, computes a
// minimal word (or character) diff, classes each change and measures the
// post-edit distance. It reads no database and prints nothing.
//
// # Tokens
//
// [Tokenize] follows Unicode word boundaries (UAX #29, via
// github.com/rivo/uniseg). Every punctuation mark or symbol is a token of
// its own; runs of white space are [Space] tokens; each private-use rune
// U+E000–U+F8FF (padan's inline-code placeholder) is a [Code] token; scripts
// written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar, Tibetan)
// give one [Ideograph] token per character. The tokens concatenate to the
// input exactly. [TokenizeChars] makes every character (grapheme cluster) a
// token, for `--unit char`.
//
// # Diff
//
// [Diff] runs Myers' O(ND) algorithm over the non-space tokens, so the
// number of tokens deleted plus inserted is the minimum, n + m − 2·LCS.
// White space is never matched on its own: the text between two kept
// tokens goes to the change around it, and only the white space common to
// both sides at a change's edges is kept, as `git diff --word-diff` does.
// Equal and Delete texts concatenate to the old version, Equal and Insert
// texts to the new one.
//
// # Classes
//
// A change is a maximal run of deletions and insertions. [Classify] gives
// it the first class that fits: [Spacing] (only white space), [Punctuation]
// (the same words once punctuation and symbols are removed, also inside
// words: "U.N." → "UN"), [Case] (the same words but for capitals), [Moved]
// (only deletes words that another change of the unit inserts, or the
// reverse), [NumberEdit] (numbers differ, the words do not), then
// [Substituted], [Inserted] or [Deleted].
//
// # Post-edit distance
//
// Words are the non-space tokens of [Tokenize] (punctuation marks count as
// words), compared with case. For a translator's version T and the
// editor's version E of a unit ([Measure]):
//
//	TER(T, E) = (I + D + S + Sh) / max(|E|, 1)
//
// where |E| is the number of words of E, and I, D, S are the insertions,
// deletions and substitutions of the word edit distance from T to E after
// Sh shifts. Shifts follow TER (Snover et al., "A Study of Translation
// Edit Rate with Targeted Human Annotation", AMTA 2006) and tercom's
// greedy search: repeatedly apply the shift that lowers I+D+S the most, by
// at least one; a shift moves a block of at most 10 words of T, at least
// one of them not matched exactly, to line up with an identical block of E
// not all matched exactly, at most 50 positions away; ties go to the longer
// block, then the earlier one. The search stops when no shift helps. It is
// skipped when |T|·|E| > 90,000 (two texts of 300 words): the distance is
// then the plain word edit distance. A shift costs 1, like any other edit.
//
//	similarity(T, E) = 1 − Levenshtein(T, E) / max(len(T), len(E))
//
// counts Unicode code points (runes), with similarity 1 for two empty
// texts.
//
// Over a document, or the units of one author ([Summarize]):
//
//	mean TER        = Σ TER(unit) / units
//	pooled TER      = Σ (I + D + S + Sh) / max(Σ |E|, 1)
//	mean similarity = Σ similarity(unit) / units
//	untouched       = share of units with TER = 0
//	lightly edited  = share of units with 0 < TER < 0.10
//	moderately edited = share of units with 0.10 ≤ TER ≤ 0.40
//	heavily edited  = share of units with TER > 0.40
//
// A unit whose editor changed only white space has TER 0 and counts as
// untouched, though its diff shows the change.
package worddiff
