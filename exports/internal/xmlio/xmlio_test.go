package xmlio

import "testing"

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
