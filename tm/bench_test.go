package tm

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
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
