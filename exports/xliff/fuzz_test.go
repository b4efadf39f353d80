package xliff

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/exporttest"
)

// fuzzRead reads data with the XLIFF reader: it must not panic and must fail
// only with a *SyntaxError; the units it reads, written again in format f
// (those the writer accepts), must read back with the same texts and codes.
func fuzzRead(t *testing.T, f format, data []byte) {
	units, _, err := readAll(data, "fuzz.xlf")
	var se *exports.SyntaxError
	if err != nil && !errors.As(err, &se) {
		t.Fatalf("error of type %T: %v", err, err)
	}
	if err != nil || len(units) == 0 {
		return
	}
	o := options()
	o.SourceLang, o.TargetLang = units[0].SourceLang, units[0].TargetLang
	if o.TargetLang == "" {
		o.TargetLang = "en"
	}
	var buf bytes.Buffer
	w, err := f.newW(&buf, o)
	if err != nil {
		return
	}
	var written []exports.Unit
	for _, u := range units {
		if u.TargetLang == "" {
			u.TargetLang = o.TargetLang
		}
		if w.Write(u) == nil {
			written = append(written, u)
		}
	}
	if len(written) == 0 {
		return
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	back, _, err := readAll(buf.Bytes(), "again.xlf")
	if err != nil {
		t.Fatalf("reading what was written: %v\n%s", err, buf.Bytes())
	}
	if len(back) != len(written) {
		t.Fatalf("read back %d units, wrote %d", len(back), len(written))
	}
	for i := range written {
		if back[i].Source != written[i].Source || back[i].Target != written[i].Target || !reflect.DeepEqual(back[i].Codes, written[i].Codes) {
			t.Errorf("unit %d:\n got %+q %+q %+v\nwant %+q %+q %+v", i, back[i].Source, back[i].Target, back[i].Codes, written[i].Source, written[i].Target, written[i].Codes)
		}
	}
}

func FuzzXLIFF12Read(f *testing.F) {
	f.Add(formats[0].write(f, options(), exporttest.Tricky()))
	f.Add([]byte(`<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" target-language="id" datatype="html"><body>
<group><trans-unit id="1"><source>A <g id="1" ctype="bold">b</g><x id="2"/><bx id="3"/>c<ex id="3"/> <mrk mtype="term">t</mrk><ph id="padan-ctl-1" ctype="x-padan-control">U+0001</ph></source><target state="signed-off">B<it id="4" pos="close">&lt;/i&gt;</it></target>
<alt-trans match-quality="50%"><source>a</source><target>b</target></alt-trans><context-group><context context-type="x-padan-status">final</context></context-group></trans-unit></group></body></file></xliff>`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, formats[0], data) })
}

func FuzzXLIFF20Read(f *testing.F) {
	f.Add(formats[1].write(f, options(), exporttest.Tricky()))
	f.Add([]byte(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="id"><file id="f"><group id="g"><unit id="u">
<originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data><data id="d3">&lt;br/&gt;<cp hex="0001"/></data></originalData>
<segment state="reviewed"><source>A <pc id="1" dataRefStart="d1" dataRefEnd="d2">b</pc><ph id="2" dataRef="d3"/><cp hex="000B"/></source><target>B</target></segment>
<ignorable><source> </source></ignorable><segment state="translated"><source><sc id="3" isolated="yes"/>C<mrk id="m" type="term">t</mrk><sm id="x"/>u<em startRef="x"/></source><target>D</target></segment></unit></group></file></xliff>`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, formats[1], data) })
}
