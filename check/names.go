package check

import (
	"strings"

	"github.com/padan-tm/padan/internal/anchor"
)

// translated are words Indonesian capitalises inside names and titles
// whose English is another word (Korea Utara = North Korea, Menteri
// Pertahanan = Defense Minister, Perang Dingin = Cold War), and the
// pronouns it capitalises (Anda). The name check does not look for them in
// the target: a closed class of directions, geography, titles, institutions,
// calendar and history words, not vocabulary. A name the desk translates
// otherwise belongs in the term base, whose terms the name check leaves to
// the term check.
var translated = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
	utara selatan timur barat tengah tenggara timur laut daya jauh dekat raya hulu hilir atas bawah
	laut samudra samudera teluk selat pulau kepulauan gunung pegunungan sungai danau tanjung semenanjung
	benua daratan jazirah lembah dataran kota kabupaten provinsi desa kecamatan kelurahan wilayah daerah
	negara negeri kerajaan republik kesultanan federasi persatuan serikat uni bangsa bangsa-bangsa
	presiden wakil perdana menteri kementerian kemenlu menlu menhan menkeu sekretaris jenderal direktur
	gubernur bupati wali walikota camat lurah ketua kepala panglima komandan kapten jenderal laksamana
	marsekal kolonel mayor letnan sersan duta besar dubes konsul raja ratu pangeran putri sultan paus
	kardinal uskup imam syekh haji hajah bapak ibu saudara saudari anda beliau tuan nyonya nona
	dewan majelis mahkamah pengadilan kejaksaan kepolisian polisi tentara angkatan darat udara
	markas besar staf pasukan komisi badan lembaga dinas biro kantor pusat pemerintah pemerintahan
	parlemen kongres senat istana gedung putih partai fraksi organisasi yayasan asosiasi perhimpunan
	universitas institut sekolah akademi rumah sakit bank perusahaan bursa efek pasar jalan bandara
	pelabuhan stasiun masjid gereja pura candi museum perpustakaan
	keamanan pertahanan keuangan perdagangan perindustrian pertanian kesehatan pendidikan kebudayaan
	luar dalam agama hukum sosial umum rakyat perwakilan daerah nasional internasional agung tinggi
	konstitusi keadilan kehakiman energi sumber daya mineral lingkungan hidup kehutanan perhubungan
	hari tahun baru natal paskah lebaran idul fitri adha imlek nyepi waisak ramadan kemerdekaan
	kebangsaan proklamasi sumpah pemuda pahlawan ibu buruh bumi
	perang dunia dingin teluk revolusi krisis reformasi orde lama baru konferensi tingkat ktt
	kerja sama ekonomi asia afrika eropa amerika pasifik atlantik hindia arktik antartika
	wib wita wit
	`) {
		translated[w] = true
	}
}

// docInfo is what the checks learn from the whole document.
type docInfo struct {
	// names are the folded words written capitalised, not at the start of
	// a sentence, somewhere in the document's sources.
	names map[string]bool
	// bySource and byTarget group the units by normalized source and
	// target, for the consistency check.
	bySource, byTarget map[string]map[string][]int
	targets, sources   map[int]string
	// lo and hi bound the document's target/source length ratio; ok says
	// whether there were enough units to learn them.
	lo, hi float64
	bandOK bool
}

func newDocInfo(units []Unit, o Options) *docInfo {
	d := &docInfo{names: map[string]bool{}, bySource: map[string]map[string][]int{}, byTarget: map[string]map[string][]int{},
		targets: map[int]string{}, sources: map[int]string{}}
	for _, u := range units {
		for _, w := range splitWords(u.Source) {
			if !w.initial && anchor.IsCapitalised(w.text) {
				d.names[w.key] = true
			}
		}
	}
	d.consistencyGroups(units)
	d.lengthBand(units)
	return d
}

// respell folds the spellings that differ between an Indonesian name and
// its English form: ph is f, th is t, c is k (s before e, i and y), q is k,
// x is ks, z is s, w is v, j and y are i, oe is u, dj is j, tj is c, ss is
// s, ti before a vowel is si (Moskow = Moscow, Brasil = Brazil, Slowakia =
// Slovakia, Yesus = Jesus, Rusia = Russia, Nasional = National).
func respell(k string) string { return respellSoft(k, 's') }

// respellSoft is [respell] with soft, 's' or 'k', for a c before e, i or y
// (Venice = Venesia, Macedonia = Makedonia).
func respellSoft(k string, soft byte) string {
	var b strings.Builder
	for i := 0; i < len(k); i++ {
		c := k[i]
		var n byte
		if i+1 < len(k) {
			n = k[i+1]
		}
		switch {
		case (c == 'p' && n == 'h') || (c == 't' && n == 'h'):
			if c == 'p' {
				c = 'f'
			}
			b.WriteByte(c)
			i++
		case c == 'o' && n == 'e':
			b.WriteByte('u')
			i++
		case c == 's' && n == 's':
			b.WriteByte('s') // Indonesian writes one s (Rusia, Prusia)
			i++
		case c == 'd' && n == 'j':
			b.WriteByte('i')
			i++
		case c == 't' && n == 'j':
			b.WriteByte('c')
			i++
		case c == 'c' && (n == 'e' || n == 'i' || n == 'y'):
			b.WriteByte(soft)
		case c == 't' && n == 'i' && i+2 < len(k) && strings.IndexByte("aeiou", k[i+2]) >= 0:
			b.WriteByte('s') // -tion, -tial: -sion, -sial (Tradisional)
		case c == 'c' && n == 'h':
			b.WriteString("ch")
			i++
		case c == 'c' || c == 'q':
			b.WriteByte('k')
		case c == 'x':
			b.WriteString("ks")
		case c == 'z':
			b.WriteByte('s')
		case c == 'w':
			b.WriteByte('v')
		case c == 'j' || c == 'y':
			b.WriteByte('i')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Endings by which an Indonesian name and its English form differ
// (Polandia = Poland, Turki = Turkish, Katolik = Catholic, Rusia =
// Russian, Karibia = Caribbean), after [respell].
var (
	idEndings = []string{"", "a", "e", "i", "o", "ia", "ik", "isme", "es", "s", "is", "us", "si"}
	enEndings = []string{"", "e", "i", "n", "an", "ian", "ean", "ia", "ish", "ik", "ikal", "ism", "ese", "s", "es", "ite", "al", "ial",
		"ns", "ans", "ians", "eans", "ists", "t", "ei", "en", "sion", "ium", "um"}
)

// undouble collapses doubled letters (Mediterranean, Mediterania).
func undouble(s string) string {
	b := []byte(s)
	out := b[:0]
	for i, c := range b {
		if i > 0 && c == b[i-1] {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// sameName reports whether the folded target word w is the folded source
// name n, written the English way: respelt (see [respell]) and with the
// endings that differ; doubled letters count as single only where an
// ending differs (Caribbean = Karibia, but Puttin is not Putin).
func sameName(n, w string) bool { return spellingOf(n, false).matches(spellingOf(w, true)) }

// spelling is what [sameName] compares of a word, computed once per word.
type spelling struct {
	whole []string
	// stems maps each stem (the respelt word without one of its language's
	// endings) to the endings that leave it; undoubled likewise, with
	// doubled letters made single.
	stems, undoubled map[string][]string
}

// spellingOf returns the spelling of a folded word of the source (an
// Indonesian name) or the target (an English word, respelt with a soft
// and a hard c).
func spellingOf(k string, target bool) *spelling {
	sp := &spelling{stems: map[string][]string{}, undoubled: map[string][]string{}}
	endings := idEndings
	variants := []string{respell(k)}
	if target {
		endings = enEndings
		if h := respellSoft(k, 'k'); h != variants[0] {
			variants = append(variants, h)
		}
	}
	for _, r := range variants {
		sp.whole = append(sp.whole, r)
		for _, e := range endings {
			if strings.HasSuffix(r, e) && len(r)-len(e) >= 3 {
				st := r[:len(r)-len(e)]
				sp.stems[st] = append(sp.stems[st], e)
				u := undouble(st)
				sp.undoubled[u] = append(sp.undoubled[u], e)
			}
		}
	}
	return sp
}

// matches reports whether a source name's spelling n matches a target
// word's spelling w.
func (n *spelling) matches(w *spelling) bool {
	for _, x := range n.whole {
		for _, y := range w.whole {
			if x == y {
				return true
			}
		}
	}
	differ := func(a, b []string) bool {
		for _, x := range a {
			for _, y := range b {
				if x != y {
					return true
				}
			}
		}
		return false
	}
	for st, a := range n.stems {
		if b, ok := w.stems[st]; ok && differ(a, b) {
			return true
		}
	}
	for st, a := range n.undoubled {
		if b, ok := w.undoubled[st]; ok && differ(a, b) {
			return true
		}
	}
	return false
}

// spell returns the spelling of a word, from the document's cache.
func (c *checker) spell(k string, target bool) *spelling {
	m := c.spellings[0]
	if target {
		m = c.spellings[1]
	}
	if sp, ok := m[k]; ok {
		return sp
	}
	sp := spellingOf(k, target)
	m[k] = sp
	return sp
}

// concept returns the pair-list concept of words[i] (and words[i+1] when
// the pair is two words), how many words it takes, and whether it is one.
func concept(words []word, i int) (string, int, bool) {
	if i+1 < len(words) {
		if c, ok := anchor.Pairs[words[i].key+" "+words[i+1].key]; ok && anchor.IsCapitalised(words[i].text) {
			return c, 2, true
		}
	}
	w := words[i]
	if c, ok := anchor.Pairs[w.key]; ok {
		if c == "=%" {
			return "", 0, false
		}
		if anchor.IsAcronym(w.text) || (anchor.IsCapitalised(w.text) && (!w.initial || len(w.key) > 3)) {
			return c, 1, true
		}
	}
	return "", 0, false
}

// names is the name check. Source names are looked for in the target
// (missing: a warning; only a close spelling there: an error), then the
// target's capitalised words are looked at: one that is not a source name
// but close to one is the name misspelt (an error), which finds a name
// misspelt in one place and written right in another.
func (c *checker) names(u Unit) []Issue {
	src := c.words(u.Source)
	tgt := c.words(u.Target)
	// The target's concepts, and whether it holds a name.
	concepts := map[string]bool{}
	for i := range tgt {
		if cn, _, ok := concept(tgt, i); ok {
			concepts[cn] = true
		}
	}
	holds := func(n string) bool {
		sn := c.spell(n, false)
		for _, t := range tgt {
			if n == t.key || sn.matches(c.spell(t.key, true)) {
				return true
			}
		}
		return false
	}
	// Source spans covered by terms are the term check's.
	var termSpans []Span
	if c.o.Terms != nil {
		for _, f := range c.found(u.Source) {
			termSpans = append(termSpans, f.Span)
		}
	}
	inTerm := func(w word) bool {
		for _, s := range termSpans {
			if w.start >= s.Start && w.end <= s.End {
				return true
			}
		}
		return false
	}
	var out []Issue
	var names []word // the source's names, for the target scan
	spelt := map[int]bool{}
	for i := 0; i < len(src); i++ {
		w := src[i]
		if cn, n, ok := concept(src, i); ok {
			i += n - 1
			if cn[1] == 'm' || cn[1] == 'd' { // months and days: the number check's
				continue
			}
			if !concepts[cn] && !inTerm(w) {
				end := src[i].end
				out = append(out, issue(Name, Warning, "CheckNameMissing", map[string]any{"Name": u.Source[w.start:end]}, []Span{{Start: w.start, End: end}}, nil))
			}
			continue
		}
		if !hasLetter(w.text) || strings.ContainsAny(w.text, "0123456789") || !anchor.IsCapitalised(w.text) || translated[w.key] || inTerm(w) {
			continue
		}
		acronym := anchor.IsAcronym(w.text)
		if w.initial && !acronym && !c.doc.names[w.key] {
			continue // the capital of a sentence's first word
		}
		names = append(names, w)
		if holds(w.key) {
			continue
		}
		// A target word close to the name is the name misspelt.
		if t, ok := closest(w.key, tgt); ok {
			spelt[t.start] = true
			out = append(out, issue(Name, Error, "CheckNameSpelling", map[string]any{"Name": w.text, "Written": t.text},
				[]Span{{Start: w.start, End: w.end}}, []Span{{Start: t.start, End: t.end}}))
			continue
		}
		out = append(out, issue(Name, Warning, "CheckNameMissing", map[string]any{"Name": w.text}, []Span{{Start: w.start, End: w.end}}, nil))
	}
	// Each capitalised target word that is no source name but close to one.
	for _, t := range tgt {
		if spelt[t.start] || !anchor.IsCapitalised(t.text) || len([]rune(t.key)) < 4 || strings.ContainsAny(t.text, "0123456789") {
			continue
		}
		known := false
		st := c.spell(t.key, true)
		for _, n := range names {
			known = known || n.key == t.key || c.spell(n.key, false).matches(st)
		}
		if known {
			continue
		}
		if n, ok := closest(t.key, names); ok {
			out = append(out, issue(Name, Error, "CheckNameSpelling", map[string]any{"Name": n.text, "Written": t.text},
				[]Span{{Start: n.start, End: n.end}}, []Span{{Start: t.start, End: t.end}}))
		}
	}
	return out
}

// closest returns the capitalised target word closest to the name key,
// when it is within the edit distance of a misspelling: 1 for names of up
// to five letters, 2 for longer ones (names under four letters are never
// matched this way).
func closest(name string, tgt []word) (word, bool) {
	if len([]rune(name)) < 4 {
		return word{}, false
	}
	limit := 1
	if len([]rune(name)) > 5 {
		limit = 2
	}
	best, bestD := word{}, limit+1
	for _, t := range tgt {
		if !anchor.IsCapitalised(t.text) {
			continue
		}
		if d := min(distance(name, t.key), distance(respell(name), respell(t.key))); d < bestD {
			best, bestD = t, d
		}
	}
	return best, bestD <= limit
}

// distance is the Damerau–Levenshtein (optimal string alignment) distance
// between a and b, in bytes of their folded forms, or 99 when they differ in
// length by more than 2 or are longer than 64 bytes (a misspelling is never
// that far).
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 || len(a)-len(b) > 2 || len(b)-len(a) > 2 {
		return 99
	}
	var rows [3][65]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
