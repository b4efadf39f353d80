package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// writeTable writes the reports in files as one Markdown table, a column
// per report (a backend), a row per figure.
func writeTable(w io.Writer, files []string) error {
	if len(files) == 0 {
		return fmt.Errorf("-table: name the JSON reports to put side by side")
	}
	reps := make([]report, len(files))
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &reps[i]); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	return table(w, reps)
}

// table writes reps as a Markdown table.
func table(w io.Writer, reps []report) error {
	rows := []struct {
		name string
		cell func(r report) string
	}{
		{"units (TMX)", func(r report) string {
			return fmt.Sprintf("%s (%.1f MB)", thousands(float64(r.Units)), mb(r.TMXBytes))
		}},
		{"import", func(r report) string {
			if r.Reused {
				return "— (database reused)"
			}
			return fmt.Sprintf("%.1f s = %s units/s (CPU %.1f s, peak %.0f MB)", r.ImportSeconds, thousands(r.ImportRate), r.ImportCPU, r.ImportRSSMB)
		}},
		{"database (× TMX)", func(r report) string { return fmt.Sprintf("%.1f MB (%.2f×)", mb(r.DBBytes), r.DBToTMX) }},
		{"lookup p50 / p95 / p99 ms", func(r report) string { return ms3(r.Lookup) }},
		{"lookup CPU p50 / p95 / p99 ms", func(r report) string { return ms3(r.LookupCPU) }},
		{"recall vs scan; top 5 identical", func(r report) string {
			return fmt.Sprintf("%d/%d = %.0f%% (%d queries); %d/%d", r.IndexMatches, r.ScanMatches, 100*r.Recall, r.ScanQueries, r.TopKIdentical, r.ScanQueries)
		}},
		{"concordance p50 / p95 ms", func(r report) string {
			return fmt.Sprintf("%.2f / %.2f (%d terms, %d without hits)", r.Concordance.P50, r.Concordance.P95, r.Concordance.N, r.ConcordanceNo)
		}},
		{"concurrent clients p50 / p95 / p99 ms", func(r report) string {
			return fmt.Sprintf("%s (%d clients, %s lookups)", ms3(r.ClientLookup), r.Clients, thousands(float64(r.ClientLookup.N)))
		}},
		{"concurrent clients, total", func(r report) string { return thousands(r.ClientRate) + " lookups/s" }},
		{"concurrent client processes p50 / p95 / p99 ms", func(r report) string {
			return fmt.Sprintf("%s (%d processes, %s lookups)", ms3(r.ProcLookup), r.ClientProcs, thousands(float64(r.ProcLookup.N)))
		}},
		{"concurrent client processes, total", func(r report) string { return thousands(r.ProcRate) + " lookups/s" }},
		{"one-shot `padan lookup` p50 / p95 ms", func(r report) string {
			return fmt.Sprintf("%.0f / %.0f (CPU %.0f / %.0f; %d runs)", r.OneShot.P50, r.OneShot.P95, r.OneShotCPU.P50, r.OneShotCPU.P95, r.OneShot.N)
		}},
		{"load average (1 min) after import, lookups, clients, one-shot", func(r report) string {
			var l []string
			for _, phase := range []string{"import", "lookup", "clients", "oneshot"} {
				l = append(l, strings.Fields(r.Load[phase] + " ?")[0])
			}
			return strings.Join(l, ", ")
		}},
	}
	fmt.Fprint(w, "| |")
	for _, r := range reps {
		fmt.Fprintf(w, " %s |", r.Backend)
	}
	fmt.Fprint(w, "\n|---|")
	for range reps {
		fmt.Fprint(w, "---|")
	}
	fmt.Fprintln(w)
	for _, row := range rows {
		fmt.Fprintf(w, "| %s |", row.name)
		for _, r := range reps {
			fmt.Fprintf(w, " %s |", row.cell(r))
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
		}
	}
	return nil
}

// ms3 formats p50, p95 and p99 in milliseconds.
func ms3(l latency) string { return fmt.Sprintf("%.2f / %.2f / %.2f", l.P50, l.P95, l.P99) }

// mb converts bytes to MB (10⁶ bytes, as the other tables of BENCHMARKS.md).
func mb(n int64) float64 { return float64(n) / 1e6 }

// thousands formats x rounded to an integer with commas between
// thousands: 1234567.8 → "1,234,568".
func thousands(x float64) string {
	s := strconv.FormatInt(int64(x+0.5), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
