// Package exports holds the types that padan exchanges with CAT tools
// through TMX and XLIFF files, and the errors its readers and writers return.
//
// The formats themselves live in the subpackages [github.com/padan-tm/padan/exports/tmx]
// (TMX 1.4b) and [github.com/padan-tm/padan/exports/xliff] (XLIFF 1.2 and
// 2.0). They know nothing of padan's database: the command converts between
// [Unit] and the translation memory.
//
// # Units
//
// A [Unit] is one segment of one document: its source and target texts, its
// status, who translated it and who edited it, and when. Readers return
// units one at a time and writers write them as they are given, so that
// files of any size go through in constant memory.
//
// # Inline codes
//
// Formatting and placeholders inside a segment (TMX bpt, ept, ph, it, ut and
// hi; XLIFF 1.2 g, x, bx, ex, bpt, ept, ph, it and mrk; XLIFF 2.0 pc, sc, ec,
// ph, sm, em and mrk) are kept as codes. A text carries one rune of the
// Unicode private use area per code: the rune U+E000+k stands for
// Unit.Codes[k]. A [Code] records what the file said about the code: its
// kind, its TMX attributes (i, x, type, pos, assoc) and its raw content (the
// native markup it protects, as escaped XML). One list serves every text of
// a unit: the source's codes come first, one entry per occurrence; a code in
// the target (or in a revision, or in a match) that is identical to one of
// the source's reuses its index, other codes are appended. So a tag pair
// that the translator kept has the same rune in source and target.
//
// Writers turn each code rune back into the format's element, so that
// TMX → padan → TMX is exact and TMX → padan → XLIFF → padan keeps every
// code with its content. A unit holds at most [MaxCodes] codes. A private use
// character that a file holds as text becomes a code of kind [CodeChar],
// written back as the same character, so that code runes are never
// ambiguous; [PlainText] does the same for text that comes from elsewhere.
// [Canonical] gives texts and codes the one form in which equal contents
// are equal strings (the form the translation memory stores): codes in
// order of appearance, and, when every code is a [CodeChar], the plain text
// without codes.
//
// # Text that XML cannot carry
//
// XML 1.0 cannot hold U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE
// and U+FFFF, not even as character references. Writers never produce an
// invalid file: each such character of a text is written as a code the
// readers turn back into the same character, in TMX as
// <ph type="x-padan-control">U+000B</ph>, in XLIFF 1.2 as
// <ph id="padan-ctl-N" ctype="x-padan-control">U+000B</ph> and in XLIFF 2.0
// as the standard <cp hex="000B"/>. In attribute values (names, identifiers,
// notes' authors) and in texts that are not UTF-8 (an unpaired surrogate can
// only appear as invalid UTF-8 in a Go string), writers return a
// [*TextError] and write nothing of the unit. A carriage return is written
// as &#xD; so that XML's line-end normalization does not turn it into a line
// feed.
//
// # Errors
//
// Readers report a file they cannot read as a [*SyntaxError] naming the file
// and the line, whose Kind is one of the Err sentinels of this package, so
// that the command can say what went wrong in the user's language with
// [errors.Is].
package exports
