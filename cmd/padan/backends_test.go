package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/padan-tm/padan/internal/example"
	"github.com/padan-tm/padan/internal/testenv"
)

// backendMemoryTMX is a memory imported in the demo flow of
// TestBackendsAgree: an entry whose source is a unit of the second
// article (an exact match for pretranslate), one close to another (a
// fuzzy match), one with inline codes and one in a third language.
const backendMemoryTMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="id" datatype="plaintext"/>
  <body>
    <tu tuid="1" creationid="jafar" creationdate="20230912T080000Z">
      <tuv xml:lang="id"><seg>Kim tiba di Moskow pada Selasa pagi.</seg></tuv>
      <tuv xml:lang="en"><seg>Kim arrived in Moscow on Tuesday morning.</seg></tuv>
    </tu>
    <tu tuid="2" creationid="atman">
      <tuv xml:lang="id"><seg>Putin menyambut Kim di stasiun kereta.</seg></tuv>
      <tuv xml:lang="en"><seg>Putin welcomed Kim at the railway station.</seg></tuv>
    </tu>
    <tu tuid="3">
      <tuv xml:lang="id"><seg>Baca <bpt i="1">&lt;b&gt;</bpt>berita<ept i="1">&lt;/b&gt;</ept> &amp; "opini".</seg></tuv>
      <tuv xml:lang="en"><seg>Read <bpt i="1">&lt;b&gt;</bpt>the news<ept i="1">&lt;/b&gt;</ept> &amp; "opinion".</seg></tuv>
    </tu>
    <tu tuid="4">
      <tuv xml:lang="id"><seg>Selamat pagi.</seg></tuv>
      <tuv xml:lang="fr"><seg>Bonjour.</seg></tuv>
      <tuv xml:lang="en"><seg>Good morning.</seg></tuv>
    </tu>
  </body>
</tmx>
`

// backendSecondArticle is a second article for the flow: units of the
// demo article (the memory has them once the editor is done), one the
// memory has exactly, one it has nearly, and one it has not.
const backendSecondArticle = `Kim tiba di Moskow pada Selasa pagi. Putin menyambut Kim di stasiun kereta Vladivostok. ` +
	`Korea Utara mendapatkan sokongan besar-besaran dari China dan Uni Soviet. Cuaca di Moskow cerah sepanjang hari.
`

// backendGlossary is a glossary imported in the demo flow: a preferred,
// an admitted and a forbidden translation, with a note.
const backendGlossary = "id\ten\tstatus\tnote\n" +
	"Korea Utara\tNorth Korea\tpreferred\t\n" +
	"stasiun kereta\trailway station|train station\tadmitted\t\n" +
	"Uni Soviet\tUSSR\tforbidden\tsay Soviet Union\n"

// times matches the times padan prints: stored (2026-01-02T03:04:05.000000Z),
// TMX (20260102T030405Z), RFC 3339 and as shown to people (2026-01-02 03:04).
var times = regexp.MustCompile(`\d{4}-?\d{2}-?\d{2}[T ]\d{2}:?\d{2}(:?\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?`)

// TestBackendsAgree runs the demo flow (import, translate --from, edit
// --from, approve, a second article, import-tm of a TMX, pretranslate with
// an exact and a fuzzy match (a proposal), approve --skip-review, a
// glossary imported and a term added, the second article re-imported with
// a translated segment changed and translated again, the demo article's
// TMX export imported into the memory that holds its units) with
// the real padan command on SQLite and on PostgreSQL, and compares what
// segments, history, stats, diff, export (TMX, XLIFF 1.2, XLIFF 2.0),
// lookup, terms list and check print, byte for byte, times aside.
func TestBackendsAgree(t *testing.T) {
	pg := testenv.Postgres(t)
	flow, shown := backendFlow(t)
	shownHas := map[string][]string{
		"history kunjungan 4 --lang en": {"[version 1, segment 4] Cuaca di Moskow cerah sepanjang hari.",
			"[version 2, segment 4] Cuaca di Moskow cerah dan hangat sepanjang hari.", "The weather in Moscow was sunny all day."},
		"history kunjungan 4 --lang en --format json": {`"version": 1,`, `"version": 2,`},
		"lookup Korea Utara sangat tergantung kepada bantuan Soviet selama puluhan tahun. --source-lang id --target-lang en --min 95 --format json": {
			`"origins"`, "k.tmx", "antara-korea-utara-rusia"},
	}
	outputs := map[string][]string{}
	for _, b := range []struct{ name, db string }{{"sqlite", filepath.Join(t.TempDir(), "padan.db")}, {"postgres", pg}} {
		// --db, not PADAN_DB: the flag reads the process's environment.
		vars := map[string]string{"PADAN_USER": "tester"}
		for _, args := range flow {
			args = append([]string{"--db", b.db}, args...)
			if code, _, stderr := runPadan(t, vars, args...); code != exitOK {
				t.Fatalf("%s: padan %s: exit %d: %s", b.name, strings.Join(args, " "), code, stderr)
			}
		}
		for _, args := range shown {
			code, stdout, stderr := runPadan(t, vars, append([]string{"--db", b.db}, args...)...)
			if code != exitOK {
				t.Fatalf("%s: padan %s: exit %d: %s", b.name, strings.Join(args, " "), code, stderr)
			}
			if len(stdout) < 40 {
				t.Errorf("%s: padan %s printed only %q", b.name, strings.Join(args, " "), stdout)
			}
			// The history across versions and the merged origins are
			// there on both backends, not only alike.
			for _, want := range shownHas[strings.Join(args, " ")] {
				if !strings.Contains(stdout, want) {
					t.Errorf("%s: padan %s does not print %q:\n%s", b.name, strings.Join(args, " "), want, stdout)
				}
			}
			outputs[b.name] = append(outputs[b.name], times.ReplaceAllString(stdout, "TIME"))
		}
	}
	for i, args := range shown {
		lite, post := outputs["sqlite"][i], outputs["postgres"][i]
		if lite != post {
			t.Errorf("padan %s: SQLite and PostgreSQL differ at byte %d:\nSQLite:     %q\nPostgreSQL: %q",
				strings.Join(args, " "), firstDiff(lite, post), around(lite, firstDiff(lite, post)), around(post, firstDiff(lite, post)))
		}
	}
}

// backendFlow writes the demo flow's files into a new folder and returns
// the commands of the flow (db init first: PostgreSQL's schema is created
// by it alone) and the commands whose output the backend tests compare.
func backendFlow(t *testing.T) (flow, shown [][]string) {
	dir := t.TempDir()
	files := map[string][]byte{
		example.ArticleName:  example.Article,
		"translation.en.tsv": example.Translation,
		"revision.en.tsv":    example.Revision,
		"kunjungan.txt":      []byte(backendSecondArticle),
		"memory.tmx":         []byte(backendMemoryTMX),
		"glossary.tsv":       []byte(backendGlossary),
		"v2/kunjungan.txt":   []byte(strings.Replace(backendSecondArticle, "cerah sepanjang", "cerah dan hangat sepanjang", 1)),
	}
	if err := os.Mkdir(filepath.Join(dir, "v2"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in := func(name string) string { return filepath.Join(dir, name) }
	doc := strings.TrimSuffix(example.ArticleName, ".txt")
	flow = [][]string{
		{"db", "init"},
		{"import", in(example.ArticleName)},
		{"translate", doc, "--lang", "en", "--from", in("translation.en.tsv")},
		{"edit", doc, "--lang", "en", "--from", in("revision.en.tsv")},
		{"approve", doc, "2", "9", "14", "--lang", "en", "--by", "Atman Ahdiat"},
		{"import", in("kunjungan.txt")},
		{"import-tm", in("memory.tmx"), "--quiet"},
		{"pretranslate", "kunjungan", "--lang", "en", "--min", "70", "--by", "mesin"},
		{"approve", "kunjungan", "1", "--lang", "en", "--skip-review", "--by", "Atman Ahdiat"},
		{"terms", "import", in("glossary.tsv"), "--by", "Jafar"},
		{"terms", "add", "Moskow", "Moscow", "--source-lang", "id", "--target-lang", "en", "--by", "Jafar"},
		{"translate", "kunjungan", "4", "The weather in Moscow was sunny all day.", "--lang", "en", "--by", "Jafar"},
		{"import", in("v2/kunjungan.txt")},
		{"translate", "kunjungan", "4", "The weather in Moscow was sunny and warm all day.", "--lang", "en", "--by", "Jafar"},
		{"export", doc, "--format", "tmx", "--lang", "en", "-q", "-o", in("k.tmx")},
		{"import-tm", in("k.tmx"), "--quiet"},
	}
	shown = [][]string{
		{"segments", doc, "--lang", "en"},
		{"segments", "kunjungan", "--lang", "en", "--format", "json"},
		{"history", doc, "2", "--lang", "en"},
		{"history", doc, "14", "--lang", "en", "--format", "json"},
		{"history", "kunjungan", "2", "--lang", "en"},
		{"history", "kunjungan", "1", "--lang", "en", "--format", "json"},
		{"history", "kunjungan", "4", "--lang", "en"},
		{"history", "kunjungan", "4", "--lang", "en", "--format", "json"},
		{"terms", "list"},
		{"terms", "list", "--source-lang", "id", "--target-lang", "en", "--format", "json"},
		{"check", doc, "--lang", "en"},
		{"check", doc, "--lang", "en", "--format", "json"},
		{"stats"},
		{"stats", doc, "--format", "json"},
		{"diff", doc, "--lang", "en"},
		{"diff", doc, "--lang", "en", "--format", "json"},
		{"export", doc, "--format", "tmx", "--lang", "en", "-q"},
		{"export", doc, "--format", "xliff12", "--lang", "en", "-q"},
		{"export", doc, "--format", "xliff20", "--lang", "en", "-q"},
		{"export", "--all", "--format", "tmx", "--lang", "en", "-q"},
		{"lookup", "Korea Utara mendapatkan sokongan dari China.", "--source-lang", "id", "--target-lang", "en", "--min", "50", "--max", "0"},
		{"lookup", "Korea Utara sangat tergantung kepada bantuan Soviet selama puluhan tahun.", "--source-lang", "id", "--target-lang", "en", "--min", "95", "--format", "json"},
		{"lookup", "Putin menyambut Kim di stasiun.", "--source-lang", "id", "--target-lang", "en", "--format", "json", "--history"},
		{"lookup", "Pemimpin Korea Utara Kim Jong Un akan segera bertemu dengan Presiden Rusia Vladimir Putin.", "--source-lang", "id", "--target-lang", "en", "--min", "50", "--history"},
	}
	return flow, shown
}

// firstDiff returns the index of the first byte where a and b differ.
func firstDiff(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// around returns the bytes of s around i.
func around(s string, i int) string {
	return s[max(0, i-80):min(len(s), i+80)]
}
