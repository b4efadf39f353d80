package interop

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// OmegaTOptions are the settings of an [OmegaTCheck].
type OmegaTOptions struct {
	TM                     string        // XLIFF mode: a TMX to put in tm/auto/
	SourceLang, TargetLang string        // project languages (default: from the file)
	MaxUnits               int           // TMX units to test (0 = all)
	SentenceSeg            bool          // let OmegaT split paragraphs into sentences
	Timeout                time.Duration // how long OmegaT may run (default 10 minutes)
}

const omegatProject = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>%s</source_lang>
    <target_lang>%s</target_lang>
    <source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>%t</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`

var (
	omegatLoadErrors = regexp.MustCompile(`(?i)TF_TM_LOAD_ERROR|Exception|SEVERE|Error:`)
	omegatJar        = regexp.MustCompile(`-jar\s+(\S+\.jar)`)
)

// omegatCommand returns the command that starts OmegaT headless: java -jar
// on OMEGAT_JAR or the jar the omegat launcher names, else the launcher; nil
// when OmegaT is not installed. OMEGAT_JAVA_OPTS adds JVM options.
func omegatCommand() []string {
	jar := os.Getenv("OMEGAT_JAR")
	launcher, _ := exec.LookPath("omegat")
	if jar == "" && launcher != "" {
		if b, err := os.ReadFile(launcher); err == nil {
			if len(b) > 20000 {
				b = b[:20000]
			}
			if m := omegatJar.FindSubmatch(b); m != nil {
				if fi, err := os.Stat(string(m[1])); err == nil && fi.Mode().IsRegular() {
					jar = string(m[1])
				}
			}
		}
	}
	if _, err := exec.LookPath("java"); jar != "" && err == nil {
		cmd := []string{"java", "-Djava.awt.headless=true"}
		cmd = append(cmd, strings.Fields(os.Getenv("OMEGAT_JAVA_OPTS"))...)
		return append(cmd, "-jar", jar)
	}
	if launcher != "" {
		return []string{launcher}
	}
	return nil
}

// OmegaTCheck proves that OmegaT 3.6, run headless, really uses a file.
//
// For a TMX it builds a throwaway project whose source document holds, one
// paragraph each, the source texts of the TMX's plain-text units, puts the
// TMX in tm/auto/ (OmegaT inserts exact matches from there into
// untranslated segments), runs console-translate and passes only if every
// paragraph comes back as the TMX's translation.
//
// For an XLIFF it puts the file in source/ (and opts.TM in tm/auto/), runs
// console-translate and checks that OmegaT extracted segments, wrote a
// well-formed target XLIFF with the same trans-unit ids, and put the
// memory's translation into every target that matches a memory entry.
func OmegaTCheck(path string, opts OmegaTOptions) Result {
	const name = "omegat-check"
	for _, p := range []string{path, opts.TM} {
		if p == "" {
			continue
		}
		if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
			return verdict(Usage, "FAIL %s: %s: no such file", name, p)
		}
	}
	cmd := omegatCommand()
	if cmd == nil {
		return verdict(Env, "FAIL %s: OmegaT not found: install it (Debian: apt-get install omegat) or set OMEGAT_JAR", name)
	}
	if opts.Timeout == 0 {
		opts.Timeout = 10 * time.Minute
	}
	r := newReport(10)
	root, err := sniffRoot(path)
	if err != nil {
		return verdict(Fail, "FAIL %s: %s: %v", name, path, err)
	}
	work, err := os.MkdirTemp("", "omegat-check-")
	if err != nil {
		return verdict(Env, "FAIL %s: %v", name, err)
	}
	defer os.RemoveAll(work)
	o := omegatRun{r: r, cmd: cmd, work: work, opts: opts, path: path}
	var summary string
	switch {
	case root.local == "tmx":
		summary = o.checkTMX()
	case root.local == "xliff" && (root.ns == xliff12NS || root.ns == xliff2NS || root.ns == xliff11NS):
		summary = o.checkXLIFF(root)
	default:
		return verdict(Fail, "FAIL %s: %s: root <%s> is neither TMX nor XLIFF", name, path, root.local)
	}
	return r.finish(name, path, "OmegaT used it as expected", summary)
}

type omegatRun struct {
	r    *report
	cmd  []string
	work string
	opts OmegaTOptions
	path string
}

func (o *omegatRun) makeProject(src, trg string) (string, error) {
	proj := filepath.Join(o.work, "project")
	for _, d := range []string{"source", "target", "tm/auto", "omegat", "glossary", "dictionary"} {
		if err := os.MkdirAll(filepath.Join(proj, d), 0o755); err != nil {
			return "", err
		}
	}
	text := fmt.Sprintf(omegatProject, xmlEscape(src), xmlEscape(trg), o.opts.SentenceSeg)
	return proj, os.WriteFile(filepath.Join(proj, "omegat.project"), []byte(text), 0o644)
}

// run runs console-translate on the project; timedOut reports a timeout.
func (o *omegatRun) run(proj string) (code int, log string, timedOut bool) {
	ctx, cancel := context.WithTimeout(context.Background(), o.opts.Timeout)
	defer cancel()
	args := append(append([]string{}, o.cmd[1:]...), "--mode=console-translate",
		"--config-dir="+filepath.Join(o.work, "config"), "--disable-project-locking", "--no-team", proj)
	c := exec.CommandContext(ctx, o.cmd[0], args...)
	c.Dir = proj
	out, err := c.CombinedOutput()
	if ctx.Err() != nil {
		return -1, string(out), true
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), string(out), false
	}
	if err != nil {
		return -1, string(out) + err.Error(), false
	}
	return 0, string(out), false
}

func (o *omegatRun) reportLog(log string) []string {
	var bad []string
	for _, l := range strings.Split(log, "\n") {
		if omegatLoadErrors.MatchString(l) {
			bad = append(bad, strings.TrimSpace(l))
		}
	}
	for i, l := range bad {
		if i == 8 {
			break
		}
		if len(l) > 300 {
			l = l[:300]
		}
		o.r.detail("omegat: " + l)
	}
	return bad
}

var statsTotal, statsRemaining = regexp.MustCompile(`(?m)^Total:\s+(\d+)`), regexp.MustCompile(`(?m)^Remaining:\s+(\d+)`)

// projectStats returns the total and remaining segments from OmegaT's
// omegat/project_stats.txt.
func projectStats(proj string) (total, remaining int, ok bool) {
	b, err := os.ReadFile(filepath.Join(proj, "omegat", "project_stats.txt"))
	if err != nil {
		return 0, 0, false
	}
	m := statsTotal.FindSubmatch(b)
	if m == nil {
		return 0, 0, false
	}
	total, _ = strconv.Atoi(string(m[1]))
	if m := statsRemaining.FindSubmatch(b); m != nil {
		remaining, _ = strconv.Atoi(string(m[1]))
	}
	return total, remaining, true
}

// tmxVariant is one tuv: its language as written and its text, or ok false
// when the segment holds inline elements.
type tmxVariant struct {
	lang, text string
	plain      bool
}

type tmxUnit struct {
	tuid string
	tuvs map[string]tmxVariant // by lower-case language; the first tuv of a language wins
}

// readTMXUnits streams a TMX into its units.
func readTMXUnits(path string) (srclang string, units []tmxUnit, err error) {
	var (
		tu    *tmxUnit
		lang  string
		inSeg bool
		depth int
		text  strings.Builder
		plain bool
	)
	err = walker{
		start: func(e element) {
			switch {
			case e.local == "header":
				srclang = e.attrs["srclang"]
			case e.local == "tu":
				tu = &tmxUnit{tuid: e.attrs["tuid"], tuvs: map[string]tmxVariant{}}
			case e.local == "tuv":
				lang = e.attrs["xml:lang"]
				if lang == "" {
					lang = e.attrs["lang"]
				}
			case e.local == "seg":
				inSeg, depth, plain = true, 0, true
				text.Reset()
			case inSeg:
				depth++
				plain = false
			}
		},
		end: func(_, local string) {
			switch {
			case inSeg && local == "seg" && depth == 0:
				inSeg = false
				if tu != nil {
					if _, seen := tu.tuvs[strings.ToLower(lang)]; !seen {
						tu.tuvs[strings.ToLower(lang)] = tmxVariant{lang: lang, text: text.String(), plain: plain}
					}
				}
			case inSeg:
				depth--
			case local == "tu" && tu != nil:
				units = append(units, *tu)
				tu = nil
			}
		},
		text: func(s string) {
			if inSeg && depth == 0 {
				text.WriteString(s)
			}
		},
	}.walk(path)
	return srclang, units, err
}

// findLang returns the TMX language equal to want, else the first with the
// same language subtag.
func findLang(units []tmxUnit, want string) string {
	found := ""
	for _, u := range units {
		if v, ok := u.tuvs[strings.ToLower(want)]; ok {
			return v.lang
		}
		keys := sortedKeys(u.tuvs)
		for _, k := range keys {
			if found == "" && primary(k) == primary(want) {
				found = u.tuvs[k].lang
			}
		}
	}
	return found
}

// pickLang returns the commonest language other than exclude.
func pickLang(units []tmxUnit, exclude string) string {
	count := map[string]int{}
	var order []string
	for _, u := range units {
		for _, k := range sortedKeys(u.tuvs) {
			if k == "" || k == exclude {
				continue
			}
			if count[k] == 0 {
				order = append(order, k)
			}
			count[k]++
		}
	}
	best := ""
	for _, k := range order {
		if best == "" || count[k] > count[best] {
			best = k
		}
	}
	for _, u := range units {
		if v, ok := u.tuvs[best]; ok {
			return v.lang
		}
	}
	return best
}

func sortedKeys(m map[string]tmxVariant) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func nfc(s string) string { return norm.NFC.String(s) }

type omegatCase struct{ source, tuid, target string }

func (o *omegatRun) checkTMX() string {
	r, opts := o.r, o.opts
	srclang, units, err := readTMXUnits(o.path)
	if err != nil {
		r.errorf("xml", "not well-formed XML (%v); OmegaT's XML parser rejects such a TMX too (TF_TM_LOAD_ERROR) and leaves every segment untranslated", err)
		return "not XML"
	}
	src := srclang
	if src == "*all*" {
		src = ""
	}
	if opts.SourceLang != "" && (src == "" || primary(src) != primary(opts.SourceLang)) {
		if src = findLang(units, opts.SourceLang); src == "" {
			r.errorf("lang", "no <tuv> in the TMX has the language subtag of --source-lang %s", opts.SourceLang)
			return "no source language"
		}
	}
	if src == "" && len(units) > 0 && len(units[0].tuvs) > 0 {
		src = units[0].tuvs[sortedKeys(units[0].tuvs)[0]].lang
		r.infof("no usable header srclang ('%s'); taking %s from the first <tuv>", srclang, src)
	}
	if src == "" {
		r.errorf("lang", "cannot tell the source language; pass a source language")
		return "no source language"
	}
	var trg string
	if opts.TargetLang != "" {
		trg = findLang(units, opts.TargetLang)
	} else {
		trg = pickLang(units, strings.ToLower(src))
	}
	if trg == "" {
		r.errorf("lang", "no target language found in the TMX")
		return "no target language"
	}
	psrc, ptrg := firstNonEmpty(opts.SourceLang, src), firstNonEmpty(opts.TargetLang, trg)
	for _, tag := range []string{src, trg} {
		if len(primary(tag)) == 3 {
			r.warnf("lang3", "language '%s': OmegaT 3.6 compares only the first two letters of the language subtag, so a project set to a two-letter code (e.g. id, en) will not find these entries", tag)
		}
		switch primary(tag) {
		case "in", "iw", "ji":
			r.warnf("oldcode", "language '%s' is a withdrawn ISO 639 code; use id/he/yi", tag)
		}
	}

	// Units to test: plain text on both sides, one paragraph, one source.
	type seenCase struct{ tuid, target string }
	seen := map[string]seenCase{}
	var order []string
	ambiguous := map[string]bool{}
	skipped := map[string]int{}
	var skipOrder []string
	skip := func(why string) {
		if skipped[why] == 0 {
			skipOrder = append(skipOrder, why)
		}
		skipped[why]++
	}
	sl, tl := strings.ToLower(src), strings.ToLower(trg)
	for _, u := range units {
		s, hasS := u.tuvs[sl]
		t, hasT := u.tuvs[tl]
		switch {
		case !hasS || !hasT:
			skip("lacks the source or target language")
		case !s.plain || !t.plain:
			skip("has inline codes")
		case strings.TrimSpace(s.text) == "" || strings.TrimSpace(t.text) == "":
			skip("has an empty segment")
		case s.text != strings.TrimSpace(s.text) || strings.ContainsAny(s.text, "\r\n\t\f\v"):
			skip("has line breaks, tabs or edge spaces in the source")
		case nfc(s.text) == nfc(t.text):
			skip("has a target equal to its source (proves nothing)")
		default:
			k := nfc(s.text)
			if prev, ok := seen[k]; ok {
				if nfc(prev.target) != nfc(t.text) {
					ambiguous[k] = true
					skip("repeats a source with another translation")
				}
				continue
			}
			seen[k] = seenCase{u.tuid, t.text}
			order = append(order, k)
		}
	}
	var cases []omegatCase
	for _, k := range order {
		if !ambiguous[k] {
			cases = append(cases, omegatCase{k, seen[k].tuid, seen[k].target})
		}
	}
	if opts.MaxUnits > 0 && len(cases) > opts.MaxUnits {
		cases = cases[:opts.MaxUnits]
	}
	for _, why := range skipOrder {
		r.infof("%d unit(s) not tested: %s", skipped[why], why)
	}
	if len(cases) == 0 {
		r.errorf("nocases", "no plain-text %s->%s unit to test", src, trg)
		return "nothing to test"
	}
	proj, err := o.makeProject(psrc, ptrg)
	if err == nil {
		var b strings.Builder
		for i, c := range cases {
			if i > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(c.source)
		}
		b.WriteString("\n")
		err = os.WriteFile(filepath.Join(proj, "source", "check.utf8"), []byte(b.String()), 0o644)
	}
	if err == nil {
		err = copyFile(o.path, filepath.Join(proj, "tm", "auto", "under-test.tmx"))
	}
	if err != nil {
		r.errorf("project", "cannot build the project: %v", err)
		return "no project"
	}
	code, log, timedOut := o.run(proj)
	head := fmt.Sprintf("OmegaT console-translate, project %s->%s, TMX %s->%s, %d test segment(s)", psrc, ptrg, src, trg, len(cases))
	if timedOut {
		r.errorf("timeout", "%s: timed out after %s", head, opts.Timeout)
		return head
	}
	bad := o.reportLog(log)
	if code != 0 {
		r.errorf("exit", "OmegaT exited with status %d", code)
	}
	out, err := os.ReadFile(filepath.Join(proj, "target", "check.utf8"))
	if err != nil {
		r.errorf("notarget", "OmegaT wrote no target/check.utf8")
		return head
	}
	got := strings.Split(strings.TrimRight(string(out), "\n"), "\n\n")
	if len(got) != len(cases) {
		r.errorf("paragraphs", "target has %d paragraphs, source had %d", len(got), len(cases))
	}
	ok, untranslated := 0, 0
	for i, c := range cases {
		if i >= len(got) {
			break
		}
		g := nfc(got[i])
		switch {
		case g == nfc(c.target):
			ok++
		case g == nfc(c.source):
			untranslated++
			r.errorf("untranslated", "tu %s not translated from the TMX: %q", c.tuid, clip(c.source, 120))
		default:
			r.errorf("mismatch", "tu %s: expected %q, OmegaT wrote %q", c.tuid, clip(c.target, 120), clip(got[i], 120))
		}
	}
	if untranslated == len(cases) {
		for _, l := range bad {
			if strings.Contains(l, "TF_TM_LOAD_ERROR") {
				r.detail("OmegaT could not load the TMX at all (see the omegat: lines above)")
				break
			}
		}
	}
	if total, remaining, ok := projectStats(proj); ok {
		r.infof("OmegaT statistics: %d segment(s), %d left untranslated", total, remaining)
	}
	return fmt.Sprintf("%s; %d/%d translated from the TMX", head, ok, len(cases))
}

// xliffUnit is one XLIFF 1.x trans-unit as OmegaT's check sees it. kind is
// "none" (no target), "skip" (translate="no"), "inline" (a target with
// inline elements) or "plain".
type xliffUnit struct {
	id, kind, target, source, state string
	plainSource                     bool
}

// readXLIFFUnits reads the trans-units of an XLIFF 1.x file in order.
func readXLIFFUnits(path, ns string) ([]xliffUnit, error) {
	var (
		units   []xliffUnit
		u       *xliffUnit
		in      string // "source" or "target" of the unit itself
		depth   int    // depth inside trans-unit
		inner   int    // elements inside source/target
		text    strings.Builder
		hasTgt  bool
		skipTgt bool
		mixed   bool // the source or target being read holds elements
	)
	err := walker{
		start: func(e element) {
			if e.ns == ns && e.local == "trans-unit" && u == nil {
				u = &xliffUnit{id: e.attrs["id"], kind: "none"}
				skipTgt = e.attrs["translate"] == "no"
				hasTgt, depth = false, 0
				return
			}
			if u == nil {
				return
			}
			depth++
			if in != "" {
				inner++
				mixed = true
				return
			}
			if depth == 1 && e.ns == ns && (e.local == "source" || (e.local == "target" && !hasTgt)) {
				in, inner, mixed = e.local, 0, false
				text.Reset()
				if e.local == "target" {
					hasTgt = true
					u.state = e.attrs["state"]
				}
			}
		},
		end: func(ns2, local string) {
			if u == nil {
				return
			}
			if depth == 0 {
				units = append(units, *u)
				u = nil
				return
			}
			depth--
			if in == "" {
				return
			}
			if inner > 0 {
				inner--
				return
			}
			switch in {
			case "source":
				u.source, u.plainSource = text.String(), !mixed
			case "target":
				switch {
				case skipTgt:
					u.kind = "skip"
				case mixed:
					u.kind = "inline"
				default:
					u.kind, u.target = "plain", text.String()
				}
			}
			in = ""
		},
		text: func(s string) {
			if in != "" && inner == 0 {
				text.WriteString(s)
			}
		},
	}.walk(path)
	return units, err
}

func (o *omegatRun) checkXLIFF(root element) string {
	r, opts := o.r, o.opts
	is2 := root.ns == xliff2NS
	var src, trg string
	if is2 {
		src, trg = root.attrs["srcLang"], root.attrs["trgLang"]
	} else {
		walker{start: func(e element) {
			if e.local == "file" && e.ns == root.ns && src == "" && trg == "" {
				src, trg = e.attrs["source-language"], e.attrs["target-language"]
			}
		}}.walk(o.path)
	}
	src, trg = firstNonEmpty(opts.SourceLang, src), firstNonEmpty(opts.TargetLang, trg)
	if src == "" || trg == "" {
		r.errorf("lang", "source or target language unknown; pass the project languages")
		return "no languages"
	}
	var units []xliffUnit
	if !is2 {
		var err error
		if units, err = readXLIFFUnits(o.path, root.ns); err != nil {
			r.errorf("xml", "not well-formed XML: %v", err)
			return "not XML"
		}
	}
	pairs := map[string]string{}
	if opts.TM != "" {
		_, tmUnits, err := readTMXUnits(opts.TM)
		if err != nil {
			r.errorf("xml", "the memory is not well-formed XML: %v", err)
			return "bad memory"
		}
		for _, u := range tmUnits {
			s, okS := u.tuvs[strings.ToLower(src)]
			t, okT := u.tuvs[strings.ToLower(trg)]
			if okS && okT && s.plain && s.text != "" && t.plain {
				if _, dup := pairs[nfc(s.text)]; !dup {
					pairs[nfc(s.text)] = t.text
				}
			}
		}
	}
	name := filepath.Base(o.path)
	if l := strings.ToLower(name); !strings.HasSuffix(l, ".xlf") && !strings.HasSuffix(l, ".xliff") {
		name += ".xlf"
	}
	proj, err := o.makeProject(src, trg)
	if err == nil {
		err = copyFile(o.path, filepath.Join(proj, "source", name))
	}
	if err == nil && opts.TM != "" {
		err = copyFile(opts.TM, filepath.Join(proj, "tm", "auto", "under-test.tmx"))
	}
	if err != nil {
		r.errorf("project", "cannot build the project: %v", err)
		return "no project"
	}
	code, log, timedOut := o.run(proj)
	head := fmt.Sprintf("OmegaT console-translate of XLIFF %s, project %s->%s", root.attrs["version"], src, trg)
	if timedOut {
		r.errorf("timeout", "%s: timed out after %s", head, opts.Timeout)
		return head
	}
	o.reportLog(log)
	if code != 0 {
		r.errorf("exit", "OmegaT exited with status %d", code)
	}
	segments, _, _ := projectStats(proj)
	if is2 {
		r.infof("OmegaT extracted %d segment(s)", segments)
	} else {
		r.infof("OmegaT extracted %d segment(s) from %d trans-unit(s)", segments, len(units))
	}
	if segments == 0 {
		if is2 {
			r.errorf("nosegments", "OmegaT found nothing to translate in this XLIFF: OmegaT 3.6's XLIFF filter extracts no segment from XLIFF 2 documents")
		} else {
			r.errorf("nosegments", "OmegaT found nothing to translate in this XLIFF: OmegaT 3.6 translates the text of <target>; export with the source copied into <target> for units still to be translated")
		}
	}
	var missing, doneAlready []string
	for _, u := range units {
		if u.kind == "none" {
			missing = append(missing, u.id)
		}
		if u.kind == "plain" && u.plainSource && strings.TrimSpace(u.target) != "" && nfc(u.target) != nfc(u.source) {
			doneAlready = append(doneAlready, u.id)
		}
	}
	if len(missing) > 0 && segments > 0 {
		r.warnf("notarget", "%d trans-unit(s) have no <target>, so OmegaT 3.6 does not show them to the translator (ids %s)", len(missing), strings.Join(firstN(missing, 10), ", "))
	}
	if len(doneAlready) > 0 && segments > 0 {
		r.warnf("translatedtarget", "%d trans-unit(s) carry a translation in <target>: OmegaT 3.6 offers that text as the text to translate, not the <source>; send existing translations as a TMX and copy the source into <target> (ids %s)", len(doneAlready), strings.Join(firstN(doneAlready, 10), ", "))
	}
	out := filepath.Join(proj, "target", name)
	if _, err := os.Stat(out); err != nil {
		r.errorf("notarget", "OmegaT wrote no target/%s", name)
		return head
	}
	after := map[string]xliffUnit{}
	var afterIDs []string
	if is2 {
		if err := (walker{}).walk(out); err != nil {
			r.errorf("xml", "OmegaT's target XLIFF is not well-formed: %v", err)
			return head
		}
	} else {
		got, err := readXLIFFUnits(out, root.ns)
		if err != nil {
			r.errorf("xml", "OmegaT's target XLIFF is not well-formed: %v", err)
			return head
		}
		for _, u := range got {
			after[u.id] = u
			afterIDs = append(afterIDs, u.id)
		}
		same := len(afterIDs) == len(units)
		for i := 0; same && i < len(units); i++ {
			same = afterIDs[i] == units[i].id
		}
		if !same {
			r.errorf("ids", "trans-unit ids differ between the input and OmegaT's output")
		}
	}
	translated, expected, staleState := 0, 0, 0
	for _, u := range units {
		if u.kind != "plain" {
			continue
		}
		want, ok := pairs[nfc(u.target)]
		if !ok {
			continue
		}
		expected++
		got, ok := after[u.id]
		if ok && got.kind == "plain" && nfc(got.target) == nfc(want) {
			translated++
			if got.state == u.state && (u.state == "new" || u.state == "needs-translation") {
				staleState++
			}
		} else {
			r.errorf("untranslated", "trans-unit %s: expected %q from the memory, got %q", u.id, clip(want, 100), clip(got.target, 100))
		}
	}
	if staleState > 0 {
		r.infof(`OmegaT filled %d <target>(s) but left their state attribute as it was (e.g. state="new"): do not trust state in XLIFF coming back from OmegaT 3.6`, staleState)
	}
	if haveXmllint() && !is2 {
		valid := false
		var probe *report
		for _, schema := range []string{"xliff-core-1.2-strict.xsd", "xliff-core-1.2-transitional.xsd"} {
			probe = newReport(3)
			if xmllint(probe, []string{"--stream", "--schema", filepath.Join(SchemasDir(), schema)}, out, schema) {
				r.infof("OmegaT's target XLIFF is valid against %s", schema)
				valid = true
				break
			}
		}
		if !valid {
			r.warnf("outvalid", "OmegaT's target XLIFF is not valid against the XLIFF 1.2 schemas")
			for _, l := range probe.lines {
				r.detail(strings.TrimSpace(l))
			}
		}
	}
	done := fmt.Sprintf("%d segment(s) extracted", segments)
	if opts.TM != "" {
		done += fmt.Sprintf(", %d/%d trans-unit(s) translated from the memory", translated, expected)
	}
	return head + "; " + done
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
