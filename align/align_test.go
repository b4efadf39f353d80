package align

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// links writes beads in the link format of eval-alignment.py.
func links(beads []Bead) string {
	var out []string
	for _, b := range beads {
		out = append(out, ints(b.Src)+"-"+ints(b.Tgt))
	}
	return strings.Join(out, " ")
}

func ints(x []int) string {
	s := make([]string, len(x))
	for i, v := range x {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, ",")
}

// beadCases are small English texts and Indonesian translations written for
// these tests, one per bead shape, with the alignment a translator would
// give.
var beadCases = []struct {
	name     string
	src, tgt []string
	want     string
}{
	{
		name: "1-1",
		src: []string{
			"The company sold 20,000 cars in 2015.",
			"Its profit rose by 12.5 percent.",
			"The new factory in Surabaya will open in March.",
		},
		tgt: []string{
			"Perusahaan itu menjual 20.000 mobil pada 2015.",
			"Labanya naik 12,5 persen.",
			"Pabrik baru di Surabaya akan dibuka pada bulan Maret.",
		},
		want: "0-0 1-1 2-2",
	},
	{
		name: "2-1 merged translation",
		src: []string{
			"President Joko Widodo visited Medan on Monday.",
			"He inaugurated a new toll road.",
			"The road cost 3.2 trillion rupiah.",
		},
		tgt: []string{
			"Presiden Joko Widodo mengunjungi Medan pada hari Senin dan meresmikan jalan tol baru.",
			"Jalan itu menelan biaya 3,2 triliun rupiah.",
		},
		want: "0,1-0 2-1",
	},
	{
		name: "1-2 split translation",
		src: []string{
			"The earthquake, which struck at 07.30 local time, damaged 1,200 houses in Cianjur and forced thousands of families to sleep outside.",
			"Rescue teams from Jakarta arrived on Tuesday.",
		},
		tgt: []string{
			"Gempa itu terjadi pukul 07.30 waktu setempat.",
			"Sebanyak 1.200 rumah di Cianjur rusak dan ribuan keluarga terpaksa tidur di luar.",
			"Tim penyelamat dari Jakarta tiba pada hari Selasa.",
		},
		want: "0-0,1 1-2",
	},
	{
		name: "1-0 sentence left out",
		src: []string{
			"The United Nations warned of a famine in Sudan.",
			"Critics said the warning came too late.",
			"About 2.5 million people need food aid.",
			"The WHO will send doctors in April.",
		},
		tgt: []string{
			"PBB memperingatkan adanya bencana kelaparan di Sudan.",
			"Sekitar 2,5 juta orang membutuhkan bantuan pangan.",
			"WHO akan mengirim dokter pada bulan April.",
		},
		want: "0-0 1- 2-1 3-2",
	},
	{
		name: "0-1 sentence added",
		src: []string{
			"Google opened an office in Jakarta in 2012.",
			"It now employs 300 engineers.",
		},
		tgt: []string{
			"Google membuka kantor di Jakarta pada 2012.",
			"Perusahaan teknologi asal Amerika Serikat itu didirikan oleh Larry Page dan Sergey Brin.",
			"Kini kantor itu mempekerjakan 300 insinyur.",
		},
		want: "0-0 -1 1-2",
	},
	{
		name: "2-2 regrouped",
		src: []string{
			"“Why did the price of rice rise by 15 percent?” asked a trader in Bandung, who has sold rice for 20 years.",
			"The ministry blamed the drought.",
			"Exports to Malaysia continue.",
		},
		tgt: []string{
			"“Mengapa harga beras naik 15 persen?” tanya seorang pedagang di Bandung.",
			"Ia sudah berjualan beras selama 20 tahun, dan kementerian menyalahkan kemarau.",
			"Ekspor ke Malaysia terus berlanjut.",
		},
		want: "0,1-0,1 2-2",
	},
	{
		name: "empty target",
		src:  []string{"One.", "Two."},
		tgt:  nil,
		want: "0- 1-",
	},
	{
		name: "empty source",
		src:  nil,
		tgt:  []string{"Satu."},
		want: "-0",
	},
	{name: "both empty", want: ""},
}

func TestAlignBeadShapes(t *testing.T) {
	for _, tt := range beadCases {
		t.Run(tt.name, func(t *testing.T) {
			beads := Align(tt.src, tt.tgt, Options{})
			if got := links(beads); got != tt.want {
				t.Errorf("Align = %q, want %q", got, tt.want)
			}
			checkCover(t, beads, len(tt.src), len(tt.tgt))
		})
	}
}

// TestAnchorsDecide checks that the lexical anchors, not the lengths, decide
// the 1-0 case: lengths alone merge the untranslated sentence.
func TestAnchorsDecide(t *testing.T) {
	tt := beadCases[3]
	if got := links(Align(tt.src, tt.tgt, Options{LengthOnly: true})); got == tt.want {
		t.Skipf("length alone already finds %q; the case does not test the anchors", got)
	}
	if got := links(Align(tt.src, tt.tgt, Options{})); got != tt.want {
		t.Errorf("Align = %q, want %q", got, tt.want)
	}
}

// checkCover fails unless beads cover sentences 0..n-1 and 0..m-1 in order
// with consecutive indices, no bead empty on both sides, and confidences
// in 0–1.
func checkCover(t *testing.T, beads []Bead, n, m int) {
	t.Helper()
	i, j := 0, 0
	for k, b := range beads {
		if len(b.Src)+len(b.Tgt) == 0 {
			t.Fatalf("bead %d is empty", k)
		}
		for _, x := range b.Src {
			if x != i {
				t.Fatalf("bead %d: source %d, want %d (beads %s)", k, x, i, links(beads))
			}
			i++
		}
		for _, y := range b.Tgt {
			if y != j {
				t.Fatalf("bead %d: target %d, want %d (beads %s)", k, y, j, links(beads))
			}
			j++
		}
		if !(b.Confidence >= 0 && b.Confidence <= 1) {
			t.Fatalf("bead %d: confidence %v outside 0–1", k, b.Confidence)
		}
	}
	if i != n || j != m {
		t.Fatalf("beads cover %d source and %d target sentences, want %d and %d", i, j, n, m)
	}
}

// TestAlignProperties aligns random texts, including unrelated ones and
// ones long enough for the banded search, and checks the coverage.
func TestAlignProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	words := []string{"Jakarta", "the", "20,000", "kota", "transition", "“quoted”", "?", "PBB", "rumah", "12,5", "teknologi", "and"}
	text := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			k := r.IntN(12)
			ws := make([]string, k)
			for w := range ws {
				ws[w] = words[r.IntN(len(words))]
			}
			out[i] = strings.Join(ws, " ")
		}
		return out
	}
	for it := 0; it < 200; it++ {
		n, m := r.IntN(12), r.IntN(12)
		if it%100 == 0 {
			n, m = 2200+r.IntN(200), 1900+r.IntN(200)
		}
		src, tgt := text(n), text(m)
		opts := Options{}
		if it%3 == 0 {
			opts.LengthRatio = 1.1
		}
		checkCover(t, Align(src, tgt, opts), n, m)
	}
}

// TestAlignGenerated aligns a generated text long enough for the banded
// search with merges and omissions, and compares with the generator's
// alignment.
func TestAlignGenerated(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 600
	}
	src, tgt, want := generateWithLinks(n, 3)
	beads := Align(src, tgt, Options{})
	checkCover(t, beads, len(src), len(tgt))
	got := map[string]bool{}
	for _, b := range beads {
		got[ints(b.Src)+"-"+ints(b.Tgt)] = true
	}
	right := 0
	for _, l := range want {
		if got[l] {
			right++
		}
	}
	if recall := float64(right) / float64(len(want)); recall < 0.95 {
		t.Errorf("bead recall %.3f on %d generated sentences, want >= 0.95", recall, n)
	}
}

func TestConfidence(t *testing.T) {
	tt := beadCases[0]
	for _, b := range Align(tt.src, tt.tgt, Options{}) {
		if b.NeedsReview() {
			t.Errorf("bead %v-%v of a clear 1-1 text has confidence %.3f, under %v", b.Src, b.Tgt, b.Confidence, ReviewThreshold)
		}
	}
	// Two unrelated texts: the alignment is a guess and must say so.
	src := []string{"The weather was fine.", "We went home early."}
	tgt := []string{"Kucing itu tidur di atas meja sepanjang hari.", "Hujan."}
	low := false
	for _, b := range Align(src, tgt, Options{}) {
		low = low || b.NeedsReview()
	}
	if !low {
		t.Errorf("no bead of an unrelated pair of texts needs review")
	}
}

func TestLengthCost(t *testing.T) {
	if c := lengthCost(100, 100, 1); c > 1 {
		t.Errorf("lengthCost(100, 100, 1) = %v, want about 0", c)
	}
	prev := 0.0
	for l2 := 100.0; l2 <= 300; l2 += 10 {
		c := lengthCost(100, l2, 1)
		if c < prev {
			t.Fatalf("lengthCost(100, %v) = %v < lengthCost at a smaller length %v", l2, c, prev)
		}
		prev = c
	}
	if c := lengthCost(10, 1000, 1); c != maxLenCost {
		t.Errorf("lengthCost(10, 1000) = %v, want the cap %v", c, maxLenCost)
	}
}

func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"20.000", "1,234.5", "1950-1953", "12.05.2016", "0.0.0", "9,99,999", "3,5 juta"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, n := range Numbers(s) {
			if n == "" || strings.HasSuffix(n, ".") || (len(n) > 1 && n[0] == '0' && n[1] != '.') {
				t.Errorf("Numbers(%q) gives %q, not a normalized number", s, n)
			}
		}
	})
}

func FuzzAlign(f *testing.F) {
	f.Add("The UN met in 2015.\nIt was “late”?", "PBB bertemu pada 2015.\nTerlambat?")
	f.Add("", "satu")
	f.Add("a\nb\nc\nd", "")
	f.Fuzz(func(t *testing.T, s, u string) {
		src, tgt := strings.Split(s, "\n"), strings.Split(u, "\n")
		if len(src) > 50 || len(tgt) > 50 {
			return
		}
		checkCover(t, Align(src, tgt, Options{}), len(src), len(tgt))
	})
}

func ExampleAlign() {
	src := []string{
		"The UN warned of a famine in Sudan.",
		"Critics said the warning came too late.",
		"About 2.5 million people need food aid.",
	}
	tgt := []string{
		"PBB memperingatkan bencana kelaparan di Sudan.",
		"Sekitar 2,5 juta orang membutuhkan bantuan pangan.",
	}
	for _, b := range Align(src, tgt, Options{}) {
		fmt.Println(b.Src, b.Tgt, b.NeedsReview())
	}
	// Output:
	// [0] [0] false
	// [1] [] true
	// [2] [1] false
}

// TestSharedSum checks that, for spans without repeated anchors, the sum of
// what sentence pairs share equals what the spans share.
func TestSharedSum(t *testing.T) {
	src, tgt := generate(300, 9)
	a := newAligner(src, tgt, Options{})
	checked := 0
	for i0 := 0; i0+3 <= len(src); i0++ {
		for j0 := 0; j0+3 <= len(tgt) && j0 < i0+5; j0++ {
			for ds := 1; ds <= 3; ds++ {
				for dt := 1; dt <= 3; dt++ {
					if !a.us.distinct(i0, i0+ds) || !a.ut.distinct(j0, j0+dt) {
						continue
					}
					var sum int16
					for i := i0; i < i0+ds; i++ {
						for j := j0; j < j0+dt; j++ {
							sum += a.compare(i, j).shared
						}
					}
					if want := intersect(a.us.span(i0, i0+ds), a.ut.span(j0, j0+dt)).shared; sum != want {
						t.Fatalf("span %d+%d / %d+%d: pairs share %d, spans %d", i0, ds, j0, dt, sum, want)
					}
					checked++
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no span without repeated anchors")
	}
}

// TestNeedsReview: a bead under the threshold needs review, and so does
// every 1-0 or 0-1 bead, however confident (an omission marked ok would go
// into the memory unseen).
func TestNeedsReview(t *testing.T) {
	tests := []struct {
		b    Bead
		want bool
	}{
		{Bead{Src: []int{0}, Tgt: []int{0}, Confidence: 0.95}, false},
		{Bead{Src: []int{0, 1}, Tgt: []int{0}, Confidence: 0.5}, true},
		{Bead{Src: []int{3}, Confidence: 0.881}, true},
		{Bead{Tgt: []int{5}, Confidence: 0.99}, true},
		{Bead{Src: []int{1}, Tgt: []int{1, 2}, Confidence: ReviewThreshold}, false},
	}
	for _, tt := range tests {
		if got := tt.b.NeedsReview(); got != tt.want {
			t.Errorf("%v-%v at %.3f: NeedsReview %v, want %v", tt.b.Src, tt.b.Tgt, tt.b.Confidence, got, tt.want)
		}
	}
}
