// Command exports measures how fast padan's TMX and XLIFF writers and readers
// go through 1,000,000 generated units, and their peak memory.
//
//	go run ./bench/exports            # every format, write then read, 1e6 units
//	go run ./bench/exports -n 100000  # fewer units
//
// Each measurement runs in its own process so that its peak resident memory
// (getrusage maxrss) is its own. The files go to a temporary folder, deleted
// at the end.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/tmx"
	"github.com/padan-tm/padan/exports/xliff"
)

func main() {
	n := flag.Int("n", 1_000_000, "number of units")
	format := flag.String("format", "", "tmx, xliff12 or xliff20 (internal: one measurement)")
	op := flag.String("op", "", "write or read (internal: one measurement)")
	file := flag.String("file", "", "file to write or read (internal)")
	cpuprofile := flag.String("cpuprofile", "", "with -format and -op: write a CPU profile here")
	flag.Parse()
	if *format != "" {
		if *cpuprofile != "" {
			f, err := os.Create(*cpuprofile)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
		if err := measure(*format, *op, *file, *n); err != nil {
			pprof.StopCPUProfile()
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	dir, err := os.MkdirTemp("", "padan-bench-exports")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)
	self, _ := os.Executable()
	fmt.Printf("%d units, %s, GOMAXPROCS=%d\n", *n, runtime.Version(), runtime.GOMAXPROCS(0))
	fmt.Printf("%-8s %-5s %9s %12s %10s %9s\n", "format", "op", "seconds", "units/s", "peak MB", "file MB")
	for _, f := range []string{"tmx", "xliff12", "xliff20"} {
		path := filepath.Join(dir, "bench."+f)
		for _, o := range []string{"write", "read"} {
			cmd := exec.Command(self, "-format", f, "-op", o, "-file", path, "-n", fmt.Sprint(*n))
			cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
			if err := cmd.Run(); err != nil {
				fmt.Fprintln(os.Stderr, f, o, err)
				os.Exit(1)
			}
		}
		os.Remove(path)
	}
}

// unit returns the i-th generated unit: about 150 characters of source and
// target, a translator's and (every other unit) an editor's revision.
func unit(i int) exports.Unit {
	base := time.Date(2023, 9, 12, 8, 0, 0, 0, time.UTC)
	u := exports.Unit{
		ID: "u" + strconv.Itoa(i), Document: "doc-" + strconv.Itoa(i/1000) + ".txt", Segment: i%1000 + 1,
		SourceLang: "id", TargetLang: "en",
		Source: "Pemimpin Korea Utara Kim Jong Un akan segera bertemu dengan Presiden Rusia nomor " + strconv.Itoa(i) + " untuk membahas kesepakatan & kerja sama <strategis>.",
		Target: "North Korean leader Kim Jong Un will soon meet Russian President number " + strconv.Itoa(i) + " to discuss a deal & <strategic> cooperation.",
		Status: exports.StatusTranslated,
	}
	u.Translator = exports.Revision{Role: exports.RoleTranslator, Text: u.Target, Author: "Jafar M Sidik", Time: base.Add(time.Duration(i) * time.Second)}
	if i%2 == 0 {
		u.Editor = exports.Revision{Role: exports.RoleEditor, Text: u.Target, Author: "Atman Ahdiat", Time: base.Add(time.Duration(i+3600) * time.Second)}
		u.Translator.Text = strings.Replace(u.Target, "soon", "shortly", 1)
		u.Status = exports.StatusReviewed
	}
	return u
}

type writer interface {
	Write(exports.Unit) error
	Close() error
}

func measure(format, op, path string, n int) error {
	start := time.Now()
	switch op {
	case "write":
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		defer f.Close()
		var w writer
		o := xliff.Options{SourceLang: "id", TargetLang: "en", ToolVersion: "bench"}
		switch format {
		case "tmx":
			w, err = tmx.NewWriter(f, tmx.Header{SrcLang: "id", CreationToolVersion: "bench"})
		case "xliff12":
			w, err = xliff.NewWriter12(f, o)
		case "xliff20":
			w, err = xliff.NewWriter20(f, o)
		}
		if err != nil {
			return err
		}
		for i := range n {
			if err := w.Write(unit(i)); err != nil {
				return err
			}
		}
		if err := w.Close(); err != nil {
			return err
		}
	case "read":
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		var next func() (exports.Unit, error)
		br := bufio.NewReaderSize(f, 1<<16)
		if format == "tmx" {
			next = tmx.NewReader(br, path).Next
		} else {
			next = xliff.NewReader(br, path).Next
		}
		got := 0
		for {
			_, err := next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			got++
		}
		if got != n {
			return fmt.Errorf("read %d units, want %d", got, n)
		}
	default:
		return fmt.Errorf("unknown op %q", op)
	}
	secs := time.Since(start).Seconds()
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fi, _ := os.Stat(path)
	fmt.Printf("%-8s %-5s %9.2f %12.0f %10.1f %9.1f\n", format, op, secs, float64(n)/secs, float64(ru.Maxrss)/1024, float64(fi.Size())/1e6)
	return nil
}
