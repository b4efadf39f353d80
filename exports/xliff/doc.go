// Package xliff reads and writes XLIFF 1.2 and XLIFF 2.0 files.
//
// An XLIFF file holds the work to do: every unit of a document, untranslated
// ones too. Writers write as units come ([Writer12], [Writer20]), one file
// element per document; [Reader] reads either version (and 2.1) one unit at
// a time with encoding/xml's Decoder.Token, refusing hostile input as the
// TMX reader does (see package tmx), with an [*exports.SyntaxError]. It also
// refuses what the specifications forbid and would make a unit ambiguous: a
// unit id used twice in a file element, a file (1.2) without
// source-language or datatype, a state that is not the version's, a
// subState without state, targets without trgLang (2.0), a change tracking
// item without property, a match similarity outside 0–100, a reference to
// original data that is not there.
//
// # XLIFF 1.2
//
// Each unit is a trans-unit whose id is the unit's ID (stable across
// exports), resname "s<segment>", with xml:space="preserve". Status maps to
// the target's state and to approved, because translate-toolkit (3.8) reads
// a target without approved="yes" as fuzzy:
//
//	padan status        state                       approved
//	initial, no target  (no target element)
//	initial, target     new; needs-review-translation for a pre-translation (Match)
//	translated          translated                  yes
//	reviewed            signed-off                  yes
//	final               final                       yes
//
// Read back, new, needs-translation, needs-l10n and needs-adaptation are
// initial; translated and needs-review-* are translated; signed-off is
// reviewed; final is final; a target without state is translated. A context
// group records what the state cannot say exactly (x-padan-segment,
// x-padan-status, x-padan-translator, x-padan-translated, x-padan-editor,
// x-padan-edited, dates in ISO 8601 UTC); the recorded status is kept when
// the state still matches it, otherwise the state (set by the CAT tool)
// wins. Notes are note elements (from, annotates). Where the editor changed
// the translator's text, the translator's version is an alt-trans with
// origin="translator" and alttranstype="previous-version"; a pre-translation
// match is an alt-trans with alttranstype="proposal", match-quality and
// origin.
//
// Inline codes are bpt, ept (id = the code's i), ph, it (id = the code's x,
// or padan-N) with their native content; a TMX ut becomes a ph with
// ctype="x-padan-ut", a TMX hi a mrk with mtype="x-padan-hi"; types that
// XLIFF 1.2's ctype lacks get an x-padan- prefix. The x of a paired code
// does not survive XLIFF 1.2 (its id is the pair's i). g, x, bx, ex and
// other mrk elements of foreign files are read as paired codes, placeholders
// and highlights. A character XML cannot carry is a ph with
// ctype="x-padan-control" holding "U+000B".
//
// With [Options].CopySource, an untranslated unit's target holds a copy of
// its source with state="new" (recorded as x-padan-copied-source): OmegaT
// 3.x sees only trans-units with a target and translates the target's text.
// Reading such a unit back, an unchanged copy is no translation.
//
// # XLIFF 2.0
//
// srcLang and trgLang are the root's; each unit is a unit (id = the unit's
// ID, which must be an XML name token; name "s<segment>") with one segment
// whose state is padan's status word (initial, translated, reviewed, final).
// The modules carry the rest:
//
//   - mda:metadata, group category "padan": the segment number;
//   - ctr:changeTrack: the revision history of the target, newest first
//     (version r1 is the oldest), each revision with author, datetime,
//     padan:role (translator or editor) and its text as an item with
//     property="content" (XLIFF inline markup, escaped, since an item holds
//     text only);
//   - mtc:matches: a pre-translation match with similarity and origin;
//   - notes: notes with appliesTo and padan:from.
//
// Inline codes are sc/ec (paired, or isolated="yes" for a TMX it), ph and
// sm/em, their native content in originalData; attributes in padan's
// namespace ([PadanNS]) keep the TMX kind, i, x, type, pos and assoc, so that
// nothing is lost. Foreign pc, mrk, sc, ec, ph, sm and em are read as codes
// too. A character XML cannot carry is the standard cp element. A unit of a
// foreign file with several segments is read as one unit, the texts joined,
// with the lowest state.
//
// translate-toolkit 3.8 has no XLIFF 2 reader and OmegaT 3.6 extracts nothing
// from XLIFF 2: hand XLIFF 1.2 (with CopySource) to those tools.
package xliff
