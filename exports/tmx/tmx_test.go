package tmx

import (
	"bytes"
	"errors"
	"flag"
	"github.com/padan-tm/padan/internal/interop"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/exporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func header() Header {
	return Header{SrcLang: "id", CreationToolVersion: "0.1.0-test", CreationDate: exporttest.Base, Notes: []string{"padan test export"}}
}

// writeAll writes units to a TMX in memory.
func writeAll(t testing.TB, units []exports.Unit) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, header())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if err := w.Write(u); err != nil {
			t.Fatalf("write %s: %v", u.ID, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readAll reads every unit of a TMX.
func readAll(data []byte, name string) ([]exports.Unit, error) {
	r := NewReader(bytes.NewReader(data), name)
	var units []exports.Unit
	for {
		u, err := r.Next()
		if err == io.EOF {
			return units, nil
		}
		if err != nil {
			return units, err
		}
		units = append(units, u)
	}
}

// asTMX returns what a TMX keeps of u: no revision texts but the target, no
// revision list, no match texts.
func asTMX(u exports.Unit) exports.Unit {
	u.Revisions = nil
	if u.Match != nil {
		m := *u.Match
		m.Source, m.Target = "", ""
		u.Match = &m
	}
	if !u.Translator.IsZero() {
		u.Translator.Role = exports.RoleTranslator
		u.Translator.Text = ""
		if u.Editor.IsZero() {
			u.Translator.Text = u.Target
		}
	}
	if !u.Editor.IsZero() {
		u.Editor.Role = exports.RoleEditor
		u.Editor.Text = u.Target
	}
	if len(u.Notes) == 0 {
		u.Notes = nil
	}
	return u
}

func TestWriteGolden(t *testing.T) {
	units := append(exporttest.Tricky(), exporttest.Article(t)[:4]...)
	e := units[len(units)-1]
	e.Notes = []exports.Note{{Text: "tu note"}, {Text: "about the target", AppliesTo: "target"}}
	e.Props = []exports.Prop{{Type: "x-custom", Value: "v"}}
	units[len(units)-1] = e
	got := writeAll(t, units)
	golden := filepath.Join("testdata", "write.tmx")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("written TMX differs from %s (go test -update rewrites it):\n%s", golden, got)
	}
	// The golden file reads back as the units, and writes again identically.
	back, err := readAll(want, golden)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(units) {
		t.Fatalf("read %d units, wrote %d", len(back), len(units))
	}
	for i := range units {
		if w := asTMX(units[i]); !reflect.DeepEqual(back[i], w) {
			t.Errorf("unit %d:\n got %+v\nwant %+v", i, back[i], w)
		}
	}
	if again := writeAll(t, back); !bytes.Equal(again, want) {
		t.Errorf("writing the units read back gives another file:\n%s", again)
	}
}

func TestWriteControlCharacters(t *testing.T) {
	u := exporttest.Tricky()[0]
	u.Source = "a\x00b\x0bc\x1fd\ufffe\uffffe"
	u.Target = "x\x0cy"
	data := writeAll(t, []exports.Unit{u})
	if !bytes.Contains(data, []byte(`<ph type="x-padan-control">U+000B</ph>`)) {
		t.Errorf("no placeholder for U+000B in\n%s", data)
	}
	if bytes.ContainsAny(data, "\x00\x0b\x0c\x1f\ufffe\uffff") {
		t.Errorf("a character XML cannot carry was written raw")
	}
	back, err := readAll(data, "ctl.tmx")
	if err != nil {
		t.Fatal(err)
	}
	if back[0].Source != u.Source || back[0].Target != u.Target || len(back[0].Codes) != 0 {
		t.Errorf("read back %+q / %+q (codes %v), want %+q / %+q", back[0].Source, back[0].Target, back[0].Codes, u.Source, u.Target)
	}
}

func TestWriteRefuses(t *testing.T) {
	base := exporttest.Tricky()[0]
	long := strings.Repeat("a", exports.MaxText+1)
	// variants returns three variants, the last changed by change.
	variants := func(change func(*exports.Variant)) []exports.Variant {
		vs := []exports.Variant{{Lang: "id", Text: "Satu."}, {Lang: "en", Text: "One."}, {Lang: "fr", Text: "Un."}}
		change(&vs[2])
		return vs
	}
	tests := []struct {
		name   string
		change func(*exports.Unit)
		want   error
	}{
		{"no target", func(u *exports.Unit) { u.Target = "" }, exports.ErrNoTarget},
		{"invalid UTF-8", func(u *exports.Unit) { u.Source = "a\xffb" }, exports.ErrInvalidUTF8},
		{"unpaired surrogate", func(u *exports.Unit) { u.Target = "a\xed\xa0\x80b" }, exports.ErrInvalidUTF8},
		{"code rune without code", func(u *exports.Unit) { u.Target = "a\ue005" }, exports.ErrUnknownCode},
		{"bad language", func(u *exports.Unit) { u.TargetLang = "en_US" }, exports.ErrBadLanguage},
		{"bad code content", func(u *exports.Unit) {
			u.Codes = []exports.Code{{Kind: exports.CodePH, Content: "<b"}}
			u.Source = "\ue000"
		}, exports.ErrNotWellFormed},
		{"hi not closed", func(u *exports.Unit) {
			u.Codes = []exports.Code{{Kind: exports.CodeHiStart}}
			u.Source = "\ue000x"
		}, exports.ErrBadValue},
		{"target over MaxText", func(u *exports.Unit) { u.Target = strings.Repeat("a", exports.MaxText+1) }, exports.ErrTooLarge},
		{"note over MaxText", func(u *exports.Unit) { u.Notes = []exports.Note{{Text: strings.Repeat("a", exports.MaxText+1)}} }, exports.ErrTooLarge},
		{"document over MaxText", func(u *exports.Unit) { u.Document = long }, exports.ErrTooLarge},
		{"translator over MaxText", func(u *exports.Unit) { u.Translator.Author = long }, exports.ErrTooLarge},
		{"editor over MaxText", func(u *exports.Unit) { u.Editor.Author = long }, exports.ErrTooLarge},
		{"match origin over MaxText", func(u *exports.Unit) { u.Match = &exports.Match{Score: 90, Origin: long} }, exports.ErrTooLarge},
		{"prop over MaxText", func(u *exports.Unit) { u.Props = []exports.Prop{{Type: "x-a", Value: long}} }, exports.ErrTooLarge},
		{"variant author over MaxText", func(u *exports.Unit) { u.Variants = variants(func(v *exports.Variant) { v.Change.Author = long }) }, exports.ErrTooLarge},
		{"variant note over MaxText", func(u *exports.Unit) {
			u.Variants = variants(func(v *exports.Variant) { v.Notes = []exports.Note{{Text: long}} })
		}, exports.ErrTooLarge},
		{"variant prop over MaxText", func(u *exports.Unit) {
			u.Variants = variants(func(v *exports.Variant) { v.Props = []exports.Prop{{Type: "x-a", Value: long}} })
		}, exports.ErrTooLarge},
		{"code over MaxText", func(u *exports.Unit) {
			u.Codes = []exports.Code{{Kind: exports.CodePH, Content: strings.Repeat("a", exports.MaxText+1)}}
			u.Source = "\ue000"
		}, exports.ErrTooLarge},
		{"unit over MaxUnitBytes", func(u *exports.Unit) { u.Notes = bigNotes(4) }, exports.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewWriter(&buf, header())
			if err != nil {
				t.Fatal(err)
			}
			u := base
			tt.change(&u)
			if err := w.Write(u); !errors.Is(err, tt.want) {
				t.Fatalf("Write = %v, want %v", err, tt.want)
			}
			// The writer stays usable and the file stays valid.
			if err := w.Write(base); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			units, err := readAll(buf.Bytes(), "refused.tmx")
			if err != nil || len(units) != 1 {
				t.Fatalf("after a refused unit: %d units, %v", len(units), err)
			}
		})
	}
	if _, err := NewWriter(io.Discard, Header{SrcLang: "id"}); !errors.Is(err, exports.ErrMissingAttr) {
		t.Errorf("header without version: %v", err)
	}
	if _, err := NewWriter(io.Discard, Header{SrcLang: "id_ID", CreationToolVersion: "1"}); !errors.Is(err, exports.ErrBadLanguage) {
		t.Errorf("header with id_ID: %v", err)
	}
}

func TestRoundTripRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var units []exports.Unit
	for i := range 500 {
		u := exporttest.Random(rng, i)
		if u.Target == "" {
			continue
		}
		units = append(units, u)
	}
	data := writeAll(t, units)
	back, err := readAll(data, "random.tmx")
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(units) {
		t.Fatalf("read %d units, wrote %d", len(back), len(units))
	}
	for i := range units {
		if w := asTMX(units[i]); !reflect.DeepEqual(back[i], w) {
			t.Errorf("unit %d:\n got %#v\nwant %#v", i, back[i], w)
		}
	}
}

func TestReadFeatures(t *testing.T) {
	utf16 := func(s string) []byte {
		b := []byte{0xFF, 0xFE}
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		return b
	}
	const multi = `<?xml version="1.0"?>
<tmx version="1.4"><header srclang="*all*" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>
<body><tu><tuv lang="fr"><seg>Bonjour</seg></tuv><tuv xml:lang="en-GB"><seg>Hello</seg></tuv><tuv xml:lang="de"><seg>Hallo</seg></tuv></tu></body></tmx>`
	tests := []struct {
		name, file string
		data       []byte
		target     string
		want       []string // source, target of each unit
		variants   int
	}{
		{name: "utf-16 with BOM", data: utf16(strings.Replace(multi, `<?xml version="1.0"?>`, `<?xml version="1.0" encoding="UTF-16"?>`, 1)), want: []string{"Bonjour", "Hello"}, variants: 3},
		{name: "*all* and lang", data: []byte(multi), want: []string{"Bonjour", "Hello"}, variants: 3},
		{name: "target chosen", data: []byte(multi), target: "de", want: []string{"Bonjour", "Hallo"}, variants: 3},
		{name: "target by primary subtag", data: []byte(multi), target: "en-US", want: []string{"Bonjour", "Hello"}, variants: 3},
		{name: "utf-8 BOM, level 2 with sub and hi", data: []byte("\xEF\xBB\xBF" + `<tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="html"/>
<body><tu><tuv xml:lang="EN"><seg>A <hi type="x-term">big <ph type="link">&lt;a title="<sub>T &amp; c</sub>"&gt;</ph></hi><ut>{\b}</ut><it pos="end">&lt;/i&gt;</it></seg></tuv><tuv xml:lang="id"><seg>B</seg></tuv></tu></body></tmx>`),
			want: []string{"A \ue000big \ue001\ue002\ue003\ue004", "B"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(bytes.NewReader(tt.data), "t.tmx")
			r.TargetLang = tt.target
			var got []string
			var variants int
			var last exports.Unit
			for {
				u, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, u.Source, u.Target)
				variants += len(u.Variants)
				last = u
			}
			if !reflect.DeepEqual(got, tt.want) || variants != tt.variants {
				t.Errorf("got %q with %d variants, want %q with %d", got, variants, tt.want, tt.variants)
			}
			if strings.HasPrefix(tt.name, "utf-8 BOM") {
				want := []exports.Code{
					{Kind: exports.CodeHiStart, Type: "x-term"},
					{Kind: exports.CodePH, Type: "link", Content: `&lt;a title="<sub>T &amp; c</sub>"&gt;`},
					{Kind: exports.CodeHiEnd},
					{Kind: exports.CodeUT, Content: `{\b}`},
					{Kind: exports.CodeIT, Pos: "end", Content: "&lt;/i&gt;"},
				}
				if !reflect.DeepEqual(last.Codes, want) {
					t.Errorf("codes %+v\nwant %+v", last.Codes, want)
				}
				// Written again, the codes come out as they came in.
				last.Status = exports.StatusTranslated
				out := writeAll(t, []exports.Unit{last})
				if !bytes.Contains(out, []byte(`<hi type="x-term">big <ph type="link">&lt;a title="<sub>T &amp; c</sub>"&gt;</ph></hi><ut>{\b}</ut><it pos="end">&lt;/i&gt;</it>`)) {
					t.Errorf("codes written as\n%s", out)
				}
			}
		})
	}
}

func TestReadPrivateUseText(t *testing.T) {
	data := []byte(`<tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>
<body><tu><tuv xml:lang="en"><seg>icon &#xE000; <ph>x</ph></seg></tuv><tuv xml:lang="id"><seg>ikon &#xE000;<ph>x</ph></seg></tuv></tu></body></tmx>`)
	units, err := readAll(data, "pua.tmx")
	if err != nil {
		t.Fatal(err)
	}
	u := units[0]
	if u.Source != "icon \ue000 \ue001" || u.Target != "ikon \ue000\ue001" || u.Codes[0].Kind != exports.CodeChar {
		t.Fatalf("got %+q %+q %+v", u.Source, u.Target, u.Codes)
	}
	if s := exports.StripCodes(u.Source, u.Codes); s != "icon \ue000 " {
		t.Errorf("StripCodes = %+q", s)
	}
	again, err := readAll(writeAll(t, units), "pua2.tmx")
	if err != nil || !reflect.DeepEqual(again[0].Codes, u.Codes) || again[0].Source != u.Source {
		t.Errorf("round trip: %+v, %v", again, err)
	}
}

const okHeader = `<header srclang="id" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>`

func TestReadHostile(t *testing.T) {
	tu := `<tu><tuv xml:lang="id"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`
	good := `<tmx version="1.4">` + okHeader + "\n<body>" + tu + "</body></tmx>"
	deep := strings.Repeat("<hi>", 10000)
	tests := []struct {
		name string
		data string
		kind error
		line int
	}{
		{"malformed", `<tmx version="1.4">` + okHeader + "\n<body><tu></tuv></body></tmx>", exports.ErrNotWellFormed, 2},
		{"wrong root", `<?xml version="1.0"?>` + "\n<xliff/>", exports.ErrWrongRoot, 2},
		{"not XML", "hello", exports.ErrWrongRoot, 1},
		{"empty", "", exports.ErrNotWellFormed, 1},
		{"missing srclang", `<tmx version="1.4">` + "\n" + strings.Replace(okHeader, `srclang="id"`, "", 1) + "<body/></tmx>", exports.ErrMissingAttr, 2},
		{"entity bomb", `<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<tmx version="1.4">` + okHeader + `<body><tu><tuv xml:lang="id"><seg>&c;</seg></tuv></tu></body></tmx>`, exports.ErrEntity, 2},
		{"external entity declared", `<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4">` + okHeader + "<body>" + tu + "</body></tmx>", exports.ErrEntity, 2},
		{"undeclared entity", `<tmx version="1.4">` + okHeader + "\n" + `<body><tu><tuv xml:lang="id"><seg>&xxe;</seg></tuv></tu></body></tmx>`, exports.ErrEntity, 2},
		{"deep nesting", `<tmx version="1.4">` + okHeader + "\n" + `<body><tu><tuv xml:lang="id"><seg>` + deep, exports.ErrTooDeep, 2},
		{"truncated", good[:len(good)-20], exports.ErrNotWellFormed, 2},
		{"control character", strings.Replace(good, "<seg>a", "<seg>a&#xB;", 1), exports.ErrNotWellFormed, 2},
		{"latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?>` + "\n" + good, exports.ErrEncoding, 1},
		{"bad date", strings.Replace(good, "<tu>", "<tu creationdate=\"2023-09-12\">", 1), exports.ErrBadValue, 2},
		{"single tuv", `<tmx version="1.4">` + okHeader + "\n<body><tu>\n" + `<tuv xml:lang="id"><seg>a</seg></tuv></tu></body></tmx>`, exports.ErrBadValue, 2},
		{"no source tuv", strings.Replace(good, `xml:lang="id"`, `xml:lang="fr"`, 1), exports.ErrBadValue, 2},
		{"tuv without language", strings.Replace(good, ` xml:lang="en"`, "", 1), exports.ErrMissingAttr, 2},
		{"unpaired bpt", strings.Replace(good, "<seg>a", `<seg><bpt i="1">&lt;b&gt;</bpt>a`, 1), exports.ErrBadValue, 2},
		{"ept without bpt", strings.Replace(good, "<seg>a", `<seg><ept i="1">&lt;/b&gt;</ept>a`, 1), exports.ErrBadValue, 2},
		{"element after root", good + "<tmx/>", exports.ErrNotWellFormed, 2},
		{"unknown element in seg", strings.Replace(good, "<seg>a", "<seg><b>a</b>", 1), exports.ErrNotWellFormed, 2},
		{"surrogate reference", strings.Replace(good, "<seg>a", "<seg>a&#xD800;", 1), exports.ErrNotWellFormed, 2},
		{"surrogate reference, decimal", strings.Replace(good, "<seg>a", "<seg>\n&#57343;", 1), exports.ErrNotWellFormed, 3},
		{"surrogate reference in an attribute", strings.Replace(good, "<tu>", `<tu tuid="&#xdfff;">`, 1), exports.ErrNotWellFormed, 2},
		{"invalid UTF-8 in a comment", strings.Replace(good, "<body>", "<body><!-- \xff -->", 1), exports.ErrNotWellFormed, 2},
		{"control character in a comment", strings.Replace(good, "<body>", "<body>\n<!-- \x01 -->", 1), exports.ErrNotWellFormed, 3},
		{"invalid UTF-8 in a processing instruction", strings.Replace(good, "<body>", "<body><?pi \xc3?>", 1), exports.ErrNotWellFormed, 2},
		{"UTF-8 declared UTF-16", `<?xml version="1.0" encoding="UTF-16"?>` + "\n" + good, exports.ErrEncoding, 1},
		{"lone surrogate in UTF-16", string(utf16LE("\uFEFF"+strings.Replace(good, "<seg>a", "<seg>\n\x00", 1), 0xD801)), exports.ErrNotWellFormed, 3},
		{"lone low surrogate in UTF-16", string(utf16LE(`<?xml version="1.0" encoding="UTF-16"?>`+"\n"+strings.Replace(good, "<seg>a", "<seg>\x00", 1), 0xDC01)), exports.ErrNotWellFormed, 3},
		{"odd UTF-16", string(utf16LE("\uFEFF"+good, 0)) + "x", exports.ErrNotWellFormed, 2},
		{"unknown version", strings.Replace(good, `version="1.4"`, `version="9.0"`, 1), exports.ErrBadValue, 1},
		{"too many tuv", `<tmx version="1.4">` + okHeader + "\n<body><tu>\n" + `<tuv xml:lang="id"><seg>a</seg></tuv>` +
			strings.Repeat(`<tuv xml:lang="en"><seg>b</seg></tuv>`, MaxVariants) + "</tu></body></tmx>", exports.ErrTooLarge, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll([]byte(tt.data), "bad.tmx")
			var se *exports.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T), want a *SyntaxError", err, err)
			}
			if !errors.Is(err, tt.kind) || se.File != "bad.tmx" || se.Line != tt.line {
				t.Errorf("got %v (line %d, kind %v), want kind %v at line %d", err, se.Line, se.Kind, tt.kind, tt.line)
			}
		})
	}
}

// utf16LE encodes s as UTF-16LE, with the code unit nul (if not 0) in
// place of each NUL character, to put lone surrogates in.
func utf16LE(s string, nul uint16) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		if u == 0 {
			u = nul
		}
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// hugeReader yields a TMX whose single seg is n bytes long, without holding it.
type hugeReader struct {
	head, tail []byte
	n          int64
}

func (h *hugeReader) Read(p []byte) (int, error) {
	switch {
	case len(h.head) > 0:
		n := copy(p, h.head)
		h.head = h.head[n:]
		return n, nil
	case h.n > 0:
		m := min(int64(len(p)), h.n)
		for i := range p[:m] {
			p[i] = 'a'
		}
		h.n -= m
		return int(m), nil
	case len(h.tail) > 0:
		n := copy(p, h.tail)
		h.tail = h.tail[n:]
		return n, nil
	}
	return 0, io.EOF
}

func TestReadHugeElement(t *testing.T) {
	for _, tt := range []struct {
		name string
		mid  string
		n    int64
	}{
		{"1 GB text", "", 1 << 30},
		{"1 GB text in many pieces", "", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var src io.Reader
			head := `<tmx version="1.4">` + okHeader + "\n<body><tu><tuv xml:lang=\"id\"><seg>"
			if tt.n > 0 {
				src = &hugeReader{head: []byte(head), n: tt.n, tail: []byte("</seg></tuv></tu></body></tmx>")}
			} else {
				// 2 MiB of text split by comments: no single token is large,
				// the segment is.
				piece := strings.Repeat("a", 1000) + "<!---->"
				src = strings.NewReader(head + strings.Repeat(piece, 2100) + "</seg></tuv></tu></body></tmx>")
			}
			start := time.Now()
			r := NewReader(src, "huge.tmx")
			_, err := r.Next()
			if !errors.Is(err, exports.ErrTooLarge) {
				t.Fatalf("got %v, want ErrTooLarge", err)
			}
			var se *exports.SyntaxError
			if !errors.As(err, &se) || se.Line != 2 {
				t.Errorf("error %v: want line 2", err)
			}
			t.Logf("refused after %v: %v", time.Since(start), err)
		})
	}
}

func TestSamples(t *testing.T) {
	dir := interop.SamplesDir()
	tests := []struct {
		file  string
		units int
		kind  error // nil: valid
	}{
		{"valid-id-en.tmx", 6, nil},
		{"warn-utf16-srclang-all.tmx", 1, nil},
		{"warn-empty-body.tmx", 0, nil},
		// TMX 1.1's lang is deprecated in 1.4b but read, as OmegaT does.
		{"invalid-no-xml-lang.tmx", 1, nil},
		{"invalid-missing-srclang.tmx", 0, exports.ErrMissingAttr},
		{"invalid-bad-date.tmx", 0, exports.ErrBadValue},
		{"invalid-single-tuv.tmx", 0, exports.ErrBadValue},
		{"invalid-control-char.tmx", 0, exports.ErrNotWellFormed},
		{"invalid-unpaired-bpt.tmx", 0, exports.ErrBadValue},
		{"invalid-latin1.tmx", 0, exports.ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			units, err := readAll(data, tt.file)
			if tt.kind == nil {
				if err != nil || len(units) != tt.units {
					t.Fatalf("read %d units, %v; want %d", len(units), err, tt.units)
				}
				return
			}
			if !errors.Is(err, tt.kind) {
				t.Fatalf("got %v, want %v", err, tt.kind)
			}
		})
	}
	// The valid sample's facts.
	data, _ := os.ReadFile(filepath.Join(dir, "valid-id-en.tmx"))
	units, _ := readAll(data, "valid-id-en.tmx")
	u := units[0]
	want := exports.Revision{Role: exports.RoleEditor, Text: u.Target, Author: "atman", Time: time.Date(2023, 9, 12, 9, 30, 0, 0, time.UTC)}
	if u.Status != exports.StatusReviewed || u.Translator.Author != "jafar" || u.Editor != want {
		t.Errorf("unit 1: status %v, translator %+v, editor %+v", u.Status, u.Translator, u.Editor)
	}
	if units[5].Codes[0].Content != "&lt;b&gt;" || !strings.Contains(units[4].Source, "\u00a0") {
		t.Errorf("units 5 and 6: %+v", units[4:])
	}
}

// TestWriteVisible checks that names, notes and properties holding
// characters XML cannot carry (as an old database may) are written visibly
// as \u000B, and bytes that are not UTF-8 as U+FFFD, never failing.
func TestWriteVisible(t *testing.T) {
	u := exporttest.Tricky()[0]
	u.Translator.Author = "Jafar\vSidik"
	u.Editor = exports.Revision{Role: exports.RoleEditor, Author: "Atman\x1b", Time: u.Translator.Time}
	u.Document = "doc\x00"
	u.Notes = []exports.Note{{Text: "note\x02\xff", AppliesTo: "target"}}
	u.Props = []exports.Prop{{Type: "x-a", Value: "v\uFFFF"}}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, header())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(u); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	for _, want := range []string{`creationid="Jafar\u000BSidik"`, `changeid="Atman\u001B"`, `doc\u0000`, "note\\u0002\uFFFD", `v\uFFFF`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("no %s in\n%s", want, data)
		}
	}
	back, err := readAll(data, "visible.tmx")
	if err != nil || len(back) != 1 {
		t.Fatalf("read back: %v", err)
	}
	if back[0].Translator.Author != `Jafar\u000BSidik` {
		t.Errorf("author read back %q", back[0].Translator.Author)
	}
}

// bigNotes returns n notes of exports.MaxText ampersands, each 5 MiB of
// XML once escaped.
func bigNotes(n int) []exports.Note {
	notes := make([]exports.Note, n)
	for i := range notes {
		notes[i].Text = strings.Repeat("&", exports.MaxText)
	}
	return notes
}

// TestLimitsAgree: what the writer writes at the limits (texts of MaxText
// bytes that escape to five times that, a unit just under MaxUnitBytes of
// XML, control characters written as placeholders) the reader reads back;
// what goes beyond, the writer refuses (see TestWriteRefuses).
func TestLimitsAgree(t *testing.T) {
	base := exporttest.Tricky()[0]
	base.Codes = nil
	base.Source = strings.Repeat("<", exports.MaxText)
	base.Target = strings.Repeat("&", exports.MaxText-1) + "\x0b"
	base.Variants, base.Match = nil, nil
	big := base
	big.ID = "s2"
	big.Source, big.Target = "Satu.", "One."
	big.Notes = bigNotes(3) // 15 MiB of XML
	units, err := readAll(writeAll(t, []exports.Unit{base, big}), "limits.tmx")
	if err != nil {
		t.Fatalf("padan cannot read what it wrote: %v", err)
	}
	if len(units) != 2 || units[0].Target != base.Target || units[0].Source != base.Source || len(units[1].Notes) != 3 {
		t.Fatalf("read back %d units", len(units))
	}
}
