package interop

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

var xliffSchema = map[string]string{
	"1.2":  "xliff-core-1.2-strict.xsd",
	"1.2t": "xliff-core-1.2-transitional.xsd",
	"2.0":  "xliff-2.0-driver.xsd",
	"2.1":  "xliff-2.1-driver.xsd",
}

// ValidateXLIFF checks that a file is a valid XLIFF 1.2, 2.0 or 2.1
// document: it finds the version from the root element, has xmllint
// validate the file offline against the official schemas (XLIFF 1.2 strict,
// or transitional when asked; for 2.x the core with the mtc and mda
// modules), then checks the specifications' rules that the schemas do not
// express (unique ids, trgLang when there are targets, subState only with
// state, xml:lang of source and target).
func ValidateXLIFF(path string, transitional bool) Result {
	const name = "validate-xliff"
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return verdict(Usage, "FAIL %s: %s: no such file", name, path)
	}
	if !haveXmllint() {
		return verdict(Env, "FAIL %s: xmllint not found (Debian package libxml2-utils)", name)
	}
	head, err := readHead(path)
	if err != nil {
		return verdict(Fail, "FAIL %s: %s: %v", name, path, err)
	}
	if len(head) == 0 {
		return verdict(Fail, "FAIL %s: %s: empty file", name, path)
	}
	r := newReport(10)
	enc := sniffEncoding(r, head, false)
	root, err := sniffRoot(path)
	if err != nil {
		r.errorf("xml", "%v", err)
		xmllint(r, nil, path, "XML")
		return r.finish(name, path, "", "not XML")
	}
	kind, why := xliffVersion(root)
	if kind == "" {
		r.errorf("version", "%s", why)
		return r.finish(name, path, "", "unsupported document")
	}
	key := kind
	if kind == "1.2" && transitional {
		key = "1.2t"
	}
	schema := xliffSchema[key]
	valid := xmllint(r, []string{"--stream", "--schema", filepath.Join(SchemasDir(), schema)}, path, schema)
	if !valid && key == "1.2" {
		probe := newReport(0)
		if xmllint(probe, []string{"--stream", "--schema", filepath.Join(SchemasDir(), xliffSchema["1.2t"])}, path, xliffSchema["1.2t"]) {
			r.infof("the file is valid against the transitional 1.2 schema, not the strict one")
		}
	}
	var spec interface {
		start(element)
		end(ns, local string)
		finish()
		summary() string
	}
	if kind == "1.2" {
		spec = &spec12{r: r, states: map[string]int{}}
	} else {
		spec = newSpec2(r, root.attrs)
	}
	if err := (walker{start: spec.start, end: spec.end}).walk(path); err != nil {
		r.errorf("xml", "not well-formed XML: %v", err)
	} else {
		spec.finish()
	}
	summary := fmt.Sprintf("XLIFF %s, schema %s; %s; encoding %s", kind, schema, spec.summary(), enc)
	return r.finish(name, path, "valid XLIFF "+kind+" (schema and specification checks)", summary)
}

// spec12 holds the XLIFF 1.2 rules beyond the XSD (which already checks
// trans-unit ids).
type spec12 struct {
	r                        *report
	file                     *file12
	nFiles, nUnits, nTargets int
	states                   map[string]int
}

type file12 struct {
	src, trg    string
	hasTrg      bool
	targets     int
	line, inAlt int
}

func (s *spec12) start(e element) {
	if e.ns != xliff12NS {
		return
	}
	r := s.r
	switch e.local {
	case "file":
		s.nFiles++
		trg, hasTrg := e.attrs["target-language"]
		s.file = &file12{src: e.attrs["source-language"], trg: trg, hasTrg: hasTrg, line: e.line}
		for _, a := range []string{"source-language", "target-language"} {
			if v, ok := e.attrs[a]; ok && !langOK(v) {
				r.errorf("langtag", "line %d <file>: %s='%s' is not a language tag", e.line, a, v)
			}
		}
	case "alt-trans":
		if s.file != nil {
			s.file.inAlt++
		}
	case "trans-unit":
		s.nUnits++
	case "source", "target":
		if s.file == nil || s.file.inAlt > 0 {
			return
		}
		want, attr := s.file.src, "source-language"
		if e.local == "target" {
			want, attr = s.file.trg, "target-language"
		}
		if got := e.attrs["xml:lang"]; got != "" && want != "" && !strings.EqualFold(got, want) {
			r.warnf("xmllang", "line %d <%s xml:lang='%s'> differs from <file %s='%s'>", e.line, e.local, got, attr, want)
		}
		if e.local == "target" {
			s.nTargets++
			s.file.targets++
			st, ok := e.attrs["state"]
			if !ok {
				st = "(none)"
			}
			s.states[st]++
		}
	}
}

func (s *spec12) end(ns, local string) {
	if ns != xliff12NS || s.file == nil {
		return
	}
	switch local {
	case "alt-trans":
		s.file.inAlt--
	case "file":
		if s.file.targets > 0 && s.file.trg == "" {
			s.r.warnf("trglang", "line %d <file> has <target> elements but no target-language; OmegaT, Okapi and most CAT tools need it", s.file.line)
		}
		s.file = nil
	}
}

func (s *spec12) finish() {}

func (s *spec12) summary() string {
	return fmt.Sprintf("%d file(s), %d trans-unit(s), %d target(s), target states: %s", s.nFiles, s.nUnits, s.nTargets, statesText(s.states))
}

// spec2 holds the XLIFF 2.0/2.1 rules that the core XSD does not express.
type spec2 struct {
	r                                  *report
	src, trg                           string
	fileIDs                            map[string]int
	unitIDs                            map[string]int
	unit                               *unit2
	inMatch                            int
	nFiles, nUnits, nSegments, nTarget int
	firstTargetLine                    int
	states                             map[string]int
}

type unit2 struct {
	ids  map[string]int
	refs []ref2
}

type ref2 struct {
	ref  string
	line int
}

func newSpec2(r *report, rootAttrs map[string]string) *spec2 {
	s := &spec2{r: r, src: rootAttrs["srcLang"], trg: rootAttrs["trgLang"], fileIDs: map[string]int{}, states: map[string]int{}}
	for _, a := range []string{"srcLang", "trgLang"} {
		if v, ok := rootAttrs[a]; ok && !langOK(v) {
			r.errorf("langtag", "<xliff %s='%s'> is not a BCP 47 language tag", a, v)
		}
	}
	return s
}

func (s *spec2) start(e element) {
	r := s.r
	if e.ns == mtcNS && e.local == "match" {
		s.inMatch++
		if s.unit != nil {
			s.unit.refs = append(s.unit.refs, ref2{e.attrs["ref"], e.line})
		}
		return
	}
	if e.ns != xliff2NS {
		return
	}
	switch e.local {
	case "file":
		s.nFiles++
		id := e.attrs["id"]
		if first, dup := s.fileIDs[id]; dup {
			r.errorf("fileid", "line %d <file id='%s'>: id already used on line %d", e.line, id, first)
		} else {
			s.fileIDs[id] = e.line
		}
		s.unitIDs = map[string]int{}
	case "unit", "group":
		if s.unitIDs == nil {
			return
		}
		id := e.attrs["id"]
		if first, dup := s.unitIDs[id]; dup {
			r.errorf("unitid", "line %d <%s id='%s'>: id already used by a <unit> or <group> of this <file> (line %d)", e.line, e.local, id, first)
		} else {
			s.unitIDs[id] = e.line
		}
		if e.local == "unit" {
			s.nUnits++
			s.unit = &unit2{ids: map[string]int{}}
		}
	case "segment", "ignorable":
		if s.unit == nil {
			return
		}
		if id, ok := e.attrs["id"]; ok {
			if first, dup := s.unit.ids[id]; dup {
				r.errorf("segid", "line %d <%s id='%s'>: id already used in this <unit> (line %d)", e.line, e.local, id, first)
			} else {
				s.unit.ids[id] = e.line
			}
		}
		if e.local != "segment" {
			return
		}
		s.nSegments++
		st, hasState := e.attrs["state"]
		key := st
		if !hasState || st == "" {
			key = "initial (default)"
		}
		s.states[key]++
		if sub, ok := e.attrs["subState"]; ok {
			if !hasState {
				r.errorf("substate", "line %d <segment subState='%s'> without state: the specification requires state whenever subState is set", e.line, sub)
			}
			if !strings.Contains(strings.Trim(sub, ":"), ":") {
				r.errorf("substate", "line %d subState='%s' must be prefix:value (e.g. padan:approved)", e.line, sub)
			}
		}
	case "source", "target":
		if s.inMatch > 0 {
			return
		}
		want, attr := s.src, "srcLang"
		if e.local == "target" {
			want, attr = s.trg, "trgLang"
		}
		if got := e.attrs["xml:lang"]; got != "" && want != "" && !strings.EqualFold(got, want) {
			r.errorf("xmllang", "line %d <%s xml:lang='%s'> must equal %s='%s'", e.line, e.local, got, attr, want)
		}
		if e.local == "target" {
			s.nTarget++
			if s.firstTargetLine == 0 {
				s.firstTargetLine = e.line
			}
		}
	}
}

func (s *spec2) end(ns, local string) {
	switch {
	case ns == mtcNS && local == "match":
		s.inMatch--
	case ns == xliff2NS && local == "unit" && s.unit != nil:
		for _, ref := range s.unit.refs {
			if strings.HasPrefix(ref.ref, "#") && !strings.Contains(ref.ref, "=") {
				if _, ok := s.unit.ids[ref.ref[1:]]; !ok {
					s.r.warnf("mtcref", "line %d <mtc:match ref='%s'>: no segment or ignorable with that id in this <unit>", ref.line, ref.ref)
				}
			}
		}
		s.unit = nil
	case ns == xliff2NS && local == "file":
		s.unitIDs = nil
	}
}

func (s *spec2) finish() {
	if s.nTarget > 0 && s.trg == "" {
		s.r.errorf("trglang", "the document has <target> elements (first on line %d) but <xliff> has no trgLang, which is then required", s.firstTargetLine)
	}
}

func (s *spec2) summary() string {
	return fmt.Sprintf("%d file(s), %d unit(s), %d segment(s), %d target(s), states: %s", s.nFiles, s.nUnits, s.nSegments, s.nTarget, statesText(s.states))
}

func statesText(states map[string]int) string {
	keys := make([]string, 0, len(states))
	for k := range states {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s x%d", k, states[k])
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
