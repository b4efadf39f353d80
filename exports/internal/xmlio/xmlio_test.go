package xmlio

import (
	"encoding/xml"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/padan-tm/padan/exports"
)

func TestValidLang(t *testing.T) {
	for tag, want := range map[string]bool{
		"en": true, "id-ID": true, "zh-Hant-TW": true, "x-klingon": true, "es-419": true, "ind": true,
		"": false, "en_US": false, "e": false, "en-": false, "-en": false, "1en": false, "en--US": false, "toolongtag": false, "*all*": false,
	} {
		if got := ValidLang(tag); got != want {
			t.Errorf("ValidLang(%q) = %v", tag, got)
		}
	}
}

func TestValidNMTOKEN(t *testing.T) {
	for s, want := range map[string]bool{"u1": true, "1": true, "a.b-c_d:e": true, "é": true, "": false, "a b": false, "a/b": false, "a#": false} {
		if got := ValidNMTOKEN(s); got != want {
			t.Errorf("ValidNMTOKEN(%q) = %v", s, got)
		}
	}
}

func TestEscape(t *testing.T) {
	var b Buf
	b.Text("a & b < c > d \" ' \r\n")
	b.Attr("x", "q\"&<>\t\n\r")
	want := "a &amp; b &lt; c &gt; d \" ' &#xD;\n" + ` x="q&quot;&amp;&lt;&gt;&#x9;&#xA;&#xD;"`
	if string(b.B) != want {
		t.Errorf("got  %q\nwant %q", b.B, want)
	}
}

func TestParseControl(t *testing.T) {
	for s, want := range map[string]rune{"U+000B": 0xB, "U+0000": 0, "U+FFFF": 0xFFFF, "U+0041": -1, "U+D800": -1, "U+B": -1, "x": -1, "U+0000000B": -1} {
		r, ok := ParseControl(s)
		if ok != (want >= 0) || ok && r != want {
			t.Errorf("ParseControl(%q) = %U, %v", s, r, ok)
		}
	}
}

func TestCheckContent(t *testing.T) {
	for s, ok := range map[string]bool{"&lt;b&gt;": true, "plain": true, `&lt;a title="<sub>x</sub>"&gt;`: true, "<b": false, "a&b": false, "<sub>": false, "\x01": false, "<!DOCTYPE x>": false} {
		if err := CheckContent(s); (err == nil) != ok {
			t.Errorf("CheckContent(%q) = %v", s, err)
		}
	}
}

func TestInline(t *testing.T) {
	special := func(b *Buf) func(int, rune, int, bool) error {
		return func(at int, r rune, k int, isCode bool) error {
			if isCode {
				b.S("[" + strconv.Itoa(k) + "@" + strconv.Itoa(at) + "]")
			} else {
				b.S("{" + Hex4(r) + "}")
			}
			return nil
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{"a & b < c > d \" ' \r\n\t", "a &amp; b &lt; c &gt; d \" ' &#xD;\n\t"},
		{"é\ue000x\ue001", "é[0@2]x[1@6]"},
		{"a\x01b\x0bc\ufffe", "a{0001}b{000B}c{FFFE}"},
		{"<\ue002>", "&lt;[2@1]&gt;"},
		{"中文 & 🙂", "中文 &amp; 🙂"},
	} {
		var b Buf
		if err := b.Inline(tt.in, special(&b)); err != nil || string(b.B) != tt.want {
			t.Errorf("Inline(%q) = %q, %v; want %q", tt.in, b.B, err, tt.want)
		}
		var c Buf
		if c.Text(tt.in); !strings.ContainsAny(tt.in, "\x01\ue000\ue002") && string(c.B) != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, c.B, tt.want)
		}
		var d Buf
		if d.TextBytes([]byte(tt.in)); string(d.B) != string(c.B) {
			t.Errorf("TextBytes(%q) = %q, Text gives %q", tt.in, d.B, c.B)
		}
	}
	stop := errors.New("stop")
	var b Buf
	err := b.Inline("ab\ue000cd", func(int, rune, int, bool) error { return stop })
	if err != stop || string(b.B) != "ab" {
		t.Errorf("special's error: %v, wrote %q", err, b.B)
	}
}

func TestTimeAttr(t *testing.T) {
	var b Buf
	tm := time.Date(2026, 3, 4, 5, 6, 7, 800, time.FixedZone("WIB", 7*3600))
	b.TimeAttr("changedate", tm, "20060102T150405Z")
	b.TimeAttr("datetime", tm, time.RFC3339)
	if want := ` changedate="20260303T220607Z" datetime="2026-03-03T22:06:07Z"`; string(b.B) != want {
		t.Errorf("got  %s\nwant %s", b.B, want)
	}
}

func TestCheckAttr(t *testing.T) {
	for _, tt := range []struct {
		in     string
		err    error
		offset int
	}{
		{"Jafar M Sidik", nil, 0},
		{"tab\tnew\nline\r", nil, 0},
		{"Atman Ahdiat é 中文 🙂", nil, 0},
		{"ab\x0bc", exports.ErrNotXMLChar, 2},
		{"é\x00", exports.ErrNotXMLChar, 2},
		{"x\uFFFE", exports.ErrNotXMLChar, 1},
		{"ok\xffno", exports.ErrInvalidUTF8, 2},
	} {
		err := CheckAttr("u1", "author", tt.in)
		var te *exports.TextError
		if !errors.Is(err, tt.err) || err != nil && (!errors.As(err, &te) || te.Offset != tt.offset) {
			t.Errorf("CheckAttr(%q) = %v, want %v at %d", tt.in, err, tt.err, tt.offset)
		}
	}
}

// TestChildren checks that Children gives each child element of the
// current element once, passes text over, and stops at its end; and that
// ChildrenWithin refuses an element that runs past its bound (counted in
// bytes read, so roughly: the decoder reads ahead).
func TestChildren(t *testing.T) {
	child := "<b>" + strings.Repeat("x", 100) + "<c/></b>"
	doc := "<r><a>text" + strings.Repeat(child+"\n", 2000) + "</a><after/></r>"
	tests := []struct {
		name string
		max  int64
		all  bool // all 2,000 children, then <after>
		err  error
	}{
		{"unbounded", 0, true, nil},
		{"within the bound", 1 << 20, true, nil},
		{"past the bound", 50000, false, exports.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec := NewDecoder(strings.NewReader(doc), "t.xml", Limits{})
			for range 2 { // <r>, <a>
				if _, err := dec.Token(); err != nil {
					t.Fatal(err)
				}
			}
			n := 0
			err := dec.ChildrenWithin("a", tt.max, func(se xml.StartElement) error {
				if se.Name.Local != "b" {
					t.Errorf("child <%s>, want <b>", se.Name.Local)
				}
				n++
				return dec.Skip()
			})
			if !errors.Is(err, tt.err) || (n == 2000) != tt.all {
				t.Fatalf("%d children, %v; want all %v, %v", n, err, tt.all, tt.err)
			}
			if err != nil {
				return
			}
			next, err := dec.Token()
			if se, ok := next.(xml.StartElement); !ok || se.Name.Local != "after" || err != nil {
				t.Errorf("after the children: %v, %v; want <after>", next, err)
			}
		})
	}
}

func TestVisible(t *testing.T) {
	tests := []struct{ in, text, attr string }{
		{"plain é", "plain é", "plain é"},
		{"a<&>\"b", "a&lt;&amp;&gt;\"b", "a&lt;&amp;&gt;&quot;b"},
		{"tab\tnl\ncr\r", "tab\tnl\ncr&#xD;", "tab&#x9;nl&#xA;cr&#xD;"},
		{"vt\vnul\x00esc\x1b", `vt\u000Bnul\u0000esc\u001B`, `vt\u000Bnul\u0000esc\u001B`},
		{"x\uFFFE\uFFFFy", `x\uFFFE\uFFFFy`, `x\uFFFE\uFFFFy`},
		{"bad\xff\xc3", "bad\uFFFD\uFFFD", "bad\uFFFD\uFFFD"},
		{"del\x7f c1\u0085", "del\x7f c1\u0085", "del\x7f c1\u0085"},
	}
	for _, tt := range tests {
		var b Buf
		b.Visible(tt.in)
		if string(b.B) != tt.text {
			t.Errorf("Visible(%+q) = %+q, want %+q", tt.in, b.B, tt.text)
		}
		b.B = nil
		b.Attr("a", tt.in)
		if want := ` a="` + tt.attr + `"`; string(b.B) != want {
			t.Errorf("Attr(%+q) = %+q, want %+q", tt.in, b.B, want)
		}
	}
}
