package tbx

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/padan-tm/padan/exports"
)

// basic2019 is a TBX-Basic file in the DCA style, as ISO 30042:2019 shows.
const basic2019 = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>desk</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <descrip type="definition">a device for fighting</descrip>
      <transacGrp><transac type="transactionType">origination</transac><transacNote type="responsibility">Atman</transacNote><date>2023-09-01</date></transacGrp>
      <langSec xml:lang="id">
        <termSec><term>senjata</term><termNote type="partOfSpeech">noun</termNote></termSec>
      </langSec>
      <langSec xml:lang="en">
        <termSec><term>weapon</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>arms</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote><note>plural only</note></termSec>
        <termSec><term>gun</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>`

// dct is a TBX-Basic entry in the DCT style (data categories as elements).
const dct = `<tbx style="dct" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="x">
<langSec xml:lang="id"><termSec><term>sanksi</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>sanction</term><basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></termSec></langSec>
</conceptEntry></body></text></tbx>`

// martif is the older ISO 30042:2008 form.
const martif = `<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
<text><body><termEntry id="t1">
<langSet xml:lang="id"><tig><term>negara</term></tig></langSet>
<langSet xml:lang="en"><ntig><termGrp><term>country</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig></langSet>
</termEntry></body></text></martif>`

func readAll(t *testing.T, in string) []Concept {
	t.Helper()
	r := NewReader(strings.NewReader(in), "t.tbx")
	var out []Concept
	for {
		c, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
}

func TestRead(t *testing.T) {
	date := time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, in string
		want     []Concept
	}{
		{"basic 2019 dca", basic2019, []Concept{{ID: "c1", Note: "a device for fighting", Langs: []LangSec{
			{Lang: "id", Terms: []Term{{Text: "senjata", By: "Atman", Date: date}}},
			{Lang: "en", Terms: []Term{
				{Text: "weapon", Status: StatusPreferred, By: "Atman", Date: date},
				{Text: "arms", Status: StatusAdmitted, Note: "plural only", By: "Atman", Date: date},
				{Text: "gun", Status: StatusForbidden, By: "Atman", Date: date}}}}}}},
		{"basic dct", dct, []Concept{{ID: "x", Langs: []LangSec{
			{Lang: "id", Terms: []Term{{Text: "sanksi"}}},
			{Lang: "en", Terms: []Term{{Text: "sanction", Status: StatusPreferred}}}}}}},
		{"tbx 2008", martif, []Concept{{ID: "t1", Langs: []LangSec{
			{Lang: "id", Terms: []Term{{Text: "negara"}}},
			{Lang: "en", Terms: []Term{{Text: "country", Status: StatusPreferred}}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readAll(t, tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	in := readAll(t, basic2019)
	var buf bytes.Buffer
	if err := Write(&buf, "id", in); err != nil {
		t.Fatal(err)
	}
	out := readAll(t, buf.String())
	// The concept's definition is written as a note.
	if !reflect.DeepEqual(out, in) {
		t.Errorf("round trip:\n%s\ngot  %+v\nwant %+v", buf.String(), out, in)
	}
	var again bytes.Buffer
	if err := Write(&again, "id", out); err != nil {
		t.Fatal(err)
	}
	if again.String() != buf.String() {
		t.Errorf("writing what was read back changed the file:\n%s", again.String())
	}
}

func TestWriteRefuses(t *testing.T) {
	bad := []Concept{{Langs: []LangSec{{Lang: "id", Terms: []Term{{Text: "a\x01b"}}}}}}
	if err := Write(io.Discard, "id", bad); !errors.Is(err, exports.ErrNotXMLChar) {
		t.Errorf("control character: %v", err)
	}
	if err := Write(io.Discard, "en_US", nil); !errors.Is(err, exports.ErrBadLanguage) {
		t.Errorf("bad language: %v", err)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, in string
		kind     error
	}{
		{"not tbx", `<tmx version="1.4"/>`, exports.ErrWrongRoot},
		{"entity", `<!DOCTYPE tbx [<!ENTITY a "aaaa">]><tbx>&a;</tbx>`, exports.ErrEntity},
		{"truncated", `<tbx><text><body><conceptEntry id="1"><langSec xml:lang="id">`, exports.ErrNotWellFormed},
		{"no lang", `<tbx><text><body><conceptEntry><langSec><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>`, exports.ErrMissingAttr},
		{"deep", "<tbx>" + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</tbx>", exports.ErrTooDeep},
		{"huge concept", `<tbx><text><body><conceptEntry>` + strings.Repeat(`<note>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</note>`, 20000) + `</conceptEntry></body></text></tbx>`, exports.ErrTooLarge},
		{"empty", ``, exports.ErrNotWellFormed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.in), "bad.tbx")
			var err error
			for err == nil {
				_, err = r.Next()
			}
			var se *exports.SyntaxError
			if !errors.Is(err, tt.kind) || !errors.As(err, &se) || se.File != "bad.tbx" || se.Line < 1 {
				t.Errorf("got %v, want a SyntaxError of kind %v naming the file", err, tt.kind)
			}
		})
	}
}

func FuzzTBXRead(f *testing.F) {
	f.Add(basic2019)
	f.Add(dct)
	f.Add(martif)
	f.Fuzz(func(t *testing.T, in string) {
		r := NewReader(strings.NewReader(in), "f.tbx")
		var cs []Concept
		for i := 0; i < 10000; i++ {
			c, err := r.Next()
			if err != nil {
				break
			}
			cs = append(cs, c)
		}
		// Whatever was read is written (or refused with an error, never a
		// panic) and what is written reads back the same.
		var buf bytes.Buffer
		if err := Write(&buf, "", cs); err != nil {
			return
		}
		back := NewReader(bytes.NewReader(buf.Bytes()), "back.tbx")
		for i := 0; ; i++ {
			c, err := back.Next()
			if err == io.EOF {
				if i != len(cs) {
					t.Fatalf("read back %d concepts, wrote %d", i, len(cs))
				}
				return
			}
			if err != nil {
				t.Fatalf("reading back what was written: %v\n%s", err, buf.String())
			}
			if len(c.Langs) != len(cs[i].Langs) {
				t.Fatalf("concept %d: %d languages, wrote %d", i, len(c.Langs), len(cs[i].Langs))
			}
		}
	})
}
