package segments

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/padan-tm/padan/internal/example"
)

// generatedIndonesian returns about size bytes of Indonesian news text:
// the article's sentences and the test cases' texts, shuffled with a fixed
// seed into paragraphs of 3 to 8 sentences, some glued.
func generatedIndonesian(size int) string {
	doc, err := DefaultRules().Segmenter(language.Indonesian).Article(string(example.Article))
	if err != nil {
		panic(err) // the built-in rules on the built-in article
	}
	var pool []string
	for _, s := range doc.Segments[1:] {
		pool = append(pool, s.Text)
	}
	for _, c := range indonesianCases {
		pool = append(pool, strings.TrimSpace(c.text))
	}
	rng := rand.New(rand.NewPCG(20240601, 2))
	var b strings.Builder
	b.Grow(size + 4096)
	for b.Len() < size {
		n := 3 + rng.IntN(6)
		for i := 0; i < n; i++ {
			if i > 0 && rng.IntN(5) != 0 {
				b.WriteByte(' ')
			}
			b.WriteString(pool[rng.IntN(len(pool))])
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// BenchmarkSplit measures Split on 20 MB of Indonesian text. BENCHMARKS.md
// reports MB/s, and MB/cpu-s (bytes per second of CPU time used, which
// other processes on a shared machine do not change):
//
//	go test ./segments -run '^$' -bench Split -benchtime 3x -cpu 1
func BenchmarkSplit(b *testing.B) {
	text := generatedIndonesian(20 << 20)
	seg := DefaultRules().Segmenter(language.Indonesian)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	start, ok := cpuTime()
	for b.Loop() {
		mustSplit(b, seg, text)
	}
	if end, ok2 := cpuTime(); ok && ok2 && end > start {
		b.ReportMetric(float64(len(text))*float64(b.N)/1e6/(end-start).Seconds(), "MB/cpu-s")
	}
}

// BenchmarkArticle measures the built-in article, as `padan segment` runs
// it.
func BenchmarkArticle(b *testing.B) {
	text := string(example.Article)
	seg := DefaultRules().Segmenter(language.Indonesian)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		mustArticle(b, seg, text)
	}
}
