// Command lookup measures padan's translation memory on one backend (SQLite
// or PostgreSQL) against the memories of shared/bench/gen_tm.py, the
// generator that measured translate-toolkit, OmegaT and neokapi, so that the
// figures compare.
//
// For one memory size it generates (or reuses) the TMX and its 1,000
// queries, imports the TMX into a fresh database with the padan binary
// (`padan --db DSN import-tm FILE -q`), then reports as one JSON object:
//
//   - import time, units/s, CPU time and peak memory of the import process,
//     and the database's size (and its ratio to the TMX size);
//   - lookup latency p50/p95/p99 over the queries, in one warm process
//     (every query is run once before the timed pass), in total and by
//     kind of query (exact, fuzzy, unrelated), and the CPU time of the
//     lookups' thread (which a busy machine does not inflate);
//   - concordance latency p50/p95 over words and phrases drawn from the
//     memory (see concordanceTerms);
//   - 16 concurrent clients, each with its own tm.Store (its own
//     connections), issuing lookups: latency p50/p95/p99 and lookups/s;
//     once as goroutines of this process, and once as 16 processes of
//     their own (this program run as a client, -client-procs), as 16
//     translators' padan processes are;
//   - a one-shot `padan --db DSN lookup TEXT` process, run -oneshot times:
//     wall time p50/p95;
//   - the matches found and the recall against an exhaustive scan that
//     scores every unit with the same score (internal/fuzzy.Scan's method),
//     and the scan's own latency;
//   - the machine (CPUs, memory) and its load average after each phase.
//
// Everything but the size goes through padan's public API (tm.Open, which
// takes a path or a postgres:// URL) or its binary, so the same program
// measures both backends.
//
// Usage:
//
//	go run ./bench/lookup -units 100000 [-db PATH|postgres://…] [-min 75] [-max 5] [-dir /tmp/padan-bench] [-scan 1000]
//	go run ./bench/lookup -table A.json B.json   # a Markdown table of reports, side by side
//
// -db: with no value, a fresh SQLite file in -dir; a path, a SQLite file
// that must not exist yet; a PostgreSQL URL, a database in which the run
// creates a schema of its own (dropped at the end unless -keep).
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
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/text/unicode/norm"

	"github.com/padan-tm/padan/bench/internal/pgurl"
	"github.com/padan-tm/padan/exports/tmx"
	"github.com/padan-tm/padan/tm"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == clientWorker {
		if err := runClient(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "lookup bench client:", err)
			os.Exit(1)
		}
		return
	}
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

// latency is a distribution of durations, in milliseconds.
type latency struct {
	P50, P95, P99, Max float64
	N                  int
}

// percentiles returns the nearest-rank percentiles of ds.
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
	Backend        string             `json:"backend"`
	DB             string             `json:"db"`               // without a password
	Reused         bool               `json:"reused,omitempty"` // -reuse: no import, so no import figures
	Units          int                `json:"units"`
	Min            int                `json:"min"`
	Max            int                `json:"max"`
	TMXBytes       int64              `json:"tmx_bytes"`
	ImportSeconds  float64            `json:"import_seconds"`
	ImportRate     float64            `json:"import_units_per_s"`
	ImportCPU      float64            `json:"import_cpu_seconds"`
	ImportRSSMB    float64            `json:"import_peak_rss_mb"`
	DBBytes        int64              `json:"db_bytes"`
	DBToTMX        float64            `json:"db_to_tmx"`
	Lookup         latency            `json:"lookup_ms"`
	LookupCPU      latency            `json:"lookup_cpu_ms"`
	LookupByKind   map[string]latency `json:"lookup_ms_by_kind"`
	QueriesMatched int                `json:"queries_with_matches"`
	Concordance    latency            `json:"concordance_ms"`
	ConcordanceNo  int                `json:"concordance_terms_without_hits"`
	Clients        int                `json:"clients"`
	ClientLookup   latency            `json:"clients_lookup_ms"`
	ClientRate     float64            `json:"clients_lookups_per_s"`
	ClientProcs    int                `json:"client_processes"`
	ProcLookup     latency            `json:"client_processes_lookup_ms"`
	ProcRate       float64            `json:"client_processes_lookups_per_s"`
	OneShot        latency            `json:"oneshot_ms"`
	OneShotCPU     latency            `json:"oneshot_cpu_ms"`
	PeakRSSMB      float64            `json:"peak_rss_mb"`
	ScanQueries    int                `json:"scan_queries"`
	ScanMatches    int                `json:"scan_matches"`
	IndexMatches   int                `json:"index_matches"`
	Recall         float64            `json:"recall"`
	TopKIdentical  int                `json:"topk_identical"`
	Scan           latency            `json:"scan_ms"`
	Load           map[string]string  `json:"load_average"` // after each phase: 1, 5, 15 min
	NumCPU         int                `json:"cpus"`
	MemoryGiB      float64            `json:"memory_gib"`
	GoVersion      string             `json:"go"`
	CPUs           int                `json:"gomaxprocs"`
}

// options are the run's flags.
type options struct {
	units, min, max, scan      int
	dir, gen, db, padan        string
	terms, clients, clientsMax int
	clientProcs                int
	queriesPath                string
	clientsFor                 time.Duration
	oneShot                    int
	cpuprofile                 string
	keep, reuse                bool
}

func run() error {
	var o options
	flag.IntVar(&o.units, "units", 10000, "memory size (units)")
	flag.IntVar(&o.min, "min", 75, "least score of a match")
	flag.IntVar(&o.max, "max", 5, "matches per lookup for the latency pass")
	flag.StringVar(&o.dir, "dir", filepath.Join(os.TempDir(), "padan-bench"), "work folder for TMX, queries, binary and SQLite database")
	flag.StringVar(&o.gen, "gen", defaultGen(), "path of gen_tm.py")
	flag.StringVar(&o.db, "db", "", "database: a SQLite path that does not exist yet, or a postgres:// URL (default: a fresh SQLite file in -dir)")
	flag.StringVar(&o.padan, "padan", "", "the padan binary (default: built from this module with go build -o into -dir)")
	flag.IntVar(&o.scan, "scan", 1000, "queries checked against the exhaustive scan")
	flag.IntVar(&o.terms, "terms", 300, "concordance terms drawn from the memory")
	flag.IntVar(&o.clients, "clients", 16, "concurrent clients, each with its own tm.Store")
	flag.IntVar(&o.clientProcs, "client-procs", 16, "concurrent client processes, each this program with its own tm.Store (0: none)")
	flag.IntVar(&o.clientsMax, "clients-queries", 1000, "lookups per client at most")
	flag.DurationVar(&o.clientsFor, "clients-time", 30*time.Second, "how long the clients run at most")
	flag.IntVar(&o.oneShot, "oneshot", 30, "one-shot padan lookup processes")
	flag.BoolVar(&o.keep, "keep", false, "keep a PostgreSQL run's schema (the run prints how to -reuse it)")
	flag.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the lookup passes (this process only) to this file")
	flag.BoolVar(&o.reuse, "reuse", false, "measure the existing database -db names (a schema kept with -keep, by its URL with search_path, or a SQLite file) without importing: only the timing passes, nothing dropped")
	table := flag.Bool("table", false, "print a Markdown table of the JSON reports named as arguments, and exit")
	flag.Parse()
	if *table {
		return writeTable(os.Stdout, flag.Args())
	}
	if flag.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (did you mean -table?)", flag.Arg(0))
	}
	ctx := context.Background()
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	tmxPath := filepath.Join(o.dir, fmt.Sprintf("tm-%d.tmx", o.units))
	qPath := filepath.Join(o.dir, fmt.Sprintf("queries-%d.jsonl", o.units))
	if _, err := os.Stat(qPath); err != nil {
		cmd := exec.Command("python3", o.gen, "--units", strconv.Itoa(o.units), "--tmx", tmxPath, "--queries", qPath)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("gen_tm.py: %w", err)
		}
	}
	o.queriesPath = qPath
	queries, err := readQueries(qPath)
	if err != nil {
		return err
	}
	fi, err := os.Stat(tmxPath)
	if err != nil {
		return err
	}
	if o.padan == "" {
		o.padan = filepath.Join(o.dir, "padan")
		cmd := exec.Command("go", "build", "-o", o.padan, "github.com/padan-tm/padan/cmd/padan")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build padan: %w", err)
		}
	}
	var t *target
	if o.reuse {
		t, err = reuseTarget(ctx, o.db)
	} else {
		t, err = newTarget(ctx, o.db, o.dir, o.units)
	}
	if err != nil {
		return err
	}
	switch {
	case o.reuse:
	case o.keep && t.Backend == "postgres":
		fmt.Fprintf(os.Stderr, "lookup bench: keeping schema %s; measure it again with -reuse -db '%s' (your password in place of xxxxx), drop it with DROP SCHEMA %s CASCADE\n",
			t.schema, t.Shown, t.schema)
	case !o.keep:
		defer func() {
			if err := t.Drop(ctx); err != nil {
				fmt.Fprintln(os.Stderr, "lookup bench:", err)
			}
		}()
	}
	rep := &report{Backend: t.Backend, DB: t.Shown, Reused: o.reuse, Units: o.units, Min: o.min, Max: o.max, TMXBytes: fi.Size(),
		Load: map[string]string{"start": loadAverage()}, NumCPU: runtime.NumCPU(), MemoryGiB: memoryGiB(),
		GoVersion: runtime.Version(), CPUs: runtime.GOMAXPROCS(0)}
	if err := measure(ctx, o, t, tmxPath, queries, rep); err != nil {
		return err
	}
	out, _ := json.MarshalIndent(rep, "", "  ")
	fmt.Println(string(out))
	return nil
}

// measure runs the phases in order, each on the database the one before
// filled, and fills rep.
func measure(ctx context.Context, o options, t *target, tmxPath string, queries []query, rep *report) error {
	if !o.reuse {
		if err := importTMX(o, t, tmxPath, rep); err != nil {
			return err
		}
	}
	var err error
	if rep.DBBytes, err = t.Size(ctx); err != nil {
		return err
	}
	rep.DBToTMX = float64(rep.DBBytes) / float64(rep.TMXBytes)

	s, err := tm.Open(ctx, t.DSN)
	if err != nil {
		return err
	}
	defer s.Close()
	lookup := func(s *tm.Store, q query, max int) ([]tm.Match, time.Duration, error) {
		t0 := time.Now()
		ms, err := s.Lookup(ctx, tm.LookupQuery{Text: q.Query, SourceLang: "id", TargetLang: "en", Min: o.min, Max: max})
		return ms, time.Since(t0), err
	}
	stopProfile, err := startProfile(o.cpuprofile)
	if err != nil {
		return err
	}
	top, err := lookups(queries, func(q query) ([]tm.Match, time.Duration, error) { return lookup(s, q, o.max) }, rep)
	stopProfile()
	if err != nil {
		return err
	}
	rep.PeakRSSMB = peakRSS()
	rep.Load["lookup"] = loadAverage()

	sources, err := readSources(tmxPath)
	if err != nil {
		return err
	}
	if err := concordance(ctx, s, concordanceTerms(sources, o.terms), rep); err != nil {
		return err
	}
	rep.Load["concordance"] = loadAverage()

	if err := clients(ctx, o, t.DSN, queries, lookup, rep); err != nil {
		return err
	}
	rep.Load["clients"] = loadAverage()

	if err := clientProcesses(o, t.DSN, rep); err != nil {
		return err
	}
	rep.Load["client_processes"] = loadAverage()

	if err := oneShot(o, t.DSN, queries, rep); err != nil {
		return err
	}
	rep.Load["oneshot"] = loadAverage()

	if err := scan(sources, queries[:min(o.scan, len(queries))], o, top,
		func(q query) ([]tm.Match, error) { ms, _, err := lookup(s, q, 0); return ms, err }, rep); err != nil {
		return err
	}
	rep.Load["scan"] = loadAverage()
	return nil
}

// importTMX creates the schema, as a desk's owner does (padan db init), so
// that on PostgreSQL the import, like every ordinary command, only writes
// rows and its time is the import's alone; then imports the TMX with the
// padan binary and reports the import's figures.
func importTMX(o options, t *target, tmxPath string, rep *report) error {
	if _, err := runPadan(o.padan, t.DSN, "db", "init"); err != nil {
		return err
	}
	start := time.Now()
	ps, err := runPadan(o.padan, t.DSN, "import-tm", tmxPath, "-q")
	if err != nil {
		return err
	}
	rep.ImportSeconds = time.Since(start).Seconds()
	rep.ImportRate = float64(o.units) / rep.ImportSeconds
	rep.ImportCPU, rep.ImportRSSMB = cpuSeconds(ps), peakMB(ps)
	rep.Load["import"] = loadAverage()
	return nil
}

// defaultGen is gen_tm.py in $PADAN_SHARED, or beside the repository.
func defaultGen() string {
	if d := os.Getenv("PADAN_SHARED"); d != "" {
		return filepath.Join(d, "bench", "gen_tm.py")
	}
	return "../shared/bench/gen_tm.py"
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

// readSources returns the source texts of the TMX, in NFC as the memory
// stores them (gen_tm.py writes no duplicate sources).
func readSources(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := tmx.NewReader(bufio.NewReaderSize(f, 1<<20), filepath.Base(path))
	var sources []string
	for {
		u, err := r.Next()
		if errors.Is(err, io.EOF) {
			return sources, nil
		}
		if err != nil {
			return nil, err
		}
		sources = append(sources, norm.NFC.String(u.Source))
	}
}

// runPadan runs the padan binary on the database dsn with the command and
// arguments args; its output is discarded, its error output shown if it
// fails.
func runPadan(padan, dsn string, args ...string) (*os.ProcessState, error) {
	cmd := exec.Command(padan, append([]string{"--db", dsn}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("padan %s: %w: %s", args[0], err, pgurl.Hide(strings.TrimSpace(stderr.String()), dsn))
	}
	return cmd.ProcessState, nil
}

// cpuSeconds is a finished process's user and system CPU time.
func cpuSeconds(ps *os.ProcessState) float64 { return (ps.UserTime() + ps.SystemTime()).Seconds() }

// peakMB is a finished process's peak resident memory (maxrss, KiB on
// Linux) in MB.
func peakMB(ps *os.ProcessState) float64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return float64(ru.Maxrss) / 1024
	}
	return 0
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

// procField returns the number in field name of a /proc file such as
// "/proc/self/status" ("VmHWM:"), or 0.
func procField(file, name string) float64 {
	b, err := os.ReadFile(file)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, name); ok {
			n, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return n
		}
	}
	return 0
}

// peakRSS returns the process's peak resident memory in MB (Linux).
func peakRSS() float64 { return procField("/proc/self/status", "VmHWM:") / 1024 }

// memoryGiB returns the machine's memory in GiB (Linux).
func memoryGiB() float64 { return procField("/proc/meminfo", "MemTotal:") / (1 << 20) }

// loadAverage returns the 1, 5 and 15 minute load averages of the machine,
// or "?" where /proc does not give them.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "?"
}

// startProfile starts a CPU profile written to path, if path is not empty,
// and returns the function that stops it.
func startProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
