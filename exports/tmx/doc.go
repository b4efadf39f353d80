// Package tmx reads and writes TMX 1.4b translation memories.
//
// # Writing
//
// A [Writer] writes a TMX 1.4b file as units are given to it: the header
// (creationtool="padan", creationtoolversion, srclang, adminlang,
// segtype="sentence", o-tmf, datatype), then one tu per unit, then the end
// of the file on [Writer.Close]. Each tu has
//
//   - tuid: the unit's ID;
//   - creationid and creationdate: the translator's revision (author, time);
//   - changeid and changedate: the editor's revision, when there is one;
//   - prop x-document, x-segment, x-status (initial, translated, reviewed,
//     final), x-translator and x-editor; x-match-score and x-match-origin for
//     a pre-translated unit; the unit's other props as they are;
//   - note: the unit's notes (a note about the source or the target goes in
//     that tuv);
//   - the source tuv first (translate-toolkit takes the first tuv as the
//     source), then the target tuv; a unit with Variants gets one tuv per
//     variant instead.
//
// Dates are written YYYYMMDDThhmmssZ in UTC. A TMX holds translations: a unit
// without a target text is refused with [exports.ErrNoTarget]. TMX carries
// the authors and times of the translator's and editor's revisions, not the
// translator's text when the editor changed it (XLIFF does).
//
// Inline codes are written back as the elements they were read from (bpt,
// ept, ph, it, ut, hi). A character XML cannot carry is written as
// <ph type="x-padan-control">U+000B</ph>, which [Reader] turns back into the
// character.
//
// # Reading
//
// A [Reader] reads TMX 1.1 to 1.4b, levels 1 and 2, one tu at a time with
// encoding/xml's Decoder.Token: UTF-8, or UTF-16 with a byte order mark (as
// DGT-TM ships); srclang="*all*" (the first tuv is then the source); the
// deprecated lang attribute in place of xml:lang; several tuvs per tu (the
// unit's Variants list them all). Inline codes are kept (see package
// exports). The reader refuses, with an [*exports.SyntaxError] giving the
// line: malformed or truncated XML, a root other than tmx, a header without
// srclang, entity declarations, nesting deeper than 64 elements, a segment
// longer than 1 MiB, a tuv without language, a tu with fewer than two tuvs
// or none in the source language, a date not in the TMX form, a bpt without
// its ept, and an encoding other than UTF-8 or UTF-16.
package tmx
