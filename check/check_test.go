package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/padan-tm/padan/terms"
)

func TestChecks(t *testing.T) {
	tm := terms.NewMatcher(demoTerms, "id", "en")
	tests := []struct {
		name, src, tgt string
		want           []string // "kind/severity/message" of each issue
	}{
		{"numbers across notations", "Sebanyak 20.000 orang, 12,5 persen, Rp45 miliar pada 1950-1953.",
			"As many as 20,000 people, 12.5%, IDR 45 billion in 1950-1953.", nil},
		{"time", "Ia tiba pukul 09.30 WIB.", "He arrived at 9:30 a.m.", nil},
		{"time pm", "Ia tiba pukul 21.30 WIB.", "He arrived at 9:30 a.m.", []string{"number/error/CheckNumberMissing", "number/error/CheckNumberExtra"}},
		{"time kept", "Ia tiba pukul 09.30 WIB.", "He arrived at 09.30 WIB.", nil},
		{"date", "Pada 17 Agustus 1945, Senin.", "On Monday, August 17, 1945.", nil},
		{"month missing", "Pada 17 Agustus 1945.", "On 17 1945.", []string{"number/error/CheckDateMissing"}},
		{"number changed", "Pada 2017, Kim pergi.", "In 2016, Kim left.", []string{"number/error/CheckNumberMissing", "number/error/CheckNumberExtra"}},
		{"number word", "Dua negara setuju.", "2 countries agreed.", nil},
		{"spoken number", "Ada 2 negara.", "There are two countries.", nil},
		{"million", "Sebanyak 1,5 juta orang.", "As many as 1.5 million people.", nil},
		{"scale differs", "Sebanyak 1,5 juta orang.", "As many as 1.5 billion people.", []string{"number/error/CheckNumberMissing", "number/error/CheckNumberExtra"}},
		{"acronym pairs", "Pejabat AS dan PBB bertemu.", "US and UN officials met.", nil},
		{"respelt names", "Pejabat Rusia di Moskow dan Ukraina.", "Russian officials in Moscow and Ukraine.", nil},
		{"misspelt", "Dia bertemu dengan Putin di sini.", "He met Puttin here.", []string{"name/error/CheckNameSpelling"}},
		{"name missing", "Dia bertemu dengan Shoigu di sini.", "He met him here.", []string{"name/warning/CheckNameMissing"}},
		{"forbidden term", "Kesepakatan senjata itu batal.", "The gun deal fell through.", []string{"term/error/CheckTermForbidden"}},
		{"agreed term missing", "Sanksi itu batal.", "The measures were dropped.", []string{"term/warning/CheckTermMissing"}},
		{"inflected term", "Pekerja-pekerja datang.", "Workers came.", nil},
		{"same as source", "Dia pergi ke pasar.", "Dia pergi ke pasar.", []string{"untranslated/error/CheckSameAsSource"}},
		{"dateline", "Seoul (ANTARA) -", "Seoul (ANTARA) -", nil},
		{"mostly Indonesian", "Dia pergi ke pasar dengan ibunya.", "He pergi ke pasar dengan ibunya.", []string{"untranslated/error/CheckSourceLanguage"}},
		{"codes removed", "Kata \ue000Putin\ue001 kemarin.", "Putin said yesterday.", []string{"codes/error/CheckCodesMissing"}},
		{"codes moved", "\ue000Kata\ue001 Putin.", "\ue001Putin\ue000 said.", []string{"codes/warning/CheckCodesOrder"}},
		{"quotes", "Dia berkata \"ya\".", "He said “yes.", []string{"punctuation/warning/CheckQuotes"}},
		{"end mark", "Mengapa dia pergi?", "Why did he leave.", []string{"punctuation/warning/CheckEndMark"}},
		{"double space", "Dia pergi.", "He  left. ", []string{"spacing/warning/CheckDoubleSpace", "spacing/warning/CheckTrailingSpace"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			issues, err := Check([]Unit{{Index: 1, Source: tt.src, Target: tt.tgt, Translated: true}},
				Options{SourceLang: "id", TargetLang: "en", Terms: tm})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, is := range issues {
				got = append(got, fmt.Sprintf("%s/%s/%s", is.Kind, is.Severity, is.Message))
				for _, s := range is.Source {
					if s.Start < 0 || s.End > len(tt.src) || s.Start > s.End {
						t.Errorf("source span %v out of range", s)
					}
				}
				for _, s := range is.Target {
					if s.Start < 0 || s.End > len(tt.tgt) || s.Start > s.End {
						t.Errorf("target span %v out of range", s)
					}
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got  %q\nwant %q (%+v)", got, tt.want, issues)
			}
		})
	}
}

func TestSkipAndIgnore(t *testing.T) {
	u := Unit{Index: 1, Source: "Pada 2017.", Target: "In 2016  .", Translated: true}
	issues, _ := Check([]Unit{u}, Options{SourceLang: "id", TargetLang: "en", Skip: []Kind{Spacing}})
	for _, is := range issues {
		if is.Kind == Spacing {
			t.Errorf("skipped check reported: %+v", is)
		}
	}
	if len(issues) == 0 {
		t.Fatal("no issue at all")
	}
	u.Ignore = []Kind{Number}
	issues, _ = Check([]Unit{u}, Options{SourceLang: "id", TargetLang: "en", Skip: []Kind{Spacing}})
	for _, is := range issues {
		if is.Kind == Number || is.Kind == Spacing {
			t.Errorf("ignored check reported: %+v", is)
		}
	}
}

func TestConsistencyAndLength(t *testing.T) {
	var units []Unit
	for i := 1; i <= 8; i++ {
		units = append(units, Unit{Index: i, Source: fmt.Sprintf("Kalimat nomor %d cukup panjang untuk diukur.", i),
			Target: fmt.Sprintf("Sentence number %d is long enough to be measured.", i), Translated: true})
	}
	units = append(units,
		Unit{Index: 9, Source: "Dia pergi ke pasar pagi ini.", Target: "She went to the market this morning.", Translated: true},
		Unit{Index: 10, Source: "Dia pergi ke pasar pagi ini.", Target: "He went to the market this morning.", Translated: true},
		Unit{Index: 11, Source: "Kalimat ini sangat panjang dan diterjemahkan terlalu singkat sekali.", Target: "Short.", Translated: true})
	issues, err := Check(units, Options{SourceLang: "id", TargetLang: "en", Skip: []Kind{Punctuation, Name}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, is := range issues {
		got[fmt.Sprintf("%d/%s", is.Segment, is.Message)] = true
	}
	for _, want := range []string{"9/CheckSourceTranslatedDifferently", "10/CheckSourceTranslatedDifferently", "11/CheckTooShort"} {
		if !got[want] {
			t.Errorf("missing %s in %v", want, got)
		}
	}
	if len(got) != 3 {
		t.Errorf("unexpected issues: %v", got)
	}
}

func TestSameName(t *testing.T) {
	tests := []struct {
		name, written string
		want          bool
	}{
		{"rusia", "russia", true},
		{"rusia", "russian", true},
		{"moskow", "moscow", true},
		{"ukraina", "ukraine", true},
		{"polandia", "poland", true},
		{"karibia", "caribbean", true},
		{"makedonia", "macedonian", true},
		{"slowakia", "slovakia", true},
		{"yesus", "jesus", true},
		{"katolik", "catholic", true},
		{"migrasi", "migration", true},
		{"meksiko", "mexican", true},
		{"putin", "puttin", false},
		{"korea", "korae", false},
		{"shoigu", "shoygu", true}, // y and i are one letter in respelling
		{"interfax", "inteerfax", false},
	}
	for _, tt := range tests {
		if got := sameName(tt.name, tt.written); got != tt.want {
			t.Errorf("sameName(%q, %q) = %v, want %v", tt.name, tt.written, got, tt.want)
		}
	}
}
