// Command lookup measures padan's translation-memory lookups against the
// memories of shared/bench/gen_tm.py, the generator that measured
// translate-toolkit, OmegaT and neokapi, so that the figures compare.
//
// For one memory size it generates (or reuses) the TMX and its 1,000
// queries, imports the TMX into a fresh database (reading it with
// exports/tmx, streaming it into one tm.Store.AddEntriesFrom transaction, as
// `padan import-tm` does), then reports as JSON:
//
//   - import time and database size (and their ratio to the TMX size);
//   - lookup latency p50/p95/p99 over the queries, in one warm process
//     (every query is run once before the timed pass), in total and by
//     kind of query (exact, fuzzy, unrelated), and the CPU time of the
//     lookups' thread (which a busy machine does not inflate);
//   - the matches found and the recall against an exhaustive scan that
//     scores every unit with the same score (internal/fuzzy.Scan's method),
//     and the scan's own latency;
//   - the peak resident memory (VmHWM) after the lookups, before the scan.
//
// Usage:
//
//	go run ./bench/lookup -units 100000 [-min 75] [-max 5] [-dir /tmp/padan-bench] [-scan 1000]
//
// -scan limits how many queries the exhaustive scan checks (it scores every
// unit for each, which takes minutes at a million units).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/padan-tm/padan/exports/tmx"
	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/tm"
	_ "github.com/padan-tm/padan/tm/postgres" // -pg
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "lookup bench:", err)
		os.Exit(1)
	}
}

type query struct {
	Kind  string `json:"kind"`
	Query string `json:"query"`
	QID   int    `json:"qid"`
}

type latency struct {
	P50, P95, P99, Max float64 // milliseconds
	N                  int
}

func percentiles(ds []time.Duration) latency {
	if len(ds) == 0 {
		return latency{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(p float64) float64 {
		i := int(p*float64(len(s))+0.5) - 1
		return float64(s[max(0, min(i, len(s)-1))].Microseconds()) / 1000
	}
	return latency{P50: at(0.50), P95: at(0.95), P99: at(0.99), Max: at(1), N: len(s)}
}

type report struct {
	Units          int                `json:"units"`
	Min            int                `json:"min"`
	Max            int                `json:"max"`
	TMXBytes       int64              `json:"tmx_bytes"`
	ImportSeconds  float64            `json:"import_seconds"`
	Added          int                `json:"added"`
	DBBytes        int64              `json:"db_bytes"`
	DBToTMX        float64            `json:"db_to_tmx"`
	Lookup         latency            `json:"lookup_ms"`
	LookupCPU      latency            `json:"lookup_cpu_ms"`
	LookupByKind   map[string]latency `json:"lookup_ms_by_kind"`
	QueriesMatched int                `json:"queries_with_matches"`
	PeakRSSMB      float64            `json:"peak_rss_mb"`
	ScanQueries    int                `json:"scan_queries"`
	ScanMatches    int                `json:"scan_matches"`
	IndexMatches   int                `json:"index_matches"`
	Recall         float64            `json:"recall"`
	TopKIdentical  int                `json:"topk_identical"`
	Scan           latency            `json:"scan_ms"`
	GoVersion      string             `json:"go"`
	CPUs           int                `json:"gomaxprocs"`
}

func run() error {
	units := flag.Int("units", 10000, "memory size (units)")
	minScore := flag.Int("min", 75, "least score of a match")
	maxMatches := flag.Int("max", 5, "matches per lookup for the latency pass")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "padan-bench"), "work folder for TMX, queries and database")
	gen := flag.String("gen", "../shared/bench/gen_tm.py", "path of gen_tm.py")
	scanN := flag.Int("scan", 1000, "queries checked against the exhaustive scan")
	pg := flag.String("pg", "", "a postgres:// URL of an empty schema to use instead of an SQLite file")
	flag.Parse()
	ctx := context.Background()
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	tmxPath := filepath.Join(*dir, fmt.Sprintf("tm-%d.tmx", *units))
	qPath := filepath.Join(*dir, fmt.Sprintf("queries-%d.jsonl", *units))
	if _, err := os.Stat(qPath); err != nil {
		cmd := exec.Command("python3", *gen, "--units", strconv.Itoa(*units), "--tmx", tmxPath, "--queries", qPath)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("gen_tm.py: %w", err)
		}
	}
	queries, err := readQueries(qPath)
	if err != nil {
		return err
	}
	fi, err := os.Stat(tmxPath)
	if err != nil {
		return err
	}
	rep := report{Units: *units, Min: *minScore, Max: *maxMatches, TMXBytes: fi.Size(), GoVersion: runtime.Version(), CPUs: runtime.GOMAXPROCS(0)}

	// Import into a fresh database.
	dbPath := filepath.Join(*dir, fmt.Sprintf("padan-%d.db", *units))
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(dbPath + suffix)
	}
	if *pg != "" {
		dbPath = *pg
	}
	start := time.Now()
	s, err := tm.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	sources, added, err := importTMX(ctx, s, tmxPath)
	if err != nil {
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	rep.ImportSeconds = time.Since(start).Seconds()
	rep.Added = added
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(dbPath + suffix); err == nil {
			rep.DBBytes += fi.Size()
		}
	}
	rep.DBToTMX = float64(rep.DBBytes) / float64(rep.TMXBytes)

	// Lookups, warm: one pass to warm, one timed.
	if s, err = tm.Open(ctx, dbPath); err != nil {
		return err
	}
	defer s.Close()
	lookupOne := func(q query, max int) ([]tm.Match, time.Duration, error) {
		t0 := time.Now()
		ms, err := s.Lookup(ctx, tm.LookupQuery{Text: q.Query, SourceLang: "id", TargetLang: "en", Min: *minScore, Max: max})
		return ms, time.Since(t0), err
	}
	for _, q := range queries {
		if _, _, err := lookupOne(q, *maxMatches); err != nil {
			return err
		}
	}
	var all, cpu []time.Duration
	byKind := map[string][]time.Duration{}
	top := make([][]tm.Match, len(queries))
	// The thread's CPU time is measured too: on a shared machine the wall
	// time includes waiting for a core.
	runtime.LockOSThread()
	for i, q := range queries {
		c0 := threadCPU()
		ms, d, err := lookupOne(q, *maxMatches)
		if err != nil {
			return err
		}
		cpu = append(cpu, threadCPU()-c0)
		all = append(all, d)
		byKind[q.Kind] = append(byKind[q.Kind], d)
		top[i] = ms
		if len(ms) > 0 {
			rep.QueriesMatched++
		}
	}
	runtime.UnlockOSThread()
	rep.Lookup = percentiles(all)
	rep.LookupCPU = percentiles(cpu)
	rep.LookupByKind = map[string]latency{}
	for k, ds := range byKind {
		rep.LookupByKind[k] = percentiles(ds)
	}
	rep.PeakRSSMB = peakRSS()

	// Exhaustive scan: every unit scored, no filter. Keys are interned as
	// integers to keep a million units in memory; the base score is the
	// same Levenshtein over the same keys, and the penalties are computed
	// from the full analysis when the base reaches the minimum.
	dict := map[string]int32{}
	intern := func(keys []string) []int32 {
		out := make([]int32, len(keys))
		for i, k := range keys {
			id, ok := dict[k]
			if !ok {
				id = int32(len(dict))
				dict[k] = id
			}
			out[i] = id
		}
		return out
	}
	ukeys := make([][]int32, len(sources))
	for i, src := range sources {
		ukeys[i] = intern(tm.Analyze(src).Keys)
	}
	var scanTimes []time.Duration
	rep.ScanQueries = min(*scanN, len(queries))
	for i, q := range queries[:rep.ScanQueries] {
		t0 := time.Now()
		qa := tm.Analyze(q.Query)
		qk := intern(qa.Keys)
		var hits []fuzzy.Hit
		for j, uk := range ukeys {
			d := fuzzy.Distance(qk, uk, -1)
			if fuzzy.Base(len(qk), len(uk), d) < *minScore {
				continue
			}
			if r := fuzzy.Score(qa, tm.Analyze(sources[j])); r.Score >= *minScore {
				hits = append(hits, fuzzy.Hit{Index: j, Result: r})
			}
		}
		slices.SortFunc(hits, fuzzy.Compare)
		scanTimes = append(scanTimes, time.Since(t0))
		got, _, err := lookupOne(q, 0)
		if err != nil {
			return err
		}
		rep.ScanMatches += len(hits)
		rep.IndexMatches += len(intersect(got, hits))
		want := hits[:min(*maxMatches, len(hits))]
		if slices.EqualFunc(top[i], want, func(m tm.Match, h fuzzy.Hit) bool {
			return m.ID == int64(h.Index+1) && m.Score == h.Score
		}) {
			rep.TopKIdentical++
		}
	}
	rep.Scan = percentiles(scanTimes)
	if rep.ScanMatches > 0 {
		rep.Recall = float64(rep.IndexMatches) / float64(rep.ScanMatches)
	} else {
		rep.Recall = 1
	}
	out, _ := json.MarshalIndent(rep, "", "  ")
	fmt.Println(string(out))
	return nil
}

// intersect returns the hits the lookup found with the same score.
func intersect(got []tm.Match, hits []fuzzy.Hit) []fuzzy.Hit {
	by := map[int64]int{}
	for _, m := range got {
		by[m.ID] = m.Score
	}
	var out []fuzzy.Hit
	for _, h := range hits {
		if sc, ok := by[int64(h.Index+1)]; ok && sc == h.Score {
			out = append(out, h)
		}
	}
	return out
}

func readQueries(path string) ([]query, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var qs []query
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var q query
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		qs = append(qs, q)
	}
	return qs, sc.Err()
}

// importTMX streams the memory into s with padan's TMX reader and one
// AddEntriesFrom transaction, as `padan import-tm` does, and returns the
// sources (for the exhaustive scan). Entry i has id i+1 in a fresh
// database (gen_tm.py writes no duplicates).
func importTMX(ctx context.Context, s *tm.Store, path string) ([]string, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	r := tmx.NewReader(bufio.NewReaderSize(f, 1<<20), filepath.Base(path))
	var sources []string
	added, _, err := s.AddEntriesFrom(ctx, func() (tm.MemoryEntry, bool, error) {
		u, err := r.Next()
		if errors.Is(err, io.EOF) {
			return tm.MemoryEntry{}, false, nil
		}
		if err != nil {
			return tm.MemoryEntry{}, false, err
		}
		sources = append(sources, u.Source)
		return tm.MemoryEntry{SourceLang: u.SourceLang, TargetLang: u.TargetLang, Source: u.Source, Target: u.Target,
			Origin: tm.Origin{Kind: tm.OriginImport, File: filepath.Base(path), Segment: u.ID, Author: u.Translator.Author, Time: u.Translator.Time}}, true, nil
	})
	return sources, added, err
}

// threadCPU returns the CPU time of the calling thread
// (CLOCK_THREAD_CPUTIME_ID).
func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

// peakRSS returns the process's peak resident memory in MB (Linux).
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}
