// Package memgen generates synthetic translation memories with
// near-duplicates, and queries against them, for padan's recall tests. It
// follows the model of shared/bench/gen_tm.py (the benchmark's generator)
// in small: Zipf-distributed pseudo-words, sentence lengths around 20
// words, numbers and commas, and about 10% of units derived from an earlier
// one by a few word edits.
package memgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Memory is a generated translation memory with near-duplicates, in the
// manner of shared/bench/gen_tm.py: Zipf-distributed words, sentence
// lengths around 20 words, and about 10% of units derived from an earlier
// unit by 1–4 word edits (substitution, insertion, deletion, number or case
// change).
type Memory struct {
	rng   *rand.Rand
	zipf  *rand.Zipf
	words []string
	// Units are the generated source texts, in order.
	Units []string
}

// New returns an empty memory whose texts are drawn, deterministically
// from seed, from a vocabulary of the given number of pseudo-words.
func New(seed uint64, vocabulary int) *Memory {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	m := &Memory{rng: rng, zipf: rand.NewZipf(rng, 1.1, 2, uint64(vocabulary-1))}
	syll := []string{"ba", "ka", "ma", "ri", "tu", "se", "lo", "ng", "pa", "di", "an", "kan", "me", "ber", "ter", "nya", "wa", "ju", "ha", "si"}
	seen := map[string]bool{}
	for len(m.words) < vocabulary {
		n := 1 + rng.IntN(4)
		var b strings.Builder
		for range n {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			m.words = append(m.words, w)
		}
	}
	return m
}

func (m *Memory) word() string {
	if m.rng.IntN(40) == 0 {
		return fmt.Sprint(1900 + m.rng.IntN(130))
	}
	return m.words[m.zipf.Uint64()]
}

func (m *Memory) sentence() string {
	n := 3 + m.rng.IntN(12) + m.rng.IntN(12) + m.rng.IntN(12)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = m.word()
		if i < n-1 && m.rng.IntN(15) == 0 {
			ws[i] += ","
		}
	}
	ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	return strings.Join(ws, " ") + "."
}

// Edit returns s with the given number of word edits: substitution,
// insertion, deletion or upper-casing of a word.
func (m *Memory) Edit(s string, edits int) string {
	ws := strings.Split(s, " ")
	for range edits {
		i := m.rng.IntN(len(ws))
		switch op := m.rng.IntN(10); {
		case op < 5:
			ws[i] = m.word()
		case op < 7:
			ws = append(ws[:i], append([]string{m.word()}, ws[i:]...)...)
		case op < 9 && len(ws) > 2:
			ws = append(ws[:i], ws[i+1:]...)
		default:
			ws[i] = strings.ToUpper(ws[i])
		}
	}
	return strings.Join(ws, " ")
}

// Generate adds units until the memory holds n, about 10% of them
// near-duplicates of earlier units. Every generated text is kept, even a
// repeated one.
func (m *Memory) Generate(n int) {
	for len(m.Units) < n {
		if len(m.Units) > 0 && m.rng.IntN(10) == 0 {
			p := m.Units[m.rng.IntN(len(m.Units))]
			m.Units = append(m.Units, m.Edit(p, 1+m.rng.IntN(3)))
			continue
		}
		m.Units = append(m.Units, m.sentence())
	}
}

// Queries returns n queries: a third exact copies of stored units, a third
// stored units with 1–4 edits, a third fresh sentences.
func (m *Memory) Queries(n int) []string {
	qs := make([]string, n)
	for i := range qs {
		switch i % 3 {
		case 0:
			qs[i] = m.Units[m.rng.IntN(len(m.Units))]
		case 1:
			qs[i] = m.Edit(m.Units[m.rng.IntN(len(m.Units))], 1+m.rng.IntN(4))
		default:
			qs[i] = m.sentence()
		}
	}
	return qs
}
