package main

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/tm"
)

func TestPercentiles(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- { // unsorted on purpose
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	tests := []struct {
		name string
		in   []time.Duration
		want latency
	}{
		{"none", nil, latency{}},
		{"one", []time.Duration{3 * time.Millisecond}, latency{P50: 3, P95: 3, P99: 3, Max: 3, N: 1}},
		{"hundred", ds, latency{P50: 50, P95: 95, P99: 99, Max: 100, N: 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentiles(tt.in); got != tt.want {
				t.Errorf("percentiles = %+v, want %+v", got, tt.want)
			}
		})
	}
	if ds[0] != 100*time.Millisecond {
		t.Error("percentiles sorted its argument")
	}
}

func TestConcordanceTerms(t *testing.T) {
	sources := []string{
		`Jakarta (ANTARA) - Presiden Joko Widodo meresmikan jalan tol baru, kata menteri.`,
		`Harga beras naik 2,5 persen pada tahun 2024 menurut Badan Pusat Statistik.`,
		`Korea-Utara dan Rusia menandatangani "perjanjian" kerja sama pertahanan.`,
	}
	terms := concordanceTerms(sources, 60)
	if len(terms) != 60 {
		t.Fatalf("got %d terms, want 60", len(terms))
	}
	if again := concordanceTerms(sources, 60); !slices.Equal(terms, again) {
		t.Error("the terms differ from one call to the next")
	}
	// The sources as runs of words made of letters: a term must be a
	// consecutive run of one of them.
	var runs []string
	for _, s := range sources {
		var words []string
		for _, f := range strings.Fields(s) {
			w := strings.Trim(f, `,.()"-`)
			if w == "" || strings.ContainsAny(w, "0123456789-,") {
				runs = append(runs, " "+strings.Join(words, " ")+" ")
				words = nil
				continue
			}
			words = append(words, w)
		}
		runs = append(runs, " "+strings.Join(words, " ")+" ")
	}
	for i, term := range terms {
		if n := len(strings.Fields(term)); n != 1+i%3 {
			t.Errorf("term %d %q has %d words, want %d", i, term, n, 1+i%3)
		}
		if !slices.ContainsFunc(runs, func(r string) bool { return strings.Contains(r, " "+term+" ") }) {
			t.Errorf("term %q is not a run of letter words of a source", term)
		}
	}
	if got := concordanceTerms(nil, 5); got != nil {
		t.Errorf("no sources: got %q", got)
	}
}

func TestFound(t *testing.T) {
	sources := []string{"satu", "dua", "tiga"}
	hits := []fuzzy.Hit{{Index: 0, Result: fuzzy.Result{Score: 100}}, {Index: 2, Result: fuzzy.Result{Score: 80}}}
	tests := []struct {
		name string
		got  []tm.Match
		want int
	}{
		{"all", []tm.Match{{Source: "tiga", Score: 80}, {Source: "satu", Score: 100}}, 2},
		{"other score", []tm.Match{{Source: "tiga", Score: 79}, {Source: "satu", Score: 100}}, 1},
		{"not a hit", []tm.Match{{Source: "dua", Score: 100}}, 0},
		{"none", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := found(tt.got, sources, hits); n != tt.want {
				t.Errorf("found = %d, want %d", n, tt.want)
			}
		})
	}
}

func TestWithSearchPath(t *testing.T) {
	u, err := url.Parse("postgres://desk:rahasia@localhost:5432/padan?sslmode=disable&search_path=old")
	if err != nil {
		t.Fatal(err)
	}
	got := withSearchPath(u, "padan_bench_1")
	if q := got.Query(); q.Get("search_path") != "padan_bench_1" || q.Get("sslmode") != "disable" {
		t.Errorf("query = %v", q)
	}
	if u.Query().Get("search_path") != "old" {
		t.Error("withSearchPath changed its argument")
	}
	if strings.Contains(got.Redacted(), "rahasia") {
		t.Errorf("Redacted shows the password: %s", got.Redacted())
	}
}

func TestThousands(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 999.4: "999", 999.5: "1,000", 25000: "25,000", 1234567.8: "1,234,568"} {
		if got := thousands(in); got != want {
			t.Errorf("thousands(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestTable(t *testing.T) {
	r := report{Backend: "sqlite", Units: 100000, TMXBytes: 45_913_257, ImportSeconds: 4, ImportRate: 25000,
		Lookup: latency{P50: 0.71, P95: 1.8, P99: 2.1}, ScanQueries: 1000, ScanMatches: 756, IndexMatches: 756, Recall: 1,
		Load: map[string]string{"import": "1.5 1.2 1.0"}}
	p := r
	p.Backend = "postgres"
	var b strings.Builder
	if err := table(&b, []report{r, p}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	for _, want := range []string{
		"| | sqlite | postgres |",
		"|---|---|---|",
		"| units (TMX) | 100,000 (45.9 MB) | 100,000 (45.9 MB) |",
		"| lookup p50 / p95 / p99 ms | 0.71 / 1.80 / 2.10 | 0.71 / 1.80 / 2.10 |",
		"| recall vs scan; top 5 identical | 756/756 = 100% (1000 queries); 0/1000 | 756/756 = 100% (1000 queries); 0/1000 |",
		"| load average (1 min) after import, lookups, clients, one-shot | 1.5, ?, ?, ? | 1.5, ?, ?, ? |",
	} {
		if !slices.Contains(lines, want) {
			t.Errorf("no line %q in\n%s", want, b.String())
		}
	}
	for _, l := range lines {
		if strings.Count(l, "|") != 4 {
			t.Errorf("line %q has not 3 cells", l)
		}
	}
}

func TestReuseTarget(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "padan.db")
	if err := os.WriteFile(db, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tg, err := reuseTarget(context.Background(), db)
	if err != nil || tg.Backend != "sqlite" || tg.DSN != db {
		t.Errorf("reuseTarget(%s) = %+v, %v", db, tg, err)
	}
	for _, tt := range []struct{ name, dsn, want string }{
		{"no database", "", "-reuse needs -db"},
		{"no file", filepath.Join(dir, "none.db"), "no such file"},
		{"no schema", "postgres://desk:rahasia@127.0.0.1:1/padan?sslmode=disable", "must name one schema"},
		{"two schemas", "postgres://desk:rahasia@127.0.0.1:1/padan?search_path=a,b", "must name one schema"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := reuseTarget(context.Background(), tt.dsn)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "rahasia") {
				t.Errorf("reuseTarget(%q) = %v, want an error with %q and no password", tt.dsn, err, tt.want)
			}
		})
	}
}

func TestTableReused(t *testing.T) {
	var b strings.Builder
	if err := table(&b, []report{{Backend: "postgres", Reused: true, ImportSeconds: 0}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "| import | — (database reused) |") {
		t.Errorf("no reused import cell in\n%s", b.String())
	}
}
