// Package exchange moves translations between padan's store ([tm]) and the
// files CAT tools read and write ([exports], [exports/tmx],
// [exports/xliff]).
//
// It sits between the two: it imports both, and neither imports it. It
// holds
//
//   - [ExportUnit], which turns a stored unit into an exchanged one (its
//     target at a stage, its revisions, its pre-translation match, its
//     notes, every revision's inline codes gathered into one list);
//   - [ImportXLIFF], which brings a translated XLIFF back into its
//     documents (and units of documents the store does not have into the
//     memory), and [ImportTMX], which reads a TMX into the memory, both
//     streaming the file into one transaction;
//   - [EncodeCodes] and [DecodeCodes], the JSON form in which the store
//     keeps a text's inline codes.
//
// Errors about a unit of a file are [*UnitError]s wrapping one of the Err
// sentinels; errors of the file's syntax are the readers'
// [*exports.SyntaxError]s, and errors of the store are [tm]'s, passed
// through so that the caller can explain each.
package exchange
