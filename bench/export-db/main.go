// Command export-db measures `padan export` from the database: it builds a
// database holding one document of generated Indonesian sentences with
// their translations, then runs the padan binary to export it in every
// format and reports each run's seconds and peak memory.
//
//	go build -o /tmp/padan ./cmd/padan
//	go run ./bench/export-db -db /tmp/export-1m.db -n 1000000 -padan /tmp/padan
//
// The database is generated once through the tm.Store API (the import of
// the text, then one transaction with a translator's revision of every unit
// and an editor's revision of every tenth) and reused when it exists.
// Each export runs in its own process, so its peak resident memory
// (getrusage maxrss) and CPU time (user + system) are its own; the files go
// to -out (default a temporary folder, deleted at the end). The load
// average before and after tells how busy the machine was.
//
// With -profile FORMAT it instead exports in this process, to io.Discard,
// the way `padan export` does (tm.Store.EachUnit into the writer), and writes
// a CPU profile to the file named by -cpuprofile.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/padan-tm/padan/bench/internal/newsdoc"
	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/tmx"
	"github.com/padan-tm/padan/exports/xliff"
	"github.com/padan-tm/padan/tm"
	_ "github.com/padan-tm/padan/tm/postgres" // -db postgres://…
)

// docName is the generated document's name.
const docName = "berita-1m.txt"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "export-db bench:", err)
		os.Exit(1)
	}
}

func run() error {
	db := flag.String("db", filepath.Join(os.TempDir(), "padan-export-bench.db"), "database to generate (if missing) and export from")
	n := flag.Int("n", 1_000_000, "number of segments of the document to generate")
	padan := flag.String("padan", "padan", "the padan binary to measure")
	out := flag.String("out", "", "folder for the exported files (default: a temporary folder, deleted)")
	formats := flag.String("formats", "tmx,xliff12,xliff20", "formats to export, comma-separated")
	profile := flag.String("profile", "", "export FORMAT in this process to io.Discard instead (with -cpuprofile)")
	cpuprofile := flag.String("cpuprofile", "", "with -profile: write a CPU profile here")
	gen := flag.Bool("generate", false, "only generate the database (internal)")
	flag.Parse()
	ctx := context.Background()

	if *gen {
		return generate(ctx, *db, *n)
	}
	missing := false
	if strings.HasPrefix(*db, "postgres://") || strings.HasPrefix(*db, "postgresql://") {
		// A PostgreSQL database: generated when it lacks the document.
		_, err := countUnits(ctx, *db)
		var de *tm.DocumentError
		missing = errors.As(err, &de)
	} else if _, err := os.Stat(*db); errors.Is(err, fs.ErrNotExist) {
		missing = true
	} else if err != nil {
		return err
	}
	if missing {
		// In a process of its own: the exports' peak memory (maxrss) would
		// otherwise count this process's, which starts them.
		start := time.Now()
		self, err := os.Executable()
		if err != nil {
			return err
		}
		cmd := exec.Command(self, "-generate", "-db", *db, "-n", strconv.Itoa(*n))
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			if !strings.HasPrefix(*db, "postgres") {
				os.Remove(*db)
			}
			return fmt.Errorf("generate %s: %w", tm.Redact(*db), err)
		}
		fmt.Printf("generated %s: %d segments in %.1f s\n", tm.Redact(*db), *n, time.Since(start).Seconds())
	}
	if *profile != "" {
		return profileExport(ctx, *db, *profile, *cpuprofile)
	}

	units, err := countUnits(ctx, *db)
	if err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		d, err := os.MkdirTemp("", "padan-export-db")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	fmt.Printf("%s: %d segments, %s, %d CPUs, load average %s\n", tm.Redact(*db), units, runtime.Version(), runtime.NumCPU(), loadAverage())
	fmt.Printf("%-8s %9s %10s %8s %10s %9s\n", "format", "seconds", "units/s", "CPU s", "peak MB", "file MB")
	for _, f := range strings.Split(*formats, ",") {
		path := filepath.Join(dir, "export."+f)
		cmd := exec.Command(*padan, "--db", *db, "export", docName, "--format", f, "--lang", "en", "-o", path, "-q")
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("export %s: %w", f, err)
		}
		secs := time.Since(start).Seconds()
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
		fi, err := os.Stat(path)
		if err != nil {
			return err
		}
		fmt.Printf("%-8s %9.2f %10.0f %8.2f %10.1f %9.1f\n", f, secs, float64(units)/secs, cpu,
			float64(ru.Maxrss)/1024, float64(fi.Size())/(1<<20)) // Maxrss is in KiB on Linux
	}
	fmt.Printf("load average %s\n", loadAverage())
	return nil
}

// loadAverage returns the 1, 5 and 15 minute load averages of the machine,
// or "?" where /proc does not give them.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "?"
}

// countUnits returns the number of segments of the generated document in
// the database at path.
func countUnits(ctx context.Context, path string) (int, error) {
	s, err := tm.Open(ctx, path)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	doc, err := s.Document(ctx, docName)
	return doc.Units, err
}

// generate makes a fresh database at path with one document of n segments,
// a translator's revision of each and an editor's revision of every tenth.
func generate(ctx context.Context, path string, n int) error {
	s, err := tm.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	doc, targets := newsdoc.Document(docName, n)
	if _, err := s.Import(ctx, doc); err != nil {
		return err
	}
	doc.Units, doc.Original = nil, nil
	return s.Update(ctx, func(ctx context.Context, tx *tm.Tx) error {
		tr := tm.Change{Document: docName, Language: "en", Role: tm.RoleTranslator, Author: "Jafar M Sidik", Entries: make([]tm.Entry, n)}
		for i := range n {
			tr.Entries[i] = tm.Entry{Index: i + 1, Text: targets[i], Score: -1}
		}
		if _, err := tx.Revise(ctx, tr); err != nil {
			return err
		}
		ed := tm.Change{Document: docName, Language: "en", Role: tm.RoleEditor, Author: "Atman Ahdiat"}
		for i := 0; i < n; i += 10 {
			ed.Entries = append(ed.Entries, tm.Entry{Index: i + 1, Text: strings.Replace(targets[i], "discussed", "reviewed", 1), Score: -1})
		}
		_, err := tx.Revise(ctx, ed)
		return err
	})
}

// unitWriter is what the TMX and XLIFF writers have in common.
type unitWriter interface {
	Write(exports.Unit) error
	Close() error
}

// profileExport exports the document in format to io.Discard in this
// process, with a CPU profile, and prints the time it took.
func profileExport(ctx context.Context, path, format, cpuprofile string) error {
	s, err := tm.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	var w unitWriter
	switch format {
	case "tmx":
		w, err = tmx.NewWriter(io.Discard, tmx.Header{SrcLang: "id", CreationToolVersion: "bench"})
	case "xliff12":
		w, err = xliff.NewWriter12(io.Discard, xliff.Options{SourceLang: "id", TargetLang: "en", ToolVersion: "bench"})
	case "xliff20":
		w, err = xliff.NewWriter20(io.Discard, xliff.Options{SourceLang: "id", TargetLang: "en", ToolVersion: "bench"})
	default:
		return fmt.Errorf("unknown format %q", format)
	}
	if err != nil {
		return err
	}
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	doc, err := s.Document(ctx, docName)
	if err != nil {
		return err
	}
	fmt.Printf("Document: %.2f s\n", time.Since(start).Seconds())
	count := 0
	err = s.EachUnit(ctx, doc, "en", false, func(u *tm.Unit) error {
		count++
		eu := exports.Unit{
			ID: "s" + strconv.Itoa(u.Index), Document: doc.Name, Segment: u.Index, SourceLang: doc.Language, TargetLang: "en",
			Source: u.Source, Target: u.Target, Status: exports.StatusTranslated,
		}
		if u.Translator != nil {
			eu.Translator = exports.Revision{Role: exports.RoleTranslator, Text: u.Translator.Text, Author: u.Translator.Author, Time: u.Translator.Time}
		}
		if u.Editor != nil {
			eu.Editor = exports.Revision{Role: exports.RoleEditor, Text: u.Editor.Text, Author: u.Editor.Author, Time: u.Editor.Time}
			eu.Status = exports.StatusReviewed
		}
		return w.Write(eu)
	})
	if err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	fmt.Printf("%s: %d units in %.2f s (%.0f units/s)\n", format, count, secs, float64(count)/secs)
	return nil
}
