package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/padan-tm/padan/exports/tmx"
	"github.com/padan-tm/padan/tm"
)

// TestContextStream: streaming a file's entries fills the same document
// context as withContext does on the whole list, and passes a read error
// through.
func TestContextStream(t *testing.T) {
	e := func(doc, src, tl string) tm.MemoryEntry {
		return tm.MemoryEntry{SourceLang: "id", TargetLang: tl, Source: src, Target: src + " (" + tl + ")", Origin: tm.Origin{Document: doc}}
	}
	tests := []struct {
		name  string
		units [][]tm.MemoryEntry
	}{
		{"empty", nil},
		{"one", [][]tm.MemoryEntry{{e("a", "Satu.", "en")}}},
		{"no document", [][]tm.MemoryEntry{{e("", "Satu.", "en")}, {e("", "Dua.", "en")}}},
		{"two documents", [][]tm.MemoryEntry{{e("a", "Satu.", "en")}, {e("a", "Dua.", "en")}, {e("b", "Tiga.", "en")}, {e("b", "Empat.", "en")}}},
		{"several languages", [][]tm.MemoryEntry{{e("a", "Satu.", "en"), e("a", "Satu.", "fr")}, {}, {e("a", "Dua.", "en"), e("a", "Dua.", "fr")}, {e("a", "Tiga.", "en")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := slices.Concat(tt.units...)
			withContext(want)
			i := 0
			cs := contextStream{pull: func() ([]tm.MemoryEntry, error) {
				if i == len(tt.units) {
					return nil, io.EOF
				}
				i++
				return slices.Clone(tt.units[i-1]), nil
			}}
			var got []tm.MemoryEntry
			for {
				e, ok, err := cs.next()
				if err != nil {
					t.Fatal(err)
				}
				if !ok {
					break
				}
				got = append(got, e)
			}
			if !slices.Equal(got, want) {
				t.Errorf("stream = %+v\nwant %+v", got, want)
			}
		})
	}
	errRead := errors.New("read failed")
	cs := contextStream{pull: func() ([]tm.MemoryEntry, error) { return nil, errRead }}
	if _, ok, err := cs.next(); ok || !errors.Is(err, errRead) {
		t.Errorf("next after a read error = %v, %v; want false, %v", ok, err, errRead)
	}
}

// oneTUWithVariants is a TMX of one tu with a source tuv and n target
// tuvs, each in its own language.
func oneTUWithVariants(n int) string {
	var b strings.Builder
	b.WriteString(`<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/><body><tu>` + "\n")
	b.WriteString(`<tuv xml:lang="en"><seg>hello</seg></tuv>` + "\n")
	for i := range n {
		fmt.Fprintf(&b, `<tuv xml:lang="x-l%d"><seg>t%d</seg></tuv>`+"\n", i, i)
	}
	b.WriteString("</tu></body></tmx>\n")
	return b.String()
}

// BenchmarkContextStream hands out the entries of one unit with n
// variants: the cost per entry (ns/entry) must not grow with n.
func BenchmarkContextStream(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("variants=%d", n), func(b *testing.B) {
			es := make([]tm.MemoryEntry, n)
			for i := range es {
				es[i] = tm.MemoryEntry{SourceLang: "en", TargetLang: fmt.Sprintf("x-l%d", i), Source: "hello", Target: "t", Origin: tm.Origin{Document: "d"}}
			}
			b.ReportAllocs()
			for b.Loop() {
				done := false
				cs := contextStream{pull: func() ([]tm.MemoryEntry, error) {
					if done {
						return nil, io.EOF
					}
					done = true
					return es, nil
				}}
				for {
					_, ok, err := cs.next()
					if err != nil {
						b.Fatal(err)
					}
					if !ok {
						break
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/entry")
		})
	}
}

// BenchmarkImportTMXVariants imports, with the real command into a fresh
// database, a TMX of one tu with n variants (up to tmx.MaxVariants): the
// cost per variant (ns/variant) must not grow with n.
func BenchmarkImportTMXVariants(b *testing.B) {
	for _, n := range []int{250, 500, tmx.MaxVariants - 1} {
		b.Run(fmt.Sprintf("variants=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			file := filepath.Join(dir, "many.tmx")
			if err := os.WriteFile(file, []byte(oneTUWithVariants(n)), 0o644); err != nil {
				b.Fatal(err)
			}
			padan := func(args ...string) {
				var out, errOut bytes.Buffer
				e := env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
				if code := run(append([]string{"padan"}, args...), e); code != 0 {
					b.Fatalf("exit %d: %s", code, errOut.String())
				}
			}
			i := 0
			for b.Loop() {
				// A fresh database each time, created outside the timing.
				b.StopTimer()
				i++
				db := filepath.Join(dir, fmt.Sprintf("p%d.db", i))
				padan("--db", db, "docs")
				b.StartTimer()
				padan("--db", db, "import-tm", "--by", "me", file)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/variant")
		})
	}
}

// TestImportTMXTooManyVariants: a tu with more tuvs than tmx.MaxVariants
// is refused, naming the limit and the line; one with exactly that many
// is imported.
func TestImportTMXTooManyVariants(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	ok := filepath.Join(dir, "ok.tmx")
	over := filepath.Join(dir, "over.tmx")
	if err := os.WriteFile(ok, []byte(oneTUWithVariants(tmx.MaxVariants-1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(over, []byte(oneTUWithVariants(tmx.MaxVariants)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustPadan(t, "--db", db, "import-tm", "--by", "me", ok)
	if want := fmt.Sprintf("%d units added", tmx.MaxVariants-1); !strings.Contains(out, want) {
		t.Errorf("output %q, want %q", out, want)
	}
	code, _, errOut := runPadan(t, nil, "--db", db, "import-tm", "--by", "me", over)
	if want := fmt.Sprintf("over.tmx, line %d: too large: <tu> has more than %d <tuv>", tmx.MaxVariants+2, tmx.MaxVariants); code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, errOut, want)
	}
}

// TestReplay: what was read can be read again from the start, once or
// more, until stop; past max bytes, rewind says it cannot.
func TestReplay(t *testing.T) {
	data := strings.Repeat("abcdefghij", 100)
	p := &replay{r: iotest.HalfReader(strings.NewReader(data)), max: 500}
	head := make([]byte, 300)
	if _, err := io.ReadFull(p, head); err != nil || string(head) != data[:300] {
		t.Fatalf("first read %q, %v", head, err)
	}
	if !p.rewind() {
		t.Fatal("rewind within max failed")
	}
	if _, err := io.ReadFull(p, head[:100]); err != nil || string(head[:100]) != data[:100] {
		t.Fatalf("read after rewind %q, %v", head[:100], err)
	}
	if !p.rewind() {
		t.Fatal("second rewind failed")
	}
	p.stop()
	all, err := io.ReadAll(p)
	if err != nil || string(all) != data {
		t.Fatalf("read after stop: %d bytes, %v; want the whole input", len(all), err)
	}
	if p.kept != nil {
		t.Error("kept bytes not let go after stop")
	}
	over := &replay{r: strings.NewReader(data), max: 500}
	if _, err := io.ReadAll(over); err != nil {
		t.Fatal(err)
	}
	if over.rewind() {
		t.Error("rewind after more than max bytes succeeded")
	}
}

// TestImportTMLongHeader: a TMX whose header holds more than maxFileHead
// bytes of notes is imported from its path (read again from the start) but
// refused on standard input, naming the limit, where padan would have to
// keep all of it to read it again.
func TestImportTMLongHeader(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<tmx version="1.4"><header srclang="id" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x">`)
	note := "<note>" + strings.Repeat("n", 1<<20-1) + "</note>\n"
	for b.Len() <= maxFileHead {
		b.WriteString(note)
	}
	b.WriteString(`</header><body><tu><tuv xml:lang="id"><seg>Satu.</seg></tuv><tuv xml:lang="en"><seg>One.</seg></tuv></tu></body></tmx>`)
	dir := t.TempDir()
	file := filepath.Join(dir, "long.tmx")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustPadan(t, "--db", filepath.Join(dir, "a.db"), "import-tm", "--by", "ana", file)
	if !strings.Contains(out, "1 unit added") {
		t.Errorf("by path: %q", out)
	}
	code, _, stderr := runWithInput(t, b.String(), "--db", filepath.Join(dir, "b.db"), "import-tm", "--by", "ana", "-")
	if want := "standard input: more than 16 MiB before the first unit"; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("on standard input: exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
	// A short TMX on standard input is read as from a file.
	code, out, stderr = runWithInput(t, oneTUWithVariants(3), "--db", filepath.Join(dir, "c.db"), "import-tm", "--by", "ana", "-")
	if code != 0 || !strings.Contains(out, "3 units added") {
		t.Errorf("short TMX on standard input: exit %d, %q %q", code, out, stderr)
	}
}
