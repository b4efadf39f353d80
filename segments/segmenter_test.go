package segments

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// splitCase is a text and the segments the built-in rules must cut it
// into.
type splitCase struct {
	name string
	text string
	want []string
}

// indonesianCases has one case (or more) per rule and list entry of the
// Indonesian rules, as issue 2 lists them.
var indonesianCases = []splitCase{
	{"plain", "Kim tiba di Moskow. Dia bertemu Putin.", []string{"Kim tiba di Moskow.", "Dia bertemu Putin."}},
	{"question and exclamation", "Apa kabar? Baik! Terima kasih.", []string{"Apa kabar?", "Baik!", "Terima kasih."}},
	{"title Dr", "Ia dirawat di RS Dr. Soetomo. Kondisinya membaik.", []string{"Ia dirawat di RS Dr. Soetomo.", "Kondisinya membaik."}},
	{"titles Prof Dr Ir H", "Rektor Prof. Dr. Ir. H. Budi Santoso hadir. Acara dimulai.", []string{"Rektor Prof. Dr. Ir. H. Budi Santoso hadir.", "Acara dimulai."}},
	{"titles Hj Drs", "Hadir pula Hj. Siti Aminah dan Drs. Ahmad Yani.", []string{"Hadir pula Hj. Siti Aminah dan Drs. Ahmad Yani."}},
	{"degrees S.H. M.Si. S.Pd.", "Sidang dipimpin Budi Santoso, S.H., M.Si. bersama Ani, S.Pd. Mereka tiba pagi.", []string{"Sidang dipimpin Budi Santoso, S.H., M.Si. bersama Ani, S.Pd.", "Mereka tiba pagi."}},
	{"dkk before lower case", "Penelitian Hasan dkk. menunjukkan hal itu.", []string{"Penelitian Hasan dkk. menunjukkan hal itu."}},
	{"dll ends a sentence", "Ia membeli buah, sayur, dll. Semua dibayar tunai.", []string{"Ia membeli buah, sayur, dll.", "Semua dibayar tunai."}},
	{"dsb dst tsb", "Ada meja, kursi, dsb. yang rusak, dst. dan barang tsb. dibuang.", []string{"Ada meja, kursi, dsb. yang rusak, dst. dan barang tsb. dibuang."}},
	{"Yth Bpk Sdr", "Kepada Yth. Bpk. Ahmad dan Sdr. Budi di tempat.", []string{"Kepada Yth. Bpk. Ahmad dan Sdr. Budi di tempat."}},
	{"Ny Tn", "Ny. Ani dan Tn. Budi datang.", []string{"Ny. Ani dan Tn. Budi datang."}},
	{"No hlm before numbers", "Lihat hlm. 5 dan Pasal No. 7 tentang pajak.", []string{"Lihat hlm. 5 dan Pasal No. 7 tentang pajak."}},
	{"No before roman numeral", "Sesuai Ketetapan MPRS No. XXXIII tahun 1967.", []string{"Sesuai Ketetapan MPRS No. XXXIII tahun 1967."}},
	{"phone numbers", "Hubungi Telp. (021) 5760617 atau Fax. (021) 5760677 sekarang.", []string{"Hubungi Telp. (021) 5760617 atau Fax. (021) 5760677 sekarang."}},
	{"hal is also a word", "Ada banyak hal. Lalu dia pergi.", []string{"Ada banyak hal.", "Lalu dia pergi."}},
	{"Jl Kab Kec", "Kantornya di Jl. Sudirman, Kec. Menteng, Kab. Bogor.", []string{"Kantornya di Jl. Sudirman, Kec. Menteng, Kab. Bogor."}},
	{"Jl glued", "Kantornya di Jl.Sudirman dekat Dr.Soetomo.", []string{"Kantornya di Jl.Sudirman dekat Dr.Soetomo."}},
	{"a.n. and u.p.", "Surat a.n. Menteri dikirim u.p. Kepala Biro.", []string{"Surat a.n. Menteri dikirim u.p. Kepala Biro."}},
	{"a.l. s.d. sbb.", "Rapat a.l. membahas anggaran 1 s.d. 5 Mei sbb. daftar.", []string{"Rapat a.l. membahas anggaran 1 s.d. 5 Mei sbb. daftar."}},
	{"Rp with stop", "Harganya Rp. 5.000 per kilogram.", []string{"Harganya Rp. 5.000 per kilogram."}},
	{"initial", "Artikel ini diterjemahkan Jafar M. Sidik. Editor memeriksanya.", []string{"Artikel ini diterjemahkan Jafar M. Sidik.", "Editor memeriksanya."}},
	{"initials B.J.", "Presiden B.J. Habibie dan B.J.Habibie sama.", []string{"Presiden B.J. Habibie dan B.J.Habibie sama."}},
	{"unit letter after number", "Suhu naik di bawah 2 C. Banyak ilmuwan cemas.", []string{"Suhu naik di bawah 2 C.", "Banyak ilmuwan cemas."}},
	{"initial before a sentence starter", "Ia bermain di grup A. Dia menang.", []string{"Ia bermain di grup A.", "Dia menang."}},
	{"dotted abbreviation before a starter", "Kasus itu masuk Mahkamah Agung A.S. Seperti biasa, sidang ditunda.", []string{"Kasus itu masuk Mahkamah Agung A.S.", "Seperti biasa, sidang ditunda."}},
	{"initial after a hyphen is not one", "Anggaran naik dari APBN-P. Deputi Gubernur hadir.", []string{"Anggaran naik dari APBN-P.", "Deputi Gubernur hadir."}},
	{"company suffix continues", "Saham PT Astra International Tbk. (ASII) naik. Sampoerna Asia Pte. Ltd. menjual saham.", []string{"Saham PT Astra International Tbk. (ASII) naik.", "Sampoerna Asia Pte. Ltd. menjual saham."}},
	{"company suffix ends", "Ia bekerja di Itochu Corp. \"Jumlahnya sama,\" katanya.", []string{"Ia bekerja di Itochu Corp.", "\"Jumlahnya sama,\" katanya."}},
	{"numbers", "Sebanyak 20.000 orang, atau 12,5 persen, membayar Rp45.000 pada 12.10.2024 pukul 09.30 WIB.", []string{"Sebanyak 20.000 orang, atau 12,5 persen, membayar Rp45.000 pada 12.10.2024 pukul 09.30 WIB."}},
	{"number ends a sentence", "Ia lahir pada 2017. 30 orang hadir.", []string{"Ia lahir pada 2017.", "30 orang hadir."}},
	{"url", "Baca https://www.antaranews.com/Berita.Dunia/Korea.Utara sekarang. Lalu tutup.", []string{"Baca https://www.antaranews.com/Berita.Dunia/Korea.Utara sekarang.", "Lalu tutup."}},
	{"domain", "Situs www.Antara.News.Com dan antaranews.com aktif.", []string{"Situs www.Antara.News.Com dan antaranews.com aktif."}},
	{"e-mail", "Kirim ke budi.Santoso@antara.co.id. Terima kasih.", []string{"Kirim ke budi.Santoso@antara.co.id.", "Terima kasih."}},
	{"ellipsis before lower case", "Dia diam... lalu pergi.", []string{"Dia diam... lalu pergi."}},
	{"ellipsis before a capital", "Tunggu… Dia datang.", []string{"Tunggu…", "Dia datang."}},
	{"closed inside quotes", "\"Saya setuju.\" Dia tersenyum.", []string{"\"Saya setuju.\"", "Dia tersenyum."}},
	{"question in quotes then attribution", "\"Apa?\" tanya dia.", []string{"\"Apa?\" tanya dia."}},
	{"closed inside brackets", "(Ini penting.) Lalu dia pergi.", []string{"(Ini penting.)", "Lalu dia pergi."}},
	{"abbreviation closing a bracket", "Bandara Sultan Syarif Kasim II (SSK. II) Pekanbaru dibuka.", []string{"Bandara Sultan Syarif Kasim II (SSK. II) Pekanbaru dibuka."}},
	{"two sentences quoted then attribution", "\"Kami siap. Kami menunggu,\" kata dia.", []string{"\"Kami siap.", "Kami menunggu,\" kata dia."}},
	{"glued after a stop", "pejabat keamanan nasional AS.Perkembangan terbaru.", []string{"pejabat keamanan nasional AS.", "Perkembangan terbaru."}},
	{"glued after a number", "pada tahun 2012.Delapan orang tewas pada abad ke-5.Pertemuan itu batal.", []string{"pada tahun 2012.", "Delapan orang tewas pada abad ke-5.", "Pertemuan itu batal."}},
	{"glued after a bracket", "Dewan Keamanan PBB (DK PBB).Petunjuk baru muncul.", []string{"Dewan Keamanan PBB (DK PBB).", "Petunjuk baru muncul."}},
	{"glued before an acronym", "kata dia.KPK menolak.", []string{"kata dia.", "KPK menolak."}},
	{"glued question and exclamation", "Mengapa?Dia tidak tahu!Ayo pergi.", []string{"Mengapa?", "Dia tidak tahu!", "Ayo pergi."}},
	{"glued opening straight quote", "bersama Korea Utara.\"Mengapa tidak,\" katanya.", []string{"bersama Korea Utara.", "\"Mengapa tidak,\" katanya."}},
	{"glued closing straight quote", "Ia berkata, \"Saya pulang.\"Kemudian ia pergi.", []string{"Ia berkata, \"Saya pulang.\"", "Kemudian ia pergi."}},
	{"glued curly quotes", "Ia berkata, “Saya pulang.”Kemudian ia pergi.“Bagus,” katanya.", []string{"Ia berkata, “Saya pulang.”", "Kemudian ia pergi.", "“Bagus,” katanya."}},
	{"lost paragraph break after a colon", "bagaimana keduanya menjadi semakin dekat:Korea Utara yang komunis terbentuk.", []string{"bagaimana keduanya menjadi semakin dekat:", "Korea Utara yang komunis terbentuk."}},
	{"colon with space", "Ada pepatah Rusia kuno: Anda tidak memilih tetangga. Muatan itu mewah: 30 kuda.", []string{"Ada pepatah Rusia kuno: Anda tidak memilih tetangga.", "Muatan itu mewah: 30 kuda."}},
	{"line breaks", "Judul Berita\nKalimat pertama.\n\nKalimat kedua.", []string{"Judul Berita", "Kalimat pertama.", "Kalimat kedua."}},
	{"wrapped line", "Kalimat yang\nterputus di tengah tetap satu.", []string{"Kalimat yang terputus di tengah tetap satu."}},
	{"numbered item", "1. Pendahuluan\n2. Isi", []string{"1. Pendahuluan", "2. Isi"}},
	{"numbered item in brackets", "Tujuannya dua. (2) Ikut andil dalam operasi.", []string{"Tujuannya dua.", "(2) Ikut andil dalam operasi."}},
	{"lower-case start after a long word", "Ia lahir pada 5 Juni 1879. atau mungkin 1880? entahlah.", []string{"Ia lahir pada 5 Juni 1879.", "atau mungkin 1880?", "entahlah."}},
	{"lower case after a short abbreviation", "Ada meja, kursi, dll. dan barang tsb. akan dijual.", []string{"Ada meja, kursi, dll. dan barang tsb. akan dijual."}},
	{"CRLF", "Satu.\r\nDua.\r\n", []string{"Satu.", "Dua."}},
	{"NFC", "Cafe\u0301 itu tutup.", []string{"Café itu tutup."}},
}

// englishCases are the English rules' cases.
var englishCases = []splitCase{
	{"Mr", "Mr. Smith went to Washington. He stayed.", []string{"Mr. Smith went to Washington.", "He stayed."}},
	{"U.S. before a name", "The U.S. President spoke. Then he left.", []string{"The U.S. President spoke.", "Then he left."}},
	{"U.S. at the end", "They are taking delivery in the U.S. It took a week.", []string{"They are taking delivery in the U.S.", "It took a week."}},
	{"U.S. before lower case", "The U.S. and Canada agreed.", []string{"The U.S. and Canada agreed."}},
	{"p.m.", "We met at 5 p.m. and talked. It was late.", []string{"We met at 5 p.m. and talked.", "It was late."}},
	{"e.g.", "Use a tool, e.g. OmegaT, for this.", []string{"Use a tool, e.g. OmegaT, for this."}},
	{"Inc. continues", "Apple Inc. Chairman Tim Cook spoke.", []string{"Apple Inc. Chairman Tim Cook spoke."}},
	{"Inc. ends", "He works for Apple Inc. The company is big.", []string{"He works for Apple Inc.", "The company is big."}},
	{"initials", "John F. Kennedy and J.R.R. Tolkien met.", []string{"John F. Kennedy and J.R.R. Tolkien met."}},
	{"months and numbers", "It opened on Jan. 5 at No. 10 Downing Street.", []string{"It opened on Jan. 5 at No. 10 Downing Street."}},
	{"ca. before a year", "It dates from ca. 1600 B.C.E. The city fell.", []string{"It dates from ca. 1600 B.C.E.", "The city fell."}},
	{"lower-case start", "are you lying? i flew here last night.", []string{"are you lying?", "i flew here last night."}},
	{"attribution after a quoted question", "\"What?\" asks Winston.", []string{"\"What?\" asks Winston."}},
	{"phone", "Call tel. (202) 555-0100 now.", []string{"Call tel. (202) 555-0100 now."}},
	{"etc. before lower case", "Bring pens, paper, etc. and a bag.", []string{"Bring pens, paper, etc. and a bag."}},
	{"symbol line after a sentence", "Thank you. ****", []string{"Thank you.", "****"}},
}

func checkCases(t *testing.T, tag language.Tag, cases []splitCase) {
	t.Helper()
	seg := DefaultRules().Segmenter(tag)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, s := range mustSplit(t, seg, c.text) {
				got = append(got, s.Text)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Split(%q)\n got %q\nwant %q", c.text, got, c.want)
			}
		})
	}
}

func TestSplitIndonesian(t *testing.T) { checkCases(t, language.Indonesian, indonesianCases) }

func TestSplitEnglish(t *testing.T) { checkCases(t, language.English, englishCases) }

// TestSplitGeneric checks that a language without rules of its own gets
// the generic ones: a sentence end, but none of the Indonesian titles.
func TestSplitGeneric(t *testing.T) {
	seg := DefaultRules().Segmenter(language.French)
	var got []string
	for _, s := range mustSplit(t, seg, "Il est parti. Elle est restée.Puis Dr. Martin.") {
		got = append(got, s.Text)
	}
	want := []string{"Il est parti.", "Elle est restée.", "Puis Dr.", "Martin."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// checkLossless fails unless segs are non-empty, in order, within text,
// trimmed, and rejoin with the text between them to text. With onlySpace
// (Split), the text between segments must be space; Article also leaves
// metadata lines there.
func checkLossless(t testing.TB, text string, segs []Segment, onlySpace bool) {
	t.Helper()
	var b strings.Builder
	prev := 0
	for i, s := range segs {
		if s.Index != i+1 {
			t.Fatalf("segment %d has index %d", i+1, s.Index)
		}
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("segment %d: bad offsets [%d,%d) after %d in %d bytes", s.Index, s.Start, s.End, prev, len(text))
		}
		if onlySpace && strings.TrimFunc(text[prev:s.Start], isSpace) != "" {
			t.Fatalf("segment %d: non-space text %q left between segments", s.Index, text[prev:s.Start])
		}
		r, _ := utf8.DecodeRuneInString(text[s.Start:])
		l, _ := utf8.DecodeLastRuneInString(text[:s.End])
		if isSpace(r) || isSpace(l) {
			t.Fatalf("segment %d %q is not trimmed", s.Index, text[s.Start:s.End])
		}
		if s.Text == "" {
			t.Fatalf("segment %d is empty", s.Index)
		}
		b.WriteString(text[prev:s.Start])
		b.WriteString(text[s.Start:s.End])
		prev = s.End
	}
	b.WriteString(text[prev:])
	if b.String() != text {
		t.Fatalf("segments do not rebuild the text")
	}
	if onlySpace && strings.TrimFunc(text[prev:], isSpace) != "" {
		t.Fatalf("text %q after the last segment is in no segment", text[prev:])
	}
}

// TestSplitLossless is the property test: on generated texts mixing every
// construct of the cases, in both languages, segments are lossless.
func TestSplitLossless(t *testing.T) {
	var pieces []string
	for _, c := range append(append([]splitCase{}, indonesianCases...), englishCases...) {
		pieces = append(pieces, c.text)
	}
	seps := []string{"", " ", "\n", "\r\n", "\n\n", "  \t", "\u00a0", "\ufeff"}
	for _, tag := range []language.Tag{language.Indonesian, language.English, language.Japanese} {
		seg := DefaultRules().Segmenter(tag)
		for i := 0; i < 300; i++ {
			var b strings.Builder
			for j := 0; j < 1+i%7; j++ {
				b.WriteString(seps[(i*7+j*3)%len(seps)])
				b.WriteString(pieces[(i*13+j*29)%len(pieces)])
			}
			b.WriteString(seps[i%len(seps)])
			text := b.String()
			checkLossless(t, text, mustSplit(t, seg, text), true)
			checkLossless(t, text, mustArticle(t, seg, text).Segments, false)
		}
	}
}

// TestPrefilterIsSafe checks that deriving characters from the patterns
// never hides a break: on generated texts, evaluating every rule at every
// position gives the same breaks as the fast path.
func TestPrefilterIsSafe(t *testing.T) {
	for _, tag := range []language.Tag{language.Indonesian, language.English} {
		fast := DefaultRules().Segmenter(tag)
		slow := &Segmenter{lang: tag}
		for _, r := range fast.rules {
			c := &rule{brk: r.brk, before: r.before, after: r.after, re: r.re}
			c.once.Do(func() {}) // no conditions: prepare leaves them nil
			slow.rules = append(slow.rules, c)
		}
		slow.prepare()
		if slow.candFirst != nil || slow.candLast != nil {
			t.Fatal("slow segmenter still filters")
		}
		texts := []string{generatedIndonesian(30000)}
		for _, c := range append(append([]splitCase{}, indonesianCases...), englishCases...) {
			texts = append(texts, c.text)
		}
		for _, text := range texts {
			deadline := time.Now().Add(time.Minute)
			got, err := fast.breaks(text, deadline)
			if err != nil {
				t.Fatal(err)
			}
			want, err := slow.breaks(text, deadline)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %.60q: breaks %v, want %v", tag, text, got, want)
			}
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, c := range indonesianCases {
		f.Add(c.text)
	}
	f.Add(" date 2023-09 Seoul (ANTARA) - Kim tiba.\n\nPenerjemah: X\n\nCOPYRIGHT © ANTARA 2023")
	f.Add("\xff\xfe. A")
	seg := DefaultRules().Segmenter(language.Indonesian)
	f.Fuzz(func(t *testing.T, text string) {
		checkLossless(t, text, mustSplit(t, seg, text), true)
		checkLossless(t, text, mustArticle(t, seg, text).Segments, false)
	})
}

// mustSplit is s.Split(text), failing the test on an error.
func mustSplit(t testing.TB, s *Segmenter, text string) []Segment {
	t.Helper()
	segs, err := s.Split(text)
	if err != nil {
		t.Fatalf("Split: %v", err)
	}
	return segs
}

// mustArticle is s.Article(text), failing the test on an error.
func mustArticle(t testing.TB, s *Segmenter, text string) Document {
	t.Helper()
	doc, err := s.Article(text)
	if err != nil {
		t.Fatalf("Article: %v", err)
	}
	return doc
}
