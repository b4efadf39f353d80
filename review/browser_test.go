package review

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/padan-tm/padan/internal/example"
	"github.com/padan-tm/padan/internal/testenv"
	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/worddiff"
)

// demoPage builds the review page of the built-in example: the article's
// sources (testdata/article-segments.json), the translator's draft and the
// editor's revision.
func demoPage(t *testing.T) Page {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "testdata", "article-segments.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Segments []struct {
			Index int    `json:"index"`
			Text  string `json:"text"`
		} `json:"segments"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	from, to := tsvUnits(t, example.Translation), tsvUnits(t, example.Revision)
	p := Page{Lang: "en", Labels: labels}
	var results []worddiff.Result
	for _, s := range doc.Segments {
		r := worddiff.Compare(worddiff.Pair{From: from[s.Index], To: to[s.Index], FromAuthor: example.Translator, ToAuthor: example.Editor}, worddiff.ByWord)
		results = append(results, r)
		u := Unit{
			Index: s.Index, Source: s.Text,
			From:     Version{Text: r.From, Author: r.FromAuthor, Role: "translator"},
			To:       Version{Text: r.To, Author: r.ToAuthor, Role: "editor"},
			Distance: r.Distance.TER, DistanceText: fmt.Sprintf("%.1f%%", 100*r.Distance.TER),
			SimilarityText: fmt.Sprintf("%.1f%%", 100*r.Distance.Similarity),
		}
		u.Ops, u.Changes = Diff(r, worddiff.Class.String)
		p.Units = append(p.Units, u)
	}
	s := worddiff.SummarizeResults(results).Overall
	p.Summary = []Figure{
		{"Units", strconv.Itoa(s.Units)}, {"Changed", strconv.Itoa(s.Changed)},
		{"Mean TER", fmt.Sprintf("%.1f%%", 100*s.MeanTER)}, {"Untouched", fmt.Sprintf("%.0f%%", 100*s.UntouchedShare)},
	}
	return p
}

// tsvUnits reads the example's INDEX<TAB>TEXT files as `padan translate
// --from` does.
func tsvUnits(t *testing.T, data []byte) map[int]string {
	t.Helper()
	entries, err := tm.ParseEntries("example", data)
	if err != nil {
		t.Fatal(err)
	}
	units := make(map[int]string, len(entries))
	for _, e := range entries {
		units[e.Index] = e.Text
	}
	return units
}

// TestBrowser opens the demo's review page in headless Chromium: it must load
// with no console message of level warning or error and no exception, show
// all 37 units, filter them, stack its columns on a phone-sized screen, and
// give a screenshot.
func TestBrowser(t *testing.T) {
	chromium := testenv.Tool(t, "chromium", "chromium")
	p := demoPage(t)
	if len(p.Units) != 37 {
		t.Fatalf("demo page has %d units, want 37", len(p.Units))
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "review.html")
	var b bytes.Buffer
	if err := Render(&b, p); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()

	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				problems = append(problems, fmt.Sprintf("console %s: %v", ev.Type, ev.Args))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, fmt.Sprintf("exception: %+v", ev.ExceptionDetails))
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				problems = append(problems, fmt.Sprintf("log %s %s: %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text))
			}
		}
	}); err != nil {
		t.Fatalf("start chromium: %v", err)
	}

	step, stepCancel := context.WithTimeout(ctx, 60*time.Second)
	defer stepCancel()
	if err := chromedp.Do(step,
		chromedp.Navigate("file://"+file),
		chromedp.WaitVisible(chromedp.CSS("#u37")),
	); err != nil {
		t.Fatalf("load the page: %v", err)
	}
	visible := `Array.from(document.querySelectorAll("article.unit")).filter(e => e.offsetParent !== null).length`
	count := func(what string) int {
		t.Helper()
		n, err := chromedp.Run(step, chromedp.Evaluate[int](what))
		if err != nil {
			t.Fatalf("evaluate %s: %v", what, err)
		}
		return n
	}
	if n := count(`document.querySelectorAll("article.unit").length`); n != 37 {
		t.Errorf("page has %d unit rows, want 37", n)
	}
	if n := count(visible); n != 37 {
		t.Errorf("%d unit rows are visible, want 37", n)
	}
	// The filters hide what they should.
	changed := 0
	for _, u := range p.Units {
		if u.Changed() {
			changed++
		}
	}
	if err := chromedp.Do(step, chromedp.Click(chromedp.CSS(`input[value="changed"]`))); err != nil {
		t.Fatal(err)
	}
	if n := count(visible); n != changed {
		t.Errorf("filter changed: %d rows visible, want %d", n, changed)
	}
	// The screenshot shows the changed units, the interesting ones.
	shot, err := chromedp.Run(step, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := chromedp.Do(step, chromedp.Click(chromedp.CSS(`input[value="unchanged"]`))); err != nil {
		t.Fatal(err)
	}
	if n := count(visible); n != 37-changed {
		t.Errorf("filter unchanged: %d rows visible, want %d", n, 37-changed)
	}

	// On a phone-sized screen the three columns stack.
	if err := chromedp.Do(step, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	cols, err := chromedp.Run(step, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".cols")).gridTemplateColumns`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.TrimSpace(cols), " ") {
		t.Errorf("on a 390px screen the columns are %q, want one column", cols)
	}

	mu.Lock()
	for _, p := range problems {
		t.Errorf("browser reported %s", p)
	}
	mu.Unlock()

	out := filepath.Join(os.TempDir(), "padan-review-screenshot.png")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the review page: %s", out)
	if *update {
		if err := os.WriteFile(filepath.Join("testdata", "screenshot.png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
