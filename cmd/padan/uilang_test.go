package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/urfave/cli/v2"
)

// englishOnly are words of English prose that Indonesian text never holds:
// function words, and the words of padan's own English messages. A word
// that is also Indonesian (status, final, unit, data, format, tab) is not
// here.
var englishOnly = wordSet(`the and of to with from for is are was be been by this that these not such or on at
has have will can cannot into than more less each every all one two its their which who when where use
file files directory permission denied space left device exists error failed found missing open read write
segment segments translation translations translate document documents byte bytes usage options option commands
command default show shows list new version name language source target text words word line lines exit
match matches none nothing only system run help see recorded approved returned imported exported written
translator editor pretranslation initial translated reviewed latest review`)

// flagValues are the words a person types as flag values (--role editor,
// --stage latest, --status reviewed): help text names them as they are.
var flagValues = wordSet(`translator editor pretranslation initial translated reviewed final latest review word char
text json tsv tmx html links number name term untranslated consistency codes punctuation spacing length`)

func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(s) {
		set[w] = true
	}
	return set
}

var (
	// notProse are the parts of a message that are not words of its
	// language: command names (in the list of commands, and after
	// "padan", and alternatives: import|add), XML names (mtc:match), flags, environment variables, quoted commands, JSON,
	// placeholders and file names.
	notProse = regexp.MustCompile(`^\s+[a-z][a-z-]*\s{2,}|\bpadan( [a-z][a-z-]*)+ (-|\[)|\bpadan [a-z][a-z-]*|\b[a-z]+(\|[a-z]+)+\b|--?[a-z][a-z0-9-]*(=\S*)?|\b[A-Z][A-Z0-9_]+\b|'[^']*'|\{[^}]*\}|<[^>]*>|\b[a-z]+:[a-z]+\b|\S+\.(txt|tsv|tmx|xlf|xliff|srx|db|html|jsonl)\b`)
	word     = regexp.MustCompile(`[A-Za-z]+`)
	// englishDecimal is a number written with a decimal point.
	englishDecimal = regexp.MustCompile(`(^|[^\d.])\d+\.\d+($|[^\d.])`)
)

// englishLeaks returns the English words (and numbers written the English
// way, 0.8 for 0,8) in text that should be Indonesian. With values, the
// words typed as flag values are allowed and decimals are not checked
// (help names versions: XLIFF 1.2, SRX 2.0).
func englishLeaks(text string, values bool) []string {
	var leaks []string
	for _, line := range strings.Split(text, "\n") {
		prose := notProse.ReplaceAllString(line, " ")
		for _, w := range word.FindAllString(prose, -1) {
			lw := strings.ToLower(w)
			if englishOnly[lw] && !(values && flagValues[lw]) {
				leaks = append(leaks, w+" in: "+strings.TrimSpace(line))
			}
		}
		if !values {
			if m := englishDecimal.FindString(prose); m != "" {
				leaks = append(leaks, strings.TrimSpace(m)+" in: "+strings.TrimSpace(line))
			}
		}
	}
	return leaks
}

func TestEnglishLeaks(t *testing.T) {
	tests := []struct {
		text   string
		values bool
		leaks  int
	}{
		{"tidak dapat membaca a.txt: berkas atau folder tidak ada", false, 0},
		{"tidak dapat membaca a.txt: no such file or directory", false, 4},
		{"dari berita segmen 3, reviewed, oleh Budi (editor)", false, 2},
		{"dari berita segmen 3, status disunting, oleh Budi (penyunting)", false, 0},
		{"2 segmen belum memiliki terjemahan latest ke en", false, 1},
		{"0-0\t0.978\tok", false, 1},
		{"0-0\t0,978\tok", false, 0},
		{"--stage NILAI  terjemahan yang dipakai: translator (versi penerjemah), editor, atau latest", true, 0},
		{"--stage NILAI  terjemahan yang dipakai: translator, editor, atau latest", false, 3},
		{"XLIFF 1.2 dan 2.0 (--format xliff12, xliff20); 'padan import BERKAS'; {\"id\",\"text\"}", true, 0},
		{"show the segments", true, 3},
	}
	for _, tt := range tests {
		if got := englishLeaks(tt.text, tt.values); len(got) != tt.leaks {
			t.Errorf("%q: leaks %q, want %d", tt.text, got, tt.leaks)
		}
	}
}

// meVerb is a verb with the prefix meN- (menampilkan, mencatat,
// menyejajarkan, memecah).
var meVerb = regexp.MustCompile(`^me(m|n|ng|ny)?[a-z]{3,}(kan|i)?$`)

// TestHelpIndonesian fails when the Indonesian help of padan or of any of
// its commands (those added later too) holds English prose, or when a
// command's summary is not an imperative.
func TestHelpIndonesian(t *testing.T) {
	u, _ := newUI([]string{"padan", "--ui-lang", "id"}, func(string) string { return "" })
	var paths [][]string
	var walk func(prefix []string, cmds []*cli.Command)
	walk = func(prefix []string, cmds []*cli.Command) {
		for _, c := range cmds {
			p := append(append([]string{}, prefix...), c.Name)
			// Command summaries are imperatives, as Indonesian software
			// writes them (tampilkan, catat, sejajarkan), not meN- verbs
			// (menampilkan, mencatat).
			if first, _, _ := strings.Cut(c.Usage, " "); meVerb.MatchString(first) {
				t.Errorf("padan %s: the summary %q starts with a meN- verb: use the imperative", strings.Join(p, " "), c.Usage)
			}
			paths = append(paths, p)
			walk(p, c.Subcommands)
		}
	}
	walk(nil, newApp(u, env{}).Commands)
	paths = append(paths, nil) // padan --help
	if len(paths) < 20 {
		t.Fatalf("found only %d commands", len(paths))
	}
	for _, p := range paths {
		var out, errOut bytes.Buffer
		args := append(append([]string{"padan", "--ui-lang", "id"}, p...), "--help")
		if code := run(args, env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, errOut.String())
			continue
		}
		if out.Len() == 0 {
			t.Errorf("%v: no help", args)
		}
		for _, leak := range englishLeaks(out.String(), true) {
			t.Errorf("padan %s --help: English %s", strings.Join(p, " "), leak)
		}
	}
}

// noEnglish is the script command `noenglish [-values] stdout|stderr`,
// which fails when the last command's output holds English prose (see
// englishLeaks; -values allows flag values, for help).
func noEnglish(ts *testscript.TestScript, neg bool, args []string) {
	values := len(args) == 2 && args[0] == "-values"
	if values {
		args = args[1:]
	}
	if neg || len(args) != 1 || (args[0] != "stdout" && args[0] != "stderr") {
		ts.Fatalf("usage: noenglish [-values] stdout|stderr")
	}
	text := ts.ReadFile(args[0])
	if strings.TrimSpace(text) == "" {
		ts.Fatalf("%s is empty: nothing to check", args[0])
	}
	if leaks := englishLeaks(text, values); len(leaks) > 0 {
		ts.Fatalf("English in the Indonesian %s:\n%s", args[0], strings.Join(leaks, "\n"))
	}
}

// TestIndonesianMessages fails when an Indonesian message text holds English
// prose (flag values allowed, as in help).
func TestIndonesianMessages(t *testing.T) {
	texts := localeTexts(t, "id")
	if len(texts) < 100 {
		t.Fatalf("found only %d Indonesian messages", len(texts))
	}
	for id, text := range texts {
		if id == "DemoTry" {
			continue // a command line to copy: "Coba: padan --db … segments …"
		}
		for _, leak := range englishLeaks(text, true) {
			t.Errorf("%s: English %s", id, leak)
		}
	}
}

func TestMeVerb(t *testing.T) {
	for w, want := range map[string]bool{
		"menyejajarkan": true, "memecah": true, "menampilkan": true, "mencatat": true, "menyetujui": true,
		"mengembalikan": true, "menghitung": true, "menulis": true, "menjalankan": true,
		"sejajarkan": false, "pecah": false, "tampilkan": false, "catat": false, "setujui": false, "cari": false, "isi": false,
	} {
		if meVerb.MatchString(w) != want {
			t.Errorf("meVerb(%q) = %v, want %v", w, !want, want)
		}
	}
}
