// Package newsdoc generates the long Indonesian news document that the
// export and XLIFF-import benchmarks store: numbered sentences from a small
// newsroom vocabulary, each with an English-looking translation of the
// same shape. The same n gives the same document.
package newsdoc

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/padan-tm/padan/tm"
)

var (
	subjects = strings.Fields("Pemerintah Presiden Menteri Gubernur Polisi Warga Mahasiswa Petani Nelayan Pedagang Dokter Guru Hakim Wartawan Tentara Bupati")
	verbs    = strings.Fields("membahas mengumumkan menolak mendukung meninjau meresmikan memeriksa membangun memperbaiki menyelidiki mengirim menerima")
	objects  = strings.Fields("anggaran jembatan pelabuhan sekolah rumah-sakit bandara pasar jalan bendungan kebijakan laporan perjanjian undang-undang")
	places   = strings.Fields("Jakarta Bandung Surabaya Medan Makassar Semarang Palembang Denpasar Pontianak Manado Ambon Jayapura Kupang Padang")
	times    = []string{"pada hari Senin", "pada hari Selasa", "pekan lalu", "kemarin sore", "tahun ini", "bulan depan", "pagi ini"}
)

// Sentences calls f with each of n generated sentences and its
// translation, in order; every sentence is distinct (it ends with its
// number).
func Sentences(n int, f func(i int, src, tgt string) error) error {
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(ws []string) string { return ws[r.IntN(len(ws))] }
	for i := range n {
		src := fmt.Sprintf("%s %s %s baru di %s %s, kata seorang pejabat kepada wartawan (%d).",
			pick(subjects), pick(verbs), pick(objects), pick(places), pick(times), i+1)
		tgt := fmt.Sprintf("The %s of %s discussed the new %s %s, an official told reporters (%d).",
			strings.ToLower(pick(subjects)), pick(places), pick(objects), pick(times), i+1)
		if err := f(i, src, tgt); err != nil {
			return err
		}
	}
	return nil
}

// Document returns a document of n generated sentences named name, with
// the credits of the built-in article, and the sentences' translations.
func Document(name string, n int) (tm.NewDocument, []string) {
	var text strings.Builder
	doc := tm.NewDocument{Name: name, Language: "id", Metadata: map[string]string{"translator": "Jafar M Sidik", "editor": "Atman Ahdiat"}}
	targets := make([]string, n)
	Sentences(n, func(i int, src, tgt string) error {
		if i > 0 {
			text.WriteByte(' ')
		}
		start := text.Len()
		text.WriteString(src)
		doc.Units = append(doc.Units, tm.SourceUnit{Index: i + 1, Kind: "sentence", Text: src, Start: start, End: text.Len()})
		targets[i] = tgt
		return nil
	})
	doc.Original = []byte(text.String())
	return doc, targets
}
