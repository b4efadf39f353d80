package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/padan-tm/padan/tm"
)

// memoryDB returns the path of a new database holding a small memory.
func memoryDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "padan.db")
	s, err := tm.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	when := time.Date(2023, 9, 1, 10, 0, 0, 0, time.UTC)
	_, _, err = s.AddEntries(context.Background(), []tm.MemoryEntry{
		{SourceLang: "id", TargetLang: "en", Source: "Kim Jong Un bertemu Putin di Moskow.", Target: "Kim Jong Un met Putin in Moscow.",
			Origin: tm.Origin{Kind: tm.OriginImport, File: "berita.tmx", Author: "ana", Time: when}},
		{SourceLang: "id", TargetLang: "en", Source: "Kim Jong Un bertemu Xi di Beijing.", Target: "Kim Jong Un met Xi in Beijing.",
			Origin: tm.Origin{Kind: tm.OriginImport, File: "berita.tmx"}},
		{SourceLang: "id", TargetLang: "en", Source: "Harga minyak naik 5 persen.", Target: "Oil prices rose 5 percent.",
			Origin: tm.Origin{Kind: tm.OriginImport, File: "ekonomi.tmx"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func runWithInput(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	code := run(append([]string{"padan"}, args...), e)
	return code, out.String(), errOut.String()
}

func TestLookupText(t *testing.T) {
	db := memoryDB(t)
	code, out, errOut := runWithInput(t, "", "--db", db, "lookup", "Kim Jong Un bertemu Putin di Vladivostok.", "--source-lang", "id", "--target-lang", "en", "--min", "70")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := `85%  Kim Jong Un bertemu Putin di [-Vladivostok-]{+Moskow+}.
     → Kim Jong Un met Putin in Moscow.
     from berita.tmx, by ana, 2023-09-01

71%  Kim Jong Un bertemu [-Putin-]{+Xi+} di [-Vladivostok-]{+Beijing+}.
     → Kim Jong Un met Xi in Beijing.
     from berita.tmx
`
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	// --min 80 drops the 71% match; stdin as the text; exact with penalty.
	code, out, _ = runWithInput(t, "harga minyak naik 7 persen\n", "lookup", "-", "--db", db, "--source-lang", "id", "--target-lang", "en", "--min", "80")
	if code != 0 || !strings.HasPrefix(out, "96%  [-harga-]{+Harga+} minyak naik [-7-]{+5+} persen{+.+}\n") ||
		!strings.Contains(out, "penalties: case −1, punctuation −1, numbers −2") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	code, out, _ = runWithInput(t, "", "lookup", "Sesuatu yang lain sama sekali.", "--db", db, "--source-lang", "id", "--target-lang", "en")
	if code != 0 || out != "No matches.\n" {
		t.Errorf("exit %d, output %q", code, out)
	}
	code, out, _ = runWithInput(t, "", "--ui-lang", "id", "lookup", "Sesuatu.", "--db", db, "--source-lang", "id", "--target-lang", "en")
	if code != 0 || out != "Tidak ada padanan.\n" {
		t.Errorf("exit %d, output %q", code, out)
	}
}

func TestLookupJSON(t *testing.T) {
	db := memoryDB(t)
	code, out, errOut := runWithInput(t, "", "lookup", "Kim Jong Un bertemu Putin di Moskow", "--db", db, "--source-lang", "id", "--target-lang", "en", "--format", "json", "--max", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Query   string
		Matches []struct {
			Score     int
			Source    string
			Target    string
			Origin    map[string]string
			Diff      []map[string]string
			Penalties []struct {
				Reason string
				Points int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if got.Query != "Kim Jong Un bertemu Putin di Moskow" || len(got.Matches) != 1 {
		t.Fatalf("got %+v", got)
	}
	m := got.Matches[0]
	if m.Score != 99 || m.Target != "Kim Jong Un met Putin in Moscow." || m.Origin["file"] != "berita.tmx" || m.Origin["time"] != "2023-09-01T10:00:00Z" ||
		len(m.Penalties) != 1 || m.Penalties[0].Reason != "punctuation" || m.Penalties[0].Points != 1 ||
		len(m.Diff) != 2 || m.Diff[1]["op"] != "insert" || m.Diff[1]["text"] != "." {
		t.Errorf("match %+v", m)
	}
}

func TestLookupBatch(t *testing.T) {
	db := memoryDB(t)
	in := `{"id":1,"text":"Harga minyak naik 5 persen."}
{"id":"b","text":"Tidak ada."}

{"text":"Kim Jong Un bertemu Xi di Beijing."}
`
	code, out, errOut := runWithInput(t, in, "lookup", "--batch", "--db", db, "--source-lang", "id", "--target-lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], `{"id":1,"matches":[{"score":100,`) || lines[1] != `{"id":"b","matches":[]}` ||
		!strings.HasPrefix(lines[2], `{"id":null,"matches":[{"score":100,"source":"Kim Jong Un bertemu Xi di Beijing."`) {
		t.Errorf("output:\n%s", out)
	}
	code, out, errOut = runWithInput(t, "{\"id\":1,\"text\":\"Harga\"}\nnot json\n", "lookup", "--batch", "--db", db, "--source-lang", "id", "--target-lang", "en")
	if code != 1 || !strings.Contains(errOut, "line 2") || strings.Count(out, "\n") != 1 {
		t.Errorf("bad line: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestLookupUsage(t *testing.T) {
	db := memoryDB(t)
	for _, args := range [][]string{
		{"lookup", "x", "--target-lang", "en"},
		{"lookup", "x", "--source-lang", "id"},
		{"lookup", "x", "--source-lang", "id", "--target-lang", "en", "--min", "0"},
		{"lookup", "x", "--source-lang", "id", "--target-lang", "en", "--min", "101"},
		{"lookup", "x", "--source-lang", "id", "--target-lang", "en", "--max", "-1"},
		{"lookup", "x", "--source-lang", "id", "--target-lang", "en", "--format", "xml"},
		{"lookup", "--source-lang", "id", "--target-lang", "en"},
		{"lookup", "x", "y", "--batch", "--source-lang", "id", "--target-lang", "en"},
		{"lookup", "x", "--source-lang", "en_US", "--target-lang", "en"},
	} {
		if code, _, errOut := runWithInput(t, "", append([]string{"--db", db}, args...)...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q; want a usage error", args, code, errOut)
		}
	}
}
