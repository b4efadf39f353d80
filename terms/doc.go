// Package terms is the desk's term base: agreed translations of terms
// (preferred or admitted) and translations the desk forbids, and the
// matching that finds a term base's terms in a source text and their
// translations in a target text. It knows nothing of the database; the
// TBX reader and writer are in exports/tbx.
//
// # Matching
//
// Texts are cut into words with [worddiff.Tokenize]; words are compared
// case- and accent-insensitively (case-folded as internal/fuzzy does, then
// with combining marks removed: "Président" finds "presiden"). A term of
// several words matches the same words in a row.
//
// In an Indonesian source a word matches a term's word when it is the term's
// word with affixes that keep its sense:
//
//   - reduplication, the Indonesian plural: negara-negara, rudal-rudal;
//   - the prefixes di-, ter-, ber- (be-, bel-), ke-, se- and me(N)-, pe(N)-
//     with nasal assimilation (mem-/pem- before b, f, v and for a dropped p:
//     memukul → pukul; men-/pen- before c, d, j and for a dropped t:
//     menulis → tulis; meng-/peng- before vowels, g, h and for a dropped k:
//     mengirim → kirim; meny-/peny- for a dropped s: menyerang → serang;
//     menge-/penge- before one-syllable stems), and per-;
//   - the suffixes -kan, -i, -an and the clitics -nya, -lah, -kah, -pun
//     (after a suffix too: kebijakannya);
//   - a prefix and a suffix together (membahas, dijatuhkan, diduduki), except
//     the noun-forming confixes pe(N)-…-an, per-…-an and ke-…-an.
//
// So `senjata` does not find `persenjataan`, nor `aman` `keamanan`: those
// confixes make abstract nouns whose English is another word (armament,
// security), so a term for the stem would demand the wrong translation.
// The stem must keep at least three letters.
//
// In an English target a word matches a term's word when it is the word or
// its inflection: -s, -es, -ies for -y, -ves for -f/-fe, -ed, -d, -ing (with
// a dropped e or a doubled final consonant), the possessive 's, and a few
// irregular plurals (men, women, children, people, crises, analyses, …).
// Other target languages match the words as written.
package terms
