package align

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/padan-tm/padan/internal/anchor"
)

// Anchor classes. An anchor is a token that is expected to appear, in the
// same or a predictable form, in a sentence and in its translation. Each
// class has its own weight in the cost (see the package documentation).
const (
	classNumber  = iota // a number, normalized: "20.000", "20,000" -> "20000"
	className           // a capitalised word or an acronym, lowercased
	classCognate        // a folded prefix of a long word (cognates, loanwords, names)
	classPunct          // a quote, question mark, exclamation mark or parenthesis
	numClasses
)

// key is an anchor: its class in the top bits, a document-local id below.
type key uint32

func (k key) class() int { return int(k >> 28) }

// features holds the anchors of one sentence, sorted, with repetitions.
type features struct {
	keys   []key
	strong int // how many of keys are numbers, names or punctuation
}

// PairList is the small bilingual list of words that do not look alike but
// denote the same thing (see [anchor.Pairs], where it lives so that the
// quality checks share it). Align only reads it.
var PairList = anchor.Pairs

// stopwords are frequent function words of five letters or more in English
// and Indonesian. They never count as cognates: they occur everywhere, so a
// chance prefix match between them says nothing.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`about above after again against along among another around because
	before being below between could during either every first other others their there these
	those though through under until where which while would should shall might still since
	never always often maybe perhaps without within across already rather whose whether
	adalah akan bahwa dalam dengan untuk tidak mereka sebagai telah sudah karena kepada
	tersebut seperti namun hanya lebih antara setelah sebelum yaitu yakni sangat dapat bisa
	masih pernah ketika sedang harus banyak semua secara sehingga terhadap tetapi tapi juga
	kemudian bagaimana mengapa apakah sendiri selama saat lainnya beberapa menjadi sekitar
	sebuah seorang itulah inilah dimana kalau jika maupun bahkan hingga sampai oleh pada
	the and that this with from have been were they them then than what when will your`) {
		stopwords[w] = true
	}
}

// lexicon assigns document-local ids to anchor strings so that a sentence's
// anchors are a sorted slice of integers.
type lexicon struct {
	ids map[string]key
	n   [numClasses]uint32
}

func newLexicon() *lexicon { return &lexicon{ids: make(map[string]key)} }

func (l *lexicon) id(class int, s string) key {
	name := string(rune('0'+class)) + s
	if k, ok := l.ids[name]; ok {
		return k
	}
	l.n[class]++
	k := key(uint32(class)<<28 | l.n[class])
	l.ids[name] = k
	return k
}

// extract returns the anchors of sentence s.
func (l *lexicon) extract(s string) features {
	var keys []key
	add := func(class int, v string) { keys = append(keys, l.id(class, v)) }
	for _, n := range Numbers(s) {
		add(classNumber, n)
	}
	for _, r := range s {
		switch r {
		case '?', '!', '(':
			add(classPunct, string(r))
		case '%':
			add(className, "=%")
		}
	}
	if q := countQuotes(s); q > 0 {
		for i := 0; i < q; i++ {
			add(classPunct, `"`)
		}
	}
	words := Words(s)
	for i := 0; i < len(words); i++ {
		w := words[i]
		lw := strings.ToLower(w)
		if i+1 < len(words) {
			if c, ok := PairList[lw+" "+strings.ToLower(words[i+1])]; ok {
				add(className, c)
				i++
				continue
			}
		}
		if c, ok := PairList[lw]; ok {
			// Words of the list count only when written as acronyms or
			// names ("AS", "Mei"), never as the English "as" or "may";
			// the percent words count however written.
			if c == "=%" || anchor.IsAcronym(w) || (anchor.IsCapitalised(w) && (i > 0 || utf8.RuneCountInString(w) > 3)) {
				add(className, c)
				continue
			}
		}
		n := utf8.RuneCountInString(w)
		capital := anchor.IsCapitalised(w) && (i > 0 || anchor.IsAcronym(w))
		if stopwords[lw] {
			continue
		}
		if capital && n >= 2 {
			add(className, lw)
		}
		if n >= 5 {
			add(classCognate, cognateKey(lw))
		}
	}
	f := features{keys: keys}
	sort.Slice(f.keys, func(a, b int) bool { return f.keys[a] < f.keys[b] })
	for _, k := range f.keys {
		if k.class() != classCognate {
			f.strong++
		}
	}
	return f
}

// countQuotes returns the number of quotations in s: pairs of typographic or
// straight double quotes, rounded up.
func countQuotes(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case '“', '”', '"', '«', '»', '„':
			n++
		}
	}
	return (n + 1) / 2
}

// Words splits s into words: maximal runs of letters, marks, digits and
// inner apostrophes or hyphens; tokens without a letter are dropped.
func Words(s string) []string {
	var out []string
	start := -1
	letter := false
	flush := func(end int) {
		if start >= 0 && letter {
			out = append(out, strings.Trim(s[start:end], "-'’"))
		}
		start, letter = -1, false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r):
			if start < 0 {
				start = i
			}
			letter = true
		case unicode.IsDigit(r) || r == '-' || r == '\'' || r == '’':
			if start < 0 {
				if r != '-' && r != '\'' && r != '’' {
					start = i
				}
			}
		default:
			flush(i)
		}
	}
	flush(len(s))
	// Hyphenated compounds and reduplications (kata-kata) are split; the
	// English possessive is dropped (Clinton’s → Clinton).
	var res []string
	for _, w := range out {
		if n := len(w); n > 2 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")) {
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		}
		for _, p := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' }) {
			p = strings.TrimRight(p, "'’")
			if p != "" && strings.IndexFunc(p, unicode.IsLetter) >= 0 {
				res = append(res, p)
			}
		}
	}
	return res
}

// cognateLen is the length of the folded prefix that identifies a cognate.
const cognateLen = 4

// cognateKey folds a lowercased word's spelling the way English words are
// respelled in Indonesian (c→k/s, ph→f, th→t, y→i, x→ks, q→k, v→f, double
// letters single, diacritics dropped) and returns its first cognateLen
// letters, so that "technology" and "teknologi", "physical" and "fisik",
// "transition" and "transisi" share a key.
func cognateKey(w string) string {
	var b []rune
	rs := []rune(w)
	for i := 0; i < len(rs); i++ {
		r := foldDiacritic(rs[i])
		var next rune
		if i+1 < len(rs) {
			next = foldDiacritic(rs[i+1])
		}
		switch {
		case r == 'p' && next == 'h':
			r = 'f'
			i++
		case (r == 't' || r == 'c' || r == 'k' || r == 'r') && next == 'h':
			if r == 'c' {
				r = 'k'
			}
			i++
		case r == 'c':
			if next == 'e' || next == 'i' || next == 'y' {
				r = 's'
			} else {
				r = 'k'
			}
		case r == 'q':
			r = 'k'
		case r == 'y':
			r = 'i'
		case r == 'v':
			r = 'f'
		case r == 'x':
			b = append(b, 'k')
			r = 's'
		}
		if len(b) > 0 && b[len(b)-1] == r {
			continue
		}
		b = append(b, r)
		if len(b) >= cognateLen {
			break
		}
	}
	if len(b) > cognateLen {
		b = b[:cognateLen]
	}
	return string(b)
}

func foldDiacritic(r rune) rune {
	switch r {
	case 'á', 'à', 'â', 'ä', 'ã', 'å':
		return 'a'
	case 'é', 'è', 'ê', 'ë':
		return 'e'
	case 'í', 'ì', 'î', 'ï':
		return 'i'
	case 'ó', 'ò', 'ô', 'ö', 'õ':
		return 'o'
	case 'ú', 'ù', 'û', 'ü':
		return 'u'
	case 'ç':
		return 'c'
	case 'ñ':
		return 'n'
	}
	return r
}
