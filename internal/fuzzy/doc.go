// Package fuzzy defines padan's one translation-memory match score and the
// lossless filters that let an inverted index find every stored unit whose
// score reaches a minimum.
//
// # Tokens and keys
//
// A text is first split into [worddiff.Token]s, of worddiff's kinds, by a
// tokenizer outside this package (padan uses [worddiff.Tokenize]; the tests
// use a small one of their own); [Analyze] drops spaces and punctuation and
// gives every remaining token a key, computed on NFC, case-folded text:
//
//   - a word or an ideograph: its NFC, case-folded text;
//   - a number: the class key [NumberKey] (any number equals any other);
//   - an inline code placeholder: the class key [CodeKey].
//
// Numbers and codes are compared as classes because a CAT tool adapts them
// automatically; the differences the keys hide come back as penalties.
//
// # Amounts: numbers with their affixes
//
// A number takes in the currency and unit affixes around it, and is then one
// token of the number class, whose text (as written, each run of white space
// inside it counted as one space) the number penalty compares:
//
//   - before it, glued or after one space: a currency word, Rp, IDR, USD,
//     EUR, SGD, MYR, JPY, GBP, AUD, CNY, RMB, HKD, KRW, SAR, INR, THB, PHP,
//     CHF, CAD or NZD (any case), possibly with a full stop (Rp.); a
//     currency symbol, $ € £ ¥ ₹ ₩ ₱ ฿ ₫ ₽ ¢; or one of US, S, A, AU, HK,
//     NZ, C, NT, R glued to a symbol (US$, S$, HK$);
//   - after it, glued or after one space: % ‰ ‱, a currency symbol (400€),
//     a unit or magnitude, km m cm mm kg g mg ha l ml km2 m2 m3 cm2 kw kwh
//     mw gw gb mb tb k bn mn rb jt (any case), or a currency code (100 USD;
//     not Rp).
//
// A word made of a number and such affixes (Rp400.000, IDR5, 10km, 3,5bn)
// is read the same way. So Rp400.000, Rp 400.000, Rp. 400.000 and 400.000
// all have the one key [NumberKey]: two of them in otherwise equal texts
// score 98, the base score 100 less the number penalty. Spacing never
// joins across a line break, and words outside these lists (A380, G20,
// ribu, juta, triliun) stay words. [AnalysisVersion] numbers this analysis:
// keys stored by an older one must be computed again.
//
// # The score
//
// Let q and u be the key sequences of the query and of a stored unit, of
// lengths lq and lu, L = max(lq, lu), and d their Levenshtein distance over
// keys (insertion, deletion and substitution of one token cost 1). The base
// score is
//
//	base = ⌊100 · (1 − d/L)⌋    (base = 100 when L = 0)
//
// and the score is base minus the penalties, never below 0:
//
//   - [PenaltyCase] (1 point): the texts differ in letter case;
//   - [PenaltyPunctuation] (1 point): the punctuation differs;
//   - [PenaltyNumbers] (2 points): the numbers differ;
//   - [PenaltyCodes] (2 points): the inline codes differ.
//
// An exact match (same text) scores 100; a unit that differs only in case
// scores 99. Penalties only lower the score, so every bound below, proved
// for the base score, holds a fortiori for the score: the filters work on
// the base score and can lose nothing.
//
// # The lossless bounds
//
// Fix a minimum m with 0 < m ≤ 100 and suppose base ≥ m. Then
// 1 − d/L ≥ m/100, that is
//
//	d ≤ (1 − m/100) · L.                                            (1)
//
// Length filter. d ≥ |lq − lu| (each edit changes the length by at most
// one). If lu ≥ lq, (1) gives lu − lq ≤ (1 − m/100)·lu, so 100·lq ≥ m·lu;
// if lu ≤ lq it gives lq − lu ≤ (1 − m/100)·lq, so 100·lu ≥ m·lq. Hence
//
//	⌈m·lq/100⌉ ≤ lu ≤ ⌊100·lq/m⌋                                    (2)
//
// which is [LengthRange].
//
// Count filter. Take an optimal alignment with M aligned equal pairs, S
// substitutions, D deletions and I insertions: lq = M+S+D, lu = M+S+I and
// d = S+D+I ≥ S + max(D, I) = L − M. The M equal pairs are tokens the two
// multisets share, so M ≤ c, the size of the multiset intersection of q and
// u, and d ≥ L − c. With (1): c ≥ L − d ≥ (m/100)·L ≥ (m/100)·lq, hence
//
//	c ≥ T = ⌈m·lq/100⌉                                              (3)
//
// which is [MinShared].
//
// Prefix filter. Write the query's multiset as items (k, i), "the i-th
// occurrence of key k", and sort them in any fixed total order in which
// (k, i) precedes (k, i+1); padan sorts by document frequency, rarest first.
// A unit holds item (k, i) when k occurs at least i times in it, and c is
// the number of items it holds. If a unit holds none of the first
// p = lq − T + 1 items, it holds at most lq − p = T − 1 items and violates
// (3). So every unit with base ≥ m contains at least one key among the
// first p items: the union of the posting lists of those keys ([Probe]),
// restricted by (2), is a superset of the answer, and verifying each
// candidate with the exact score yields exactly the units with score ≥ m.
// The order only changes how many candidates there are, never which
// matches are found, so stale frequencies are harmless.
//
// When lq = 0 only units with lu = 0 can reach m > 0, by (2).
//
// [Scan] is the exhaustive scanner the index is tested against.
package fuzzy
