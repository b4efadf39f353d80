// Package exporttest generates units for the tests of the TMX and XLIFF
// packages: the built-in article's segments with synthetic English targets,
// tricky units, and random units for round-trip property tests.
package exporttest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/workflow"
)

// Base is the time of the first revision of generated units.
var Base = time.Date(2023, 9, 12, 8, 0, 0, 0, time.UTC)

// Article returns the built-in article's segments (testdata/article-segments.json
// at the repository root) as units with a synthetic English target,
// translated by Jafar M Sidik; every third one edited by Atman Ahdiat.
func Article(t testing.TB) []exports.Unit {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "testdata", "article-segments.json"))
	if err != nil {
		t.Fatal(err)
	}
	var art struct {
		Source   string `json:"source"`
		Language string `json:"language"`
		Segments []struct {
			Index int    `json:"index"`
			Text  string `json:"text"`
		} `json:"segments"`
	}
	if err := json.Unmarshal(data, &art); err != nil {
		t.Fatal(err)
	}
	doc := filepath.Base(art.Source)
	var units []exports.Unit
	for _, s := range art.Segments {
		u := exports.Unit{
			ID:         fmt.Sprintf("s%d", s.Index),
			Document:   doc,
			Segment:    s.Index,
			SourceLang: art.Language,
			TargetLang: "en",
			Source:     s.Text,
			Target:     fmt.Sprintf("[EN %d] %s", s.Index, englishish(s.Text)),
			Status:     exports.StatusTranslated,
		}
		at := Base.Add(time.Duration(s.Index) * time.Minute)
		u.Translator = exports.Revision{Role: exports.RoleTranslator, Text: u.Target, Author: "Jafar M Sidik", Time: at}
		if s.Index%3 == 0 {
			u.Editor = exports.Revision{Role: exports.RoleEditor, Text: u.Target + " (edited)", Author: "Atman Ahdiat", Time: at.Add(time.Hour)}
			u.Target = u.Editor.Text
			u.Status = exports.StatusReviewed
		}
		units = append(units, u)
	}
	return units
}

// englishish turns Indonesian words into something that is not the source
// (the checks skip units whose target equals the source).
func englishish(s string) string {
	r := strings.NewReplacer("dan", "and", "yang", "that", "di", "in", "Korea Utara", "North Korea", "Rusia", "Russia")
	return r.Replace(s)
}

// Tricky returns units that exercise escaping and inline codes: markup
// characters, quotes, emoji, right-to-left and CJK text, non-breaking and
// leading spaces, a carriage return, codes of every kind.
func Tricky() []exports.Unit {
	mk := func(id, src, tgt string, codes ...exports.Code) exports.Unit {
		return exports.Unit{
			ID: id, Document: "tricky.txt", Segment: int(id[1] - '0'), SourceLang: "id", TargetLang: "en",
			Source: src, Target: tgt, Codes: codes, Status: exports.StatusTranslated,
			Translator: exports.Revision{Role: exports.RoleTranslator, Text: tgt, Author: `Jafar "J" <Sidik> & co`, Time: Base},
		}
	}
	bold := []exports.Code{
		{Kind: exports.CodeBPT, I: "1", X: "1", Type: "bold", Content: "&lt;b&gt;"},
		{Kind: exports.CodeEPT, I: "1", Content: "&lt;/b&gt;"},
		{Kind: exports.CodePH, X: "2", Content: "&lt;br/&gt;"},
	}
	return []exports.Unit{
		mk("t1", `Saham Samsung & Hyundai turun < 1% "kata" 'dia' > kemarin.`, `Samsung & Hyundai's shares fell < 1% "he" 'said' > yesterday.`),
		mk("t2", "Warganet 🤝 dan 🚀, 10.00\u00a0WIB.", "Netizens 🤝 and 🚀, 10:00\u00a0WIB."),
		mk("t3", "  spasi di depan dan di belakang  ", "  leading and trailing spaces  "),
		mk("t4", "Baca \ue000berita lengkapnya\ue001 di ANTARA.\ue002", "Read \ue000the full story\ue001 on ANTARA.\ue002", bold...),
		mk("t5", "العربية والصينية 中文", "Arabic and Chinese 中文"),
		mk("t6", "baris satu\nbaris dua", "line one\nline two"),
	}
}

var pieces = []string{
	"kata", "word", " ", " ", "  ", "🤝", "🚀", "👩‍👩‍👧", "مرحبا", "السلام", "中文", "翻译", "&", "<", ">", `"`, "'",
	"\u00a0", "é", "e\u0301", "\t", "\n", "\r\n", "\u200b", "Ω", "ß", "]]>", "&amp;", "&lt;", "x",
}

// controls are characters XML cannot carry.
var controls = []string{"\x00", "\x01", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"}

// RandomText returns a random text of up to n pieces: words in several
// scripts, XML markup characters, emoji, spaces of several kinds, line ends
// and, now and then, a character XML cannot carry.
func RandomText(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range rng.IntN(n) + 1 {
		b.WriteString(pieces[rng.IntN(len(pieces))])
		if rng.IntN(40) == 0 {
			b.WriteString(controls[rng.IntN(len(controls))])
		}
	}
	return b.String()
}

// Random returns a random unit: random texts, optionally inline codes (the
// same codes in the same order in source and target), statuses, revisions
// at whole seconds, notes and a match.
func Random(rng *rand.Rand, i int) exports.Unit {
	u := exports.Unit{
		ID: fmt.Sprintf("u%d", i), Document: fmt.Sprintf("doc-%d.txt", i%3), Segment: i + 1,
		SourceLang: "id", TargetLang: "en",
		Status: workflow.Statuses[rng.IntN(4)],
	}
	var codes []exports.Code
	src, tgt := RandomText(rng, 6), RandomText(rng, 6)
	if rng.IntN(3) == 0 {
		codes = []exports.Code{
			{Kind: exports.CodeBPT, I: "1", X: "1", Type: "bold", Content: "&lt;b&gt;"},
			{Kind: exports.CodeEPT, I: "1", Content: "&lt;/b&gt;"},
			{Kind: exports.CodePH, X: "2", Type: "lb", Content: "&lt;br/&gt;"},
		}
		wrap := func(a, b string) string {
			return a + "\ue000" + b + "\ue001" + RandomText(rng, 2) + "\ue002"
		}
		src = wrap(src, RandomText(rng, 3))
		tgt = wrap(tgt, RandomText(rng, 3))
	}
	u.Source, u.Codes = src, codes
	if u.Status != exports.StatusInitial || rng.IntN(2) == 0 {
		u.Target = tgt
	}
	if u.Target != "" {
		if u.Status == exports.StatusInitial {
			u.Match = &exports.Match{Score: float64(rng.IntN(101)), Origin: "padan-tm", Source: u.Source, Target: u.Target}
			if i%7 == 0 {
				// A context match, without drawing from rng.
				u.Match.Score, u.Match.Context = 100, true
			}
		} else {
			at := Base.Add(time.Duration(rng.IntN(1e8)) * time.Second)
			u.Translator = exports.Revision{Role: exports.RoleTranslator, Text: u.Target, Author: RandomName(rng), Time: at}
			if u.Status.Reached(exports.StatusReviewed) {
				u.Editor = exports.Revision{Role: exports.RoleEditor, Text: u.Target, Author: RandomName(rng), Time: at.Add(time.Duration(rng.IntN(1e6)) * time.Second)}
				if rng.IntN(2) == 0 {
					u.Translator.Text = RandomText(rng, 5)
				}
				u.Revisions = []exports.Revision{u.Translator, u.Editor}
			} else {
				u.Revisions = []exports.Revision{u.Translator}
			}
		}
	}
	if rng.IntN(3) == 0 {
		u.Notes = []exports.Note{{Text: RandomPlain(rng, 4)}}
	}
	return u
}

// RandomName returns a person's name, sometimes with markup characters or
// non-Latin letters.
func RandomName(rng *rand.Rand) string {
	names := []string{"Jafar M Sidik", "Atman Ahdiat", `O'Neil "Jr" <x> & y`, "محمد", "李雷", "Zoë"}
	return names[rng.IntN(len(names))]
}

// RandomPlain is [RandomText] without the characters XML cannot carry or
// carriage returns: for notes and other texts that cannot hold codes.
func RandomPlain(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range rng.IntN(n) + 1 {
		p := pieces[rng.IntN(len(pieces))]
		if strings.Contains(p, "\r") {
			continue
		}
		b.WriteString(p)
	}
	return b.String()
}
