package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/tm"
	"github.com/padan-tm/padan/worddiff"
)

// lookupFunc runs one query on a store with at most max matches and times it.
type lookupFunc func(s *tm.Store, q query, max int) ([]tm.Match, time.Duration, error)

// lookups runs every query twice and times the second pass: wall time, in
// total and by kind, and the thread's CPU time (on a shared machine the
// wall time includes waiting for a core). It returns each query's matches.
func lookups(queries []query, lookup func(query) ([]tm.Match, time.Duration, error), rep *report) ([][]tm.Match, error) {
	for _, q := range queries {
		if _, _, err := lookup(q); err != nil {
			return nil, err
		}
	}
	var all, cpu []time.Duration
	byKind := map[string][]time.Duration{}
	top := make([][]tm.Match, len(queries))
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for i, q := range queries {
		c0 := threadCPU()
		ms, d, err := lookup(q)
		if err != nil {
			return nil, err
		}
		cpu = append(cpu, threadCPU()-c0)
		all = append(all, d)
		byKind[q.Kind] = append(byKind[q.Kind], d)
		top[i] = ms
		if len(ms) > 0 {
			rep.QueriesMatched++
		}
	}
	rep.Lookup = percentiles(all)
	rep.LookupCPU = percentiles(cpu)
	rep.LookupByKind = map[string]latency{}
	for k, ds := range byKind {
		rep.LookupByKind[k] = percentiles(ds)
	}
	return top, nil
}

// concordanceTerms draws n search terms from the memory's sources, the
// same ones for the same sources: term i has 1, 2 or 3 words (i mod 3),
// consecutive words of a source chosen at random (seeded), from a random
// position. Only words made of letters, once the punctuation around them
// is trimmed, are taken (no numbers, no words with a hyphen or an
// apostrophe inside), so that every backend's word boundaries agree on
// them. Words drawn this way follow the memory's own
// frequencies: single words are mostly common (many hits), three-word
// phrases mostly rare.
func concordanceTerms(sources []string, n int) []string {
	if len(sources) == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(12, 2026))
	var terms []string
	for i := 0; len(terms) < n && i < 100*n; i++ {
		k := 1 + len(terms)%3
		var words []string
		for _, f := range strings.Fields(sources[rng.IntN(len(sources))]) {
			w := strings.TrimFunc(f, unicode.IsPunct)
			if w == "" || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
				w = "" // breaks a run of words
			}
			words = append(words, w)
		}
		if len(words) < k {
			continue
		}
		start := rng.IntN(len(words) - k + 1)
		run := words[start : start+k]
		if slices.Contains(run, "") {
			continue
		}
		terms = append(terms, strings.Join(run, " "))
	}
	return terms
}

// concordance searches every term twice (at most 20 hits each, as `padan
// concordance` by default) and times the second pass.
func concordance(ctx context.Context, s *tm.Store, terms []string, rep *report) error {
	search := func(term string) (int, time.Duration, error) {
		t0 := time.Now()
		hits, err := s.Concordance(ctx, tm.ConcordanceQuery{Term: term, Lang: "id", Max: 20})
		return len(hits), time.Since(t0), err
	}
	for _, term := range terms {
		if _, _, err := search(term); err != nil {
			return fmt.Errorf("concordance %q: %w", term, err)
		}
	}
	var ds []time.Duration
	for _, term := range terms {
		n, d, err := search(term)
		if err != nil {
			return fmt.Errorf("concordance %q: %w", term, err)
		}
		ds = append(ds, d)
		if n == 0 {
			rep.ConcordanceNo++
		}
	}
	rep.Concordance = percentiles(ds)
	return nil
}

// clients opens o.clients stores on dsn, each with its own connections,
// then has each issue lookups (client c starts at query c·len/clients and
// goes round) until it has issued o.clientsMax or o.clientsFor has passed.
// It reports their latencies together and the lookups per second of all.
func clients(ctx context.Context, o options, dsn string, queries []query, lookup lookupFunc, rep *report) error {
	stores := make([]*tm.Store, o.clients)
	for i := range stores {
		s, err := tm.Open(ctx, dsn)
		if err != nil {
			return err
		}
		defer s.Close()
		stores[i] = s
	}
	times := make([][]time.Duration, o.clients)
	errs := make([]error, o.clients)
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(o.clientsFor)
	for c, s := range stores {
		wg.Go(func() {
			for i := 0; i < o.clientsMax && time.Now().Before(deadline); i++ {
				q := queries[(c*len(queries)/o.clients+i)%len(queries)]
				_, d, err := lookup(s, q, o.max)
				if err != nil {
					errs[c] = err
					return
				}
				times[c] = append(times[c], d)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for c := range times {
		if errs[c] != nil {
			return fmt.Errorf("client %d: %w", c, errs[c])
		}
		all = append(all, times[c]...)
	}
	rep.Clients = o.clients
	rep.ClientLookup = percentiles(all)
	rep.ClientRate = float64(len(all)) / elapsed.Seconds()
	return nil
}

// oneShot runs `padan --db DSN lookup --source-lang id --target-lang en
// TEXT` o.oneShot times, each in a process of its own, on queries spread
// over the list (so every kind), and reports the processes' wall and CPU
// times.
func oneShot(o options, dsn string, queries []query, rep *report) error {
	var wall, cpu []time.Duration
	for i := range o.oneShot {
		q := queries[i*len(queries)/o.oneShot]
		t0 := time.Now()
		ps, err := runPadan(o.padan, dsn, "lookup", "--source-lang", "id", "--target-lang", "en", "--", q.Query)
		if err != nil {
			return err
		}
		wall = append(wall, time.Since(t0))
		cpu = append(cpu, ps.UserTime()+ps.SystemTime())
	}
	rep.OneShot, rep.OneShotCPU = percentiles(wall), percentiles(cpu)
	return nil
}

// scan scores every source against each query, without any filter, and
// compares what it finds with the index's lookups: the matches (same
// source, same score) the index finds of those the scan finds (recall), and
// whether the top o.max are identical. Keys are interned as integers to
// keep a million units in memory; the base score is the same Levenshtein
// over the same keys, and the penalties are computed from the full analysis
// when the base reaches the minimum.
func scan(sources []string, queries []query, o options, top [][]tm.Match, lookup func(query) ([]tm.Match, error), rep *report) error {
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
	var times []time.Duration
	rep.ScanQueries = len(queries)
	for i, q := range queries {
		t0 := time.Now()
		qa := tm.Analyze(q.Query)
		qk := intern(qa.Keys)
		var hits []fuzzy.Hit
		for j, uk := range ukeys {
			d := worddiff.Levenshtein(qk, uk, -1)
			if fuzzy.Base(len(qk), len(uk), d) < o.min {
				continue
			}
			if r := fuzzy.Score(qa, tm.Analyze(sources[j])); r.Score >= o.min {
				hits = append(hits, fuzzy.Hit{Index: j, Result: r})
			}
		}
		slices.SortFunc(hits, fuzzy.Compare)
		times = append(times, time.Since(t0))
		got, err := lookup(q)
		if err != nil {
			return err
		}
		rep.ScanMatches += len(hits)
		rep.IndexMatches += found(got, sources, hits)
		want := hits[:min(o.max, len(hits))]
		if slices.EqualFunc(top[i], want, func(m tm.Match, h fuzzy.Hit) bool {
			return m.Source == sources[h.Index] && m.Score == h.Score
		}) {
			rep.TopKIdentical++
		}
	}
	rep.Scan = percentiles(times)
	rep.Recall = 1
	if rep.ScanMatches > 0 {
		rep.Recall = float64(rep.IndexMatches) / float64(rep.ScanMatches)
	}
	return nil
}

// found counts the scan's hits that the lookup found with the same score.
// Entries are told apart by their source (gen_tm.py writes no duplicate
// sources), not by id, which a backend numbers as it likes.
func found(got []tm.Match, sources []string, hits []fuzzy.Hit) int {
	score := map[string]int{}
	for _, m := range got {
		score[m.Source] = m.Score
	}
	n := 0
	for _, h := range hits {
		if sc, ok := score[sources[h.Index]]; ok && sc == h.Score {
			n++
		}
	}
	return n
}
