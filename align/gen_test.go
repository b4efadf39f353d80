package align

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// genVocabulary returns n word pairs (English-like, Indonesian-like) made
// of random syllables; a third are cognates spelt alike, the rest unrelated,
// and the first 30 are short function words.
func genVocabulary(r *rand.Rand, n int) [][2]string {
	syl := []string{"ka", "ta", "ri", "mo", "len", "ser", "pa", "di", "tion", "ber", "an", "ko", "mi", "sa", "gan"}
	word := func(k int) string {
		var b strings.Builder
		for range k {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		return b.String()
	}
	v := make([][2]string, n)
	for i := range v {
		k := 2 + r.IntN(3)
		if i < 30 {
			k = 1
		}
		v[i][0] = word(k)
		if i >= 30 && r.IntN(3) == 0 {
			v[i][1] = v[i][0] + "i"
		} else {
			v[i][1] = word(k)
		}
	}
	return v
}

var genNames = []string{"Jakarta", "Obama", "Surabaya", "Widodo", "Bandung", "Clinton", "Medan", "Google"}

// generate returns n English-like sentences and their Indonesian-like
// translation, with every 7th target sentence made of two sources merged
// and every 11th source sentence left untranslated.
func generate(n int, seed uint64) (src, tgt []string) {
	src, tgt, _ = generateWithLinks(n, seed)
	return src, tgt
}

// generateWithLinks is generate that also returns the true alignment in
// the link format.
func generateWithLinks(n int, seed uint64) (src, tgt, links []string) {
	return generateShapes(n, seed, 7, 11)
}

// generateShapes is generateWithLinks with every merge-th target sentence
// made of two sources and every drop-th source left out (0: none).
func generateShapes(n int, seed uint64, merge, drop int) (src, tgt, links []string) {
	r := rand.New(rand.NewPCG(seed, 1))
	genWords := genVocabulary(r, 3000)
	var pending string
	for i := 0; i < n; i++ {
		var en, id []string
		k := 6 + r.IntN(20)
		for w := 0; w < k; w++ {
			switch x := r.IntN(20); {
			case x == 0:
				v := r.IntN(100000)
				en = append(en, fmt.Sprintf("%d,%03d", v/1000, v%1000))
				id = append(id, fmt.Sprintf("%d.%03d", v/1000, v%1000))
			case x == 1:
				nm := genNames[r.IntN(len(genNames))]
				en, id = append(en, nm), append(id, nm)
			default:
				p := genWords[zipf(r, len(genWords))]
				en, id = append(en, p[0]), append(id, p[1])
			}
		}
		e := strings.Join(en, " ") + "."
		d := strings.Join(id, " ") + "."
		src = append(src, e)
		switch {
		case drop > 0 && i%drop == 5 && pending == "":
			links = append(links, fmt.Sprintf("%d-", i))
		case merge > 0 && i%merge == 3 && pending == "":
			pending = d
		case pending != "":
			links = append(links, fmt.Sprintf("%d,%d-%d", i-1, i, len(tgt)))
			tgt = append(tgt, pending+" "+d)
			pending = ""
		default:
			links = append(links, fmt.Sprintf("%d-%d", i, len(tgt)))
			tgt = append(tgt, d)
		}
	}
	if pending != "" {
		links = append(links, fmt.Sprintf("%d-%d", n-1, len(tgt)))
		tgt = append(tgt, pending)
	}
	return src, tgt, links
}

// zipf draws an index in [0,n) with frequent small values, like word ranks.
func zipf(r *rand.Rand, n int) int {
	return min(n-1, int(float64(n)*r.Float64()*r.Float64()*r.Float64()))
}
