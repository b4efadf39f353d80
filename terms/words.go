package terms

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/worddiff"
)

// Word is one word of a text: its folded key and its byte span.
type Word struct {
	Key        string
	Start, End int
	// Redup is set when the word was written reduplicated (negara-negara):
	// Key is then the single word.
	Redup bool
}

// Words returns the words and numbers of text in order, each folded (see
// [Fold]). A reduplication (negara-negara) is one word whose key is the
// single form. An English possessive ('s, ’s) is dropped from the key.
func Words(text string) []Word {
	toks := worddiff.Tokenize(text)
	var out []Word
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind != worddiff.Word && t.Kind != worddiff.Number && t.Kind != worddiff.Ideograph {
			continue
		}
		w := Word{Key: Fold(t.Text), Start: t.Start, End: t.End}
		if i+2 < len(toks) && toks[i+1].Text == "-" && toks[i+2].Kind == worddiff.Word && Fold(toks[i+2].Text) == w.Key {
			w.End, w.Redup = toks[i+2].End, true
			i += 2
		}
		w.Key = trimPossessive(w.Key)
		out = append(out, w)
	}
	return out
}

func trimPossessive(k string) string {
	for _, s := range []string{"'s", "’s"} {
		if len(k) > len(s)+1 && strings.HasSuffix(k, s) {
			return k[:len(k)-len(s)]
		}
	}
	return k
}

// Fold returns s case-folded as internal/fuzzy folds words, with its
// combining marks (accents) removed, in NFC.
func Fold(s string) string {
	k := fuzzy.Key(worddiff.Token{Kind: worddiff.Word, Text: s})
	ascii := true
	for i := 0; i < len(k); i++ {
		if k[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return k
	}
	d := norm.NFD.String(k)
	var b strings.Builder
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// Keys returns the folded keys of the words of a term.
func Keys(term string) []string {
	ws := Words(term)
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Key
	}
	return out
}
