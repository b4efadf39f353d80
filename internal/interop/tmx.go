package interop

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

var (
	requiredHeader = []string{"srclang", "adminlang", "segtype", "o-tmf", "creationtool", "creationtoolversion", "datatype"}
	dateAttrs      = []string{"creationdate", "changedate", "lastusagedate"}
	tmxDate        = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$`)
	segtypes       = map[string]bool{"block": true, "paragraph": true, "sentence": true, "phrase": true}
	// OmegaT reads a <tu> carrying one of these <prop> types as an
	// alternative translation bound to one context, not a plain TM entry.
	omegatContextProps = map[string]bool{"file": true, "id": true, "prev": true, "next": true, "path": true}
	tmxInline          = map[string]bool{"bpt": true, "ept": true, "it": true, "ph": true, "hi": true, "ut": true, "sub": true}
)

// ValidateTMX checks that a file is a valid TMX 1.4b memory: xmllint
// validates it offline against the official DTD, then a streaming pass
// checks what the DTD cannot express (required header attributes, language
// tags, xml:lang on every tuv, two tuv per tu with one in the source
// language, TMX dates, paired bpt/ept, the encoding) and warns about what
// other tools read differently.
func ValidateTMX(path string) Result {
	const name = "validate-tmx"
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return verdict(Usage, "FAIL %s: %s: no such file", name, path)
	}
	dtd := filepath.Join(SchemasDir(), "tmx14.dtd")
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
	enc := sniffEncoding(r, head, true)
	// No --stream: with it xmllint skips --dtdvalid without a word. --path
	// resolves <!DOCTYPE tmx SYSTEM "tmx14.dtd"> to the local DTD.
	xmllint(r, []string{"--path", SchemasDir(), "--dtdvalid", dtd}, path, "the TMX 1.4b DTD")
	c := &tmxChecker{r: r, langs: map[string]int{}, tuids: map[string]int{}}
	if err := (walker{start: c.start, end: c.end, text: c.chardata}).walk(path); err != nil {
		r.errorf("xml", "not well-formed XML: %v", err)
	} else if c.header == nil {
		r.errorf("header", "no <header> element")
	}
	langs := make([]string, 0, len(c.langs))
	for l := range c.langs {
		langs = append(langs, l)
	}
	sort.SliceStable(langs, func(i, j int) bool { return c.langs[langs[i]] > c.langs[langs[j]] })
	var parts []string
	for _, l := range langs {
		parts = append(parts, fmt.Sprintf("%s x%d", l, c.langs[l]))
	}
	list := strings.Join(parts, ", ")
	if list == "" {
		list = "none"
	}
	summary := fmt.Sprintf("%d tu, %d tuv, srclang=%s, languages: %s; encoding %s", c.nTU, c.nTUV, c.srclang, list, enc)
	return r.finish(name, path, "valid TMX 1.4b (DTD and content checks)", summary)
}

type tmxTUV struct {
	lang string
	line int
}

type tmxTU struct {
	line  int
	attrs map[string]string
	tuvs  []tmxTUV
}

type tmxSeg struct {
	text   strings.Builder
	bpt    map[string]int
	ept    map[string]bool
	order  []string
	line   int
	inline bool
}

type tmxChecker struct {
	r         *report
	stack     []string
	header    map[string]string
	srclang   string
	tu        *tmxTU
	seg       *tmxSeg
	nTU, nTUV int
	langs     map[string]int
	tuids     map[string]int
	rootSeen  bool
}

func (c *tmxChecker) start(e element) {
	r, name, a := c.r, e.local, e.attrs
	where := fmt.Sprintf("line %d", e.line)
	parent := ""
	if len(c.stack) > 0 {
		parent = c.stack[len(c.stack)-1]
	}
	c.stack = append(c.stack, name)
	if !c.rootSeen {
		c.rootSeen = true
		if name != "tmx" {
			r.errorf("root", "root element is <%s>, not <tmx>", name)
		} else if v, ok := a["version"]; !ok || v != "1.4" {
			r.errorf("version", `<tmx version=%s>: a TMX 1.4b file must say version="1.4"`, pyRepr(v, ok))
		}
	}
	for _, d := range dateAttrs {
		if v, ok := a[d]; ok {
			checkTMXDate(r, fmt.Sprintf("%s <%s>", where, name), d, v)
		}
	}
	if v, ok := a["usagecount"]; ok {
		if _, err := strconv.ParseUint(v, 10, 64); err != nil {
			r.errorf("usagecount", "%s <%s>: usagecount='%s' is not a whole number", where, name, v)
		}
	}
	if _, ok := a["lang"]; ok {
		r.warnf("lang", "%s <%s>: attribute lang is deprecated since TMX 1.3; use xml:lang", where, name)
	}
	if v, ok := a["xml:lang"]; ok && !langOK(v) {
		r.errorf("langtag", "%s <%s>: xml:lang='%s' is not a BCP 47 / RFC 3066 language tag (use e.g. id, en, en-US; not en_US)", where, name, v)
	}
	switch name {
	case "header":
		c.header = a
		for _, h := range requiredHeader {
			v, ok := a[h]
			if !ok {
				r.errorf("header", "%s <header>: required attribute %s is missing", where, h)
			} else if strings.TrimSpace(v) == "" {
				r.errorf("header", "%s <header>: attribute %s is empty", where, h)
			}
		}
		c.srclang = a["srclang"]
		if c.srclang == "*all*" {
			r.warnf("all", `<header srclang="*all*">: allowed by TMX 1.4b, but many tools need one real source language (OmegaT picks the source by project language; translate-toolkit takes the first <tuv>)`)
		} else if c.srclang != "" && !langOK(c.srclang) {
			r.errorf("langtag", "%s <header>: srclang='%s' is not a language tag", where, c.srclang)
		}
		if al := a["adminlang"]; al != "" && !langOK(al) {
			r.errorf("langtag", "%s <header>: adminlang='%s' is not a language tag", where, al)
		}
		if st := a["segtype"]; st != "" && !segtypes[st] {
			r.errorf("segtype", "%s <header>: segtype='%s' is not one of block|paragraph|sentence|phrase", where, st)
		}
	case "tu":
		c.nTU++
		c.tu = &tmxTU{line: e.line, attrs: a}
		if tuid, ok := a["tuid"]; ok {
			if first, dup := c.tuids[tuid]; dup {
				r.warnf("tuid", "%s <tu tuid='%s'>: same tuid as the <tu> on line %d", where, tuid, first)
			} else {
				c.tuids[tuid] = e.line
			}
		}
		if st := a["segtype"]; st != "" && !segtypes[st] {
			r.errorf("segtype", "%s <tu>: segtype='%s' is not one of block|paragraph|sentence|phrase", where, st)
		}
	case "tuv":
		c.nTUV++
		lang, ok := a["xml:lang"]
		switch {
		case !ok:
			only := ""
			if _, has := a["lang"]; has {
				only = " (only the deprecated lang)"
			}
			r.errorf("xmllang", "%s <tuv> has no xml:lang%s", where, only)
		case strings.TrimSpace(lang) == "":
			r.errorf("xmllang", "%s <tuv> has an empty xml:lang", where)
		}
		if lang != "" {
			c.langs[lang]++
		}
		if c.tu != nil {
			c.tu.tuvs = append(c.tu.tuvs, tmxTUV{lang: lang, line: e.line})
		}
	case "prop":
		t := a["type"]
		if parent == "tu" && omegatContextProps[t] {
			r.warnf("omegatprop", "%s <prop type='%s'>: OmegaT treats such a <tu> as an alternative translation for one file/segment context, not as a plain TM entry; prefer an x- type (e.g. x-%s)", where, t, t)
		}
	case "seg":
		c.seg = &tmxSeg{bpt: map[string]int{}, ept: map[string]bool{}, line: e.line}
	default:
		if !tmxInline[name] || c.seg == nil {
			return
		}
		c.seg.inline = true
		i := a["i"]
		switch name {
		case "bpt":
			if _, dup := c.seg.bpt[i]; dup {
				r.errorf("bpt", "%s <bpt i='%s'>: i is used twice in one <seg>", where, i)
			} else {
				c.seg.order = append(c.seg.order, i)
			}
			c.seg.bpt[i] = e.line
		case "ept":
			if _, ok := c.seg.bpt[i]; !ok {
				r.errorf("ept", "%s <ept i='%s'> has no earlier <bpt i='%s'> in the same <seg>", where, i, i)
			} else if c.seg.ept[i] {
				r.errorf("ept", "%s <ept i='%s'> closes a pair twice", where, i)
			}
			c.seg.ept[i] = true
		case "ut":
			r.warnf("ut", "%s <ut> is deprecated in TMX 1.4; use <ph>, <it> or <bpt>/<ept>", where)
		}
	}
}

func (c *tmxChecker) end(_, name string) {
	r := c.r
	if len(c.stack) > 0 {
		c.stack = c.stack[:len(c.stack)-1]
	}
	switch {
	case name == "seg" && c.seg != nil:
		s := c.seg
		for _, i := range s.order {
			if !s.ept[i] {
				r.errorf("bpt", "line %d <bpt i='%s'> has no matching <ept i='%s'> in its <seg>", s.line, i, i)
			}
		}
		text := s.text.String()
		if strings.TrimSpace(text) == "" && !s.inline {
			r.warnf("emptyseg", "line %d: empty <seg>", s.line)
		}
		if !norm.NFC.IsNormalString(text) {
			r.warnf("nfc", "line %d: <seg> text is not in Unicode NFC; exact-match lookups in other tools may miss it", s.line)
		}
		seen := map[rune]bool{}
		for _, ch := range text {
			if seen[ch] {
				continue
			}
			seen[ch] = true
			switch {
			case ch >= 0x80 && ch <= 0x9F:
				r.warnf("c1", "line %d: C1 control character U+%04X in <seg> (usually mis-decoded Windows-1252 text)", s.line, ch)
			case ch == 0xFEFF:
				r.warnf("bomchar", "line %d: U+FEFF (byte-order mark) inside <seg>", s.line)
			case (ch >= 0xFDD0 && ch <= 0xFDEF) || ch&0xFFFE == 0xFFFE:
				r.warnf("nonchar", "line %d: Unicode noncharacter U+%04X in <seg>", s.line, ch)
			}
		}
		c.seg = nil
	case name == "tu" && c.tu != nil:
		c.endTU()
		c.tu = nil
	case name == "body":
		if c.nTU == 0 {
			r.warnf("empty", "<body> holds no <tu>")
		}
	}
}

func (c *tmxChecker) endTU() {
	r, tu := c.r, c.tu
	if len(tu.tuvs) < 2 {
		r.errorf("tuvcount", "line %d: <tu> has %d <tuv>; a translation unit needs at least two (source and a translation)", tu.line, len(tu.tuvs))
	}
	var langs, low []string
	count := map[string]int{}
	for _, t := range tu.tuvs {
		if t.lang != "" {
			langs = append(langs, t.lang)
			l := strings.ToLower(t.lang)
			low = append(low, l)
			count[l]++
		}
	}
	var dups []string
	for l, n := range count {
		if n > 1 {
			dups = append(dups, l)
		}
	}
	sort.Strings(dups)
	if len(dups) > 0 {
		r.warnf("duplang", "line %d: <tu> has several <tuv> in %s; most tools keep only one", tu.line, strings.Join(dups, ", "))
	}
	src, own := tu.attrs["srclang"], true
	if src == "" {
		src, own = c.srclang, false
	}
	if src == "" || src == "*all*" || len(langs) == 0 {
		return
	}
	if count[strings.ToLower(src)] == 0 {
		var near []string
		for _, l := range langs {
			if primary(l) == primary(src) {
				near = append(near, l)
			}
		}
		from := ""
		if !own {
			from = " from <header srclang>"
		}
		also := ""
		if len(near) > 0 {
			also = "; it has " + strings.Join(near, ", ") + ", which tools that match srclang exactly will not take as the source"
		}
		r.errorf("srctuv", "line %d: <tu> has no <tuv xml:lang='%s'> (the source language%s)%s", tu.line, src, from, also)
	} else if low[0] != strings.ToLower(src) {
		r.warnf("order", "line %d: the source-language <tuv> is not the first one; translate-toolkit takes the first <tuv> as the source", tu.line)
	}
}

func (c *tmxChecker) chardata(s string) {
	if c.seg == nil || len(c.stack) == 0 {
		return
	}
	// Text of the segment proper: the content of bpt/ept/ph/it/ut is native
	// code, not translatable text.
	if top := c.stack[len(c.stack)-1]; top == "seg" || top == "hi" {
		c.seg.text.WriteString(s)
	}
}

func checkTMXDate(r *report, where, attr, value string) {
	if !tmxDate.MatchString(value) {
		r.errorf("date", "%s: %s='%s' is not in the TMX form YYYYMMDDThhmmssZ (UTC, e.g. 20240131T235959Z)", where, attr, value)
		return
	}
	if _, err := time.Parse("20060102T150405Z", value); err != nil {
		r.errorf("date", "%s: %s='%s' is not a real date/time (%v)", where, attr, value, err)
	}
}

// primary returns the language subtag of a tag, lower-cased.
func primary(tag string) string {
	tag = strings.ToLower(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// pyRepr quotes an attribute value as the reports show it, or None when it
// is absent.
func pyRepr(v string, ok bool) string {
	if !ok {
		return "None"
	}
	return "'" + v + "'"
}
