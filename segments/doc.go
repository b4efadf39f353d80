// Package segments cuts text into translation units: sentences, and in news
// articles the dateline and headings, with the article's metadata read
// from its dateline, credit lines and copyright line.
//
// # Rules
//
// Segmentation rules are SRX 2.0 documents ([ParseSRX]); the built-in ones
// ([DefaultRules], Indonesian, English and a generic fallback) are embedded
// in the binary and can be written out with [Rules.WriteSRX] for OmegaT or
// Okapi. Patterns are Java regular expressions, run with regexp2 (lookahead
// and lookbehind included) under a [MatchTimeout]. At each position of the
// text the rules that the map rules give the language (cascading) are
// tried in order; the first rule whose beforebreak matches text ending at
// the position and whose afterbreak matches text starting there decides
// whether to break. No matching rule means no break.
//
// To be fast on large texts, the segmenter derives from each pattern a
// cheap necessary condition on the few characters next to a position (a
// tree of character sets, or a trie when the pattern is a word list), and
// runs a rule's regular expression only where the condition holds. It
// looks for the first matching break rule before the no-break rules that
// precede it, so a position that no break rule can match costs no regular
// expression at all.
//
// # Offsets
//
// [Segment.Start] and [Segment.End] are byte offsets into the text given
// to [Segmenter.Split] or [Segmenter.Article], which is the text [Decode]
// returns. For UTF-8 input (with or without a byte order mark, with LF or
// CRLF line ends) Decode returns the input unchanged, so offsets are byte
// offsets in the file itself. UTF-16 input is decoded to UTF-8 first; its
// offsets are into that UTF-8 text, not into the UTF-16 file (a BOM is
// kept as U+FEFF, so the offsets still count it, as three bytes). In both
// cases text[Start:End] is the segment as written; [Segment.Text] is that
// in NFC with line breaks inside it turned into spaces, and the text
// between segments (space, metadata lines) is in no segment. [Rebuild] puts
// translations back in place of the segments.
package segments
