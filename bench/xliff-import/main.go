// Command xliff-import measures `padan import-tm` of a translated XLIFF
// back into its document: it builds a database holding one document of
// generated Indonesian sentences with a translator's revision of each,
// writes XLIFF 1.2 and 2.0 files of that document in which a CAT tool
// changed every target (every tenth unit made final, so also approved),
// then runs the padan binary to import each file into a fresh copy of the
// database and reports the seconds and peak memory of each run.
//
//	go build -o /tmp/padan ./cmd/padan
//	go run ./bench/xliff-import -n 1000000 -padan /tmp/padan
//
// The database and the files are generated once in -dir and reused. The
// files are written with the exports/xliff writers, units as `padan
// export` gives them (ids s1, s2, …, the segment number, the translator's
// revision); with -export they are instead exported by `padan export` from
// the database and their targets changed by a read (exports/xliff reader)
// and write (writer) of each unit. Each import runs in its own process on
// a copy of the database, so its peak resident memory (getrusage maxrss)
// is its own (measured by /usr/bin/time, which must be installed); the
// run then checks the revisions the import wrote.
//
// With -memory each file is also imported into an empty database, where
// the document is unknown: its units go to the translation memory.
package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/padan-tm/padan/bench/internal/newsdoc"
	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/xliff"
	"github.com/padan-tm/padan/tm"
)

// docName is the generated document's name.
const docName = "berita-xliff.txt"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "xliff-import bench:", err)
		os.Exit(1)
	}
}

func run() error {
	n := flag.Int("n", 1_000_000, "number of segments of the generated document")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "padan-xliff-bench"), "folder of the generated database and files, reused")
	padan := flag.String("padan", "padan", "the padan binary to measure")
	formats := flag.String("formats", "xliff12,xliff20", "formats to import, comma-separated")
	export := flag.Bool("export", false, "make the files with `padan export` and a rewrite of their targets")
	memory := flag.Bool("memory", false, "also import each file into an empty database (units into the memory)")
	flag.Parse()
	ctx := context.Background()
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}

	template := filepath.Join(*dir, fmt.Sprintf("template-%d.db", *n))
	if _, err := os.Stat(template); errors.Is(err, fs.ErrNotExist) {
		start := time.Now()
		if err := generate(ctx, template, *n); err != nil {
			os.Remove(template)
			return err
		}
		fmt.Printf("generated %s: %d segments in %.1f s\n", template, *n, time.Since(start).Seconds())
	} else if err != nil {
		return err
	}

	fmt.Printf("%s, GOMAXPROCS=%d\n", runtime.Version(), runtime.GOMAXPROCS(0))
	for _, f := range strings.Split(*formats, ",") {
		file := filepath.Join(*dir, fmt.Sprintf("import-%d.%s.xlf", *n, f))
		if *export {
			file = filepath.Join(*dir, fmt.Sprintf("import-%d.%s.exported.xlf", *n, f))
		}
		if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
			start := time.Now()
			if *export {
				err = exportFile(*padan, template, f, file)
			} else {
				err = writeFile(file, f, *n)
			}
			if err != nil {
				os.Remove(file)
				return err
			}
			fmt.Printf("generated %s in %.1f s\n", file, time.Since(start).Seconds())
		} else if err != nil {
			return err
		}
		fi, err := os.Stat(file)
		if err != nil {
			return err
		}
		db := filepath.Join(*dir, "run.db")
		if err := copyDB(template, db); err != nil {
			return err
		}
		secs, peak, out, err := importFile(*padan, db, file)
		if err != nil {
			return err
		}
		revs, err := countRevisions(ctx, db)
		if err != nil {
			return err
		}
		// The template's n revisions, the import's n and n/10 approvals.
		check := "ok"
		if want := *n + *n + (*n+9)/10; revs != want {
			check = fmt.Sprintf("WRONG: %d revisions, want %d", revs, want)
		}
		fmt.Printf("%s (%.0f MB) into its document: %.1f s (%.0f units/s), peak %.1f MB; revisions %s\n  %s",
			f, float64(fi.Size())/(1<<20), secs, float64(*n)/secs, float64(peak)/1024, check, out)
		if *memory {
			removeDB(db)
			secs, peak, out, err := importFile(*padan, db, file)
			if err != nil {
				return err
			}
			fmt.Printf("%s into an empty database (the memory): %.1f s (%.0f units/s), peak %.1f MB\n  %s",
				f, secs, float64(*n)/secs, float64(peak)/1024, out)
		}
		removeDB(db)
	}
	return nil
}

// importFile runs `padan import-tm` of file into db under /usr/bin/time
// and returns its wall time, peak resident memory (KiB) and output. The
// figures are time's: the rusage of a child of this process would report
// this process's peak (Linux keeps the larger maxrss across fork and exec),
// which generating the database makes large.
func importFile(padan, db, file string) (float64, int64, string, error) {
	stats, err := os.CreateTemp("", "xliff-import-time")
	if err != nil {
		return 0, 0, "", err
	}
	stats.Close()
	defer os.Remove(stats.Name())
	cmd := exec.Command("/usr/bin/time", "-o", stats.Name(), "-f", "%e %M", padan, "--db", db, "import-tm", file, "--by", "Budi")
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, 0, "", fmt.Errorf("import %s: %w", file, err)
	}
	b, err := os.ReadFile(stats.Name())
	if err != nil {
		return 0, 0, "", err
	}
	var secs float64
	var peak int64
	if _, err := fmt.Sscan(string(b), &secs, &peak); err != nil {
		return 0, 0, "", fmt.Errorf("/usr/bin/time said %q: %w", b, err)
	}
	return secs, peak, out.String(), nil
}

// countRevisions returns the number of revisions in the database at path.
func countRevisions(ctx context.Context, path string) (int, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM revisions`).Scan(&n)
	return n, err
}

// copyDB copies the database file from to to (the template is closed, so
// it has no WAL).
func copyDB(from, to string) error {
	removeDB(to)
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

// generate makes a fresh database at path with one document of n segments
// and a translator's revision of each.
func generate(ctx context.Context, path string, n int) error {
	s, err := tm.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	doc, targets := newsdoc.Document(docName, n)
	tr := tm.Change{Document: docName, Language: "en", Role: tm.RoleTranslator, Author: "Jafar M Sidik", Entries: make([]tm.Entry, n)}
	for i, t := range targets {
		tr.Entries[i] = tm.Entry{Index: i + 1, Text: t, Score: -1}
	}
	if _, err := s.Import(ctx, doc); err != nil {
		return err
	}
	doc.Units, doc.Original = nil, nil
	_, err = s.Revise(ctx, tr)
	return err
}

// unitWriter is what the XLIFF writers have in common.
type unitWriter interface {
	Write(exports.Unit) error
	Close() error
}

func newWriter(w io.Writer, format string) (unitWriter, error) {
	o := xliff.Options{SourceLang: "id", TargetLang: "en", ToolVersion: "bench"}
	switch format {
	case "xliff12":
		return xliff.NewWriter12(w, o)
	case "xliff20":
		return xliff.NewWriter20(w, o)
	}
	return nil, fmt.Errorf("unknown format %q", format)
}

// changed is the CAT tool's work on a unit: a new target, and every tenth
// unit final.
func changed(u *exports.Unit, i int) {
	u.Target = "Revised: " + u.Target
	u.Status = exports.StatusTranslated
	if i%10 == 0 {
		u.Status = exports.StatusFinal
	}
}

// writeFile writes an XLIFF of the generated document with every target
// changed, as the CAT tool gives it back.
func writeFile(path, format string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := newWriter(f, format)
	if err != nil {
		return err
	}
	when := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	err = newsdoc.Sentences(n, func(i int, src, tgt string) error {
		u := exports.Unit{ID: "s" + strconv.Itoa(i+1), Document: docName, Segment: i + 1, SourceLang: "id", TargetLang: "en",
			Source: src, Target: tgt,
			Translator: exports.Revision{Role: exports.RoleTranslator, Text: tgt, Author: "Jafar M Sidik", Time: when}}
		changed(&u, i)
		return w.Write(u)
	})
	if err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return f.Close()
}

// exportFile exports the document with `padan export` and rewrites the
// file with every target changed.
func exportFile(padan, db, format, path string) error {
	raw := path + ".raw"
	defer os.Remove(raw)
	cmd := exec.Command(padan, "--db", db, "export", docName, "--format", format, "--lang", "en", "-o", raw, "-q")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("export %s: %w", format, err)
	}
	in, err := os.Open(raw)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	defer out.Close()
	w, err := newWriter(out, format)
	if err != nil {
		return err
	}
	r := xliff.NewReader(bufio.NewReaderSize(in, 1<<20), raw)
	for i := 0; ; i++ {
		u, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		changed(&u, i)
		if err := w.Write(u); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return out.Close()
}
