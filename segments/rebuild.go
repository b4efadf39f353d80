package segments

import "strings"

// Rebuild returns text with targets[i] in place of segs[i] (the segments
// of text, in order, as [Segmenter.Split] or [Segmenter.Article] gave
// them) and everything between segments kept: line breaks, indentation,
// metadata lines. Where two segments were glued with nothing between them
// ("AS.Perkembangan"), one space is put between their targets. A missing
// target (targets shorter than segs) keeps the segment's source text.
func Rebuild(text string, segs []Segment, targets []string) string {
	var b strings.Builder
	b.Grow(len(text))
	prev := 0
	for i, s := range segs {
		between := text[prev:s.Start]
		if i > 0 && between == "" && s.Start == segs[i-1].End {
			between = " "
		}
		b.WriteString(between)
		if i < len(targets) {
			b.WriteString(targets[i])
		} else {
			b.WriteString(text[s.Start:s.End])
		}
		prev = s.End
	}
	b.WriteString(text[prev:])
	return b.String()
}
