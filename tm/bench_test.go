package tm

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/padan-tm/padan/internal/fuzzy/memgen"
	"github.com/padan-tm/padan/tm/internal/backend"
	"github.com/padan-tm/padan/tm/memory"
)

// benchText is a realistic translation of about 25 words.
const benchText = "North Korean leader Kim Jong Un will soon meet Russian President Vladimir Putin to discuss a potential arms deal, a US national security official said (%d)."

// BenchmarkReviseFrom records 100,000 revisions the way `padan translate
// --from` does (parse the file, one transaction) into a document of 1,000
// units, and reports the database growth per 100,000 revisions.
//
//	go test ./tm -run '^$' -bench ReviseFrom -benchtime 3x
func BenchmarkReviseFrom(b *testing.B) {
	const units, revisions = 1000, 100_000
	var src []string
	for i := 0; i < units; i++ {
		src = append(src, fmt.Sprintf("Kalimat sumber nomor %d tentang hubungan Korea Utara dan Rusia.", i+1))
	}
	var file []byte
	for i := 0; i < revisions; i++ {
		file = AppendEntry(file, 1+i%units, fmt.Sprintf(benchText, i))
	}
	ctx := context.Background()
	var grown int64
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		dir := b.TempDir()
		path := filepath.Join(dir, "bench.db")
		s, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		mustImport(b, s, sampleDoc("bench", src...))
		s.Close()
		before := dbSize(b, path)
		b.StartTimer()
		s, err = Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		entries, err := ParseEntries("bench.tsv", file)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Revise(ctx, Change{Document: "bench", Language: "en", Role: RoleTranslator, Author: "Jafar M Sidik", Entries: entries}); err != nil {
			b.Fatal(err)
		}
		s.Close()
		b.StopTimer()
		grown = dbSize(b, path) - before
		b.StartTimer()
	}
	b.ReportMetric(float64(grown)/(1<<20), "MiB/100k-revisions")
}

// dbSize is the size of the database file and its WAL.
func dbSize(b *testing.B, path string) int64 {
	var n int64
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// BenchmarkImportRestore imports a document of n units, then (earlier) a
// version cut to one unit (with Force), then the whole text again with one
// unit in ten changed, and times that last import: every kept unit is found
// in the first version (matchEarlier), every changed one gets its
// suggestion from there. Without the cut version (previous), the same
// import matched against the previous version only, for comparison. The
// time should grow linearly with n.
//
//	go test ./tm -run '^$' -bench ImportRestore -benchtime 3x
func BenchmarkImportRestore(b *testing.B) {
	for _, tc := range []struct {
		n   int
		cut bool
	}{{10_000, false}, {10_000, true}, {100_000, false}, {100_000, true}} {
		n := tc.n
		name := fmt.Sprintf("%d/previous", n)
		if tc.cut {
			name = fmt.Sprintf("%d/earlier", n)
		}
		b.Run(name, func(b *testing.B) {
			v1 := make([]string, n)
			v3 := make([]string, n)
			for i := range v1 {
				v1[i] = fmt.Sprintf("Kalimat sumber nomor %d tentang hubungan Korea Utara dan Rusia.", i+1)
				v3[i] = v1[i]
				if i%10 == 5 {
					v3[i] = fmt.Sprintf("Kalimat yang diubah nomor %d.", i+1)
				}
			}
			ctx := context.Background()
			for k := 0; k < b.N; k++ {
				b.StopTimer()
				s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
				if err != nil {
					b.Fatal(err)
				}
				mustImport(b, s, sampleDoc("bench", v1...))
				if tc.cut {
					cut := sampleDoc("bench", v1[0])
					cut.Force = true
					mustImport(b, s, cut)
				}
				b.StartTimer()
				res := mustImport(b, s, sampleDoc("bench", v3...))
				b.StopTimer()
				if res.Kept != n-n/10 || res.Changed != n/10 {
					b.Fatalf("kept %d, changed %d", res.Kept, res.Changed)
				}
				s.Close()
			}
		})
	}
}

// BenchmarkRebuildIndex rebuilds the memory index of 100,000 generated
// entries (with amounts) in one transaction, as opening a database that an
// older analysis indexed does, and reports the entries rebuilt per second.
//
//	go test ./tm -run '^$' -bench RebuildIndex -benchtime 1x
func BenchmarkRebuildIndex(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	s, _ := benchMemory(b, n, func(i int, u string) string {
		if i%5 == 0 {
			return fmt.Sprintf("Harga naik menjadi Rp%d.000, %s", i%900+100, u)
		}
		return u
	})
	b.ResetTimer()
	for range b.N {
		err := s.db.Write(ctx, func(tx backend.Tx) error {
			_, err := memory.Rebuild(ctx, tx.Memory())
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "entries/s")
}

// BenchmarkLookup looks up 300 queries (exact, edited and unrelated) in a
// memory of 100,000 generated entries on SQLite, and reports the time and
// the allocations of one lookup.
//
//	go test ./tm -run '^$' -bench 'Lookup$' -benchtime 3x
func BenchmarkLookup(b *testing.B) {
	ctx := context.Background()
	s, mem := benchMemory(b, 100_000, nil)
	queries := mem.Queries(300)
	lookupAll := func() {
		for _, q := range queries {
			if _, err := s.Lookup(ctx, LookupQuery{Text: q, SourceLang: "id", TargetLang: "en", Min: 75, Max: 5}); err != nil {
				b.Fatal(err)
			}
		}
	}
	lookupAll() // warm: the page cache and the kept connections
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		lookupAll()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(queries)), "µs/lookup")
}

// benchMemory returns an SQLite store (closed when b ends) holding n
// generated entries and their generator; source, when not nil, rewrites
// the i-th generated source.
func benchMemory(b *testing.B, n int, source func(i int, u string) string) (*Store, *memgen.Memory) {
	ctx := context.Background()
	mem := memgen.New(20261203, 4000)
	mem.Generate(n)
	es := make([]MemoryEntry, n)
	for i, u := range mem.Units {
		if source != nil {
			u = source(i, u)
		}
		es[i] = MemoryEntry{SourceLang: "id", TargetLang: "en", Source: u, Target: fmt.Sprintf("target %d", i)}
	}
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, _, err := s.AddEntries(ctx, es); err != nil {
		b.Fatal(err)
	}
	return s, mem
}
