package interop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// tkScript reads a file with translate-toolkit's Python API, the class
// translate.storage.factory would pick, and prints one JSON line for the
// store, then one per unit. argv: kind (tmx, xliff1, xliff2), path.
const tkScript = `
import json, sys
kind, path = sys.argv[1], sys.argv[2]
try:
    from translate.__version__ import sver as version
except ImportError:
    version = "unknown"
if kind == "tmx":
    import translate.storage.tmx as m
    cls = m.tmxfile
elif kind == "xliff1":
    import translate.storage.xliff as m
    cls = m.xlifffile
else:
    try:
        import translate.storage.xliff2 as m
    except ImportError:
        print(json.dumps({"version": version, "no_xliff2": True}))
        sys.exit(0)
    cls = getattr(m, "Xliff2File", None) or getattr(m, "xliff2file")
reader = "%s.%s" % (cls.__module__, cls.__name__)
try:
    with open(path, "rb") as f:
        store = cls.parsefile(f)
except Exception as e:
    print(json.dumps({"version": version, "reader": reader, "error": "%s: %s" % (type(e).__name__, e)}))
    sys.exit(0)
units = [u for u in store.units if not (hasattr(u, "isheader") and u.isheader())]
print(json.dumps({"version": version, "reader": reader, "units": len(units),
    "sourcelanguage": getattr(store, "sourcelanguage", None),
    "targetlanguage": getattr(store, "targetlanguage", None)}, ensure_ascii=False))
for n, u in enumerate(units, 1):
    row = {"n": n, "id": u.xmlelement.get("tuid") if kind == "tmx" else u.xmlelement.get("id"),
           "source": u.source, "target": u.target}
    if kind == "tmx":
        nodes = u.getlanguageNodes()
        row["source_lang"] = nodes[0].get("{http://www.w3.org/XML/1998/namespace}lang") if nodes else None
        row["target_lang"] = nodes[1].get("{http://www.w3.org/XML/1998/namespace}lang") if len(nodes) > 1 else None
    else:
        tnode = u.getlanguageNode(lang=None, index=1) if hasattr(u, "getlanguageNode") else None
        row["state"] = tnode.get("state") if tnode is not None else None
        row["tk_fuzzy"] = u.isfuzzy()
        row["tk_translated"] = u.istranslated()
    print(json.dumps(row, ensure_ascii=False))
`

var (
	tkPythonOnce sync.Once
	tkPython     string
)

// translatePython returns the first python3 on PATH that has the translate
// module (Debian installs translate-toolkit for the system python3 only, so
// another python3 earlier on PATH, e.g. pyenv's, is skipped), or "".
func translatePython() string {
	tkPythonOnce.Do(func() {
		seen := map[string]bool{}
		for _, dir := range filepath.SplitList(os.Getenv("PATH") + string(filepath.ListSeparator) + "/usr/bin") {
			cand := filepath.Join(dir, "python3")
			real, err := filepath.EvalSymlinks(cand)
			if err != nil || seen[real] {
				continue
			}
			seen[real] = true
			if exec.Command(cand, "-c", "import translate.storage.tmx").Run() == nil {
				tkPython = cand
				return
			}
		}
	})
	return tkPython
}

// TKRow is one unit as translate-toolkit read it.
type TKRow struct {
	N          int    `json:"n"`
	ID         string `json:"id"`
	Source     string `json:"source"`
	Target     string `json:"target"`
	SourceLang string `json:"source_lang,omitempty"`
	TargetLang string `json:"target_lang,omitempty"`
	State      string `json:"state,omitempty"`
	Fuzzy      bool   `json:"tk_fuzzy"`
	Translated bool   `json:"tk_translated"`
}

var unitElement = map[string]string{"tmx": "tu", "xliff1": "trans-unit", "xliff2": "unit"}

// TKRead reads a TMX or XLIFF file with translate-toolkit, as a user's
// script or Pootle would, and prints a JSON summary line, the first show
// units as JSON lines, and the verdict. It fails when translate-toolkit
// raises, reads no unit, or reads a different number of units than the file
// has; it warns where translate-toolkit reads the file differently from what
// its writer meant (the first tuv not in srclang; XLIFF 1.2 targets that are
// translated but not approved="yes", which translate-toolkit takes as
// fuzzy). XLIFF 2 with a translate-toolkit older than 3.17, which has no
// XLIFF 2 reader, is a [Skip].
func TKRead(path string, show int) Result {
	const name = "tk-read"
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return verdict(Usage, "FAIL %s: %s: no such file", name, path)
	}
	py := translatePython()
	if py == "" {
		return verdict(Env, "FAIL %s: the python3 module 'translate' (translate-toolkit) is not installed for any python3 on PATH (Debian: apt-get install translate-toolkit)", name)
	}
	root, err := sniffRoot(path)
	if err != nil {
		return verdict(Fail, "FAIL %s: %s: %v", name, path, err)
	}
	var kind string
	switch {
	case root.local == "tmx":
		kind = "tmx"
	case root.local == "xliff" && (root.ns == xliff12NS || root.ns == xliff11NS):
		kind = "xliff1"
	case root.local == "xliff" && root.ns == xliff2NS:
		kind = "xliff2"
	default:
		return verdict(Fail, "FAIL %s: %s: root <%s> in namespace '%s' is neither TMX nor XLIFF", name, path, root.local, root.ns)
	}
	cmd := exec.Command(py, "-c", tkScript, kind, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return verdict(Fail, "FAIL %s: %s: python3 failed: %v: %s", name, path, err, strings.TrimSpace(stderr.String()))
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	var head struct {
		Version        string  `json:"version"`
		Reader         string  `json:"reader"`
		Units          int     `json:"units"`
		Error          string  `json:"error"`
		NoXLIFF2       bool    `json:"no_xliff2"`
		SourceLanguage *string `json:"sourcelanguage"`
		TargetLanguage *string `json:"targetlanguage"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &head); err != nil {
		return verdict(Fail, "FAIL %s: %s: unreadable answer from python3: %q", name, path, lines[0])
	}
	if head.NoXLIFF2 {
		return verdict(Skip, "SKIP %s: %s: XLIFF 2 document, and translate-toolkit %s has no XLIFF 2 reader (added in 3.17); its XLIFF 1 reader would silently read 0 units", name, path, head.Version)
	}
	if head.Error != "" {
		return verdict(Fail, "FAIL %s: %s: translate-toolkit %s (%s) could not parse it: %s", name, path, head.Version, head.Reader, head.Error)
	}
	elements, srclang, firstLangs := countUnits(path, root.ns, kind)
	var b strings.Builder
	summary, _ := json.Marshal(map[string]any{
		"file": path, "format": kind, "reader": head.Reader, "translate_toolkit": head.Version,
		"units": head.Units, "elements_in_file": elements,
		"sourcelanguage": head.SourceLanguage, "targetlanguage": head.TargetLanguage,
	})
	b.Write(summary)
	b.WriteByte('\n')
	var warnings, errs []string
	fuzzyButTranslated := 0
	for _, l := range lines[1:] {
		var row TKRow
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			return verdict(Fail, "FAIL %s: %s: unreadable unit from python3: %q", name, path, l)
		}
		if kind == "xliff1" && row.Fuzzy && (row.State == "translated" || row.State == "final" || row.State == "signed-off") {
			fuzzyButTranslated++
		}
		if strings.TrimSpace(row.Source) == "" {
			warnings = append(warnings, fmt.Sprintf("unit %d (id '%s'): translate-toolkit reads an empty source", row.N, row.ID))
		}
		if row.N <= show {
			b.WriteString(l + "\n")
		}
	}
	if head.Units == 0 {
		errs = append(errs, "translate-toolkit read 0 units")
	}
	if head.Units != elements {
		errs = append(errs, fmt.Sprintf("translate-toolkit read %d units but the file has %d <%s> elements", head.Units, elements, unitElement[kind]))
	}
	if kind == "tmx" && srclang != "" && srclang != "*all*" {
		off := 0
		for _, l := range firstLangs {
			if !strings.EqualFold(l, srclang) {
				off++
			}
		}
		if off > 0 {
			warnings = append(warnings, fmt.Sprintf("%d <tu> start with a <tuv> not in srclang='%s'; translate-toolkit takes the first <tuv> as the source", off, srclang))
		}
		if head.SourceLanguage == nil || *head.SourceLanguage != srclang {
			fmt.Fprintf(&b, "  note: translate-toolkit does not read <header srclang='%s'>; it only uses the order of the <tuv> elements\n", srclang)
		}
	}
	if fuzzyButTranslated > 0 {
		warnings = append(warnings, fmt.Sprintf(`%d trans-unit(s) have a translated/final/signed-off target but no approved="yes": translate-toolkit reports them as fuzzy (xliff2po marks them '#, fuzzy')`, fuzzyButTranslated))
	}
	for i, w := range warnings {
		if i == 20 {
			break
		}
		b.WriteString("  warning: " + w + "\n")
	}
	for _, e := range errs {
		b.WriteString("  error: " + e + "\n")
	}
	tail := fmt.Sprintf("%d unit(s) via %s (translate-toolkit %s), %d warning(s)", head.Units, head.Reader, head.Version, len(warnings))
	if len(errs) > 0 {
		fmt.Fprintf(&b, "FAIL %s: %s: %s; %s\n", name, path, strings.Join(errs, "; "), tail)
		return Result{b.String(), Fail}
	}
	fmt.Fprintf(&b, "PASS %s: %s: %s\n", name, path, tail)
	return Result{b.String(), Pass}
}

// countUnits counts the unit elements (tu, trans-unit, unit) of a file and,
// for a TMX, returns its srclang and the language of each tu's first tuv.
func countUnits(path, ns, kind string) (units int, srclang string, firstLangs []string) {
	inTU, first := false, false
	walker{start: func(e element) {
		if e.ns != ns {
			return
		}
		switch {
		case e.local == "header" && kind == "tmx":
			srclang = e.attrs["srclang"]
		case e.local == unitElement[kind]:
			units++
			inTU, first = true, false
		case e.local == "tuv" && inTU && !first:
			first = true
			firstLangs = append(firstLangs, e.attrs["xml:lang"])
		}
	}}.walk(path)
	return units, srclang, firstLangs
}
