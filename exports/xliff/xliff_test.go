package xliff

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"github.com/padan-tm/padan/internal/interop"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/exporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func options() Options {
	return Options{SourceLang: "id", TargetLang: "en", ToolVersion: "0.1.0-test"}
}

type writer interface {
	Write(exports.Unit) error
	Close() error
}

// format is one of the two XLIFF versions under test.
type format struct {
	name    string
	newW    func(io.Writer, Options) (writer, error)
	expect  func(exports.Unit) exports.Unit // what reading back gives
	version string
}

var formats = []format{
	{"1.2", func(w io.Writer, o Options) (writer, error) { return NewWriter12(w, o) }, as12, "1.2"},
	{"2.0", func(w io.Writer, o Options) (writer, error) { return NewWriter20(w, o) }, as20, "2.0"},
}

func (f format) write(t testing.TB, o Options, units []exports.Unit) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := f.newW(&buf, o)
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

func readAll(data []byte, name string) ([]exports.Unit, string, error) {
	r := NewReader(bytes.NewReader(data), name)
	var units []exports.Unit
	for {
		u, err := r.Next()
		if err == io.EOF {
			v, _ := r.Version()
			return units, v, nil
		}
		if err != nil {
			return units, "", err
		}
		units = append(units, u)
	}
}

// as12 is what XLIFF 1.2 keeps of u: the translator's text only as an
// alt-trans when the editor changed it, no revision list, no props, no x on
// paired codes.
func as12(u exports.Unit) exports.Unit {
	u.Revisions, u.Props, u.Variants = nil, nil, nil
	if !u.Translator.IsZero() {
		u.Translator.Role = exports.RoleTranslator
		if u.Editor.IsZero() || u.Translator.Text == "" {
			u.Translator.Text = u.Target
		}
	}
	if !u.Editor.IsZero() {
		u.Editor.Role, u.Editor.Text = exports.RoleEditor, u.Target
	}
	if u.Codes != nil {
		codes := append([]exports.Code(nil), u.Codes...)
		for i := range codes {
			if codes[i].Kind == exports.CodeBPT || codes[i].Kind == exports.CodeEPT {
				codes[i].X = ""
			}
		}
		u.Codes = codes
	}
	return u
}

// as20 is what XLIFF 2.0 keeps of u: everything but props, with the
// revision list made from the translator's and editor's revisions when the
// unit has none.
func as20(u exports.Unit) exports.Unit {
	u.Props, u.Variants = nil, nil
	u.Revisions = revisions(u)
	return u
}

func TestWriteGolden(t *testing.T) {
	units := append(exporttest.Tricky(), exporttest.Article(t)[:4]...)
	units[1].Status = exports.StatusInitial
	units[1].Target, units[1].Translator = "", exports.Revision{}
	units[2].Match = &exports.Match{Score: 87.5, Origin: "padan-tm", Source: "spasi di depan", Target: "leading spaces"}
	units[2].Status = exports.StatusInitial
	units[2].Translator = exports.Revision{}
	units[len(units)-1].Notes = []exports.Note{{Text: "general note"}, {Text: `"possible" reads better`, From: "Atman Ahdiat", AppliesTo: "target"}}
	units[len(units)-1].Status = exports.StatusFinal
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			got := f.write(t, options(), units)
			golden := filepath.Join("testdata", "write-"+f.name+".xlf")
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
				t.Errorf("written XLIFF differs from %s (go test -update rewrites it):\n%s", golden, got)
			}
			back, v, err := readAll(want, golden)
			if err != nil {
				t.Fatal(err)
			}
			if v != f.version || len(back) != len(units) {
				t.Fatalf("read version %s, %d units; want %s, %d", v, len(back), f.version, len(units))
			}
			for i := range units {
				if w := f.expect(units[i]); !reflect.DeepEqual(back[i], w) {
					t.Errorf("unit %d:\n got %#v\nwant %#v", i, back[i], w)
				}
			}
			if again := f.write(t, options(), back); !bytes.Equal(again, want) {
				t.Errorf("writing the units read back gives another file:\n%s", again)
			}
		})
	}
}

func TestRoundTripRandom(t *testing.T) {
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 4))
			var units []exports.Unit
			for i := range 600 {
				units = append(units, exporttest.Random(rng, i))
			}
			// Units of a document come together.
			sortByDoc(units)
			data := f.write(t, options(), units)
			back, _, err := readAll(data, "random.xlf")
			if err != nil {
				t.Fatal(err)
			}
			if len(back) != len(units) {
				t.Fatalf("read %d units, wrote %d", len(back), len(units))
			}
			for i := range units {
				if w := f.expect(units[i]); !reflect.DeepEqual(back[i], w) {
					t.Errorf("unit %d:\n got %#v\nwant %#v", i, back[i], w)
				}
			}
		})
	}
}

func sortByDoc(units []exports.Unit) {
	var out []exports.Unit
	for _, d := range []string{"doc-0.txt", "doc-1.txt", "doc-2.txt"} {
		for _, u := range units {
			if u.Document == d {
				out = append(out, u)
			}
		}
	}
	copy(units, out)
}

func TestControlCharacters(t *testing.T) {
	u := exporttest.Tricky()[3]
	u.Source = "a\x00b\x0bc\x1fd\ufffe\uffffe" + u.Source
	u.Target = "x\x0cy" + u.Target
	u.Translator.Text = u.Target
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			u := u
			if f.name == "2.0" {
				// XLIFF 2.0 carries them in a code's original data too.
				u.Codes = append([]exports.Code(nil), u.Codes...)
				u.Codes[2].Content = "&lt;br\x01/&gt;"
			}
			data := f.write(t, options(), []exports.Unit{u})
			if bytes.ContainsAny(data, "\x00\x01\x0b\x0c\x1f\ufffe\uffff") {
				t.Errorf("a character XML cannot carry was written raw:\n%s", data)
			}
			back, _, err := readAll(data, "ctl.xlf")
			if err != nil {
				t.Fatal(err)
			}
			if w := f.expect(u); !reflect.DeepEqual(back[0], w) {
				t.Errorf("got  %#v\nwant %#v", back[0], w)
			}
		})
	}
}

func TestWriteRefuses(t *testing.T) {
	base := exporttest.Tricky()[0]
	long := strings.Repeat("a", exports.MaxText+1)
	tests := []struct {
		name   string
		change func(*exports.Unit)
		want   error
	}{
		{"invalid UTF-8", func(u *exports.Unit) { u.Source = "a\xffb" }, exports.ErrInvalidUTF8},
		{"unpaired surrogate", func(u *exports.Unit) { u.Target = "a\xed\xa0\x80b" }, exports.ErrInvalidUTF8},
		{"code rune without code", func(u *exports.Unit) { u.Target = "a\ue005" }, exports.ErrUnknownCode},
		{"other languages", func(u *exports.Unit) { u.TargetLang = "fr" }, exports.ErrBadLanguage},
		{"no id", func(u *exports.Unit) { u.ID = "" }, exports.ErrBadID},
		{"target over MaxText", func(u *exports.Unit) { u.Target = strings.Repeat("a", exports.MaxText+1) }, exports.ErrTooLarge},
		{"note over MaxText", func(u *exports.Unit) { u.Notes = []exports.Note{{Text: strings.Repeat("a", exports.MaxText+1)}} }, exports.ErrTooLarge},
		{"document over MaxText", func(u *exports.Unit) { u.Document = long }, exports.ErrTooLarge},
		{"translator over MaxText", func(u *exports.Unit) { u.Translator.Author = long }, exports.ErrTooLarge},
		{"editor over MaxText", func(u *exports.Unit) { u.Editor.Author = long }, exports.ErrTooLarge},
		{"match origin over MaxText", func(u *exports.Unit) { u.Match = &exports.Match{Score: 90, Origin: long} }, exports.ErrTooLarge},
		{"revision author over MaxText", func(u *exports.Unit) {
			u.Revisions = []exports.Revision{{Role: exports.RoleTranslator, Text: "One.", Author: long}}
		}, exports.ErrTooLarge},
		{"note author over MaxText", func(u *exports.Unit) { u.Notes = []exports.Note{{Text: "a", From: long}} }, exports.ErrTooLarge},
		{"unit over MaxUnitBytes", func(u *exports.Unit) { u.Notes = bigNotes(4) }, exports.ErrTooLarge},
		{"hi not closed", func(u *exports.Unit) {
			u.Codes = []exports.Code{{Kind: exports.CodeHiStart}}
			u.Source = "\ue000x"
		}, exports.ErrBadValue},
	}
	for _, f := range formats {
		for _, tt := range tests {
			t.Run(f.name+"/"+tt.name, func(t *testing.T) {
				var buf bytes.Buffer
				w, err := f.newW(&buf, options())
				if err != nil {
					t.Fatal(err)
				}
				u := base
				tt.change(&u)
				if err := w.Write(u); !errors.Is(err, tt.want) {
					t.Fatalf("Write = %v, want %v", err, tt.want)
				}
				if err := w.Write(base); err != nil {
					t.Fatal(err)
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				units, _, err := readAll(buf.Bytes(), "refused.xlf")
				if err != nil || len(units) != 1 {
					t.Fatalf("after a refused unit: %d units, %v", len(units), err)
				}
			})
		}
	}
	if _, err := NewWriter20(io.Discard, Options{SourceLang: "id", TargetLang: "en_GB", ToolVersion: "1"}); !errors.Is(err, exports.ErrBadLanguage) {
		t.Errorf("en_GB: %v", err)
	}
	bad := base
	bad.ID = "has space"
	if err := must20(t).Write(bad); !errors.Is(err, exports.ErrBadID) {
		t.Errorf("XLIFF 2 id with a space: %v", err)
	}
	var buf bytes.Buffer
	w := must20(t)
	w.w.Reset(&buf)
	if err := w.Close(); !errors.Is(err, exports.ErrEmpty) || buf.Len() != 0 {
		t.Errorf("empty XLIFF 2: %v, %d bytes written", err, buf.Len())
	}
}

func must20(t *testing.T) *Writer20 {
	w, err := NewWriter20(io.Discard, options())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestCopySource(t *testing.T) {
	u := exporttest.Tricky()[1]
	u.Status, u.Target, u.Translator = exports.StatusInitial, "", exports.Revision{}
	o := options()
	o.CopySource = true
	data := formats[0].write(t, o, []exports.Unit{u})
	if !bytes.Contains(data, []byte(`state="new">Warganet`)) {
		t.Errorf("no copy of the source in the target:\n%s", data)
	}
	back, _, err := readAll(data, "copy.xlf")
	if err != nil || back[0].Target != "" || back[0].Status != exports.StatusInitial {
		t.Fatalf("read back %+v, %v", back, err)
	}
	// A CAT tool translated the copy: the translation comes back.
	data = bytes.Replace(data, []byte(`state="new">Warganet 🤝 dan 🚀`), []byte(`state="new">Netizens 🤝 and 🚀`), 1)
	back, _, err = readAll(data, "copy.xlf")
	if err != nil || !strings.HasPrefix(back[0].Target, "Netizens") {
		t.Fatalf("read back %+v, %v", back, err)
	}
}

func TestReadForeign(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string // source, target, status of each unit
		codes      []exports.Code
	}{
		{"1.2 g x bx ex mrk", `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" target-language="id" datatype="html"><body>
<group><trans-unit id="1"><source>A <g id="1" ctype="bold">b</g><x id="2"/><bx id="3"/>c<ex id="3"/> <mrk mtype="term">t</mrk></source><target state="needs-review-translation">B</target></trans-unit></group>
<trans-unit id="2" approved="yes"><source>x</source><target>y</target></trans-unit></body></file></xliff>`,
			[]string{"A \ue000b\ue001\ue002\ue003c\ue004 \ue005t\ue006", "B", "translated", "x", "y", "translated"},
			[]exports.Code{{Kind: exports.CodeBPT, I: "1", Type: "bold"}, {Kind: exports.CodeEPT, I: "1"}, {Kind: exports.CodePH, X: "2"},
				{Kind: exports.CodeBPT, I: "3"}, {Kind: exports.CodeEPT, I: "3"}, {Kind: exports.CodeHiStart, Type: "term"}, {Kind: exports.CodeHiEnd}}},
		{"2.0 pc ph sc ec mrk cp, two segments", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="id"><file id="f"><group id="g"><unit id="u">
<originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data><data id="d3">&lt;br/&gt;<cp hex="0001"/></data></originalData>
<segment state="reviewed"><source>A <pc id="1" dataRefStart="d1" dataRefEnd="d2">b</pc><ph id="2" dataRef="d3"/><cp hex="000B"/></source><target>B</target></segment>
<ignorable><source> </source></ignorable><segment state="translated"><source><sc id="3" isolated="yes"/>C<mrk id="m" type="term">t</mrk></source><target>D</target></segment></unit></group></file></xliff>`,
			[]string{"A \ue000b\ue001\ue002\x0b \ue003C\ue004t\ue005", "BD", "translated"},
			[]exports.Code{{Kind: exports.CodeBPT, I: "1", Content: "&lt;b&gt;"}, {Kind: exports.CodeEPT, I: "1", Content: "&lt;/b&gt;"},
				{Kind: exports.CodePH, X: "2", Content: "&lt;br/&gt;\x01"}, {Kind: exports.CodeIT, X: "3", Pos: "begin"},
				{Kind: exports.CodeHiStart, Type: "term"}, {Kind: exports.CodeHiEnd}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units, _, err := readAll([]byte(tt.data), "foreign.xlf")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, u := range units {
				got = append(got, u.Source, u.Target, string(u.Status))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+q\nwant %+q", got, tt.want)
			}
			if !reflect.DeepEqual(units[0].Codes, tt.codes) {
				t.Errorf("codes %+v\nwant %+v", units[0].Codes, tt.codes)
			}
		})
	}
}

func TestReadHostile(t *testing.T) {
	good12 := `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">` + "\n" + `<file original="a" source-language="id" target-language="en" datatype="plaintext"><body><trans-unit id="1"><source>a</source></trans-unit></body></file></xliff>`
	good20 := `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="id">` + "\n" + `<file id="f"><unit id="u"><segment><source>a</source></segment></unit></file></xliff>`
	tests := []struct {
		name string
		data string
		kind error
		line int
	}{
		{"malformed", strings.Replace(good12, "</source>", "</target>", 1), exports.ErrNotWellFormed, 2},
		{"wrong root", "<tmx/>", exports.ErrWrongRoot, 1},
		{"2.1 namespace", strings.Replace(good20, "document:2.0", "document:2.1", 1), exports.ErrBadValue, 1},
		{"unknown 1.x version", strings.Replace(strings.Replace(good12, ` xmlns="urn:oasis:names:tc:xliff:document:1.2"`, "", 1), `"1.2"`, `"1.9"`, 1), exports.ErrBadValue, 1},
		{"no srcLang", strings.Replace(good20, ` srcLang="id"`, "", 1), exports.ErrMissingAttr, 1},
		{"no source-language", strings.Replace(good12, ` source-language="id"`, "", 1), exports.ErrMissingAttr, 2},
		{"entity bomb", "<!DOCTYPE xliff [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n" + strings.Replace(good12, "<source>a", "<source>&b;", 1), exports.ErrEntity, 1},
		{"external entity", "<!DOCTYPE xliff [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n" + good12, exports.ErrEntity, 1},
		{"undeclared entity", strings.Replace(good20, "<source>a", "<source>&x;", 1), exports.ErrEntity, 2},
		{"deep nesting", strings.Replace(good20, "<source>a", "<source>"+strings.Repeat(`<pc id="1">`, 10000), 1), exports.ErrTooDeep, 2},
		{"truncated", good20[:len(good20)-30], exports.ErrNotWellFormed, 2},
		{"control character", strings.Replace(good12, "<source>a", "<source>&#x1;", 1), exports.ErrNotWellFormed, 2},
		{"utf-16 declared on utf-8", `<?xml version="1.0" encoding="windows-1252"?>` + good12, exports.ErrEncoding, 1},
		{"bad state", strings.Replace(good20, "<segment>", `<segment state="done">`, 1), exports.ErrBadValue, 2},
		{"unit without id", strings.Replace(good20, ` id="u"`, "", 1), exports.ErrMissingAttr, 2},
		{"trans-unit without id", strings.Replace(good12, ` id="1"`, "", 1), exports.ErrMissingAttr, 2},
		{"duplicate unit id", strings.Replace(good20, "</unit>", `</unit><unit id="u"><segment><source>b</source></segment></unit>`, 1), exports.ErrBadValue, 2},
		{"duplicate padan id", strings.Replace(strings.Replace(good20, `id="u"`, `id="s7"`, 1), "</unit>", `</unit><unit id="s8"><segment><source>b</source></segment></unit><unit id="s7"><segment><source>c</source></segment></unit>`, 1), exports.ErrBadValue, 2},
		{"duplicate trans-unit id", strings.Replace(strings.Replace(good12, `id="1"`, `id="s12"`, 1), "</trans-unit>", `</trans-unit><trans-unit id="s12"><source>b</source></trans-unit>`, 1), exports.ErrBadValue, 2},
		{"missing data", strings.Replace(good20, "<source>a", `<source><ph id="1" dataRef="d9"/>`, 1), exports.ErrBadValue, 2},
		{"bad date", strings.Replace(good20, "<segment>", `<ctr:changeTrack xmlns:ctr="urn:oasis:names:tc:xliff:changetracking:2.0"><ctr:revisions appliesTo="target"><ctr:revision datetime="yesterday"><ctr:item property="content">x</ctr:item></ctr:revision></ctr:revisions></ctr:changeTrack><segment>`, 1), exports.ErrBadValue, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll([]byte(tt.data), "bad.xlf")
			var se *exports.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T), want a *SyntaxError", err, err)
			}
			if !errors.Is(err, tt.kind) || se.File != "bad.xlf" || se.Line != tt.line {
				t.Errorf("got %v (line %d, kind %v), want kind %v at line %d", err, se.Line, se.Kind, tt.kind, tt.line)
			}
		})
	}
}

// endless yields an XLIFF whose single source is n bytes long, without
// holding it.
type endless struct {
	head []byte
	n    int64
}

func (e *endless) Read(p []byte) (int, error) {
	if len(e.head) > 0 {
		n := copy(p, e.head)
		e.head = e.head[n:]
		return n, nil
	}
	if e.n <= 0 {
		return 0, io.EOF
	}
	m := min(int64(len(p)), e.n)
	for i := range p[:m] {
		p[i] = 'a'
	}
	e.n -= m
	return int(m), nil
}

func TestReadHugeElement(t *testing.T) {
	head := `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="id">` + "\n" + `<file id="f"><unit id="u"><segment><source>`
	_, _, err := readAll(nil, "")
	_ = err
	r := NewReader(&endless{head: []byte(head), n: 1 << 30}, "huge.xlf")
	_, err = r.Next()
	var se *exports.SyntaxError
	if !errors.Is(err, exports.ErrTooLarge) || !errors.As(err, &se) || se.Line != 2 {
		t.Fatalf("got %v, want ErrTooLarge at line 2", err)
	}
}

func TestSamples(t *testing.T) {
	dir := interop.SamplesDir()
	tests := []struct {
		file    string
		units   int
		kind    error
		version string
	}{
		{"valid-1.2.xlf", 7, nil, "1.2"},
		{"for-omegat-1.2.xlf", 7, nil, "1.2"},
		{"untranslated-1.2.xlf", 0, nil, "1.2"},
		{"valid-2.0.xlf", 7, nil, "2.0"},
		{"valid-2.1.xlf", 0, nil, "2.1"},
		{"valid-2.0-changetrack.xlf", 1, nil, "2.0"},
		{"invalid-2.0-namespace-2.1.xlf", 0, exports.ErrBadValue, ""},
		{"invalid-2.0-bad-state.xlf", 0, exports.ErrBadValue, ""},
		{"invalid-2.0-bad-match.xlf", 0, exports.ErrBadValue, ""},
		{"invalid-2.0-substate-without-state.xlf", 0, exports.ErrBadValue, ""},
		{"invalid-2.0-no-trglang.xlf", 0, exports.ErrMissingAttr, ""},
		{"invalid-2.0-duplicate-unit-id.xlf", 0, exports.ErrBadValue, ""},
		{"invalid-2.0-changetrack.xlf", 0, exports.ErrMissingAttr, ""},
		{"invalid-1.2-bad-state.xlf", 0, exports.ErrBadValue, ""},
		{"invalid-1.2-duplicate-id.xlf", 0, exports.ErrBadValue, ""},
		{"invalid-1.2-missing-datatype.xlf", 0, exports.ErrMissingAttr, ""},
		{"valid-id-en.tmx", 0, exports.ErrWrongRoot, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			units, v, err := readAll(data, tt.file)
			if tt.kind != nil {
				if !errors.Is(err, tt.kind) {
					t.Fatalf("got %v, want %v", err, tt.kind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.units > 0 && len(units) != tt.units || v != tt.version {
				t.Fatalf("read %d units of XLIFF %s, want %d of %s", len(units), v, tt.units, tt.version)
			}
			want := strings.Count(string(data), "<trans-unit ") + strings.Count(string(data), "<unit ")
			if len(units) != want {
				t.Errorf("read %d units, the file has %d", len(units), want)
			}
		})
	}
	data, _ := os.ReadFile(filepath.Join(dir, "valid-2.0-changetrack.xlf"))
	units, _, _ := readAll(data, "valid-2.0-changetrack.xlf")
	got := fmt.Sprint(units[0].Revisions[0].Author, "|", units[0].Revisions[0].Text, "|", units[0].Revisions[1].Author, "|", units[0].Status)
	if want := "Jafar M Sidik|a potential weapons deal|Atman Ahdiat|reviewed"; got != want {
		t.Errorf("change tracking sample: %s, want %s", got, want)
	}
	data, _ = os.ReadFile(filepath.Join(dir, "valid-1.2.xlf"))
	units, _, _ = readAll(data, "valid-1.2.xlf")
	if u := units[0]; u.Status != exports.StatusReviewed || len(u.Notes) != 1 || u.Notes[0].From != "Atman Ahdiat" {
		t.Errorf("1.2 sample unit 1: %+v", u)
	}
	if u := units[2]; u.Match == nil || u.Match.Score != 87 || u.Status != exports.StatusTranslated {
		t.Errorf("1.2 sample unit 3: %+v", u)
	}
}

// TestManyCodes writes and reads a unit with thousands of codes in each
// version: the code bookkeeping must stay linear.
func TestManyCodes(t *testing.T) {
	u := exporttest.Tricky()[0]
	var src, tgt strings.Builder
	u.Codes = nil
	for k := range 3000 {
		i := fmt.Sprint(k)
		u.Codes = append(u.Codes, exports.Code{Kind: exports.CodeBPT, I: i, Content: "&lt;b&gt;"}, exports.Code{Kind: exports.CodeEPT, I: i, Content: "&lt;/b&gt;"})
		src.WriteString("x" + string(exports.CodeRune(2*k)) + "y" + string(exports.CodeRune(2*k+1)))
	}
	tgt.WriteString(src.String())
	u.Source, u.Target, u.Translator.Text = src.String(), tgt.String(), tgt.String()
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			back, _, err := readAll(f.write(t, options(), []exports.Unit{u}), "many.xlf")
			if err != nil {
				t.Fatal(err)
			}
			if w := f.expect(u); !reflect.DeepEqual(back[0], w) {
				t.Errorf("%d codes read back as %d", len(u.Codes), len(back[0].Codes))
			}
		})
	}
}

// TestUnitIDs checks that a unit id can be used once per document: again
// in the same document it is refused, in the next document it is not,
// whether it is one of the ids padan gives (s and a number, kept as bits)
// or another.
func TestUnitIDs(t *testing.T) {
	base := exporttest.Tricky()[0]
	for _, f := range formats {
		for _, id := range []string{"s1", "s64", "s16777215", "s16777216", "s01", "u1", "s"} {
			t.Run(f.name+"/"+id, func(t *testing.T) {
				w, err := f.newW(io.Discard, options())
				if err != nil {
					t.Fatal(err)
				}
				u := base
				u.ID, u.Document = id, "a"
				if err := w.Write(u); err != nil {
					t.Fatal(err)
				}
				if err := w.Write(u); !errors.Is(err, exports.ErrBadID) {
					t.Errorf("the same id again in the document: %v", err)
				}
				other := u
				other.ID = id + "0"
				if err := w.Write(other); err != nil {
					t.Errorf("another id: %v", err)
				}
				u.Document = "b"
				if err := w.Write(u); err != nil {
					t.Errorf("the same id in the next document: %v", err)
				}
				if err := w.Write(u); !errors.Is(err, exports.ErrBadID) {
					t.Errorf("the same id again in the next document: %v", err)
				}
			})
		}
	}
}

// TestRead1x: XLIFF 1.0 and 1.1 (translate-toolkit's po2xliff writes 1.1),
// and 1.2 without a namespace, are read as 1.2: their units, sources and
// targets, inline codes included.
func TestRead1x(t *testing.T) {
	for _, root := range []string{
		`<xliff version="1.1" xmlns="urn:oasis:names:tc:xliff:document:1.1">`,
		`<xliff version="1.0" xmlns="urn:oasis:names:tc:xliff:document:1.0">`,
		`<xliff version="1.2">`,
	} {
		data := root + `<file original="a.po" source-language="id" target-language="en" datatype="po"><body>` +
			`<trans-unit id="3"><source>Hujan <g id="1">deras</g>.</source><target state="translated">Hard <g id="1">rain</g>.</target></trans-unit>` +
			`</body></file></xliff>`
		r := NewReader(strings.NewReader(data), "a.xlf")
		v, err := r.Version()
		if err != nil || v != "1.2" {
			t.Errorf("%s: version %q, %v; want 1.2", root, v, err)
			continue
		}
		u, err := r.Next()
		if err != nil {
			t.Errorf("%s: %v", root, err)
			continue
		}
		if u.ID != "3" || u.Document != "a.po" || u.TargetLang != "en" || exports.StripCodes(u.Target, u.Codes) != "Hard rain." || len(u.Codes) != 2 {
			t.Errorf("%s: unit %+v", root, u)
		}
		if _, err := r.Next(); err != io.EOF {
			t.Errorf("%s: after the unit: %v; want io.EOF", root, err)
		}
	}
}

// TestWriteVisible checks that names and notes holding characters XML
// cannot carry (as an old database may) are written visibly as \u000B, and
// bytes that are not UTF-8 as U+FFFD, never failing.
func TestWriteVisible(t *testing.T) {
	u := exporttest.Tricky()[0]
	u.Translator.Author = "Jafar\vSidik"
	u.Revisions = []exports.Revision{u.Translator}
	u.Notes = []exports.Note{{Text: "note\x02\xff", From: "Atman\x1b", AppliesTo: "target"}}
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := f.newW(&buf, options())
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
			for _, want := range []string{`Jafar\u000BSidik`, "note\\u0002\uFFFD", `Atman\u001B`} {
				if !bytes.Contains(data, []byte(want)) {
					t.Errorf("no %s in\n%s", want, data)
				}
			}
			back, _, err := readAll(data, "visible.xlf")
			if err != nil || len(back) != 1 {
				t.Fatalf("read back: %v", err)
			}
			if back[0].Translator.Author != `Jafar\u000BSidik` {
				t.Errorf("author read back %q", back[0].Translator.Author)
			}
		})
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

// TestLimitsAgree: what the writers write at the limits (texts of MaxText
// bytes that escape to five times that, a unit just under MaxUnitBytes of
// XML) the reader reads back; what goes beyond, the writers refuse (see
// TestWriteRefuses).
func TestLimitsAgree(t *testing.T) {
	base := exporttest.Tricky()[0]
	base.Codes = nil
	base.Source = strings.Repeat("<", exports.MaxText)
	base.Target = strings.Repeat("&", exports.MaxText)
	base.Translator.Text, base.Editor.Text, base.Revisions, base.Match = "", "", nil, nil
	big := base
	big.ID = "s2"
	big.Segment = 2
	big.Source, big.Target = "Satu.", "One."
	big.Notes = bigNotes(3) // 15 MiB of XML
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			data := f.write(t, options(), []exports.Unit{base, big})
			units, _, err := readAll(data, "limits.xlf")
			if err != nil {
				t.Fatalf("padan cannot read what it wrote: %v", err)
			}
			if len(units) != 2 || units[0].Target != base.Target || units[0].Source != base.Source || len(units[1].Notes) != 3 {
				t.Fatalf("read back %d units", len(units))
			}
		})
	}
}
