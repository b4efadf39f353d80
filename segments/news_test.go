package segments

import (
	"reflect"
	"testing"

	"golang.org/x/text/language"
)

// TestArticleNews: what real news pages carry is read as metadata, not as
// text: the web page's date line, ANTARA's older dateline, news agencies'
// credits; and a byte order mark changes no line's kind.
func TestArticleNews(t *testing.T) {
	type ks struct {
		Kind Kind
		Text string
	}
	tests := []struct {
		name string
		lang language.Tag
		text string
		meta Metadata
		segs []ks
	}{
		{"antara web page", language.Indonesian,
			"Kim Jong Un Tiba di Rusia\nSelasa, 14 Mei 2024 09:30 WIB\nJakarta (ANTARA) - Pemimpin Korea Utara tiba. Dia disambut.\n\nPewarta: Budi Santoso\nEditor: Atman Ahdiat\nCOPYRIGHT © ANTARA 2024\n",
			Metadata{Date: "2024-05-14T09:30+07:00", Place: "Jakarta", Agency: "ANTARA", Reporter: "Budi Santoso", Editor: "Atman Ahdiat", Copyright: "COPYRIGHT © ANTARA 2024"},
			[]ks{{Heading, "Kim Jong Un Tiba di Rusia"}, {Dateline, "Jakarta (ANTARA) -"}, {Sentence, "Pemimpin Korea Utara tiba."}, {Sentence, "Dia disambut."}}},
		{"date line with a dot and no zone", language.Indonesian,
			"Jumat, 3 Januari 2025 14.05\nHarga cabai naik.\n",
			Metadata{Date: "2025-01-03T14:05"},
			[]ks{{Sentence, "Harga cabai naik."}}},
		{"older antara dateline", language.Indonesian,
			"Jakarta, 14/5 (ANTARA) - Harga beras naik.\n",
			Metadata{Date: "--05-14", Place: "Jakarta", Agency: "ANTARA"},
			[]ks{{Dateline, "Jakarta, 14/5 (ANTARA) -"}, {Sentence, "Harga beras naik."}}},
		{"reuters", language.English,
			"North Korea's Kim arrives in Russia\nTuesday, May 14, 2024 9:30 PM GMT\nSEOUL (Reuters) - North Korean leader Kim Jong Un arrived in Russia. He met Putin.\n\nReporting by Hyonhee Shin; Additional reporting by Josh Smith; Editing by Ed Davies\n",
			Metadata{Date: "2024-05-14T21:30Z", Place: "SEOUL", Agency: "Reuters", Reporter: "Hyonhee Shin; Josh Smith", Editor: "Ed Davies"},
			[]ks{{Heading, "North Korea's Kim arrives in Russia"}, {Dateline, "SEOUL (Reuters) -"}, {Sentence, "North Korean leader Kim Jong Un arrived in Russia."}, {Sentence, "He met Putin."}}},
		{"credits in brackets", language.English,
			"WASHINGTON (AP) — Congress passed the bill.\n(Reporting by Jane Doe; Writing by John Roe)\n",
			Metadata{Place: "WASHINGTON", Agency: "AP", Reporter: "Jane Doe; John Roe"},
			[]ks{{Dateline, "WASHINGTON (AP) —"}, {Sentence, "Congress passed the bill."}}},
		{"english date without time", language.English,
			"Monday, Sept. 2, 2024\nMarkets fell.\n",
			Metadata{Date: "2024-09-02"},
			[]ks{{Sentence, "Markets fell."}}},
		{"BOM before a heading", language.Indonesian,
			"\uFEFFKim Tiba di Moskow\n\nSeoul (ANTARA) - Kim tiba.\n",
			Metadata{Place: "Seoul", Agency: "ANTARA"},
			[]ks{{Heading, "Kim Tiba di Moskow"}, {Dateline, "Seoul (ANTARA) -"}, {Sentence, "Kim tiba."}}},
		{"BOM before a date marker", language.Indonesian,
			"\uFEFFdate 2023-09 Seoul (ANTARA) - Kim tiba.\n",
			Metadata{Date: "2023-09", Place: "Seoul", Agency: "ANTARA"},
			[]ks{{Dateline, "Seoul (ANTARA) -"}, {Sentence, "Kim tiba."}}},
		{"sentences that only look like metadata", language.Indonesian,
			"Selasa, 14 Mei 2024 menjadi hari libur. Reporting by phone is hard.\n",
			Metadata{},
			[]ks{{Sentence, "Selasa, 14 Mei 2024 menjadi hari libur."}, {Sentence, "Reporting by phone is hard."}}},
		{"a day that is no month", language.Indonesian,
			"Senin, 5 orang 2024\n",
			Metadata{},
			[]ks{{Heading, "Senin, 5 orang 2024"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustArticle(t, DefaultRules().Segmenter(tt.lang), tt.text)
			if doc.Metadata != tt.meta {
				t.Errorf("metadata %+v\nwant     %+v", doc.Metadata, tt.meta)
			}
			var got []ks
			for _, s := range doc.Segments {
				got = append(got, ks{s.Kind, s.Text})
			}
			if !reflect.DeepEqual(got, tt.segs) {
				t.Errorf("segments %q\nwant     %q", got, tt.segs)
			}
			checkLossless(t, tt.text, doc.Segments, false)
		})
	}
}

// TestWebDate: the date lines news pages print, read into ISO 8601.
func TestWebDate(t *testing.T) {
	tests := []struct{ line, want string }{
		{"Selasa, 14 Mei 2024 09:30 WIB", "2024-05-14T09:30+07:00"},
		{"Kamis, 1 Agustus 2024 16:45 WITA", "2024-08-01T16:45+08:00"},
		{"Minggu, 29 Des 2024 07.00 WIT", "2024-12-29T07:00+09:00"},
		{"Rabu, 2 Oktober 2024", "2024-10-02"},
		{"Tuesday, May 14, 2024 9:30 AM", "2024-05-14T09:30"},
		{"Tuesday, May 14, 2024 12:05 AM", "2024-05-14T00:05"},
		{"Friday, December 20, 2024 at 3:15 p.m. UTC", "2024-12-20T15:15Z"},
		{"Selasa, 14 Mei 2024 25:30 WIB", ""},
		{"Selasa, 32 Mei 2024", ""},
		{"Selasa, 14 Mai 2024", ""},
		{"14 Mei 2024", ""},
	}
	for _, tt := range tests {
		got, ok := webDate(tt.line)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("webDate(%q) = %q, %v; want %q", tt.line, got, ok, tt.want)
		}
	}
}

// FuzzArticleNews: the news metadata readers never panic, and the article
// still gives back its text.
func FuzzArticleNews(f *testing.F) {
	f.Add("Selasa, 14 Mei 2024 09:30 WIB\nJakarta, 14/5 (ANTARA) - Harga naik.\n(Reporting by A; Editing by B)")
	f.Add("\uFEFFTuesday, May 14, 2024 9:30 AM\nSEOUL (Reuters) - Kim.")
	seg := DefaultRules().Segmenter(language.English)
	f.Fuzz(func(t *testing.T, text string) {
		var m Metadata
		metaLine(&m, text)
		webDate(text)
		checkLossless(t, text, mustArticle(t, seg, text).Segments, false)
	})
}
