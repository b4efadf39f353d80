package align

import (
	"strconv"
	"strings"
	"testing"
)

// BenchmarkAlign10k aligns two texts of 10,000 sentences each.
func BenchmarkAlign10k(b *testing.B) {
	src, tgt, _ := generateShapes(10000, 1, 0, 0)
	for b.Loop() {
		Align(src, tgt, Options{})
	}
}

// BenchmarkAlign10kMerged aligns 10,000 source sentences with a translation
// that merges every 7th pair and leaves out every 11th sentence.
func BenchmarkAlign10kMerged(b *testing.B) {
	src, tgt := generate(10000, 1)
	for b.Loop() {
		Align(src, tgt, Options{})
	}
}

// TestAlignLargeShift aligns texts whose target lacks a block of 150
// sentences, so that the band must grow, and checks that the beads after
// the gap are found again.
func TestAlignLargeShift(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	src, tgt, want := generateWithLinks(2600, 5)
	const cut, gap = 1000, 150
	tgt = append(tgt[:cut:cut], tgt[cut+gap:]...)
	beads := Align(src, tgt, Options{})
	checkCover(t, beads, len(src), len(tgt))
	got := map[string]bool{}
	for _, b := range beads {
		got[ints(b.Src)+"-"+ints(b.Tgt)] = true
	}
	right, total := 0, 0
	for _, l := range want {
		s, tg, _ := strings.Cut(l, "-")
		if tg == "" {
			continue
		}
		var shifted []string
		for _, x := range strings.Split(tg, ",") {
			j, _ := strconv.Atoi(x)
			if j < cut+gap+10 {
				shifted = nil
				break
			}
			shifted = append(shifted, strconv.Itoa(j-gap))
		}
		if shifted == nil {
			continue
		}
		total++
		if got[s+"-"+strings.Join(shifted, ",")] {
			right++
		}
	}
	if total == 0 || float64(right)/float64(total) < 0.95 {
		t.Errorf("%d of %d beads after the gap found, want 95%%", right, total)
	}
}
