package worddiff

import "strings"

// Markers renders ops in the notation of `git diff --word-diff=plain`:
// deleted text as [-text-] and inserted text as {+text+}.
func Markers(ops []Op) string {
	var b strings.Builder
	for _, o := range ops {
		switch o.Kind {
		case Delete:
			b.WriteString("[-" + o.Text + "-]")
		case Insert:
			b.WriteString("{+" + o.Text + "+}")
		default:
			b.WriteString(o.Text)
		}
	}
	return b.String()
}
