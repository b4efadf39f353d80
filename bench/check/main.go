// Command check measures padan's quality checks on the built-in article
// (internal/example), the editor's revision as the clean translation:
//
//	go run ./bench/check                     # planted errors: precision and recall
//	go run ./bench/check -variants 25 -v     # the same, listing every miss and false alarm
//	go build -o /tmp/padan ./cmd/padan
//	go run ./bench/check -n 10000 -padan /tmp/padan   # `padan check` of a 10,000-unit document
//
// Planted errors: each variant of the translation gets one error of each
// type, each in a unit of its own chosen at random among the units where
// the type applies (seeded, so runs repeat): a number changed, a name
// misspelt, a sentence left untranslated (the source copied), an agreed
// term replaced by a forbidden one, a clause with a number dropped, inline
// codes removed (the source gets a pair of codes around a name, the target
// none) and a double space. The checks run on each variant with the term
// base below; an issue that the clean translation also has (same unit,
// check and message) is not counted. A planted error is found when an
// issue of its own check is reported on its unit; an issue on a planted
// unit whose check the error can cause (a dropped clause also shortens
// the sentence and may take a name with it) is a true alarm; every other
// issue is a false alarm.
//
// Timing: the document of -n units is the article's 37 units repeated, with
// the editor's revision of every unit, stored through the tm API; the padan
// binary then checks it (`padan check DOC --lang en --format json`) in a
// process of its own, three times, with and without the memory.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"

	"golang.org/x/text/language"

	"github.com/padan-tm/padan/check"
	"github.com/padan-tm/padan/internal/anchor"
	"github.com/padan-tm/padan/internal/example"
	"github.com/padan-tm/padan/segments"
	"github.com/padan-tm/padan/terms"
	"github.com/padan-tm/padan/tm"
)

// termBase is the desk's term base the bench checks with; the editor's
// revision follows it.
var termBase = []terms.Entry{
	{SourceLang: "id", TargetLang: "en", Source: "senjata", Targets: []terms.Translation{{Text: "weapon", Status: terms.Preferred}, {Text: "arms", Status: terms.Admitted}, {Text: "gun", Status: terms.Forbidden}}},
	{SourceLang: "id", TargetLang: "en", Source: "sanksi", Targets: []terms.Translation{{Text: "sanction", Status: terms.Preferred}, {Text: "embargo", Status: terms.Forbidden}}},
	{SourceLang: "id", TargetLang: "en", Source: "pekerja", Targets: []terms.Translation{{Text: "worker", Status: terms.Preferred}, {Text: "labourer", Status: terms.Forbidden}}},
	{SourceLang: "id", TargetLang: "en", Source: "rudal", Targets: []terms.Translation{{Text: "missile", Status: terms.Preferred}, {Text: "rocket", Status: terms.Forbidden}}},
	{SourceLang: "id", TargetLang: "en", Source: "hubungan", Targets: []terms.Translation{{Text: "relation", Status: terms.Preferred}, {Text: "tie", Status: terms.Admitted}, {Text: "link", Status: terms.Forbidden}}},
	{SourceLang: "id", TargetLang: "en", Source: "kerja sama", Targets: []terms.Translation{{Text: "cooperation", Status: terms.Preferred}, {Text: "collaboration", Status: terms.Forbidden}}},
	{SourceLang: "id", TargetLang: "en", Source: "tetangga", Targets: []terms.Translation{{Text: "neighbor", Status: terms.Preferred}, {Text: "neighbour", Status: terms.Forbidden}}},
}

func main() {
	variants := flag.Int("variants", 25, "variants of the translation, each with one error of each type")
	seed := flag.Uint64("seed", 1, "random seed")
	verbose := flag.Bool("v", false, "list every miss and false alarm")
	n := flag.Int("n", 0, "instead, time `padan check` of a document of n units")
	padan := flag.String("padan", "padan", "the padan binary to time (with -n)")
	keep := flag.String("db", "", "with -n: the database to make and keep (default: a temporary one, deleted)")
	pud := flag.String("pud", "", "instead, check the 1-1 sentence pairs of this PUD en-id JSON-lines file (../shared/data/alignment/pud-en-id.jsonl), Indonesian as source")
	flag.Parse()
	var err error
	if *pud != "" {
		err = pudPairs(*pud, *verbose)
	} else if *n > 0 {
		err = timing(*n, *padan, *keep)
	} else {
		err = planted(*variants, *seed, *verbose)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "check bench:", err)
		os.Exit(1)
	}
}

// demo returns the article's units with the editor's revision.
func demo() ([]check.Unit, error) {
	text, err := segments.Decode(example.ArticleName, example.Article)
	if err != nil {
		return nil, err
	}
	art, err := segments.DefaultRules().Segmenter(language.Indonesian).Article(text)
	if err != nil {
		return nil, err
	}
	targets := map[int]string{}
	sc := bufio.NewScanner(bytes.NewReader(example.Revision))
	for sc.Scan() {
		idx, txt, ok := strings.Cut(sc.Text(), "\t")
		if strings.HasPrefix(sc.Text(), "#") || !ok {
			continue
		}
		i, err := strconv.Atoi(idx)
		if err != nil {
			return nil, err
		}
		targets[i] = strings.NewReplacer(`\t`, "\t", `\n`, "\n", `\\`, `\`).Replace(txt)
	}
	var units []check.Unit
	for i, s := range art.Segments {
		units = append(units, check.Unit{Index: i + 1, Source: s.Text, Target: targets[i+1], Translated: true})
	}
	return units, nil
}

// errorType is a kind of planted error: its name, the check that must find
// it, the checks whose issues on its unit it may cause, and the planting.
type errorType struct {
	name    string
	want    check.Kind
	may     []check.Kind
	plant   func(r *rand.Rand, u *check.Unit) bool // false: not applicable to u
	planted int
	found   int
	asError int
}

var (
	wordRE   = regexp.MustCompile(`\p{Lu}\p{Ll}{3,}`)
	clauseRE = regexp.MustCompile(`,[^,]*\d[^,]*`)
	phraseRE = regexp.MustCompile(` (in|since|on|to|of) [^,.;]*\d[^,.;]*`)
)

func types(m *terms.Matcher) []*errorType {
	return []*errorType{
		{name: "number changed", want: check.Number, plant: func(r *rand.Rand, u *check.Unit) bool {
			ns := anchor.NumbersAt(u.Target)
			if len(ns) == 0 {
				return false
			}
			n := ns[r.IntN(len(ns))]
			d := u.Target[n.End-1] - '0'
			nd := byte('0' + (d+1+byte(r.IntN(8)))%10)
			u.Target = u.Target[:n.End-1] + string(nd) + u.Target[n.End:]
			return true
		}},
		{name: "name misspelt", want: check.Name, plant: func(r *rand.Rand, u *check.Unit) bool {
			var cands [][]int
			for _, loc := range wordRE.FindAllStringIndex(u.Target, -1) {
				w := u.Target[loc[0]:loc[1]]
				if loc[0] > 0 && strings.Contains(u.Source, w) && isASCII(w) {
					cands = append(cands, loc)
				}
			}
			if len(cands) == 0 {
				return false
			}
			loc := cands[r.IntN(len(cands))]
			u.Target = u.Target[:loc[0]] + misspell(r, u.Target[loc[0]:loc[1]]) + u.Target[loc[1]:]
			return true
		}},
		{name: "sentence left untranslated", want: check.Untranslated, may: []check.Kind{check.Term, check.Length, check.Consistency},
			plant: func(r *rand.Rand, u *check.Unit) bool {
				if len(strings.Fields(u.Source)) < 4 {
					return false
				}
				u.Target = u.Source
				return true
			}},
		{name: "term replaced by a forbidden one", want: check.Term, plant: func(r *rand.Rand, u *check.Unit) bool {
			tgt := m.PrepareTarget(u.Target)
			for _, f := range m.Find(u.Source) {
				forbidden := f.Entry.Forbidden()
				if len(forbidden) == 0 {
					continue
				}
				for _, t := range f.Entry.Agreed() {
					spans := m.InTarget(tgt, t.Text)
					if len(spans) == 0 {
						continue
					}
					s := spans[0]
					written := u.Target[s.Start:s.End]
					repl := forbidden[0].Text
					if strings.HasSuffix(written, "s") && !strings.HasSuffix(t.Text, "s") {
						repl += "s"
					}
					u.Target = u.Target[:s.Start] + repl + u.Target[s.End:]
					return true
				}
			}
			return false
		}},
		{name: "clause with a number dropped", want: check.Number, may: []check.Kind{check.Length, check.Punctuation, check.Name, check.Term},
			plant: func(r *rand.Rand, u *check.Unit) bool {
				for _, re := range []*regexp.Regexp{clauseRE, phraseRE} {
					locs := re.FindAllStringIndex(u.Target, -1)
					if len(locs) == 0 {
						continue
					}
					loc := locs[r.IntN(len(locs))]
					t := u.Target[:loc[0]] + u.Target[loc[1]:]
					if !strings.HasSuffix(strings.TrimSpace(t), ".") && strings.HasSuffix(u.Target, ".") {
						t = strings.TrimSpace(t) + "."
					}
					u.Target = t
					return true
				}
				return false
			}},
		{name: "inline codes removed", want: check.Codes, plant: func(r *rand.Rand, u *check.Unit) bool {
			for _, w := range wordRE.FindAllString(u.Target, -1) {
				if i := strings.Index(u.Source, w); i >= 0 {
					u.Source = u.Source[:i] + "\ue000" + w + "\ue001" + u.Source[i+len(w):]
					return true
				}
			}
			return false
		}},
		{name: "double space", want: check.Spacing, plant: func(r *rand.Rand, u *check.Unit) bool {
			var at []int
			for i := 1; i+1 < len(u.Target); i++ {
				if u.Target[i] == ' ' && u.Target[i-1] != ' ' && u.Target[i+1] != ' ' {
					at = append(at, i)
				}
			}
			if len(at) == 0 {
				return false
			}
			i := at[r.IntN(len(at))]
			u.Target = u.Target[:i] + " " + u.Target[i:]
			return true
		}},
	}
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}

// misspell makes one typing error inside a name: a letter doubled, dropped,
// swapped with the next or a vowel replaced.
func misspell(r *rand.Rand, w string) string {
	b := []byte(w)
	for {
		i := 1 + r.IntN(len(b)-2)
		var out []byte
		switch r.IntN(4) {
		case 0:
			out = slices.Concat(b[:i+1], b[i:])
		case 1:
			out = slices.Concat(b[:i], b[i+1:])
		case 2:
			out = slices.Clone(b)
			out[i], out[i+1] = out[i+1], out[i]
		case 3:
			if !strings.ContainsRune("aeiou", rune(b[i])) {
				continue
			}
			out = slices.Clone(b)
			out[i] = "aeiou"[(strings.IndexByte("aeiou", b[i])+1+r.IntN(4))%5]
		}
		if string(out) != w {
			return string(out)
		}
	}
}

type key struct {
	seg  int
	kind check.Kind
	msg  string
}

func planted(variants int, seed uint64, verbose bool) error {
	units, err := demo()
	if err != nil {
		return err
	}
	m := terms.NewMatcher(termBase, "id", "en")
	opts := check.Options{SourceLang: "id", TargetLang: "en", Terms: m}
	clean, err := check.Check(units, opts)
	if err != nil {
		return err
	}
	baseline := map[key]bool{}
	nerr := 0
	for _, is := range clean {
		baseline[key{is.Segment, is.Kind, is.Message}] = true
		if is.Severity == check.Error {
			nerr++
		}
	}
	fmt.Printf("clean translation (editor's revision, %d units): %d errors, %d warnings\n", len(units), nerr, len(clean)-nerr)
	for _, is := range clean {
		fmt.Printf("  unit %d: %s %s %s %v\n", is.Segment, is.Severity, is.Kind, is.Message, is.Args)
	}
	r := rand.New(rand.NewPCG(seed, 7))
	ts := types(m)
	var tp, fp, tpErr, fpErr int
	for v := 0; v < variants; v++ {
		vs := slices.Clone(units)
		used := map[int]*errorType{}
		for _, t := range ts {
			for _, i := range r.Perm(len(vs)) {
				if used[vs[i].Index] != nil {
					continue
				}
				u := vs[i]
				if t.plant(r, &u) {
					vs[i] = u
					used[u.Index] = t
					t.planted++
					break
				}
			}
		}
		issues, err := check.Check(vs, opts)
		if err != nil {
			return err
		}
		got := map[int][]check.Issue{}
		for _, is := range issues {
			if baseline[key{is.Segment, is.Kind, is.Message}] {
				continue
			}
			got[is.Segment] = append(got[is.Segment], is)
			t := used[is.Segment]
			ok := t != nil && (is.Kind == t.want || slices.Contains(t.may, is.Kind))
			switch {
			case ok && is.Severity == check.Error:
				tp++
				tpErr++
			case ok:
				tp++
			case is.Severity == check.Error:
				fp++
				fpErr++
			default:
				fp++
			}
			if !ok && verbose {
				fmt.Printf("variant %d unit %d: false alarm %s %s %v\n  %s\n  %s\n", v, is.Segment, is.Kind, is.Message, is.Args, vs[is.Segment-1].Source, vs[is.Segment-1].Target)
			}
		}
		for seg, t := range used {
			found, asErr := false, false
			for _, is := range got[seg] {
				if is.Kind == t.want {
					found = true
					asErr = asErr || is.Severity == check.Error
				}
			}
			if found {
				t.found++
			}
			if asErr {
				t.asError++
			}
			if !found && verbose {
				fmt.Printf("variant %d unit %d: missed %s\n  %s\n  %s\n", v, seg, t.name, vs[seg-1].Source, vs[seg-1].Target)
			}
		}
	}
	total, found := 0, 0
	fmt.Printf("\n| planted error | check | planted | found | recall | found as error |\n|---|---|---:|---:|---:|---:|\n")
	for _, t := range ts {
		fmt.Printf("| %s | %s | %d | %d | %.1f%% | %d |\n", t.name, t.want, t.planted, t.found, 100*float64(t.found)/float64(max(t.planted, 1)), t.asError)
		total += t.planted
		found += t.found
	}
	fmt.Printf("| all | | %d | %d | %.1f%% | |\n\n", total, found, 100*float64(found)/float64(max(total, 1)))
	fmt.Printf("issues reported beyond the clean translation's: %d (%d errors); true alarms %d (%d errors), false alarms %d (%d errors)\n", tp+fp, tpErr+fpErr, tp, tpErr, fp, fpErr)
	fmt.Printf("precision: %.1f%% over all issues, %.1f%% over errors; recall: %.1f%%\n",
		100*float64(tp)/float64(max(tp+fp, 1)), 100*float64(tpErr)/float64(max(tpErr+fpErr, 1)), 100*float64(found)/float64(max(total, 1)))
	return nil
}

// timing stores a document of n units (the article's units repeated, each
// with the editor's revision) and times `padan check` of it.
func timing(n int, padan, keep string) error {
	units, err := demo()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "padan-check-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "padan.db")
	if keep != "" {
		db = keep
	}
	ctx := context.Background()
	s, err := tm.Open(ctx, db)
	if err != nil {
		return err
	}
	doc := tm.NewDocument{Name: "long", Language: "id"}
	var entries []tm.Entry
	var orig strings.Builder
	for i := 0; i < n; i++ {
		u := units[i%len(units)]
		start := orig.Len()
		orig.WriteString(u.Source + "\n")
		doc.Units = append(doc.Units, tm.SourceUnit{Index: i + 1, Kind: "sentence", Text: u.Source, Start: start, End: start + len(u.Source)})
		entries = append(entries, tm.Entry{Index: i + 1, Text: u.Target})
	}
	doc.Original = []byte(orig.String())
	if _, err := s.Import(ctx, doc); err != nil {
		return err
	}
	if _, err := s.Revise(ctx, tm.Change{Document: "long", Language: "en", Role: tm.RoleEditor, Author: "bench", Entries: entries}); err != nil {
		return err
	}
	var rows []tm.Term
	for _, e := range termBase {
		for _, t := range e.Targets {
			rows = append(rows, tm.Term{SourceLang: e.SourceLang, TargetLang: e.TargetLang, Source: e.Source, Target: t.Text, Status: t.Status.String()})
		}
	}
	if _, _, err := s.AddTerms(ctx, "bench", rows); err != nil {
		return err
	}
	s.Close()
	fmt.Printf("document of %d units (the article's %d repeated), editor's revision, %d terms\n", n, len(units), len(rows))
	for _, args := range [][]string{{"--no-memory"}, {}} {
		for run := 0; run < 3; run++ {
			cmd := exec.Command(padan, append([]string{"--db", db, "check", "long", "--lang", "en", "--format", "json", "-o", filepath.Join(dir, "out.json")}, args...)...)
			cmd.Stderr = os.Stderr
			start := time.Now()
			err := cmd.Run()
			wall := time.Since(start)
			if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
				return err
			}
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			fmt.Printf("padan check %s: %.2f s wall, %.2f s CPU, %d MB peak RSS (exit %d)\n",
				strings.Join(args, " "), wall.Seconds(), cpu.Seconds(), ru.Maxrss/1024, cmd.ProcessState.ExitCode())
		}
	}
	return nil
}

// pudPairs checks the one-to-one sentence pairs of the Parallel Universal
// Dependencies treebanks (English news and Wikipedia sentences translated
// into Indonesian by professionals), the Indonesian as source and the
// English as target, without a term base: every issue is a false alarm
// unless the human translation really differs, so it estimates the checks'
// false alarms on text they were not developed on.
func pudPairs(path string, verbose bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var units []check.Unit
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var doc struct {
			EN    []string  `json:"en"`
			ID    []string  `json:"id"`
			Links [][][]int `json:"links"`
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			return err
		}
		for _, l := range doc.Links {
			if len(l) == 2 && len(l[0]) == 1 && len(l[1]) == 1 {
				units = append(units, check.Unit{Index: len(units) + 1, Source: doc.ID[l[1][0]], Target: doc.EN[l[0][0]], Translated: true})
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	issues, err := check.Check(units, check.Options{SourceLang: "id", TargetLang: "en"})
	if err != nil {
		return err
	}
	byKind := map[string]int{}
	errUnits := map[int]bool{}
	for _, is := range issues {
		byKind[string(is.Kind)+" "+string(is.Severity)]++
		if is.Severity == check.Error {
			errUnits[is.Segment] = true
			if verbose {
				u := units[is.Segment-1]
				fmt.Printf("unit %d: %s %s %v\n  %s\n  %s\n", is.Segment, is.Kind, is.Message, is.Args, u.Source, u.Target)
			}
		}
	}
	fmt.Printf("%d one-to-one PUD sentence pairs (id source, en target): %d units with an error\n", len(units), len(errUnits))
	var keys []string
	for k := range byKind {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Printf("  %s: %d\n", k, byKind[k])
	}
	return nil
}
