package tmx

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/exporttest"
)

// FuzzTMXRead reads arbitrary bytes as a TMX: the reader must not panic, must
// fail only with a *SyntaxError, and whatever it reads must write and read
// back the same.
func FuzzTMXRead(f *testing.F) {
	f.Add(writeAll(f, exporttest.Tricky()))
	f.Add([]byte(`<tmx version="1.4">` + okHeader + `<body><tu><tuv xml:lang="id"><seg>a<bpt i="1">x</bpt><hi>b</hi><ept i="1">y</ept></seg></tuv><tuv xml:lang="en"><seg>b<ph type="x-padan-control">U+0001</ph></seg></tuv></tu></body></tmx>`))
	f.Add([]byte(`<tmx version="1.4"><header srclang="*all*"/><body><tu><tuv lang="fr"><seg>&#xE000;</seg></tuv><tuv xml:lang="en"><seg/></tuv><tuv xml:lang="de"><seg>x</seg></tuv></tu></body></tmx>`))
	f.Add([]byte("\xFF\xFE<\x00t\x00m\x00x\x00/\x00>\x00"))
	f.Add([]byte(`<!DOCTYPE tmx [<!ENTITY a "b">]><tmx/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		units, err := readAll(data, "fuzz.tmx")
		var se *exports.SyntaxError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("error of type %T: %v", err, err)
		}
		if err != nil {
			return
		}
		var buf bytes.Buffer
		w, _ := NewWriter(&buf, header())
		var written []exports.Unit
		for _, u := range units {
			if w.Write(u) == nil {
				written = append(written, u)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		back, err := readAll(buf.Bytes(), "again.tmx")
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
	})
}
