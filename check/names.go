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
	bySource, byTarget map[string][]int
	targets, sources   map[int]string
	// lo and hi bound the document's target/source length ratio; ok says
	// whether there were enough units to learn them.
	lo, hi float64
	bandOK bool
}

func newDocInfo(units []Unit, o Options) *docInfo {
	d := &docInfo{names: map[string]bool{}, bySource: map[string][]int{}, byTarget: map[string][]int{},
		targets: map[int]string{}, sources: map[int]string{}}
	for _, u := range units {
		for _, w := range splitWords(u.Source) {
			if !w.initial && isCapitalised(w.text) {
				d.names[w.key] = true
			}
		}
	}
	d.consistencyGroups(units)
	d.lengthBand(units)
	return d
}

// translit folds the spellings that differ between an Indonesian name and
// its English form: c before a, o, u is k, c before e, i, y is s, ph is f,
// q is k, x is ks, y is i, oe is u, dj is j, tj is c, ss is s, and a final
// a or e is dropped (Moskow = Moscow, Rusia = Russia, Ukraina = Ukraine).
func translit(k string) string {
	var b strings.Builder
	for i := 0; i < len(k); i++ {
		c := k[i]
		var n byte
		if i+1 < len(k) {
			n = k[i+1]
		}
		switch {
		case c == 'p' && n == 'h':
			b.WriteByte('f')
			i++
		case c == 'o' && n == 'e':
			b.WriteByte('u')
			i++
		case c == 'd' && n == 'j':
			b.WriteByte('j')
			i++
		case c == 't' && n == 'j':
			b.WriteByte('c')
			i++
		case c == 's' && n == 's':
			b.WriteByte('s')
			i++
		case c == 'c' && (n == 'e' || n == 'i' || n == 'y'):
			b.WriteByte('s')
		case c == 'c' && n != 'h':
			b.WriteByte('k')
		case c == 'q':
			b.WriteByte('k')
		case c == 'x':
			b.WriteString("ks")
		case c == 'y':
			b.WriteByte('i')
		default:
			b.WriteByte(c)
		}
	}
	s := b.String()
	if len(s) > 4 && (s[len(s)-1] == 'a' || s[len(s)-1] == 'e') {
		s = s[:len(s)-1]
	}
	return s
}

// englishForms returns the forms of a target word a source name may have
// become: the word, and the word without an adjective or demonym ending
// (Korean, Russian, Chinese, Arabia).
func englishForms(k string) []string {
	out := []string{k}
	for _, suf := range []string{"n", "an", "ian", "ese", "ia", "ish", "i"} {
		if len(k) > len(suf)+3 && strings.HasSuffix(k, suf) {
			out = append(out, k[:len(k)-len(suf)])
		}
	}
	return out
}

// concept returns the pair-list concept of words[i] (and words[i+1] when
// the pair is two words), how many words it takes, and whether it is one.
func concept(words []word, i int) (string, int, bool) {
	if i+1 < len(words) {
		if c, ok := anchor.Pairs[words[i].key+" "+words[i+1].key]; ok && isCapitalised(words[i].text) {
			return c, 2, true
		}
	}
	w := words[i]
	if c, ok := anchor.Pairs[w.key]; ok {
		if c == "=%" {
			return "", 0, false
		}
		if isAcronym(w.text) || (isCapitalised(w.text) && (!w.initial || len(w.key) > 3)) {
			return c, 1, true
		}
	}
	return "", 0, false
}

// names is the name check.
func (c *checker) names(u Unit) []Issue {
	src := splitWords(u.Source)
	tgt := splitWords(u.Target)
	// What the target offers: its folded words, their respelt forms and
	// its concepts.
	exact := map[string]bool{}
	respelt := map[string]bool{}
	concepts := map[string]bool{}
	for i := range tgt {
		exact[tgt[i].key] = true
		for _, f := range englishForms(tgt[i].key) {
			respelt[translit(f)] = true
		}
		if cn, n, ok := concept(tgt, i); ok {
			concepts[cn] = true
			if n == 2 {
				concepts[cn] = true
			}
		}
	}
	// Source spans covered by terms are the term check's.
	var termSpans []Span
	if c.o.Terms != nil {
		for _, f := range c.o.Terms.Find(u.Source) {
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
		if !hasLetter(w.text) || strings.ContainsAny(w.text, "0123456789") || !isCapitalised(w.text) || translated[w.key] || inTerm(w) {
			continue
		}
		acronym := isAcronym(w.text)
		if w.initial && !acronym && !c.doc.names[w.key] {
			continue // the capital of a sentence's first word
		}
		if exact[w.key] || respelt[translit(w.key)] {
			continue
		}
		// A target word close to the name is the name misspelt.
		if t, ok := closest(w.key, tgt); ok {
			out = append(out, issue(Name, Error, "CheckNameSpelling", map[string]any{"Name": w.text, "Written": t.text},
				[]Span{{Start: w.start, End: w.end}}, []Span{{Start: t.start, End: t.end}}))
			continue
		}
		out = append(out, issue(Name, Warning, "CheckNameMissing", map[string]any{"Name": w.text}, []Span{{Start: w.start, End: w.end}}, nil))
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
		if !isCapitalised(t.text) {
			continue
		}
		for _, f := range englishForms(t.key) {
			if d := distance(translit(name), translit(f)); d < bestD {
				best, bestD = t, d
			}
		}
	}
	return best, bestD <= limit
}

// distance is the Damerau–Levenshtein (optimal string alignment) distance
// between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 99
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
